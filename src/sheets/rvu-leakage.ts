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

export function buildLeakagePlan(input: LeakagePlanInput): SheetPlan {
  const appts = input.appointments;
  const time = input.time && input.time.length > 0 ? input.time : null;
  const m = input.metrics ?? leakageMetrics(appts, time, { dollarsPerWrvu: input.dollarsPerWrvu, effectiveHourly: input.effectiveHourly, fees: input.fees });
  const L = LEAKAGE_LABELS;
  const blocks: Block[] = [];
  const charts: ChartPlan[] = [];

  // The copied log's columns by name (an empty log still gets a one-row range).
  const { date: D, status: S, reason: R, cause: C, code: K, units: U, wrvu: W } = logRanges(APPT_COL, COPY_FIRST_ROW, appts.length);

  blocks.push(titleBlock(LEAKAGE_SHEET_NAME));
  blocks.push(metaBlock(input.builtAt, input.source));

  // --- Assumptions
  let row = 3;
  blocks.push(sectionBlock("Assumptions", row++));
  const dollarsRow = row;
  const hourlyRow = row + 1;
  const DPW = abs(dollarsRow, VALUE_COL);
  const EH = abs(hourlyRow, VALUE_COL);
  blocks.push(
    ...labelledBlocks(
      [
        { label: L.dollarsPerWrvu, value: input.dollarsPerWrvu, format: FMT.money2 },
        { label: L.effectiveHourly, value: input.effectiveHourly, format: FMT.money2 },
      ],
      row,
      LABEL_COL,
      "assumptions"
    )
  );
  const assumptionNote = (isDefault: boolean | undefined, what: string): string =>
    isDefault ? `ClinPay's default: type your own ${what}` : `your ${what}`;
  blocks.push({ row: dollarsRow, col: VALUE_COL + 1, style: "meta", cells: [[assumptionNote(input.defaults?.dollarsPerWrvu, "contract's $ per wRVU")]] });
  blocks.push({ row: hourlyRow, col: VALUE_COL + 1, style: "meta", cells: [[assumptionNote(input.defaults?.effectiveHourly, "$ per hour of work")]] });
  row += 3;

  // --- Key figures. Rows are fixed first so figures can point at each other.
  const FIG_ROW = row + 1;
  const figOrder = [
    "scheduled", "completed", "noShows", "noShowRate", "systemNoShows", "patientNoShows", "patientNoShowRate",
    "wrvusLost", "revenueLost", "unpaidHours", "unpaidHoursPerWeek", "unpaidTimeValue",
  ] as const;
  const PARTS_ROW = FIG_ROW + figOrder.length + 2;
  const partOrder = ["fromLog", "fromCodes", "unresolved", "meanCompleted", "cancelled", "timeLogDays"] as const;
  const at: Record<string, string> = {};
  figOrder.forEach((k, i) => (at[k] = abs(FIG_ROW + i, VALUE_COL)));
  partOrder.forEach((k, i) => (at[k] = abs(PARTS_ROW + i, VALUE_COL)));

  // The CMS lookup block's ranges are needed by the formulas; its rows are placed below.
  const tablesRow = PARTS_ROW + partOrder.length + 1;
  const reasonRows = m.byReason.length;
  const monthRows = m.byMonth.length;
  const activityRows = m.time ? m.time.byActivity.length : 0;
  const codeRows = m.codingMix.length;
  const tableRowsUsed = (n: number) => n + 3; // section, header, rows, blank
  const reasonAt = tablesRow;
  const causeAt = reasonAt + tableRowsUsed(reasonRows);
  const monthAt = causeAt + tableRowsUsed(2);
  const activityAt = monthAt + tableRowsUsed(monthRows);
  const codeAt = activityAt + (m.time ? tableRowsUsed(activityRows) : 0);
  const cmsAt = codeAt + tableRowsUsed(codeRows);
  const noteAt = cmsAt + tableRowsUsed(m.cms.length);
  const cmsFirst = cmsAt + 2;
  const cmsLast = cmsFirst + Math.max(m.cms.length, 1) - 1;
  const CK = absRange(cmsFirst, 0, cmsLast, 0);
  const CW = absRange(cmsFirst, 1, cmsLast, 1);

  // Formula pieces, each over the whole copied columns; `g` adds criteria (", range, crit").
  const both = (fn: (status: string) => string) => `${fn('"no_show"')}+${fn('"late_cancel"')}`;
  const nsCount = (g = "") => both((st) => `COUNTIFS(${S},${st}${g})`);
  const fromLogF = (g = "") => both((st) => `SUMIFS(${W},${S},${st}${g})`);
  // Rows without a wrvu whose code is in the CMS block: their units (a row's CMS wRVU is the
  // code's × its units) and their count (each is one visit not valued at the mean).
  const cmsUnits = (g = "") => both((st) => `SUMIFS(${U},${S},${st}${g},${W},"",${K},${CK})`);
  const cmsCounts = (g = "") => both((st) => `COUNTIFS(${S},${st}${g},${W},"",${K},${CK})`);
  const fromCodesF = (g = "") => `SUMPRODUCT((${cmsUnits(g)})*${CW})`;
  const blankCount = (g = "") => both((st) => `COUNTIFS(${S},${st}${g},${W},"")`);
  const unresolvedF = (g = "") => `${blankCount(g)}-SUMPRODUCT(${cmsCounts(g)})`;
  // log + CMS + (blank − CMS-coded) × mean, the CMS units and counts taken in one SUMPRODUCT.
  const lostF = (g = "") =>
    `${fromLogF(g)}+SUMPRODUCT((${cmsUnits(g)})*${CW}-(${cmsCounts(g)})*${at.meanCompleted})+(${blankCount(g)})*${at.meanCompleted}`;

  const f = (formula: string, v: number | string | null): PlanCell => ({ f: formula, v: v === null ? "" : v });
  const t = m.time;
  const timeFig = (formula: () => string, v: number | undefined): PlanCell => (t ? f(formula(), v!) : NO_TIME_LOG);

  let TD = "";
  let TM = "";
  let TA = "";
  let TP = "";
  if (time) {
    const last = COPY_FIRST_ROW + time.length - 1;
    const tcol = (i: number) => absRange(COPY_FIRST_ROW, TIME_COL + i, last, TIME_COL + i);
    TD = tcol(0);
    TA = tcol(1);
    TM = tcol(2);
    TP = tcol(3);
  }

  const completedMean =
    `IF(COUNTIFS(${S},"completed",${W},"<>")+SUMPRODUCT(COUNTIFS(${S},"completed",${W},"",${K},${CK}))=0,0,` +
    `(SUMIFS(${W},${S},"completed")+SUMPRODUCT(SUMIFS(${U},${S},"completed",${W},"",${K},${CK})*${CW}))/` +
    `(COUNTIFS(${S},"completed",${W},"<>")+SUMPRODUCT(COUNTIFS(${S},"completed",${W},"",${K},${CK}))))`;

  const figures: Record<(typeof figOrder)[number], Labelled> = {
    scheduled: { label: L.scheduled, value: f(`COUNTA(${S})-COUNTIFS(${S},"cancelled")`, m.scheduled), format: FMT.number },
    completed: { label: L.completed, value: f(`COUNTIFS(${S},"completed")`, m.completed), format: FMT.number },
    noShows: { label: L.noShows, value: f(nsCount(), m.noShows), format: FMT.number },
    noShowRate: { label: L.noShowRate, value: f(`IF(${at.scheduled}=0,"",${at.noShows}/${at.scheduled})`, m.noShowRate), format: FMT.percent },
    systemNoShows: { label: L.systemNoShows, value: f(nsCount(`,${C},"system"`), m.systemNoShows), format: FMT.number },
    patientNoShows: { label: L.patientNoShows, value: f(`${at.noShows}-${at.systemNoShows}`, m.patientNoShows), format: FMT.number },
    patientNoShowRate: {
      label: L.patientNoShowRate,
      value: f(
        `IF(${at.scheduled}-${at.systemNoShows}=0,"",(${at.noShows}-${at.systemNoShows})/(${at.scheduled}-${at.systemNoShows}))`,
        m.patientNoShowRate
      ),
      format: FMT.percent,
    },
    wrvusLost: { label: L.wrvusLost, value: f(`${at.fromLog}+${at.fromCodes}+${at.unresolved}*${at.meanCompleted}`, m.wrvusLost), format: FMT.number1 },
    revenueLost: { label: L.revenueLost, value: f(`${at.wrvusLost}*${DPW}`, m.revenueLost), format: FMT.money },
    unpaidHours: { label: L.unpaidHours, value: timeFig(() => `SUMIFS(${TM},${TP},"<>yes")/60`, t?.unpaidHours), format: FMT.hours },
    unpaidHoursPerWeek: {
      label: L.unpaidHoursPerWeek,
      value: timeFig(() => `${at.unpaidHours}/(${at.timeLogDays}/7)`, t?.unpaidHoursPerWeek),
      format: FMT.hours,
    },
    unpaidTimeValue: { label: L.unpaidTimeValue, value: timeFig(() => `${at.unpaidHours}*${EH}`, t?.unpaidTimeValue), format: FMT.money },
  };
  const parts: Record<(typeof partOrder)[number], Labelled> = {
    fromLog: { label: L.fromLog, value: f(fromLogF(), m.wrvuParts.fromLog), format: FMT.number2 },
    fromCodes: { label: L.fromCodes, value: f(fromCodesF(), m.wrvuParts.fromCodes), format: FMT.number2 },
    unresolved: { label: L.unresolved, value: f(unresolvedF(), m.wrvuParts.unresolved), format: FMT.number },
    meanCompleted: { label: L.meanCompleted, value: f(completedMean, m.wrvuParts.meanCompleted), format: FMT.number2 },
    cancelled: { label: L.cancelled, value: f(`COUNTIFS(${S},"cancelled")`, m.cancelled), format: FMT.number },
    timeLogDays: { label: L.timeLogDays, value: timeFig(() => `MAX(${TD})-MIN(${TD})+1`, t?.days), format: FMT.number },
  };

  blocks.push(sectionBlock("Key figures", FIG_ROW - 1));
  blocks.push(...labelledBlocks(figOrder.map((k) => figures[k]), FIG_ROW, LABEL_COL, "labels"));
  blocks.push(sectionBlock("How wRVUs lost is counted (and other inputs to the figures)", PARTS_ROW - 1));
  blocks.push(...labelledBlocks(partOrder.map((k) => parts[k]), PARTS_ROW, LABEL_COL, "labels"));

  // --- No-shows by reason, system- and patient-caused side by side.
  blocks.push(sectionBlock("No-shows by reason", reasonAt));
  const reasonFirst = reasonAt + 2;
  blocks.push(
    tableBlock(
      [...LEAKAGE_TABLES.byReason],
      m.byReason.map((r, i) => {
        const g = `,${R},${equalsCriterion(r.reason, r.prefix)}`;
        const rr = reasonFirst + i;
        if (r.other > 0) {
          // Whatever the listed reasons leave of the totals.
          const above = (c: number) => `SUM(${absRange(reasonFirst, c, rr - 1, c)})`;
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
          f(nsCount(g), r.noShows),
          f(nsCount(`${g},${C},"system"`), r.systemCaused),
          f(`${abs(rr, 1)}-${abs(rr, 2)}`, r.patientCaused),
          f(`IF(${at.noShows}=0,0,${abs(rr, 1)}/${at.noShows})`, r.share),
          f(lostF(g), r.wrvusLost),
        ];
      }),
      reasonAt + 1,
      LABEL_COL,
      [undefined, FMT.number, FMT.number, FMT.number, FMT.percent, FMT.number1]
    )
  );
  if (reasonRows > 0) {
    charts.push({
      type: "bar",
      title: "No-shows by reason: system- vs patient-caused",
      categoriesRef: absRange(reasonFirst, 0, reasonFirst + reasonRows - 1, 0),
      series: [2, 3].map((c) => ({ nameRef: abs(reasonAt + 1, c), valuesRef: absRange(reasonFirst, c, reasonFirst + reasonRows - 1, c) })),
      at: { row: 3, col: CHART_COL, width: 6, height: 17 },
      yAxisTitle: "No-shows",
      valueFormat: FMT.number,
    });
  }

  // --- System vs patient: the case to take to the practice.
  blocks.push(sectionBlock("System-caused vs patient-caused no-shows", causeAt));
  const causeFirst = causeAt + 2;
  blocks.push(
    tableBlock(
      [...LEAKAGE_TABLES.byCause],
      m.byCause.map((c, i) => {
        const g = `,${C},${c.causeType === "system" ? '"system"' : '"<>system"'}`;
        const rr = causeFirst + i;
        return [
          CAUSE_LABELS[c.causeType],
          f(nsCount(g), c.noShows),
          f(`IF(${at.noShows}=0,0,${abs(rr, 1)}/${at.noShows})`, c.share),
          f(lostF(g), c.wrvusLost),
          f(`${abs(rr, 3)}*${DPW}`, c.revenueLost),
        ];
      }),
      causeAt + 1,
      LABEL_COL,
      [undefined, FMT.number, FMT.percent, FMT.number1, FMT.money]
    )
  );

  // --- By month, empty months included so the trend has no silent gaps.
  blocks.push(sectionBlock("Completed visits and no-show rate by month", monthAt));
  const monthFirst = monthAt + 2;
  blocks.push(
    tableBlock(
      [...LEAKAGE_TABLES.byMonth],
      m.byMonth.map((mo, i) => {
        const rr = monthFirst + i;
        const start = abs(rr, 0);
        const inMonth = `,${D},">="&${start},${D},"<="&EOMONTH(${start},0)`;
        return [
          mo.monthStart,
          f(`COUNTIFS(${inMonth.slice(1)})-COUNTIFS(${S},"cancelled"${inMonth})`, mo.scheduled),
          f(`COUNTIFS(${S},"completed"${inMonth})`, mo.completed),
          f(nsCount(inMonth), mo.noShows),
          f(`IF(${abs(rr, 1)}=0,"",${abs(rr, 3)}/${abs(rr, 1)})`, mo.noShowRate),
        ];
      }),
      monthAt + 1,
      LABEL_COL,
      [MONTH_FMT, FMT.number, FMT.number, FMT.number, FMT.percent]
    )
  );
  if (monthRows > 0) {
    const last = monthFirst + monthRows - 1;
    const cats = absRange(monthFirst, 0, last, 0);
    charts.push({
      type: "column",
      title: "Completed visits and no-shows by month",
      categoriesRef: cats,
      series: [2, 3].map((c) => ({ nameRef: abs(monthAt + 1, c), valuesRef: absRange(monthFirst, c, last, c) })),
      at: { row: 21, col: CHART_COL, width: 6, height: 16 },
      yAxisTitle: "Visits",
      valueFormat: FMT.number,
    });
    charts.push({
      type: "line",
      title: "No-show rate by month",
      categoriesRef: cats,
      series: [{ nameRef: abs(monthAt + 1, 4), valuesRef: absRange(monthFirst, 4, last, 4) }],
      at: { row: 38, col: CHART_COL, width: 6, height: 14 },
      yAxisTitle: "No-show rate",
      valueFormat: "0%",
    });
  }

  // --- Unpaid minutes by activity.
  if (t) {
    blocks.push(sectionBlock("Unpaid minutes by activity", activityAt));
    const first = activityAt + 2;
    blocks.push(
      tableBlock(
        [...LEAKAGE_TABLES.byActivity],
        t.byActivity.map((a, i) => {
          const rr = first + i;
          return [
            a.other > 0 ? otherLabel(a.other, "activities") : a.activity === "" ? NO_ACTIVITY : a.prefix ? `${a.activity}…` : a.activity,
            a.other > 0
              ? f(`${at.unpaidHours}*60-SUM(${absRange(first, 1, rr - 1, 1)})`, a.unpaidMinutes)
              : f(`SUMIFS(${TM},${TA},${equalsCriterion(a.activity, a.prefix)},${TP},"<>yes")`, a.unpaidMinutes),
            f(`${abs(rr, 1)}/60`, a.unpaidHours),
            f(`IF(${at.unpaidHours}=0,0,${abs(rr, 1)}/(${at.unpaidHours}*60))`, a.share),
          ];
        }),
        activityAt + 1,
        LABEL_COL,
        [undefined, FMT.number, FMT.hours, FMT.percent]
      )
    );
  }

  // --- Coding mix of completed visits.
  blocks.push(sectionBlock("Coding mix of completed visits", codeAt));
  const codeFirst = codeAt + 2;
  blocks.push(
    tableBlock(
      [...LEAKAGE_TABLES.codingMix],
      m.codingMix.map((c, i) => [
        c.other > 0 ? otherLabel(c.other, "codes") : c.code === "" ? NO_CODE : c.prefix ? `${c.code}…` : c.code,
        c.other > 0
          ? f(`${at.completed}-SUM(${absRange(codeFirst, 1, codeFirst + i - 1, 1)})`, c.completed)
          : f(`COUNTIFS(${S},"completed",${K},${equalsCriterion(c.code, c.prefix)})`, c.completed),
        f(`IF(${at.completed}=0,0,${abs(codeFirst + i, 1)}/${at.completed})`, c.share),
      ]),
      codeAt + 1,
      LABEL_COL,
      [undefined, FMT.number, FMT.percent]
    )
  );

  // --- The CMS lookup the wRVU formulas read (latest year per code in ClinPay's table).
  blocks.push(sectionBlock("CMS work RVUs of this log's codes (national, latest year in ClinPay's table)", cmsAt));
  blocks.push(tableBlock([...LEAKAGE_TABLES.cms], m.cms.map((r) => [r.code, r.wrvu, r.year]), cmsAt + 1, 0, [undefined, FMT.number2, "0"]));

  blocks.push(
    noteBlock(
      [
        "No-shows are booked visits that did not happen: status no_show or late_cancel. Visits cancelled with notice are not counted (the slot could be refilled). Scheduled is every row that is not cancelled.",
        "System-caused no-shows (video link failed, platform outage, scheduling error: cause_type system) are failures on the practice's side. Patient no-show rate takes them out of both counts. The difference between the two rates, and the System-caused row's wRVUs and revenue, is the case to take to your practice: those visits were lost to its systems, not to your patients.",
        "wRVUs lost counts each no-show at the wrvu in the log, else the CMS work RVU of its code (the table above lists this log's codes: add a row there for a code you type into the log), else the mean wRVU of completed visits. Revenue lost prices them at $ per wRVU in Assumptions: change it to your contract's rate and every figure follows.",
        `Unpaid hours are time-log minutes not marked paid; per week they are divided by the days from the log's first to last date, over 7. Unpaid time value prices them at Effective hourly. (Published studies put inbox work alone near ${INBOX_MINUTES_PER_DAY} minutes a day: illustrative.)`,
        "Every figure is a live formula over the logs copied at the right (from column O): edit a row there and the figures follow. The workbook needs no add-in to recalculate.",
      ],
      noteAt
    )
  );
  const inferred = describeInference(input.inferred, m.wrvuParts, m.noShows);
  if (inferred.length > 0) {
    const at = noteAt + 7;
    blocks.push(sectionBlock("What ClinPay inferred from your export", at));
    blocks.push({ row: at + 1, col: 0, style: "note", cells: inferred.map((line) => [line]) });
  }

  // --- The copied logs, as values: the cells every formula above reads.
  blocks.push(...appointmentCopyBlocks(appts, COPY_HEADER_ROW, APPT_COL, input.releaseAppointments === true && input.metrics !== undefined));
  if (time) {
    blocks.push(sectionBlock(`Time log (copied, ${time.length.toLocaleString("en-US")} rows)`, COPY_HEADER_ROW - 1, TIME_COL));
    const cells: PlanCell[][] = new Array(time.length + 1);
    cells[0] = TIME_COPY_HEADERS;
    for (let i = 0; i < time.length; i++) {
      const e = time[i];
      cells[i + 1] = [e.date, emptyToNull(cleanText(e.activity)), e.minutes, e.paid ? "yes" : "no", e.row];
    }
    blocks.push({ row: COPY_HEADER_ROW, col: TIME_COL, style: "table", cells, formats: [FMT.date, undefined, FMT.number, undefined, "0"] });
  }

  const widths: number[] = [];
  widths[0] = 40;
  for (let c = 1; c <= 5; c++) widths[c] = 18;
  widths[6] = 3;
  appointmentCopyWidths(widths, APPT_COL);
  widths[TIME_COL - 1] = 3;
  [11, 24, 9, 6, 10].forEach((w, i) => (widths[TIME_COL + i] = w));

  return { kind: "rvu-leakage", name: LEAKAGE_SHEET_NAME, blocks, charts, columnWidths: widths };
}

const emptyToNull = (s: string): string | null => (s === "" ? null : s);
