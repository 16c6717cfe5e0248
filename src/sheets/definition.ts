/**
 * What a sheet is, declared once (the registry lists one per sheet): its input tables, its
 * assumptions, how tables and assumptions become a plan, the CLI command and summary, and the
 * demo run. The pane's builders, the `clinpay` commands, `clinpay demo`, "Insert sample data" and
 * the sheet marks are all made from these, so a new sheet is one definition and one registry
 * line. A definition is light: its plan module (the sheet's layout code) is loaded by `load()`, a
 * chunk of its own that the pane fetches on the first Build. Pure: no Office, no DOM, no file
 * system — the edges read the tables and hand them in.
 */
import type { Problem, RawTable } from "../core/inputs/types";
import type { FeeSchedule } from "../core/fee-schedule";
import type { ExportMapping } from "../core/exports/mapping";
import type { LogOptions } from "../core/inputs/appointments";
import type { DateOrder } from "../core/date-cells";
import type { Modality } from "../core/inputs/types";
import { CellError, InputError, parseDateFlag, parseNumberText, tooLargeMessage } from "../core/table";
import { tooSmallMessage } from "../core/limits";
import type { SheetPlan } from "./plan";

/** Problem.source for an assumption (a pane field, a CLI flag) rather than a cell of a table. */
export const ASSUMPTIONS = "Assumptions";

export interface InputSpec {
  key: string;
  label: string;
  required: boolean;
  /** The columns, as the help under the pane's picker lists them. */
  columns: string;
  /** What "no table" means for an optional input. */
  none?: string;
  /** Whether a table's name suggests it holds this input, to preselect it. */
  looksLike(name: string): boolean;
  /** An export read through the mapping step (headers, words, provider) and the CLI's --map. */
  mappable?: boolean;
  /** Its CLI flags: usually one; two when the flag says how to read the table (a log or a report). */
  cli: { flag: string; help: string; readAs?: string }[];
  /** The table of this name is read from an .xlsx holding several. */
  tableName: string;
}

export interface FieldSpec {
  key: string;
  label: string;
  type: "number" | "date" | "text";
  required: boolean;
  help: string;
  placeholder?: string;
  /** Filled in with the sample tables, when the field is empty, so a first try builds at once. */
  sample?: string;
  /** The CLI flag that gives it, e.g. "wrvu-target". */
  flag: string;
  /** What the CLI's usage line shows for its value, when not its type's (YYYY for a year). */
  metavar?: string;
}

/** How one export is read: the mapping step's (or the log flags') choices for it. */
export interface ReadChoices {
  mapping?: ExportMapping;
  provider?: string;
  visitType?: Modality;
  dateOrder?: DateOrder;
}

export interface BuildRequest {
  tables: Record<string, RawTable | undefined>;
  /** Each field's text as typed (pane) or given (CLI flag); missing or "" = blank. */
  fields: Record<string, string>;
  builtAt: Date;
  /** The CMS fee schedule, loaded first for a definition that sets needsFees. */
  fees?: FeeSchedule;
  /** From the mapping step or --map: what the export's headers and words mean, and the provider kept. */
  mapping?: ExportMapping;
  provider?: string;
  lateCancelHours?: number;
  /** `--visit-type` / the pane's Visit type: the modality of every row that has none. */
  visitType?: Modality;
  /** `--date-order` / the pane's Date order: how slash dates are read, overriding the column. */
  dateOrder?: DateOrder;
  /** The pane's choices per export input (by its key), each matched in a step of its own; over the ones above. */
  perInput?: Record<string, ReadChoices>;
  /** How an input's table is to be read, when its CLI flag says (e.g. production: "log"). */
  readAs?: Record<string, string>;
  /** The tables are read only for this build: rows may be dropped as they are copied (a million-row log). */
  release?: boolean;
}

export interface BuildResult {
  plan: SheetPlan;
  /** One line for the pane's result: what it was built from. */
  detail: string;
  /** What ClinPay inferred and warnings, said in the pane's result. */
  notes?: string[];
  /** A choice that silently changes an answer (an offer paid per wRVU with no tiers), said in
   *  the pane's result, the CLI summary and the sheet alike. */
  warnings?: string[];
  /** The CLI's summary of the key figures. */
  summary: string;
}

/** What a definition's plan() returns: the plan without its kind, which planSheet sets from the definition. */
export type Planned = Omit<BuildResult, "plan"> & { plan: Omit<SheetPlan, "kind"> };

/** M is the plan module load() gives plan(): the sheet module(s), e.g. `typeof import("./rvu-leakage")`. */
export interface SheetDefinition<M = unknown> {
  kind: string;
  title: string;
  /** One line under the pane's choice: what the sheet answers. */
  summary: string;
  command: { name: string; summary: string };
  inputs: InputSpec[];
  fields: FieldSpec[];
  /** Shown when the sheet has no pane assumptions of its own. */
  fieldsNote?: string;
  /** The build looks codes up in the CMS fee schedule (the pane fetches it first). */
  needsFees?: boolean;
  /**
   * The plan module, imported here and only here, by a dynamic import() whose webpackChunkName
   * is "sheet-<kind>": the pane loads a sheet's layout code on its first Build, and
   * test/unit/build/bundle-budget.test.ts holds each sheet's chunk to its budget.
   */
  load(): Promise<M>;
  /** Parse and plan with the loaded plan module. Throws InputError listing every problem in every table and field. */
  plan(req: BuildRequest, module: M): Planned;
  /**
   * `clinpay demo`: the workbook it writes, a heading for its summary, and what it builds from:
   * per input, a file in samples/ (also the table "Insert sample data" adds for that input,
   * named by sampleTableName), and the assumptions' values.
   */
  demo: { file: string; heading: string; tables: Record<string, string>; fields: Record<string, string> };
}

/** The one way a definition is built (pane, CLI and demo): its plan module loaded, the tables
 *  and assumptions planned, and the plan marked with the definition's kind. */
export async function planSheet<M>(def: SheetDefinition<M>, req: BuildRequest): Promise<BuildResult> {
  const built = def.plan(req, await def.load());
  return { ...built, plan: { ...built.plan, kind: def.kind } };
}

/** The table "Insert sample data" makes of a sample file: time-log.csv is ClinPayTimeLog. */
export const sampleTableName = (file: string): string =>
  "ClinPay" + file.replace(/\.[^.]*$/, "").replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/** The sample table an input is preselected with once the samples are in, if the demo gives it one. */
export function sampleTableOf(def: SheetDefinition, input: InputSpec): string | undefined {
  const file = def.demo.tables[input.key];
  return file === undefined ? undefined : sampleTableName(file);
}

// ---------------------------------------------------------------------------------------------
// Reading assumptions, the same way for a pane field and a CLI flag.

export const field = (fs: FieldSpec[], key: string): FieldSpec => fs.find((f) => f.key === key)!;

const typed = (fields: Record<string, string>, f: FieldSpec) => (fields[f.key] ?? "").trim();

/** A typed number: blank is `undefined`, bad text a problem. */
export function numberField(fields: Record<string, string>, f: FieldSpec, problems: Problem[], check: (n: number) => string | null = () => null): number | undefined {
  const text = typed(fields, f);
  if (text === "") {
    if (f.required) problems.push({ source: ASSUMPTIONS, row: 0, column: f.label, value: "", message: `is empty: ${f.help}` });
    return undefined;
  }
  const n = parseNumberText(text.replace(/_/g, ""));
  const why = n === undefined || !Number.isFinite(n) ? `is not a number: ${f.help}` : (tooLargeMessage(n) ?? tooSmallMessage(n) ?? check(n));
  if (why) {
    problems.push({ source: ASSUMPTIONS, row: 0, column: f.label, value: text, message: why });
    return undefined;
  }
  return n;
}

export function dateField(fields: Record<string, string>, f: FieldSpec, problems: Problem[]): number | undefined {
  const text = typed(fields, f);
  if (text === "") {
    if (f.required) problems.push({ source: ASSUMPTIONS, row: 0, column: f.label, value: "", message: `is empty: ${f.help}` });
    return undefined;
  }
  const v = parseDateFlag(text);
  if (v instanceof CellError) {
    problems.push({ source: ASSUMPTIONS, row: 0, column: f.label, value: text, message: v.message });
    return undefined;
  }
  return v;
}

/** A share 0..1: "0.19" or "19%"; blank is `undefined`, anything else a problem. */
export function rateField(fields: Record<string, string>, f: FieldSpec, problems: Problem[]): number | undefined {
  const text = typed(fields, f);
  if (text === "") return undefined;
  const percent = text.endsWith("%");
  const n = parseNumberText(percent ? text.slice(0, -1).trim() : text);
  const r = n === undefined ? undefined : percent ? n / 100 : n;
  if (r === undefined || !(r >= 0 && r <= 1)) {
    problems.push({ source: ASSUMPTIONS, row: 0, column: f.label, value: text, message: `is not a share between 0 and 1: type it as 0.19 or 19% (${f.help})` });
    return undefined;
  }
  return r;
}

/** A word from a short list (yes/no, …): blank is `undefined`, another word a problem. */
export function choiceField<V extends string>(fields: Record<string, string>, f: FieldSpec, choices: readonly V[], problems: Problem[]): V | undefined {
  const text = typed(fields, f).toLowerCase();
  if (text === "") return undefined;
  const hit = choices.find((c) => c === text);
  if (!hit) problems.push({ source: ASSUMPTIONS, row: 0, column: f.label, value: typed(fields, f), message: `is not one of ${choices.join(", ")}: ${f.help}` });
  return hit;
}

export const notNegative = (n: number) => (n < 0 ? "cannot be negative: type 0 or more, without a minus sign" : null);

/** Runs each parser so one build lists the problems of every table, not just the first. */
export function collect<T>(problems: Problem[], job: () => T): T | undefined {
  try {
    return job();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push(...e.problems);
    return undefined;
  }
}

/** A table's name as a sheet's meta line says it: a file's name without its folder. */
export const displayName = (t: RawTable): string => t.source.replace(/^.*[\\/]/, "");

export const has = (re: RegExp, not?: RegExp) => (name: string) => re.test(name) && !(not && not.test(name));

/** What every reader of an export takes from a build request: the mapping step's (or the log flags') choices, the input's own where it has a step. */
export function logOptions(req: BuildRequest, input?: string): LogOptions {
  const own = (input && req.perInput?.[input]) || req;
  return { mapping: own.mapping, provider: own.provider, lateCancelHours: req.lateCancelHours, visitType: own.visitType, dateOrder: own.dateOrder, fees: req.fees };
}
