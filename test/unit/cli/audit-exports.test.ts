/**
 * `clinpay audit` over ten record/statement pairs written by someone who had not read the
 * readers (test/fixtures/exports/audit/*, each with its EXPECTED.md: what was planted and the
 * figures worked by hand from ../shared/reference's CMS work RVUs, e.g. with its rvu.py). Five of
 * them once gave a confident wrong number or a dead end: Excel's scientific-notation encounter ids
 * (c6), a void with its minus on the units only (c7), a TC line paired with a -26 service (c8),
 * ids that lost their leading zeros (c2), and a day/month record beside a month/day statement (c5).
 * Every case now gives the hand-worked "wRVUs owed", or stops with advice that, followed, does.
 */
import { promises as fs } from "fs";
import ExcelJS from "exceljs";
import * as os from "os";
import * as path from "path";
import { clinpay } from "../../helpers/cli-run";

const DIR = path.resolve(__dirname, "../../fixtures/exports/audit");

async function audit(dir: string, files: { mine?: string; statement?: string } = {}, ...more: string[]) {
  const at = (f: string) => path.join(DIR, dir, f);
  const out = path.join(os.tmpdir(), `clinpay-audit-exports-${process.pid}-${dir}.xlsx`);
  const r = await clinpay(["audit", "--mine", at(files.mine ?? "mine.csv"), "--statement", at(files.statement ?? "statement.csv"), ...more.map((m) => (m.endsWith(".csv") && !m.startsWith("-") ? at(m) : m)), "-o", out]);
  await fs.rm(out, { force: true });
  return r;
}

/** "wRVUs owed 3.71 = $186 …" → 3.71 */
function owed(out: string): number {
  const m = /^wRVUs owed (-?[\d.,]+) = /m.exec(out);
  if (!m) throw new Error(`no "wRVUs owed" line in:\n${out}`);
  return Number(m[1].replace(/,/g, ""));
}

test("c1 Epic-style detail against a visit log headed Codes and Enc #: 99204 missing 2.60, a voided 99212 0.70, G2211 dropped 0.33, 17003 ×5 credited ×3 0.08 → 3.71", async () => {
  const r = await audit("c1-epic-detail");
  expect(r.code).toBe(0);
  expect(owed(r.out)).toBeCloseTo(3.71, 10);
  // Mapping Enc # as the encounter id (a map target now) matches by encounter, to the same figure.
  const byId = await audit("c1-epic-detail", {}, "--map", "map.csv");
  expect(owed(byId.out)).toBeCloseTo(3.71, 10);
});

test("c2 encounter ids 0040120001 against 40120001 match by encounter: 3.15 (2025 values 3.19, 2026 values 3.11)", async () => {
  const r = await audit("c2-encid-zeros");
  expect(r.out).toMatch(/matched by encounter id and code/);
  expect(r.out).toMatch(/Encounter ids were compared without leading zeros/);
  expect(owed(r.out)).toBeCloseTo(3.15, 10);
  expect(owed((await audit("c2-encid-zeros", {}, "--rvu-year", "2025")).out)).toBeCloseTo(3.19, 10);
  expect(owed((await audit("c2-encid-zeros", {}, "--rvu-year", "2026")).out)).toBeCloseTo(3.11, 10);
  // The dollars as the sheet shows them: 3.15 × 50 is 157.5 in Excel (15 digits), $158 in both places.
  expect(r.out).toMatch(/wRVUs owed 3\.15 = \$158 /);
  expect(r.out).toMatch(/They owe you 3\.15 wRVUs \(\$158\)/);
});

test("c3 a group statement (two providers, DD-MMM-YYYY) against an RVU-tracker export: listed without --provider; 5.60 with it, and with HC:99214:25 codes", async () => {
  const none = await audit("c3-group-tracker");
  expect(none.code).toBe(2);
  expect(none.err).toMatch(/names 2 providers/);
  expect(owed((await audit("c3-group-tracker", {}, "--provider", "nguyen, thomas md")).out)).toBeCloseTo(5.6, 10);
  expect(owed((await audit("c3-group-tracker", { statement: "statement-hc.csv" }, "--provider", "nguyen, thomas md")).out)).toBeCloseTo(5.6, 10);
});

test("c4 a psychiatry statement at 2025 values for 2026 services: 2.32 wRVUs, $128 at $55; their year 2025 (6 of 9)", async () => {
  const r = await audit("c4-psych-2025-values", {}, "--rvu-year", "2026", "--dollars-per-wrvu", "55");
  expect(owed(r.out)).toBeCloseTo(2.32, 10);
  expect(r.out).toMatch(/wRVUs owed 2\.32 = \$128 /);
  expect(r.out).toMatch(/Their statement's RVU year: 2025 \(6 of 9 matched services at 2025 values/);
});

test("c5 a day/month record (every day ≤ 12) beside a month/day statement: stopped, naming the order to give; given for that file, 3.17 — the statement keeps its own order", async () => {
  const guessed = await audit("c5-dmy-record");
  expect(guessed.code).toBe(2);
  expect(guessed.err).toMatch(/mine\.csv row \d+, column Date of service: "\d\d\/\d\d\/2026" — could be read either way, .*only 0 of your 12 services are on their statement by date and code. Say how this file's dates are written: --mine-date-order dmy if/);
  const dmy = await audit("c5-dmy-record", {}, "--mine-date-order", "dmy");
  expect(dmy.code).toBe(0);
  expect(owed(dmy.out)).toBeCloseTo(3.17, 10);
  // One --date-order for both: the statement's own dates overrule it there, so it cannot say which file it is for.
  const shared = await audit("c5-dmy-record", {}, "--date-order", "dmy");
  expect(shared.code).toBe(2);
  expect(shared.err).toMatch(/statement\.csv row \d+, column Service Date: "01\/13\/2026" — can only be month\/day\/year .* one flag cannot say which file it is for\. Give each file its own: .* --mine-date-order dmy if it is 5 January 2026/);
  expect(owed((await audit("c5-dmy-record", { mine: "mine-iso.csv" })).out)).toBeCloseTo(3.17, 10);
});

test("c6 every CSN saved by Excel as 1.00235E+11: no id, matched by date and code, 4.52 — never 'nothing owed'", async () => {
  const r = await audit("c6-excel-mangled-csn");
  expect(r.out).toMatch(/16 encounter ids were saved by Excel in scientific notation \(like 1\.00235E\+11\)/);
  expect(owed(r.out)).toBeCloseTo(4.52, 10);
  expect(owed((await audit("c6-excel-mangled-csn", { mine: "mine-fullids.csv" })).out)).toBeCloseTo(4.52, 10);
});

test("c7 Epic voids, one with its minus on the units only: 3.67, as with the wRVU signed", async () => {
  const r = await audit("c7-voids");
  expect(r.out).toMatch(/1 row had negative units and a wRVU printed without its minus \(row 21: units -1, wRVU 1\.3\): read as taking the wRVU off/);
  expect(owed(r.out)).toBeCloseTo(3.67, 10);
  expect(owed((await audit("c7-voids", { statement: "statement-signed.csv" })).out)).toBeCloseTo(3.67, 10);
});

test("c8 cardiology .xlsx statement, TC line listed before the -26: my 93880-26 takes the -26 line; 'Procedure' read as the code column from its values → 2.53", async () => {
  const r = await audit("c8-cardio-xlsx", { statement: "statement.xlsx" });
  expect(r.out).toMatch(/Read "Procedure" as code from its values/);
  expect(owed(r.out)).toBeCloseTo(2.53, 10);
  // 2.53 × 50 = 126.5: $127 in the summary as in the sheet.
  expect(r.out).toMatch(/wRVUs owed 2\.53 = \$127 /);
});

test("c9 Excel serial dates, an NP and an MD, my record naming the MD differently: 2.86 (2026 values 2.80, 2025 values 2.88), with a warning", async () => {
  const r = await audit("c9-group-serial-dates", {}, "--provider", "chen, david md");
  expect(owed(r.out)).toBeCloseTo(2.86, 10);
  expect(r.out).toMatch(/names one provider, "[^"]+", not "chen, david md": all its rows were read/);
  expect(owed((await audit("c9-group-serial-dates", {}, "--provider", "chen, david md", "--rvu-year", "2026")).out)).toBeCloseTo(2.8, 10);
  expect(owed((await audit("c9-group-serial-dates", {}, "--provider", "chen, david md", "--rvu-year", "2025")).out)).toBeCloseTo(2.88, 10);
});

test("c10 a statement with per-unit and total wRVU columns: stopped naming the line; with it, 0.70", async () => {
  const stopped = await audit("c10-perunit-vs-total");
  expect(stopped.code).toBe(2);
  expect(stopped.err).toMatch(/column,Total wRVU,wrvu/);
  expect(owed((await audit("c10-perunit-vs-total", {}, "--map", "map.csv")).out)).toBeCloseTo(0.7, 10);
});

/**
 * A second round by another writer who had not read the readers (folders r2-*): ten more
 * confident wrong figures, each now the hand-worked one — or a warning that says how much of it
 * rests on a contract's choice.
 */
describe("round 2", () => {
  // This writer named the statement stmt.csv.
  const audit2 = (dir: string, files: { mine?: string; statement?: string } = {}, ...more: string[]) => audit(dir, { statement: "stmt.csv", ...files }, ...more);

  test("r2-01 a statement whose Post Date comes before From DOS (or Service Dt): the service date is read, 2.80 (99215 recorded, 99214 credited on 6 Jan)", async () => {
    for (const statement of ["stmt.csv", "stmt-fromdos.csv", "stmt-svcdt.csv"]) {
      const r = await audit2("r2-01-postdate", { statement });
      expect(r.out).not.toMatch(/Date read from "Post Date"/);
      expect(owed(r.out)).toBeCloseTo(2.8, 10);
    }
  });

  test("r2-02 voids in accounting form, (1.92) and 1.92-: read negative, 1.92 owed (a void not rebilled)", async () => {
    for (const statement of ["stmt.csv", "stmt-trail.csv", "stmt-nounits.csv"]) expect(owed((await audit2("r2-02-parens", { statement })).out)).toBeCloseTo(1.92, 10);
  });

  test("r2-04 modifiers Medicare pays a share for (80, 51, 50, 62), credited at the share: the shortfall is priced at full value and the Bottom line says all 23.21 of it come from them", async () => {
    const r = await audit2("r2-04-modifiers");
    // Full 2026 values less the shares credited (EXPECTED.md): 27447-80 19.11 − 3.06, 20610-51 0.77 − 0.39, 20610-50 0.77 − 1.16, 27130-62 19.11 − 11.94 = 23.21.
    expect(owed(r.out)).toBeCloseTo(23.21, 10);
    expect(r.out).toMatch(/Bottom line: .* 23\.21 wRVUs of the shortfall come from services with modifiers Medicare pays a share for \(50, 51, 62, 80\): not owed if your contract credits the share\./);
    expect(r.out).toMatch(/"Mod 1", "Mod 2" read as one modifier cell/);
  });

  test("r2-06 a tracker's codes with descriptions ('99214 - Office visit est', '99214-25 - office visit'): read as the codes, 3.18", async () => {
    const r = await audit2("r2-06-tracker", { mine: "mine.xlsx", statement: "stmt2.csv" });
    expect(r.out).toMatch(/had a description after the code/);
    expect(owed(r.out)).toBeCloseTo(3.18, 10);
    expect(owed((await audit2("r2-06-tracker", { mine: "m.csv", statement: "s.csv" })).out)).toBeCloseTo(0, 10);
  });

  test("r2-08 / r2-23 a Mod1 header (53 on the record; TC and 26 on the statement, TC first): read, 0 owed", async () => {
    expect(owed((await audit2("r2-08-mod53")).out)).toBeCloseTo(0, 10);
    expect(owed((await audit2("r2-23-mod1-tc")).out)).toBeCloseTo(0, 10);
  });

  test("r2-10 a statement posting one line per unit (99292 × 2, 11045 × 3): each service takes lines up to its units, 0 owed", async () => {
    expect(owed((await audit2("r2-10-unitsplit")).out)).toBeCloseTo(0, 10);
  });

  test("r2-19 a record with ids on 4 rows of 10: those by encounter, the rest by date, 1.92 owed", async () => {
    const r = await audit2("r2-19-partialids");
    expect(r.out).toMatch(/Your 6 services without an id were matched by date and code, to the lines left\./);
    expect(owed(r.out)).toBeCloseTo(1.92, 10);
  });

  test("r2-20 a statement's Procedure column of '99214 - OFFICE O/P EST MOD 30 MIN': read as codes, 2.80", async () => {
    expect(owed((await audit2("r2-20-stmt-desc")).out)).toBeCloseTo(2.8, 10);
  });

  test("r2-21 a record dated 01-05-2026: read as a date, 0.42 short on the 99214 they credited 1.50", async () => {
    expect(owed((await audit2("r2-21-dates", { mine: "m.csv", statement: "s.csv" })).out)).toBeCloseTo(0.42, 10);
  });

  test("r2-22 CPT 1, CPT 2, CPT 3 columns: read as one code cell, the dropped G2211 owed, 0.33", async () => {
    const r = await audit2("r2-22-cpt12");
    expect(r.out).toMatch(/"CPT 1", "CPT 2", "CPT 3" read as one code cell, as "CPT 1"/);
    expect(owed(r.out)).toBeCloseTo(0.33, 10);
  });
});

test("a record of 3 days gives no 'Dollars owed per year' (it would multiply 3 days by 122); 9 days does", async () => {
  const per = async (dir: string, statement: string) => {
    const out = path.join(os.tmpdir(), `clinpay-per-year-${process.pid}-${dir}.xlsx`);
    const r = await clinpay(["audit", "--mine", path.join(DIR, dir, "mine.csv"), "--statement", path.join(DIR, dir, statement), "-o", out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    await fs.rm(out, { force: true });
    let cell: ExcelJS.Cell | undefined;
    wb.getWorksheet("Pay Audit")!.eachRow((row) => {
      if (row.getCell(1).value === "Dollars owed per year") cell = row.getCell(2);
    });
    return cell!.model.result ?? "";
  };
  expect(await per("r2-04-modifiers", "stmt.csv")).toBe("");
  // c2: 3.15 wRVUs × $50 over my record's 2025-12-29 … 2026-01-06 (9 days) × 365.
  expect(await per("c2-encid-zeros", "statement.csv")).toBeCloseTo((3.15 * 50 * 365) / 9, 6);
});
