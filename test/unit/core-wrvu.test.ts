/**
 * WRVU, DOWNCODE_IMPACT and MEDICARE_PAYMENT (SPEC §1) over the fee schedule ClinPay carries,
 * and that data checked against the reference files it is generated from.
 */
import * as fs from "fs";
import * as path from "path";
import { expectError } from "../helpers/expect-error";
import { bundledFees } from "../../src/core/data/bundled-fees";
import { downcodeImpact, feeRow, lookupWrvu, medicarePayment } from "../../src/core/wrvu";

const REF = path.resolve(__dirname, "..", "..", "..", "shared", "reference");
const fees = bundledFees();
const hasRef = fs.existsSync(path.join(REF, "cms-pfs-2025-rvu.csv"));

(hasRef ? test : test.skip)("the committed fee-schedule.json is exactly what scripts/make-fee-schedule.js makes from the reference", () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { build } = require("../../scripts/make-fee-schedule.js");
  const committed = fs.readFileSync(path.resolve(__dirname, "../../src/core/data/fee-schedule.json"), "utf8");
  expect(committed).toBe(JSON.stringify(build()) + "\n");
});

(hasRef ? test : test.skip)("every row of the reference CSV is in the table with its work RVU", () => {
  const [, ...lines] = fs.readFileSync(path.join(REF, "cms-pfs-2025-rvu.csv"), "utf8").trim().split(/\r?\n/);
  expect(lines.length).toBe(9281);
  for (const l of lines) {
    const [code, mod, , work, peNf, peF, mp] = l.split(",");
    const row = feeRow(fees, mod ? `${code}-${mod}` : code, 2025);
    expect([code, mod, row.work, row.peNonFacility, row.peFacility, row.mp]).toEqual([code, mod, Number(work), Number(peNf), Number(peF), Number(mp)]);
  }
});

describe("lookupWrvu", () => {
  test("values from the CMS reference, every kind of code", () => {
    expect(lookupWrvu(fees, 99214)).toBe(1.92);
    expect(lookupWrvu(fees, 99213)).toBe(1.3);
    expect(lookupWrvu(fees, 99202)).toBe(0.93);
    expect(lookupWrvu(fees, "G2211")).toBe(0.33);
    expect(lookupWrvu(fees, "90837")).toBe(3.63);
    expect(lookupWrvu(fees, "20610")).toBe(0.79);
    expect(lookupWrvu(fees, "98000")).toBe(0.93);
    expect(lookupWrvu(fees, 99214, 2025)).toBe(1.92);
    expect(lookupWrvu(fees, 99214, 2026)).toBe(1.92);
  });
  test("modifier rows: 71046-26 has its own RVUs; 99214-95 is 99214", () => {
    expect(lookupWrvu(fees, "71046-26")).toBe(0.22);
    expect(lookupWrvu(fees, "71046-TC")).toBe(0);
    expect(lookupWrvu(fees, "71046 26")).toBe(0.22);
    expect(lookupWrvu(fees, "99214-95")).toBe(1.92);
    expectError(() => lookupWrvu(fees, "99214-26"), "na", "code 99214-26 is not in");
  });
  test("text codes are trimmed and case-insensitive", () => {
    expect(lookupWrvu(fees, " 99214 ")).toBe(1.92);
    expect(lookupWrvu(fees, "g2211")).toBe(0.33);
  });
  test("the default year is the latest year the table has for that code", () => {
    expect(feeRow(fees, 99213).year).toBe(2026);
    expect(feeRow(fees, 99202).year).toBe(2025);
    expect(feeRow(fees, 99202, null).year).toBe(2025);
  });
  test("an unknown code or year is #N/A naming it", () => {
    expectError(() => lookupWrvu(fees, 99999), "na", "code 99999 is not in the CMS fee schedule");
    expectError(() => lookupWrvu(fees, 99214.5), "na", "code 99214.5 is not in");
    expectError(() => lookupWrvu(fees, 99202, 2026), "na", "no 2026 RVUs for 99202 in ClinPay's CMS table: it has 99202 for 2025");
    expectError(() => lookupWrvu(fees, 99214, 2024), "na", "it has 99214 for 2025, 2026");
  });
  test("an empty code is #VALUE!", () => {
    expectError(() => lookupWrvu(fees, "  "), "value", "code is empty");
  });
});

describe("downcodeImpact", () => {
  test("one visit 99214 → 99213 loses 1.92 − 1.30 = 0.62 wRVU", () => {
    expect(downcodeImpact(fees, 1, 99214, 99213)).toBeCloseTo(0.62, 12);
    expect(downcodeImpact(fees, 10, 99214, "99213", 50)).toBeCloseTo(310, 10);
    expect(downcodeImpact(fees, 10, 99213, 99214)).toBeCloseTo(-6.2, 12);
    expect(downcodeImpact(fees, 1, 90837, 90834)).toBeCloseTo(3.63 - lookupWrvu(fees, 90834), 12);
  });
  test("codes with different latest years use the year both have", () => {
    expect(downcodeImpact(fees, 1, 99214, 99202)).toBeCloseTo(1.92 - 0.93, 12);
  });
  test("errors", () => {
    expectError(() => downcodeImpact(fees, -1, 99214, 99213), "num", "visits must be 0 or more");
    expectError(() => downcodeImpact(fees, 1, 99214, 99213, -50), "num", "dollars_per_wrvu must be 0 or more");
    expectError(() => downcodeImpact(fees, 1, 99214, 99999), "na", "code 99999 is not in");
    expectError(() => downcodeImpact(fees, 1, 99214, 99202, null, 2026), "na", "no 2026 RVUs for 99202");
  });
});

describe("medicarePayment", () => {
  test("the reference's checks", () => {
    expect(medicarePayment(fees, 99213, null, 2025)).toBe(88.95);
    expect(medicarePayment(fees, 99214, "office", 2025)).toBe(125.18);
    expect(medicarePayment(fees, 99213)).toBe(95.19); // latest for 99213 is 2026
    expect(medicarePayment(fees, 99214, null, 2026)).toBe(135.61);
    expect(medicarePayment(fees, "90837", "facility")).toBe(Math.round(4.16 * 32.3465 * 100) / 100);
  });
  test("a locality applies its GPCIs; without a year, the year its GPCIs are for", () => {
    const expected = Math.round((1.92 * 1.017 + 1.8 * 1.093 + 0.15 * 0.662) * 32.3465 * 100) / 100;
    expect(medicarePayment(fees, 99214, "office", null, "CA-54")).toBe(expected);
    expect(medicarePayment(fees, 99214, "office", 2025, "ca54")).toBe(expected);
  });
  test("errors", () => {
    expectError(() => medicarePayment(fees, 99214, "home"), "value", 'setting must be "office"');
    expectError(() => medicarePayment(fees, 99214, null, null, "XX-01"), "na", "locality XX-01 is not a CMS Medicare locality");
    expectError(() => medicarePayment(fees, 99214, null, 2026, "CA-54"), "na", "2025 GPCIs only");
  });
});
