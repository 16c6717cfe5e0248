/**
 * `clinpay audit` with one --provider for two files (SPEC §3, `[--provider NAME|all]`): a personal
 * record has no provider column, the group's statement names several. The name binds the file
 * that names several; the other is read whole. Before, the statement asked for --provider and the
 * record then refused it ("this log has no provider column"): no audit could be built.
 */
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { clinpay } from "../../helpers/cli-run";

const MINE = ["Date,Encounter ID,Status,CPT Code", "2026-01-05,E1,Completed,99214", "2026-01-06,E2,Completed,99213", "2026-01-07,E3,Completed,99214"];
// Hannah Kim's statement credits E1 and E2 (E3 is missing); Paul Lee's lines must not count as hers.
const GROUP_STATEMENT = [
  "Riverbend Medical Group - wRVU detail,,,,",
  "Service Date,Encounter,CPT,Work RVU,Rendering Provider",
  "01/05/2026,E1,99214,1.92,\"KIM, HANNAH MD\"",
  "01/06/2026,E2,99213,1.30,\"KIM, HANNAH MD\"",
  "01/07/2026,E3,99214,1.92,\"LEE, PAUL DO\"",
  "01/08/2026,E9,99215,2.80,\"LEE, PAUL DO\"",
];

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-cli-audit-"));
  await fs.writeFile(path.join(dir, "mine.csv"), MINE.join("\n"));
  await fs.writeFile(path.join(dir, "statement.csv"), GROUP_STATEMENT.join("\n"));
  await fs.writeFile(path.join(dir, "kim-only.csv"), GROUP_STATEMENT.filter((l) => !l.includes("LEE")).join("\n"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const args = (statement: string, ...more: string[]) => ["audit", "--mine", path.join(dir, "mine.csv"), "--statement", path.join(dir, statement), "--rvu-year", "2026", ...more];

test("a group statement without --provider: exit 2 listing its providers, nothing written", async () => {
  const out = path.join(dir, "none.xlsx");
  const r = await clinpay([...args("statement.csv"), "-o", out]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/statement\.csv column provider: names 2 providers: "KIM, HANNAH MD" \(2 rows\), "LEE, PAUL DO" \(2 rows\)/);
  expect(existsSync(out)).toBe(false);
});

test("--provider binds the statement that names several; the record without a provider column is read whole", async () => {
  const out = path.join(dir, "kim.xlsx");
  const r = await clinpay([...args("statement.csv", "--provider", "kim, hannah md"), "-o", out]);
  expect(r.err).not.toMatch(/no provider column/);
  expect(r.code).toBe(0);
  // Worked by hand: 3 services of mine; Kim's 2 lines match E1 and E2; E3 (99214, 1.92 at 2026 values) is missing.
  expect(r.out).toMatch(/Services: 3 in mine\.csv, 2 on statement\.csv \(net of voids\); 2 matched/);
  expect(r.out).toMatch(/Missing from their statement: 1 \(1\.92 wRVUs expected at 2026 values\)/);
  expect(r.out).toMatch(/On their statement only: 0 /);
  expect(existsSync(out)).toBe(true);
});

test("a statement naming one other provider is read whole, with a warning naming both", async () => {
  const out = path.join(dir, "lee.xlsx");
  const r = await clinpay([...args("kim-only.csv", "--provider", "LEE, PAUL DO"), "-o", out]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/Warnings:\n  .*kim-only\.csv names one provider, "KIM, HANNAH MD", not "LEE, PAUL DO": all its rows were read; check it is the same clinician's\./);
});

test("the usage line shows the RVU year as a year", async () => {
  const r = await clinpay(["audit", "--help"]);
  expect(r.out + r.err).toMatch(/\[--rvu-year YYYY\]/);
});

describe("what a reviewer tried: each a confident wrong figure before", () => {
  const write = async (name: string, lines: string[]) => {
    const f = path.join(dir, name);
    await fs.writeFile(f, lines.join("\n"));
    return f;
  };
  const audit = (mine: string, statement: string, ...more: string[]) => clinpay(["audit", "--mine", mine, "--statement", statement, ...more, "-o", path.join(dir, "review.xlsx")]);
  // Three visits a day on 2, 3 and 4 March 2026, and the same as their statement writes them (month first).
  const DAYS = [2, 3, 4];
  const CODES: [string, number][] = [["99213", 1.3], ["99214", 1.92], ["99212", 0.7]];
  const dmy = (d: number) => `0${d}/03/2026`;
  const mdy = (d: number) => `03/0${d}/2026`;
  const record = (date: (d: number) => string) => ["Date,CPT Code,Units", ...DAYS.flatMap((d) => CODES.map(([c]) => `${date(d)},${c},1`))];
  const statement = ["Service Date,CPT,Units,Work RVU", ...DAYS.flatMap((d) => CODES.map(([c, w]) => `${mdy(d)},${c},1,${w.toFixed(2)}`))];

  test("a column of 5-digit patient ids with one N/A is not read as codes", async () => {
    const ids = await write("patients.csv", ["Date,Patient,Visit,Units", ...Array.from({ length: 12 }, (_, i) => `2026-03-0${(i % 3) + 2},${27611 + i * 7919},Office visit,1`), "2026-03-04,N/A,Office visit,1"]);
    const r = await audit(ids, await write("st-a.csv", statement));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/needs a wrvu column \(or a code column to look wRVUs up\).*say which with a line column,<its header>,wrvu or column,<its header>,code/);
  });

  test("both files' dates could be read either way, in different orders: stopped; one --date-order for both is stopped too; an order per file builds", async () => {
    const mine = await write("dmy.csv", record(dmy));
    const theirs = await write("mdy.csv", statement);
    const guessed = await audit(mine, theirs);
    expect(guessed.code).toBe(2);
    expect(guessed.err).toMatch(/dmy\.csv row 2, column Date: "02\/03\/2026" — could be read either way/);
    const flagged = await audit(mine, theirs, "--date-order", "dmy");
    expect(flagged.code).toBe(2);
    expect(flagged.err).toMatch(/the one --date-order read both as day\/month\/year; read so, only 3 of your 9 services .* give each its own: --mine-date-order .*; and for .*mdy\.csv, --statement-date-order/);
    // The advice followed, a flag per file. Everything is credited: nothing owed.
    const done = await audit(mine, theirs, "--mine-date-order", "dmy", "--statement-date-order", "mdy");
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/^wRVUs owed 0\.00 = \$0 /m);
  });

  test("a shared --date-order one file's stray date overrules while it sets the other's: stopped whatever matched, asking for an order per file", async () => {
    // A day-first record with one typo (13/01 typed 01/13); their statement's dates could each be read either way.
    const typo = await write("typo.csv", [...record(dmy), "01/13/2026,99213,1"]);
    const theirs = await write("mdy2.csv", statement);
    const r = await audit(typo, theirs, "--date-order", "dmy");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/typo\.csv row 11, column Date: "01\/13\/2026" — can only be month\/day\/year \(13 January 2026 \(2026-01-13\)\), so --date-order dmy was not used for this column, but it did set how .*mdy2\.csv's dates are read .* one flag cannot say which file it is for/);
    // Followed for the record: its typo is a cell to fix (it cannot be day/month), said at its row.
    const own = await audit(typo, theirs, "--mine-date-order", "dmy");
    expect(own.code).toBe(2);
    expect(own.err).toMatch(/typo\.csv row 11, column date: "01\/13\/2026" — is not a date in day\/month\/year order.*if the whole column is month\/day\/year, pass --mine-date-order mdy \(the pane: My record.s Date order\)/);
  });

  test("encounter ids Excel shortened to one number in an .xlsx: not used; matched by date and code, the missing 99213 owed", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const sheet = async (name: string, header: string[], rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("S");
      [header, ...rows].forEach((r) => ws.addRow(r));
      const f = path.join(dir, name);
      await wb.xlsx.writeFile(f);
      return f;
    };
    const id = 100235000000; // what 1.00235E+11 becomes when Excel reads the text back as a number
    const mine = await sheet("collapsed-mine.xlsx", ["Date", "Encounter ID", "CPT Code", "Units"], [5, 6, 7, 8, 9].flatMap((d) => [[`01/0${d}/2026`, id, "99213", 1], [`01/0${d}/2026`, id, "99214", 1]]));
    // Their statement lacks 7 January's 99213 and has a 99213 of 20 January that is not mine.
    const lines = [5, 6, 7, 8, 9].flatMap((d) => [...(d === 7 ? [] : [[`01/0${d}/2026`, id, "99213", 1, 1.3]]), [`01/0${d}/2026`, id, "99214", 1, 1.92]]);
    const theirs = await sheet("collapsed-st.xlsx", ["Service Date", "Encounter ID", "CPT", "Units", "Work RVU"], [...lines, ["01/20/2026", id, "99213", 1, 1.3]]);
    const r = await audit(mine, theirs);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Your record's encounter ids are fewer than half its dates \(1 id over 5 dates/);
    expect(r.out).toMatch(/^wRVUs owed 1\.30 = \$65 /m);
    expect(r.out).toMatch(/On their statement only: 1 \(1\.30 wRVUs/);
  });
});
