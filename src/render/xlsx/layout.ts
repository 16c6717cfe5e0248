/** Sheet-level layout: column widths, frozen panes, and room for the "How to read this" note. */
import type { AddWorksheetOptions, Row, Worksheet } from "exceljs";
import { a1 } from "../../sheets/a1";
import type { Block, SheetPlan } from "../../sheets/plan";
import { blockWidth } from "./cells";

/** Excel's default column width in characters (Calibri 11). */
export const DEFAULT_COLUMN_WIDTH = 8.43;
const LINE_HEIGHT_PT = 15;
/** A note paragraph gets at least this many characters of width before it wraps. */
const MIN_NOTE_WIDTH = 60;
const MAX_NOTE_COLUMNS = 30;
/** Prose averages narrower than the "0" a width unit is measured in. */
const CHARS_PER_WIDTH_UNIT = 1.15;

export interface NoteSpan {
  row: number;
  col: number;
  lastCol: number;
  /** Row height in points, or undefined to keep the default. */
  height?: number;
}

const occupied = (blocks: Block[], row: number, col: number): boolean =>
  blocks.some((b) => {
    const r = row - b.row;
    const c = col - b.col;
    if (r < 0 || r >= b.cells.length || c < 0) return false;
    const cell = b.cells[r][c];
    return cell !== undefined && cell !== null;
  });

/**
 * Where each note paragraph goes: merged across the free columns to its right (up to the
 * sheet's used width, or MIN_NOTE_WIDTH characters), wrapped, with a row height estimated
 * from its length. Wrapped text in a lone default-width column would be a tall thin ribbon,
 * and neither Excel nor LibreOffice reliably grows row heights for merged cells.
 */
export function noteSpans(plan: SheetPlan): NoteSpan[] {
  const widthOf = (c: number) => plan.columnWidths?.[c] ?? DEFAULT_COLUMN_WIDTH;
  const others = plan.blocks.filter((b) => b.style !== "note");
  const usedRight = others.reduce((m, b) => Math.max(m, b.col + blockWidth(b) - 1), 0);
  const spans: NoteSpan[] = [];
  for (const block of plan.blocks) {
    if (block.style !== "note") continue;
    block.cells.forEach((cells, i) => {
      const text = cells[0];
      if (typeof text !== "string" || text.length === 0) return;
      const row = block.row + i;
      const col = block.col;
      let lastCol = col;
      let width = widthOf(col);
      if (text.length > width || text.includes("\n")) {
        while (lastCol - col < MAX_NOTE_COLUMNS) {
          const next = lastCol + 1;
          if (next > usedRight && width >= MIN_NOTE_WIDTH) break;
          if (occupied(plan.blocks, row, next)) break;
          lastCol = next;
          width += widthOf(next);
        }
      }
      const perLine = Math.max(1, Math.floor(width * CHARS_PER_WIDTH_UNIT));
      const lines = text
        .split("\n")
        .reduce((n, para) => n + Math.max(1, Math.ceil(para.length / perLine)), 0);
      spans.push({ row, col, lastCol, height: lines > 1 ? lines * LINE_HEIGHT_PT : undefined });
    });
  }
  return spans;
}

/** What ExcelJS needs as the sheet is created: its streaming writer writes the sheet's
 *  properties and views before the first row, so neither can be set later. */
export function sheetOptions(plan: SheetPlan): Partial<AddWorksheetOptions> {
  const f = plan.freeze;
  return {
    // Printed (and PDF) copies keep tables and charts whole across the page: one page wide,
    // as many pages tall as needed.
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views:
      f && (f.rows > 0 || f.cols > 0)
        ? [{ state: "frozen", xSplit: f.cols, ySplit: f.rows, topLeftCell: a1(f.rows, f.cols) }]
        : [],
  };
}

/** Column widths; must come before the first row (the streaming writer writes <cols> then). */
export function setColumnWidths(ws: Worksheet, plan: SheetPlan): void {
  plan.columnWidths?.forEach((w, c) => {
    if (typeof w === "number" && w > 0) ws.getColumn(c + 1).width = w;
  });
}

/** Merges and heights for the note rows, applied to each row after its cells are set and before
 *  it is committed (a committed row can no longer be merged). */
export function rowLayout(plan: SheetPlan): (ws: Worksheet, row: Row) => void {
  const byRow = new Map<number, NoteSpan[]>();
  for (const s of noteSpans(plan)) byRow.set(s.row, [...(byRow.get(s.row) ?? []), s]);
  return (ws, row) => {
    for (const s of byRow.get(row.number - 1) ?? []) {
      if (s.lastCol > s.col) ws.mergeCells(s.row + 1, s.col + 1, s.row + 1, s.lastCol + 1);
      if (s.height !== undefined) row.height = s.height;
    }
  };
}
