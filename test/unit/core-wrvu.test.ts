/**
 * WRVU and DOWNCODE_IMPACT (SPEC §1) over the bundled CMS table, and the table itself checked
 * against the project's reference CSV (../shared/reference/cms-em-wrvu.csv) when it is present.
 */
import * as fs from "fs";
import * as path from "path";
import { expectError } from "../helpers/expect-error";
import { CMS_WRVU } from "../../src/core/data/cms-wrvu";
import { downcodeImpact, latestWrvuTable, lookupWrvu, wrvuRow } from "../../src/core/wrvu";


const REFERENCE = path.resolve(__dirname, "..", "..", "..", "shared", "reference", "cms-em-wrvu.csv");

(fs.existsSync(REFERENCE) ? test : test.skip)("the data module holds every row of the reference CSV, no more", () => {
  const [header, ...lines] = fs.readFileSync(REFERENCE, "utf8").trim().split(/\r?\n/);
  expect(header.split(",").slice(0, 4)).toEqual(["code", "descriptor", "year", "work_rvu"]);
  // No field in this CSV is quoted: code, descriptor, year, work_rvu, note (note may hold "/").
  const rows = lines.map((l) => {
    const [code, descriptor, year, wrvu, ...note] = l.split(",");
    return { code, descriptor, year: Number(year), workRvu: Number(wrvu), note: note.join(",") };
  });
  expect(CMS_WRVU.length).toBe(rows.length);
  for (const r of rows) {
    const mine = CMS_WRVU.find((x) => x.code === r.code && x.year === r.year);
    expect(mine).toBeDefined();
    expect(mine!.workRvu).toBe(r.workRvu);
    expect(mine!.descriptor).toBe(r.descriptor);
  }
});

describe("lookupWrvu", () => {
  test("values from the CMS reference", () => {
    expect(lookupWrvu(99214)).toBe(1.92);
    expect(lookupWrvu(99213)).toBe(1.3);
    expect(lookupWrvu(99202)).toBe(0.93);
    expect(lookupWrvu("G2211")).toBe(0.33);
    expect(lookupWrvu(99214, 2025)).toBe(1.92);
    expect(lookupWrvu(99214, 2026)).toBe(1.92);
  });
  test("text codes are trimmed and case-insensitive", () => {
    expect(lookupWrvu(" 99214 ")).toBe(1.92);
    expect(lookupWrvu("g2211")).toBe(0.33);
    expect(lookupWrvu("99214")).toBe(1.92);
  });
  test("the default year is the latest year the table has for that code", () => {
    expect(wrvuRow(99213).year).toBe(2026);
    expect(wrvuRow(99202).year).toBe(2025);
    expect(wrvuRow(99202, null).year).toBe(2025);
  });
  test("an unknown code is #N/A naming it", () => {
    expectError(() => lookupWrvu(99999), "na", "code 99999 is not in ClinPay's CMS work RVU table");
    expectError(() => lookupWrvu("X1234"), "na", "code X1234 is not in");
    expectError(() => lookupWrvu(99214.5), "na", "code 99214.5 is not in");
  });
  test("an unknown year is #N/A naming the years the code has", () => {
    expectError(() => lookupWrvu(99202, 2026), "na", "no 2026 work RVU for 99202 in ClinPay's CMS table: it has 99202 for 2025");
    expectError(() => lookupWrvu(99214, 2024), "na", "it has 99214 for 2025, 2026");
  });
  test("an empty code is #VALUE!", () => {
    expectError(() => lookupWrvu("  "), "value", "code is empty");
  });
});

test("latestWrvuTable: each code once, at its latest year", () => {
  const table = latestWrvuTable();
  const codes = table.map((r) => r.code);
  expect(new Set(codes).size).toBe(codes.length);
  expect(codes.length).toBe(new Set(CMS_WRVU.map((r) => r.code)).size);
  expect(table.find((r) => r.code === "99213")).toMatchObject({ year: 2026, wrvu: 1.3 });
  expect(table.find((r) => r.code === "99202")).toMatchObject({ year: 2025, wrvu: 0.93 });
});

describe("downcodeImpact", () => {
  test("one visit 99214 → 99213 loses 1.92 − 1.30 = 0.62 wRVU", () => {
    expect(downcodeImpact(1, 99214, 99213)).toBeCloseTo(0.62, 12);
    expect(downcodeImpact(10, 99214, "99213")).toBeCloseTo(6.2, 12);
  });
  test("in dollars when dollars_per_wrvu is given", () => {
    expect(downcodeImpact(10, 99214, 99213, 50)).toBeCloseTo(310, 10);
    expect(downcodeImpact(100, 99215, 99214, 45.5, 2025)).toBeCloseTo(100 * 0.88 * 45.5, 9);
  });
  test("an upcode is a negative loss", () => {
    expect(downcodeImpact(10, 99213, 99214)).toBeCloseTo(-6.2, 12);
  });
  test("codes with different latest years use the year both have", () => {
    expect(downcodeImpact(1, 99214, 99202)).toBeCloseTo(1.92 - 0.93, 12);
  });
  test("errors", () => {
    expectError(() => downcodeImpact(-1, 99214, 99213), "num", "visits must be 0 or more");
    expectError(() => downcodeImpact(1, 99214, 99213, -50), "num", "dollars_per_wrvu must be 0 or more");
    expectError(() => downcodeImpact(1, 99214, 99999), "na", "code 99999 is not in");
    expectError(() => downcodeImpact(1, 99214, 99202, null, 2026), "na", "no 2026 work RVU for 99202");
  });
});
