/**
 * How a sheet prints: its print area, one page wide, and page breaks placed only where a section
 * starts, so no chart and no short table is split across pages. The pages are counted as Excel and
 * LibreOffice count them: the area is scaled down to the page's width, and a page holds as many
 * scaled rows as its height allows (less a margin for rows drawn a little taller than estimated).
 */
import { DEFAULT_ROW_HEIGHT, lineHeight, occupiedCells, shownValue } from "./measure";
import { LOOKS, roleOf } from "../render/style-table";
import { displayText, widthNeeded } from "./fit";
import type { PrintPlan, SheetPlan } from "./plan";

/** US Letter with Excel's default margins (0.7" left and right, 0.75" top and bottom), in points. */
const PAGE = { long: 11 * 72, short: 8.5 * 72, sideMargins: 1.4 * 72, endMargins: 1.5 * 72 };
/** Rows are drawn a little taller than their nominal height by some programs: leave room. */
const HEIGHT_SAFETY = 0.94;

/** A column `width` characters wide, in points (Excel: width × 7 + 5 pixels at 96 dpi). */
export const columnPoints = (width: number): number => (width * 7 + 5) * 0.75;

/** Each row's height in points, as drawn: explicit heights, else the tallest font in the row. */
export function rowPoints(plan: SheetPlan, rows: number): number[] {
  const heights: number[] = Array.from({ length: rows }, (_, r) => plan.rowHeights?.[r] ?? DEFAULT_ROW_HEIGHT);
  for (const b of plan.blocks) {
    b.cells.forEach((row, r) => {
      const at = b.row + r;
      if (at >= rows || plan.rowHeights?.[at] !== undefined) return;
      row.forEach((_, c) => (heights[at] = Math.max(heights[at], lineHeight(LOOKS[roleOf(b, r, c)].size ?? 11))));
    });
  }
  return heights;
}

/** The columns the sheet reaches: its cells and charts, and text running on into empty cells. */
function lastColumn(plan: SheetPlan): number {
  const widths = plan.columnWidths ?? [];
  const charts = (plan.charts ?? []).map((c) => ({ row: c.at.row, col: c.at.col, rows: c.at.height, cols: c.at.width }));
  const occupied = occupiedCells(plan.blocks, [...(plan.merges ?? []), ...charts]);
  let last = Math.max(0, ...charts.map((c) => c.col + c.cols - 1), ...(plan.merges ?? []).map((m) => m.col + m.cols - 1));
  for (const b of plan.blocks) {
    b.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        const v = shownValue(cell);
        if (v === null || v === undefined || v === "") return;
        let col = b.col + c;
        last = Math.max(last, col);
        if (typeof v !== "string" || LOOKS[roleOf(b, r, c)].wrap) return;
        // Text runs on to the right while the cells there are empty.
        let room = widths[col] ?? 8.43;
        const need = widthNeeded(displayText(v), LOOKS[roleOf(b, r, c)].size);
        while (room < need && !occupied(b.row + r, col + 1)) room += widths[++col] ?? 8.43;
        last = Math.max(last, col);
      })
    );
  }
  return last;
}

function lastRow(plan: SheetPlan): number {
  let last = 0;
  for (const b of plan.blocks) last = Math.max(last, b.row + b.cells.length - 1);
  for (const c of plan.charts ?? []) last = Math.max(last, c.at.row + c.at.height - 1);
  return last;
}

/** Page breaks for a page `pageHeight` points tall (scaled): before the section that would not
 *  fit, or, in a section taller than a page, at the last row that fits, never inside a chart. */
function breaksFor(heights: number[], pageHeight: number, sectionStarts: readonly number[], unbreakable: readonly [number, number][]): number[] {
  const y = [0];
  for (const h of heights) y.push(y[y.length - 1] + h);
  const inChart = (row: number) => unbreakable.some(([first, last]) => row > first && row <= last);
  const breaks: number[] = [];
  let pageTop = 0;
  for (let r = 0; r < heights.length; r++) {
    if (y[r + 1] - y[pageTop] <= pageHeight || r === pageTop) continue;
    const section = sectionStarts.filter((s) => s > pageTop && s <= r).pop();
    let at = section ?? r;
    while (at > pageTop + 1 && inChart(at)) at--;
    breaks.push(at);
    pageTop = at;
  }
  return breaks;
}

/** The print set-up: landscape unless portrait prints on fewer pages. */
export function paginate(plan: SheetPlan, sectionStarts: readonly number[], unbreakable: readonly [number, number][]): PrintPlan {
  const area = { row: 0, col: 0, rows: lastRow(plan) + 1, cols: lastColumn(plan) + 1 };
  const width = (plan.columnWidths ?? []).slice(0, area.cols).reduce((n, w) => n + columnPoints(w ?? 8.43), 0) + Math.max(0, area.cols - (plan.columnWidths ?? []).length) * columnPoints(8.43);
  const heights = rowPoints(plan, area.rows);
  const layout = (orientation: PrintPlan["orientation"]) => {
    const pageWidth = (orientation === "landscape" ? PAGE.long : PAGE.short) - PAGE.sideMargins;
    const pageHeight = (orientation === "landscape" ? PAGE.short : PAGE.long) - PAGE.endMargins;
    // Programs print at whole percents, rounded down.
    const scale = Math.min(1, Math.floor((pageWidth / width) * 100) / 100);
    return { orientation, rowBreaks: breaksFor(heights, (pageHeight * HEIGHT_SAFETY) / scale, sectionStarts, unbreakable) };
  };
  const landscape = layout("landscape");
  const portrait = layout("portrait");
  const best = portrait.rowBreaks.length < landscape.rowBreaks.length && landscape.rowBreaks.length >= 3 ? portrait : landscape;
  return { area, ...best };
}
