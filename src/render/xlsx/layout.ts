/** Sheet-level layout as ExcelJS writes it: column widths, frozen panes, merges, row heights and
 *  the print set-up, all from the plan (the layout engine decided them; see src/sheets/layout.ts). */
import type { AddWorksheetOptions, Row, Worksheet } from "exceljs";
import { a1 } from "../../sheets/a1";
import type { SheetPlan } from "../../sheets/plan";

/** Excel's default column width in characters (Calibri 11). */
export const DEFAULT_COLUMN_WIDTH = 8.43;
/** ExcelJS's paper size for US Letter (its PaperSize enum's value, not exported as a type). */
const LETTER = 1 as unknown as NonNullable<AddWorksheetOptions["pageSetup"]>["paperSize"];

/** What ExcelJS needs as the sheet is created: its streaming writer writes the sheet's
 *  properties and views before the first row, so neither can be set later. */
export function sheetOptions(plan: SheetPlan): Partial<AddWorksheetOptions> {
  const f = plan.freeze;
  return {
    // One page wide, as many pages tall as the plan's breaks make.
    pageSetup: { orientation: plan.print?.orientation ?? "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: LETTER },
    views:
      f && (f.rows > 0 || f.cols > 0)
        ? [{ state: "frozen", xSplit: f.cols, ySplit: f.rows, topLeftCell: a1(f.rows, f.cols) }]
        : [],
  };
}

/** Column widths and page breaks; must come before the first row (the streaming writer writes
 *  <cols> then, and keeps the breaks for the sheet's end). */
export function setColumnWidths(ws: Worksheet, plan: SheetPlan): void {
  plan.columnWidths?.forEach((w, c) => {
    if (typeof w === "number" && w > 0) ws.getColumn(c + 1).width = w;
  });
  // <brk id="n"> breaks above the 0-based row n (below the 1-based row n).
  const breaks = (ws as unknown as { rowBreaks: { id: number; max: number; man: number }[] }).rowBreaks;
  for (const row of plan.print?.rowBreaks ?? []) breaks.push({ id: row, max: 16383, man: 1 });
}

/** Merges and heights, applied to each row after its cells are set and before it is committed
 *  (a committed row can no longer be merged). */
export function rowLayout(plan: SheetPlan): (ws: Worksheet, row: Row) => void {
  const merges = new Map<number, NonNullable<SheetPlan["merges"]>>();
  for (const m of plan.merges ?? []) merges.set(m.row, [...(merges.get(m.row) ?? []), m]);
  return (ws, row) => {
    const r = row.number - 1;
    for (const m of merges.get(r) ?? []) if (m.rows > 1 || m.cols > 1) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
    const height = plan.rowHeights?.[r];
    if (height !== undefined) row.height = height;
  };
}
