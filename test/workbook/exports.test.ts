/**
 * Real exports in (SPEC §2 "Reading real exports"): each export-shaped fixture run through
 * `clinpay leakage` as exported, into a workbook LibreOffice recalculates, whose figures are
 * checked against values worked by hand below, and whose notes say what ClinPay inferred.
 */
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { buildEach, clinpay } from "../helpers/cli-run";
import { findErrors, readSheet, recalcWithLibreOffice } from "../helpers/libreoffice";
import { Grid } from "./sheet-grid";
import { LEAKAGE_LABELS as L, LEAKAGE_SHEET_NAME } from "../../src/sheets/rvu-leakage";

const EXPORTS = path.resolve(__dirname, "../fixtures/exports");
const fx = (f: string) => path.join(EXPORTS, f);

const run = clinpay;

// Epic, provider SMITH: 15 Completed (99214-95 ×7, 99213:25 ×4, "99214 95" ×2, 99215 ×2) and
// 2 Arrived (99213) = 17 completed; 4 No Show (2 CLINIC "Video link failed" 99214-95, 2 patient
// 99213) + 1 Left without seen (no code) = 5 no-shows; Canceled 2.5 h PATIENT 99214-95 and
// Canceled 1 h PROVIDER 99213 are late by lead time, + 1 "Canceled Late" 99214 = 3 late cancels;
// 1 Canceled 72 h ahead stays cancelled; 4 Scheduled are left out.
const E = {
  scheduled: 17 + 5 + 3,
  completed: 17,
  noShows: 8,
  system: 3,
  completedWrvu: 9 * 1.92 + 6 * 1.3 + 2 * 2.8,
};
const MEAN = E.completedWrvu / 17;
const LOST = 2 * 1.92 + 2 * 1.3 + 1.92 + 1.3 + 1.92 + MEAN;

let dir: string;
const built: Record<string, Grid> = {};
const summary: Record<string, string> = {};
const errors: string[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-exports-"));
  const jobs: [string, string[]][] = [
    ["epic", ["--appointments", fx("epic-cadence.csv"), "--provider", "smith, jane md"]],
    ["athena", ["--appointments", fx("athena-appointments.csv"), "--map", fx("athena-map.csv"), "--provider", "101"]],
    ["nextgen", ["--appointments", fx("nextgen-appointments.csv")]],
    ["tebra", ["--appointments", fx("tebra-appointments.csv")]],
    ["elation", ["--appointments", fx("elation-visits.csv")]],
  ];
  const { files, summaries } = await buildEach("leakage", jobs, dir);
  Object.assign(summary, summaries);
  const recalc = await recalcWithLibreOffice(files, path.join(dir, "recalc"));
  for (const [i, [name]] of jobs.entries()) {
    built[name] = new Grid(await readSheet(recalc[i], LEAKAGE_SHEET_NAME));
    errors.push(...(await findErrors(recalc[i])).map((e) => `${name}: ${e}`));
  }
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const close = (v: unknown, want: number) => expect(v as number).toBeCloseTo(want, 9);

test("no recalculated export workbook holds an error value", () => {
  expect(errors).toEqual([]);
});

test("Epic Cadence report, one provider of two: every figure worked by hand", () => {
  const g = built.epic;
  expect(g.figure(L.scheduled)).toBe(E.scheduled);
  expect(g.figure(L.completed)).toBe(E.completed);
  expect(g.figure(L.noShows)).toBe(E.noShows);
  close(g.figure(L.noShowRate), 8 / 25);
  expect(g.figure(L.systemNoShows)).toBe(E.system);
  close(g.figure(L.patientNoShowRate), 5 / 22);
  close(g.figure(L.meanCompleted), MEAN);
  close(g.figure(L.wrvusLost), LOST);
  close(g.figure(L.revenueLost), LOST * 50);
  expect(g.figure(L.cancelled)).toBe(1);
  // Three codes, not eight spellings of them.
  expect(g.table(["Code", "Completed visits", "Share of completed"]).map((r) => [r[0], r[1]])).toEqual([
    ["99213", 6],
    ["99214", 9],
    ["99215", 2],
  ]);
});

test("Epic: the sheet and the summary say what was inferred", () => {
  const notes = [...built.epic.cells.values()].filter((v): v is string => typeof v === "string");
  const has = (re: RegExp) => expect(notes.some((n) => re.test(n))).toBe(true);
  has(/^What ClinPay inferred from your export$/);
  has(/4 rows left out as not yet happened/);
  has(/2 cancels counted as late cancels: cancelled with under 24 hours' notice/);
  has(/Visit types with no modality word, read as blank .*"FOLLOW UP" ×\d+/);
  has(/Modality of 12 rows from modifiers/);
  has(/Only "SMITH, JANE MD"'s rows \(of 2 providers\)/);
  has(/1 no-show valued at the mean wRVU of completed visits .*no code ×1/);
  expect(summary.epic).toMatch(/What ClinPay inferred/);
  expect(summary.epic).toMatch(/Visit types with no modality word, read as blank .*"FOLLOW UP" ×\d+, "NEW PATIENT" ×\d+/);
});

test("athenahealth's status codes, read with a --map file", () => {
  const g = built.athena;
  expect(g.figure(L.completed)).toBe(14);
  expect(g.figure(L.cancelled)).toBe(3);
  expect(g.figure(L.scheduled)).toBe(14);
  expect(g.figure(L.noShows)).toBe(0);
});

test("NextGen's kept / no-show / canceled flags, no status column", () => {
  const g = built.nextgen;
  expect(g.figure(L.completed)).toBe(12);
  expect(g.figure(L.noShows)).toBe(4);
  expect(g.figure(L.cancelled)).toBe(3);
  close(g.figure(L.noShowRate), 4 / 16);
  close(g.figure(L.wrvusLost), 4 * 1.92);
  expect(summary.nextgen).toMatch(/Status read from the kept \/ no show \/ canceled flag columns/);
});

test("Tebra and Elation status words", () => {
  expect(built.tebra.figure(L.completed)).toBe(11);
  expect(built.tebra.figure(L.noShows)).toBe(2);
  expect(built.tebra.figure(L.scheduled)).toBe(13);
  expect(built.elation.figure(L.completed)).toBe(9);
  expect(built.elation.figure(L.noShows)).toBe(3);
  close(built.elation.figure(L.noShowRate), 3 / 12);
});

test("as exported, the Epic log with two providers and no choice is refused, listing both, nothing written", async () => {
  const out = path.join(dir, "refused.xlsx");
  const r = await run(["leakage", "--appointments", fx("epic-cadence.csv"), "-o", out]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/names 2 providers: "SMITH, JANE MD" \(30 rows\), "LEE, ANN NP" \(10 rows\)/);
  expect(existsSync(out)).toBe(false);
});

test("athena without its mapping: one problem per distinct code, with counts and what to map it to", async () => {
  const r = await run(["leakage", "--appointments", fx("athena-appointments.csv"), "--provider", "101", "-o", path.join(dir, "no-map.xlsx")]);
  expect(r.code).toBe(2);
  const lines = r.err.split("\n").filter((l) => /column status/.test(l));
  expect(lines).toHaveLength(6);
  expect(r.err).toMatch(/"3" — ×8 \(rows 2, 3, 4…\): map it to completed, no_show, late_cancel, cancelled or not-yet/);
});
