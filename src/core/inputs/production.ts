/**
 * wRVU production reports (SPEC §3 "Target Tracker, more"): date, code, units, wrvu, one row per
 * charge line, as an EHR's wRVU report (Epic: "Original Service Date", "CPT", "CPT Modifier 1",
 * "Provider - Performing Units", "Adj Work RVU") or an RVU-tracker app ("Date", "CPT Code",
 * "wRVU", "Quantity") exports it. Voids are lines with negative wRVUs (or units) and are summed
 * as they are. An appointment log gives the same rows: its completed visits.
 */
import type { Appointment, Problem, ProductionRow, RawTable, RawValue } from "./types";
import { CellError, cellText, custom, date, headerKey, number, readRows, text, throwIfProblems } from "../table";
import { APPOINTMENT_ALIASES } from "../exports/vocab";
import { MappingLookup, mapHeaders, unusedLineWarnings, type ExportMapping } from "../exports/mapping";
import { feeKey, splitCode, splitModifiers } from "../exports/codes";
import { ProviderTally, chooseProvider, type ProviderCount } from "./providers";
import { dateBounds, dateSpanProblems } from "./date-span";
import { readAppointmentLog, usesFlags, type LogOptions } from "./appointments";
import { describeInference } from "../exports/inferred";

export interface ProductionOptions {
  mapping?: ExportMapping;
  /** A provider's name (matched ignoring case), or "all"; needed when the report has several. */
  provider?: string;
}

/** What ClinPay inferred rather than read, said in the summary and the sheet. */
export interface ProductionInference {
  /** ClinPay column → the report header it was read from, where the two differ. */
  columnsRead: { column: string; header: string }[];
  /** Rows whose code cell carried modifiers (`99214-95`). */
  modifiersInCode: number;
  /** Lines with negative wRVUs or units: voids and corrections, summed as they are. */
  voids: number;
  /** The provider chosen of several ("all" when combined), and how many there were. */
  provider: { chosen: string; of: number } | null;
}

export interface ProductionReport {
  rows: ProductionRow[];
  inferred: ProductionInference;
  warnings: string[];
  providers: ProviderCount[];
}

const A = APPOINTMENT_ALIASES;

function codeCell(v: RawValue): string | CellError {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v.trim();
  return new CellError("is not a billing code: type a CPT/HCPCS code such as 99214 or G2211, or leave it blank");
}

export const PRODUCTION_COLUMNS = {
  date: date<number>("date", { aliases: A.date, hint: "type the date of service, e.g. 2026-01-31 or 1/31/2026" }),
  code: custom<string, string>("code", codeCell, { default: "", aliases: A.code, hint: "" }),
  modifier: text("modifier", { default: "", aliases: A.modifier }),
  // Signed: a void reverses its charge with negative units or wRVUs.
  units: number("units", { default: 1, aliases: A.units, example: "1" }),
  wrvu: number<null>("wrvu", { default: null, aliases: A.wrvu, example: "1.92" }),
  provider: text("provider", { default: "", aliases: A.provider }),
};

type Columns = typeof PRODUCTION_COLUMNS;

/** Reads and checks a production report. Throws InputError listing every problem. */
export function readProductionReport(input: RawTable, opts: ProductionOptions = {}): ProductionReport {
  const columns = new MappingLookup(opts.mapping, "column");
  const t = mapHeaders(input, columns);
  const rowNoun = "charge line";
  const schema = PRODUCTION_COLUMNS;
  // The provider choice is made from the whole report before any row is kept. This pass's cell
  // problems are the main pass's too (the same column), so only the main pass's are said.
  const tally = new ProviderTally();
  readRows(t, { provider: schema.provider }, { rowNoun, onRow: (r) => tally.add(r.provider) });
  const problems: Problem[] = [];
  const picked = chooseProvider(tally.providers(), opts.provider, t.source, problems);

  const rows: ProductionRow[] = [];
  const inferred: ProductionInference = { columnsRead: [], modifiersInCode: 0, voids: 0, provider: null };
  if (picked.chosen !== null) inferred.provider = { chosen: picked.chosen, of: picked.providers.length };
  const read = readRows(t, schema, {
    rowNoun,
    release: t.transient,
    onRow: (r) => {
      if (!r.ok || !picked.keep(r.provider)) return;
      const cell = r.code === "" ? { code: "", modifiers: [] as string[] } : splitCode(r.code);
      const modifiers = r.modifier === "" ? cell.modifiers : [...cell.modifiers, ...splitModifiers(r.modifier)];
      if (cell.modifiers.length > 0) inferred.modifiersInCode++;
      if ((r.wrvu ?? 0) < 0 || r.units < 0) inferred.voids++;
      rows.push({ row: r.row, date: r.date, code: cell.code === "" ? null : feeKey(cell.code, modifiers), modifiers: modifiers.join(" "), units: r.units, wrvu: r.wrvu, provider: r.provider });
    },
  });
  if (read.present.has("date") && !read.present.has("code") && !read.present.has("wrvu")) {
    problems.push({
      source: t.source, row: t.headerRow ?? 1, column: "wrvu", value: "",
      message: `a production report needs a wrvu column (or a code column to look wRVUs up); the columns found are: ${t.headers.filter((h) => h.trim() !== "").join(", ")}`,
    });
  }
  problems.push(...read.problems, ...dateSpanProblems(rows, t.source, read.headers.date ?? "date"));
  throwIfProblems(problems.sort((a, b) => a.row - b.row));
  inferred.columnsRead = columnsRead(schema, read.headers);
  const warnings = opts.mapping ? unusedLineWarnings(opts.mapping.source || "the mapping", columns.unused()) : [];
  return { rows, inferred, warnings, providers: picked.providers };
}

function columnsRead(schema: Columns, headers: Partial<Record<keyof Columns, string>>): ProductionInference["columnsRead"] {
  const out: ProductionInference["columnsRead"] = [];
  for (const [key, header] of Object.entries(headers) as [keyof Columns, string][]) {
    if (headerKey(header) !== headerKey(schema[key].name)) out.push({ column: schema[key].name, header });
  }
  return out;
}

/** A log's production: its completed visits, each with the wRVU the log or its code gives. */
export function completedProduction(appointments: readonly Appointment[]): ProductionRow[] {
  const out: ProductionRow[] = [];
  for (const a of appointments) {
    if (a.status !== "completed") continue;
    out.push({ row: a.row, date: a.date, code: a.code, modifiers: a.modifiers ?? "", units: a.units ?? 1, wrvu: a.wrvu, provider: a.provider ?? "" });
  }
  return out;
}

/** Whether a table is an appointment log (a status column, or kept / no show / canceled flags) rather than a wRVU report. */
export function isAppointmentLog(input: RawTable, mapping?: ExportMapping): boolean {
  const t = mapHeaders(input, new MappingLookup(mapping, "column"));
  const keys = new Set(t.headers.map((h) => headerKey(cellText(h))));
  return ["status", ...APPOINTMENT_ALIASES.status].some((n) => keys.has(headerKey(n))) || usesFlags(t);
}

/** A log's completed visits or a report's lines, ready for the Target Tracker. */
export interface ProductionRead {
  rows: ProductionRow[];
  from: "log" | "report";
  /** The latest date of the table's rows (of every appointment, for a log): As of's default. */
  last: number | undefined;
  /** What reading it inferred, as sentences (a log's; a report's come with its figures). */
  inferred: string[];
  warnings: string[];
  report?: ProductionInference;
  providers: ProviderCount[];
}

/** Reads a table as a log or a report ("auto": a log when it has a status column or flags). */
export function readProductionTable(t: RawTable, from: "log" | "report" | "auto", opts: LogOptions = {}): ProductionRead {
  const looksLikeLog = from !== "log" && isAppointmentLog(t, opts.mapping);
  const kind = from === "log" || looksLikeLog ? "log" : "report";
  if (kind === "log") {
    const log = readAppointmentLog(t, opts);
    // Given as a report but holding statuses: summing every row would count no-shows and cancels.
    const said = from === "report" ? [`${t.source}: it has a status column, so it was read as an appointment log: only its completed visits count (give it as --appointments to say so)`] : [];
    return { rows: completedProduction(log.appointments), from: kind, last: dateBounds(log.appointments)?.last, inferred: describeInference(log.inferred), warnings: [...said, ...log.warnings], providers: log.providers };
  }
  const report = readProductionReport(t, { mapping: opts.mapping, provider: opts.provider });
  return { rows: report.rows, from: kind, last: dateBounds(report.rows)?.last, inferred: [], warnings: report.warnings, report: report.inferred, providers: report.providers };
}
