/**
 * An .xlsx file → the RawTable ClinPay reads: a named Excel table (any sheet), else a sheet of
 * that name, else the first visible worksheet; the header is the first non-empty row (a table's
 * own header row), and a sheet's columns are every column its first 30 non-empty rows use (a
 * title in A1 must not narrow the table whose real header the export reader finds below it). One reader for every size: the wanted sheet is streamed a row at a time and
 * each row kept only as its values, so a million-row log costs its values and no more, and
 * nothing is written to disk on the way.
 */
import { cellText, isBlank } from "../../core/table";
import { HEADER_SEARCH_ROWS } from "../../core/exports/header-row";
import type { RawTable, RawValue } from "../../core/inputs/types";
import { readLayout, tablesOf, type SheetEntry, type TableEntry } from "./parts";
import { readSheet, type SheetCell } from "./sheet";
import { DamagedWorkbook, Package } from "./zip";

/** Cells ClinPay keeps from one table (rows × columns): far past any log (a million rows of 40
 *  columns), and short of what would exhaust memory on a laptop. */
export const MAX_TABLE_CELLS = 60_000_000;

export class TooManyCells extends Error {
  constructor(readonly rows: number, readonly cols: number) {
    super(`${rows} rows of ${cols} columns`);
  }
}

/** The part to stream and, for a table, the rectangle to keep (1-based, inclusive). */
interface Target {
  part: string;
  label: string;
  table?: TableEntry;
}

async function findTarget(pkg: Package, sheets: SheetEntry[], file: string, tableName?: string): Promise<Target> {
  const worksheets = sheets.filter((s) => s.part !== "" && pkg.has(s.part));
  if (worksheets.length === 0) throw new DamagedWorkbook("it has no worksheets");
  if (tableName) {
    const wanted = tableName.toLowerCase();
    for (const sheet of worksheets) {
      const table = (await tablesOf(pkg, sheet.part)).find((t) => [t.name, t.displayName].some((n) => n.toLowerCase() === wanted));
      if (table) return { part: sheet.part, label: `${file} [${table.name}]`, table };
    }
    const named = worksheets.find((s) => s.name.toLowerCase() === wanted);
    if (named) return { part: named.part, label: `${file} [${named.name}]` };
  }
  const first = worksheets.find((s) => !s.hidden) ?? worksheets[0];
  return { part: first.part, label: `${file} [${first.name}]` };
}

/** Reads the wanted table of an .xlsx held in `buf`. Throws DamagedWorkbook, TooBigWhenUnpacked or TooManyCells. */
export async function readWorkbook(buf: Buffer, file: string, tableName?: string): Promise<RawTable> {
  const pkg = await Package.open(buf);
  const layout = await readLayout(pkg);
  const target = await findTarget(pkg, layout.sheets, file, tableName);
  const table = new TableCollector(target);
  await readSheet(pkg, target.part, layout, (row, cells) => table.add(row, cells));
  return { ...table.finish(), ...(layout.date1904 ? { date1904: true } : {}) };
}

/**
 * Rows → the table: rows before the header skipped, gaps kept as blank rows (so row numbers in
 * messages are the sheet's), trailing blank rows dropped, formulas never calculated recorded. On
 * a sheet, the first HEADER_SEARCH_ROWS non-empty rows are held until the columns they span are
 * known; a table's columns are its own.
 */
class TableCollector {
  private headerRow = 0;
  private haveHeader = false;
  private left: number;
  private right: number;
  private headers: string[] = [];
  private next = 0; // the sheet row the next data row is on: rows skipped in between are blank
  private readonly rows: RawValue[][] = [];
  private readonly uncalculated: NonNullable<RawTable["uncalculated"]> = [];
  private readonly box?: TableEntry;
  /** A sheet's first non-empty rows, held until they say which columns the table spans. */
  private held: { row: number; cells: SheetCell[] }[] = [];

  constructor(private readonly target: Target) {
    this.box = target.table;
    this.left = this.box?.left ?? 0;
    this.right = this.box?.right ?? 0;
    if (this.box && !this.box.header) {
      this.haveHeader = true;
      this.headerRow = this.box.top - 1;
      this.headers = this.box.columns;
      this.next = this.box.top;
    }
  }

  add(row: number, cells: SheetCell[]): void {
    const box = this.box;
    if (box && (row < box.top || row > (box.totals ? box.bottom - 1 : box.bottom))) return;
    if (!box && !this.haveHeader) return this.hold(row, cells);
    if (!this.haveHeader) return this.header(row, cells);
    const width = this.right - this.left + 1;
    while (this.next < row) this.push(new Array(width).fill(null));
    const values: RawValue[] = new Array(width).fill(null);
    for (const c of cells) {
      if (c.col < this.left || c.col > this.right) continue;
      values[c.col - this.left] = c.value;
      if (c.uncalculated) this.uncalculated.push({ row: this.rows.length, col: c.col - this.left, formula: c.uncalculated });
    }
    this.push(values);
  }

  /** On a sheet: keeps the first rows until HEADER_SEARCH_ROWS non-empty ones are in. */
  private hold(row: number, cells: SheetCell[]): void {
    this.held.push({ row, cells });
    if (this.held.filter((h) => filledCols(h.cells).length > 0).length >= HEADER_SEARCH_ROWS) this.release();
  }

  /** The held rows: the first non-empty one is the header, the columns span every non-empty one,
   *  the rows after the header are data (a row of formulas never calculated too). */
  private release(): void {
    const held = this.held;
    this.held = [];
    const first = held.findIndex((h) => filledCols(h.cells).length > 0);
    if (first < 0) return;
    const cols = held.flatMap((h) => filledCols(h.cells));
    [this.left, this.right] = [Math.min(...cols), Math.max(...cols)];
    this.header(held[first].row, held[first].cells);
    for (const h of held.slice(first + 1)) this.add(h.row, h.cells);
  }

  private header(row: number, cells: SheetCell[]): void {
    const inside = this.box ? cells.filter((c) => c.col >= this.box!.left && c.col <= this.box!.right) : cells;
    const filled = inside.filter((c) => !isBlank(c.value));
    if (filled.length === 0) return;
    this.haveHeader = true;
    this.headerRow = row;
    const byCol = new Map(inside.map((c) => [c.col, c.value]));
    this.headers = [];
    for (let c = this.left; c <= this.right; c++) this.headers.push(cellText(byCol.get(c) ?? null).trim());
    this.next = row + 1;
  }

  private push(values: RawValue[]): void {
    this.rows.push(values);
    this.next++;
    if (this.rows.length * values.length > MAX_TABLE_CELLS) throw new TooManyCells(this.rows.length, values.length);
  }

  finish(): RawTable {
    if (!this.haveHeader) this.release();
    while (this.rows.length > 0 && this.rows[this.rows.length - 1].every(isBlank)) this.rows.pop();
    const { label } = this.target;
    if (!this.haveHeader) return { source: label, headers: [], rows: [], headerRow: 1, transient: true };
    return {
      source: label,
      headers: this.headers,
      rows: this.rows,
      headerRow: this.headerRow,
      transient: true,
      ...(this.uncalculated.length ? { uncalculated: this.uncalculated } : {}),
    };
  }
}

/** The columns of a row's cells that hold a value. */
function filledCols(cells: SheetCell[]): number[] {
  return cells.filter((c) => !isBlank(c.value)).map((c) => c.col);
}
