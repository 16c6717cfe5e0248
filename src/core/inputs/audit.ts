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
import { headersFound, throwIfProblems } from "../table";
import type { AuditService } from "../pay-audit";
import { ORDER_WORDS, readAs, type DateOrderChoice } from "../exports/date-order";
import type { DateOrder, OrderAdvice } from "../date-cells";

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

/** A statement whose lines carry no code cannot be matched to services, whatever its dates say. */
function noCodes(t: RawTable, rows: readonly ProductionRow[]): Problem[] {
  if (rows.length === 0 || rows.some((r) => r.code !== null)) return [];
  const headers = headersFound(t).join(", ");
  return [{ source: t.source, row: t.headerRow ?? 1, column: "code", value: "", message: `has no billing code column, and the audit matches their lines to your services by code: map the column that holds the CPT/HCPCS codes with a line column,<its header>,code (the columns found are: ${headers})` }];
}

/** The rows of a column that lack a value, said once: how many and the first few. */
function missingWrvu(t: RawTable, rows: readonly ProductionRow[]): Problem[] {
  const blank = rows.filter((r) => r.wrvu === null);
  if (blank.length === 0) return [];
  if (blank.length === rows.length) {
    const headers = headersFound(t).join(", ");
    return [{ source: t.source, row: t.headerRow ?? 1, column: "wrvu", value: "", message: `has no credited wRVU column, and the audit compares what they credited: map the column that holds it with a line column,<its header>,wrvu (the columns found are: ${headers})` }];
  }
  const first = blank.slice(0, 5).map((r) => r.row).join(", ");
  return [{ source: t.source, row: blank[0].row, column: "wrvu", value: "", message: `is blank on ${n(blank.length)} ${blank.length === 1 ? "line" : "lines"} (rows ${first}${blank.length > 5 ? "…" : ""}): type the wRVU they credited on each, 0 where they credited none` }];
}

/** Their statement: a wRVU report, every line with the wRVU they credited. */
export function readTheirStatement(t: RawTable, opts: LogOptions): AuditTable {
  const report = readProductionReport(t, { mapping: opts.mapping, provider: opts.provider, providerShared: opts.providerShared, dateOrderShared: opts.dateOrderShared, orderAdvice: opts.orderAdvice, dateOrder: opts.dateOrder, encounter: true });
  throwIfProblems([...noCodes(t, report.rows), ...missingWrvu(t, report.rows)]);
  const inferred = describeReport(report.inferred, {
    several: "the line's wRVU is what they credited for all of them; the line is matched by its first code.",
    voids: "net into the lines they void (Void of row on the data sheet).",
  });
  return { rows: report.rows.map((r) => toAuditRow(r, true)), from: "report", inferred, warnings: report.warnings, dateOrder: report.dateOrder };
}

const GUESSED: ReadonlySet<DateOrderChoice["why"]> = new Set(["default", "decimal-comma", "row-order"]);
const WHY_WORDS: Partial<Record<DateOrderChoice["why"], string>> = { default: "ClinPay's default", "decimal-comma": "the usual order in a file with decimal commas", "row-order": "the order that keeps the rows in date order" };

type AuditCounts = { byEncounter: boolean; matched: number; servicesMine: number };
/** A table as read, whether its date order came from the one shared --date-order, and how to give it its own. */
export interface DatedTable {
  source: string;
  read: AuditTable;
  shared: boolean;
  /** Its own flag ("--mine-date-order") and the pane's field for it. */
  advice: OrderAdvice;
}

const other = (o: DateOrder): DateOrder => (o === "mdy" ? "dmy" : "mdy");
const orderAdvice = (t: DatedTable, example: string) =>
  `${t.advice.flag} ${other(t.read.dateOrder!.order)} if "${example}" is ${readAs(example, other(t.read.dateOrder!.order))}, or ${t.advice.flag} ${t.read.dateOrder!.order} if it is ${readAs(example, t.read.dateOrder!.order)} (${t.advice.pane})`;

/**
 * Services matched by date rest on each file's date order, and an order that was not the file's
 * own is where an audit goes wrong unseen (a day/month record read month-first matches nothing
 * and "owes" every service). The audit stops, saying what settles it file by file:
 * - a guessed order (every date could be read either way) when fewer than half of mine match;
 * - one --date-order that a file's own dates overruled while it set the other file's — it cannot
 *   say which file it was meant for (a typo in one, or the other file's order?);
 * - one --date-order that set both files' when fewer than half match (they may differ).
 */
export function guessedDateProblems(audit: AuditCounts, tables: DatedTable[]): Problem[] {
  const matched = `only ${n(audit.matched)} of your ${n(audit.servicesMine)} services are on their statement by date and code`;
  const few = !audit.byEncounter && audit.matched * 2 < audit.servicesMine;
  const setByFlag = tables.filter((t) => t.shared && t.read.dateOrder?.why === "flag" && t.read.dateOrder.example !== null);
  const overruled = tables.filter((t) => t.shared && t.read.dateOrder?.flagOverruled);
  if (overruled.length > 0 && setByFlag.length > 0) return [flagForWhichFile(overruled[0], setByFlag[0])];
  if (!few) return [];
  const guessed = tables.flatMap((t) => guessedOrder(t, matched));
  return guessed.length > 0 ? guessed : setByFlag.length > 1 ? [flagSetBoth(setByFlag, matched)] : [];
}

function guessedOrder(t: DatedTable, matched: string): Problem[] {
  const d = t.read.dateOrder;
  if (!d || !GUESSED.has(d.why) || d.example === null) return [];
  return [{
    source: t.source, row: d.exampleRow ?? 1, column: d.header, value: d.example,
    message: `could be read either way, and was read as ${readAs(d.example, d.order)}, ${WHY_WORDS[d.why]}; read so, ${matched}. Say how this file's dates are written: ${orderAdvice(t, d.example)}`,
  }];
}

function flagForWhichFile(own: DatedTable, set: DatedTable): Problem {
  const d = own.read.dateOrder!;
  const o = d.flagOverruled!;
  const s = set.read.dateOrder!;
  return {
    source: own.source, row: o.row, column: d.header, value: o.value,
    message: `can only be ${ORDER_WORDS[d.order]} (${readAs(o.value, d.order)}), so --date-order ${o.given} was not used for this column, but it did set how ${set.source}'s dates are read ("${s.example}" as ${readAs(s.example!, s.order)}): one flag cannot say which file it is for. Give each file its own: if this date is a typo, type the date meant as YYYY-MM-DD and pass ${own.advice.flag} ${o.given}; for ${set.source}, ${orderAdvice(set, s.example!)}`,
  };
}

function flagSetBoth(tables: DatedTable[], matched: string): Problem {
  const [a, b] = tables;
  const d = a.read.dateOrder!;
  return {
    source: a.source, row: d.exampleRow ?? 1, column: d.header, value: d.example!,
    message: `and "${b.read.dateOrder!.example}" in ${b.source} could each be read either way, and the one --date-order read both as ${ORDER_WORDS[d.order]}; read so, ${matched}. If the two files write dates in different orders, give each its own: ${orderAdvice(a, d.example!)}; and for ${b.source}, ${orderAdvice(b, b.read.dateOrder!.example!)}`,
  };
}
