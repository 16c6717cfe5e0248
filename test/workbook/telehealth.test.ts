/**
 * The Telehealth Scorecard recalculated in LibreOffice (SPEC §3): every label and table against
 * the core, the cached values against LibreOffice's, and hand-worked values — 28 of 100
 * telehealth visits lost before the change and 19 of 100 after (p = 0.1334). Blank assumptions
 * give blank cells and "no" conditions; a log with no telehealth rows gives blank rates, never
 * #DIV/0!. All in one soffice run.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import type { Appointment } from "../../src/core/inputs/types";
import { telehealthMetrics, MODALITY_ROWS, type TelehealthAssumptions, type TelehealthMetrics } from "../../src/core/telehealth";
import { bundledFees } from "../../src/core/data/bundled-fees";
import { ymdToSerial } from "../../src/core/dates";
import { buildTelehealthPlan, TELEHEALTH_LABELS as L, TELEHEALTH_SHEET_NAME, TELEHEALTH_TABLES as T, ALL, ALL_TELEHEALTH } from "../../src/sheets/telehealth-scorecard";
import { buildFromFlags } from "../../src/cli/sheet-command";
import { demoFlags } from "../../src/cli/commands/demo";
import { SHEETS } from "../../src/sheets/registry";
import { lintFormulas } from "../../src/sheets/lint";
import type { SheetPlan } from "../../src/sheets/plan";
import { writeXlsxFile } from "../../src/render/xlsx";
import { findErrors, readSheet, recalcWithLibreOffice, type CellValue } from "../helpers/libreoffice";
import { Grid, Mismatches, planFormulas } from "./sheet-grid";

const fees = bundledFees();
const day = (m: number, d: number) => ymdToSerial(2026, m, d);
const appt = (date: number, status: Appointment["status"], visitType: Appointment["visitType"], extra: Partial<Appointment> = {}): Appointment => ({
  row: 2, date, status, reason: "", causeType: "patient", code: "99213", wrvu: null, visitType, ...extra,
});
const times = (n: number, make: (i: number) => Appointment) => Array.from({ length: n }, (_, i) => make(i));

// Before 1 April: 100 video visits booked, 28 lost (10 of them to failed links); after: 19 of 100.
// In person: 50 booked, 5 lost. Completed telehealth visits are 99213 (1.30), in person 99214 (1.92).
const HAND: Appointment[] = [
  ...times(72, (i) => appt(day(1, 5 + (i % 20)), "completed", "video")),
  ...times(18, (i) => appt(day(2, 2 + (i % 20)), "no_show", "video", { reason: "patient preference" })),
  ...times(10, (i) => appt(day(3, 2 + i), "no_show", "video", { reason: "video link failed", causeType: "system" })),
  ...times(81, (i) => appt(day(4, 1 + (i % 28)), "completed", "audio")),
  ...times(19, (i) => appt(day(5, 4 + i), "late_cancel", "audio", { reason: "patient preference" })),
  ...times(45, (i) => appt(day(1 + (i % 5), 15), "completed", "in_person", { code: "99214" })),
  ...times(5, (i) => appt(day(6, 1 + i), "no_show", "in_person", { code: "99214" })),
  appt(day(6, 10), "cancelled", "video"),
];
const BLANK: TelehealthAssumptions = { changeDate: null, groupNoShowRate: null, groupWrvuPerVisit: null, farBelow: 0.2, annualTarget: null, writtenConcerns: false, dollarsPerWrvu: 50 };
const HAND_ASSUMPTIONS: TelehealthAssumptions = { ...BLANK, changeDate: day(4, 1), groupNoShowRate: 0.15, groupWrvuPerVisit: 1.7, annualTarget: 3000, writtenConcerns: true };

interface Case {
  name: string;
  plan: SheetPlan;
  m?: TelehealthMetrics;
  a?: TelehealthAssumptions;
  file?: string;
  grid?: Grid;
  recalc?: Map<string, CellValue>;
}
const cases: Case[] = [];
const errors: string[] = [];
let dir: string;

function planned(name: string, appts: Appointment[], a: TelehealthAssumptions): Case {
  const m = telehealthMetrics(appts, fees, a);
  return { name, m, a, plan: buildTelehealthPlan({ appointments: appts, assumptions: a, fees, source: name, builtAt: new Date(Date.UTC(2026, 6, 1)) }) };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-telehealth-"));
  cases.push(planned("by hand", HAND, HAND_ASSUMPTIONS));
  cases.push(planned("blank assumptions", HAND, BLANK));
  cases.push(planned("no telehealth", HAND.filter((x) => x.visitType === "in_person"), { ...HAND_ASSUMPTIONS }));
  const def = SHEETS.find((d) => d.kind === "telehealth-scorecard")!;
  const quiet = { out: () => undefined, err: () => undefined, progress: () => undefined };
  cases.push({ name: "demo", plan: (await buildFromFlags(def, demoFlags(def), quiet)).plan });
  for (const [i, c] of cases.entries()) {
    c.file = path.join(dir, `t${i}.xlsx`);
    await writeXlsxFile([c.plan], c.file);
  }
  const out = await recalcWithLibreOffice(cases.map((c) => c.file!), path.join(dir, "recalc"));
  for (const [i, c] of cases.entries()) {
    c.recalc = await readSheet(out[i], TELEHEALTH_SHEET_NAME);
    c.grid = new Grid(c.recalc);
    errors.push(...(await findErrors(out[i])).map((e) => `${c.name}: ${e}`));
  }
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const get = (name: string) => cases.find((c) => c.name === name)!;
/** A label's value; "Written performance concerns" is both an assumption and a condition: `nth` picks. */
function figure(g: Grid, label: string, nth = 0): CellValue {
  const hits = g.find(label, 0);
  return g.at(hits[nth][0], 1);
}
/** A condition as the sheet says it: a blank input leaves it "not checked", never "no". */
const yesNo = (b: boolean | null) => (b === null ? "not checked" : b ? "yes" : "no");
/** A gap between two rates, in percentage points as the sheet shows it. */
const points = (v: number | null) => (v === null ? "" : v * 100);
const blankOr = <T,>(v: T | null) => (v === null ? "" : v);

function expectedFigures(m: TelehealthMetrics): [string, CellValue][] {
  const ch = m.change;
  return [
    [L.teleShare, blankOr(m.teleShare)], [L.teleNoShowRate, blankOr(m.teleNoShowRate)], [L.inPersonNoShowRate, blankOr(m.inPersonNoShowRate)],
    [L.teleWrvuPerVisit, blankOr(m.teleWrvuPerVisit)], [L.inPersonWrvuPerVisit, blankOr(m.inPersonWrvuPerVisit)], [L.wrvuGap, blankOr(m.wrvuGap)],
    [L.wrvusBehind, blankOr(m.wrvusBehind)], [L.dollarsBehind, blankOr(m.dollarsBehind)], [L.systemShare, blankOr(m.systemShareOfTeleNoShows)],
    [L.before, blankOr(ch?.before ?? null)], [L.after, blankOr(ch?.after ?? null)], [L.change, points(ch?.change ?? null)], [L.pValue, blankOr(ch?.pValue ?? null)],
    [L.noShowVsGroup, points(m.noShowVsGroup)], [L.wrvuVsGroup, blankOr(m.wrvuVsGroup)],
    [L.farBelowPeers, yesNo(m.danger.farBelow)], [L.belowTarget, yesNo(m.danger.belowTarget)], [L.sixMonths, yesNo(m.danger.sixMonths)], [L.met, m.danger.met], [L.notChecked, m.danger.notChecked],
    [L.annualized, blankOr(m.danger.annualized)], [L.monthsBelow, blankOr(m.danger.monthsBelow)],
  ];
}

const subsetRow = (label: string, s: TelehealthMetrics["all"]): CellValue[] => [
  label, s.scheduled, s.completed, s.noShows, blankOr(s.noShowRate), s.systemNoShows, blankOr(s.patientNoShowRate), s.wrvus, blankOr(s.wrvuPerVisit), blankOr(s.shareOfCompleted),
];

test("no error value in any scorecard, and every formula is one Excel 2016 and LibreOffice 7.4 share", () => {
  expect(errors).toEqual([]);
  for (const c of cases) expect({ name: c.name, lint: lintFormulas(c.plan) }).toEqual({ name: c.name, lint: [] });
});

test("every label and table equals the core's number, as LibreOffice computes it", () => {
  const bad: string[] = [];
  for (const c of cases.filter((x) => x.m)) {
    const mm = new Mismatches();
    for (const [label, want] of expectedFigures(c.m!)) mm.check(label, figure(c.grid!, label, label === L.concerns ? 1 : 0), want);
    mm.rows("by modality", c.grid!.table(T.byModality), [
      ...MODALITY_ROWS.map((r, i) => subsetRow(r.label, c.m!.byModality[i])),
      subsetRow(ALL_TELEHEALTH, c.m!.allTelehealth),
      subsetRow(ALL, c.m!.all),
    ]);
    mm.rows("monthly", c.grid!.table(T.monthly), c.m!.months.map((x) => [x.month, x.teleScheduled, blankOr(x.teleNoShowRate), x.inPersonScheduled, blankOr(x.inPersonNoShowRate), x.wrvus, x.teleNoShows, x.inPersonNoShows]));
    bad.push(...mm.lines.map((l) => `${c.name}: ${l}`));
  }
  expect(bad).toEqual([]);
});

test("cached values equal LibreOffice's, the manager's paragraph included", () => {
  const bad: string[] = [];
  for (const c of cases) {
    const mm = new Mismatches();
    for (const { address, cached } of planFormulas(c.plan)) mm.check(address, c.recalc!.get(address) ?? null, cached);
    bad.push(...mm.lines.map((l) => `${c.name}: ${l}`));
  }
  expect(bad).toEqual([]);
});

test("28 of 100 before, 19 of 100 after, worked by hand", () => {
  const g = get("by hand").grid!;
  expect(figure(g, L.scheduledBefore)).toBe(100);
  expect(figure(g, L.noShowsBefore)).toBe(28);
  expect(figure(g, L.scheduledAfter)).toBe(100);
  expect(figure(g, L.noShowsAfter)).toBe(19);
  expect(figure(g, L.before)).toBeCloseTo(0.28, 12);
  expect(figure(g, L.after)).toBeCloseTo(0.19, 12);
  // In percentage points: 19.0% − 28.0%.
  expect(figure(g, L.change)).toBeCloseTo(-9, 10);
  // pooled 47/200 = 0.235; z = 0.09 / √(0.235 × 0.765 × 2/100) = 1.5002; two-sided p = 0.1334.
  expect(figure(g, L.pValue)).toBeCloseTo(0.1334, 4);
  expect(g.at(g.find(L.pValue, 0)[0][0], 2)).toBe("could be chance (p of 0.05 or more)");
  // 200 telehealth booked, 47 lost (10 system); 153 completed at 1.30 against 45 in person at 1.92.
  expect(figure(g, L.teleNoShowRate)).toBeCloseTo(47 / 200, 12);
  expect(figure(g, L.systemShare)).toBeCloseTo(10 / 47, 12);
  expect(figure(g, L.teleWrvuPerVisit)).toBeCloseTo(1.3, 12);
  expect(figure(g, L.wrvuGap)).toBeCloseTo(0.62, 12);
  expect(figure(g, L.wrvusBehind)).toBeCloseTo(0.62 * 153, 9);
  expect(figure(g, L.dollarsBehind)).toBeCloseTo(0.62 * 153 * 50, 9);
  expect(figure(g, L.noShowVsGroup)).toBeCloseTo((0.235 - 0.15) * 100, 10);
  // 1.30 against the group's 1.70: 23.5% below, past the 20% that counts as far below.
  expect(figure(g, L.wrvuVsGroup)).toBeCloseTo((1.3 - 1.7) / 1.7, 12);
  expect(figure(g, L.farBelowPeers)).toBe("yes");
  // 153 × 1.30 + 45 × 1.92 = 285.3 wRVUs over 5 Jan – 10 Jun (157 days): 663 a year, under 3,000; all 6 months under 250.
  expect(figure(g, L.annualized)).toBeCloseTo((285.3 * 365) / 157, 9);
  expect(figure(g, L.belowTarget)).toBe("yes");
  expect(figure(g, L.monthsBelow)).toBe(6);
  expect(figure(g, L.sixMonths)).toBe("yes");
  expect(figure(g, L.concerns, 1)).toBe("yes");
  expect(figure(g, L.met)).toBe(4);
  expect(g.at(g.find(L.met, 0)[0][0], 2)).toBe("In the danger zone: all four conditions hold.");
  // The facts that defend the clinician, the receipts among them, and never the danger-zone count.
  const summary = String(figure(g, L.summary));
  expect(summary).toMatch(/^From 2026-01-05 to 2026-06-10 I completed 153 telehealth visits, 77\.3% of all my completed visits\. My telehealth no-show rate was 23\.5% \(in person 10\.0%\), and 21\.3% of my telehealth no-shows were system-caused/);
  expect(summary).toContain(' The most frequent system-caused reason was "video link failed" (10 times, 2026-03-02 to 2026-03-11).');
  expect(summary).toContain(" Since 2026-04-01 the telehealth no-show rate went from 28.0% to 19.0% (could be chance (p of 0.05 or more), p = 0.133).");
  expect(summary).not.toMatch(/danger|conditions/i);
  // 47 of 200 = 23.5%; 5 of 50 in person = 10.0%; 10 of 47 system-caused = 21.3%.
  expect(g.figure("Bottom line")).toBe(
    "In the danger zone: all four conditions hold. Telehealth no-show rate 23.5% against 10.0% in person; 21.3% of telehealth no-shows were system-caused. Since 2026-04-01 it went from 28.0% to 19.0% (p = 0.133: could be chance)."
  );
  const receipts = g.table(T.receipts);
  expect(receipts).toEqual([["video link failed", 10, day(3, 2), day(3, 11)]]);
});

test("blank assumptions: blank before/after and group cells, conditions not checked (never no), no error", () => {
  const g = get("blank assumptions").grid!;
  for (const label of [L.before, L.after, L.change, L.pValue, L.noShowVsGroup, L.wrvuVsGroup, L.annualized].filter((x) => x !== L.annualized)) expect([label, figure(g, label) ?? ""]).toEqual([label, ""]);
  for (const label of [L.farBelowPeers, L.belowTarget, L.sixMonths]) expect([label, figure(g, label)]).toEqual([label, "not checked"]);
  expect(figure(g, L.concerns, 1)).toBe("no");
  expect(figure(g, L.met)).toBe(0);
  expect(figure(g, L.notChecked)).toBe(3);
  // Concerns were checked (no), so not in the danger zone; the verdict names what to type for the rest.
  expect(g.at(g.find(L.met, 0)[0][0], 2)).toBe(
    "Not in the danger zone: 0 of the 4 conditions hold, and all four must (3 are not checked; type Group wRVU per telehealth visit and Annual wRVU target to check)."
  );
  expect(String(figure(g, L.summary))).not.toMatch(/Since|group/);
});

test("no telehealth rows: blank telehealth rates, not #DIV/0!", () => {
  const g = get("no telehealth").grid!;
  for (const label of [L.teleNoShowRate, L.teleWrvuPerVisit, L.wrvuGap, L.systemShare, L.before, L.after, L.pValue]) expect([label, figure(g, label) ?? ""]).toEqual([label, ""]);
  expect(figure(g, L.teleShare)).toBe(0);
  expect(figure(g, L.farBelowPeers)).toBe("no");
});

test("the demo tells its story: the no-show rate fell after the tech checks, and chance does not explain it", () => {
  const g = get("demo").grid!;
  expect(figure(g, L.changeDate)).toBe(day(4, 1));
  expect(figure(g, L.after) as number).toBeLessThan(figure(g, L.before) as number);
  expect(figure(g, L.pValue) as number).toBeLessThan(0.05);
  expect(figure(g, L.systemShare) as number).toBeGreaterThan(0.2);
  expect(g.table(T.monthly).length).toBeGreaterThanOrEqual(6);
  expect(g.table(T.receipts).length).toBeGreaterThan(0);
});
