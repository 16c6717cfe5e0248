/**
 * Plan cells → ExcelJS cell values and styles, row by row in ascending order (planRows): the
 * order ExcelJS's streaming WorkbookWriter needs, so a million-row log is written and freed a
 * row at a time (see stream.ts).
 */
import type { CellValue, Style } from "exceljs";
import { isFormula, type Block, type PlanCell, type SheetPlan } from "../../sheets/plan";
import { toFileFormula } from "./formula";
import { StyleBook } from "./styles";
import { roleOf, type CellRole } from "../style-table";

// Excel's limit on the text in one cell (core/limits); longer text makes Excel refuse the file.
import { EXCEL_CELL_TEXT as MAX_CELL_TEXT } from "../../core/limits";
export { MAX_CELL_TEXT };

const ERROR_LITERALS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);

/** Text as ExcelJS will store it: always a string cell (shared string, t="s"), so text from
 *  user data that starts with = + - @ stays text. Strips the two code points XML cannot hold
 *  (ExcelJS already drops control characters) and cuts at Excel's length limit. */
export function cellText(s: string): string {
  let t = /[\uFFFE\uFFFF]/.test(s) ? s.replace(/[\uFFFE\uFFFF]/g, "") : s;
  if (t.length > MAX_CELL_TEXT) t = t.slice(0, MAX_CELL_TEXT);
  return t;
}

/** NaN or Infinity has no spelling in a file; #NUM! is what Excel shows for it. */
const NUM_ERROR = { error: "#NUM!" } as const;

export function toCellValue(cell: PlanCell): CellValue {
  if (cell === null || cell === undefined) return null;
  switch (typeof cell) {
    case "string":
      return cellText(cell);
    case "number":
      return Number.isFinite(cell) ? cell : NUM_ERROR;
    case "boolean":
      return cell;
  }
  if (isFormula(cell)) {
    const v = cell.v;
    let result: number | string | boolean | { error: string } | undefined;
    if (typeof v === "number") result = Number.isFinite(v) ? v : NUM_ERROR;
    // A formula's cached result spelled like an Excel error is that error (the core computed
    // #DIV/0! etc.), written as an error value so the cached and recalculated cells agree.
    else if (typeof v === "string") result = ERROR_LITERALS.has(v) ? { error: v } : cellText(v);
    else if (typeof v === "boolean") result = v;
    return { formula: toFileFormula(cell.f), result } as CellValue;
  }
  throw new Error(`Not a plan cell: ${JSON.stringify(cell)}`);
}

/** Roles whose look matters even with nothing typed in yet: an empty input is still an input. */
const STYLED_WHEN_EMPTY = new Set<CellRole>(["header", "input"]);

export interface PlacedCell {
  col: number;
  value: CellValue;
  style: Partial<Style>;
}

/** The widest row of a block (rows may be ragged). */
export const blockWidth = (b: Block): number => b.cells.reduce((w, row) => Math.max(w, row.length), 0);

interface ActiveBlock {
  block: Block;
  order: number;
  last: number;
  /** Widest row, for rows styled out to the block's edge; measured once per block, since an
   *  "assumptions" block would otherwise be scanned again for every one of its rows. */
  width: number;
}

function placeRow({ block, width: fullWidth }: ActiveBlock, r: number, styles: StyleBook, out: PlacedCell[]): void {
  const row = block.cells[r];
  const width = STYLED_WHEN_EMPTY.has(roleOf(block, r, 1)) ? fullWidth : row.length;
  for (let c = 0; c < width; c++) {
    const cell = c < row.length ? row[c] : null;
    const role = roleOf(block, r, c);
    if ((cell === null || cell === undefined) && !STYLED_WHEN_EMPTY.has(role)) continue;
    const fmt = role === "header" ? undefined : block.formats?.[c];
    const align = role === "header" ? undefined : block.align?.[c];
    out.push({ col: block.col + c, value: toCellValue(cell), style: styles.get(role, fmt, align) });
  }
}

/**
 * The plan's cells, row by row in ascending row order, each row's cells in ascending column
 * order. Where blocks overlap, the later block in plan order wins.
 */
export function* planRows(plan: SheetPlan, styles: StyleBook): Generator<[number, PlacedCell[]]> {
  const blocks: ActiveBlock[] = plan.blocks
    .map((block, order) => ({ block, order, last: block.row + block.cells.length - 1, width: 0 }))
    .filter((b) => b.block.cells.length > 0)
    .sort((a, b) => a.block.row - b.block.row || a.order - b.order);
  let next = 0;
  let active: ActiveBlock[] = [];
  let r = blocks.length ? blocks[0].block.row : 0;
  while (next < blocks.length || active.length > 0) {
    if (active.length === 0) r = Math.max(r, blocks[next].block.row);
    let added = false;
    while (next < blocks.length && blocks[next].block.row <= r) {
      const b = blocks[next++];
      b.width = blockWidth(b.block);
      active.push(b);
      added = true;
    }
    if (added) active.sort((a, b) => a.order - b.order);
    const cells: PlacedCell[] = [];
    for (const b of active) placeRow(b, r - b.block.row, styles, cells);
    if (active.length > 1) {
      // Stable sort keeps plan order within a column; keep the last cell of each column.
      cells.sort((a, b) => a.col - b.col);
      let w = 0;
      for (let i = 0; i < cells.length; i++) {
        if (i + 1 < cells.length && cells[i + 1].col === cells[i].col) continue;
        cells[w++] = cells[i];
      }
      cells.length = w;
    }
    if (cells.length) yield [r, cells];
    // Most rows end no block: keep the array rather than copy it a million times.
    if (active.some((b) => b.last <= r)) active = active.filter((b) => b.last > r);
    r++;
  }
}
