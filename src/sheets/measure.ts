/**
 * Column widths from the text in them, and row heights from wrapped lines: so a label, a header or
 * a figure is never cut by its neighbour, and a paragraph merged across the page shows every
 * line. A cell's text may run on into empty cells to its right (as Excel draws it); only text
 * stopped by a neighbour, and every number, sizes its column. The looks (bold, size, wrap) come
 * from the one style table both renderers draw with.
 */
import { LOOKS, roleOf } from "../render/style-table";
import type { Rect } from "./a1";
import { INDENT_WIDTH, displayText, widthNeeded, wrappedLines } from "./fit";
import type { SheetLayout } from "./layout";
import { isFormula, type Block, type PlanCell, type Scalar } from "./plan";

/** Excel's default column width and row height (Calibri 11). */
export const DEFAULT_WIDTH = 8.43;
export const DEFAULT_ROW_HEIGHT = 15;
/** No column grows past this for one long name: the rest of its text stays in the cell. */
const MAX_WIDTH = 60;
/** A column that holds nothing (a gutter between side-by-side sections). */
const GUTTER_WIDTH = 2.5;

export const shownValue = (cell: PlanCell): Scalar => (cell !== null && typeof cell === "object" && isFormula(cell) ? cell.v : (cell as Scalar));

/** A line of text at `size` points, in points: Calibri 11's rows are 15. */
export const lineHeight = (size: number): number => Math.ceil((DEFAULT_ROW_HEIGHT * size) / 11 * 4) / 4;

/** Each occupied cell of the sheet: written cells, merged areas and charts. */
export function occupiedCells(blocks: readonly Block[], extra: readonly Rect[]): (row: number, col: number) => boolean {
  const taken = new Map<number, Set<number>>();
  const mark = (r: number, c: number) => {
    let s = taken.get(r);
    if (!s) taken.set(r, (s = new Set()));
    s.add(c);
  };
  for (const b of blocks) {
    b.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        const v = shownValue(cell);
        if (cell !== null && cell !== undefined && !(v === "" && !isFormula(cell))) mark(b.row + r, b.col + c);
      })
    );
  }
  for (const x of extra) for (let r = x.row; r < x.row + x.rows; r++) for (let c = x.col; c < x.col + x.cols; c++) mark(r, c);
  return (row, col) => taken.get(row)?.has(col) ?? false;
}

interface Measured {
  columnWidths: number[];
  rowHeights: (number | undefined)[];
  merges: Rect[];
}

/** A text cell that may run on into the empty cells to its right. */
interface RunOn {
  row: number;
  col: number;
  width: number;
}

export function measureSheet(layout: SheetLayout, minWidths: Record<number, number>): Measured {
  const merges: Rect[] = layout.wrapped.map((w) => ({ row: w.row, col: w.col, rows: 1, cols: w.cols }));
  const inParagraph = new Set(layout.wrapped.map((w) => `${w.row},${w.col}`));
  const charts: Rect[] = layout.charts.map((c) => ({ row: c.at.row, col: c.at.col, rows: c.at.height, cols: c.at.width }));
  const occupied = occupiedCells(layout.blocks, [...merges, ...charts]);
  const need: number[] = [];
  const headers: { row: number; col: number; text: string }[] = [];
  const runOns: RunOn[] = [];
  /** Rows holding other cells than headers: a header wrapped there would make a gap in what stands beside it. */
  const bodyRows = new Set<number>();
  let lastCol = 0;
  const atLeast = (c: number, w: number) => (need[c] = Math.min(MAX_WIDTH, Math.max(need[c] ?? 0, w)));

  for (const b of layout.blocks) {
    b.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        const v = shownValue(cell);
        if (v === null || v === undefined || v === "") return;
        const at = { row: b.row + r, col: b.col + c };
        lastCol = Math.max(lastCol, at.col);
        if (inParagraph.has(`${at.row},${at.col}`)) return;
        const role = roleOf(b, r, c);
        const look = LOOKS[role];
        const header = role === "header";
        if (!header && role !== "section") bodyRows.add(at.row);
        const text = displayText(v, header ? undefined : b.formats?.[c]);
        const width = widthNeeded(text, look.size) + (look.indent || b.align?.[c] === "indent" ? INDENT_WIDTH : 0);
        if (look.wrap || header) {
          // Wrapped: the longest word must fit; the lines set the row's height.
          atLeast(at.col, Math.max(...text.split(/\s+/).map((word) => widthNeeded(word, look.size))));
          if (header) headers.push({ ...at, text });
          return;
        }
        // Numbers never run on, nor does text aligned right or centred; other text stops at a neighbour.
        const aligned = b.align?.[c] === "right" || b.align?.[c] === "center";
        if (typeof v === "number" || aligned || occupied(at.row, at.col + 1)) atLeast(at.col, width);
        else runOns.push({ ...at, width });
      })
    );
  }
  // A header whose row holds another table's body is not wrapped (a tall row would split that
  // table): its column takes the whole header.
  for (const h of headers) if (bodyRows.has(h.row)) atLeast(h.col, widthNeeded(h.text));
  for (const ch of charts) lastCol = Math.max(lastCol, ch.col + ch.cols - 1);
  const covered = (c: number) => charts.some((ch) => c >= ch.col && c < ch.col + ch.cols) || merges.some((m) => c >= m.col && c < m.col + m.cols);
  const widthsFrom = (): number[] => {
    const widths: number[] = [];
    for (let c = 0; c <= lastCol; c++) {
      const w = Math.max(need[c] ?? 0, minWidths[c] ?? 0);
      widths[c] = w > 0 ? w : covered(c) ? DEFAULT_WIDTH : GUTTER_WIDTH;
    }
    return widths;
  };
  let columnWidths = widthsFrom();
  // Text that runs on and meets a neighbour (a cell or a chart) before it ends widens its own column.
  for (const t of runOns) {
    let room = columnWidths[t.col];
    for (let c = t.col + 1; room < t.width && c <= lastCol && !occupied(t.row, c); c++) room += columnWidths[c];
    const stopped = room < t.width && occupiedFrom(occupied, t.row, t.col + 1, lastCol);
    if (stopped) atLeast(t.col, columnWidths[t.col] + t.width - room);
  }
  columnWidths = widthsFrom();
  const widthOf = (c: number) => columnWidths[c] ?? DEFAULT_WIDTH;

  const rowHeights: (number | undefined)[] = [];
  const grow = (row: number, points: number) => {
    if (points > (rowHeights[row] ?? DEFAULT_ROW_HEIGHT)) rowHeights[row] = points;
  };
  for (const w of layout.wrapped) {
    let width = 0;
    for (let c = w.col; c < w.col + w.cols; c++) width += widthOf(c);
    const lines = wrappedLines(w.text, width, w.size) + w.spareLines;
    grow(w.row, lines * lineHeight(w.size) + 2);
  }
  for (const h of headers) {
    const lines = wrappedLines(h.text, widthOf(h.col));
    if (lines > 1) grow(h.row, lines * lineHeight(11) + 2);
  }
  return { columnWidths, rowHeights, merges };
}

/** Whether any cell of `row` from `col` to `last` is occupied. */
function occupiedFrom(occupied: (row: number, col: number) => boolean, row: number, col: number, last: number): boolean {
  for (let c = col; c <= last; c++) if (occupied(row, c)) return true;
  return false;
}
