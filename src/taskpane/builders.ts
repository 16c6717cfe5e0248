/**
 * The three sheets the pane builds, as data: which tables each one reads, which assumptions the
 * user can set, and how tables and assumptions become a SheetPlan — through the same parsers and
 * plan builders the CLI uses, so a sheet built in Excel matches one built by `clinpay`.
 */
import type { OfferTiers, Problem, RawTable } from "../core/inputs/types";
import { parseTargetTiers, readOfferInputs } from "../core/inputs/offers";
import { parseTimeLog, readAppointmentLog } from "../core/inputs/logs";
import type { FeeSchedule } from "../core/fee-schedule";
import { describeInference } from "../core/exports/inferred";
import type { ExportMapping } from "../core/exports/mapping";
import { leakageMetrics } from "../core/leakage";
import { CellError, InputError, parseDateValue, parseNumberText, tooLargeMessage } from "../core/table";
import { DEFAULT_DOLLARS_PER_WRVU, DEFAULT_EFFECTIVE_HOURLY } from "../core/leakage";
import { checkTargetPeriod, defaultPeriodStart } from "../core/targets";
import { periodDays, serialToIso } from "../core/dates";
import { readProductionTable } from "../core/inputs/production";
import { buildOfferComparisonPlan } from "../sheets/offer-comparison";
import { buildLeakagePlan, leakageFitProblems } from "../sheets/rvu-leakage";
import { buildTargetPlan, TARGET_SHEET_NAME } from "../sheets/target-tracker";
import { productionFitProblems, summedProduction } from "../sheets/target-production";
import type { SheetKind, SheetPlan } from "../sheets/plan";

/** Problem.source for a field typed in the pane rather than a cell of a table. */
export const ASSUMPTIONS = "Assumptions";

export interface InputSpec {
  key: string;
  label: string;
  required: boolean;
  /** The columns, as the help under the picker lists them. */
  columns: string;
  /** What "no table" means for an optional input. */
  none?: string;
  /** The table "Insert sample data" adds for this input. */
  sample?: string;
  /** Whether a table's name suggests it holds this input, to preselect it. */
  looksLike(name: string): boolean;
  /** An export read through the mapping step (headers, words, provider). */
  mappable?: boolean;
}

export interface FieldSpec {
  key: string;
  label: string;
  type: "number" | "date";
  required: boolean;
  help: string;
  placeholder?: string;
  /** Filled in with the sample tables, when the field is empty, so a first try builds at once. */
  sample?: string;
}

export interface BuildRequest {
  tables: Record<string, RawTable | undefined>;
  fields: Record<string, string>;
  builtAt: Date;
  /** The CMS fee schedule, loaded first for a builder that sets needsFees. */
  fees?: FeeSchedule;
  /** From the mapping step: what the export's headers and words mean, and the provider kept. */
  mapping?: ExportMapping;
  provider?: string;
}

export interface BuilderSpec {
  kind: SheetKind;
  title: string;
  /** One line under the choice: what the sheet answers. */
  summary: string;
  inputs: InputSpec[];
  fields: FieldSpec[];
  /** Shown when the sheet has no pane assumptions of its own. */
  fieldsNote?: string;
  /** The build looks codes up in the CMS fee schedule (the pane fetches it first). */
  needsFees?: boolean;
  /** Parse and plan. Throws InputError listing every problem in every table and field.
   *  `notes`: what ClinPay inferred and warnings, said in the pane's result. */
  plan(req: BuildRequest): { plan: SheetPlan; detail: string; notes?: string[] };
}

const has = (re: RegExp, not?: RegExp) => (name: string) => re.test(name) && !(not && not.test(name));

const fmt = (n: number) => n.toLocaleString("en-US");

/** A typed number: blank is `undefined`, bad text a problem. */
function numberField(fields: Record<string, string>, f: FieldSpec, problems: Problem[], check: (n: number) => string | null): number | undefined {
  const text = (fields[f.key] ?? "").trim();
  if (text === "") {
    if (f.required) problems.push({ source: ASSUMPTIONS, row: 0, column: f.label, value: "", message: `is empty: ${f.help}` });
    return undefined;
  }
  const n = parseNumberText(text);
  const why = n === undefined ? `is not a number: ${f.help}` : (tooLargeMessage(n) ?? check(n));
  if (why) {
    problems.push({ source: ASSUMPTIONS, row: 0, column: f.label, value: text, message: why });
    return undefined;
  }
  return n;
}

function dateField(fields: Record<string, string>, f: FieldSpec, problems: Problem[]): number | undefined {
  const text = (fields[f.key] ?? "").trim();
  if (text === "") {
    if (f.required) problems.push({ source: ASSUMPTIONS, row: 0, column: f.label, value: "", message: `is empty: ${f.help}` });
    return undefined;
  }
  const v = parseDateValue(text);
  if (v instanceof CellError) {
    problems.push({ source: ASSUMPTIONS, row: 0, column: f.label, value: text, message: v.message });
    return undefined;
  }
  return v;
}

const notNegative = (n: number) => (n < 0 ? "cannot be negative: type 0 or more, without a minus sign" : null);

/** Runs each parser so one Build lists the problems of every table, not just the first. */
function collect<T>(problems: Problem[], job: () => T): T | undefined {
  try {
    return job();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push(...e.problems);
    return undefined;
  }
}

const field = (fs: FieldSpec[], key: string): FieldSpec => fs.find((f) => f.key === key)!;

// ---------------------------------------------------------------------------------------------

const OFFER_INPUTS: InputSpec[] = [
  {
    key: "offers",
    label: "Offers",
    required: true,
    columns: "offer, units_per_hour, paid_hours_per_week; optionally base_salary, hourly_rate, pay_per_unit, unit, weeks_per_year, unpaid_hours_per_week, no_show_rate, paid_no_show_share, combine, advertised_annual",
    sample: "ClinPayOffers",
    looksLike: has(/offer/i, /tier|scenario/i),
  },
  {
    key: "tiers",
    label: "Tiers",
    required: false,
    none: "None: pay_per_unit for every offer",
    columns: "offer, threshold, rate, method",
    sample: "ClinPayTiers",
    looksLike: has(/tier/i, /target/i),
  },
  {
    key: "scenarios",
    label: "Scenarios",
    required: false,
    none: "None: the five standard scenarios",
    columns: "scenario, volume_factor, months, no_show_add, unpaid_factor, wrvu_factor",
    looksLike: has(/scenario/i),
  },
];

const offerComparison: BuilderSpec = {
  kind: "offer-comparison",
  title: "Offer Comparison",
  summary: "Which offer pays best per real hour, in five scenarios",
  inputs: OFFER_INPUTS,
  fields: [],
  fieldsNote: "Every assumption is a column of your Offers table. The built sheet copies them into yellow cells you can change there.",
  plan({ tables, builtAt }) {
    const offers = tables.offers!;
    const inputs = readOfferInputs({ offers, tiers: tables.tiers, scenarios: tables.scenarios });
    const source = [offers.source, tables.tiers?.source, tables.scenarios ? tables.scenarios.source : "default scenarios"].filter(Boolean).join(", ");
    const plan = buildOfferComparisonPlan({ offers: inputs.offers, tiers: inputs.tiers, scenarios: inputs.scenarios, source, builtAt });
    const n = inputs.offers.length;
    const m = inputs.scenarios.length;
    return { plan, detail: `${n} offer${n === 1 ? "" : "s"} in ${m} scenario${m === 1 ? "" : "s"}` };
  },
};

// ---------------------------------------------------------------------------------------------

/** Both the leakage and the target builders price wRVUs with the same assumption. */
const DOLLARS_PER_WRVU_FIELD: FieldSpec = {
  key: "dollarsPerWrvu",
  label: "$ per wRVU",
  type: "number",
  required: false,
  placeholder: String(DEFAULT_DOLLARS_PER_WRVU),
  help: `what your contract pays per wRVU, e.g. 52.50 (blank: $${DEFAULT_DOLLARS_PER_WRVU})`,
};

const LEAKAGE_FIELDS: FieldSpec[] = [
  DOLLARS_PER_WRVU_FIELD,
  {
    key: "effectiveHourly",
    label: "Effective hourly",
    type: "number",
    required: false,
    placeholder: String(DEFAULT_EFFECTIVE_HOURLY),
    help: `what an hour of your work is worth, to price unpaid time, e.g. 140 (blank: $${DEFAULT_EFFECTIVE_HOURLY})`,
  },
];

const rvuLeakage: BuilderSpec = {
  kind: "rvu-leakage",
  title: "RVU Leakage",
  summary: "What no-shows and unpaid inbox time cost you",
  inputs: [
    {
      key: "appointments",
      label: "Appointment log",
      required: true,
      columns: "date, status (completed, no_show, late_cancel or cancelled); optionally reason, cause_type, code, wrvu, visit_type",
      sample: "ClinPayAppointments",
      looksLike: has(/appoint|visit|schedul/i),
      mappable: true,
    },
    {
      key: "time",
      label: "Time log",
      required: false,
      none: "None: leave out unpaid time",
      columns: "date, activity, minutes, paid",
      sample: "ClinPayTimeLog",
      looksLike: has(/time|inbox/i),
    },
  ],
  fields: LEAKAGE_FIELDS,
  needsFees: true,
  plan(req) {
    const { tables, fields, builtAt, fees } = req;
    const problems: Problem[] = [];
    const dollarsPerWrvu = numberField(fields, field(LEAKAGE_FIELDS, "dollarsPerWrvu"), problems, notNegative);
    const effectiveHourly = numberField(fields, field(LEAKAGE_FIELDS, "effectiveHourly"), problems, notNegative);
    const log = collect(problems, () => readAppointmentLog(tables.appointments!, { mapping: req.mapping, provider: req.provider }));
    const time = tables.time ? collect(problems, () => parseTimeLog(tables.time!, req.mapping)) : undefined;
    if (log) problems.push(...leakageFitProblems({ source: tables.appointments!.source, rows: log.appointments.length }, time && { source: tables.time!.source, rows: time.length }));
    if (problems.length > 0 || !log) throw new InputError(problems);
    const appointments = log.appointments;
    const dpw = dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU;
    const eh = effectiveHourly ?? DEFAULT_EFFECTIVE_HOURLY;
    const metrics = leakageMetrics(appointments, time, { dollarsPerWrvu: dpw, effectiveHourly: eh, fees: fees! });
    const plan = buildLeakagePlan({
      appointments,
      time,
      source: [tables.appointments!.source, tables.time?.source].filter(Boolean).join(" and "),
      builtAt,
      dollarsPerWrvu: dpw,
      effectiveHourly: eh,
      fees: fees!,
      metrics,
      inferred: log.inferred,
      defaults: { dollarsPerWrvu: dollarsPerWrvu === undefined, effectiveHourly: effectiveHourly === undefined },
    });
    const parts = [`${fmt(appointments.length)} appointments`];
    if (time) parts.push(`${fmt(time.length)} time-log rows`);
    return { plan, detail: parts.join(" and "), notes: [...describeInference(log.inferred, metrics.wrvuParts, metrics.noShows), ...log.warnings] };
  },
};

// ---------------------------------------------------------------------------------------------

const TARGET_FIELDS: FieldSpec[] = [
  { key: "wrvuTarget", label: "wRVU target", type: "number", required: true, help: "type the contract's annual wRVU target, e.g. 5000", placeholder: "5000", sample: "5000" },
  { key: "ytd", label: "YTD wRVUs", type: "number", required: false, help: "type the wRVUs produced so far this period, e.g. 1150, or pick a log or wRVU report above to sum them", placeholder: "1150" },
  { key: "asOf", label: "As of", type: "date", required: false, help: "type the date YTD runs to (blank with a log or report: its last date)" },
  { key: "periodStart", label: "Period start", type: "date", required: false, help: "the first day of the contract year (blank: 1 January of As of's year)" },
  DOLLARS_PER_WRVU_FIELD,
  { key: "baseSalary", label: "Base salary", type: "number", required: false, help: "type your guaranteed salary a year, for Effective $ per wRVU (blank: 0)", placeholder: "0" },
];

/** Where YTD wRVUs comes from: typed, or summed from a log or report (exactly one). */
function targetYtd(req: BuildRequest, problems: Problem[]) {
  const f = (key: string) => field(TARGET_FIELDS, key);
  const ytd = numberField(req.fields, f("ytd"), problems, notNegative);
  const asOf = dateField(req.fields, f("asOf"), problems);
  const table = req.tables.production;
  if (table && ytd !== undefined) {
    problems.push({ source: ASSUMPTIONS, row: 0, column: f("ytd").label, value: String(ytd), message: `is typed and ${table.source} is picked: leave YTD wRVUs blank to sum the table, or pick “None” to use the typed figure` });
  }
  if (!table) {
    if (ytd === undefined && (req.fields.ytd ?? "").trim() === "") problems.push({ source: ASSUMPTIONS, row: 0, column: f("ytd").label, value: "", message: `is empty: ${f("ytd").help}` });
    if (asOf === undefined && (req.fields.asOf ?? "").trim() === "") problems.push({ source: ASSUMPTIONS, row: 0, column: f("asOf").label, value: "", message: "is empty: type the date the YTD figure runs to" });
    return { ytd, asOf, read: undefined };
  }
  const read = collect(problems, () => readProductionTable(table, "auto", { mapping: req.mapping, provider: req.provider }));
  if (read) problems.push(...productionFitProblems(table.source, read.rows.length, TARGET_SHEET_NAME));
  if (read && asOf === undefined && read.last === undefined && (req.fields.asOf ?? "").trim() === "") {
    problems.push({ source: ASSUMPTIONS, row: 0, column: f("asOf").label, value: "", message: `is empty and ${table.source} has no rows left to count: type the date YTD runs to` });
  }
  return { ytd, asOf: asOf ?? read?.last, read };
}

const targetTracker: BuilderSpec = {
  kind: "target-tracker",
  title: "Target Tracker",
  summary: "Projected wRVUs, the gap, the weekly pace and the bonus, month by month from your log",
  inputs: [
    {
      key: "production",
      label: "Log or wRVU report",
      required: false,
      none: "None: type YTD wRVUs below",
      columns: "an appointment log (date, status, code or wrvu: its completed visits count) or a wRVU report (date, code, units, wrvu; voids negative)",
      sample: "ClinPayAppointments",
      looksLike: has(/rvu|production|appoint|visit|charge/i, /tier/i),
      mappable: true,
    },
    {
      key: "tiers",
      label: "Bonus tiers",
      required: false,
      none: "None: $ per wRVU above the target",
      columns: "threshold, rate, method",
      sample: "ClinPayTargetTiers",
      looksLike: has(/target.*tier|bonus/i),
    },
  ],
  fields: TARGET_FIELDS,
  needsFees: true,
  plan(req) {
    const { tables, fields, builtAt } = req;
    const problems: Problem[] = [];
    const f = (key: string) => field(TARGET_FIELDS, key);
    const wrvuTarget = numberField(fields, f("wrvuTarget"), problems, (n) => (n > 0 ? null : `must be more than 0: ${f("wrvuTarget").help}`));
    const { ytd, asOf, read } = targetYtd(req, problems);
    const periodStart = dateField(fields, f("periodStart"), problems);
    const dollarsPerWrvu = numberField(fields, f("dollarsPerWrvu"), problems, notNegative);
    const baseSalary = numberField(fields, f("baseSalary"), problems, notNegative);
    let start: number | undefined;
    if (asOf !== undefined) {
      const period = checkTargetPeriod(asOf, periodStart);
      if (!period.ok) {
        const at = period.field === "periodStart" && periodStart !== undefined ? periodStart : asOf;
        problems.push({ source: ASSUMPTIONS, row: 0, column: f(period.field).label, value: serialToIso(at), message: period.message });
      } else start = period.start;
    }
    const tiers: OfferTiers | undefined = tables.tiers ? collect(problems, () => parseTargetTiers(tables.tiers!)) : undefined;
    if (problems.length > 0 || wrvuTarget === undefined || asOf === undefined || start === undefined || (ytd === undefined && !read)) throw new InputError(problems);
    const summed = read
      ? summedProduction(read, tables.production!.source, req.fees!, { wrvuTarget, periodStart: start, asOf, daysInPeriod: periodDays(start) }, (fields.asOf ?? "").trim() === "")
      : undefined;
    const total = summed ? summed.production.figures.ytd : ytd!;
    const sources = [summed ? tables.production!.source : "figures typed in ClinPay", tables.tiers?.source].filter(Boolean).join(" and ");
    const plan = buildTargetPlan({
      wrvuTarget,
      ytd: total,
      asOf,
      periodStart: start,
      dollarsPerWrvu: dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU,
      tiers,
      baseSalary,
      builtAt,
      source: sources,
      defaults: { dollarsPerWrvu: dollarsPerWrvu === undefined, periodStart: periodStart === undefined, baseSalary: baseSalary === undefined },
      production: summed?.production,
      inferred: summed?.inferred,
    });
    const detail = summed
      ? `${fmt(summed.production.figures.rowsCounted)} ${read!.from === "log" ? "completed visits" : "report lines"} (${fmt(Math.round(total * 10) / 10)} wRVUs to ${serialToIso(asOf)}) against a target of ${fmt(wrvuTarget)}`
      : `${fmt(total)} wRVUs to ${serialToIso(asOf)} against a target of ${fmt(wrvuTarget)}`;
    return { plan, detail, notes: summed ? [...summed.inferred, ...read!.warnings] : undefined };
  },
};

export const BUILDERS: readonly BuilderSpec[] = [offerComparison, rvuLeakage, targetTracker];
