/**
 * What a sheet is, declared once (the registry lists one per sheet): its input tables, its
 * assumptions, how tables and assumptions become a plan, the CLI command and summary, and the
 * demo run. The pane's builders, the `clinpay` commands, `clinpay demo` and the sheet marks are
 * all made from these, so a new sheet is one definition and one registry line. Pure: no Office,
 * no DOM, no file system — the edges read the tables and hand them in.
 */
import type { Problem, RawTable } from "../core/inputs/types";
import type { FeeSchedule } from "../core/fee-schedule";
import type { ExportMapping } from "../core/exports/mapping";
import { CellError, InputError, parseDateValue, parseNumberText, tooLargeMessage } from "../core/table";
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
  /** The sample table "Insert sample data" adds for this input. */
  sample?: string;
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
  /** The CLI's summary of the key figures. */
  summary: string;
}

export interface SheetDefinition {
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
  /** Parse and plan. Throws InputError listing every problem in every table and field. */
  plan(req: BuildRequest): BuildResult;
  /** `clinpay demo`: the workbook it writes, a heading for its summary, and the samples it builds from. */
  demo: { file: string; heading: string; tables: Record<string, string>; fields: Record<string, string> };
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
  const v = parseDateValue(text);
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
