/**
 * An in-memory WorkbookGateway that behaves like Office.js where the renderer's correctness
 * depends on it:
 *  - operations are queued and applied only on sync(); reads send the queue first;
 *  - a batch runs in order and stops at the first failing operation, WITHOUT rolling back what ran
 *    (so tests can fail any operation of any sync and see the real partial state);
 *  - sheet names are unique regardless of case and must be valid Excel names;
 *  - strings written through writeBlock are parsed like typed input ("=" formula, "'" text,
 *    "+1" a number, "@SUM(A1)" a formula ...), so an unguarded injection string is caught.
 * It also records every request (operations between two round trips) with its byte size.
 */
import type { Align, BlockStyle, PrintPlan, Scalar } from "../../src/sheets/plan";
import { a1, parseRange, renameSheetRefs, type Rect } from "../../src/sheets/a1";
import type {
  ChartSpec,
  FormulaInput,
  RangeValues,
  SheetInfo,
  TableInfo,
  WorkbookGateway,
} from "../../src/render/gateway";

export type FakeCell = { f: string } | { v: Scalar };

export interface FakeSheet {
  name: string;
  mark: string | null;
  /** row -> col -> cell */
  cells: Map<number, Map<number, FakeCell>>;
  /** "r,c" -> number format */
  formats: Map<string, string>;
  styles: { row: number; col: number; rows: number; cols: number; style: BlockStyle }[];
  widths: Record<number, number>;
  freeze: { rows: number; cols: number } | null;
  charts: ChartSpec[];
  /** "r,c" -> alignment */
  aligns: Map<string, Align>;
  merges: Rect[];
  heights: Record<number, number>;
  print: PrintPlan | null;
}

export interface RequestRecord {
  /** 1-based round-trip number. */
  sync: number;
  kind: "sync" | "read";
  ops: number;
  bytes: number;
  opNames: string[];
}

/** Fail the `sync`-th round trip. `atOp`: index of the operation that throws (the ones before it
 *  are applied, as in Office); default 0 (nothing applied). `lostResponse`: apply everything, then
 *  throw, as when the connection drops after Excel did the work. */
export interface FailurePlan {
  sync: number;
  atOp?: number;
  lostResponse?: boolean;
}

interface Op {
  name: string;
  bytes: number;
  apply(): void;
}

const INVALID_NAME = /[:\\/?*[\]]/;
/** Excel's rule for table names, the parts a test can trip: a letter, _ or \ first, then no
 *  spaces or punctuation beyond . and _, and not something that reads as a cell reference. */
const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]{0,254}$/;
const CELL_LIKE = /^([A-Za-z]{1,3}\d+|[RrCc]\d*|[Rr]\d*[Cc]\d*)$/;

/** "B3" or "B3:D9" to a 0-based rectangle; a bad address fails as Excel's InvalidArgument does. */
export function parseAddress(address: string): Rect {
  const r = parseRange(address);
  if (!r) throw new Error(`InvalidArgument: bad address "${address}"`);
  return r;
}

function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 ? 2 : 1;
  }
  return n;
}

/** How Excel stores a string typed into a cell (the part that matters here; dates not modelled). */
export function parseTypedInput(s: string): FakeCell | null {
  if (s === "") return null;
  if (s[0] === "'") return { v: s.slice(1) };
  if (s[0] === "=") return { f: s.slice(1) };
  const t = s.trim();
  if (/^[+-]?(\d[\d,]*(\.\d*)?|\.\d+)(e[+-]?\d+)?%?$/i.test(t)) {
    const pct = t.endsWith("%");
    const n = Number(t.replace(/[,%]/g, ""));
    if (Number.isFinite(n)) return { v: pct ? n / 100 : n };
  }
  if (/^(true|false)$/i.test(t)) return { v: t.toLowerCase() === "true" };
  // Excel turns "+x", "-x" and "@x" into formulas (=+x, =-x, =x).
  if (s[0] === "+" || s[0] === "-") return { f: s };
  if (s[0] === "@") return { f: s.slice(1) };
  return { v: s };
}

export class FakeWorkbook implements WorkbookGateway {
  sheets: FakeSheet[] = [];
  active = "";
  tables: { name: string; sheet: string; row: number; col: number; values: Scalar[][] }[] = [];
  selection: { sheet: string; row: number; col: number; rows: number; cols: number } | null = null;
  /** Every selectRange that reached the workbook, in order, as the pane asked for it. */
  selections: { sheet: string; address: string }[] = [];
  /** Excel's "Use 1904 date system": the serials a date cell holds count from 1904. */
  date1904 = false;
  /** The workbook's settings (Excel's workbook.settings). */
  settings = new Map<string, string>();

  roundTrips = 0;
  requests: RequestRecord[] = [];
  failure: FailurePlan | null = null;
  private queue: Op[] = [];

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const n of sheetNames) this.sheets.push(this.newSheet(n));
    this.active = sheetNames[0] ?? "";
  }

  // ---- test set-up and inspection (immediate, not queued) ----

  private newSheet(name: string): FakeSheet {
    return { name, mark: null, cells: new Map(), formats: new Map(), styles: [], widths: {}, freeze: null, charts: [], aligns: new Map(), merges: [], heights: {}, print: null };
  }

  /** Add a sheet with content right away (a user's sheet, or an earlier ClinPay build). */
  seedSheet(name: string, cells: Record<string, Scalar | { f: string }> = {}, mark: string | null = null): FakeSheet {
    const s = this.newSheet(name);
    s.mark = mark;
    for (const [ref, value] of Object.entries(cells)) {
      const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
      let col = 0;
      for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
      this.put(s, Number(m[2]) - 1, col - 1, typeof value === "object" && value !== null ? { f: value.f } : { v: value });
    }
    this.sheets.push(s);
    return s;
  }

  find(name: string): FakeSheet | undefined {
    const u = name.toUpperCase();
    return this.sheets.find((s) => s.name.toUpperCase() === u);
  }

  private mustFind(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw new Error(`ItemNotFound: no sheet "${name}"`);
    return s;
  }

  /** The cell at an A1 reference ("B3"), or undefined when empty. */
  cell(sheet: string, ref: string): FakeCell | undefined {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) throw new Error(`bad ref ${ref}`);
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    return this.mustFind(sheet).cells.get(Number(m[2]) - 1)?.get(col - 1);
  }

  format(sheet: string, ref: string): string | undefined {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    return this.mustFind(sheet).formats.get(`${Number(m[2]) - 1},${col - 1}`);
  }

  cellCount(sheet: string): number {
    let n = 0;
    for (const r of this.mustFind(sheet).cells.values()) n += r.size;
    return n;
  }

  /** Everything a user could see, as plain data, for deep-equal comparisons. */
  snapshot(): unknown {
    return {
      active: this.active,
      sheets: this.sheets.map((s) => ({
        name: s.name,
        mark: s.mark,
        cells: [...s.cells.entries()]
          .sort((x, y) => x[0] - y[0])
          .flatMap(([r, row]) => [...row.entries()].sort((x, y) => x[0] - y[0]).map(([c, v]) => [a1(r, c), v])),
        formats: [...s.formats.entries()].sort(),
        styles: s.styles,
        widths: s.widths,
        freeze: s.freeze,
        charts: s.charts,
        aligns: [...s.aligns.entries()].sort(),
        merges: s.merges,
        heights: s.heights,
        print: s.print,
      })),
    };
  }

  private put(s: FakeSheet, row: number, col: number, cell: FakeCell | null): void {
    let r = s.cells.get(row);
    if (!cell) {
      r?.delete(col);
      return;
    }
    if (!r) s.cells.set(row, (r = new Map()));
    r.set(col, cell);
  }

  // ---- the queue ----

  private enqueue(name: string, args: unknown, apply: () => void): void {
    this.queue.push({ name, bytes: utf8Bytes(JSON.stringify({ op: name, args })), apply });
  }

  private send(kind: "sync" | "read"): void {
    const ops = this.queue;
    this.queue = [];
    this.roundTrips++;
    this.requests.push({
      sync: this.roundTrips,
      kind,
      ops: ops.length,
      bytes: ops.reduce((n, o) => n + o.bytes, 0),
      opNames: ops.map((o) => o.name),
    });
    const fail = this.failure && this.failure.sync === this.roundTrips ? this.failure : null;
    const stopAt = fail && !fail.lostResponse ? fail.atOp ?? 0 : ops.length;
    for (let i = 0; i < ops.length; i++) {
      if (i === stopAt) throw new Error(`fake: round trip ${this.roundTrips} failed at operation ${i} (${ops[i].name})`);
      ops[i].apply(); // a real failure here also stops the batch, leaving the prefix applied
    }
    if (fail) throw new Error(`fake: round trip ${this.roundTrips} lost its response`);
  }

  async sync(): Promise<void> {
    this.send("sync");
  }

  // ---- reads ----

  async listSheets(): Promise<SheetInfo[]> {
    this.send("read");
    return this.sheets.map((s, i) => ({ name: s.name, mark: s.mark, position: i, active: s.name === this.active }));
  }

  async listTables(): Promise<TableInfo[]> {
    this.send("read");
    return this.tables.map((t) => ({
      name: t.name,
      sheet: t.sheet,
      address: `${a1(t.row, t.col)}:${a1(t.row + t.values.length - 1, t.col + (t.values[0]?.length ?? 1) - 1)}`,
    }));
  }

  async uses1904Dates(): Promise<boolean> {
    this.send("read");
    return this.date1904;
  }

  async readSetting(key: string): Promise<string | null> {
    this.send("read");
    return this.settings.get(key) ?? null;
  }

  writeSetting(key: string, value: string): void {
    this.enqueue("writeSetting", { key, value }, () => {
      this.settings.set(key, value);
    });
  }

  async readTableValues(table: string): Promise<Scalar[][]> {
    this.send("read");
    const t = this.tables.find((x) => x.name.toUpperCase() === table.toUpperCase());
    if (!t) throw new Error(`ItemNotFound: no table "${table}"`);
    return t.values.map((r) => [...r]);
  }

  /** Cell values of a rectangle as Office returns them: "" for empty cells and for formulas
   *  (the fake does not calculate). */
  private valuesOf(sheet: string, rect: { row: number; col: number; rows: number; cols: number }): Scalar[][] {
    const s = this.mustFind(sheet);
    const values: Scalar[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const row: Scalar[] = [];
      for (let c = 0; c < rect.cols; c++) {
        const cell = s.cells.get(rect.row + r)?.get(rect.col + c);
        row.push(cell === undefined ? "" : "v" in cell ? cell.v : "");
      }
      values.push(row);
    }
    return values;
  }

  async readSelection(): Promise<RangeValues> {
    this.send("read");
    const sel = this.selection ?? { sheet: this.active, row: 0, col: 0, rows: 1, cols: 1 };
    return {
      sheet: sel.sheet,
      address: `${a1(sel.row, sel.col)}:${a1(sel.row + sel.rows - 1, sel.col + sel.cols - 1)}`,
      values: this.valuesOf(sel.sheet, sel),
    };
  }

  async readRange(sheet: string, address: string): Promise<Scalar[][]> {
    this.send("read");
    return this.valuesOf(sheet, parseAddress(address));
  }

  // ---- queued writes ----

  private checkName(name: string, except?: FakeSheet): void {
    if (name.length === 0 || name.length > 31 || INVALID_NAME.test(name) || /^'|'$/.test(name)) {
      throw new Error(`InvalidArgument: bad sheet name "${name}"`);
    }
    const clash = this.find(name);
    if (clash && clash !== except) throw new Error(`ItemAlreadyExists: "${name}"`);
  }

  addSheet(name: string): void {
    this.enqueue("addSheet", { name }, () => {
      this.checkName(name);
      this.sheets.push(this.newSheet(name));
    });
  }

  deleteSheet(name: string): void {
    this.enqueue("deleteSheet", { name }, () => {
      const s = this.mustFind(name);
      if (this.sheets.length === 1) throw new Error("InvalidOperation: cannot delete the only sheet");
      const i = this.sheets.indexOf(s);
      this.sheets.splice(i, 1);
      // Excel activates a neighbour when the active sheet goes.
      if (this.active === s.name) this.active = this.sheets[Math.min(i, this.sheets.length - 1)].name;
    });
  }

  /** As in Excel, every formula that referred to the sheet by its old name refers to it by its new one. */
  renameSheet(from: string, to: string): void {
    this.enqueue("renameSheet", { from, to }, () => {
      const s = this.mustFind(from);
      this.checkName(to, s);
      if (this.active === s.name) this.active = to;
      const old = s.name;
      s.name = to;
      for (const sheet of this.sheets)
        for (const row of sheet.cells.values())
          for (const [c, cell] of row) if ("f" in cell) row.set(c, { f: renameSheetRefs(cell.f, old, to) });
    });
  }

  setSheetPosition(name: string, position: number): void {
    this.enqueue("setSheetPosition", { name, position }, () => {
      const s = this.mustFind(name);
      if (position < 0 || position >= this.sheets.length) throw new Error("InvalidArgument: position");
      this.sheets.splice(this.sheets.indexOf(s), 1);
      this.sheets.splice(position, 0, s);
    });
  }

  activateSheet(name: string): void {
    this.enqueue("activateSheet", { name }, () => {
      this.active = this.mustFind(name).name;
    });
  }

  markSheet(name: string, kind: string): void {
    this.enqueue("markSheet", { name, kind }, () => {
      this.mustFind(name).mark = kind;
    });
  }

  writeBlock(sheet: string, row: number, col: number, data: FormulaInput[][]): void {
    this.enqueue("writeBlock", { sheet, row, col, data }, () => {
      const s = this.mustFind(sheet);
      const width = data[0]?.length ?? 0;
      data.forEach((r, i) => {
        if (r.length !== width) throw new Error("InvalidArgument: the rows of a range write differ in length");
        r.forEach((v, j) => {
          if (v === null) return; // Office leaves the cell as it is
          this.put(s, row + i, col + j, typeof v === "string" ? parseTypedInput(v) : { v });
        });
      });
    });
  }

  setNumberFormat(sheet: string, row: number, col: number, rows: number, cols: number, format: string): void {
    this.enqueue("setNumberFormat", { sheet, row, col, rows, cols, format }, () => {
      const s = this.mustFind(sheet);
      for (let r = row; r < row + rows; r++) for (let c = col; c < col + cols; c++) s.formats.set(`${r},${c}`, format);
    });
  }

  setAlignment(sheet: string, row: number, col: number, rows: number, cols: number, align: Align): void {
    this.enqueue("setAlignment", { sheet, row, col, rows, cols, align }, () => {
      const s = this.mustFind(sheet);
      for (let r = row; r < row + rows; r++) for (let c = col; c < col + cols; c++) s.aligns.set(`${r},${c}`, align);
    });
  }

  mergeCells(sheet: string, row: number, col: number, rows: number, cols: number): void {
    this.enqueue("mergeCells", { sheet, row, col, rows, cols }, () => {
      const s = this.mustFind(sheet);
      const overlaps = (m: Rect) => m.row < row + rows && row < m.row + m.rows && m.col < col + cols && col < m.col + m.cols;
      if (s.merges.some(overlaps)) throw new Error("InvalidArgument: the range overlaps a merged range");
      s.merges.push({ row, col, rows, cols });
    });
  }

  setRowHeight(sheet: string, row: number, points: number): void {
    this.enqueue("setRowHeight", { sheet, row, points }, () => {
      this.mustFind(sheet).heights[row] = points;
    });
  }

  setPrintLayout(sheet: string, print: PrintPlan): void {
    this.enqueue("setPrintLayout", { sheet, print }, () => {
      this.mustFind(sheet).print = JSON.parse(JSON.stringify(print));
    });
  }

  setColumnWidth(sheet: string, col: number, widthChars: number): void {
    this.enqueue("setColumnWidth", { sheet, col, widthChars }, () => {
      this.mustFind(sheet).widths[col] = widthChars;
    });
  }

  styleRange(sheet: string, row: number, col: number, rows: number, cols: number, style: BlockStyle): void {
    this.enqueue("styleRange", { sheet, row, col, rows, cols, style }, () => {
      this.mustFind(sheet).styles.push({ row, col, rows, cols, style });
    });
  }

  freezePanes(sheet: string, rows: number, cols: number): void {
    this.enqueue("freezePanes", { sheet, rows, cols }, () => {
      this.mustFind(sheet).freeze = rows === 0 && cols === 0 ? null : { rows, cols };
    });
  }

  addChart(sheet: string, chart: ChartSpec): void {
    this.enqueue("addChart", { sheet, chart }, () => {
      this.mustFind(sheet).charts.push(JSON.parse(JSON.stringify(chart)));
    });
  }

  suspendCalculation(): void {
    this.enqueue("suspendCalculation", {}, () => undefined);
  }

  selectRange(sheet: string, address: string): void {
    this.enqueue("selectRange", { sheet, address }, () => {
      const s = this.mustFind(sheet);
      this.selection = { sheet: s.name, ...parseAddress(address) };
      this.active = s.name;
      this.selections.push({ sheet: s.name, address });
    });
  }

  /** Writes the cells as writeBlock does, then registers the table over them; what a later
   *  readTableValues returns is what landed in the cells. */
  addTable(sheet: string, name: string, row: number, col: number, data: FormulaInput[][]): void {
    this.enqueue("addTable", { sheet, name, row, col, data }, () => {
      const s = this.mustFind(sheet);
      if (!TABLE_NAME.test(name) || CELL_LIKE.test(name)) throw new Error(`InvalidArgument: bad table name "${name}"`);
      if (this.tables.some((t) => t.name.toUpperCase() === name.toUpperCase())) throw new Error(`ItemAlreadyExists: table "${name}"`);
      const width = data[0]?.length ?? 0;
      if (data.length === 0 || width === 0) throw new Error("InvalidArgument: a table needs at least a header row");
      data.forEach((r, i) => {
        if (r.length !== width) throw new Error("InvalidArgument: the rows of a range write differ in length");
        r.forEach((v, j) => {
          if (v !== null) this.put(s, row + i, col + j, typeof v === "string" ? parseTypedInput(v) : { v });
        });
      });
      this.tables.push({ name, sheet: s.name, row, col, values: this.valuesOf(s.name, { row, col, rows: data.length, cols: width }) });
    });
  }
}
