/**
 * Every workbook operation the Office renderer (and the task pane) needs, behind one small
 * interface, so the renderer's logic — batching, transactions, naming — is tested against an
 * in-memory workbook (test/helpers/fake-workbook.ts) and only src/render/excel-gateway.ts talks
 * to Office.js.
 *
 * The contract mirrors Office.js on purpose: write methods only QUEUE work; nothing reaches the
 * workbook until `sync()`. A failed sync may have applied a prefix of its queued operations
 * (Office runs a batch in order and stops at the first failing operation — there is no rollback),
 * so callers must be able to recover from any prefix. Read methods are round trips: they send
 * whatever is queued first, exactly like `context.sync()`, and count as one.
 *
 * Coordinates are 0-based (row 0 = Excel row 1, col 0 = column A), as in src/sheets/plan.ts.
 */
import type { Align, BlockStyle, ChartPlan, PrintPlan, Scalar } from "../sheets/plan";

/** The key of the mark that tells ClinPay's own sheets from the user's (spec §3). */
export const MARK_KEY = "ClinPay";

export interface SheetInfo {
  name: string;
  /** The ClinPay mark (the SheetKind that built the sheet), or null for a user's sheet. */
  mark: string | null;
  /** 0-based tab position. */
  position: number;
  active: boolean;
}

export interface TableInfo {
  name: string;
  sheet: string;
  /** A1 address on `sheet`, header row included, without the sheet prefix: "A1:H201". */
  address: string;
}

export interface RangeValues {
  sheet: string;
  /** A1 address without the sheet prefix. */
  address: string;
  /** Raw values: numbers (dates as serials), strings, booleans; "" for an empty cell. */
  values: Scalar[][];
}

/**
 * One cell as Office's `range.formulas` takes it. A string is parsed like typed input: "=..." is a
 * formula, "'..." is the text after the apostrophe, anything else may be coerced (numbers,
 * dates) — so callers pass user text through asLiteralText (src/render/safe-text.ts). null leaves
 * the cell untouched (Office ignores null in a 2-D write), which is how ragged rows are padded.
 */
export type FormulaInput = string | number | boolean | null;

export interface ChartSeriesSpec {
  /** The series name as shown in the legend. */
  name: string;
  /** Where the name came from (absolute A1 on the sheet), kept for renderers that can link it. */
  nameRef: string;
  valuesRef: string;
}

/** A chart as the gateway draws it: a ChartPlan whose series names are already resolved. */
export interface ChartSpec extends Omit<ChartPlan, "series"> {
  series: ChartSeriesSpec[];
}

export interface WorkbookGateway {
  // ---- round trips (each sends the queue first and counts as one sync) ----

  /** Every sheet, in tab order, with its ClinPay mark and which one is active. */
  listSheets(): Promise<SheetInfo[]>;
  /** Every Excel table (ListObject) in the workbook. */
  listTables(): Promise<TableInfo[]>;
  /** A table's values, header row first. May take several round trips for large tables so no
   *  response exceeds Excel on the web's 5 MB limit. */
  readTableValues(table: string): Promise<Scalar[][]>;
  /** The current selection, trimmed to the used range so selecting whole columns stays cheap. */
  readSelection(): Promise<RangeValues>;
  /** The values of a range by address (A1, no sheet prefix), chunked like readTableValues. The
   *  task pane remembers a selection by address, because clicking a problem moves the selection
   *  and the next Build must still read the user's table, not the cell they went to fix. */
  readRange(sheet: string, address: string): Promise<Scalar[][]>;
  /** True when the workbook counts dates from 1904 (Excel's "Use 1904 date system"): the date
   *  serials the reads above return are then 1904 serials, four years and a day below 1900 ones. */
  uses1904Dates(): Promise<boolean>;
  /** A value ClinPay saved in this workbook (Excel's workbook settings), or null. The pane keeps
   *  the export mapping a user chose here, so the next Build of the same log reuses it. */
  readSetting(key: string): Promise<string | null>;
  /** Send everything queued. */
  sync(): Promise<void>;

  // ---- queued until the next round trip ----

  /** Add a sheet at the end of the tab strip, not activated. */
  addSheet(name: string): void;
  deleteSheet(name: string): void;
  renameSheet(from: string, to: string): void;
  /** Move a sheet to a 0-based tab position. */
  setSheetPosition(name: string, position: number): void;
  activateSheet(name: string): void;
  /** Mark a sheet as built by ClinPay, with the plan kind that built it. */
  markSheet(name: string, kind: string): void;
  /** Write a rectangular block (every row the same length) in ONE operation. */
  writeBlock(sheet: string, row: number, col: number, data: FormulaInput[][]): void;
  /** One number format for every cell of the rectangle (sent once, not per cell). */
  setNumberFormat(sheet: string, row: number, col: number, rows: number, cols: number, format: string): void;
  /** One alignment for every cell of the rectangle (a block's column: see Block.align). */
  setAlignment(sheet: string, row: number, col: number, rows: number, cols: number, align: Align): void;
  /** Merge the rectangle into one cell (a paragraph across the page). */
  mergeCells(sheet: string, row: number, col: number, rows: number, cols: number): void;
  /** Height of a row in points. */
  setRowHeight(sheet: string, row: number, points: number): void;
  /** The print area, orientation, one page wide, and page breaks before the given rows. */
  setPrintLayout(sheet: string, print: PrintPlan): void;
  /** Width in characters of the default font, as in SheetPlan.columnWidths. */
  setColumnWidth(sheet: string, col: number, widthChars: number): void;
  /** Give the rectangle of a block the look of its BlockStyle (header row of a "table", first
   *  column of "labels", input cells of "assumptions" ...). */
  styleRange(sheet: string, row: number, col: number, rows: number, cols: number, style: BlockStyle): void;
  /** Freeze the top `rows` rows and left `cols` columns (0 and 0 unfreezes). */
  freezePanes(sheet: string, rows: number, cols: number): void;
  addChart(sheet: string, chart: ChartSpec): void;
  /** Hold recalculation until the next sync, so a big write recalculates once, not per cell. */
  suspendCalculation(): void;
  /** Activate `sheet` and select `address` on it (A1, no sheet prefix): how the task pane takes
   *  the user to the cell a problem names. */
  selectRange(sheet: string, address: string): void;
  /**
   * Write `data` (header row first, every row the same length) at (row, col) and make it an
   * Excel table called `name`, so it shows up in listTables like a table the user made. Table
   * names are unique in a workbook: callers check listTables first.
   */
  addTable(sheet: string, name: string, row: number, col: number, data: FormulaInput[][]): void;
  /** Save `value` under `key` in this workbook's settings (it travels with the file). */
  writeSetting(key: string, value: string): void;
}
