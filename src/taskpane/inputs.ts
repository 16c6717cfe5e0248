/**
 * From what the user picked (an Excel table, or a range they selected) to the RawTable the
 * parsers take, and back: a Problem's row and column to the cell it names, so a click on a
 * problem lands on the exact cell to fix.
 */
import type { Problem, RawTable } from "../core/inputs/types";
import { InputError, cellText, headerKey } from "../core/table";
import type { TableInfo, WorkbookGateway } from "../render/gateway";
import { rangeAddress } from "../render/excel-gateway";
import type { Scalar } from "../sheets/plan";
import { a1, parseRange, type Rect } from "../sheets/a1";

/** Where an input's values come from. */
export type InputSource = { kind: "table"; table: string } | { kind: "range"; sheet: string; address: string };

/** Where an input sits in the workbook, header row first. */
export interface InputPlace extends Rect {
  sheet: string;
  headers: string[];
}

export interface ReadInput {
  table: RawTable;
  place: InputPlace;
}

/** A sheet-qualified address as Excel writes it: Sheet1!A1:C9, 'My data'!A1:C9. */
export function qualified(sheet: string, address: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet);
  return `${plain ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${address}`;
}

/** What a problem's "source" says for an input, so the user recognises it. */
export function sourceName(src: InputSource): string {
  return src.kind === "table" ? src.table : qualified(src.sheet, src.address);
}

function toRawTable(source: string, values: Scalar[][], place: Rect, date1904: boolean): RawTable {
  const [header = [], ...rows] = values;
  return {
    source,
    headers: header.map((h) => cellText(h)),
    // Excel hands back numbers, text, booleans and "" for empty cells; the parsers take those as
    // they are (dates arrive as serial numbers, which the date columns read, in the workbook's
    // date system).
    rows,
    headerRow: place.row + 1,
    ...(date1904 ? { date1904 } : {}),
  };
}

/**
 * Reads one input. `tables` is a fresh listTables(): a table the user picked may since have been
 * renamed, moved or deleted, which is a problem to show, not an exception.
 */
export async function readInput(gw: WorkbookGateway, src: InputSource, tables: TableInfo[]): Promise<ReadInput> {
  const source = sourceName(src);
  let sheet: string;
  let rect: Rect | null;
  let values: Scalar[][];
  if (src.kind === "table") {
    const info = tables.find((t) => t.name.toUpperCase() === src.table.toUpperCase());
    if (!info) {
      throw new InputError([
        { source, row: 0, column: "", value: "", message: "is not in this workbook any more (renamed or deleted?): choose the table again from the list" },
      ]);
    }
    sheet = info.sheet;
    rect = parseRange(info.address);
    values = await gw.readTableValues(info.name);
  } else {
    sheet = src.sheet;
    rect = parseRange(src.address);
    values = await gw.readRange(src.sheet, src.address);
  }
  const place: InputPlace = {
    sheet,
    ...(rect ?? { row: 0, col: 0, rows: values.length, cols: values[0]?.length ?? 0 }),
    headers: (values[0] ?? []).map((h) => cellText(h)),
  };
  return { table: toRawTable(source, values, place, await gw.uses1904Dates()), place };
}

/**
 * The cell (or range) a problem is about: the cell at its row and column; the whole row of the
 * input when the column is not one of its headers (a missing column, a row with extra cells);
 * the whole input when the problem is about the table as a whole (row 0).
 */
export function problemRange(place: InputPlace, p: Problem): string {
  const width = Math.max(1, place.cols || place.headers.length);
  if (!(p.row > 0)) return rangeAddress(place.row, place.col, Math.max(1, place.rows), width);
  const row = p.row - 1;
  const key = headerKey(p.column);
  const i = key === "" ? -1 : place.headers.findIndex((h) => headerKey(h) === key);
  if (i >= 0) return a1(row, place.col + i);
  return rangeAddress(row, place.col, 1, width);
}
