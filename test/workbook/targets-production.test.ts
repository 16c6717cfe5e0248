/**
 * The Target Tracker fed by rows (SPEC §3 "Target Tracker, more"): an Epic wRVU report with voids
 * and two providers, an RVU-tracker app's CSV on a July contract year, and the sample appointment
 * log, each run through `clinpay targets` as exported, recalculated in LibreOffice, and checked
 * against the core and against values worked by hand. One workbook is then edited (As of moved
 * back) and recalculated again, to show the YTD and the monthly table follow the edit.
 */
import { promises as fs, readFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildEach } from "../helpers/cli-run";
import type { CliIO } from "../../src/cli/command";
import { findErrors, readSheet, recalcWithLibreOffice, type CellValue } from "../helpers/libreoffice";
import { Grid, Mismatches, planFormulas } from "./sheet-grid";
import { TARGET_LABELS as L, TARGET_SHEET_NAME } from "../../src/sheets/target-tracker";
import { MONTHLY_HEADERS } from "../../src/sheets/target-production";
import { buildFromFlags } from "../../src/cli/sheet-command";
import { demoFlags, SAMPLES_DIR } from "../../src/cli/commands/demo";
import { SHEETS } from "../../src/sheets/registry";
import { summedProduction } from "../../src/sheets/target-production";
import { readProductionTable } from "../../src/core/inputs/production";
import { targetMetrics, type TargetMetrics } from "../../src/core/targets";
import { bundledFees } from "../../src/core/data/bundled-fees";
import { parseCsv } from "../../src/core/csv";
import { parseTargetTiers } from "../../src/core/inputs/offers";
import type { SheetPlan } from "../../src/sheets/plan";
import { ymdToSerial } from "../../src/core/dates";
import { writeXlsxFile } from "../../src/render/xlsx";
import { lintFormulas } from "../../src/sheets/lint";

const EXPORTS = path.resolve(__dirname, "../fixtures/exports");
const fx = (f: string) => path.join(EXPORTS, f);
const quiet: CliIO = { out: () => undefined, err: () => undefined, progress: () => undefined };


// Epic wRVU report, SMITH (target 400, As of = the report's last date 2026-04-24, day 114):
//   Jan 15 × 99214 (1.92) + 3 × 99215 (2.80) − a void of 99214 = 14 × 1.92 + 8.40 = 35.28
//   Feb 10 × 99214 + 5 × 99213 (1.30) + 20610 × 2 units (2 × 0.79)  = 19.20 + 6.50 + 1.58 = 27.28
//   Mar 12 × 99214 + 4 × 99215 + 2 × 99213 − a void of 99215        = 23.04 + 11.20 + 2.60 − 2.80 = 34.04
//   Apr 10 × 99214 + 5 × 99215                                      = 19.20 + 14.00 = 33.20
// YTD 129.80. Pace: 400 × 31/365 = 33.97 (Jan, above), × 59/365 = 64.66 (Feb: 62.56, below),
// × 90/365 = 98.63 (Mar: 96.60, below), × 114/365 = 124.93 (Apr: 129.80, above): 2 months below.
const EPIC_MONTHS = [
  [ymdToSerial(2026, 1, 1), 35.28, 35.28, (400 * 31) / 365, "no"],
  [ymdToSerial(2026, 2, 1), 27.28, 62.56, (400 * 59) / 365, "yes"],
  [ymdToSerial(2026, 3, 1), 34.04, 96.6, (400 * 90) / 365, "yes"],
  [ymdToSerial(2026, 4, 1), 33.2, 129.8, (400 * 114) / 365, "no"],
];
// RVU tracker, contract year from 2025-07-01, As of 2025-10-15 (day 107), target 4,800:
//   Jul 8 × 1.92 + 2 × 2.80 + 90837 with no wRVU (its CMS 3.63)       = 15.36 + 5.60 + 3.63 = 24.59
//   Aug 6 × 99213 1.30 + 6 × G2211 0.33 + 99214 × 2 units, no wRVU    = 7.80 + 1.98 + 3.84 = 13.62
//   Sep 10 × 1.92 + X9999 (no wRVU, not a CMS code: 0)                = 19.20
//   Oct 1–15 3 × 2.80 (the 20 Oct row is after As of)                 = 8.40
// YTD 65.81; two June rows are before the period and one is after As of.
const TRACKER_YTD = 24.59 + 13.62 + 19.2 + 8.4;

let dir: string;
const grids: Record<string, Grid> = {};
const summaries: Record<string, string> = {};
const errors: string[] = [];
let demo: { plan: SheetPlan; metrics: TargetMetrics; production: ReturnType<typeof summedProduction>["production"] };
let demoGrid: Grid;
let demoCached: { address: string; cached: CellValue }[];
let demoRecalc: Map<string, CellValue>;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-targets-rows-"));
  const jobs: [string, string[]][] = [
    ["epic", ["--wrvu-target", "400", "--production", fx("epic-wrvu-report.csv"), "--provider", "smith, jane md"]],
    ["tracker", ["--wrvu-target", "4800", "--production", fx("rvu-tracker.csv"), "--period-start", "2025-07-01", "--as-of", "2025-10-15", "--base-salary", "150000"]],
  ];
  const built = await buildEach("targets", jobs, dir);
  const files = built.files;
  Object.assign(summaries, built.summaries);
  // The Epic workbook again, with As of typed back to 15 Feb as a user would.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(files[0]);
  const ws = wb.getWorksheet(TARGET_SHEET_NAME)!;
  ws.eachRow((row) => row.eachCell((cell) => {
    if (cell.value === L.asOf) ws.getCell(Number(cell.row), Number(cell.col) + 1).value = new Date(Date.UTC(2026, 1, 15));
  }));
  const edited = path.join(dir, "epic-edited.xlsx");
  await wb.xlsx.writeFile(edited);
  files.push(edited);
  // The demo's tracker, and the same figures from the core: the sample log's completed visits, As of its last date.
  const def = SHEETS.find((d) => d.kind === "target-tracker")!;
  const plan = (await buildFromFlags(def, demoFlags(def), quiet, new Date(Date.UTC(2026, 3, 1)))).plan;
  const sample = (f: string) => parseCsv(readFileSync(path.join(SAMPLES_DIR, f), "utf8"), f);
  const read = readProductionTable(sample("appointments.csv"), "log");
  const pace = { wrvuTarget: 5000, periodStart: ymdToSerial(2026, 1, 1), asOf: read.last!, daysInPeriod: 365 };
  const { production } = summedProduction(read, "appointments.csv", bundledFees(), pace, true);
  const metrics = targetMetrics({ wrvuTarget: 5000, ytd: production.figures.ytd, asOf: pace.asOf, dollarsPerWrvu: 50, tiers: parseTargetTiers(sample("target-tiers.csv")), baseSalary: 180000 });
  demo = { plan, metrics, production };
  const demoFile = path.join(dir, "demo.xlsx");
  await writeXlsxFile([demo.plan], demoFile);
  files.push(demoFile);

  const recalc = await recalcWithLibreOffice(files, path.join(dir, "recalc"));
  const names = ["epic", "tracker", "edited", "demo"];
  for (const [i, name] of names.entries()) {
    const cells = await readSheet(recalc[i], TARGET_SHEET_NAME);
    grids[name] = new Grid(cells);
    if (name === "demo") demoRecalc = cells;
    errors.push(...(await findErrors(recalc[i])).map((e) => `${name}: ${e}`));
  }
  demoGrid = grids.demo;
  demoCached = planFormulas(demo.plan);
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const close = (v: unknown, want: number) => expect(v as number).toBeCloseTo(want, 9);

test("no recalculated workbook holds an error value, and every formula is one Excel 2016 and LibreOffice 7.4 share", () => {
  expect(errors).toEqual([]);
  expect(lintFormulas(demo.plan)).toEqual([]);
});

test("Epic wRVU report, one provider of two, with voids: YTD and every month worked by hand", () => {
  const g = grids.epic;
  close(g.figure(L.ytd), 129.8);
  expect(g.figure(L.asOf)).toBe(ymdToSerial(2026, 4, 24));
  expect(g.figure(L.daysElapsed)).toBe(114);
  close(g.figure(L.projected), (129.8 * 365) / 114);
  close(g.figure(L.averagePerWeek), 129.8 / (114 / 7));
  expect(g.figure(L.monthsBelowPace)).toBe(2);
  const mm = new Mismatches();
  mm.rows("monthly", g.table(MONTHLY_HEADERS), EPIC_MONTHS as CellValue[][]);
  expect(mm.lines).toEqual([]);
});

test("Epic: what was inferred is said in the summary and in the sheet", () => {
  const notes = [...grids.epic.cells.values()].filter((v): v is string => typeof v === "string");
  const has = (re: RegExp) => expect(notes.some((n) => re.test(n))).toBe(true);
  has(/^What ClinPay inferred from your export$/);
  has(/units from "Provider - Performing Units", wrvu from "Adj Work RVU"/);
  has(/Only "SMITH, JANE MD"'s rows \(of 2 providers\)/);
  has(/2 rows with negative wRVUs or units \(voids and corrections\) subtract/);
  has(/As of is the last date in the rows \(2026-04-24\)/);
  expect(summaries.epic).toMatch(/YTD wRVUs 129\.8: the sum of 69 report lines of epic-wrvu-report\.csv, 2026-01-01 to 2026-04-24/);
  expect(summaries.epic).toMatch(/Months below pace 2 of 4/);
});

test("As of typed back to 15 Feb: YTD and the monthly table follow, later months go blank", () => {
  // Jan 35.28 + Feb 1–15 (10 × 99214 on the 2nd–13th, 99213 on the 3rd and 10th) 19.20 + 2.60.
  const g = grids.edited;
  close(g.figure(L.ytd), 35.28 + 21.8);
  expect(g.figure(L.daysElapsed)).toBe(46);
  const rows = g.table(MONTHLY_HEADERS);
  const mm = new Mismatches();
  mm.rows("monthly", rows.slice(0, 2), [EPIC_MONTHS[0], [ymdToSerial(2026, 2, 1), 21.8, 57.08, (400 * 46) / 365, "no"]] as CellValue[][]);
  expect(mm.lines).toEqual([]);
  for (const r of rows.slice(2)) expect(r.slice(1).every((v) => v === null || v === "")).toBe(true);
  expect(g.figure(L.monthsBelowPace)).toBe(0);
});

test("RVU tracker CSV on a July contract year: rows priced by CMS code, out-of-period rows not counted", () => {
  const g = grids.tracker;
  close(g.figure(L.ytd), TRACKER_YTD);
  expect(g.figure(L.daysElapsed)).toBe(107);
  close(g.figure(L.effectiveDpw), 150000 / ((TRACKER_YTD * 365) / 107));
  expect(g.table(MONTHLY_HEADERS).map((r) => r[1])).toEqual([24.59, 13.62, 19.2, 8.4].map((v) => expect.closeTo(v, 9)));
  expect(g.figure(L.monthsBelowPace)).toBe(4);
  expect(summaries.tracker).toMatch(/3 rows dated before Period start \(2025-07-01\) or after As of \(2025-10-15\) are copied but not counted/);
  expect(summaries.tracker).toMatch(/1 row with no wRVU and no code in the CMS table counts 0 wRVUs \(X9999 ×1\)/);
});

test("the demo's tracker from the sample log: LibreOffice, the cached values and the core agree", () => {
  const p = demo.production;
  close(demoGrid.figure(L.ytd), p.figures.ytd);
  close(demoGrid.figure(L.projected), demo.metrics.projected);
  expect(demoGrid.figure(L.monthsBelowPace)).toBe(p.figures.monthsBelowPace);
  const mm = new Mismatches();
  mm.rows("monthly", demoGrid.table(MONTHLY_HEADERS), p.figures.months.map((m) => [m.month, m.wrvus, m.cumulative, m.pace, m.below ? "yes" : "no"]));
  for (const { address, cached } of demoCached) mm.check(address, demoRecalc.get(address) ?? null, cached);
  expect(mm.lines).toEqual([]);
  // Only completed visits are copied: the log's no-shows and cancels produce no wRVUs.
  const logRows = readFileSync(path.join(SAMPLES_DIR, "appointments.csv"), "utf8").trim().split(/\r?\n/).length - 1;
  expect(p.rows.length).toBeLessThan(logRows);
  expect(p.rows.length).toBe(readProductionTable(parseCsv(readFileSync(path.join(SAMPLES_DIR, "appointments.csv"), "utf8"), "a.csv"), "log").rows.length);
});
