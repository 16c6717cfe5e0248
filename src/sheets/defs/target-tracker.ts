/**
 * Target Tracker's definition: a wRVU target with YTD typed, or summed from an appointment log or
 * a wRVU production report (and optional bonus tiers) → the sheet and its summary.
 */
import type { OfferTiers, Problem } from "../../core/inputs/types";
import { parseTargetTiers } from "../../core/inputs/offers";
import { readProductionTable } from "../../core/inputs/production";
import { DEFAULT_DOLLARS_PER_WRVU } from "../../core/defaults";
import { checkTargetPeriod, targetMetrics, type SurveyPoints, type TargetMetrics } from "../../core/targets";
import { periodDays, serialToIso as iso } from "../../core/dates";
import { InputError } from "../../core/table";
import type { ProductionSource } from "../target-production";

/** The plan module: the sheet and its copied production rows, one chunk. */
type TargetPlanModule = typeof import("../target-tracker") & typeof import("../target-production");
import { ASSUMPTIONS, collect, dateField, displayName, field, has, notNegative, numberField, type BuildRequest, logOptions, type FieldSpec, type SheetDefinition } from "../definition";
import { DOLLARS_PER_WRVU_FIELD } from "./rvu-leakage";
import { fmt, inferredLines } from "./text";
import { RVU_YEAR_FIELD, rvuYearOf } from "./rvu-year";

const SURVEY_POINTS = ["p25", "p50", "p75", "p90"] as const;
/** Illustrative points for the help text (the BENCHMARK_PERCENTILE example's). */
const SURVEY_EXAMPLE = { p25: "4300", p50: "5200", p75: "6300", p90: "7600" } as const;

const FIELDS: FieldSpec[] = [
  { key: "wrvuTarget", label: "wRVU target", type: "number", required: true, help: "type the contract's annual wRVU target, e.g. 5000", placeholder: "5000", sample: "5000", flag: "wrvu-target" },
  { key: "ytd", label: "YTD wRVUs", type: "number", required: false, help: "type the wRVUs produced so far this period, e.g. 1150, or give a log or wRVU report to sum them", placeholder: "1150", flag: "ytd" },
  { key: "asOf", label: "As of", type: "date", required: false, help: "type the date YTD runs to, e.g. 2026-03-31 (blank with a log or report: its last date)", flag: "as-of" },
  { key: "periodStart", label: "Period start", type: "date", required: false, help: "the first day of the contract year, e.g. 2026-07-01 (blank: 1 January of As of's year)", flag: "period-start" },
  DOLLARS_PER_WRVU_FIELD,
  { key: "baseSalary", label: "Base salary", type: "number", required: false, help: "type your guaranteed salary a year, for Effective $ per wRVU (blank: 0)", placeholder: "0", flag: "base-salary" },
  { key: "clinicalFte", label: "Clinical FTE", type: "number", required: false, help: "type the clinical FTE your wRVUs were produced at, e.g. 0.8 (blank: 1, full time)", placeholder: "1", flag: "clinical-fte" },
  ...SURVEY_POINTS.map(
    (p): FieldSpec => ({
      key: `survey${p.toUpperCase()}`,
      label: `Survey ${p}`,
      type: "number",
      required: false,
      help: `type your survey's ${p.slice(1)}th percentile of annual wRVUs at 1.0 FTE, e.g. ${SURVEY_EXAMPLE[p]} (give all four points or none)`,
      flag: `survey-${p}`,
    })
  ),
  RVU_YEAR_FIELD,
];
const f = (key: string) => field(FIELDS, key);

/** Clinical FTE: above 0 and at most 1.5, as an offer's fte. */
const fteCheck = (n: number) => (n > 0 && n <= 1.5 ? null : `must be more than 0 and at most 1.5: ${f("clinicalFte").help}`);

/** The four survey points, all or none, each above the one before; undefined when none is given. */
function surveyOf(req: BuildRequest, problems: Problem[]): SurveyPoints | undefined {
  const fields = SURVEY_POINTS.map((p) => f(`survey${p.toUpperCase()}`));
  const given = fields.filter((x) => !blank(req, x.key));
  if (given.length === 0) return undefined;
  const values = fields.map((x) => (blank(req, x.key) ? undefined : numberField(req.fields, x, problems, notNegative)));
  if (given.length < fields.length) {
    const missing = fields.filter((x) => blank(req, x.key));
    for (const x of missing) {
      const p = SURVEY_POINTS[fields.indexOf(x)];
      problems.push({
        source: ASSUMPTIONS,
        row: 0,
        column: x.label,
        value: "",
        message: `is empty while ${given.map((g) => g.label).join(", ")} ${given.length === 1 ? "is" : "are"} given, and a survey percentile needs all four points: type your survey's ${p.slice(1)}th percentile of annual wRVUs at 1.0 FTE (e.g. ${SURVEY_EXAMPLE[p]}), or leave all four blank`,
      });
    }
    return undefined;
  }
  if (values.some((v) => v === undefined)) return undefined;
  const points = values as number[];
  for (let k = 1; k < points.length; k++) {
    if (!(points[k] > points[k - 1])) {
      problems.push({ source: ASSUMPTIONS, row: 0, column: fields[k].label, value: req.fields[fields[k].key], message: `must be above ${fields[k - 1].label} (${points[k - 1].toLocaleString("en-US")}): a survey's points rise from p25 to p90; check the two against your survey` });
      return undefined;
    }
  }
  return points as unknown as SurveyPoints;
}
const blank = (req: BuildRequest, key: string) => (req.fields[key] ?? "").trim() === "";

/** Where YTD wRVUs comes from: typed, or summed from a log or report (exactly one). */
function targetYtd(req: BuildRequest, problems: Problem[], sheet: TargetPlanModule) {
  const ytd = numberField(req.fields, f("ytd"), problems, notNegative);
  const asOf = dateField(req.fields, f("asOf"), problems);
  const table = req.tables.production;
  const rvuYear = rvuYearOf(req.fields, req.fees?.years, problems);
  if (table && !blank(req, "ytd")) {
    problems.push({ source: ASSUMPTIONS, row: 0, column: f("ytd").label, value: req.fields.ytd, message: `is given and so is ${displayName(table)}: YTD wRVUs is typed or summed from a log or report, not both (leave it blank to sum the table)` });
  }
  if (!table) {
    if (blank(req, "ytd")) problems.push({ source: ASSUMPTIONS, row: 0, column: f("ytd").label, value: "", message: `is empty: ${f("ytd").help}` });
    if (blank(req, "asOf")) problems.push({ source: ASSUMPTIONS, row: 0, column: f("asOf").label, value: "", message: "is empty: type the date the YTD figure runs to, e.g. 2026-03-31" });
    return { ytd, asOf, read: undefined, rvuYear };
  }
  const readAs = (req.readAs?.production as "log" | "report" | undefined) ?? "auto";
  const read = collect(problems, () => readProductionTable(table, readAs, { ...logOptions(req), rvuYear }));
  if (read) problems.push(...sheet.productionFitProblems(table.source, read.rows.length, sheet.TARGET_SHEET_NAME));
  if (read && asOf === undefined && read.last === undefined && blank(req, "asOf")) {
    problems.push({ source: table.source, row: 0, column: "", value: "", message: "has no rows left to count (every one not yet happened): type As of, or use a log that has visits" });
  }
  return { ytd, asOf: asOf ?? read?.last, read, rvuYear };
}

/** As of inside a countable contract year; the problem names the field (or the table, when As of came from it). */
function periodStartOf(req: BuildRequest, asOf: number, periodStart: number | undefined, problems: Problem[]): number | undefined {
  const period = checkTargetPeriod(asOf, periodStart);
  if (period.ok) return period.start;
  const table = req.tables.production;
  if (period.field === "asOf" && blank(req, "asOf") && table) {
    problems.push({ source: table.source, row: 0, column: "date", value: iso(asOf), message: `is its last date, taken as As of, and ${period.message}` });
  } else {
    const at = period.field === "periodStart" && periodStart !== undefined ? periodStart : asOf;
    problems.push({ source: ASSUMPTIONS, row: 0, column: f(period.field).label, value: iso(at), message: period.message });
  }
  return undefined;
}

interface SummaryInput {
  wrvuTarget: number;
  dollarsPerWrvu?: number;
  baseSalary?: number;
  clinicalFte?: number;
  survey?: SurveyPoints;
  /** The tiers table's name, when there is one. */
  tiers?: string;
  production?: { source: ProductionSource; inferred: string[]; warnings: string[] };
}

/** The terminal summary of the key figures. */
export function formatTargetSummary(m: TargetMetrics, s: SummaryInput): string {
  const dpw = s.dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU;
  const dflt = s.dollarsPerWrvu === undefined ? ` (ClinPay's default: type yours in the sheet's Assumptions, or pass --dollars-per-wrvu)` : "";
  const lines: string[] = [];
  const p = s.production;
  if (p) {
    const what = p.source.from === "log" ? "completed visits" : "report lines";
    lines.push(`YTD wRVUs ${fmt(p.source.figures.ytd, 1)}: the sum of ${fmt(p.source.figures.rowsCounted)} ${what} of ${p.source.source}, ${iso(m.periodStart)} to ${iso(m.periodStart + m.daysElapsed - 1)}`);
  }
  lines.push(
    `Projected annual wRVUs ${fmt(m.projected)} against a target of ${fmt(s.wrvuTarget)} (gap ${fmt(m.gap)}; ${iso(m.periodStart)} + ${m.daysElapsed} days)`,
    `Pace needed per week ${m.paceNeeded === null ? "n/a: the period is over" : `${fmt(m.paceNeeded, 1)} wRVUs`}`,
    `Projected bonus $${fmt(m.bonus)} (${m.bonusRule === "tiers" ? `tiers from ${s.tiers}` : `$${fmt(dpw, 2)} per wRVU above target${dflt}`})`,
    `Rebased salary $${fmt(m.rebasedSalary)} at $${fmt(dpw, 2)} per wRVU${dflt}`,
    `Average per week so far ${fmt(m.averagePerWeek, 1)} wRVUs${m.catchUpRatio === null ? "" : `; catch-up ratio ${fmt(m.catchUpRatio, 2)} (${m.catchUpRatio > 1 ? "the rest of the year must run faster than so far" : "on or ahead of the pace needed"})`}`,
    `Effective $ per wRVU ${m.effectiveDollarsPerWrvu === null ? "n/a: no projected wRVUs" : `$${fmt(m.effectiveDollarsPerWrvu, 2)}`} (base salary $${fmt(s.baseSalary ?? 0)}${s.baseSalary === undefined ? ", pass --base-salary" : ""} + projected bonus, over projected wRVUs)`
  );
  if (s.clinicalFte !== undefined || s.survey) {
    const fte = s.clinicalFte ?? 1;
    const at = `Projected wRVUs at 1.0 FTE ${fmt(m.projectedAtFullFte)} (${fmt(m.projected)} at ${fte.toLocaleString("en-US", { maximumFractionDigits: 2 })} FTE)`;
    const survey = s.survey && m.surveyPercentile !== null ? `; survey percentile ${fmt(m.surveyPercentile, 1)} (your survey's p25–p90: ${s.survey.map((x) => fmt(x)).join(", ")})` : "";
    lines.push(at + survey);
  }
  if (p) {
    const months = p.source.figures.months;
    const last = months[months.length - 1];
    lines.push(`Months below pace ${p.source.figures.monthsBelowPace} of ${months.length}${last ? ` (through ${iso(last.month).slice(0, 7)}: ${fmt(last.cumulative, 1)} wRVUs against a pace of ${fmt(last.pace, 1)})` : ""}`);
    lines.push(...inferredLines(p.inferred, p.warnings));
  }
  return lines.join("\n");
}

export const targetTracker: SheetDefinition<TargetPlanModule> = {
  kind: "target-tracker",
  title: "Target Tracker",
  summary: "Projected wRVUs, the gap, the weekly pace and the bonus, month by month from your log",
  command: { name: "targets", summary: "Target Tracker: projected wRVUs, gap, weekly pace, bonus and rebased salary, month by month from a log or report" },
  inputs: [
    {
      key: "production",
      label: "Log or wRVU report",
      required: false,
      none: "None: type YTD wRVUs below",
      columns: "an appointment log (date, status, code or wrvu: its completed visits count) or a wRVU report (date, code, units, wrvu; voids negative)",
      looksLike: has(/rvu|production|appoint|visit|charge/i, /tier/i),
      mappable: true,
      cli: [
        { flag: "appointments", help: "an appointment log, .csv or .xlsx: YTD wRVUs is the sum of its completed visits' wRVUs", readAs: "log" },
        { flag: "production", help: "a wRVU production report, .csv or .xlsx (date, code, units, wrvu; voids negative): YTD wRVUs is its sum", readAs: "report" },
      ],
      tableName: "appointments",
    },
    {
      key: "tiers",
      label: "Bonus tiers",
      required: false,
      none: "None: $ per wRVU above the target",
      columns: "threshold, rate, method",
      looksLike: has(/target.*tier|bonus/i),
      cli: [{ flag: "tiers", help: "bonus tiers, .csv or .xlsx (threshold, rate[, method]); without it the bonus is $ per wRVU above target" }],
      tableName: "tiers",
    },
  ],
  fields: FIELDS,
  needsFees: true,
  load: async () => ({
    ...(await import(/* webpackChunkName: "sheet-target-tracker" */ "../target-tracker")),
    ...(await import(/* webpackChunkName: "sheet-target-tracker" */ "../target-production")),
  }),
  plan(req, sheet) {
    const { tables, fields, builtAt } = req;
    const problems: Problem[] = [];
    const wrvuTarget = numberField(fields, f("wrvuTarget"), problems, (n) => (n > 0 ? null : `must be more than 0: ${f("wrvuTarget").help}`));
    const { ytd, asOf, read, rvuYear } = targetYtd(req, problems, sheet);
    const periodStart = dateField(fields, f("periodStart"), problems);
    const dollarsPerWrvu = numberField(fields, f("dollarsPerWrvu"), problems, notNegative);
    const baseSalary = numberField(fields, f("baseSalary"), problems, notNegative);
    const clinicalFte = numberField(fields, f("clinicalFte"), problems, fteCheck);
    const survey = surveyOf(req, problems);
    const start = asOf === undefined ? undefined : periodStartOf(req, asOf, periodStart, problems);
    const tiers: OfferTiers | undefined = tables.tiers ? collect(problems, () => parseTargetTiers(tables.tiers!)) : undefined;
    if (problems.length > 0 || wrvuTarget === undefined || asOf === undefined || start === undefined || (ytd === undefined && !read)) throw new InputError(problems);
    const summed = read
      ? sheet.summedProduction(read, displayName(tables.production!), req.fees!, { wrvuTarget, periodStart: start, asOf, daysInPeriod: periodDays(start) }, blank(req, "asOf"), rvuYear ?? null)
      : undefined;
    const total = summed ? summed.production.figures.ytd : ytd!;
    const dpw = dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU;
    const metrics = targetMetrics({ wrvuTarget, ytd: total, asOf, periodStart: start, dollarsPerWrvu: dpw, tiers, baseSalary, clinicalFte, survey });
    const tiersName = tables.tiers && displayName(tables.tiers);
    const plan = sheet.buildTargetPlan({
      wrvuTarget,
      ytd: total,
      asOf,
      periodStart: start,
      dollarsPerWrvu: dpw,
      tiers,
      baseSalary,
      clinicalFte,
      survey,
      builtAt,
      source: [summed ? summed.production.source : "figures typed in ClinPay", tiersName].filter(Boolean).join(" and "),
      defaults: { dollarsPerWrvu: dollarsPerWrvu === undefined, periodStart: periodStart === undefined, baseSalary: baseSalary === undefined },
      metrics,
      production: summed?.production,
      inferred: summed?.inferred,
    });
    const detail = summed
      ? `${fmt(summed.production.figures.rowsCounted)} ${read!.from === "log" ? "completed visits" : "report lines"} (${fmt(total, 1)} wRVUs to ${iso(asOf)}) against a target of ${fmt(wrvuTarget)}`
      : `${fmt(total)} wRVUs to ${iso(asOf)} against a target of ${fmt(wrvuTarget)}`;
    const production = summed && { source: summed.production, inferred: summed.inferred, warnings: read!.warnings };
    return {
      plan,
      detail,
      notes: production ? [...production.inferred, ...production.warnings] : undefined,
      summary: formatTargetSummary(metrics, { wrvuTarget, dollarsPerWrvu, baseSalary, clinicalFte, survey, tiers: tiersName, production }),
    };
  },
  demo: {
    file: "target-tracker.xlsx",
    heading: "Target Tracker: a 5,000 wRVU target, YTD from samples/appointments.csv (samples/target-tiers.csv)",
    tables: { production: "appointments.csv", tiers: "target-tiers.csv" },
    fields: { wrvuTarget: "5000", baseSalary: "180000" },
  },
};
