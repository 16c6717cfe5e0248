/**
 * Appointment logs and wRVU reports written by a helper who had not read the readers, aimed at
 * today's reading rules and their edges (test/fixtures/exports/round3/*, each with EXPECTED.md:
 * the figures worked by hand). Each of these once gave a confident wrong figure; each now gives
 * the hand-worked one, or stops naming the column and the line that reads it right.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { clinpay } from "../../helpers/cli-run";

const DIR = path.resolve(__dirname, "../../fixtures/exports/round3");

async function run(command: string, dir: string, args: string[]) {
  const out = path.join(os.tmpdir(), `clinpay-round3-${process.pid}-${dir}.xlsx`);
  const r = await clinpay([command, ...args.map((a) => (/\.csv$/.test(a) && !path.isAbsolute(a) ? path.join(DIR, dir, a) : a)), "-o", out]);
  await fs.rm(out, { force: true });
  return r;
}
const figure = (out: string, re: RegExp): number => {
  const m = re.exec(out);
  if (!m) throw new Error(`${re} not in:\n${out}`);
  return Number(m[1].replace(/,/g, ""));
};

test("c01 an Entry Date (when the visit was booked) is never the visit's date, even by its values: stopped, the columns listed", async () => {
  const r = await run("leakage", "c01-entry-date", ["--appointments", "log-entry-only.csv"]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/column date: this column is missing; the columns found are: Entry Date/);
});

test("c02 a Transaction Date is never the service date: stopped; with the service date, YTD 16.4", async () => {
  const stopped = await run("targets", "c02-txn-service-date", ["--wrvu-target", "5000", "--production", "txn-only.csv", "--period-start", "2026-01-01", "--as-of", "2026-02-28"]);
  expect(stopped.code).toBe(2);
  const r = await run("targets", "c02-txn-service-date", ["--wrvu-target", "5000", "--production", "wrvu-report.csv", "--period-start", "2026-01-01", "--as-of", "2026-02-28"]);
  expect(figure(r.out, /YTD wRVUs ([\d.,]+)/)).toBeCloseTo(16.4, 1);
});

test("c04 a further code's own units (CPT 2 Units 2): stopped at that row, not counted once", async () => {
  const r = await run("targets", "c04-cpt-numbered-units", ["--wrvu-target", "5000", "--production", "charges.csv", "--as-of", "2026-01-31"]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/charges\.csv row 2, column CPT 2 Units: "2" — gives a further code units of its own/);
});

test("c05 a CPT 2 column of quantities: stopped with the map line; followed, YTD 10.41 as the export means it", async () => {
  const stopped = await run("targets", "c05-cpt2-holds-units", ["--wrvu-target", "5000", "--production", "report.csv", "--as-of", "2026-01-31"]);
  expect(stopped.code).toBe(2);
  expect(stopped.err).toMatch(/say so with a line column,CPT 2,units in a --map file/);
  const map = path.join(os.tmpdir(), `clinpay-round3-${process.pid}-map.csv`);
  await fs.writeFile(map, "what,from,to\ncolumn,CPT 2,units\n");
  const r = await run("targets", "c05-cpt2-holds-units", ["--wrvu-target", "5000", "--production", "report.csv", "--as-of", "2026-01-31", "--map", map]);
  await fs.rm(map, { force: true });
  // 99214 1.92, 96372 × 2 0.34, 99213 1.30, 97110 × 4 1.80, 99215 2.80, G2211 0.33, 99214 1.92.
  expect(figure(r.out, /YTD wRVUs ([\d.,]+)/)).toBeCloseTo(10.4, 1);
});

test("c07 several codes and a description in one cell ('99214, G2211 - est + complexity'): both codes read; $280 lost", async () => {
  const r = await run("leakage", "c07-code-descriptions", ["--appointments", "appts.csv"]);
  expect(r.out).toMatch(/wRVUs lost to no-shows 5\.6 .* = \$280 /);
});

test("c10 'Mon 05/01/2026' with every day ≤ 12: the weekdays say day/month (5 January is a Monday, 1 May a Friday): $282 lost, $1,745 a year", async () => {
  const r = await run("leakage", "c10-weekday-dates", ["--appointments", "uk-clinic.csv"]);
  expect(r.out).toMatch(/No-shows cost 5\.6 wRVUs \(\$282\) from 2026-01-05 to 2026-03-04, \$1,745 a year/);
});

test("c11 a 'Last Mod Date' column is no modifier: 04/26/2026 does not make 99214-26; YTD 17.6", async () => {
  const r = await run("targets", "c11-dx-codes-mod-date", ["--wrvu-target", "4800", "--appointments", "appts-mod26.csv"]);
  expect(figure(r.out, /YTD wRVUs ([\d.,]+)/)).toBeCloseTo(17.6, 1);
});

describe("a Jane App-style appointments report (title rows, 'State', 'Mon, Jan 5, 2026', a Total line), as a user would try it", () => {
  const JANE = path.resolve(__dirname, "../../fixtures/exports/unseen-jane");
  const leakage = async (file: string, ...more: string[]) => {
    const out = path.join(os.tmpdir(), `clinpay-jane-${process.pid}.xlsx`);
    const r = await clinpay(["leakage", "--appointments", path.join(JANE, file), ...more, "-o", out]);
    await fs.rm(out, { force: true });
    return r;
  };

  test("as exported: 7 scheduled (a cancel with notice left out), 2 no-shows, 99213 1.30 + 99214 1.92 = $161 lost", async () => {
    const r = await leakage("jane.csv");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Scheduled 7, completed 5, no-shows 2 \(no-show rate 28\.6%\)/);
    expect(r.out).toMatch(/wRVUs lost to no-shows 3\.2 .* = \$161 /);
  });

  test("broken (statuses it does not know, so 'State' is not recognised): stopped with the column line; then the word lines; then the right figures", async () => {
    const map = path.join(os.tmpdir(), `clinpay-jane-${process.pid}-map.csv`);
    const first = await leakage("jane-broken.csv");
    expect(first.code).toBe(2);
    expect(first.err).toMatch(/column status: this column is missing; .*"State" holds appointment statuses on 6 of its 8 sampled rows .*say so with a line column,State,status in a --map file/);
    await fs.writeFile(map, "what,from,to\ncolumn,State,status\n");
    const second = await leakage("jane-broken.csv", "--map", map);
    expect(second.code).toBe(2);
    expect(second.err).toMatch(/"Pt Did Not Attend" — ×1 \(row 6\): .* status,Pt Did Not Attend,<one of those>/);
    expect(second.err).toMatch(/"Late Cancel Fee Charged" — ×1 \(row 8\)/);
    await fs.writeFile(map, "what,from,to\ncolumn,State,status\nstatus,Pt Did Not Attend,no_show\nstatus,Late Cancel Fee Charged,late_cancel\n");
    const done = await leakage("jane-broken.csv", "--map", map);
    await fs.rm(map, { force: true });
    // Now 8 scheduled; lost: the late cancel 99213 1.30, 99213 1.30 and 99214 1.92 = 4.52 → $226.
    expect(done.out).toMatch(/Scheduled 8, completed 5, no-shows 3/);
    expect(done.out).toMatch(/wRVUs lost to no-shows 4\.5 .* = \$226 /);
  });
});
