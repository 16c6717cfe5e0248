/**
 * The RVU year (SPEC §3 "The RVU year, everywhere codes are priced"): RVU Leakage and the Target
 * Tracker built from one log of procedures spanning December 2025 and January 2026, at
 * `--rvu-year 2025`, `--rvu-year 2026` and blank (each row's own year), recalculated in
 * LibreOffice. The figures differ by exactly the table's differences, worked by hand from
 * ../shared/reference (cms-pfs-2025/2026-rvu.csv work RVUs):
 *   27447 19.60 / 19.11, 20610 0.79 / 0.77, 17110 0.70 / 0.68; 99213 1.30, 99214 1.92, G2211 0.33 both.
 * The Telehealth Scorecard is built from the same log with a visit type per row, and its wRVU per
 * completed visit, in person and telehealth, is checked the same way.
 * Then one workbook built blank has its RVU year cell typed 2025 and is recalculated again: every
 * figure follows the cell, as the --rvu-year 2025 build computed it.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildEach } from "../helpers/cli-run";
import { findErrors, readSheet, recalcWithLibreOffice } from "../helpers/libreoffice";
import { Grid, Mismatches, compareCached } from "./sheet-grid";
import { LEAKAGE_LABELS as LL, LEAKAGE_SHEET_NAME } from "../../src/sheets/rvu-leakage";
import { TARGET_LABELS as TL, TARGET_SHEET_NAME } from "../../src/sheets/target-tracker";
import { TELEHEALTH_LABELS as HL, TELEHEALTH_SHEET_NAME } from "../../src/sheets/telehealth-scorecard";
import { RVU_YEAR_LABEL } from "../../src/sheets/rvu-year";

// Completed: 20610 (15 Dec 2025), 20610 × 2 (12 Jan), "99214, G2211" (15 Jan), 17110 (20 Jan).
// No-shows: 27447 (16 Dec 2025), 20610 (13 Jan), 99214 (14 Jan), "99213, 20610" (16 Jan).
const LOG = [
  "date,status,reason,cause_type,code,units",
  "2025-12-15,completed,,,20610,1",
  "2025-12-16,no_show,unknown,,27447,1",
  "2026-01-12,completed,,,20610,2",
  "2026-01-13,no_show,video link failed,system,20610,1",
  "2026-01-14,no_show,,,99214,1",
  '2026-01-15,completed,,,"99214, G2211",1',
  '2026-01-16,late_cancel,,,"99213, 20610",1',
  "2026-01-20,completed,,,17110,1",
].join("\n");

// The same rows with a visit type: the procedures in person, the E/M visits by video or audio.
const VISIT_TYPES = ["in_person", "in_person", "in_person", "video", "video", "video", "audio", "in_person"];
const SCORECARD_LOG = LOG.split("\n").map((line, i) => `${line},${i === 0 ? "visit_type" : VISIT_TYPES[i - 1]}`).join("\n");
// wRVU per completed visit: in person 20610 + 2 × 20610 + 17110 over 3 visits; by video 99214 + G2211 (unchanged in 2026).
const IN_PERSON_PER_VISIT = { "2025": (0.79 + 2 * 0.79 + 0.7) / 3, "2026": (0.77 + 2 * 0.77 + 0.68) / 3, own: (0.79 + 2 * 0.77 + 0.68) / 3 };
const TELE_PER_VISIT = 1.92 + 0.33;

// wRVUs lost to no-shows: 27447 + 20610 + 99214 + (99213 + 20610).
const LOST = {
  "2025": 19.6 + 0.79 + 1.92 + (1.3 + 0.79), // 24.40
  "2026": 19.11 + 0.77 + 1.92 + (1.3 + 0.77), // 23.87
  own: 19.6 + 0.77 + 1.92 + (1.3 + 0.77), // 24.36: the December no-show at 2025's value
};
// YTD wRVUs of the completed visits: 20610 + 2 × 20610 + (99214 + G2211) + 17110.
const YTD = {
  "2025": 0.79 + 2 * 0.79 + (1.92 + 0.33) + 0.7, // 5.32
  "2026": 0.77 + 2 * 0.77 + (1.92 + 0.33) + 0.68, // 5.24
  own: 0.79 + 2 * 0.77 + (1.92 + 0.33) + 0.68, // 5.26
};
// The mean of the completed visits' wRVUs (4 visits).
const MEAN = { "2025": YTD["2025"] / 4, "2026": YTD["2026"] / 4, own: YTD.own / 4 };

let dir: string;
const grids: Record<string, { leakage: Grid; targets: Grid; scorecard: Grid }> = {};
let editedLeakage: Grid;
let editedTargets: Grid;
const errors: string[] = [];
/** Cells whose cached value (as built) is not what LibreOffice computed, on every sheet of the pinned and blank builds. */
const stale: string[] = [];

/** The cell right of a label in column A of a workbook's first sheet, typed. */
async function typeBeside(file: string, sheet: string, label: string, value: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet)!;
  let done = false;
  ws.eachRow((row) => {
    if (row.getCell(1).value === label) {
      row.getCell(2).value = value;
      done = true;
    }
  });
  if (!done) throw new Error(`no ${label} on ${sheet}`);
  await wb.xlsx.writeFile(file);
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-rvu-year-"));
  const log = path.join(dir, "procedures.csv");
  await fs.writeFile(log, LOG);
  const typed = path.join(dir, "procedures-by-modality.csv");
  await fs.writeFile(typed, SCORECARD_LOG);
  const years: [string, string[]][] = [
    ["2025", ["--rvu-year", "2025"]],
    ["2026", ["--rvu-year", "2026"]],
    ["own", []],
  ];
  const leakage = await buildEach("leakage", years.map(([k, a]) => [`leakage-${k}`, ["--appointments", log, ...a]]), dir);
  const targets = await buildEach("targets", years.map(([k, a]) => [`targets-${k}`, ["--appointments", log, "--wrvu-target", "1000", "--period-start", "2025-12-01", "--as-of", "2026-01-31", ...a]]), dir);
  const scorecards = await buildEach("telehealth", years.map(([k, a]) => [`scorecard-${k}`, ["--appointments", typed, ...a]]), dir);
  // A copy of each blank build with the RVU year typed in the sheet.
  const edits = [path.join(dir, "leakage-edited.xlsx"), path.join(dir, "targets-edited.xlsx")];
  await fs.copyFile(leakage.files[2], edits[0]);
  await fs.copyFile(targets.files[2], edits[1]);
  await typeBeside(edits[0], LEAKAGE_SHEET_NAME, RVU_YEAR_LABEL, 2025);
  await typeBeside(edits[1], TARGET_SHEET_NAME, RVU_YEAR_LABEL, 2025);
  const all = [...leakage.files, ...targets.files, ...edits, ...scorecards.files];
  const recalc = await recalcWithLibreOffice(all, path.join(dir, "recalc"));
  for (const [i, [k]] of years.entries()) {
    grids[k] = {
      leakage: new Grid(await readSheet(recalc[i], LEAKAGE_SHEET_NAME)),
      targets: new Grid(await readSheet(recalc[3 + i], TARGET_SHEET_NAME)),
      scorecard: new Grid(await readSheet(recalc[8 + i], TELEHEALTH_SHEET_NAME)),
    };
  }
  editedLeakage = new Grid(await readSheet(recalc[6], LEAKAGE_SHEET_NAME));
  editedTargets = new Grid(await readSheet(recalc[7], TARGET_SHEET_NAME));
  for (const f of recalc) errors.push(...(await findErrors(f)).map((e) => `${path.basename(f)}: ${e}`));
  for (const i of [0, 1, 2, 3, 4, 5, 8, 9, 10]) {
    const sheet = i < 3 ? LEAKAGE_SHEET_NAME : i < 6 ? TARGET_SHEET_NAME : TELEHEALTH_SHEET_NAME;
    stale.push(...(await compareCached(all[i], recalc[i], [sheet, `${sheet} data`])));
  }
}, 300_000);

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test("no cell of any build is an error, and every cached value is LibreOffice's", () => {
  expect(errors).toEqual([]);
  expect(stale).toEqual([]);
});

test("RVU Leakage: wRVUs lost and the completed-visit mean at each RVU year, and each row's own", () => {
  const mm = new Mismatches();
  for (const k of ["2025", "2026", "own"] as const) {
    const g = grids[k].leakage;
    mm.check(`${k} ${LL.wrvusLost}`, g.figure(LL.wrvusLost), LOST[k]);
    mm.check(`${k} ${LL.revenueLost}`, g.figure(LL.revenueLost), LOST[k] * 50);
    mm.check(`${k} ${LL.meanCompleted}`, g.figure(LL.meanCompleted), MEAN[k]);
    mm.check(`${k} ${RVU_YEAR_LABEL}`, g.figure(RVU_YEAR_LABEL), k === "own" ? null : Number(k));
  }
  expect(mm.lines).toEqual([]);
});

test("RVU Leakage: 2025 against 2026 differs by exactly the table's differences (27447 0.49, two 20610s 0.02 each)", () => {
  const diff = (grids["2025"].leakage.figure(LL.wrvusLost) as number) - (grids["2026"].leakage.figure(LL.wrvusLost) as number);
  expect(diff).toBeCloseTo(0.49 + 0.02 + 0.02, 10);
});

test("Target Tracker: YTD wRVUs at each RVU year, and each row's own", () => {
  const mm = new Mismatches();
  for (const k of ["2025", "2026", "own"] as const) {
    const g = grids[k].targets;
    mm.check(`${k} ${TL.ytd}`, g.figure(TL.ytd), YTD[k]);
    mm.check(`${k} ${TL.projected}`, g.figure(TL.projected), (YTD[k] * 365) / 62);
  }
  expect(mm.lines).toEqual([]);
});

test("Target Tracker: 2025 against 2026 differs by exactly the table's differences (three 20610 units and a 17110, 0.02 each)", () => {
  const diff = (grids["2025"].targets.figure(TL.ytd) as number) - (grids["2026"].targets.figure(TL.ytd) as number);
  expect(diff).toBeCloseTo(4 * 0.02, 10);
});

test("Telehealth Scorecard: wRVU per completed visit in person and by telehealth at each RVU year, and each row's own", () => {
  const mm = new Mismatches();
  for (const k of ["2025", "2026", "own"] as const) {
    const g = grids[k].scorecard;
    mm.check(`${k} ${HL.inPersonWrvuPerVisit}`, g.figure(HL.inPersonWrvuPerVisit), IN_PERSON_PER_VISIT[k]);
    mm.check(`${k} ${HL.teleWrvuPerVisit}`, g.figure(HL.teleWrvuPerVisit), TELE_PER_VISIT);
    mm.check(`${k} ${RVU_YEAR_LABEL}`, g.figure(RVU_YEAR_LABEL), k === "own" ? null : Number(k));
  }
  expect(mm.lines).toEqual([]);
  // 2025 against 2026: three 20610 units and a 17110, 0.02 each, over 3 visits.
  const diff = (grids["2025"].scorecard.figure(HL.inPersonWrvuPerVisit) as number) - (grids["2026"].scorecard.figure(HL.inPersonWrvuPerVisit) as number);
  expect(diff).toBeCloseTo((4 * 0.02) / 3, 10);
});

test("typing 2025 in a blank build's RVU year cell reprices every figure as --rvu-year 2025 did", () => {
  const mm = new Mismatches();
  for (const label of [LL.wrvusLost, LL.revenueLost, LL.meanCompleted, LL.fromLog, LL.fromCodes, LL.revenueLostPerYear]) mm.check(label, editedLeakage.figure(label), grids["2025"].leakage.figure(label));
  for (const label of [TL.ytd, TL.projected, TL.gap, TL.bonus]) mm.check(label, editedTargets.figure(label), grids["2025"].targets.figure(label));
  expect(mm.lines).toEqual([]);
  expect(editedLeakage.figure(LL.wrvusLost)).not.toBeCloseTo(LOST.own, 6);
});
