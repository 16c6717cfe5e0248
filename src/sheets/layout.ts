/**
 * The layout engine every sheet is placed with. A sheet is sections stacked down the page by a
 * cursor: each section is reserved with the rows it needs — known from its labels, its table's
 * rows, its chart's height — before its formulas are written, so figures can point at one
 * another, and nothing is a hand-computed row number. Sections may stand side by side
 * (`columns`); the cursor then continues below the taller. When every section is written,
 * `finish` sizes the columns from their text, the wrapped rows from their lines, and the print
 * set-up from the sections (page breaks only between them: no chart is split across pages).
 */
import { abs, absRange, type Rect } from "./a1";
import { sectionBlock } from "./blocks";
import { measureSheet } from "./measure";
import { paginate } from "./paginate";
import type { Block, ChartPlan, PlanCell, SheetKind, SheetPlan } from "./plan";

/** A laptop's first screen: the bottom line, the headline figures and the main chart fit in
 *  these columns (and FIRST_SCREEN_ROWS rows). */
export const VISIBLE_COLUMNS = 12;
export const FIRST_SCREEN_ROWS = 30;

/** A reserved rectangle of the sheet (0-based). */
export interface Area extends Rect {}

/** Absolute references into an area, by its own 0-based row and column. */
export const cellOf = (area: Area, r: number, c: number): string => abs(area.row + r, area.col + c);
export const columnOf = (area: Area, c: number, firstRow = 0, rows = area.rows - firstRow): string =>
  absRange(area.row + firstRow, area.col + c, area.row + firstRow + Math.max(rows, 1) - 1, area.col + c);

/** A paragraph merged across columns and wrapped: its row's height comes from its lines. */
export interface Wrapped {
  row: number;
  col: number;
  cols: number;
  /** The text as shown (a formula's cached value). */
  text: string;
  size: number;
  /** Lines to leave for a formula's text growing when an input is edited. */
  spareLines: number;
}

export class SheetLayout {
  readonly blocks: Block[] = [];
  readonly charts: ChartPlan[] = [];
  readonly wrapped: Wrapped[] = [];
  /** Rows a page may begin at: the first row of each section (or row of side-by-side sections). */
  readonly sectionStarts: number[] = [];
  /** Rows a page may never be broken inside of: [first, last] of each chart. */
  readonly unbreakable: [number, number][] = [];
  /** The page's cursor: the whole visible width, from the top. */
  readonly cursor: Cursor;

  constructor(readonly width = VISIBLE_COLUMNS) {
    this.cursor = new Cursor(this, 0, 0, width, true);
  }

  place(...blocks: Block[]): void {
    this.blocks.push(...blocks);
  }

  /** A chart over `area`. */
  chart(area: Area, chart: Omit<ChartPlan, "at">): void {
    this.charts.push({ ...chart, at: { row: area.row, col: area.col, width: area.cols, height: area.rows } });
    this.unbreakable.push([area.row, area.row + area.rows - 1]);
  }

  /** A row of `cells` whose last cell, at `col`, is merged across `cols` columns and wrapped. */
  paragraph(row: number, col: number, cols: number, cells: PlanCell[], style: Block["style"], size = 11, spareLines = 0): void {
    const text = cells[cells.length - 1];
    const shown = text !== null && typeof text === "object" ? text.v : text;
    this.blocks.push({ row, col: col - (cells.length - 1), style, cells: [cells] });
    this.wrap({ row, col, cols, text: shown === null ? "" : String(shown), size, spareLines });
  }

  /** Merges a placed cell across columns and wraps it: its row grows to its lines. */
  wrap(paragraph: Wrapped): void {
    this.wrapped.push(paragraph);
  }

  /** The finished plan: columns sized from their text, wrapped rows from their lines, the print set-up from the sections. */
  finish(kind: SheetKind, name: string, opts: { freeze?: SheetPlan["freeze"]; minWidths?: Record<number, number>; dataSheets?: SheetPlan[] } = {}): SheetPlan {
    const { columnWidths, rowHeights, merges } = measureSheet(this, opts.minWidths ?? {});
    const plan: SheetPlan = { kind, name, blocks: this.blocks, charts: this.charts, columnWidths, rowHeights, merges };
    if (opts.freeze) plan.freeze = opts.freeze;
    plan.print = paginate(plan, this.sectionStarts, this.unbreakable);
    if (opts.dataSheets && opts.dataSheets.length > 0) plan.dataSheets = opts.dataSheets;
    return plan;
  }
}

/** Blank rows between sections, and blank columns between sections side by side. */
const GAP = 1;

/** Where the next section goes: a row, and the columns it may use. */
export class Cursor {
  constructor(
    private readonly layout: SheetLayout,
    public row: number,
    readonly col: number,
    readonly cols: number,
    /** The page's own cursor: its sections are the places a page may break. */
    private readonly page = false
  ) {}

  /** Reserves `rows` rows (by `cols` columns) here as a section of its own; the cursor moves
   *  below them and a blank row. */
  take(rows: number, cols = this.cols): Area {
    this.startSection();
    return this.reserve(rows, cols);
  }

  /** A section heading here (a section's first row: no page break comes between it and its body). */
  heading(text: PlanCell): void {
    this.startSection();
    this.layout.place({ ...sectionBlock("", this.row, this.col), cells: [[text]] });
    this.row++;
  }

  /** Reserves a section: an optional heading, then `rows` rows. */
  section(heading: PlanCell | undefined, rows: number, cols = this.cols): Area {
    if (heading !== undefined) this.heading(heading);
    else this.startSection();
    return this.reserve(rows, cols);
  }

  /** Cursors side by side from this row, `widths` columns each, a blank column between them. */
  columns(...widths: number[]): Cursor[] {
    this.startSection();
    let col = this.col;
    return widths.map((w) => {
      const c = new Cursor(this.layout, this.row, col, w);
      col += w + GAP;
      return c;
    });
  }

  /** Continues below the lowest of `parts` (cursors made by `columns`). */
  join(parts: Cursor[]): void {
    this.row = Math.max(this.row, ...parts.map((p) => p.row));
  }

  /** Reserves a chart `rows` tall, level with the header row of a table beside it (a blank row
   *  above keeps its frame off the foot of the page before it). */
  chart(rows: number, cols = this.cols): Area {
    const area = this.take(rows + 1, cols);
    return { ...area, row: area.row + 1, rows };
  }

  /** Skips `rows` rows. */
  skip(rows: number): void {
    this.row += rows;
  }

  private reserve(rows: number, cols: number): Area {
    // A section wider than its cursor would run into the section beside it; on the page's own
    // cursor nothing stands beside it (the visible width bounds the first screen only).
    if (!this.page && cols > this.cols) throw new Error(`A section ${cols} columns wide does not fit the ${this.cols} columns from column ${this.col + 1}`);
    const area: Area = { row: this.row, col: this.col, rows, cols };
    this.row += rows + GAP;
    return area;
  }

  private startSection(): void {
    if (this.page && this.layout.sectionStarts[this.layout.sectionStarts.length - 1] !== this.row) this.layout.sectionStarts.push(this.row);
  }
}
