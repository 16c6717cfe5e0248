/**
 * The RVU Leakage sheet (SPEC §3): what no-shows and unpaid time cost, from the clinician's own
 * appointment and time logs. The answer first: the Bottom line, the headline figures and the
 * by-reason chart; then the assumptions and the working.
 *
 * The logs are copied onto the "RVU Leakage data" sheet and every figure is ONE native formula
 * over the whole copied columns (COUNTIFS/SUMIFS/SUMPRODUCT), never a formula per log row, so a
 * 100,000-row log stays a sheet of a few hundred formulas. Each formula's cached value is the
 * core's number (src/core/leakage.ts), so a viewer that never recalculates still shows the truth.
 */
import { absRange } from "./a1";
import { FMT, formula as fx, type PlanCell, type SheetPlan } from "./plan";
import { equalsCriterion } from "./criteria";
import { leakageMetrics, type LeakageMetrics } from "../core/leakage";
import { cleanText } from "../core/cms-block";
import { NO_TEXT, groupLabel, otherLabel } from "../core/grouping";
import type { Appointment, Problem, TimeEntry } from "../core/inputs/types";
import { cmsCriteria, wrvuSum, type CmsRanges } from "./cms-formula";
import { copyAppointments, copyCms, logFitProblems, type LogRanges } from "./log-copy";
import { DataSheet } from "./data-sheet";
import type { FeeSchedule } from "../core/fee-schedule";
import type { LogInference } from "../core/inputs/appointments";
import { describeInference } from "../core/exports/inferred";
import { INBOX_MINUTES_PER_DAY } from "../core/data/benchmarks";
import { SheetLayout } from "./layout";
import { rvuYearFigure } from "./rvu-year";
import { sheetRef } from "./a1";
import { noteSections, reserveBottomLine, reserveFigures, reserveTable, sheetTop, type Figure, type Figures, type Table } from "./sections";
import { dollars, either, isoDate, join, lit, one, pct, sentence, type Part } from "./sentence";

export const LEAKAGE_SHEET_NAME = "RVU Leakage";

/** Label texts, exactly as SPEC §3 spells them (tests and the task pane find figures by them). */
export const LEAKAGE_LABELS = {
  dollarsPerWrvu: "$ per wRVU",
  effectiveHourly: "Effective hourly",
  scheduled: "Scheduled",
  completed: "Completed",
  noShows: "No-shows",
  noShowRate: "No-show rate",
  systemNoShows: "System-caused no-shows",
  patientNoShows: "Patient-caused no-shows",
  patientNoShowRate: "Patient no-show rate",
  wrvusLost: "wRVUs lost to no-shows",
  revenueLost: "Revenue lost to no-shows",
  unpaidHours: "Unpaid hours",
  unpaidHoursPerWeek: "Unpaid hours per week",
  unpaidTimeValue: "Unpaid time value",
  // A dollar figure over part of a year is also given per year (SPEC §3, the answer first).
  revenueLostPerYear: "Revenue lost to no-shows per year",
  wrvusLostPerYear: "wRVUs lost to no-shows per year",
  unpaidTimeValuePerYear: "Unpaid time value per year",
  systemShare: "System-caused share of no-shows",
  // How wRVUs lost is put together, each step its own figure so it can be checked.
  fromLog: "No-show wRVUs from the log",
  fromCodes: "No-show wRVUs from CMS codes",
  unresolved: "No-shows with no wRVU or known code",
  meanCompleted: "Mean wRVU of completed visits",
  cancelled: "Cancelled with notice (not counted)",
  logDates: "Appointment log dates",
  logDays: "Appointment log days (first to last)",
  timeLogDates: "Time log dates",
  timeLogDays: "Time log days (first to last)",
} as const;

/** Table header texts. */
export const LEAKAGE_TABLES = {
  byReason: ["Reason", "No-shows", "System-caused", "Patient-caused", "Share of no-shows", "wRVUs lost"],
  byCause: ["Cause", "No-shows", "Share of no-shows", "wRVUs lost", "Revenue lost"],
  byMonth: ["Month", "Scheduled", "Completed", "No-shows", "No-show rate"],
  byActivity: ["Activity", "Unpaid minutes", "Unpaid hours", "Share of unpaid time"],
  codingMix: ["Code", "Completed visits", "Share of completed"],
} as const;

export const CAUSE_LABELS = { system: "System-caused (practice)", patient: "Patient-caused" } as const;
export const NO_REASON = NO_TEXT.reasons;
export const NO_CODE = NO_TEXT.codes;
export const NO_ACTIVITY = NO_TEXT.activities;
export { otherLabel };
export const NO_TIME_LOG = "no time log given";

export { APPOINTMENT_COPY_HEADERS } from "./log-copy";
export const TIME_COPY_HEADERS = ["Date", "Activity", "Minutes", "Paid", "Source row"];

export interface LeakagePlanInput {
  appointments: readonly Appointment[];
  time?: readonly TimeEntry[] | null;
  /** The input files, as the meta line names them, e.g. "appointments.csv and time-log.csv". */
  source: string;
  builtAt: Date;
  dollarsPerWrvu: number;
  effectiveHourly: number;
  /** The CMS fee schedule the log's codes are looked up in. */
  fees: FeeSchedule;
  /** The RVU year every row is priced in (SPEC §3); absent or null = each row's own year. */
  rvuYear?: number | null;
  /** What reading the log inferred, said in the sheet's notes. */
  inferred?: LogInference;
  /** Assumptions left at ClinPay's default: the sheet says so beside them, so users change them. */
  defaults?: { dollarsPerWrvu?: boolean; effectiveHourly?: boolean };
  /** The metrics, when the caller already computed them for these inputs (saves a pass). */
  metrics?: LeakageMetrics;
  /**
   * The caller hands the appointments over: each is dropped from the array once copied into the
   * plan, so a million-row log is not held twice (as appointments and as copied cells) while the
   * plan is built. Needs `metrics`; the array is empty afterwards.
   */
  releaseAppointments?: boolean;
}

const MONTH_FMT = "mmm yyyy";
/** A log longer than the data sheet's rows below its header cannot be held, and is refused before anything is computed. */
export const leakageFitProblems = (appointments: { source: string; rows: number }, time?: { source: string; rows: number }): Problem[] =>
  logFitProblems(LEAKAGE_SHEET_NAME, appointments, time);

const HEADLINE = ["wrvusLost", "revenueLost", "revenueLostPerYear", "systemShare", "unpaidHoursPerWeek", "unpaidTimeValuePerYear"] as const;
const ASSUMPTIONS = ["dollarsPerWrvu", "effectiveHourly", "rvuYear"] as const;
const KEY = ["scheduled", "completed", "noShows", "noShowRate", "systemNoShows", "patientNoShows", "patientNoShowRate", "wrvusLostPerYear", "unpaidHours", "unpaidTimeValue"] as const;
const PARTS = ["fromLog", "fromCodes", "unresolved", "meanCompleted", "cancelled", "logDates", "logDays", "timeLogDates", "timeLogDays"] as const;
type FigureKey = (typeof HEADLINE)[number] | (typeof ASSUMPTIONS)[number] | (typeof KEY)[number] | (typeof PARTS)[number];

/** Every section's place, reserved before any formula is written so figures can point at each other. */
function reserve(layout: SheetLayout, m: LeakageMetrics) {
  const page = layout.cursor;
  const answer = reserveBottomLine(page);
  const [glance, mainChart] = page.columns(3, 8);
  const headline = reserveFigures(glance, "At a glance", HEADLINE);
  const reasonChart = mainChart.chart(16);
  page.join([glance, mainChart]);

  const [left, right] = page.columns(3, 8);
  const assumptions = reserveFigures(left, "Assumptions", ASSUMPTIONS);
  const key = reserveFigures(left, "Key figures", KEY);
  const parts = reserveFigures(left, "How wRVUs lost is counted (and other inputs to the figures)", PARTS);
  const monthChart = right.chart(13);
  const rateChart = right.chart(12);
  page.join([left, right]);

  const [reasonSide, causeSide] = page.columns(6, 5);
  const reasons = reserveTable(reasonSide, "No-shows by reason", LEAKAGE_TABLES.byReason.length, m.byReason.length);
  const causes = reserveTable(causeSide, "System-caused vs patient-caused no-shows", LEAKAGE_TABLES.byCause.length, 2);
  const codes = reserveTable(causeSide, "Coding mix of completed visits", LEAKAGE_TABLES.codingMix.length, m.codingMix.length);
  page.join([reasonSide, causeSide]);

  const [monthSide, activitySide] = page.columns(5, 6);
  const months = reserveTable(monthSide, "Completed visits and no-show rate by month", LEAKAGE_TABLES.byMonth.length, m.byMonth.length);
  const activities = m.time ? reserveTable(activitySide, "Unpaid minutes by activity", LEAKAGE_TABLES.byActivity.length, m.time.byActivity.length) : undefined;
  page.join([monthSide, activitySide]);
  return { answer, headline, reasonChart, assumptions, key, parts, monthChart, rateChart, reasons, causes, codes, months, activities, notes: page };
}
type Places = ReturnType<typeof reserve>;

/** What every section reads: the metrics, the named cells, the copied columns and the no-show formulas. */
interface Ctx {
  input: LeakagePlanInput;
  m: LeakageMetrics;
  layout: SheetLayout;
  places: Places;
  /** Each figure's cell, by name. */
  refs: Record<FigureKey, string>;
  log: LogRanges;
  timeLog: { date: string; activity: string; minutes: string; paid: string } | null;
  noShow: ReturnType<typeof noShowFormulas>;
}

/**
 * Formula pieces over the whole copied log; `g` adds criteria (", range, crit"). A no-show's
 * wRVUs are the log's wrvu, else its units × its code's CMS wRVU, else the completed-visit mean.
 */
function noShowFormulas(log: LogRanges, cms: CmsRanges, mean: string) {
  const S = log.status;
  const both = (fn: (status: string) => string) => `${fn('"no_show"')}+${fn('"late_cancel"')}`;
  const count = (g = "") => both((st) => `COUNTIFS(${S},${st}${g})`);
  const fromLog = (g = "") => both((st) => `SUMIFS(${log.wrvu},${S},${st}${g})`);
  // Rows without a wrvu whose code (in its year) is in the CMS block: their units and their count.
  const inCms = cmsCriteria(log, cms);
  const cmsUnits = (g = "") => both((st) => `SUMIFS(${log.units},${S},${st}${g},${log.wrvu},""${inCms})`);
  const cmsCounts = (g = "") => both((st) => `COUNTIFS(${S},${st}${g},${log.wrvu},""${inCms})`);
  const blank = (g = "") => both((st) => `COUNTIFS(${S},${st}${g},${log.wrvu},"")`);
  const completedWithWrvu = `COUNTIFS(${S},"completed",${log.wrvu},"<>")+SUMPRODUCT(COUNTIFS(${S},"completed",${log.wrvu},""${inCms}))`;
  return {
    count,
    fromLog,
    fromCodes: (g = "") => `SUMPRODUCT((${cmsUnits(g)})*${cms.priced})`,
    unresolved: (g = "") => `${blank(g)}-SUMPRODUCT(${cmsCounts(g)})`,
    // log + CMS + (blank − CMS-coded) × mean, the CMS units and counts taken in one SUMPRODUCT.
    lost: (g = "") => `${fromLog(g)}+SUMPRODUCT((${cmsUnits(g)})*${cms.priced}-(${cmsCounts(g)})*${mean})+(${blank(g)})*${mean}`,
    completedMean:
      `IF(${completedWithWrvu}=0,0,` +
      `(${wrvuSum(log, cms, `,${S},"completed"`)})/(${completedWithWrvu}))`,
  };
}

/** "2026-01-02 to 2026-06-30", live from the copied dates. */
const datesBetween = (dates: string, first: number | null, last: number | null): Part =>
  join([isoDate(`MIN(${dates})`, first), lit(" to "), isoDate(`MAX(${dates})`, last)]);

/** Every figure: the headline, the assumptions, the key figures and the parts wRVUs lost is made of. */
function figures(c: Ctx): Record<FigureKey, Figure> {
  const { m, refs, noShow, log, input } = c;
  const labels = LEAKAGE_LABELS;
  const t = m.time;
  const T = c.timeLog;
  const logPeriod = { f: refs.logDates, v: m.firstDate === null ? "" : datesBetween(log.date, m.firstDate, m.lastDate).v };
  const over = fx(logPeriod.f, logPeriod.v);
  const timeOver = t ? fx(refs.timeLogDates, datesBetween(T!.date, t.firstDate, t.lastDate).v) : undefined;
  const timeFig = (formula: () => string, v: number | undefined): PlanCell => (t && T ? fx(formula(), v!) : NO_TIME_LOG);
  const perYear = (ref: string, days: string) => `IF(${days}="","",${ref}*365/${days})`;
  const yearly = "a year, at the same rate";
  const dflt = (isDefault: boolean | undefined) => (isDefault ? "ClinPay's default: type yours" : "yours");
  return {
    dollarsPerWrvu: { label: labels.dollarsPerWrvu, value: input.dollarsPerWrvu, format: FMT.money2, aside: dflt(input.defaults?.dollarsPerWrvu) },
    effectiveHourly: { label: labels.effectiveHourly, value: input.effectiveHourly, format: FMT.hourly, aside: dflt(input.defaults?.effectiveHourly) },
    rvuYear: rvuYearFigure(refs.rvuYear, m.cms.years, input.rvuYear),
    scheduled: { label: labels.scheduled, value: fx(`COUNTA(${log.status})-COUNTIFS(${log.status},"cancelled")`, m.scheduled), format: FMT.visits, aside: over },
    completed: { label: labels.completed, value: fx(`COUNTIFS(${log.status},"completed")`, m.completed), format: FMT.visits, aside: over },
    noShows: { label: labels.noShows, value: fx(noShow.count(), m.noShows), format: FMT.visits, aside: over },
    noShowRate: { label: labels.noShowRate, value: fx(`IF(${refs.scheduled}=0,"",${refs.noShows}/${refs.scheduled})`, m.noShowRate), format: FMT.percent },
    systemNoShows: { label: labels.systemNoShows, value: fx(noShow.count(`,${log.cause},"system"`), m.systemNoShows), format: FMT.visits, aside: over },
    patientNoShows: { label: labels.patientNoShows, value: fx(`${refs.noShows}-${refs.systemNoShows}`, m.patientNoShows), format: FMT.visits, aside: over },
    patientNoShowRate: {
      label: labels.patientNoShowRate,
      value: fx(`IF(${refs.scheduled}-${refs.systemNoShows}=0,"",(${refs.noShows}-${refs.systemNoShows})/(${refs.scheduled}-${refs.systemNoShows}))`, m.patientNoShowRate),
      format: FMT.percent,
    },
    systemShare: { label: labels.systemShare, value: fx(`IF(${refs.noShows}=0,"",${refs.systemNoShows}/${refs.noShows})`, m.systemShare), format: FMT.percent, aside: "the practice's systems, not patients" },
    wrvusLost: { label: labels.wrvusLost, value: fx(`${refs.fromLog}+${refs.fromCodes}+${refs.unresolved}*${refs.meanCompleted}`, m.wrvusLost), format: FMT.wrvu, aside: over },
    revenueLost: { label: labels.revenueLost, value: fx(`${refs.wrvusLost}*${refs.dollarsPerWrvu}`, m.revenueLost), format: FMT.money, aside: over },
    wrvusLostPerYear: { label: labels.wrvusLostPerYear, value: fx(perYear(refs.wrvusLost, refs.logDays), m.wrvusLostPerYear), format: FMT.wrvu, aside: yearly },
    revenueLostPerYear: { label: labels.revenueLostPerYear, value: fx(perYear(refs.revenueLost, refs.logDays), m.revenueLostPerYear), format: FMT.money, aside: yearly },
    unpaidHours: { label: labels.unpaidHours, value: timeFig(() => `SUMIFS(${T!.minutes},${T!.paid},"<>yes")/60`, t?.unpaidHours), format: FMT.hours, aside: timeOver },
    unpaidHoursPerWeek: { label: labels.unpaidHoursPerWeek, value: timeFig(() => `${refs.unpaidHours}/(${refs.timeLogDays}/7)`, t?.unpaidHoursPerWeek), format: FMT.hoursPerWeek, aside: timeOver },
    unpaidTimeValue: { label: labels.unpaidTimeValue, value: timeFig(() => `${refs.unpaidHours}*${refs.effectiveHourly}`, t?.unpaidTimeValue), format: FMT.money, aside: timeOver },
    unpaidTimeValuePerYear: { label: labels.unpaidTimeValuePerYear, value: timeFig(() => perYear(refs.unpaidTimeValue, refs.timeLogDays), t?.unpaidTimeValuePerYear), format: FMT.money, aside: t ? yearly : undefined },
    fromLog: { label: labels.fromLog, value: fx(noShow.fromLog(), m.wrvuParts.fromLog), format: FMT.wrvu2 },
    fromCodes: { label: labels.fromCodes, value: fx(noShow.fromCodes(), m.wrvuParts.fromCodes), format: FMT.wrvu2 },
    unresolved: { label: labels.unresolved, value: fx(noShow.unresolved(), m.wrvuParts.unresolved), format: FMT.visits },
    meanCompleted: { label: labels.meanCompleted, value: fx(noShow.completedMean, m.wrvuParts.meanCompleted), format: FMT.wrvu2 },
    cancelled: { label: labels.cancelled, value: fx(`COUNTIFS(${log.status},"cancelled")`, m.cancelled), format: FMT.visits },
    logDates: { label: labels.logDates, value: fx(`IF(COUNT(${log.date})=0,"",${datesBetween(log.date, m.firstDate, m.lastDate).f})`, logPeriod.v) },
    logDays: { label: labels.logDays, value: fx(`IF(COUNT(${log.date})=0,"",MAX(${log.date})-MIN(${log.date})+1)`, m.days), format: FMT.days },
    timeLogDates: { label: labels.timeLogDates, value: t && T ? fx(datesBetween(T.date, t.firstDate, t.lastDate).f, datesBetween(T.date, t.firstDate, t.lastDate).v) : NO_TIME_LOG },
    timeLogDays: { label: labels.timeLogDays, value: timeFig(() => `MAX(${T!.date})-MIN(${T!.date})+1`, t?.days), format: FMT.days },
  };
}

/**
 * The answer in one sentence: wRVUs and dollars lost to no-shows over the log's dates and per
 * year, the system-caused share, and unpaid hours per week with their value per year.
 */
function bottomLine(c: Ctx): PlanCell {
  const { m, refs } = c;
  const t = m.time;
  const unpaid: Part[] = t
    ? [lit(" Unpaid work: "), one(refs.unpaidHoursPerWeek, t.unpaidHoursPerWeek), lit(" hours a week, worth "), dollars(refs.unpaidTimeValuePerYear, t.unpaidTimeValuePerYear), lit(" a year.")]
    : [lit(" No time log was given, so unpaid time is not counted.")];
  return sentence([
    either(
      `${refs.noShows}=0`,
      m.noShows === 0,
      [lit("No no-shows in the log.")],
      [
        lit("No-shows cost "),
        one(refs.wrvusLost, m.wrvusLost),
        lit(" wRVUs ("),
        dollars(refs.revenueLost, m.revenueLost),
        lit(") from "),
        { f: refs.logDates, v: datesBetween(c.log.date, m.firstDate, m.lastDate).v },
        lit(", "),
        dollars(refs.revenueLostPerYear, m.revenueLostPerYear),
        lit(" a year; "),
        pct(refs.systemShare, m.systemShare),
        lit(" of them were system-caused."),
      ]
    ),
    ...unpaid,
  ]);
}

/** No-shows by reason, system- and patient-caused side by side, and the main chart of them. */
function reasonSection(c: Ctx): void {
  const { m, refs, noShow, log, layout } = c;
  const table = c.places.reasons;
  const rows = m.byReason.map((r, i): PlanCell[] => {
    const g = `,${log.reason},${equalsCriterion(r.reason, r.prefix)}`;
    const cell = (col: number) => table.cell(i, col);
    if (r.other > 0) {
      // Whatever the listed reasons leave of the totals.
      const above = (col: number) => `SUM(${absRange(table.first, table.area.col + col, table.first + i - 1, table.area.col + col)})`;
      return [
        otherLabel(r.other, "reasons"),
        fx(`${refs.noShows}-${above(1)}`, r.noShows),
        fx(`${refs.systemNoShows}-${above(2)}`, r.systemCaused),
        fx(`${cell(1)}-${cell(2)}`, r.patientCaused),
        fx(`IF(${refs.noShows}=0,0,${cell(1)}/${refs.noShows})`, r.share),
        fx(`${refs.wrvusLost}-${above(5)}`, r.wrvusLost),
      ];
    }
    return [
      groupLabel(r.reason, r, "reasons"),
      fx(noShow.count(g), r.noShows),
      fx(noShow.count(`${g},${log.cause},"system"`), r.systemCaused),
      fx(`${cell(1)}-${cell(2)}`, r.patientCaused),
      fx(`IF(${refs.noShows}=0,0,${cell(1)}/${refs.noShows})`, r.share),
      fx(noShow.lost(g), r.wrvusLost),
    ];
  });
  table.fill(layout, LEAKAGE_TABLES.byReason, rows, { formats: [undefined, FMT.number, FMT.number, FMT.number, FMT.percent, FMT.number1] });
  if (rows.length === 0) return;
  layout.chart(c.places.reasonChart, {
    type: "bar",
    title: "No-shows by reason: system- vs patient-caused",
    categoriesRef: table.column(0),
    series: [2, 3].map((col) => ({ nameRef: table.headerCell(col), valuesRef: table.column(col) })),
    yAxisTitle: "No-shows",
    valueFormat: FMT.number,
  });
}

/** System vs patient: the case to take to the practice. */
function causeSection(c: Ctx): void {
  const { m, refs, noShow, log } = c;
  const table = c.places.causes;
  const rows = m.byCause.map((cause, i): PlanCell[] => {
    const g = `,${log.cause},${cause.causeType === "system" ? '"system"' : '"<>system"'}`;
    return [
      CAUSE_LABELS[cause.causeType],
      fx(noShow.count(g), cause.noShows),
      fx(`IF(${refs.noShows}=0,0,${table.cell(i, 1)}/${refs.noShows})`, cause.share),
      fx(noShow.lost(g), cause.wrvusLost),
      fx(`${table.cell(i, 3)}*${refs.dollarsPerWrvu}`, cause.revenueLost),
    ];
  });
  table.fill(c.layout, LEAKAGE_TABLES.byCause, rows, { formats: [undefined, FMT.number, FMT.percent, FMT.number1, FMT.money] });
}

/** By month, empty months included so the trend has no silent gaps, with its two charts. */
function monthSection(c: Ctx): void {
  const { m, noShow, log, layout } = c;
  const table = c.places.months;
  const rows = m.byMonth.map((mo, i): PlanCell[] => {
    const start = table.cell(i, 0);
    const inMonth = `,${log.date},">="&${start},${log.date},"<="&EOMONTH(${start},0)`;
    return [
      mo.monthStart,
      fx(`COUNTIFS(${inMonth.slice(1)})-COUNTIFS(${log.status},"cancelled"${inMonth})`, mo.scheduled),
      fx(`COUNTIFS(${log.status},"completed"${inMonth})`, mo.completed),
      fx(noShow.count(inMonth), mo.noShows),
      fx(`IF(${table.cell(i, 1)}=0,"",${table.cell(i, 3)}/${table.cell(i, 1)})`, mo.noShowRate),
    ];
  });
  table.fill(layout, LEAKAGE_TABLES.byMonth, rows, { formats: [MONTH_FMT, FMT.number, FMT.number, FMT.number, FMT.percent] });
  if (rows.length === 0) return;
  layout.chart(c.places.monthChart, {
    type: "column",
    title: "Completed visits and no-shows by month",
    categoriesRef: table.column(0),
    series: [2, 3].map((col) => ({ nameRef: table.headerCell(col), valuesRef: table.column(col) })),
    yAxisTitle: "Visits",
    valueFormat: FMT.number,
  });
  layout.chart(c.places.rateChart, {
    type: "line",
    title: "No-show rate by month",
    categoriesRef: table.column(0),
    series: [{ nameRef: table.headerCell(4), valuesRef: table.column(4) }],
    yAxisTitle: "No-show rate",
    valueFormat: "0%",
  });
}

/** Unpaid minutes by activity (with a time log). */
function activitySection(c: Ctx, table: Table): void {
  const t = c.m.time!;
  const T = c.timeLog!;
  const rows = t.byActivity.map((a, i): PlanCell[] => [
    groupLabel(a.activity, a, "activities"),
    a.other > 0
      ? fx(`${c.refs.unpaidHours}*60-SUM(${absRange(table.first, table.area.col + 1, table.first + i - 1, table.area.col + 1)})`, a.unpaidMinutes)
      : fx(`SUMIFS(${T.minutes},${T.activity},${equalsCriterion(a.activity, a.prefix)},${T.paid},"<>yes")`, a.unpaidMinutes),
    fx(`${table.cell(i, 1)}/60`, a.unpaidHours),
    fx(`IF(${c.refs.unpaidHours}=0,0,${table.cell(i, 1)}/(${c.refs.unpaidHours}*60))`, a.share),
  ]);
  table.fill(c.layout, LEAKAGE_TABLES.byActivity, rows, { formats: [undefined, FMT.number, FMT.hours, FMT.percent] });
}

/** The coding mix of completed visits. */
function codeSection(c: Ctx): void {
  const { m, refs, log } = c;
  const table = c.places.codes;
  const rows = m.codingMix.map((code, i): PlanCell[] => [
    groupLabel(code.code, code, "codes"),
    code.other > 0
      ? fx(`${refs.completed}-SUM(${absRange(table.first, table.area.col + 1, table.first + i - 1, table.area.col + 1)})`, code.completed)
      : fx(`COUNTIFS(${log.status},"completed",${log.code},${equalsCriterion(code.code, code.prefix)})`, code.completed),
    fx(`IF(${refs.completed}=0,0,${table.cell(i, 1)}/${refs.completed})`, code.share),
  ]);
  table.fill(c.layout, LEAKAGE_TABLES.codingMix, rows, { formats: [undefined, FMT.number, FMT.percent] });
}

const NOTES = [
  "No-shows are booked visits that did not happen: status no_show or late_cancel. Visits cancelled with notice are not counted (the slot could be refilled). Scheduled is every row that is not cancelled.",
  "System-caused no-shows (video link failed, platform outage, scheduling error: cause type system) are failures on the practice's side. Patient no-show rate takes them out of both counts. The difference between the two rates, and the System-caused row's wRVUs and revenue, is the case to take to your practice: those visits were lost to its systems, not to your patients.",
  "wRVUs lost counts each no-show at the wRVU in the log, else the CMS work RVU of its code (the block beside the copied log on the data sheet: add a row there for a code you type into the log), else the mean wRVU of completed visits. Revenue lost prices them at $ per wRVU in Assumptions: change it to your contract's rate and every figure follows.",
  "Figures over the log are for its dates, said beside each; a figure per year is that figure × 365 ÷ the log's days. The time log has dates of its own: unpaid hours are its minutes not marked paid, per week divided by its days ÷ 7, and Unpaid time value prices them at Effective hourly. " +
    `(Published studies put inbox work alone near ${INBOX_MINUTES_PER_DAY} minutes a day: illustrative.)`,
  "Every figure is a live formula over the logs copied on the RVU Leakage data sheet: edit a row there and the figures follow. The workbook needs no add-in to recalculate.",
];

/** The copied time log: the cells the unpaid-time figures read. */
function copyTime(data: DataSheet, time: readonly TimeEntry[]) {
  const placed = data.add({
    heading: `Time log (copied, ${time.length.toLocaleString("en-US")} rows)`,
    headers: TIME_COPY_HEADERS,
    rows: time.map((e) => [e.date, emptyToNull(cleanText(e.activity)), e.minutes, e.paid ? "yes" : "no", e.row]),
    formats: [FMT.date, undefined, FMT.number, undefined, "0"],
    align: [undefined, "indent", undefined, "center", undefined],
    widths: [11, 24, 9, 6, 10],
  });
  return { date: placed.column(0), activity: placed.column(1), minutes: placed.column(2), paid: placed.column(3) };
}

export function buildLeakagePlan(input: LeakagePlanInput): SheetPlan {
  const appts = input.appointments;
  const time = input.time && input.time.length > 0 ? input.time : null;
  const m = input.metrics ?? leakageMetrics(appts, time, { dollarsPerWrvu: input.dollarsPerWrvu, effectiveHourly: input.effectiveHourly, fees: input.fees, rvuYear: input.rvuYear });

  // The copied logs and the CMS block go on the data sheet; the analysis sheet reads them there.
  const data = new DataSheet(LEAKAGE_SHEET_NAME, input.builtAt, input.source);
  const log = copyAppointments(data, appts, input.releaseAppointments === true && input.metrics !== undefined);
  const timeLog = time ? copyTime(data, time) : null;

  const layout = new SheetLayout();
  sheetTop(layout, LEAKAGE_SHEET_NAME, input.builtAt, input.source);
  const places = reserve(layout, m);
  const refs = { ...places.headline.ref, ...places.assumptions.ref, ...places.key.ref, ...places.parts.ref } as Record<FigureKey, string>;
  const cms = copyCms(data, m.cms, sheetRef(LEAKAGE_SHEET_NAME, refs.rvuYear), input.rvuYear);
  log.priceSummed(cms);
  const c: Ctx = { input, m, layout, places, refs, log, timeLog, noShow: noShowFormulas(log, cms, refs.meanCompleted) };

  const all = figures(c);
  const fill = <K extends FigureKey>(f: Figures<K>, style?: "assumptions") => f.fill(layout, Object.fromEntries(f.keys.map((k) => [k, all[k]])) as Record<K, Figure>, style);
  places.answer.fill(layout, bottomLine(c));
  fill(places.headline);
  fill(places.assumptions, "assumptions");
  fill(places.key);
  fill(places.parts);
  reasonSection(c);
  causeSection(c);
  codeSection(c);
  monthSection(c);
  if (places.activities) activitySection(c, places.activities);
  noteSections(places.notes, layout, NOTES, describeInference(input.inferred, m.wrvuParts, m.noShows));
  return layout.finish("rvu-leakage", LEAKAGE_SHEET_NAME, { dataSheets: [data.finish("rvu-leakage")] });
}

const emptyToNull = (s: string): string | null => (s === "" ? null : s);
