/**
 * The RVU Leakage sheet (SPEC §3): what no-shows and unpaid time cost, from the clinician's own
 * appointment and time logs.
 *
 * The logs are copied onto the sheet (from column O) and every figure is ONE native formula
 * over the whole copied columns (COUNTIFS/SUMIFS/SUMPRODUCT), never a formula per log row, so a
 * 100,000-row log stays a sheet of a few hundred formulas. Each formula's cached value is the
 * core's number (src/core/leakage.ts), so a viewer that never recalculates still shows the truth.
 */
import { abs, absRange } from "./a1";
import { FMT, type Block, type ChartPlan, type PlanCell, type SheetPlan } from "./plan";
import { labelledBlocks, metaBlock, noteBlock, sectionBlock, tableBlock, titleBlock, type Labelled } from "./blocks";
import { equalsCriterion } from "./criteria";
import { leakageMetrics, type LeakageMetrics } from "../core/leakage";
import { cleanText } from "../core/cms-block";
import type { Appointment, Problem, TimeEntry } from "../core/inputs/types";
import { rowsPastSheet } from "../core/limits";
import { wrvuSum } from "./cms-formula";
import { APPOINTMENT_COPY_HEADERS, appointmentCopyBlocks, appointmentCopyWidths, logRanges } from "./log-copy";
import type { FeeSchedule } from "../core/fee-schedule";
import type { LogInference } from "../core/inputs/appointments";
import { describeInference } from "../core/exports/inferred";
import { INBOX_MINUTES_PER_DAY } from "../core/data/benchmarks";

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
  // How wRVUs lost is put together, each step its own figure so it can be checked.
  fromLog: "No-show wRVUs from the log",
  fromCodes: "No-show wRVUs from CMS codes",
  unresolved: "No-shows with no wRVU or known code",
  meanCompleted: "Mean wRVU of completed visits",
  cancelled: "Cancelled with notice (not counted)",
  timeLogDays: "Time log days (first to last)",
} as const;

/** Table header texts. */
export const LEAKAGE_TABLES = {
  byReason: ["Reason", "No-shows", "System-caused", "Patient-caused", "Share of no-shows", "wRVUs lost"],
  byCause: ["Cause", "No-shows", "Share of no-shows", "wRVUs lost", "Revenue lost"],
  byMonth: ["Month", "Scheduled", "Completed", "No-shows", "No-show rate"],
  byActivity: ["Activity", "Unpaid minutes", "Unpaid hours", "Share of unpaid time"],
  codingMix: ["Code", "Completed visits", "Share of completed"],
  cms: ["Code", "Work RVU", "Year"],
} as const;

export const CAUSE_LABELS = { system: "System-caused (practice)", patient: "Patient-caused" } as const;
export const NO_REASON = "(no reason given)";
export const NO_CODE = "(no code)";
export const NO_ACTIVITY = "(no activity given)";
/** The last row of a table that lists only its TABLE_ROWS biggest groups. */
export const otherLabel = (n: number, what: "reasons" | "activities" | "codes"): string => `All ${n} other ${what}`;
export const NO_TIME_LOG = "no time log given";

export { APPOINTMENT_COPY_HEADERS } from "./log-copy";
export const TIME_COPY_HEADERS = ["date", "activity", "minutes", "paid", "source row"];

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

// Layout (0-based). Figures and tables in A–F, charts in H–M, copied logs from O.
const LABEL_COL = 0;
const VALUE_COL = 1;
const CHART_COL = 7;
const APPT_COL = 14; // O
const TIME_COL = APPT_COL + APPOINTMENT_COPY_HEADERS.length + 1; // X
const COPY_HEADER_ROW = 4;
const COPY_FIRST_ROW = COPY_HEADER_ROW + 1;

const MONTH_FMT = "mmm yyyy";

const SPLIT_LOG = "build one sheet per provider (--provider, or the pane's provider choice) or split the log by year";

/**
 * The logs are copied into the sheet from row COPY_FIRST_ROW: a log longer than the rows left
 * below it cannot be held, and is refused before anything is computed.
 */
export function leakageFitProblems(appointments: { source: string; rows: number }, time?: { source: string; rows: number }): Problem[] {
  const problems: Problem[] = [];
  const check = (t: { source: string; rows: number } | undefined, noun: string) => {
    const message = t && rowsPastSheet(t.rows, COPY_FIRST_ROW + 1, noun, LEAKAGE_SHEET_NAME, SPLIT_LOG);
    if (message) problems.push({ source: t.source, row: 0, column: "", value: "", message });
  };
  check(appointments, "appointment");
  check(time, "time-log row");
  return problems;
}

const FIGURES = [
  "scheduled", "completed", "noShows", "noShowRate", "systemNoShows", "patientNoShows", "patientNoShowRate",
  "wrvusLost", "revenueLost", "unpaidHours", "unpaidHoursPerWeek", "unpaidTimeValue",
] as const;
const PARTS = ["fromLog", "fromCodes", "unresolved", "meanCompleted", "cancelled", "timeLogDays"] as const;
type FigureKey = (typeof FIGURES)[number] | (typeof PARTS)[number];

/** Every section's row, fixed before any formula is written so figures can point at each other. */
function leakageLayout(m: LeakageMetrics) {
  const assumptions = 4;
  const figures = assumptions + 4;
  const parts = figures + FIGURES.length + 2;
  const used = (n: number) => n + 3; // section, header, rows, blank
  const reasons = parts + PARTS.length + 1;
  const causes = reasons + used(m.byReason.length);
  const months = causes + used(2);
  const activities = months + used(m.byMonth.length);
  const codes = activities + (m.time ? used(m.time.byActivity.length) : 0);
  const cms = codes + used(m.codingMix.length);
  const note = cms + used(m.cms.length);
  return { assumptions, figures, parts, reasons, causes, months, activities, codes, cms, note };
}
type Layout = ReturnType<typeof leakageLayout>;

/** What every section reads: the metrics, the named cells, the copied columns and the no-show formulas. */
interface Ctx {
  input: LeakagePlanInput;
  m: LeakageMetrics;
  at: Layout;
  /** Each figure's cell, by name. */
  cell: Record<FigureKey, string>;
  DPW: string;
  EH: string;
  log: ReturnType<typeof logRanges>;
  timeLog: { date: string; activity: string; minutes: string; paid: string } | null;
  fx: ReturnType<typeof noShowFormulas>;
}

const f = (formula: string, v: number | string | null): PlanCell => ({ f: formula, v: v === null ? "" : v });

/**
 * Formula pieces over the whole copied log; `g` adds criteria (", range, crit"). A no-show's
 * wRVUs are the log's wrvu, else its units × its code's CMS wRVU, else the completed-visit mean.
 */
function noShowFormulas(log: Ctx["log"], cmsCodes: string, cmsWrvus: string, mean: string) {
  const S = log.status;
  const both = (fn: (status: string) => string) => `${fn('"no_show"')}+${fn('"late_cancel"')}`;
  const count = (g = "") => both((st) => `COUNTIFS(${S},${st}${g})`);
  const fromLog = (g = "") => both((st) => `SUMIFS(${log.wrvu},${S},${st}${g})`);
  // Rows without a wrvu whose code is in the CMS block: their units and their count.
  const cmsUnits = (g = "") => both((st) => `SUMIFS(${log.units},${S},${st}${g},${log.wrvu},"",${log.code},${cmsCodes})`);
  const cmsCounts = (g = "") => both((st) => `COUNTIFS(${S},${st}${g},${log.wrvu},"",${log.code},${cmsCodes})`);
  const blank = (g = "") => both((st) => `COUNTIFS(${S},${st}${g},${log.wrvu},"")`);
  const completedWithWrvu = `COUNTIFS(${S},"completed",${log.wrvu},"<>")+SUMPRODUCT(COUNTIFS(${S},"completed",${log.wrvu},"",${log.code},${cmsCodes}))`;
  return {
    count,
    fromLog,
    fromCodes: (g = "") => `SUMPRODUCT((${cmsUnits(g)})*${cmsWrvus})`,
    unresolved: (g = "") => `${blank(g)}-SUMPRODUCT(${cmsCounts(g)})`,
    // log + CMS + (blank − CMS-coded) × mean, the CMS units and counts taken in one SUMPRODUCT.
    lost: (g = "") => `${fromLog(g)}+SUMPRODUCT((${cmsUnits(g)})*${cmsWrvus}-(${cmsCounts(g)})*${mean})+(${blank(g)})*${mean}`,
    completedMean:
      `IF(${completedWithWrvu}=0,0,` +
      `(${wrvuSum(log, { codes: cmsCodes, wrvus: cmsWrvus }, `,${S},"completed"`)})/(${completedWithWrvu}))`,
  };
}

function assumptionBlocks(c: Ctx): Block[] {
  const L = LEAKAGE_LABELS;
  const row = c.at.assumptions;
  const note = (isDefault: boolean | undefined, what: string): string => (isDefault ? `ClinPay's default: type your own ${what}` : `your ${what}`);
  return [
    sectionBlock("Assumptions", row - 1),
    ...labelledBlocks(
      [
        { label: L.dollarsPerWrvu, value: c.input.dollarsPerWrvu, format: FMT.money2 },
        { label: L.effectiveHourly, value: c.input.effectiveHourly, format: FMT.money2 },
      ],
      row,
      LABEL_COL,
      "assumptions"
    ),
    { row, col: VALUE_COL + 1, style: "meta", cells: [[note(c.input.defaults?.dollarsPerWrvu, "contract's $ per wRVU")]] },
    { row: row + 1, col: VALUE_COL + 1, style: "meta", cells: [[note(c.input.defaults?.effectiveHourly, "$ per hour of work")]] },
  ];
}

/** The key figures and, below them, the parts wRVUs lost is put together from. */
function figureBlocks(c: Ctx): Block[] {
  const { m, cell: at, fx, log, DPW, EH } = c;
  const L = LEAKAGE_LABELS;
  const t = m.time;
  const T = c.timeLog;
  const timeFig = (formula: () => string, v: number | undefined): PlanCell => (t && T ? f(formula(), v!) : NO_TIME_LOG);
  const figures: Record<(typeof FIGURES)[number], Labelled> = {
    scheduled: { label: L.scheduled, value: f(`COUNTA(${log.status})-COUNTIFS(${log.status},"cancelled")`, m.scheduled), format: FMT.number },
    completed: { label: L.completed, value: f(`COUNTIFS(${log.status},"completed")`, m.completed), format: FMT.number },
    noShows: { label: L.noShows, value: f(fx.count(), m.noShows), format: FMT.number },
    noShowRate: { label: L.noShowRate, value: f(`IF(${at.scheduled}=0,"",${at.noShows}/${at.scheduled})`, m.noShowRate), format: FMT.percent },
    systemNoShows: { label: L.systemNoShows, value: f(fx.count(`,${log.cause},"system"`), m.systemNoShows), format: FMT.number },
    patientNoShows: { label: L.patientNoShows, value: f(`${at.noShows}-${at.systemNoShows}`, m.patientNoShows), format: FMT.number },
    patientNoShowRate: {
      label: L.patientNoShowRate,
      value: f(`IF(${at.scheduled}-${at.systemNoShows}=0,"",(${at.noShows}-${at.systemNoShows})/(${at.scheduled}-${at.systemNoShows}))`, m.patientNoShowRate),
      format: FMT.percent,
    },
    wrvusLost: { label: L.wrvusLost, value: f(`${at.fromLog}+${at.fromCodes}+${at.unresolved}*${at.meanCompleted}`, m.wrvusLost), format: FMT.number1 },
    revenueLost: { label: L.revenueLost, value: f(`${at.wrvusLost}*${DPW}`, m.revenueLost), format: FMT.money },
    unpaidHours: { label: L.unpaidHours, value: timeFig(() => `SUMIFS(${T!.minutes},${T!.paid},"<>yes")/60`, t?.unpaidHours), format: FMT.hours },
    unpaidHoursPerWeek: { label: L.unpaidHoursPerWeek, value: timeFig(() => `${at.unpaidHours}/(${at.timeLogDays}/7)`, t?.unpaidHoursPerWeek), format: FMT.hours },
    unpaidTimeValue: { label: L.unpaidTimeValue, value: timeFig(() => `${at.unpaidHours}*${EH}`, t?.unpaidTimeValue), format: FMT.money },
  };
  const parts: Record<(typeof PARTS)[number], Labelled> = {
    fromLog: { label: L.fromLog, value: f(fx.fromLog(), m.wrvuParts.fromLog), format: FMT.number2 },
    fromCodes: { label: L.fromCodes, value: f(fx.fromCodes(), m.wrvuParts.fromCodes), format: FMT.number2 },
    unresolved: { label: L.unresolved, value: f(fx.unresolved(), m.wrvuParts.unresolved), format: FMT.number },
    meanCompleted: { label: L.meanCompleted, value: f(fx.completedMean, m.wrvuParts.meanCompleted), format: FMT.number2 },
    cancelled: { label: L.cancelled, value: f(`COUNTIFS(${log.status},"cancelled")`, m.cancelled), format: FMT.number },
    timeLogDays: { label: L.timeLogDays, value: timeFig(() => `MAX(${T!.date})-MIN(${T!.date})+1`, t?.days), format: FMT.number },
  };
  return [
    sectionBlock("Key figures", c.at.figures - 1),
    ...labelledBlocks(FIGURES.map((k) => figures[k]), c.at.figures, LABEL_COL, "labels"),
    sectionBlock("How wRVUs lost is counted (and other inputs to the figures)", c.at.parts - 1),
    ...labelledBlocks(PARTS.map((k) => parts[k]), c.at.parts, LABEL_COL, "labels"),
  ];
}

/** No-shows by reason, system- and patient-caused side by side, with their chart. */
function reasonBlocks(c: Ctx): { blocks: Block[]; charts: ChartPlan[] } {
  const { m, cell: at, fx, log } = c;
  const row = c.at.reasons;
  const first = row + 2;
  const rows = m.byReason.map((r, i): PlanCell[] => {
    const g = `,${log.reason},${equalsCriterion(r.reason, r.prefix)}`;
    const rr = first + i;
    if (r.other > 0) {
      // Whatever the listed reasons leave of the totals.
      const above = (col: number) => `SUM(${absRange(first, col, rr - 1, col)})`;
      return [
        otherLabel(r.other, "reasons"),
        f(`${at.noShows}-${above(1)}`, r.noShows),
        f(`${at.systemNoShows}-${above(2)}`, r.systemCaused),
        f(`${abs(rr, 1)}-${abs(rr, 2)}`, r.patientCaused),
        f(`IF(${at.noShows}=0,0,${abs(rr, 1)}/${at.noShows})`, r.share),
        f(`${at.wrvusLost}-${above(5)}`, r.wrvusLost),
      ];
    }
    return [
      r.reason === "" ? NO_REASON : r.prefix ? `${r.reason}…` : r.reason,
      f(fx.count(g), r.noShows),
      f(fx.count(`${g},${log.cause},"system"`), r.systemCaused),
      f(`${abs(rr, 1)}-${abs(rr, 2)}`, r.patientCaused),
      f(`IF(${at.noShows}=0,0,${abs(rr, 1)}/${at.noShows})`, r.share),
      f(fx.lost(g), r.wrvusLost),
    ];
  });
  const n = m.byReason.length;
  const charts: ChartPlan[] =
    n === 0
      ? []
      : [
          {
            type: "bar",
            title: "No-shows by reason: system- vs patient-caused",
            categoriesRef: absRange(first, 0, first + n - 1, 0),
            series: [2, 3].map((col) => ({ nameRef: abs(row + 1, col), valuesRef: absRange(first, col, first + n - 1, col) })),
            at: { row: 3, col: CHART_COL, width: 6, height: 17 },
            yAxisTitle: "No-shows",
            valueFormat: FMT.number,
          },
        ];
  return {
    blocks: [
      sectionBlock("No-shows by reason", row),
      tableBlock([...LEAKAGE_TABLES.byReason], rows, row + 1, LABEL_COL, [undefined, FMT.number, FMT.number, FMT.number, FMT.percent, FMT.number1]),
    ],
    charts,
  };
}

/** System vs patient: the case to take to the practice. */
function causeBlocks(c: Ctx): Block[] {
  const { m, cell: at, fx, log, DPW } = c;
  const row = c.at.causes;
  const first = row + 2;
  const rows = m.byCause.map((x, i): PlanCell[] => {
    const g = `,${log.cause},${x.causeType === "system" ? '"system"' : '"<>system"'}`;
    const rr = first + i;
    return [
      CAUSE_LABELS[x.causeType],
      f(fx.count(g), x.noShows),
      f(`IF(${at.noShows}=0,0,${abs(rr, 1)}/${at.noShows})`, x.share),
      f(fx.lost(g), x.wrvusLost),
      f(`${abs(rr, 3)}*${DPW}`, x.revenueLost),
    ];
  });
  return [
    sectionBlock("System-caused vs patient-caused no-shows", row),
    tableBlock([...LEAKAGE_TABLES.byCause], rows, row + 1, LABEL_COL, [undefined, FMT.number, FMT.percent, FMT.number1, FMT.money]),
  ];
}

/** By month, empty months included so the trend has no silent gaps, with its two charts. */
function monthBlocks(c: Ctx): { blocks: Block[]; charts: ChartPlan[] } {
  const { m, fx, log } = c;
  const row = c.at.months;
  const first = row + 2;
  const rows = m.byMonth.map((mo, i): PlanCell[] => {
    const rr = first + i;
    const start = abs(rr, 0);
    const inMonth = `,${log.date},">="&${start},${log.date},"<="&EOMONTH(${start},0)`;
    return [
      mo.monthStart,
      f(`COUNTIFS(${inMonth.slice(1)})-COUNTIFS(${log.status},"cancelled"${inMonth})`, mo.scheduled),
      f(`COUNTIFS(${log.status},"completed"${inMonth})`, mo.completed),
      f(fx.count(inMonth), mo.noShows),
      f(`IF(${abs(rr, 1)}=0,"",${abs(rr, 3)}/${abs(rr, 1)})`, mo.noShowRate),
    ];
  });
  const charts: ChartPlan[] = [];
  if (rows.length > 0) {
    const last = first + rows.length - 1;
    const cats = absRange(first, 0, last, 0);
    charts.push(
      {
        type: "column",
        title: "Completed visits and no-shows by month",
        categoriesRef: cats,
        series: [2, 3].map((col) => ({ nameRef: abs(row + 1, col), valuesRef: absRange(first, col, last, col) })),
        at: { row: 21, col: CHART_COL, width: 6, height: 16 },
        yAxisTitle: "Visits",
        valueFormat: FMT.number,
      },
      {
        type: "line",
        title: "No-show rate by month",
        categoriesRef: cats,
        series: [{ nameRef: abs(row + 1, 4), valuesRef: absRange(first, 4, last, 4) }],
        at: { row: 38, col: CHART_COL, width: 6, height: 14 },
        yAxisTitle: "No-show rate",
        valueFormat: "0%",
      }
    );
  }
  return {
    blocks: [
      sectionBlock("Completed visits and no-show rate by month", row),
      tableBlock([...LEAKAGE_TABLES.byMonth], rows, row + 1, LABEL_COL, [MONTH_FMT, FMT.number, FMT.number, FMT.number, FMT.percent]),
    ],
    charts,
  };
}

/** Unpaid minutes by activity (with a time log). */
function activityBlocks(c: Ctx): Block[] {
  const t = c.m.time;
  const T = c.timeLog;
  if (!t || !T) return [];
  const at = c.cell;
  const row = c.at.activities;
  const first = row + 2;
  const rows = t.byActivity.map((a, i): PlanCell[] => {
    const rr = first + i;
    return [
      a.other > 0 ? otherLabel(a.other, "activities") : a.activity === "" ? NO_ACTIVITY : a.prefix ? `${a.activity}…` : a.activity,
      a.other > 0
        ? f(`${at.unpaidHours}*60-SUM(${absRange(first, 1, rr - 1, 1)})`, a.unpaidMinutes)
        : f(`SUMIFS(${T.minutes},${T.activity},${equalsCriterion(a.activity, a.prefix)},${T.paid},"<>yes")`, a.unpaidMinutes),
      f(`${abs(rr, 1)}/60`, a.unpaidHours),
      f(`IF(${at.unpaidHours}=0,0,${abs(rr, 1)}/(${at.unpaidHours}*60))`, a.share),
    ];
  });
  return [sectionBlock("Unpaid minutes by activity", row), tableBlock([...LEAKAGE_TABLES.byActivity], rows, row + 1, LABEL_COL, [undefined, FMT.number, FMT.hours, FMT.percent])];
}

/** The coding mix of completed visits, and the CMS lookup the wRVU formulas read. */
function codeBlocks(c: Ctx): Block[] {
  const { m, cell: at, log } = c;
  const row = c.at.codes;
  const first = row + 2;
  const rows = m.codingMix.map((x, i): PlanCell[] => [
    x.other > 0 ? otherLabel(x.other, "codes") : x.code === "" ? NO_CODE : x.prefix ? `${x.code}…` : x.code,
    x.other > 0
      ? f(`${at.completed}-SUM(${absRange(first, 1, first + i - 1, 1)})`, x.completed)
      : f(`COUNTIFS(${log.status},"completed",${log.code},${equalsCriterion(x.code, x.prefix)})`, x.completed),
    f(`IF(${at.completed}=0,0,${abs(first + i, 1)}/${at.completed})`, x.share),
  ]);
  return [
    sectionBlock("Coding mix of completed visits", row),
    tableBlock([...LEAKAGE_TABLES.codingMix], rows, row + 1, LABEL_COL, [undefined, FMT.number, FMT.percent]),
    sectionBlock("CMS work RVUs of this log's codes (national, each at the fee-schedule year of its last visit)", c.at.cms),
    tableBlock([...LEAKAGE_TABLES.cms], m.cms.map((r) => [r.code, r.wrvu, r.year]), c.at.cms + 1, 0, [undefined, FMT.number2, "0"]),
  ];
}

const NOTES = [
  "No-shows are booked visits that did not happen: status no_show or late_cancel. Visits cancelled with notice are not counted (the slot could be refilled). Scheduled is every row that is not cancelled.",
  "System-caused no-shows (video link failed, platform outage, scheduling error: cause_type system) are failures on the practice's side. Patient no-show rate takes them out of both counts. The difference between the two rates, and the System-caused row's wRVUs and revenue, is the case to take to your practice: those visits were lost to its systems, not to your patients.",
  "wRVUs lost counts each no-show at the wrvu in the log, else the CMS work RVU of its code (the table above lists this log's codes: add a row there for a code you type into the log), else the mean wRVU of completed visits. Revenue lost prices them at $ per wRVU in Assumptions: change it to your contract's rate and every figure follows.",
  `Unpaid hours are time-log minutes not marked paid; per week they are divided by the days from the log's first to last date, over 7. Unpaid time value prices them at Effective hourly. (Published studies put inbox work alone near ${INBOX_MINUTES_PER_DAY} minutes a day: illustrative.)`,
  "Every figure is a live formula over the logs copied at the right (from column O): edit a row there and the figures follow. The workbook needs no add-in to recalculate.",
];

/** How to read it, and what ClinPay inferred from the export. */
function noteBlocks(c: Ctx): Block[] {
  const blocks = [noteBlock(NOTES, c.at.note)];
  const inferred = describeInference(c.input.inferred, c.m.wrvuParts, c.m.noShows);
  if (inferred.length > 0) {
    const row = c.at.note + NOTES.length + 2;
    blocks.push(sectionBlock("What ClinPay inferred from your export", row), { row: row + 1, col: 0, style: "note", cells: inferred.map((line) => [line]) });
  }
  return blocks;
}

/** The copied time log: the cells the unpaid-time figures read. */
function timeCopyBlocks(time: readonly TimeEntry[]): Block[] {
  const cells: PlanCell[][] = new Array(time.length + 1);
  cells[0] = TIME_COPY_HEADERS;
  for (let i = 0; i < time.length; i++) {
    const e = time[i];
    cells[i + 1] = [e.date, emptyToNull(cleanText(e.activity)), e.minutes, e.paid ? "yes" : "no", e.row];
  }
  return [
    sectionBlock(`Time log (copied, ${time.length.toLocaleString("en-US")} rows)`, COPY_HEADER_ROW - 1, TIME_COL),
    { row: COPY_HEADER_ROW, col: TIME_COL, style: "table", cells, formats: [FMT.date, undefined, FMT.number, undefined, "0"] },
  ];
}

function leakageWidths(): number[] {
  const widths: number[] = [];
  widths[0] = 40;
  for (let c = 1; c <= 5; c++) widths[c] = 18;
  widths[6] = 3;
  appointmentCopyWidths(widths, APPT_COL);
  widths[TIME_COL - 1] = 3;
  [11, 24, 9, 6, 10].forEach((w, i) => (widths[TIME_COL + i] = w));
  return widths;
}

export function buildLeakagePlan(input: LeakagePlanInput): SheetPlan {
  const appts = input.appointments;
  const time = input.time && input.time.length > 0 ? input.time : null;
  const m = input.metrics ?? leakageMetrics(appts, time, { dollarsPerWrvu: input.dollarsPerWrvu, effectiveHourly: input.effectiveHourly, fees: input.fees });
  const at = leakageLayout(m);
  const cell = {} as Record<FigureKey, string>;
  FIGURES.forEach((k, i) => (cell[k] = abs(at.figures + i, VALUE_COL)));
  PARTS.forEach((k, i) => (cell[k] = abs(at.parts + i, VALUE_COL)));
  const cmsFirst = at.cms + 2;
  const cmsLast = cmsFirst + Math.max(m.cms.length, 1) - 1;
  const log = logRanges(APPT_COL, COPY_FIRST_ROW, appts.length);
  const timeRange = (i: number) => absRange(COPY_FIRST_ROW, TIME_COL + i, COPY_FIRST_ROW + time!.length - 1, TIME_COL + i);
  const c: Ctx = {
    input,
    m,
    at,
    cell,
    DPW: abs(at.assumptions, VALUE_COL),
    EH: abs(at.assumptions + 1, VALUE_COL),
    log,
    timeLog: time ? { date: timeRange(0), activity: timeRange(1), minutes: timeRange(2), paid: timeRange(3) } : null,
    fx: noShowFormulas(log, absRange(cmsFirst, 0, cmsLast, 0), absRange(cmsFirst, 1, cmsLast, 1), cell.meanCompleted),
  };
  const reasons = reasonBlocks(c);
  const months = monthBlocks(c);
  const blocks: Block[] = [
    titleBlock(LEAKAGE_SHEET_NAME),
    metaBlock(input.builtAt, input.source),
    ...assumptionBlocks(c),
    ...figureBlocks(c),
    ...reasons.blocks,
    ...causeBlocks(c),
    ...months.blocks,
    ...activityBlocks(c),
    ...codeBlocks(c),
    ...noteBlocks(c),
    // The copied logs, as values: the cells every formula above reads.
    ...appointmentCopyBlocks(appts, COPY_HEADER_ROW, APPT_COL, input.releaseAppointments === true && input.metrics !== undefined),
    ...(time ? timeCopyBlocks(time) : []),
  ];
  return { kind: "rvu-leakage", name: LEAKAGE_SHEET_NAME, blocks, charts: [...reasons.charts, ...months.charts], columnWidths: leakageWidths() };
}

const emptyToNull = (s: string): string | null => (s === "" ? null : s);
