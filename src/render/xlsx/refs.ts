/** A1 ranges in chart plans → sheet-qualified references plus the plan's cached values there. */
import { abs, sheetRef } from "../../sheets/a1";
import { isFormula, type Scalar, type SheetPlan } from "../../sheets/plan";

export interface CellRange {
  sheet: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const RANGE_RE =
  /^(?:(?:'((?:[^']|'')+)'|([^'!]+))!)?\$?([A-Za-z]{1,3})\$?([0-9]+)(?::\$?([A-Za-z]{1,3})\$?([0-9]+))?$/;

const colIndex = (letters: string): number =>
  letters
    .toUpperCase()
    .split("")
    .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** "$C$6:$C$12", "C5" or "'Other sheet'!$B$2:$B$5"; unqualified refs are on `sheet`. */
export function parseRange(ref: string, sheet: string): CellRange {
  const m = RANGE_RE.exec(ref.trim());
  if (!m) throw new Error(`Chart reference "${ref}" on sheet "${sheet}" is not an A1 cell or range`);
  const name = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2] ?? sheet;
  const r1 = parseInt(m[4], 10) - 1;
  const c1 = colIndex(m[3]);
  const r2 = m[6] !== undefined ? parseInt(m[6], 10) - 1 : r1;
  const c2 = m[5] !== undefined ? colIndex(m[5]) : c1;
  return { sheet: name, r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}

/** "'Sheet name'!$B$2:$B$5": charts need sheet-qualified references. */
export function qualifiedRef(r: CellRange): string {
  const a = abs(r.r1, r.c1);
  return sheetRef(r.sheet, r.r1 === r.r2 && r.c1 === r.c2 ? a : `${a}:${abs(r.r2, r.c2)}`);
}

/** The cells of a one-row or one-column range, in order. */
export function rangeCells(r: CellRange, what: string): [number, number][] {
  if (r.r1 !== r.r2 && r.c1 !== r.c2)
    throw new Error(`${what} ${qualifiedRef(r)} must be a single row or column`);
  const out: [number, number][] = [];
  for (let row = r.r1; row <= r.r2; row++) for (let col = r.c1; col <= r.c2; col++) out.push([row, col]);
  return out;
}

export interface CellLookup {
  /** The cell's value as the plan computed it (a formula's cached value), null when empty. */
  value(sheet: string, row: number, col: number): Scalar;
  /** The number format the renderer gives the cell, if any. */
  format(sheet: string, row: number, col: number): string | undefined;
}

export function planLookup(plans: SheetPlan[]): CellLookup {
  const byName = new Map(plans.map((p) => [p.name.toLowerCase(), p]));
  const find = (sheet: string, row: number, col: number) => {
    const plan = byName.get(sheet.toLowerCase());
    if (!plan) throw new Error(`Chart reference to sheet "${sheet}", which is not being built`);
    // Later blocks win where blocks overlap, as in the cells written.
    for (let i = plan.blocks.length - 1; i >= 0; i--) {
      const b = plan.blocks[i];
      const r = row - b.row;
      const c = col - b.col;
      if (r < 0 || r >= b.cells.length || c < 0 || c >= b.cells[r].length) continue;
      const cell = b.cells[r][c];
      if (cell === null || cell === undefined) continue;
      const isHeader = r === 0 && (b.style === "table" || b.style === "header");
      return { cell, format: isHeader ? undefined : b.formats?.[c] };
    }
    return undefined;
  };
  return {
    value(sheet, row, col) {
      const hit = find(sheet, row, col);
      if (!hit) return null;
      return isFormula(hit.cell) ? hit.cell.v : hit.cell;
    },
    format(sheet, row, col) {
      return find(sheet, row, col)?.format;
    },
  };
}
