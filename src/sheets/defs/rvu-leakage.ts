/** RVU Leakage's definition: an appointment log (and a time log) → the sheet and its summary. */
import { parseTimeLog, readAppointmentLog, type AppointmentLog } from "../../core/inputs/logs";
import { describeInference } from "../../core/exports/inferred";
import { leakageMetrics, type LeakageMetrics } from "../../core/leakage";
import { DEFAULT_DOLLARS_PER_WRVU, DEFAULT_EFFECTIVE_HOURLY } from "../../core/defaults";
import { InputError } from "../../core/table";
import type { Problem } from "../../core/inputs/types";
import { collect, displayName, field, has, notNegative, numberField, logOptions, type FieldSpec, type SheetDefinition } from "../definition";
import { fmt, inferredLines, pct } from "./text";
import { RVU_YEAR_FIELD, rvuYearOf } from "./rvu-year";

/** Both the leakage and the target sheets price wRVUs with the same assumption. */
export const DOLLARS_PER_WRVU_FIELD: FieldSpec = {
  key: "dollarsPerWrvu",
  label: "$ per wRVU",
  type: "number",
  required: false,
  placeholder: String(DEFAULT_DOLLARS_PER_WRVU),
  help: `what your contract pays per wRVU, e.g. 52.50 (blank: $${DEFAULT_DOLLARS_PER_WRVU})`,
  flag: "dollars-per-wrvu",
};

const FIELDS: FieldSpec[] = [
  DOLLARS_PER_WRVU_FIELD,
  {
    key: "effectiveHourly",
    label: "Effective hourly",
    type: "number",
    required: false,
    placeholder: String(DEFAULT_EFFECTIVE_HOURLY),
    help: `what an hour of your work is worth, to price unpaid time, e.g. 140 (blank: $${DEFAULT_EFFECTIVE_HOURLY})`,
    flag: "effective-hourly",
  },
  RVU_YEAR_FIELD,
];

/** The appointment log input, as every sheet that reads one declares it. */
export const APPOINTMENT_LOG_INPUT = {
  key: "appointments",
  label: "Appointment log",
  required: true,
  columns: "date, status (completed, no_show, late_cancel or cancelled); optionally reason, cause_type, code, wrvu, visit_type",
  looksLike: has(/appoint|visit|schedul/i),
  mappable: true,
  cli: [{ flag: "appointments", help: "appointment log, .csv or .xlsx (date, status, reason, cause_type, code, wrvu, visit_type)" }],
  tableName: "appointments",
};

/** The rows `wRVUs lost to no-shows` rests on: valued by their own wRVU or code, and at the completed-visit mean. */
function lostRows(m: LeakageMetrics): string {
  const p = m.wrvuParts;
  const own = m.noShows - p.unresolved;
  const parts = [own > 0 ? `${fmt(own)} by their own wRVU or code` : "", p.unresolved > 0 ? `${fmt(p.unresolved)} at the mean of the ${fmt(p.meanOver)} completed ${p.meanOver === 1 ? "row" : "rows"} with a wRVU or code` : ""];
  return ` (${fmt(m.noShows)} no-show ${m.noShows === 1 ? "row" : "rows"}${m.noShows > 0 ? `: ${parts.filter(Boolean).join(", ")}` : ""})`;
}

/** The terminal summary: the key figures, each with the rows it rests on and the assumptions that priced it. */
export function formatLeakageSummary(m: LeakageMetrics, given: { dollarsPerWrvu?: number; effectiveHourly?: number; timeRows?: { unpaid: number } }, log?: Pick<AppointmentLog, "inferred" | "warnings">): string {
  const dpw = given.dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU;
  const eh = given.effectiveHourly ?? DEFAULT_EFFECTIVE_HOURLY;
  const dflt = (v: number | undefined, flag: string) => (v === undefined ? ` (ClinPay's default: type yours in the sheet's Assumptions, or pass --${flag})` : "");
  const unpriced = m.wrvuParts.unresolved === m.noShows && m.wrvuParts.meanOver === 0 && m.noShows > 0;
  const lines = [
    `Scheduled ${fmt(m.scheduled)}, completed ${fmt(m.completed)}, no-shows ${fmt(m.noShows)} (no-show rate ${pct(m.noShowRate)})`,
    `System-caused no-shows ${fmt(m.systemNoShows)}, patient-caused ${fmt(m.patientNoShows)} (patient no-show rate ${pct(m.patientNoShowRate)}: ${fmt(m.patientNoShows)} of the ${fmt(m.scheduled - m.systemNoShows)} scheduled rows not system-caused)`,
    unpriced
      ? `wRVUs lost to no-shows not known: none of the ${fmt(m.noShows)} no-show rows, and no completed row, has a wRVU or a billing code (the sheet counts 0 until the log has them)`
      : `wRVUs lost to no-shows ${fmt(m.wrvusLost, 1)}${lostRows(m)} = $${fmt(m.revenueLost)} at $${fmt(dpw, 2)} per wRVU${dflt(given.dollarsPerWrvu, "dollars-per-wrvu")}`,
  ];
  const sys = m.byCause.find((c) => c.causeType === "system");
  if (sys && sys.noShows > 0 && !unpriced) lines.push(`  of which system-caused: ${fmt(sys.wrvusLost, 1)} wRVUs = $${fmt(sys.revenueLost)} (${fmt(sys.noShows)} ${sys.noShows === 1 ? "row" : "rows"})`);
  if (m.time) {
    const rows = given.timeRows ? `; ${fmt(given.timeRows.unpaid)} time-log ${given.timeRows.unpaid === 1 ? "row" : "rows"} not marked paid, over ${fmt(m.time.days)} days` : "";
    lines.push(`Unpaid hours ${fmt(m.time.unpaidHours, 1)} (${fmt(m.time.unpaidHoursPerWeek, 1)} a week${rows}) = $${fmt(m.time.unpaidTimeValue)} at $${fmt(eh, 2)} an hour${dflt(given.effectiveHourly, "effective-hourly")}`);
  }
  lines.push(...inferredLines(describeInference(log?.inferred, m.wrvuParts, m.noShows), log?.warnings));
  return lines.join("\n");
}

export const rvuLeakage: SheetDefinition<typeof import("../rvu-leakage")> = {
  kind: "rvu-leakage",
  title: "RVU Leakage",
  summary: "What no-shows and unpaid inbox time cost you",
  command: { name: "leakage", summary: "RVU Leakage: what no-shows and unpaid time cost, from your own logs" },
  inputs: [
    APPOINTMENT_LOG_INPUT,
    {
      key: "time",
      label: "Time log",
      required: false,
      none: "None: leave out unpaid time",
      columns: "date, activity, minutes, paid",
      looksLike: has(/time|inbox/i),
      cli: [{ flag: "time", help: "time log, .csv or .xlsx (date, activity, minutes, paid)" }],
      tableName: "time log",
    },
  ],
  fields: FIELDS,
  needsFees: true,
  load: () => import(/* webpackChunkName: "sheet-rvu-leakage" */ "../rvu-leakage"),
  plan(req, { buildLeakagePlan, leakageFitProblems }) {
    const { tables, fields, builtAt, fees } = req;
    const problems: Problem[] = [];
    const dollarsPerWrvu = numberField(fields, field(FIELDS, "dollarsPerWrvu"), problems, notNegative);
    const effectiveHourly = numberField(fields, field(FIELDS, "effectiveHourly"), problems, notNegative);
    const rvuYear = rvuYearOf(fields, fees?.years, problems);
    const log = collect(problems, () => readAppointmentLog(tables.appointments!, { ...logOptions(req), rvuYear }));
    const time = tables.time ? collect(problems, () => parseTimeLog(tables.time!, req.mapping, req.dateOrder)) : undefined;
    if (log) problems.push(...leakageFitProblems({ source: tables.appointments!.source, rows: log.appointments.length }, time && { source: tables.time!.source, rows: time.length }));
    if (problems.length > 0 || !log) throw new InputError(problems);
    const appointments = log.appointments;
    const count = appointments.length;
    const dpw = dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU;
    const eh = effectiveHourly ?? DEFAULT_EFFECTIVE_HOURLY;
    const metrics = leakageMetrics(appointments, time, { dollarsPerWrvu: dpw, effectiveHourly: eh, fees: fees!, rvuYear });
    const plan = buildLeakagePlan({
      appointments,
      time,
      source: [displayName(tables.appointments!), tables.time && displayName(tables.time)].filter(Boolean).join(" and "),
      builtAt,
      dollarsPerWrvu: dpw,
      effectiveHourly: eh,
      fees: fees!,
      rvuYear,
      metrics,
      inferred: log.inferred,
      defaults: { dollarsPerWrvu: dollarsPerWrvu === undefined, effectiveHourly: effectiveHourly === undefined },
      // A million-row log is not held twice (as appointments and as copied cells) while the plan is built.
      releaseAppointments: req.release === true,
    });
    const parts = [`${fmt(count)} appointments`];
    if (time) parts.push(`${fmt(time.length)} time-log rows`);
    return {
      plan,
      detail: parts.join(" and "),
      notes: [...describeInference(log.inferred, metrics.wrvuParts, metrics.noShows), ...log.warnings],
      summary: formatLeakageSummary(metrics, { dollarsPerWrvu, effectiveHourly, timeRows: time && { unpaid: time.filter((t) => !t.paid).length } }, log),
    };
  },
  demo: {
    file: "rvu-leakage.xlsx",
    heading: "RVU Leakage: what no-shows and unpaid time cost (samples/appointments.csv, samples/time-log.csv)",
    tables: { appointments: "appointments.csv", time: "time-log.csv" },
    fields: {},
  },
};
