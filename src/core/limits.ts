import type { Problem, RawTable } from "./inputs/types";

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

/**
 * The floor beside the ceiling (MAX_INPUT_NUMBER, a billion, in table.ts): the smallest size of
 * a number ClinPay takes other than 0 is a billionth. Below it a number is noise or a typo — a
 * subnormal such as 1e-320 divides into Infinity ("Infinity an hour") and is kept by neither
 * Excel (whose smallest number is about 2.2e-308) nor a cached value — and no pay figure, hour,
 * rate, count or minute needs it; between the floor and the ceiling every quotient of two inputs
 * stays within 1e18, a number Excel shows.
 */
export const MIN_INPUT_MAGNITUDE = 1e-9;

/** The message for a number other than 0 closer to 0 than MIN_INPUT_MAGNITUDE, or undefined. */
export function tooSmallMessage(n: number): string | undefined {
  if (n === 0 || !(Math.abs(n) < MIN_INPUT_MAGNITUDE)) return undefined;
  return "is too small: ClinPay takes numbers from 0.000000001 (a billionth) up, or 0; type 0 if you mean none, or check it for a typo";
}

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

/** Series in one Excel chart. */
export const EXCEL_CHART_SERIES = 255;

/**
 * Offers one Offer Comparison compares: Annual pay by volume draws one chart series per offer,
 * and Excel refuses a chart of more than 255. Checked on the raw table before anything is
 * parsed or built, so 50,000 offers are refused at once, not after the sheet is made.
 */
export const MAX_OFFERS = EXCEL_CHART_SERIES;

/** A problem when `table` has more than `max` filled rows (blank rows do not count); `why` says why `max`. */
export function rowLimitProblem(table: RawTable, max: number, noun: string, why: string): Problem | undefined {
  let rows = 0;
  for (const r of table.rows) if (r.some((v) => v !== null && v !== undefined && String(v).trim() !== "")) rows++;
  if (rows <= max) return undefined;
  return { source: table.source, row: 0, column: "", value: "", message: `has ${fmt(rows)} ${noun}s; ${why}: split them into workbooks of ${fmt(max)} or fewer` };
}

/**
 * Codes one cell may hold (`99214, G2211, 36415`). Each code of a cell is priced by its own term
 * of a formula, so a cell of hundreds would grow one formula toward Excel's 8,192 characters;
 * an encounter bills far fewer.
 */
export const MAX_CODES_IN_CELL = 20;
