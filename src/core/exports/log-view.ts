/**
 * How an export will be read, without reading it into figures (SPEC §2: `clinpay inspect` and the
 * pane's Match-your-export step): the header row and the rows left out above it, furniture by
 * kind, each ClinPay column's header and how it was recognised, the date order, the providers with
 * their row counts and every word ClinPay does not know, with its count. The same preparation as
 * the readers (prepareLog, prepareReport), so what this shows is what a build reads.
 */
import type { RawTable } from "../inputs/types";
import { readRows, text, type Schema } from "../table";
import { CAUSE_CHOICES, STATUS_CHOICES, vocabKey, CAUSE_INDEX } from "./vocab";
import type { ExportMapping, MappedValue } from "./mapping";
import type { How } from "./recognise";
import type { DateOrderChoice } from "./date-order";
import { readingNotes, type PreparedExport } from "./prepare";
import type { FurnitureCounts } from "./furniture";
import { lookupsOf, prepareLog } from "../inputs/appointments";
import { WordReader } from "../inputs/appointment-words";
import { ProviderTally, type ProviderCount } from "../inputs/providers";
import { PRODUCTION_COLUMNS, isAppointmentLog, prepareReport } from "../inputs/production";
import type { DateOrder } from "../date-cells";

export interface LogColumnView {
  /** ClinPay's name, as a mapping line writes it: "date", "cause_type". */
  column: string;
  /** The export's header read as this column (as the table spells it), or null. */
  header: string | null;
  /** How it was recognised: a map line, its name, an alias, a contained alias, its values, a provider word. */
  how: How | null;
  required: boolean;
}

export interface UnknownValueView {
  what: MappedValue;
  value: string;
  count: number;
  choices: readonly string[];
}

export interface LogMappingView {
  kind: "log" | "report";
  /** The table's headers (from the header row found), for the column dropdowns. */
  headers: string[];
  /** The header's row in the file, and the non-empty rows above it left out. */
  headerRow: number;
  rowsAbove: number;
  columns: LogColumnView[];
  /** Status and cause words ClinPay does not know: each needs a map line. */
  unknown: UnknownValueView[];
  /** Visit types with no modality word: read as blank (modifiers and place of service then decide). */
  unknownModality: { value: string; count: number }[];
  providers: ProviderCount[];
  dateOrder: Pick<DateOrderChoice, "order" | "why" | "note"> | null;
  furniture: FurnitureCounts;
  /** How the file is read, as the notes of a build say it. */
  notes: string[];
  /** Problems found before any row is read (two headers for one column, dates in both orders). */
  blocking: string[];
}

export interface ViewOptions {
  mapping?: ExportMapping;
  dateOrder?: DateOrder;
}

function textSchema(schema: Schema): Schema {
  const asText: Schema = {};
  for (const [key, col] of Object.entries(schema)) asText[key] = text(col.name, { default: "", aliases: col.aliases });
  return asText;
}

function baseView(kind: LogMappingView["kind"], p: PreparedExport, schema: Schema, headers: Record<string, string | undefined>, furniture: FurnitureCounts, drop: (key: string) => boolean) {
  const columns: LogColumnView[] = Object.entries(schema)
    .filter(([key]) => !drop(key))
    .map(([key, col]) => {
      const read = p.recognised.columns[key];
      return { column: col.name, header: read ? read.header : (headers[key] ?? null), how: read ? read.how : null, required: col.required };
    });
  return {
    kind,
    headers: p.table.headers.map((h) => String(h ?? "").trim()).filter((h) => h !== ""),
    headerRow: p.table.headerRow ?? 1,
    rowsAbove: p.rowsAbove,
    columns,
    dateOrder: p.dateOrder && { order: p.dateOrder.order, why: p.dateOrder.why, note: p.dateOrder.note },
    furniture,
    notes: readingNotes(p, furniture),
    blocking: p.problems.map((x) => `${x.column ? `column ${x.column}: ` : ""}${x.value ? `"${x.value}" — ` : ""}${x.message}`),
  };
}

export function viewLogForMapping(input: RawTable, opts: ViewOptions = {}): LogMappingView {
  const lookups = lookupsOf(opts.mapping);
  const { flags, schema, prepared } = prepareLog(input, opts, lookups);
  const words = new WordReader(lookups, prepared.table.source);
  const providers = new ProviderTally();
  const read = readRows(prepared.table, textSchema(schema), {
    rowNoun: "booked appointment",
    columns: prepared.columns,
    furniture: prepared.furniture,
    hints: prepared.recognised.hints,
    onRow: (r) => {
      const status = String(r.status ?? "");
      if (status !== "" && !flags) words.status(status, r.row);
      const cause = String(r.causeType ?? "");
      if (cause !== "") words.cause(cause, r.row);
      const type = String(r.visitType ?? "");
      if (type !== "") words.modality(type);
      providers.add(String(r.provider ?? ""));
    },
  });
  const drop = (key: string) => (flags && key === "status") || (!flags && (key === "kept" || key === "noShow" || key === "canceled"));
  const unknown: UnknownValueView[] = words.unknown
    .values()
    .map(({ what, value, count }) => ({ what: what as MappedValue, value, count, choices: what === "status" ? STATUS_CHOICES : CAUSE_CHOICES }));
  return {
    ...baseView("log", prepared, schema, read.headers, read.furniture, drop),
    unknown,
    unknownModality: [...words.unknownModality.values()].sort((a, b) => b.count - a.count),
    providers: providers.providers(),
  };
}

/** The view of a wRVU production report: its columns and providers (a report has no status, cause or modality words to map). */
export function viewReportForMapping(input: RawTable, opts: ViewOptions = {}): LogMappingView {
  const prepared = prepareReport(input, opts);
  const providers = new ProviderTally();
  const read = readRows(prepared.table, textSchema(PRODUCTION_COLUMNS), {
    rowNoun: "charge line",
    columns: prepared.columns,
    furniture: prepared.furniture,
    hints: prepared.recognised.hints,
    onRow: (r) => providers.add(String(r.provider ?? "")),
  });
  return { ...baseView("report", prepared, PRODUCTION_COLUMNS, read.headers, read.furniture, () => false), unknown: [], unknownModality: [], providers: providers.providers() };
}

/** What the mapping step shows for a table: a log's view, or a report's when it has no status. */
export function viewForMapping(input: RawTable, opts: ViewOptions = {}): LogMappingView {
  return isAppointmentLog(input, opts.mapping) ? viewLogForMapping(input, opts) : viewReportForMapping(input, opts);
}

/** Whether a cause word is known (for the pane's choices). */
export const knownCause = (value: string): boolean => CAUSE_INDEX.has(vocabKey(value));
