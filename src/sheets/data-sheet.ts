/**
 * A "<sheet name> data" sheet (SPEC §3): the input rows an analysis sheet copied — a log, a report,
 * the CMS values of their codes — side by side from the top, each under its heading. The analysis
 * sheet's formulas read them by sheet-qualified reference. Built with its analysis sheet, marked as
 * it is, and replaced with it. Its columns have fixed widths (a million-row log is not measured
 * cell by cell), and it prints one page wide.
 */
import { absRange, sheetRef } from "./a1";
import { metaBlock, sectionBlock, titleBlock } from "./blocks";
import { dataSheetName, type Align, type Block, type PlanCell, type SheetKind, type SheetPlan } from "./plan";

/** The copied tables' header row, and their first row of data (0-based). */
export const DATA_HEADER_ROW = 4;
export const DATA_FIRST_ROW = DATA_HEADER_ROW + 1;

export interface CopiedTable {
  heading: string;
  headers: readonly string[];
  /** Rows under the header (a fresh array the sheet may keep). */
  rows: PlanCell[][];
  formats?: (string | undefined)[];
  /** Each column's alignment: text after a number column indented, so the two never touch. */
  align?: (Align | undefined)[];
  /** Each column's width in characters. */
  widths: readonly number[];
}

/** Where a copied table sits: each column's rows as a reference another sheet's formula can use. */
export interface PlacedTable {
  col: number;
  /** Column c's copied rows ('RVU Leakage data'!$A$6:$A$900); one row when there are none, so a formula over it stays valid. */
  column(c: number): string;
}

export class DataSheet {
  readonly name: string;
  private readonly blocks: Block[] = [];
  private readonly widths: number[] = [];
  private col = 0;
  private lastRow = DATA_HEADER_ROW;

  constructor(readonly analysisSheet: string, builtAt: Date, source: string) {
    this.name = dataSheetName(analysisSheet);
    this.blocks.push(titleBlock(this.name), metaBlock(builtAt, source));
    this.blocks.push({ row: 2, col: 0, style: "meta", cells: [[`The rows the ${analysisSheet} sheet reads: edit one here and its figures follow.`]] });
  }

  /** The column the next table added starts at (its formulas can then point into its own rows). */
  get nextCol(): number {
    return this.col;
  }

  /** A copied table at the next free columns, a blank column after the one before it. */
  add(table: CopiedTable): PlacedTable {
    const col = this.col;
    const n = table.rows.length;
    this.blocks.push(sectionBlock(table.heading, DATA_HEADER_ROW - 1, col), { row: DATA_HEADER_ROW, col, style: "table", cells: [[...table.headers], ...table.rows], formats: table.formats, align: table.align });
    table.widths.forEach((w, i) => (this.widths[col + i] = w));
    this.widths[col + table.widths.length] = 3;
    this.col = col + table.headers.length + 1;
    this.lastRow = Math.max(this.lastRow, DATA_HEADER_ROW + n);
    const last = DATA_FIRST_ROW + Math.max(n, 1) - 1;
    return { col, column: (c) => sheetRef(this.name, absRange(DATA_FIRST_ROW, col + c, last, col + c)) };
  }

  finish(kind: SheetKind): SheetPlan {
    return {
      kind,
      name: this.name,
      blocks: this.blocks,
      columnWidths: this.widths,
      freeze: { rows: DATA_FIRST_ROW, cols: 0 },
      print: { area: { row: 0, col: 0, rows: this.lastRow + 1, cols: Math.max(1, this.col) }, orientation: "portrait", rowBreaks: [] },
    };
  }
}
