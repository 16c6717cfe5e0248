/**
 * From a RawTable to typed rows against a column schema: header matching, every cell parsed,
 * every bad cell collected (SPEC §2: nothing is built until the input is fixed).
 */
import type { Problem, RawTable, RawValue } from "./inputs/types";
import { EXCEL_CELL_TEXT, cellTextTooLong } from "./limits";
import { CellError, cellText, headerKey, isBlank } from "./cells";
import type { CellContext, Column } from "./columns";
import type { DateOrder, OrderAdvice } from "./date-cells";
import type { FurnitureCounts, FurnitureDetector } from "./exports/furniture";

export type Schema = Record<string, Column<unknown>>;

type ColumnValue<C> = C extends Column<infer T> ? T : never;

/** A parsed row: the schema's keys with their typed values, plus where the row is. */
export type Row<S extends Schema> = { [K in keyof S]: ColumnValue<S[K]> } & {
  /** The row as the user sees it in the file or sheet. */
  row: number;
  /** False when a cell in this row had a problem (its value is then the column's fallback). */
  ok: boolean;
};

export interface ReadResult<S extends Schema> {
  /** Every non-blank data row, in order, including ones with problems (ok = false). */
  rows: Row<S>[];
  problems: Problem[];
  /** The schema keys whose column the table has. */
  present: Set<keyof S>;
  /** The header each present column was read from, as the table spells it. */
  headers: Partial<Record<keyof S, string>>;
  /** Rows left out as report furniture (with ReadOptions.furniture), by kind. */
  furniture: FurnitureCounts;
}

const CACHE_LIMIT = 10000;

export interface ReadOptions<S extends Schema = Schema> {
  /** What one row is, for the empty-table message: "offer", "appointment". */
  rowNoun: string;
  /**
   * Each parsed row is handed here instead of collected (ReadResult.rows stays empty), so a
   * caller that turns rows into something smaller never holds a million of both.
   */
  onRow?: (row: Row<S>) => void;
  /** Drop each raw row from `t.rows` once parsed (a table read only for this; see RawTable.transient). */
  release?: boolean;
  /** The table column each schema key is read from, decided beforehand (src/core/exports/recognise.ts); absent keys are not in the table. */
  columns?: Partial<Record<string, number>>;
  /** Rows that are report furniture (page-break headers, totals, blank rows) are counted, not read. */
  furniture?: FurnitureDetector;
  /** How slash and dot dates are read (decided from the date column). */
  dateOrder?: DateOrder;
  /** Each data row's raw cells (furniture left out), before its cells are parsed. */
  onCells?: (cells: readonly RawValue[]) => void;
  /** How a date cell's message names the date order's setting (a file's own flag in the Pay Audit). */
  orderAdvice?: OrderAdvice;
  /** By column name: what to add when it is missing (a header whose values are partly that column's, and its map line). */
  hints?: Record<string, string>;
}

/** A formula never calculated, in a column ClinPay reads, once per cell (its value is unknown). */
function uncalculatedProblems(t: RawTable, index: number[], cols: Column<unknown>[], headerRow: number): Problem[] {
  if (!t.uncalculated) return [];
  const used = new Map<number, Column<unknown>>();
  index.forEach((i, j) => {
    if (i >= 0) used.set(i, cols[j]);
  });
  return t.uncalculated
    .filter((u) => used.has(u.col))
    .map((u) => ({
      source: t.source,
      row: headerRow + 1 + u.row,
      column: used.get(u.col)!.name,
      value: u.formula,
      message: "is a formula that was never calculated, so its value is unknown: open the file in Excel (or LibreOffice), let it calculate, save it, and run again",
    }));
}

/** The table's headers as a message lists them ("the columns found are: …"): blank ones left out. */
export const headersFound = (t: RawTable): string[] => t.headers.map((h) => cellText(h).trim()).filter((h) => h !== "");

/**
 * Which table column each schema column is read from (-1: absent), recording the header each was
 * read from; a missing required column and two headers of one spelling are problems.
 */
function columnIndex<S extends Schema>(t: RawTable, schema: S, keys: (keyof S & string)[], result: ReadResult<S>, opts: ReadOptions<S>): number[] {
  const { problems, present } = result;
  const source = t.source;
  const headerRow = t.headerRow ?? 1;
  const headerKeys = t.headers.map((h) => headerKey(cellText(h)));
  const decided = opts.columns;
  const index = keys.map((k) => {
    if (decided) {
      const i = decided[k] ?? -1;
      if (i >= 0) {
        present.add(k);
        result.headers[k] = cellText(t.headers[i]).trim();
      }
      return i;
    }
    const col = schema[k];
    // Spellings rank: the column's own name, then its aliases in order. Exports often carry
    // two (Provider Name and Provider ID): the best one is read; only two headers of the same
    // spelling are a problem.
    const rank = new Map<string, number>();
    [col.name, ...(col.aliases ?? [])].forEach((s, r) => {
      const k = headerKey(s);
      if (!rank.has(k)) rank.set(k, r);
    });
    let best = Infinity;
    headerKeys.forEach((hk) => {
      const r = hk === "" ? undefined : rank.get(hk);
      if (r !== undefined && r < best) best = r;
    });
    const hits: number[] = [];
    headerKeys.forEach((hk, i) => {
      if (hk !== "" && rank.get(hk) === best) hits.push(i);
    });
    if (hits.length > 1) {
      problems.push({
        source,
        row: headerRow,
        column: col.name,
        value: "",
        message: `${hits.length} columns are all read as ${col.name} (${hits.map((i) => `"${t.headers[i]}"`).join(", ")}); delete or rename all but one`,
      });
    }
    if (hits.length > 0) {
      present.add(k);
      result.headers[k] = cellText(t.headers[hits[0]]).trim();
    }
    return hits.length > 0 ? hits[0] : -1;
  });

  const found = headersFound(t);
  keys.forEach((k, j) => {
    const col = schema[k];
    if (col.required && index[j] < 0) {
      let message = `this column is missing; the columns found are: ${found.join(", ")}`;
      const hint = opts.hints?.[col.name];
      if (hint) message += `. ${hint}`;
      if (found.length === 1 && /[,;\t|]/.test(found[0])) {
        message += ` (all in one cell: save the file again as CSV, with columns separated by commas)`;
      }
      problems.push({ source, row: headerRow, column: col.name, value: "", message });
    }
  });
  return index;
}

/**
 * Matches headers, parses every cell and collects every problem: a missing required column
 * once (at the header row, listing the columns found), then each bad cell. Unknown columns
 * are ignored; blank rows are skipped; a table without data rows is a problem.
 */
export function readRows<S extends Schema>(t: RawTable, schema: S, opts: ReadOptions<S>): ReadResult<S> {
  const problems: Problem[] = [];
  const source = t.source;
  const headerRow = t.headerRow ?? 1;
  const keys = Object.keys(schema) as (keyof S & string)[];
  const present = new Set<keyof S>();
  const result: ReadResult<S> = { rows: [], problems, present, headers: {}, furniture: {} };

  const requiredNames = keys.filter((k) => schema[k].required).map((k) => schema[k].name);
  if (!t.headers.some((h) => cellText(h).trim() !== "")) {
    problems.push({
      source,
      row: 0,
      column: "",
      value: "",
      message: `is empty: its first row should name the columns (${requiredNames.join(", ")}), with one row per ${opts.rowNoun} below`,
    });
    return result;
  }

  const index = columnIndex(t, schema, keys, result, opts);
  const cols = keys.map((k) => schema[k]);
  problems.push(...uncalculatedProblems(t, index, cols, headerRow));

  const ctx: CellContext = { decimalComma: !!t.decimalComma, dateOrder: opts.dateOrder, date1904: !!t.date1904, orderAdvice: opts.orderAdvice };
  const furniture = opts.furniture;
  const leftOut = result.furniture;
  const width = t.headers.length;
  const uncalculated = new Set((t.uncalculated ?? []).map((u) => u.row * width + u.col));
  // Logs repeat a handful of statuses, dates and codes 100,000 times: parse each text once.
  const caches = keys.map(() => new Map<string, unknown>());
  const n = keys.length;
  const rows = t.rows;
  let dataRows = 0;
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    // A table read only to be parsed gives each raw row up once read: a million-row log never
    // holds its raw cells and its parsed rows at once.
    if (opts.release) (rows as (RawValue[] | null)[])[r] = null;
    let blank = true;
    for (let c = 0; c < cells.length; c++) {
      if (!isBlank(cells[c])) {
        blank = false;
        break;
      }
    }
    if (blank) {
      if (furniture) leftOut.blank = (leftOut.blank ?? 0) + 1;
      continue;
    }
    if (furniture) {
      const kind = furniture.kindOf(cells);
      if (kind) {
        leftOut[kind] = (leftOut[kind] ?? 0) + 1;
        continue;
      }
    }
    if (opts.onCells) opts.onCells(cells);
    const rowNumber = headerRow + 1 + r;
    const out: Record<string, unknown> = { row: rowNumber, ok: true };
    if (cells.length > width) {
      let last = cells.length - 1;
      while (last >= width && isBlank(cells[last])) last--;
      if (last >= width) {
        out.ok = false;
        problems.push({
          source,
          row: rowNumber,
          column: "",
          value: cellText(cells[width]),
          message: `this row has ${last + 1} cells but the header row names ${width} columns; a value containing the separator (like "$1,200") must be in double quotes, or delete the extra cell`,
        });
      }
    }
    for (let j = 0; j < n; j++) {
      const col = cols[j];
      const i = index[j];
      const v = i >= 0 && i < cells.length ? cells[i] : null;
      let value: unknown;
      if (isBlank(v)) {
        if (uncalculated.has(r * width + i)) out.ok = false; // said once above
        else if (col.required && i >= 0) {
          out.ok = false;
          problems.push({ source, row: rowNumber, column: col.name, value: "", message: `is empty: ${col.hint}` });
        }
        value = col.fallback;
      } else if (i < 0) {
        value = col.fallback;
      } else if (typeof v === "string" && v.length > EXCEL_CELL_TEXT) {
        out.ok = false;
        problems.push({ source, row: rowNumber, column: col.name, value: v.slice(0, 100), message: cellTextTooLong(v.length) });
        value = col.fallback;
      } else {
        let parsed: unknown;
        if (typeof v === "string") {
          const cache = caches[j];
          parsed = cache.get(v);
          if (parsed === undefined) {
            parsed = col.parse(v, ctx);
            if (cache.size < CACHE_LIMIT) cache.set(v, parsed);
          }
        } else parsed = col.parse(v as RawValue, ctx);
        if (parsed instanceof CellError) {
          out.ok = false;
          problems.push({ source, row: rowNumber, column: col.name, value: cellText(v), message: parsed.message });
          value = col.fallback;
        } else value = parsed;
      }
      out[keys[j]] = value;
    }
    dataRows++;
    if (opts.onRow) opts.onRow(out as Row<S>);
    else result.rows.push(out as Row<S>);
  }

  if (dataRows === 0) {
    problems.push({
      source,
      row: 0,
      column: "",
      value: "",
      message: `has no data rows under the header row; add one row per ${opts.rowNoun}`,
    });
  }
  return result;
}
