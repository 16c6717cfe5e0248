/** Telehealth Scorecard's definition: an appointment log and what the clinician knows of the group → the sheet and its summary. */
import type { Problem } from "../../core/inputs/types";
import { readAppointmentLog } from "../../core/inputs/logs";
import { describeInference } from "../../core/exports/inferred";
import { DEFAULT_DOLLARS_PER_WRVU } from "../../core/defaults";
import { DEFAULT_FAR_BELOW, changeSentence, dangerSentence, telehealthMetrics, type TelehealthAssumptions, type TelehealthMetrics } from "../../core/telehealth";
import { InputError } from "../../core/table";
import { serialToIso as iso } from "../../core/dates";
import { choiceField, collect, dateField, displayName, field, notNegative, numberField, rateField, logOptions, type FieldSpec, type SheetDefinition } from "../definition";
import { APPOINTMENT_LOG_INPUT, DOLLARS_PER_WRVU_FIELD } from "./rvu-leakage";
import { fmt, inferredLines, pct } from "./text";
import { RVU_YEAR_FIELD, rvuYearOf } from "./rvu-year";

const FIELDS: FieldSpec[] = [
  { key: "changeDate", label: "Change started on", type: "date", required: false, help: "the day a change started, e.g. day-before tech checks from 2026-04-01 (blank: no before and after)", flag: "change-date", sample: "2026-04-01" },
  { key: "groupNoShowRate", label: "Group telehealth no-show rate", type: "text", required: false, help: "your group's telehealth no-show rate, e.g. 15% (blank: no comparison)", placeholder: "15%", flag: "group-no-show-rate", sample: "15%" },
  { key: "groupWrvuPerVisit", label: "Group wRVU per telehealth visit", type: "number", required: false, help: "your group's wRVUs per telehealth visit, e.g. 1.6 (blank: no comparison)", flag: "group-wrvu-per-visit", sample: "1.6" },
  { key: "farBelow", label: "Far below means", type: "text", required: false, help: `how far below the group counts as far below, e.g. 20% (blank: ${DEFAULT_FAR_BELOW * 100}%)`, placeholder: `${DEFAULT_FAR_BELOW * 100}%`, flag: "far-below" },
  { key: "annualTarget", label: "Annual wRVU target", type: "number", required: false, help: "your contract's annual wRVU target, e.g. 4800 (blank: no target conditions)", flag: "wrvu-target", sample: "4800" },
  { key: "writtenConcerns", label: "Written performance concerns", type: "text", required: false, help: "yes or no: has anyone raised concerns about your performance in writing? (blank: no)", placeholder: "no", flag: "written-concerns" },
  DOLLARS_PER_WRVU_FIELD,
  RVU_YEAR_FIELD,
];
const f = (key: string) => field(FIELDS, key);

/** "3 of 15": the rows a rate rests on. */
const of = (part: number, whole: number) => `${fmt(part)} of ${fmt(whole)}`;

/** wRVU per visit, with the completed rows it rests on; not known when no completed row has a wRVU or a code. */
function wrvuLine(m: TelehealthMetrics, inPerson: { completed: number }): string {
  if (m.all.completed > 0 && m.unpricedCompleted === m.all.completed) return `wRVU per visit: n/a: none of the ${fmt(m.all.completed)} completed rows has a wRVU or a billing code`;
  const per = (v: number | null, rows: number) => (v === null ? "n/a" : `${fmt(v, 2)} (${fmt(rows)} completed ${rows === 1 ? "row" : "rows"})`);
  const unpriced = m.unpricedCompleted > 0 ? `; ${fmt(m.unpricedCompleted)} completed ${m.unpricedCompleted === 1 ? "row has" : "rows have"} no wRVU or billing code and ${m.unpricedCompleted === 1 ? "counts" : "count"} 0` : "";
  const behind = m.wrvusBehind === null ? "" : `; ${fmt(m.wrvusBehind, 1)} wRVUs ($${fmt(m.dollarsBehind!)}) behind in-person pace`;
  return `wRVU per visit: telehealth ${per(m.teleWrvuPerVisit, m.allTelehealth.completed)}, in person ${per(m.inPersonWrvuPerVisit, inPerson.completed)}${behind}${unpriced}`;
}

function formatTelehealthSummary(m: TelehealthMetrics, a: TelehealthAssumptions): string {
  const tele = m.allTelehealth;
  const inPerson = m.byModality.find((r) => r.label === "In person")!;
  const lines = [
    `Telehealth ${fmt(tele.completed)} of ${fmt(m.all.completed)} completed visits (${pct(m.teleShare)}); no-show rate ${pct(m.teleNoShowRate)} (${of(tele.noShows, tele.scheduled)} scheduled telehealth rows) against ${pct(m.inPersonNoShowRate)} in person (${of(inPerson.noShows, inPerson.scheduled)})`,
    `System-caused share of telehealth no-shows ${pct(m.systemShareOfTeleNoShows)} (${of(tele.systemNoShows, tele.noShows)})`,
    wrvuLine(m, inPerson),
  ];
  const ch = m.change;
  if (ch) lines.push(`Since ${iso(a.changeDate!)}: telehealth no-show rate ${pct(ch.before)} before (${of(ch.noShowsBefore, ch.scheduledBefore)}), ${pct(ch.after)} after (${of(ch.noShowsAfter, ch.scheduledAfter)}) (p ${ch.pValue === null ? "n/a" : ch.pValue < 0.001 ? "<0.001" : `= ${fmt(ch.pValue, 3)}`}: ${changeSentence(ch.pValue)})`);
  else lines.push("No Change started on given (--change-date): no before and after");
  lines.push(`Danger zone: ${dangerSentence(m.danger)}`);
  return lines.join("\n");
}

export const telehealthScorecard: SheetDefinition<typeof import("../telehealth-scorecard")> = {
  kind: "telehealth-scorecard",
  title: "Telehealth Scorecard",
  summary: "Your telehealth numbers with the context that defends them: before and after, the group, the danger zone",
  command: { name: "telehealth", summary: "Telehealth Scorecard: no-show rates and wRVUs by modality, a change's effect, the group and the danger zone" },
  inputs: [APPOINTMENT_LOG_INPUT],
  fields: FIELDS,
  needsFees: true,
  load: () => import(/* webpackChunkName: "sheet-telehealth-scorecard" */ "../telehealth-scorecard"),
  plan(req, { buildTelehealthPlan, telehealthFitProblems }) {
    const { tables, fields, builtAt } = req;
    const problems: Problem[] = [];
    const changeDate = dateField(fields, f("changeDate"), problems);
    const groupNoShowRate = rateField(fields, f("groupNoShowRate"), problems);
    const groupWrvuPerVisit = numberField(fields, f("groupWrvuPerVisit"), problems, notNegative);
    const farBelow = rateField(fields, f("farBelow"), problems);
    const annualTarget = numberField(fields, f("annualTarget"), problems, (n) => (n > 0 ? null : "must be more than 0, or left blank"));
    const concerns = choiceField(fields, f("writtenConcerns"), ["yes", "no"] as const, problems);
    const dollarsPerWrvu = numberField(fields, f("dollarsPerWrvu"), problems, notNegative);
    const rvuYear = rvuYearOf(fields, req.fees?.years, problems);
    const log = collect(problems, () => readAppointmentLog(tables.appointments!, { ...logOptions(req), rvuYear, requireModality: true }));
    if (log) problems.push(...telehealthFitProblems({ source: tables.appointments!.source, rows: log.appointments.length }));
    if (problems.length > 0 || !log) throw new InputError(problems);
    const assumptions: TelehealthAssumptions = {
      changeDate: changeDate ?? null,
      groupNoShowRate: groupNoShowRate ?? null,
      groupWrvuPerVisit: groupWrvuPerVisit ?? null,
      farBelow: farBelow ?? DEFAULT_FAR_BELOW,
      annualTarget: annualTarget ?? null,
      writtenConcerns: concerns === "yes",
      dollarsPerWrvu: dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU,
      rvuYear: rvuYear ?? null,
    };
    const count = log.appointments.length;
    const metrics = telehealthMetrics(log.appointments, req.fees!, assumptions);
    const inferred = describeInference(log.inferred);
    const plan = buildTelehealthPlan({
      appointments: log.appointments,
      assumptions,
      fees: req.fees!,
      source: displayName(tables.appointments!),
      builtAt,
      inferred,
      defaults: { dollarsPerWrvu: dollarsPerWrvu === undefined, farBelow: farBelow === undefined },
      metrics,
      releaseAppointments: req.release === true,
    });
    return {
      plan,
      detail: `${fmt(count)} appointments`,
      notes: [...inferred, ...log.warnings],
      summary: [formatTelehealthSummary(metrics, assumptions), ...inferredLines(inferred, log.warnings)].join("\n"),
    };
  },
  demo: {
    file: "telehealth-scorecard.xlsx",
    heading: "Telehealth Scorecard: day-before tech checks from 2026-04-01, against a group rate of 15% and 1.60 wRVUs per telehealth visit (samples/appointments.csv)",
    tables: { appointments: "appointments.csv" },
    fields: { changeDate: "2026-04-01", groupNoShowRate: "15%", groupWrvuPerVisit: "1.6", annualTarget: "4800" },
  },
};
