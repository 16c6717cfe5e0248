/**
 * What one Excel sheet can hold (Excel's "specifications and limits"). A workbook past them
 * opens with rows dropped or is refused as corrupt, so ClinPay refuses, before building, input
 * that would need more.
 */

/** Rows in a worksheet. */
export const EXCEL_ROWS = 1_048_576;

/** Characters in one cell. */
export const EXCEL_CELL_TEXT = 32_767;

const fmt = (n: number) => n.toLocaleString("en-US");

/** "is 50,000,000 characters long …", for a text cell past EXCEL_CELL_TEXT. */
export function cellTextTooLong(length: number): string {
  return `is ${fmt(length)} characters long, and an Excel cell holds at most ${fmt(EXCEL_CELL_TEXT)}: shorten it`;
}

/** For a table copied into a sheet from `firstRow` (1-based): the message when it cannot fit. */
export function rowsPastSheet(rows: number, firstRow: number, noun: string, sheet: string, howToSplit: string): string | undefined {
  const fit = EXCEL_ROWS - firstRow + 1;
  if (rows <= fit) return undefined;
  return `has ${fmt(rows)} ${noun}s; the ${sheet} sheet copies them from row ${firstRow} and an Excel sheet ends at row ${fmt(EXCEL_ROWS)}, so at most ${fmt(fit)} fit: ${howToSplit}`;
}
