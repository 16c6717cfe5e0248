/**
 * The sections every sheet is made of, each reserved on the layout before it is written: the
 * reservation fixes where its cells are (so other sections' formulas can point at them), and
 * `fill` writes it there. A section knows its own size: a figures list from its labels, a table
 * from its rows, a paragraph from its text.
 */
import { abs, absRange } from "./a1";
import { metaBlock, titleBlock } from "./blocks";
import { cellOf, columnOf, type Area, type Cursor, type SheetLayout } from "./layout";
import type { Align, PlanCell } from "./plan";

export interface Figure {
  label: string;
  value: PlanCell;
  format?: string;
  /** A remark beside the value (its unit's period, or where a default came from). */
  aside?: PlanCell;
  /** The value's alignment, where the default would not do (text among numbers). */
  align?: Align;
}

/** The title and "Built … from …" line, at the top of the page. */
export function sheetTop(layout: SheetLayout, title: string, builtAt: Date, source: string): void {
  const area = layout.cursor.take(2);
  layout.place(titleBlock(title, area.row, area.col), metaBlock(builtAt, source, area.row + 1, area.col));
}

/** Label | value rows, reserved by key, the value of each directly right of its label. */
export class Figures<K extends string> {
  /** Each figure's value cell, as an absolute reference. */
  readonly ref: Record<K, string>;

  constructor(
    readonly area: Area,
    readonly keys: readonly K[]
  ) {
    this.ref = Object.fromEntries(keys.map((k, i) => [k, cellOf(area, i, 1)])) as Record<K, string>;
  }

  /** The value cells from `first` to `last` (in reserved order), as one range. */
  values(first: K, last: K): string {
    const i = this.keys.indexOf(first);
    const j = this.keys.indexOf(last);
    return absRange(this.area.row + i, this.area.col + 1, this.area.row + j, this.area.col + 1);
  }

  /** The cell beside a figure's value, where its remark (or a sentence about it) sits. */
  aside(key: K): string {
    return cellOf(this.area, this.keys.indexOf(key), 2);
  }

  /** Writes the figures in their reserved order; `style` "assumptions" makes the values inputs. */
  fill(layout: SheetLayout, figures: Record<K, Figure>, style: "labels" | "assumptions" = "labels"): void {
    this.keys.forEach((k, i) => {
      const it = figures[k];
      const row = this.area.row + i;
      layout.place({ row, col: this.area.col, style, cells: [[it.label, it.value]], formats: [undefined, it.format], ...(it.align ? { align: [undefined, it.align] } : {}) });
      if (it.aside !== undefined && it.aside !== null) layout.place({ row, col: this.area.col + 2, style: "aside", cells: [[it.aside]] });
    });
  }
}

/** Reserves a figures list: an optional heading, then one row per key. */
export function reserveFigures<K extends string>(cursor: Cursor, heading: string | undefined, keys: readonly K[]): Figures<K> {
  return new Figures(cursor.section(heading, keys.length, Math.min(cursor.cols, 3)), keys);
}

export interface TableLook {
  formats?: (string | undefined)[];
  align?: (Align | undefined)[];
}

/** A header row and `rows` rows under it. */
export class Table {
  /** The header row and the first row under it (0-based). */
  readonly header: number;
  readonly first: number;

  constructor(
    readonly area: Area,
    readonly rows: number
  ) {
    this.header = area.row;
    this.first = area.row + 1;
  }

  /** Row i's cell of column c, absolute. */
  cell(i: number, c: number): string {
    return abs(this.first + i, this.area.col + c);
  }

  /** Column c's rows (one row when the table has none, so a formula over it stays valid). */
  column(c: number): string {
    return columnOf(this.area, c, 1, this.rows);
  }

  /** The header cell of column c. */
  headerCell(c: number): string {
    return abs(this.header, this.area.col + c);
  }

  fill(layout: SheetLayout, headers: readonly PlanCell[], rows: PlanCell[][], look: TableLook = {}): void {
    layout.place({ row: this.header, col: this.area.col, style: "table", cells: [[...headers], ...rows], ...look });
  }

  /** An input table: the header styled as every header, the rows as yellow inputs. */
  fillInputs(layout: SheetLayout, headers: readonly string[], rows: PlanCell[][], look: TableLook = {}): void {
    layout.place({ row: this.header, col: this.area.col, style: "table", cells: [[...headers]] });
    if (rows.length > 0) layout.place({ row: this.first, col: this.area.col, style: "assumptions", cells: rows, ...look });
  }
}

/** Reserves a table: an optional heading, a header row and `rows` rows of `cols` columns. */
export function reserveTable(cursor: Cursor, heading: PlanCell | undefined, cols: number, rows: number): Table {
  return new Table(cursor.section(heading, 1 + rows, cols), rows);
}

/** The row a paragraph, merged across the cursor's columns, is written on. */
export class Paragraph {
  constructor(
    readonly area: Area,
    private readonly style: "answer" | "paragraph",
    private readonly label: string,
    private readonly size: number
  ) {}

  /** The text cell, absolute. */
  get ref(): string {
    return cellOf(this.area, 0, 1);
  }

  fill(layout: SheetLayout, text: PlanCell, spareLines = 1): void {
    layout.paragraph(this.area.row, this.area.col + 1, this.area.cols - 1, [this.label, text], this.style, this.size, spareLines);
  }
}

/** "Bottom line" and, beside it, the sheet's answer in one sentence across the visible width. */
export const reserveBottomLine = (cursor: Cursor): Paragraph => new Paragraph(cursor.take(1), "answer", BOTTOM_LINE, 12);
export const BOTTOM_LINE = "Bottom line";

/** A labelled paragraph (e.g. "Summary for your manager") merged across the cursor's columns. */
export const reserveParagraph = (cursor: Cursor, label: string): Paragraph => new Paragraph(cursor.take(1), "paragraph", label, 11);

/** A heading and paragraphs, each merged across the cursor's columns and wrapped. */
export function notesSection(cursor: Cursor, layout: SheetLayout, heading: string, paragraphs: readonly string[]): void {
  if (paragraphs.length === 0) return;
  const area = cursor.section(undefined, paragraphs.length + 1);
  layout.place({ row: area.row, col: area.col, style: "note", cells: [[heading], ...paragraphs.map((p) => [p])] });
  paragraphs.forEach((p, i) => layout.wrap({ row: area.row + 1 + i, col: area.col, cols: area.cols, text: p, size: 11, spareLines: 0 }));
}

/** "How to read this", then what ClinPay inferred from the user's export (when it inferred anything). */
export function noteSections(cursor: Cursor, layout: SheetLayout, notes: readonly string[], inferred: readonly string[] = []): void {
  notesSection(cursor, layout, "How to read this", notes);
  notesSection(cursor, layout, "What ClinPay inferred from your export", inferred);
}

