/**
 * Reading a recalculated sheet the way a user reads it: find a label, take the cell to its
 * right; find a table by its header row, take the rows under it. Shared by the RVU Leakage and
 * Target Tracker workbook tests.
 */
import { a1 } from "../../src/sheets/a1";
import { isFormula, type SheetPlan } from "../../src/sheets/plan";
import * as path from "path";
import { readSheet, type CellValue } from "../helpers/libreoffice";

export const REL = 1e-9;

export class Grid {
  constructor(readonly cells: Map<string, CellValue>) {}

  at(row: number, col: number): CellValue {
    return this.cells.get(a1(row, col)) ?? null;
  }

  /** Every (row, col) in `col` (default any column) whose text is exactly `text`. */
  find(text: string, col?: number, maxRow = 400, maxCol = 40): [number, number][] {
    const hits: [number, number][] = [];
    for (let r = 0; r < maxRow; r++) {
      for (let c = col ?? 0; c <= (col ?? maxCol); c++) if (this.at(r, c) === text) hits.push([r, c]);
    }
    return hits;
  }

  /** The value directly to the right of the one cell in column A (labels' column), or in any
   *  column when `anywhere`, labelled `label`. */
  figure(label: string, anywhere = false): CellValue {
    const hits = this.find(label, anywhere ? undefined : 0);
    if (hits.length !== 1) throw new Error(`label "${label}" found ${hits.length} times`);
    const [r, c] = hits[0];
    return this.at(r, c + 1);
  }

  /** The rows under the one header row that reads `headers` left to right; rows end at a
   *  blank first cell. */
  table(headers: readonly string[]): CellValue[][] {
    const starts = this.find(headers[0]).filter(([r, c]) => headers.every((h, i) => this.at(r, c + i) === h));
    if (starts.length !== 1) throw new Error(`table [${headers.join(", ")}] found ${starts.length} times`);
    const [r0, c0] = starts[0];
    const rows: CellValue[][] = [];
    for (let r = r0 + 1; this.at(r, c0) !== null; r++) rows.push(headers.map((_, i) => this.at(r, c0 + i)));
    return rows;
  }
}

/** Equal as a spreadsheet shows it: numbers to 1e-9 relative, a blank formula result ("")
 *  equal to an empty cell. */
export function same(actual: CellValue | undefined, expected: CellValue | undefined): boolean {
  if (typeof expected === "number") {
    return typeof actual === "number" && Math.abs(actual - expected) <= REL * Math.max(1, Math.abs(expected));
  }
  const blank = (v: CellValue | undefined) => v === null || v === undefined || v === "";
  if (blank(expected)) return blank(actual);
  return actual === expected;
}

/** Mismatches as readable lines ("what: got X, want Y"), so one failure shows them all. */
export class Mismatches {
  readonly lines: string[] = [];
  check(what: string, actual: CellValue | undefined, expected: CellValue | undefined): void {
    if (!same(actual, expected)) this.lines.push(`${what}: got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}`);
  }
  rows(what: string, actual: CellValue[][], expected: CellValue[][]): void {
    if (actual.length !== expected.length) {
      this.lines.push(`${what}: ${actual.length} rows, want ${expected.length}`);
      return;
    }
    expected.forEach((row, r) => row.forEach((v, c) => this.check(`${what} row ${r + 1} col ${c + 1}`, actual[r][c], v)));
  }
}

/** Every formula cell of a plan: its address and the cached value the plan wrote. */
export function planFormulas(plan: SheetPlan): { address: string; cached: CellValue; f: string }[] {
  const out: { address: string; cached: CellValue; f: string }[] = [];
  for (const b of plan.blocks) {
    b.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (isFormula(cell)) out.push({ address: a1(b.row + r, b.col + c), cached: cell.v, f: cell.f });
      })
    );
  }
  return out;
}

/**
 * Every cell of `sheets` as built against the same recalculated: the lines where a cached value is
 * not the engine's. `numbersOnly` leaves sentences out (their dollars at an exact half are Excel's
 * rounding in the cache, which LibreOffice rounds the other way).
 */
export async function compareCached(built: string, recalc: string, sheets: string[], numbersOnly = false): Promise<string[]> {
  const out: string[] = [];
  for (const sheet of sheets) {
    const before = await readSheet(built, sheet);
    const mm = new Mismatches();
    for (const [address, v] of await readSheet(recalc, sheet)) {
      if (!numbersOnly || typeof v === "number") mm.check(`${path.basename(built)} ${sheet}!${address}`, before.get(address) ?? null, v);
    }
    out.push(...mm.lines);
  }
  return out;
}
