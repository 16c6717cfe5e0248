/**
 * wRVU production reports (SPEC §3 "Target Tracker, more"): date, code, units, wrvu, one row per
 * charge line, as an EHR's wRVU report (Epic: "Original Service Date", "CPT", "CPT Modifier 1",
 * "Provider - Performing Units", "Adj Work RVU") or an RVU-tracker app ("Date", "CPT Code",
 * "wRVU", "Quantity") exports it. Voids are lines with negative wRVUs (or units) and are summed
 * as they are. An appointment log gives the same rows: its completed visits.
 */
import type { Appointment, Problem, ProductionRow, RawTable } from "./types";
import { custom, date, headerKey, headersFound, number, readRows, text, throwIfProblems } from "../table";
import { APPOINTMENT_ALIASES, NOT_ENCOUNTER_WORDS, NOT_MODIFIER_WORDS, NOT_VISIT_DATE_WORDS, STATUS_INDEX, vocabKey } from "../exports/vocab";
import { unusedLineWarnings, type ExportMapping } from "../exports/mapping";
import { prepareExport, readingNotes, specOf, type PreparedExport } from "../exports/prepare";
import { ProviderTally, chooseProvider, type ProviderCount } from "./providers";
import { dateBounds, dateSpanProblems } from "./date-span";
import { cellCodes, encounterColumn, lookupsOf, prepareLog, readAppointmentLog, type LogOptions } from "./appointments";
import { describeInference } from "../exports/inferred";
import type { DateOrder, OrderAdvice } from "../date-cells";
import type { DateOrderChoice } from "../exports/date-order";
import type { FeeSchedule } from "../fee-schedule";
import { summedWrvu } from "../wrvu";
import { codeCell } from "../exports/codes";

export interface ProductionOptions {
  mapping?: ExportMapping;
  /** A provider's name (matched ignoring case), or "all"; needed when the report has several. */
  provider?: string;
  /** One --provider serves two files (the Pay Audit): it binds only a file naming several providers. */
  providerShared?: boolean;
  /** One --date-order serves two files (the Pay Audit): it binds only a date column its own dates do not decide. */
  dateOrderShared?: boolean;
  /** How messages name the date order's setting (the Pay Audit's --mine-date-order). */
  orderAdvice?: OrderAdvice;
  dateOrder?: DateOrder;
  /** The CMS fee schedule: a line of several codes gets the sum of their wRVUs. */
  fees?: FeeSchedule;
  /** The RVU year that sum is priced in (SPEC §3); absent = each line's own table year. */
  rvuYear?: number | null;
  /** Read the encounter id column too (the Pay Audit matches services by it). */
  encounter?: boolean;
}

/** What ClinPay inferred rather than read, said in the summary and the sheet. */
export interface ProductionInference {
  /** ClinPay column → the report header it was read from, where the two differ. */
  columnsRead: { column: string; header: string }[];
  /** Rows whose code cell carried modifiers (`99214-95`). */
  modifiersInCode: number;
  /** Lines whose code cell went on with a description ("99214 - Office visit est"). */
  describedCodes: number;
  /** Lines with negative wRVUs or units: voids and corrections, summed as they are. */
  voids: number;
  /** Of those, lines with negative units and a positive wRVU (read as taking it off), and the first. */
  unsignedVoids: { rows: number; first: { row: number; units: number; wrvu: number } } | null;
  /** Lines whose code cell held several codes, and codes of those the CMS table lacks. */
  severalCodes: number;
  unpricedAddOns: string[];
  /** How the report was read: header row, recognised columns, date order, furniture (sentences). */
  reading: string[];
  /** The provider chosen of several ("all" when combined), and how many there were. */
  provider: { chosen: string; of: number } | null;
}

export interface ProductionReport {
  rows: ProductionRow[];
  inferred: ProductionInference;
  warnings: string[];
  providers: ProviderCount[];
  /** How the date column's order was decided (the Pay Audit questions a default that matches little). */
  dateOrder: DateOrderChoice | null;
}

const A = APPOINTMENT_ALIASES;


export const PRODUCTION_COLUMNS = {
  date: date<number>("date", { aliases: A.date, hint: "if this line is a total, subtotal or another line of the report, delete it; if it is a service, type its date as YYYY-MM-DD, e.g. 2026-01-31" }),
  code: custom<string, string>("code", codeCell, { default: "", aliases: A.code, hint: "" }),
  modifier: text("modifier", { default: "", aliases: A.modifier }),
  // Signed: a void reverses its charge with negative units or wRVUs.
  units: number("units", { default: 1, aliases: A.units, example: "1" }),
  wrvu: number<null>("wrvu", { default: null, aliases: A.wrvu, example: "1.92" }),
  provider: text("provider", { default: "", aliases: A.provider }),
};

type Columns = typeof PRODUCTION_COLUMNS & { encounter?: ReturnType<typeof encounterColumn> };

/** The report's columns, with the encounter id when asked for. */
const reportSchema = (opts: ProductionOptions): Columns => (opts.encounter ? { ...PRODUCTION_COLUMNS, encounter: encounterColumn() } : PRODUCTION_COLUMNS);

/** A report's columns decided (header row, aliases, values), as for a log. */
export function prepareReport(input: RawTable, opts: ProductionOptions): PreparedExport {
  const more: Record<string, object> = {
    date: { byValues: "date", notWith: NOT_VISIT_DATE_WORDS },
    code: { byValues: "code", containedNeedsValues: true },
    modifier: { notWith: NOT_MODIFIER_WORDS },
    provider: { provider: true },
    encounter: { notWith: NOT_ENCOUNTER_WORDS },
  };
  const specs = Object.entries(reportSchema(opts)).map(([key, col]) => specOf(key, col, more[key]));
  return prepareExport(input, specs, { mapping: opts.mapping, dateOrder: opts.dateOrder, dateOrderWhereUndecided: opts.dateOrderShared, orderAdvice: opts.orderAdvice });
}

/** Reads and checks a production report. Throws InputError listing every problem. */
export function readProductionReport(input: RawTable, opts: ProductionOptions = {}): ProductionReport {
  const prepared = prepareReport(input, opts);
  throwIfProblems(prepared.problems);
  const t = prepared.table;
  const rowNoun = "charge line";
  const schema = reportSchema(opts);
  const base = { rowNoun, columns: prepared.columns, furniture: prepared.furniture, dateOrder: prepared.dateOrder?.order, hints: prepared.recognised.hints, orderAdvice: opts.orderAdvice };
  // The provider choice is made from the whole report before any row is kept. This pass's cell
  // problems are the main pass's too (the same column), so only the main pass's are said.
  const tally = new ProviderTally();
  readRows(t, { provider: schema.provider }, { ...base, onRow: (r) => tally.add(r.provider) });
  const problems: Problem[] = [];
  const picked = chooseProvider(tally.providers(), opts.provider, t.source, problems, opts.providerShared);

  const rows: ProductionRow[] = [];
  const inferred: ProductionInference = { columnsRead: [], modifiersInCode: 0, describedCodes: 0, voids: 0, unsignedVoids: null, severalCodes: 0, unpricedAddOns: [], reading: [], provider: null };
  if (picked.chosen !== null) inferred.provider = { chosen: picked.chosen, of: picked.providers.length };
  const unpriced = new Set<string>();
  const read = readRows(t, schema, {
    ...base,
    release: t.transient,
    onRow: (r) => {
      if (!r.ok || !picked.keep(r.provider)) return;
      const { key, modifiers, addOns, inCode, described } = cellCodes(r.code, r.modifier);
      if (inCode) inferred.modifiersInCode++;
      if (described) inferred.describedCodes++;
      if ((r.wrvu ?? 0) < 0 || r.units < 0) inferred.voids++;
      // A void may print its wRVU unsigned, the minus on its units alone (an Epic Detail Type 10
      // line): summed as printed it would add what it takes off.
      const unsigned = r.units < 0 && (r.wrvu ?? 0) > 0;
      if (unsigned) inferred.unsignedVoids = { rows: (inferred.unsignedVoids?.rows ?? 0) + 1, first: inferred.unsignedVoids?.first ?? { row: r.row, units: r.units, wrvu: r.wrvu! } };
      let wrvu = unsigned ? -r.wrvu! : r.wrvu;
      let summed = false;
      if (addOns.length > 0) {
        inferred.severalCodes++;
        if (wrvu === null && opts.fees) {
          wrvu = summedWrvu([key!, ...addOns], r.units, opts.fees, unpriced, r.date, opts.rvuYear);
          summed = true;
        }
      }
      rows.push({
        row: r.row, date: r.date, code: key, modifiers: modifiers.join(" "), units: r.units, wrvu, provider: r.provider,
        ...(addOns.length > 0 ? { addOns } : {}),
        ...(summed ? { summed } : {}),
        ...(opts.encounter ? { encounter: r.encounter ?? "" } : {}),
        ...(unsigned ? { printed: r.wrvu! } : {}),
      });
    },
  });
  if (read.present.has("date") && !read.present.has("code") && !read.present.has("wrvu")) {
    problems.push({
      source: t.source, row: t.headerRow ?? 1, column: "wrvu", value: "",
      message: `a production report needs a wrvu column (or a code column to look wRVUs up); the columns found are: ${headersFound(t).join(", ")}. If one holds the work RVUs or the billing codes (CPT/HCPCS), say which with a line column,<its header>,wrvu or column,<its header>,code in a --map file (the pane: Match your export)`,
    });
  }
  problems.push(...read.problems, ...dateSpanProblems(rows, t.source, read.headers.date ?? "date"));
  throwIfProblems(problems.sort((a, b) => a.row - b.row));
  inferred.columnsRead = columnsRead(schema, read.headers);
  inferred.reading = readingNotes(prepared, read.furniture);
  inferred.unpricedAddOns = [...unpriced];
  const warnings = opts.mapping ? unusedLineWarnings(opts.mapping.source || "the mapping", prepared.columnLookup.unused()) : [];
  if (picked.warning) warnings.push(picked.warning);
  return { rows, inferred, warnings, providers: picked.providers, dateOrder: prepared.dateOrder };
}


function columnsRead(schema: Columns, headers: Partial<Record<keyof Columns, string>>): ProductionInference["columnsRead"] {
  const out: ProductionInference["columnsRead"] = [];
  for (const [key, header] of Object.entries(headers) as [keyof Columns, string][]) {
    const col = schema[key];
    if (col && headerKey(header) !== headerKey(col.name)) out.push({ column: col.name, header });
  }
  return out;
}

/** A log's production: its completed visits, each with the wRVU the log or its code gives. */
export function completedProduction(appointments: readonly Appointment[]): ProductionRow[] {
  const out: ProductionRow[] = [];
  for (const a of appointments) {
    if (a.status !== "completed") continue;
    out.push({
      row: a.row, date: a.date, code: a.code, modifiers: a.modifiers ?? "", units: a.units ?? 1, wrvu: a.wrvu, provider: a.provider ?? "",
      ...(a.addOns ? { addOns: a.addOns } : {}),
      ...(a.summed ? { summed: true } : {}),
      ...(a.encounter !== undefined ? { encounter: a.encounter } : {}),
    });
  }
  return out;
}

/** Whether a table is an appointment log (a status column, by name or by its values, or kept / no show / canceled flags) rather than a wRVU report. */
export function isAppointmentLog(input: RawTable, mapping?: ExportMapping): boolean {
  const { flags, prepared } = prepareLog(input, { mapping }, lookupsOf(mapping));
  return flags || prepared.columns.status !== undefined;
}

/** Statuses that mean the booked visit produced nothing: a report holding them is a log. */
const NOTHING_PRODUCED = new Set(["no_show", "late_cancel", "cancelled"]);

/**
 * A column no role claimed whose values include no-shows or cancels ("N/S", "Cxl" beside "Chk
 * Out"): the table is an appointment log whose status column was not recognised. Read as a report,
 * every row would count as production, the no-shows among them: refused, naming the column.
 */
function unreadStatusColumns(input: RawTable, mapping?: ExportMapping): Problem[] {
  const { prepared } = prepareLog(input, { mapping }, lookupsOf(mapping));
  const claimed = new Set(Object.values(prepared.columns));
  const { table } = prepared;
  const problems: Problem[] = [];
  table.headers.forEach((header, c) => {
    if (claimed.has(c)) return;
    const found = new Map<string, number>();
    for (const row of table.rows) {
      const v = row[c];
      if (typeof v !== "string" || v.trim() === "") continue;
      const word = STATUS_INDEX.get(vocabKey(v));
      if (word && NOTHING_PRODUCED.has(word)) found.set(v.trim(), (found.get(v.trim()) ?? 0) + 1);
    }
    if (found.size === 0) return;
    const shown = [...found].slice(0, 4).map(([v, n]) => `"${v}" ×${n}`).join(", ");
    problems.push({
      source: input.source,
      row: 0,
      column: header,
      value: "",
      message: `holds appointment statuses (${shown}), so this looks like an appointment log, not a wRVU report: read as a report, its no-shows and cancels would count as production. Say which column is the status with a line column,${header},status in a --map file or the pane's mapping step (then map the statuses ClinPay does not know), and give it as --appointments`,
    });
  });
  return problems;
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

/**
 * A log none of whose completed visits has a wRVU or a billing code would sum to a YTD of 0 that
 * no one produced (a UK practice's log, a telehealth platform's): refused, naming what would count.
 */
function unpricedLogProblems(appointments: readonly Appointment[], t: RawTable): Problem[] {
  const completed = appointments.filter((a) => a.status === "completed");
  if (completed.length === 0 || completed.some((a) => a.wrvu !== null || a.code !== null)) return [];
  return [{
    source: t.source, row: t.headerRow ?? 1, column: "wrvu", value: "",
    message: `none of its ${completed.length.toLocaleString("en-US")} completed visits has a wRVU or a billing code, so it gives no YTD wRVUs (its sum would be 0): give a log with a code or wrvu column, a wRVU report (--production), or type YTD wRVUs (--ytd with --as-of)`,
  }];
}

/** Reads a table as a log or a report ("auto": a log when it has a status column or flags). */
export function readProductionTable(t: RawTable, from: "log" | "report" | "auto", opts: LogOptions = {}): ProductionRead {
  const looksLikeLog = from !== "log" && isAppointmentLog(t, opts.mapping);
  const kind = from === "log" || looksLikeLog ? "log" : "report";
  if (kind === "log") {
    const log = readAppointmentLog(t, opts);
    throwIfProblems(unpricedLogProblems(log.appointments, t));
    // Given as a report but holding statuses: summing every row would count no-shows and cancels.
    const said = from === "report" ? [`${t.source}: it has a status column, so it was read as an appointment log: only its completed visits count (give it as --appointments to say so)`] : [];
    return { rows: completedProduction(log.appointments), from: kind, last: dateBounds(log.appointments)?.last, inferred: describeInference(log.inferred), warnings: [...said, ...log.warnings], providers: log.providers };
  }
  throwIfProblems(unreadStatusColumns(t, opts.mapping));
  const report = readProductionReport(t, { mapping: opts.mapping, provider: opts.provider, dateOrder: opts.dateOrder, fees: opts.fees, rvuYear: opts.rvuYear, encounter: opts.encounter });
  return { rows: report.rows, from: kind, last: dateBounds(report.rows)?.last, inferred: [], warnings: report.warnings, report: report.inferred, providers: report.providers };
}
