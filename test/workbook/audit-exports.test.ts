/**
 * Pay Audit sheets built from the independently written pairs that once went wrong
 * (test/fixtures/exports/audit, see test/unit/cli/audit-exports.test.ts), recalculated in
 * LibreOffice: the sheet's own formulas reach the hand-worked "wRVUs owed" — a void whose minus
 * is on its units only nets by -ABS of its wRVU, a -26 service shows the -26 line as its partner —
 * and every cached number is LibreOffice's.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { buildEach } from "../helpers/cli-run";
import { findErrors, readSheet, recalcWithLibreOffice } from "../helpers/libreoffice";
import { Grid, compareCached } from "./sheet-grid";
import { AUDIT_LABELS as L, AUDIT_SHEET_NAME } from "../../src/sheets/pay-audit";

const DIR = path.resolve(__dirname, "../fixtures/exports/audit");
const at = (c: string, f: string) => path.join(DIR, c, f);

// Worked by hand in each case's EXPECTED.md.
const CASES: { name: string; args: string[]; owed: number }[] = [
  { name: "c2-zeros", args: ["--mine", at("c2-encid-zeros", "mine.csv"), "--statement", at("c2-encid-zeros", "statement.csv")], owed: 3.15 },
  { name: "c5-dmy", args: ["--mine", at("c5-dmy-record", "mine.csv"), "--statement", at("c5-dmy-record", "statement.csv"), "--mine-date-order", "dmy"], owed: 3.17 },
  { name: "c6-scientific", args: ["--mine", at("c6-excel-mangled-csn", "mine.csv"), "--statement", at("c6-excel-mangled-csn", "statement.csv")], owed: 4.52 },
  { name: "c7-voids", args: ["--mine", at("c7-voids", "mine.csv"), "--statement", at("c7-voids", "statement.csv")], owed: 3.67 },
  { name: "c8-cardio", args: ["--mine", at("c8-cardio-xlsx", "mine.csv"), "--statement", at("c8-cardio-xlsx", "statement.xlsx")], owed: 2.53 },
];

let dir: string;
const grids: Record<string, Grid> = {};
const data: Record<string, Grid> = {};
const errors: string[] = [];
const stale: string[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-audit-exports-"));
  const built = await buildEach("audit", CASES.map((c) => [c.name, c.args]), dir);
  const recalc = await recalcWithLibreOffice(built.files, path.join(dir, "recalc"));
  for (const [i, c] of CASES.entries()) {
    grids[c.name] = new Grid(await readSheet(recalc[i], AUDIT_SHEET_NAME));
    data[c.name] = new Grid(await readSheet(recalc[i], `${AUDIT_SHEET_NAME} data`));
    errors.push(...(await findErrors(recalc[i])).map((e) => `${c.name}: ${e}`));
    // Numbers only: a sentence's dollars at an exact half (3.15 × 50) are Excel's rounding in the cache.
    stale.push(...(await compareCached(built.files[i], recalc[i], [AUDIT_SHEET_NAME, `${AUDIT_SHEET_NAME} data`], true)));
  }
}, 300_000);

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test("no cell is an error, and every cached number is what LibreOffice computes", () => {
  expect(errors).toEqual([]);
  expect(stale).toEqual([]);
});

test.each(CASES)("$name: the sheet's wRVUs owed is the hand-worked $owed", ({ name, owed }) => {
  expect(grids[name].figure(L.wrvusOwed)).toBeCloseTo(owed, 9);
});

test("c7: the void with its minus on the units nets its line to 0, in the data sheet's own formula", () => {
  // Their statement's row 21 (99213, units -1, wRVU 1.30 as printed) voids row 11 (encounter 55006's 99213).
  const g = data["c7-voids"];
  // Their table: the header row holding "Void of row"; its own Source row column is the nearest one to the left.
  const [[r, voidOf]] = g.find("Void of row");
  const source = Math.max(...g.find("Source row").filter(([rr, cc]) => rr === r && cc < voidOf).map(([, cc]) => cc));
  const net = g.find("Net wRVU").find(([rr]) => rr === r)![1];
  const rows = new Map<number, number>();
  for (let k = r + 1; g.at(k, source) !== null; k++) rows.set(g.at(k, source) as number, k);
  expect(g.at(rows.get(21)!, voidOf)).toBe(11);
  // Voided in full: the line leaves the statement (its Net is blank).
  expect(g.at(rows.get(11)!, net) ?? "").toBe("");
});
