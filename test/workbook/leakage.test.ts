/**
 * The RVU Leakage sheet in a real spreadsheet engine: LibreOffice recalculates every formula,
 * and every labelled figure and table cell must equal the core's computation (and the cached
 * value the plan wrote). The bundled samples, hand-picked edge cases and property-generated
 * logs, all recalculated in ONE soffice run.
 */
import { bundledFees } from "../../src/core/data/bundled-fees";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { parseCsv } from "../../src/core/csv";
import { parseAppointments, parseTimeLog } from "../../src/core/inputs/logs";
import type { Appointment, TimeEntry } from "../../src/core/inputs/types";
import { leakageMetrics, type LeakageMetrics, type LeakageOptions } from "../../src/core/leakage";
import { cleanText } from "../../src/core/cms-block";
import { lintFormulas } from "../../src/sheets/lint";
import {
  APPOINTMENT_COPY_HEADERS,
  CAUSE_LABELS,
  LEAKAGE_LABELS as L,
  LEAKAGE_TABLES as T,
  NO_ACTIVITY,
  NO_CODE,
  NO_REASON,
  NO_TIME_LOG,
  TIME_COPY_HEADERS,
  buildLeakagePlan,
  otherLabel,
} from "../../src/sheets/rvu-leakage";
import type { SheetPlan } from "../../src/sheets/plan";
import { writeXlsxFile } from "../../src/render/xlsx";
import { findErrors, readSheet, recalcWithLibreOffice, type CellValue } from "../helpers/libreoffice";
import { Grid, Mismatches, planFormulas } from "./sheet-grid";
import { cmsHeaders } from "../../src/sheets/log-copy";

const SHEET = "RVU Leakage";
const SAMPLES = path.resolve(__dirname, "../../samples");
const JAN1 = 46023; // 2026-01-01

interface Case {
  name: string;
  appts: Appointment[];
  time: TimeEntry[] | null;
  opts: LeakageOptions;
}

// ------------------------------------------------------------------------------------------
// Generated logs. Reasons and activities a criterion would misread (operators, wildcards, a
// leading =), the same reason in two cases, codes in and out of the CMS table, rows with and
// without a wrvu, dates spread so some months are empty.

// Over LONG_TEXT (100) characters a reason is grouped by its first 100: two long ones share a
// row, and one of exactly 100 characters must not be counted with them.
const LONG = "the patient could not join because the video platform asked for an update that failed twice on a tablet";
const REASONS = [LONG, `${LONG} and then timed out`, LONG.slice(0, 100), "video link failed", "Video Link Failed", "platform outage", "scheduling error", "patient preference", "unknown", "", "<5 min late", "link*down?", "a~b", "=SUM(A1)", "spaced   out"];
const CODES = [null, "99212", "99213", "99214", "99215", "G2211", "98005", "<99>", "9921*"];
const ACTIVITIES = ["portal messages", "Portal Messages", "results", "charting", "", ">30 min", "call*backs", LONG, `${LONG}!`];

const apptArb: fc.Arbitrary<Appointment> = fc
  .record({
    day: fc.integer({ min: 0, max: 200 }),
    status: fc.constantFrom<Appointment["status"]>("completed", "completed", "no_show", "late_cancel", "cancelled"),
    reason: fc.constantFrom(...REASONS),
    causeType: fc.constantFrom<"system" | "patient">("system", "patient"),
    code: fc.constantFrom(...CODES),
    wrvu: fc.option(fc.integer({ min: 0, max: 400 }).map((x) => x / 100), { nil: null, freq: 2 }),
    visitType: fc.constantFrom<Appointment["visitType"]>("video", "audio", "telehealth", "in_person", null),
    // Units of service: a CMS-valued row counts its code's wRVU this many times.
    units: fc.constantFrom(1, 1, 1, 2, 0.5),
  })
  .map((r) => ({ row: 0, date: JAN1 + r.day, status: r.status, reason: r.reason, causeType: r.causeType, code: r.code, units: r.units, wrvu: r.wrvu, visitType: r.visitType }));

const timeArb: fc.Arbitrary<TimeEntry> = fc
  .record({
    day: fc.integer({ min: 0, max: 40 }),
    activity: fc.constantFrom(...ACTIVITIES),
    minutes: fc.integer({ min: 0, max: 240 }),
    paid: fc.boolean(),
  })
  .map((r) => ({ row: 0, date: JAN1 + r.day, activity: r.activity, minutes: r.minutes, paid: r.paid }));

const numbered = <T extends { row: number }>(rows: T[]): T[] => rows.map((r, i) => ({ ...r, row: i + 2 }));

const caseArb: fc.Arbitrary<Omit<Case, "name">> = fc.record({
  appts: fc.array(apptArb, { minLength: 1, maxLength: 80 }).map(numbered),
  time: fc.option(fc.array(timeArb, { minLength: 1, maxLength: 30 }).map(numbered), { nil: null }),
  opts: fc.record({
    dollarsPerWrvu: fc.integer({ min: 0, max: 10000 }).map((c) => c / 100),
    effectiveHourly: fc.integer({ min: 0, max: 30000 }).map((c) => c / 100),
    fees: fc.constant(bundledFees()),
  }),
});

function sampleCase(): Case {
  const read = (f: string) => parseCsv(require("fs").readFileSync(path.join(SAMPLES, f), "utf8"), f);
  return {
    name: "samples",
    appts: parseAppointments(read("appointments.csv")),
    time: parseTimeLog(read("time-log.csv")),
    opts: { dollarsPerWrvu: 50, effectiveHourly: 150, fees: bundledFees() },
  };
}

function edgeCases(): Case[] {
  const gen = fc.sample(caseArb, { seed: 7, numRuns: 4 });
  const opts = { dollarsPerWrvu: 52.5, effectiveHourly: 140, fees: bundledFees() };
  const g = gen[0];
  return [
    { name: "no no-shows", appts: numbered(g.appts.map((a) => ({ ...a, status: a.status === "cancelled" ? a.status : "completed" }))), time: g.time, opts },
    {
      name: "every row system-caused",
      appts: numbered(gen[1].appts.map((a) => ({ ...a, causeType: "system" as const }))),
      time: null,
      opts,
    },
    {
      name: "every scheduled visit a system-caused no-show",
      appts: numbered(gen[2].appts.map((a, i) => ({ ...a, status: i % 3 === 0 ? ("cancelled" as const) : ("no_show" as const), causeType: "system" as const }))),
      time: null,
      opts,
    },
    {
      name: "one day only",
      appts: numbered(gen[3].appts.map((a) => ({ ...a, date: JAN1 + 45 }))),
      time: [{ row: 2, date: JAN1 + 45, activity: "portal messages", minutes: 95, paid: false }],
      opts,
    },
    {
      name: "long and tricky reasons",
      appts: numbered(
        [LONG, `${LONG} and then timed out`, LONG.slice(0, 100), "<5 min late", "link*down?", "=SUM(A1)", "a~b", ""].flatMap((reason, i) => [
          { row: 0, date: JAN1 + i, status: "no_show" as const, reason, causeType: i % 2 ? ("system" as const) : ("patient" as const), code: CODES[i % CODES.length], wrvu: null, visitType: null },
          { row: 0, date: JAN1 + i, status: "completed" as const, reason: "", causeType: "patient" as const, code: CODES[(i + 2) % CODES.length], wrvu: i % 3 ? null : 1.5, visitType: null },
        ])
      ),
      time: numbered([LONG, `${LONG}!`, LONG.slice(0, 100), ">30 min", "call*backs"].map((activity, i) => ({ row: 0, date: JAN1 + i, activity, minutes: 10 * (i + 1), paid: false }))),
      opts,
    },
    {
      // More distinct reasons, activities and codes than a table lists: the rest fold into one row.
      name: "free text with many distinct values",
      appts: numbered(
        Array.from({ length: 60 }, (_, i) => ({
          row: 0,
          date: JAN1 + (i % 28),
          status: i % 3 === 0 ? ("completed" as const) : ("no_show" as const),
          reason: `reason ${i % 23}`,
          causeType: i % 4 === 0 ? ("system" as const) : ("patient" as const),
          code: i % 3 === 0 ? `C${i}` : CODES[i % CODES.length],
          wrvu: i % 5 === 0 ? 1.25 : null,
          visitType: null,
        }))
      ),
      time: numbered(Array.from({ length: 40 }, (_, i) => ({ row: 0, date: JAN1 + i, activity: `task ${i % 19}`, minutes: 5 + i, paid: i % 7 === 0 }))),
      opts,
    },
    {
      name: "empty months between January and May",
      appts: numbered([...g.appts.map((a) => ({ ...a, date: JAN1 + (a.date % 20) })), ...gen[1].appts.map((a) => ({ ...a, date: JAN1 + 125 + (a.date % 20) }))]),
      time: g.time,
      opts,
    },
  ];
}

const generatedCases = (): Case[] => fc.sample(caseArb, { seed: 20260101, numRuns: 5 }).map((c, i) => ({ name: `generated #${i + 1}`, ...c }));

// ------------------------------------------------------------------------------------------
// What the sheet must show, from the core alone.

type Row = CellValue[];
const blank = (v: number | null): CellValue => (v === null ? "" : v);

function expectedFigures(m: LeakageMetrics, opts: LeakageOptions): [string, CellValue][] {
  const t = m.time;
  return [
    [L.dollarsPerWrvu, opts.dollarsPerWrvu],
    [L.effectiveHourly, opts.effectiveHourly],
    [L.scheduled, m.scheduled],
    [L.completed, m.completed],
    [L.noShows, m.noShows],
    [L.noShowRate, blank(m.noShowRate)],
    [L.systemNoShows, m.systemNoShows],
    [L.patientNoShows, m.patientNoShows],
    [L.patientNoShowRate, blank(m.patientNoShowRate)],
    [L.wrvusLost, m.wrvusLost],
    [L.revenueLost, m.revenueLost],
    [L.unpaidHours, t ? t.unpaidHours : NO_TIME_LOG],
    [L.unpaidHoursPerWeek, t ? t.unpaidHoursPerWeek : NO_TIME_LOG],
    [L.unpaidTimeValue, t ? t.unpaidTimeValue : NO_TIME_LOG],
    [L.fromLog, m.wrvuParts.fromLog],
    [L.fromCodes, m.wrvuParts.fromCodes],
    [L.unresolved, m.wrvuParts.unresolved],
    [L.meanCompleted, m.wrvuParts.meanCompleted],
    [L.cancelled, m.cancelled],
    [L.timeLogDays, t ? t.days : NO_TIME_LOG],
    [L.logDays, blank(m.days)],
    [L.systemShare, blank(m.systemShare)],
    [L.wrvusLostPerYear, blank(m.wrvusLostPerYear)],
    [L.revenueLostPerYear, blank(m.revenueLostPerYear)],
    [L.unpaidTimeValuePerYear, t ? t.unpaidTimeValuePerYear : NO_TIME_LOG],
  ];
}

function expectedTables(m: LeakageMetrics): [readonly string[], Row[]][] {
  const label = (text: string, prefix: boolean, none: string) => (text === "" ? none : prefix ? `${text}…` : text);
  const name = (r: { other: number }, what: "reasons" | "activities" | "codes", text: string, prefix: boolean, none: string) =>
    r.other > 0 ? otherLabel(r.other, what) : label(text, prefix, none);
  const tables: [readonly string[], Row[]][] = [
    [T.byReason, m.byReason.map((r) => [name(r, "reasons", r.reason, r.prefix, NO_REASON), r.noShows, r.systemCaused, r.patientCaused, r.share, r.wrvusLost])],
    [T.byCause, m.byCause.map((c) => [CAUSE_LABELS[c.causeType], c.noShows, c.share, c.wrvusLost, c.revenueLost])],
    [T.byMonth, m.byMonth.map((r) => [r.monthStart, r.scheduled, r.completed, r.noShows, blank(r.noShowRate)])],
    [T.codingMix, m.codingMix.map((c) => [name(c, "codes", c.code, c.prefix, NO_CODE), c.completed, c.share])],
  ];
  if (m.time) tables.push([T.byActivity, m.time.byActivity.map((a) => [name(a, "activities", a.activity, a.prefix, NO_ACTIVITY), a.unpaidMinutes, a.unpaidHours, a.share])]);
  return tables;
}

function expectedCopies(c: Case, m: LeakageMetrics): [readonly string[], Row[]][] {
  const text = (s: string | null) => (s === null || cleanText(s) === "" ? null : cleanText(s));
  const out: [readonly string[], Row[]][] = [
    [APPOINTMENT_COPY_HEADERS, c.appts.map((a) => [a.date, a.status, text(a.reason), a.causeType, text(a.code), a.modifiers ? a.modifiers : null, a.units ?? 1, a.wrvu, a.visitType, a.provider ? text(a.provider) : null, a.row])],
    // Each row's own year: no RVU year is pinned in these cases.
    [cmsHeaders(m.cms.years), m.cms.rows.map((x) => [x.code, x.year, x.from, x.to, ...x.values, x.values[m.cms.years.indexOf(x.year)]])],
  ];
  if (c.time) out.push([TIME_COPY_HEADERS, c.time.map((e) => [e.date, text(e.activity), e.minutes, e.paid ? "yes" : "no", e.row])]);
  return out;
}

// ------------------------------------------------------------------------------------------

describe("RVU Leakage workbook, recalculated in LibreOffice", () => {
  let dir: string;
  const cases: Case[] = [];
  const built: { c: Case; m: LeakageMetrics; plan: SheetPlan; file: string; recalc: string }[] = [];

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-leakage-"));
    cases.push(sampleCase(), ...edgeCases(), ...generatedCases());
    for (const [i, c] of cases.entries()) {
      const m = leakageMetrics(c.appts, c.time, c.opts);
      const plan = buildLeakagePlan({ appointments: c.appts, time: c.time, source: `${c.name}.csv`, builtAt: new Date(Date.UTC(2026, 3, 1)), ...c.opts });
      const file = path.join(dir, `leakage-${i}.xlsx`);
      await writeXlsxFile([plan], file);
      built.push({ c, m, plan, file, recalc: "" });
    }
    const outs = await recalcWithLibreOffice(
      built.map((b) => b.file),
      path.join(dir, "recalc")
    );
    outs.forEach((o, i) => (built[i].recalc = o));
  });

  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  test("the cases cover what the issue asks for", () => {
    const ms = built.map((b) => b.m);
    expect(ms.some((m) => m.noShows === 0)).toBe(true);
    expect(ms.some((m) => m.noShows > 0 && m.systemNoShows === m.noShows)).toBe(true);
    expect(ms.some((m) => m.patientNoShowRate === null && m.scheduled > 0)).toBe(true);
    expect(ms.some((m) => m.byMonth.length === 1)).toBe(true);
    expect(ms.some((m) => m.byMonth.some((r) => r.scheduled === 0))).toBe(true);
    expect(ms.some((m) => m.time === null)).toBe(true);
    expect(ms.some((m) => m.wrvuParts.unresolved > 0 && m.wrvuParts.fromCodes > 0 && m.wrvuParts.fromLog > 0)).toBe(true);
    expect(ms.some((m) => m.byReason.some((r) => r.prefix && r.noShows > 1))).toBe(true);
    expect(ms.some((m) => m.byReason.some((r) => r.reason.length === 100 && !r.prefix))).toBe(true);
    expect(ms.some((m) => m.time?.byActivity.some((a) => a.prefix))).toBe(true);
    expect(ms.some((m) => m.byReason.some((r) => r.other > 0) && m.codingMix.some((c) => c.other > 0) && m.time?.byActivity.some((a) => a.other > 0))).toBe(true);
    expect(built.length).toBeLessThanOrEqual(14);
  });

  test("every formula is one Excel 2016 and LibreOffice 7.4 both compute", () => {
    for (const b of built) expect({ name: b.c.name, problems: lintFormulas(b.plan) }).toEqual({ name: b.c.name, problems: [] });
  });

  test("formulas are per figure, not per log row", () => {
    for (const b of built) {
      const n = planFormulas(b.plan).length;
      const tables = b.m.byReason.length + b.m.byMonth.length + b.m.codingMix.length + (b.m.time?.byActivity.length ?? 0) + 2;
      expect(n).toBeLessThanOrEqual(20 + 6 * tables);
    }
  });

  test("every labelled figure equals the core's number", async () => {
    const bad: string[] = [];
    for (const b of built) {
      const grid = new Grid(await readSheet(b.recalc, SHEET));
      const mm = new Mismatches();
      for (const [label, want] of expectedFigures(b.m, b.c.opts)) mm.check(label, grid.figure(label), want);
      bad.push(...mm.lines.map((l) => `${b.c.name}: ${l}`));
    }
    expect(bad).toEqual([]);
  });

  test("every table cell equals the core's number", async () => {
    const bad: string[] = [];
    for (const b of built) {
      const grid = new Grid(await readSheet(b.recalc, SHEET));
      const mm = new Mismatches();
      for (const [headers, rows] of expectedTables(b.m)) mm.rows(headers[0] + "/" + headers[1], grid.table(headers), rows);
      if (!b.m.time) expect(grid.find(T.byActivity[1])).toEqual([]);
      bad.push(...mm.lines.map((l) => `${b.c.name}: ${l}`));
    }
    expect(bad).toEqual([]);
  });

  test("the logs and the CMS block are copied as values, codes as text, on the data sheet", async () => {
    const bad: string[] = [];
    for (const b of built) {
      const grid = new Grid(await readSheet(b.recalc, `${SHEET} data`));
      const mm = new Mismatches();
      for (const [headers, rows] of expectedCopies(b.c, b.m)) mm.rows(headers[1], grid.table(headers), rows);
      bad.push(...mm.lines.slice(0, 5).map((l) => `${b.c.name}: ${l}`));
    }
    expect(bad).toEqual([]);
  });

  test("cached values equal LibreOffice's, and no cell is an error", async () => {
    const bad: string[] = [];
    for (const b of built) {
      const recalculated = await readSheet(b.recalc, SHEET);
      // Every analysis cell has no copied row in it: the log is on the data sheet alone.
      expect(new Grid(recalculated).find(APPOINTMENT_COPY_HEADERS[1])).toEqual([]);
      const mm = new Mismatches();
      for (const { address, cached } of planFormulas(b.plan)) mm.check(address, recalculated.get(address) ?? null, cached);
      bad.push(...mm.lines.map((l) => `${b.c.name}: ${l}`));
      bad.push(...(await findErrors(b.recalc)).map((e) => `${b.c.name}: ${e}`));
      bad.push(...(await findErrors(b.file)).map((e) => `${b.c.name} (as built): ${e}`));
    }
    expect(bad).toEqual([]);
  });

  test("the charts point at the tables", () => {
    const b = built[0];
    expect(b.plan.charts!.map((c) => c.title)).toEqual([
      "No-shows by reason: system- vs patient-caused",
      "Completed visits and no-shows by month",
      "No-show rate by month",
    ]);
  });
});
