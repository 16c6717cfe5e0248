/**
 * WRVU, DOWNCODE_IMPACT and MEDICARE_PAYMENT (SPEC §1) over the fee schedule ClinPay carries,
 * and that data checked against the reference files it is generated from. Expected values are
 * typed from ../shared/reference/README.md's stated checks, or read here from the reference CSVs
 * with a reader of this test's own — never from the code under test.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expectError } from "../../helpers/expect-error";
import { bundledFees } from "../../../src/core/data/bundled-fees";
import { downcodeImpact, feeRow, lookupWrvu, medicarePayment } from "../../../src/core/wrvu";
import { cmsBlockFor, cmsPricer } from "../../../src/core/cms-block";
import { ymdToSerial } from "../../../src/core/dates";

const REF = path.resolve(__dirname, "../../../../shared/reference");
const fees = bundledFees();
const hasRef = fs.existsSync(path.join(REF, "cms-pfs-2025-rvu.csv")) && fs.existsSync(path.join(REF, "cms-pfs-2026-rvu.csv"));
const withRef = hasRef ? test : test.skip;

interface RefRow {
  status: string;
  work: number;
  peNf: number;
  peF: number;
  mp: number;
  totalNf: number;
  totalF: number;
}

/** A year's reference CSV as key ("99213", "71046-26") → its row; the files quote nothing. */
function reference(year: number): Map<string, RefRow> {
  const [header, ...lines] = fs.readFileSync(path.join(REF, `cms-pfs-${year}-rvu.csv`), "utf8").trim().split(/\r?\n/);
  expect(header).toBe("hcpcs,mod,status,work_rvu,pe_rvu_nonfacility,pe_rvu_facility,mp_rvu,total_nonfacility,total_facility,global_days,conversion_factor");
  const out = new Map<string, RefRow>();
  for (const l of lines) {
    const [code, mod, status, work, peNf, peF, mp, totalNf, totalF] = l.split(",");
    out.set(mod ? `${code}-${mod}` : code, { status, work: +work, peNf: +peNf, peF: +peF, mp: +mp, totalNf: +totalNf, totalF: +totalF });
  }
  return out;
}
const ref = hasRef ? { 2025: reference(2025), 2026: reference(2026) } : undefined;

/** CA-54 (Bakersfield) 2025 GPCIs as the reference README states them. */
const CA54 = { work: 1.017, pe: 1.093, mp: 0.662 };
const round2 = (x: number) => Math.round(x * 100) / 100;

withRef("the committed fee-schedule.json is exactly what scripts/make-fee-schedule.js makes from the reference", () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { build } = require("../../../scripts/make-fee-schedule.js");
  const committed = fs.readFileSync(path.resolve(__dirname, "../../../src/core/data/fee-schedule.json"), "utf8");
  expect(committed).toBe(JSON.stringify(build()) + "\n");
});

/** scripts/make-fee-schedule.js's build() over a copy of the reference with one file edited. */
function buildEdited(file: string, edit: (text: string) => string): unknown {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-ref-"));
  const saved = process.env.CLINPAY_REFERENCE;
  try {
    for (const f of fs.readdirSync(REF)) {
      fs.copyFileSync(path.join(REF, f), path.join(dir, f));
      fs.chmodSync(path.join(dir, f), 0o644); // the reference is read-only; its copy is edited
    }
    fs.writeFileSync(path.join(dir, file), edit(fs.readFileSync(path.join(REF, file), "utf8")));
    process.env.CLINPAY_REFERENCE = dir; // read when the script loads
    let build: () => unknown = () => undefined;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    jest.isolateModules(() => ({ build } = require("../../../scripts/make-fee-schedule.js")));
    return build();
  } finally {
    if (saved === undefined) delete process.env.CLINPAY_REFERENCE;
    else process.env.CLINPAY_REFERENCE = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("the generator refuses a reference it would carry wrongly", () => {
  withRef("an RVU of three decimals (hundredths would round it)", () => {
    expect(() => buildEdited("cms-pfs-2026-rvu.csv", (t) => t.replace(/^20610,,A,0\.77,/m, "20610,,A,0.775,"))).toThrow('cms-pfs-2026-rvu.csv 20610: "0.775" is not an RVU of at most two decimals');
  });
  withRef("totals that are not the sum of their parts", () => {
    expect(() => buildEdited("cms-pfs-2026-rvu.csv", (t) => t.replace(/^(99213,,A,1\.30,1\.46,0\.33,0\.09,)2\.85,/m, "$12.86,"))).toThrow("cms-pfs-2026-rvu.csv 99213: its totals are not work + PE + MP");
  });
  withRef("a year's conversion factor other than the README's (the APM file's 33.5675)", () => {
    expect(() => buildEdited("cms-pfs-2026-rvu.csv", (t) => t.replace(/,33\.4009(\r?)$/gm, ",33.5675$1"))).toThrow("cms-pfs-2026-rvu.csv's conversion factor 33.5675 is not the README's 2026 CF 33.4009");
  });
  withRef("cms-em-wrvu.csv disagreeing with the full schedule", () => {
    expect(() => buildEdited("cms-em-wrvu.csv", (t) => t.replace(/^99214,(.*),2026,1\.92,/m, "99214,$1,2026,1.93,"))).toThrow("cms-em-wrvu.csv 99214 2026: work RVU 1.93 disagrees with the full schedule");
  });
});

describe.each([2025, 2026] as const)("the whole %i table", (year) => {
  withRef("every row of the reference CSV is in the table with its status and RVUs", () => {
    const rows = ref![year];
    expect(rows.size).toBe(year === 2025 ? 9281 : 9678);
    for (const [key, r] of rows) {
      const row = feeRow(fees, key, year);
      expect([key, row.status, row.work, row.peNonFacility, row.peFacility, row.mp]).toEqual([key, r.status, r.work, r.peNf, r.peF, r.mp]);
    }
  });
});

withRef("a key is in the table for exactly the years whose CSV lists it, and nothing else is", () => {
  const keys = new Set([...ref![2025].keys(), ...ref![2026].keys()]);
  expect(fees.size).toBe(keys.size);
  const years = (key: string) => (fees.rows(key) ?? []).map((r) => r.year);
  for (const key of keys) expect([key, years(key)]).toEqual([key, [2025, 2026].filter((y) => ref![y as 2025 | 2026].has(key))]);
  // The reference README: 466 keys new in 2026, 69 gone.
  expect([...keys].filter((k) => !ref![2025].has(k)).length).toBe(466);
  expect([...keys].filter((k) => !ref![2026].has(k)).length).toBe(69);
});

describe("the 2026 table (the reference README's checks)", () => {
  test("99213 2.85 and 99214 4.06 total non-facility RVUs", () => {
    const total = (code: number) => {
      const r = feeRow(fees, code, 2026);
      return r.work + r.peNonFacility + r.mp;
    };
    expect(total(99213)).toBeCloseTo(2.85, 10);
    expect(total(99214)).toBeCloseTo(4.06, 10);
  });
  test("office E/M work RVUs 99202-99215 are 2025's, and G2211 is 0.33", () => {
    // cms-em-wrvu.csv's 2025 values, "unchanged 2024 -> 2026".
    const em: Record<string, number> = { 99202: 0.93, 99203: 1.6, 99204: 2.6, 99205: 3.5, 99211: 0.18, 99212: 0.7, 99213: 1.3, 99214: 1.92, 99215: 2.8 };
    for (const [code, work] of Object.entries(em)) {
      expect([code, lookupWrvu(fees, code, 2025), lookupWrvu(fees, code, 2026), lookupWrvu(fees, code)]).toEqual([code, work, work, work]);
    }
    expect(lookupWrvu(fees, "G2211", 2026)).toBe(0.33);
  });
  test("the efficiency adjustment: 20610 0.79 → 0.77, 27447 19.60 → 19.11; 90837 3.63 → 3.78", () => {
    expect([lookupWrvu(fees, 20610, 2025), lookupWrvu(fees, 20610, 2026), lookupWrvu(fees, 20610)]).toEqual([0.79, 0.77, 0.77]);
    expect([lookupWrvu(fees, 27447, 2025), lookupWrvu(fees, 27447, 2026), lookupWrvu(fees, 27447)]).toEqual([19.6, 19.11, 19.11]);
    expect([lookupWrvu(fees, 90837, 2025), lookupWrvu(fees, 90837)]).toEqual([3.63, 3.78]);
  });
  test("facility PE of E/M fell: 99213 total facility 1.97 → 1.72", () => {
    const facility = (year: number) => {
      const r = feeRow(fees, 99213, year);
      return r.work + r.peFacility + r.mp;
    };
    expect(facility(2025)).toBeCloseTo(1.97, 10);
    expect(facility(2026)).toBeCloseTo(1.72, 10);
  });
  withRef("a code new in 2026 (37254) is #N/A for 2025; a code gone in 2026 (37220-37235) is #N/A for 2026 and 2025's without a year", () => {
    expect([ref![2025].has("37254"), ref![2026].has("37254")]).toEqual([false, true]);
    expect(lookupWrvu(fees, 37254)).toBe(ref![2026].get("37254")!.work);
    expectError(() => lookupWrvu(fees, 37254, 2025), "na", "no 2025 RVUs for 37254 in ClinPay's CMS table: it has 37254 for 2026");
    for (let code = 37220; code <= 37235; code++) {
      expect([code, ref![2025].has(String(code)), ref![2026].has(String(code))]).toEqual([code, true, false]);
      expectError(() => lookupWrvu(fees, code, 2026), "na", `no 2026 RVUs for ${code} in ClinPay's CMS table: it has ${code} for 2025`);
      expect(lookupWrvu(fees, code)).toBe(ref![2025].get(String(code))!.work);
    }
  });
});

describe("lookupWrvu", () => {
  test("values from the CMS reference, every kind of code", () => {
    expect(lookupWrvu(fees, 99214)).toBe(1.92);
    expect(lookupWrvu(fees, 99213)).toBe(1.3);
    expect(lookupWrvu(fees, 99202)).toBe(0.93);
    expect(lookupWrvu(fees, "G2211")).toBe(0.33);
    expect(lookupWrvu(fees, "90837", 2025)).toBe(3.63);
    expect(lookupWrvu(fees, "20610", 2025)).toBe(0.79);
    expect(lookupWrvu(fees, "98000")).toBe(0.93);
    expect(lookupWrvu(fees, 99214, 2025)).toBe(1.92);
    expect(lookupWrvu(fees, 99214, 2026)).toBe(1.92);
  });
  test("modifier rows: 71046-26 has its own RVUs; 99214-95 is 99214", () => {
    expect(lookupWrvu(fees, "71046-26", 2025)).toBe(0.22);
    expect(lookupWrvu(fees, "71046-TC", 2025)).toBe(0);
    expect(lookupWrvu(fees, "71046 26", 2025)).toBe(0.22);
    expect(lookupWrvu(fees, "99214-95")).toBe(1.92);
    expectError(() => lookupWrvu(fees, "99214-26"), "na", "code 99214-26 is not in");
  });
  test("text codes are trimmed and case-insensitive", () => {
    expect(lookupWrvu(fees, " 99214 ")).toBe(1.92);
    expect(lookupWrvu(fees, "g2211")).toBe(0.33);
  });
  test("the default year is the latest year the table has for that code", () => {
    expect(feeRow(fees, 99213).year).toBe(2026);
    expect(feeRow(fees, 99202, null).year).toBe(2026);
    expect(feeRow(fees, 37220).year).toBe(2025);
  });
  test("an unknown code or year is #N/A naming it", () => {
    expectError(() => lookupWrvu(fees, 99999), "na", "code 99999 is not in the CMS fee schedule ClinPay carries (every code with RVUs, years 2025, 2026)");
    expectError(() => lookupWrvu(fees, 99214.5), "na", "code 99214.5 is not in");
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
  });
  test("no year: the latest year both codes have; a year pins one", () => {
    expect(downcodeImpact(fees, 1, 27447, 20610)).toBeCloseTo(19.11 - 0.77, 12);
    expect(downcodeImpact(fees, 1, 27447, 20610, null, 2025)).toBeCloseTo(19.6 - 0.79, 12);
    expect(downcodeImpact(fees, 1, 90837, 90834)).toBeCloseTo(3.78 - lookupWrvu(fees, 90834, 2026), 12);
  });
  withRef("a code gone in 2026 beside one that is not: 2025, the year both have", () => {
    expect(downcodeImpact(fees, 1, 37220, 99213)).toBeCloseTo(ref![2025].get("37220")!.work - 1.3, 12);
  });
  test("errors", () => {
    expectError(() => downcodeImpact(fees, -1, 99214, 99213), "num", "visits must be 0 or more");
    expectError(() => downcodeImpact(fees, 1, 99214, 99213, -50), "num", "dollars_per_wrvu must be 0 or more");
    expectError(() => downcodeImpact(fees, 1, 99214, 99999), "na", "code 99999 is not in");
    expectError(() => downcodeImpact(fees, 1, 37220, 99213, null, 2026), "na", "no 2026 RVUs for 37220");
  });
});

describe("medicarePayment", () => {
  test("the reference's checks: 2025 $88.95 / $125.18, 2026 2.85 × 33.4009 = $95.19 and 4.06 × 33.4009 = $135.61", () => {
    expect(medicarePayment(fees, 99213, null, 2025)).toBe(88.95);
    expect(medicarePayment(fees, 99214, "office", 2025)).toBe(125.18);
    expect(round2(2.85 * 33.4009)).toBe(95.19);
    expect(round2(4.06 * 33.4009)).toBe(135.61);
    expect(medicarePayment(fees, 99213, null, 2026)).toBe(95.19);
    expect(medicarePayment(fees, 99214, null, 2026)).toBe(135.61);
    expect(medicarePayment(fees, 99213)).toBe(95.19); // no year: 2026, the latest
    expect(medicarePayment(fees, 99214, "office")).toBe(135.61);
    expect(medicarePayment(fees, "90837", "facility", 2025)).toBe(round2(4.16 * 32.3465));
  });
  withRef("every year prices at its own RVUs and conversion factor", () => {
    for (const code of ["20610", "27447", "90837", "G2211", "71046-26"]) {
      expect([code, medicarePayment(fees, code, "office", 2026)]).toEqual([code, round2(ref![2026].get(code)!.totalNf * 33.4009)]);
      expect([code, medicarePayment(fees, code, "facility", 2025)]).toEqual([code, round2(ref![2025].get(code)!.totalF * 32.3465)]);
    }
  });
  test("a locality applies its 2025 GPCIs to year 2025", () => {
    const expected = round2((1.92 * CA54.work + 1.8 * CA54.pe + 0.15 * CA54.mp) * 32.3465);
    expect(medicarePayment(fees, 99214, "office", 2025, "CA-54")).toBe(expected);
    expect(medicarePayment(fees, 99214, "office", 2025, "ca54")).toBe(expected);
  });
  test("a 2026 payment with a locality is #N/A: no 2026 GPCIs, and 2025's are not borrowed — given or by default", () => {
    const message = "no 2026 GPCIs bundled yet: give year 2025 or leave the locality blank";
    expectError(() => medicarePayment(fees, 99214, "office", 2026, "CA-54"), "na", message);
    expectError(() => medicarePayment(fees, 99214, "office", null, "CA-54"), "na", message);
    expectError(() => medicarePayment(fees, 99213, null, null, "ca 54"), "na", message);
  });
  withRef("no year and a locality: a code gone in 2026 is 2025's, with its GPCIs; one new in 2026 cannot take year 2025", () => {
    const r = ref![2025].get("37220")!;
    expect(medicarePayment(fees, 37220, "office", null, "CA-54")).toBe(round2((r.work * CA54.work + r.peNf * CA54.pe + r.mp * CA54.mp) * 32.3465));
    expectError(() => medicarePayment(fees, 37254, "office", null, "CA-54"), "na", "no 2026 GPCIs bundled yet, and 37254 has no 2025 RVUs: leave the locality blank for the national payment");
    expect(medicarePayment(fees, 37254, "office")).toBe(round2(ref![2026].get("37254")!.totalNf * 33.4009));
  });
  test("errors", () => {
    expectError(() => medicarePayment(fees, 99214, "home"), "value", 'setting must be "office"');
    expectError(() => medicarePayment(fees, 99214, null, null, "XX-01"), "na", "locality XX-01 is not a CMS Medicare locality");
    expectError(() => medicarePayment(fees, 99214, null, 2024, "CA-54"), "na", "no 2024 RVUs for 99214");
  });
});

describe("the CMS block of a log: a row per code and table year its services fall in, every year's value beside", () => {
  const d2024 = ymdToSerial(2024, 12, 30);
  const d2025 = ymdToSerial(2025, 7, 31);
  const d2026 = ymdToSerial(2026, 2, 10);
  const block = (rows: { code: string; date: number; addOns?: string[] }[]) => cmsBlockFor(fees, rows).rows.map((r) => [r.code, r.year, ...r.values]);
  test("the table's years; a 2025 service on the 2025 row, a 2026 one on the 2026 row, both years' values on each", () => {
    expect(cmsBlockFor(fees, [{ code: "20610", date: d2025 }]).years).toEqual([2025, 2026]);
    expect(block([{ code: "20610", date: d2025 }, { code: "27447", date: d2025 }])).toEqual([["20610", 2025, 0.79, 0.77], ["27447", 2025, 19.6, 19.11]]);
    expect(block([{ code: "20610", date: d2026 }, { code: " 27447 ", date: d2026 }])).toEqual([["20610", 2026, 0.79, 0.77], ["27447", 2026, 19.6, 19.11]]);
    expect(block([{ code: "20610", date: d2026 }, { code: "20610", date: d2025 }])).toEqual([["20610", 2025, 0.79, 0.77], ["20610", 2026, 0.79, 0.77]]);
  });
  test("the dates each row prices: the first year from any date, the last to any date", () => {
    const rows = cmsBlockFor(fees, [{ code: "20610", date: d2026 }, { code: "20610", date: d2024 }]).rows;
    expect(rows.map((r) => [r.year, r.from, r.to])).toEqual([[2025, 61, ymdToSerial(2025, 12, 31)], [2026, ymdToSerial(2026, 1, 1), 2958465]]);
  });
  test("a cell's further codes get rows too", () => {
    expect(block([{ code: "99214", addOns: ["G2211"], date: d2026 }])).toEqual([["99214", 2026, 1.92, 1.92], ["G2211", 2026, 0.33, 0.33]]);
  });
  withRef("a code gone in 2026 shows 2025's value for 2026; one new in 2026 shows 2026's for 2025", () => {
    const gone = ref![2025].get("37220")!.work;
    const added = ref![2026].get("37254")!.work;
    expect(block([{ code: "37220", date: d2026 }])).toEqual([["37220", 2026, gone, gone]]);
    expect(block([{ code: "37254", date: d2025 }])).toEqual([["37254", 2025, added, added]]);
  });
  test("no code known: the office E/M codes at the table year of the log's last date", () => {
    const years = cmsBlockFor(fees, [{ code: "X9999", date: d2025 }]).rows.map((r) => r.year);
    expect(years).toEqual(new Array(10).fill(2025));
    expect(cmsBlockFor(fees, [{ code: "X9999", date: d2026 }]).rows.map((r) => r.year)).toEqual(new Array(10).fill(2026));
  });
  test("priced at each row's own year, or every row at a pinned RVU year", () => {
    const b = cmsBlockFor(fees, [{ code: "20610", date: d2025 }, { code: "20610", date: d2026 }]);
    const own = cmsPricer(b);
    expect([own("20610", d2025)?.wrvu, own("20610", d2026)?.wrvu, own("20610", d2024)?.wrvu]).toEqual([0.79, 0.77, 0.79]);
    const at2025 = cmsPricer(b, 2025);
    expect([at2025("20610", d2025)?.wrvu, at2025("20610", d2026)?.wrvu]).toEqual([0.79, 0.79]);
    const at2026 = cmsPricer(b, 2026);
    expect([at2026("20610", d2025)?.wrvu, at2026("20610", d2026)?.wrvu]).toEqual([0.77, 0.77]);
    expect(own("99214", d2025)).toBeUndefined();
  });
});
