/**
 * The header is found, not assumed (SPEC §2): the first row, among the first 30 non-empty rows,
 * in which at least two cells read as ClinPay columns (a column's name, an alias, or a `column`
 * line of the mapping). Rows above it — report titles, filters, run dates — are left out and
 * counted. Without such a row the first non-empty row stays the header, so the usual "this
 * column is missing; the columns found are …" names what to map.
 */
import type { RawTable } from "../inputs/types";
import { cellText, isBlank } from "../cells";

export const HEADER_SEARCH_ROWS = 30;

export interface LocatedTable {
  table: RawTable;
  /** Non-empty rows above the header that were left out. */
  rowsAbove: number;
}

export function locateHeader(t: RawTable, readsAsColumn: (header: string) => boolean): LocatedTable {
  const hits = (cells: readonly unknown[]) => {
    let n = 0;
    for (const c of cells) if (!isBlank(c as never) && readsAsColumn(cellText(c as never).trim())) n++;
    return n;
  };
  if (hits(t.headers) >= 2) return { table: t, rowsAbove: 0 };
  let seen = t.headers.some((h) => !isBlank(h)) ? 1 : 0;
  for (let k = 0; k < t.rows.length && seen < HEADER_SEARCH_ROWS; k++) {
    const row = t.rows[k];
    if (!row || row.every((c) => isBlank(c))) continue;
    seen++;
    if (hits(row) < 2) continue;
    const headerRow = (t.headerRow ?? 1) + 1 + k;
    const uncalculated = t.uncalculated?.filter((u) => u.row > k).map((u) => ({ ...u, row: u.row - k - 1 }));
    const table: RawTable = {
      ...t,
      headers: row.map((c) => cellText(c).trim()),
      rows: t.rows.slice(k + 1),
      headerRow,
      ...(uncalculated && uncalculated.length > 0 ? { uncalculated } : { uncalculated: undefined }),
    };
    return { table, rowsAbove: seen - 1 };
  }
  return fallbackHeader(t);
}

const DATA_LIKE = /^[\d\s$.,:/%()+-]+$/;

/**
 * No row names two ClinPay columns (every header renamed): the first row among the first 30 that
 * is as wide as the table and holds only words (no numbers or dates) is the header, so columns can
 * still be recognised by their values. Without one, the first row stays the header.
 */
function fallbackHeader(t: RawTable): LocatedTable {
  const records: { k: number; cells: unknown[] }[] = [{ k: -1, cells: t.headers }];
  for (let k = 0; k < t.rows.length && records.length < HEADER_SEARCH_ROWS; k++) {
    const row = t.rows[k];
    if (row && !row.every((c) => isBlank(c))) records.push({ k, cells: row });
  }
  const filled = (cells: unknown[]) => cells.filter((c) => !isBlank(c as never)).length;
  const width = Math.max(...records.map((r) => filled(r.cells)));
  const wordsOnly = (cells: unknown[]) => cells.every((c) => isBlank(c as never) || (typeof c === "string" && !DATA_LIKE.test(c)));
  const found = records.find((r) => width >= 2 && filled(r.cells) === width && wordsOnly(r.cells));
  if (!found || found.k < 0) return { table: t, rowsAbove: 0 };
  const k = found.k;
  const uncalculated = t.uncalculated?.filter((u) => u.row > k).map((u) => ({ ...u, row: u.row - k - 1 }));
  return {
    table: { ...t, headers: t.rows[k].map((c) => cellText(c).trim()), rows: t.rows.slice(k + 1), headerRow: (t.headerRow ?? 1) + 1 + k, uncalculated: uncalculated && uncalculated.length > 0 ? uncalculated : undefined },
    rowsAbove: records.indexOf(found) - (t.headers.some((h) => !isBlank(h)) ? 0 : 1),
  };
}
