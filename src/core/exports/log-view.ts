/**
 * What the pane's mapping step shows for an appointment log (SPEC §2, "Reading real exports"):
 * each ClinPay column and the export header read as it (from the aliases or the mapping), each
 * word ClinPay does not know once with its count and what it can mean, and the providers. The
 * same reading rules as readAppointmentLog, so what the step shows is what the build will read.
 */
import type { RawTable } from "../inputs/types";
import { cellText, readRows, text, type Schema } from "../table";
import { CAUSE_CHOICES, CAUSE_INDEX, MODALITY_CHOICES, MODALITY_INDEX, STATUS_CHOICES, STATUS_INDEX, vocabKey } from "./vocab";
import { MappingLookup, mapHeaders, type ExportMapping, type MappedValue } from "./mapping";
import { schemaFor, usesFlags, visitTypeIsModality } from "../inputs/appointments";
import { ProviderTally, type ProviderCount } from "../inputs/providers";
import { UnknownValues } from "../inputs/unknown-values";
import { PRODUCTION_COLUMNS, isAppointmentLog } from "../inputs/production";

export interface LogColumnView {
  /** ClinPay's name, as a mapping line writes it: "date", "cause_type". */
  column: string;
  /** The export's header read as this column (as the table spells it), or null. */
  header: string | null;
  required: boolean;
}

export interface UnknownValueView {
  what: MappedValue;
  value: string;
  count: number;
  choices: readonly string[];
}

export interface LogMappingView {
  /** The table's headers, for the column dropdowns. */
  headers: string[];
  columns: LogColumnView[];
  unknown: UnknownValueView[];
  providers: ProviderCount[];
  /** A Visit Type header of appointment types, which the build sets aside (modality then comes from modifiers and POS). */
  visitTypeSetAside: string | null;
}

const VALUE_COLUMNS: { key: "status" | "causeType" | "visitType"; what: MappedValue; index: Map<string, string>; choices: readonly string[] }[] = [
  { key: "status", what: "status", index: STATUS_INDEX, choices: STATUS_CHOICES },
  { key: "causeType", what: "cause_type", index: CAUSE_INDEX, choices: CAUSE_CHOICES },
  { key: "visitType", what: "visit_type", index: MODALITY_INDEX, choices: MODALITY_CHOICES },
];

/** The export's own spelling of a header that the mapping renamed (the dropdowns show the export's). */
function originalHeader(input: RawTable, mapped: RawTable, header: string | undefined): string | null {
  if (header === undefined) return null;
  const i = mapped.headers.findIndex((h) => cellText(h).trim() === header);
  return i >= 0 ? cellText(input.headers[i]).trim() : header;
}

export function viewLogForMapping(input: RawTable, mapping?: ExportMapping): LogMappingView {
  const t = mapHeaders(input, new MappingLookup(mapping, "column"));
  const flags = usesFlags(t);
  const schema = schemaFor(flags);
  // Every column as plain text: the view needs the words, not parsed values.
  const asText: Schema = {};
  for (const [key, col] of Object.entries(schema)) asText[key] = text(col.name, { default: "", aliases: col.aliases });
  const lookups = new Map(VALUE_COLUMNS.map((c) => [c.what, new MappingLookup(mapping, c.what)]));
  // Visit Type words are listed only if the column turns out to hold modalities (decided after the pass).
  const words = new UnknownValues(t.source);
  const visitWords = new UnknownValues(t.source);
  const visitTypes: string[] = [];
  const providers = new ProviderTally();
  const { headers } = readRows(t, asText, {
    rowNoun: "booked appointment",
    onRow: (r) => {
      for (const c of VALUE_COLUMNS) {
        const v = String(r[c.key] ?? "");
        if (v === "" || (flags && c.key === "status")) continue;
        if (lookups.get(c.what)!.get(v) !== undefined || c.index.has(vocabKey(v))) continue;
        (c.key === "visitType" ? visitWords : words).add(c.what, v, r.row, c.choices);
      }
      visitTypes.push(String(r.visitType ?? ""));
      providers.add(String(r.provider ?? ""));
    },
  });

  const original = (header: string | undefined) => originalHeader(input, t, header);
  const columns = Object.entries(schema)
    .filter(([key]) => !(flags && key === "status") && !(!flags && (key === "kept" || key === "noShow" || key === "canceled")))
    .map(([key, col]) => ({ column: col.name, header: original(headers[key]), required: col.required }));

  const setAside = headers.visitType !== undefined && !visitTypeIsModality(visitTypes, lookups.get("visit_type")!);
  const visitType = columns.find((c) => c.column === schema.visitType.name)!;
  const visitTypeSetAside = setAside ? visitType.header : null;
  if (setAside) visitType.header = null;
  const unknown: UnknownValueView[] = [...words.values(), ...(setAside ? [] : visitWords.values())]
    .map(({ what, value, count, choices }) => ({ what: what as MappedValue, value, count, choices }))
    .sort((a, b) => b.count - a.count);
  return { headers: input.headers.map((h) => cellText(h).trim()).filter((h) => h !== ""), columns, unknown, providers: providers.providers(), visitTypeSetAside };
}

/**
 * The mapping view of a wRVU production report: its columns and providers (a report has no status,
 * cause or modality words to map).
 */
export function viewReportForMapping(input: RawTable, mapping?: ExportMapping): LogMappingView {
  const t = mapHeaders(input, new MappingLookup(mapping, "column"));
  const asText: Schema = {};
  for (const [key, col] of Object.entries(PRODUCTION_COLUMNS)) asText[key] = text(col.name, { default: "", aliases: col.aliases });
  const providers = new ProviderTally();
  const { headers } = readRows(t, asText, { rowNoun: "charge line", onRow: (r) => providers.add(String(r.provider ?? "")) });
  const original = (header: string | undefined) => originalHeader(input, t, header);
  const columns = Object.entries(PRODUCTION_COLUMNS).map(([key, col]) => ({ column: col.name, header: original(headers[key]), required: col.required }));
  return { headers: input.headers.map((h) => cellText(h).trim()).filter((h) => h !== ""), columns, unknown: [], providers: providers.providers(), visitTypeSetAside: null };
}

/** What the mapping step shows for a table: a log's view, or a report's when it has no status. */
export function viewForMapping(input: RawTable, mapping?: ExportMapping): LogMappingView {
  return isAppointmentLog(input, mapping) ? viewLogForMapping(input, mapping) : viewReportForMapping(input, mapping);
}
