/**
 * The Pay Audit's two tables (SPEC §3), read by the readers every sheet uses (§2's aliases,
 * words, furniture, providers and maps) with the encounter id column asked for: `My record` is an
 * appointment log (its completed visits) or a wRVU report; `Their statement` is a wRVU report,
 * each line's credited wRVU required. Rows become the audit's services: the first code of a
 * cell is the one matched, its further codes only add to what it is worth.
 */
import type { Problem, ProductionRow, RawTable } from "./types";
import { completedProduction, isAppointmentLog, readProductionReport } from "./production";
import { readAppointmentLog, type LogOptions } from "./appointments";
import { describeInference, describeReport } from "../exports/inferred";
import { throwIfProblems } from "../table";
import type { AuditService } from "../pay-audit";
import { readAs, type DateOrderChoice } from "../exports/date-order";
import type { DateOrder } from "../date-cells";

/** A row of either table as the sheet copies it: the audit's service and the cells shown beside it. */
export interface AuditRow extends AuditService {
  modifiers: string;
  provider: string;
  /** The wRVU the file gives (their credited wRVU; on my record, its own, not used). */
  given: number | null;
}

export interface AuditTable {
  rows: AuditRow[];
  from: "log" | "report";
  /** What reading it inferred, as sentences. */
  inferred: string[];
  warnings: string[];
  /** How its date column's order was decided. */
  dateOrder: DateOrderChoice | null;
}

const n = (x: number) => x.toLocaleString("en-US");
const bare = (key: string) => key.split("-")[0];

function toAuditRow(r: ProductionRow, credited: boolean): AuditRow {
  const keys = r.code === null ? [] : [r.code, ...(r.addOns ?? [])];
  // A void on my record may carry its minus on the wRVU alone (Epic's Detail Type 10 lines).
  const units = !credited && (r.wrvu ?? 0) < 0 && r.units > 0 ? -r.units : r.units;
  return {
    row: r.row,
    date: r.date,
    codes: keys.map((k) => ({ key: k, code: bare(k) })),
    units,
    wrvu: credited ? r.wrvu : null,
    encounterId: r.encounter ?? "",
    modifiers: r.modifiers,
    provider: r.provider,
    given: r.printed ?? r.wrvu,
  };
}

const SEVERAL = "the first code is the service matched; each further code adds its CMS work RVU to what it is worth.";
const several = (rows: number) => `${n(rows)} ${rows === 1 ? "row" : "rows"} had several codes in one cell (like 99214, G2211): ${SEVERAL}`;

/** A log's completed visits or a report's lines, as read, with what reading them inferred. */
function readRecord(t: RawTable, opts: LogOptions): Omit<AuditTable, "rows"> & { rows: ProductionRow[] } {
  // No fee schedule: a cell of several codes keeps its codes, never a summed wRVU (the audit prices each).
  const o = { ...opts, fees: undefined, rvuYear: undefined, encounter: true };
  if (isAppointmentLog(t, opts.mapping)) {
    const log = readAppointmentLog(t, o);
    const inferred = describeInference({ ...log.inferred, severalCodes: 0 });
    if (log.inferred.severalCodes > 0) inferred.push(several(log.inferred.severalCodes));
    return { rows: completedProduction(log.appointments), from: "log", inferred, warnings: log.warnings, dateOrder: log.dateOrder };
  }
  const report = readProductionReport(t, o);
  return { rows: report.rows, from: "report", inferred: describeReport(report.inferred, { several: SEVERAL, voids: "were netted into the services they void." }), warnings: report.warnings, dateOrder: report.dateOrder };
}

/** My record: a log's completed visits or a report's lines, those without a code left out (and said). */
export function readMyRecord(t: RawTable, opts: LogOptions): AuditTable {
  const read = readRecord(t, opts);
  const coded = read.rows.filter((r) => r.code !== null);
  const uncoded = read.rows.length - coded.length;
  const inferred = [...read.inferred];
  const noun = read.from === "log" ? (uncoded === 1 ? "completed visit" : "completed visits") : uncoded === 1 ? "line" : "lines";
  if (uncoded > 0) inferred.push(`${n(uncoded)} ${noun} with no billing code left out: a service without a code cannot be priced or found on a statement.`);
  if (coded.length === 0) {
    throwIfProblems([{ source: t.source, row: t.headerRow ?? 1, column: "code", value: "", message: `has no ${read.from === "log" ? "completed visit" : "line"} with a billing code, so there is nothing to look for on their statement: give your record with a code (CPT/HCPCS) column` }]);
  }
  return { rows: coded.map((r) => toAuditRow(r, false)), from: read.from, inferred, warnings: read.warnings, dateOrder: read.dateOrder };
}

/** The rows of a column that lack a value, said once: how many and the first few. */
function missingWrvu(t: RawTable, rows: readonly ProductionRow[]): Problem[] {
  const blank = rows.filter((r) => r.wrvu === null);
  if (blank.length === 0) return [];
  if (blank.length === rows.length) {
    const headers = t.headers.filter((h) => String(h ?? "").trim() !== "").join(", ");
    return [{ source: t.source, row: t.headerRow ?? 1, column: "wrvu", value: "", message: `has no credited wRVU column, and the audit compares what they credited: map the column that holds it with a line column,<its header>,wrvu (the columns found are: ${headers})` }];
  }
  const first = blank.slice(0, 5).map((r) => r.row).join(", ");
  return [{ source: t.source, row: blank[0].row, column: "wrvu", value: "", message: `is blank on ${n(blank.length)} ${blank.length === 1 ? "line" : "lines"} (rows ${first}${blank.length > 5 ? "…" : ""}): type the wRVU they credited on each, 0 where they credited none` }];
}

/** Their statement: a wRVU report, every line with the wRVU they credited. */
export function readTheirStatement(t: RawTable, opts: LogOptions): AuditTable {
  const report = readProductionReport(t, { mapping: opts.mapping, provider: opts.provider, sharedFlags: opts.sharedFlags, dateOrder: opts.dateOrder, encounter: true });
  throwIfProblems(missingWrvu(t, report.rows));
  const inferred = describeReport(report.inferred, {
    several: "the line's wRVU is what they credited for all of them; the line is matched by its first code.",
    voids: "net into the lines they void (Void of row on the data sheet).",
  });
  return { rows: report.rows.map((r) => toAuditRow(r, true)), from: "report", inferred, warnings: report.warnings, dateOrder: report.dateOrder };
}

const GUESSED: ReadonlySet<DateOrderChoice["why"]> = new Set(["default", "decimal-comma", "row-order"]);
const WHY_WORDS: Partial<Record<DateOrderChoice["why"], string>> = { default: "ClinPay's default", "decimal-comma": "the usual order in a file with decimal commas", "row-order": "the order that keeps the rows in date order" };

/**
 * Services matched by date rest on each file's date order. When fewer than half of mine match and
 * a file's order was only guessed (every date could be read either way), the guess is the likely
 * cause — a day/month record read month-first matches nothing and calls every service missing —
 * so the audit stops and asks for the order instead of printing what would be owed.
 */
export function guessedDateProblems(audit: { byEncounter: boolean; matched: number; servicesMine: number }, tables: { source: string; read: AuditTable }[]): Problem[] {
  if (audit.byEncounter || audit.matched * 2 >= audit.servicesMine) return [];
  return tables.flatMap(({ source, read }) => {
    const d = read.dateOrder;
    if (!d || !GUESSED.has(d.why) || d.example === null) return [];
    const other: DateOrder = d.order === "mdy" ? "dmy" : "mdy";
    return [{
      source, row: d.exampleRow ?? 1, column: d.header, value: d.example,
      message: `could be read either way, and was read as ${readAs(d.example, d.order)}, ${WHY_WORDS[d.why]}; read so, only ${n(audit.matched)} of your ${n(audit.servicesMine)} services are on their statement by date and code. Say how this file's dates are written: --date-order ${other} if "${d.example}" is ${readAs(d.example, other)}, or --date-order ${d.order} if it is ${readAs(d.example, d.order)} (in the pane: this table's Date order)`,
    }];
  });
}
