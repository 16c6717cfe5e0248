/**
 * Before any row of an export is read (SPEC §2 "Reading real exports, more"): the header row is
 * found, each ClinPay column is given its header (by the mapping, an alias, a contained alias,
 * its values or a provider word), the date column's order is decided from its values, and the
 * furniture detector is set up with that header and that order. The readers (appointment log,
 * production report, time log, the mapping view and `clinpay inspect`) all start here, so what
 * inspect shows is what a build reads.
 */
import type { Problem, RawTable, RawValue } from "../inputs/types";
import type { Column } from "../columns";
import { CellError, cellText, headerKey } from "../cells";
import { ISO_LIKE_DATE, SLASH_DATE, isMonthNameDate, parseDateValue, type DateOrder, type OrderAdvice } from "../date-cells";
import { MappingLookup, type ExportMapping } from "./mapping";
import { locateHeader } from "./header-row";
import { mergeNumberedColumns } from "./numbered";
import { recogniseColumns, type ColumnRead, type ColumnSpec, type Recognised, type ValueTests } from "./recognise";
import { DateOrderTally, chooseDateOrder, type DateOrderChoice } from "./date-order";
import { FurnitureDetector, furnitureList, type FurnitureCounts } from "./furniture";
import { splitCodes, CODE_SHAPE } from "./codes";

export interface PrepareOptions {
  mapping?: ExportMapping;
  /** `--date-order` / the pane's Date order field: overrides what the column says. */
  dateOrder?: DateOrder;
  /** The date order given binds only a column whose own dates do not decide (one flag for two files). */
  dateOrderWhereUndecided?: boolean;
  /** How messages name the date order's setting. */
  orderAdvice?: OrderAdvice;
  /** How status and modality values are recognised (the appointment log's words). */
  tests?: ValueTests;
  /** The mapping's `column` lines when the caller keeps them (to warn of the unused ones). */
  columnLookup?: MappingLookup;
}

export interface PreparedExport {
  /** The table from its header row down. */
  table: RawTable;
  /** Schema key → the table column it is read from. */
  columns: Record<string, number>;
  recognised: Recognised;
  rowsAbove: number;
  dateOrder: DateOrderChoice | null;
  furniture: FurnitureDetector;
  /** Problems found before any row was read: two headers for one column, dates of both orders. */
  problems: Problem[];
  /** The mapping's `column` lines, remembering which were used. */
  columnLookup: MappingLookup;
}

/** A column spec from a schema column, with what only the reader knows (values, exclusions). */
export function specOf(key: string, col: Column<unknown>, more: Partial<ColumnSpec> = {}): ColumnSpec {
  return { key, name: col.name, aliases: col.aliases ?? [], ...more };
}

/** A date as exports write one: a date cell, ISO, slash/dot (either order) or a named month; never a bare number. */
export function looksLikeDate(text: string, raw: RawValue): boolean {
  if (raw instanceof Date) return !isNaN(raw.getTime());
  if (typeof raw !== "string") return false;
  if (isMonthNameDate(text)) return true;
  if (!ISO_LIKE_DATE.test(text) && !SLASH_DATE.test(text)) return false;
  return !(parseDateValue(text, "mdy") instanceof CellError) || !(parseDateValue(text, "dmy") instanceof CellError);
}

/** Billing codes: every code in the cell CPT/HCPCS-shaped (`99214`, `99214-95`, `99214, G2211`). */
export function looksLikeCode(text: string): boolean {
  const codes = splitCodes(text);
  return codes.length > 0 && codes.every((c) => CODE_SHAPE.test(c.code));
}

export function prepareExport(input: RawTable, specs: readonly ColumnSpec[], opts: PrepareOptions = {}): PreparedExport {
  const columnLookup = opts.columnLookup ?? new MappingLookup(opts.mapping, "column");
  const names = new Set<string>();
  for (const s of specs) for (const a of [s.name, ...s.aliases]) names.add(headerKey(a));
  const mapped = new Set((opts.mapping?.lines ?? []).filter((l) => l.what === "column").map((l) => headerKey(l.from)));
  const located = locateHeader(input, (h) => names.has(headerKey(h)) || mapped.has(headerKey(h)));
  const rowsAbove = located.rowsAbove;
  const { table, notes: merged, problems: numbered } = mergeNumberedColumns(located.table, mapped);
  const tests: ValueTests = { date: looksLikeDate, code: (text) => looksLikeCode(text), ...opts.tests };
  const recognised = recogniseColumns(table, specs, columnLookup, tests);
  recognised.notes.push(...merged);
  const columns: Record<string, number> = {};
  for (const [key, read] of Object.entries(recognised.columns) as [string, ColumnRead][]) columns[key] = read.index;
  const problems = [...numbered, ...recognised.problems];

  const dateIndex = columns.date ?? -1;
  let dateOrder: DateOrderChoice | null = null;
  if (dateIndex >= 0) {
    const tally = new DateOrderTally();
    const first = (table.headerRow ?? 1) + 1;
    table.rows.forEach((r, i) => {
      const v = r?.[dateIndex];
      if (typeof v === "string") tally.add(v, first + i);
    });
    dateOrder = chooseDateOrder(tally.survey, {
      given: opts.dateOrder,
      givenWhereUndecided: opts.dateOrderWhereUndecided,
      advice: opts.orderAdvice,
      decimalCommaFile: table.delimiter !== undefined && table.delimiter !== "," && !!table.decimalCommaSeen,
      source: table.source,
      header: cellText(table.headers[dateIndex]).trim(),
    });
    if (dateOrder.problem) problems.push(dateOrder.problem);
  }
  const order = dateOrder?.order ?? opts.dateOrder ?? "mdy";
  const furniture = new FurnitureDetector(table.headers.map((h) => cellText(h)), dateIndex, (v) => !(parseDateValue(v, order) instanceof CellError));
  return { table, columns, recognised, rowsAbove, dateOrder, furniture, problems, columnLookup };
}

/** The notes for how the export was read: the header row, columns read other than by name, date order, furniture. */
export function readingNotes(p: PreparedExport, furniture: FurnitureCounts): string[] {
  const out: string[] = [];
  if (p.rowsAbove > 0) out.push(`The header is row ${p.table.headerRow ?? 1}: ${p.rowsAbove} ${p.rowsAbove === 1 ? "row" : "rows"} above it (titles, filters, run dates) left out.`);
  out.push(...p.recognised.notes.map((n) => n.charAt(0).toUpperCase() + n.slice(1)));
  if (p.dateOrder?.note) out.push(p.dateOrder.note);
  const left = furnitureList(furniture);
  if (left) out.push(`Report furniture left out, not counted or summed: ${left}.`);
  return out;
}
