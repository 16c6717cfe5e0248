/**
 * One worksheet part, streamed into cells: row and cell positions from their `r` attributes, or
 * — where a writer leaves `r` out, as the standard allows — the next row and the next column;
 * each cell's value by its type (shared string, inline string, number, date-formatted number,
 * ISO date, boolean, error, a formula's cached result). Rows reach `onRow` in sheet order.
 */
import type { RawValue } from "../../core/inputs/types";
import { isoCellDate, serialToDate } from "./dates";
import { columnNumber, unescapeXString, type WorkbookLayout } from "./parts";
import { XmlScanner, attribute, type XmlHandler } from "./xml";
import { DamagedWorkbook, type Package } from "./zip";

/** Excel's grid: a position past it is a damaged file. */
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** A cell as read: its column (1-based), its value, and its formula when it has no cached value. */
export interface SheetCell {
  col: number;
  value: RawValue;
  uncalculated?: string;
}

export type RowHandler = (row: number, cells: SheetCell[]) => void;

/** What is known of the cell being read. */
interface Pending {
  col: number;
  type: string;
  style: number;
  value: string | null;
  inline: string[] | null;
  formula: string | null;
}

/** Streams `part` of the package, calling `onRow` for every row that holds a cell. */
export async function readSheet(pkg: Package, part: string, layout: WorkbookLayout, onRow: RowHandler): Promise<void> {
  const sheet = new SheetParser(valueReader(layout), onRow);
  const scanner = new XmlScanner(sheet);
  await pkg.stream(part, (chunk) => scanner.write(chunk));
  scanner.end();
}

/** The XML events of one worksheet → rows of cells. */
class SheetParser implements XmlHandler {
  private rowNumber = 0;
  private rowHasR = false;
  private lastCol = 0;
  private cells: SheetCell[] = [];
  private cell: Pending | null = null;
  /** The element whose text is being gathered, and the text so far. */
  private capture: "v" | "f" | "t" | null = null;
  private gathered: string[] = [];
  private inInline = false;
  private phonetic = 0;
  /** The `si` of the formula being read, when it is a shared one; masters' text by `si`. */
  private sharedIndex: string | undefined;
  private readonly sharedFormulas = new Map<string, string>();

  constructor(
    private readonly cellValue: (c: Pending) => RawValue,
    private readonly onRow: RowHandler
  ) {}

  open(name: string, raw: string, selfClosing: boolean): void {
    switch (name) {
      case "row":
        this.startRow(raw);
        if (selfClosing) this.endRow();
        return;
      case "c":
        if (this.rowNumber === 0) throw new DamagedWorkbook("a cell outside a row");
        this.startCell(raw);
        if (selfClosing) this.endCell();
        return;
      case "v":
        if (this.cell && !selfClosing) this.gather("v");
        else if (this.cell) this.cell.value = "";
        return;
      case "f":
        return this.startFormula(raw, selfClosing);
      case "is":
        if (this.cell) [this.inInline, this.cell.inline] = [!selfClosing, []];
        return;
      case "rPh":
        if (!selfClosing) this.phonetic++;
        return;
      case "t":
        if (this.inInline && this.phonetic === 0 && !selfClosing) this.gather("t");
        return;
    }
  }

  close(name: string): void {
    switch (name) {
      case "row":
        return this.endRow();
      case "c":
        if (this.cell) this.endCell();
        return;
      case "v":
        if (this.capture === "v" && this.cell) this.cell.value = this.gathered.join("");
        this.capture = null;
        return;
      case "f":
        return this.endFormula();
      case "is":
        this.inInline = false;
        return;
      case "rPh":
        this.phonetic--;
        return;
      case "t":
        if (this.capture === "t" && this.cell?.inline) this.cell.inline.push(this.gathered.join(""));
        if (this.capture === "t") this.capture = null;
        return;
    }
  }

  text(value: string): void {
    if (this.capture !== null) this.gathered.push(value);
  }

  private gather(what: "v" | "f" | "t"): void {
    this.capture = what;
    this.gathered = [];
  }

  // ---- rows and cells: where they are ----

  private startRow(raw: string): void {
    const r = attribute(raw, "r");
    const n = r === undefined ? this.rowNumber + 1 : Number(r);
    if (!Number.isInteger(n) || n <= this.rowNumber || n > MAX_ROW) throw new DamagedWorkbook(`row "${r ?? n}" is out of order or past row ${MAX_ROW}`);
    this.rowNumber = n;
    this.rowHasR = r !== undefined;
    this.lastCol = 0;
    this.cells = [];
  }

  private endRow(): void {
    if (this.cells.length > 0) this.onRow(this.rowNumber, this.cells);
    this.cells = [];
  }

  private startCell(raw: string): void {
    const ref = attribute(raw, "r");
    let col = this.lastCol + 1;
    if (ref !== undefined) {
      const m = /^\$?([A-Za-z]{1,3})\$?(\d*)$/.exec(ref);
      if (!m) throw new DamagedWorkbook(`cell reference "${ref}" is not a cell`);
      col = columnNumber(m[1]);
      // A row written without r takes its number from its first cell that has one.
      if (m[2] !== "" && !this.rowHasR && this.lastCol === 0 && Number(m[2]) > this.rowNumber - 1) {
        this.rowNumber = Number(m[2]);
        this.rowHasR = true;
      }
    }
    if (col < 1 || col > MAX_COL || col <= this.lastCol) throw new DamagedWorkbook(`cell "${ref ?? col}" is out of order or past column XFD`);
    this.lastCol = col;
    this.cell = { col, type: attribute(raw, "t") ?? "n", style: Number(attribute(raw, "s") ?? 0), value: null, inline: null, formula: null };
  }

  private endCell(): void {
    const c = this.cell!;
    this.cell = null;
    if (c.formula !== null && c.value === null && c.inline === null) {
      this.cells.push({ col: c.col, value: null, uncalculated: `=${c.formula}` });
      return;
    }
    const value = c.inline !== null ? unescapeXString(c.inline.join("")) : this.cellValue(c);
    if (value !== null) this.cells.push({ col: c.col, value });
  }

  // ---- formulas: only their text matters, for one never calculated ----

  private startFormula(raw: string, selfClosing: boolean): void {
    if (!this.cell) return;
    this.sharedIndex = attribute(raw, "t") === "shared" ? attribute(raw, "si") : undefined;
    if (selfClosing) this.cell.formula = this.sharedText();
    else this.gather("f");
  }

  private endFormula(): void {
    if (this.capture === "f" && this.cell) {
      const f = this.gathered.join("");
      if (this.sharedIndex !== undefined && f !== "") this.sharedFormulas.set(this.sharedIndex, f);
      this.cell.formula = f !== "" ? f : this.sharedText();
    }
    this.capture = null;
  }

  /** A shared formula's follower is written without text: its master's. */
  private sharedText(): string {
    return (this.sharedIndex !== undefined && this.sharedFormulas.get(this.sharedIndex)) || "";
  }
}

/** A cell's value from its type, its `<v>` and its style. */
function valueReader(layout: WorkbookLayout): (c: Pending) => RawValue {
  // A log repeats a few hundred days a million times: one Date each, never mutated downstream.
  const dates = new Map<number, Date>();
  const dateOf = (serial: number): Date => {
    let d = dates.get(serial);
    if (!d) {
      d = serialToDate(serial, layout.date1904);
      if (dates.size < 100_000) dates.set(serial, d);
    }
    return d;
  };
  return (c) => {
    const v = c.value;
    if (v === null) return null;
    switch (c.type) {
      case "s": {
        const s = layout.sharedStrings[Number(v)];
        if (s === undefined) throw new DamagedWorkbook(`shared string ${v} is missing`);
        return s;
      }
      case "str":
      case "inlineStr":
        return unescapeXString(v);
      case "b":
        return v.trim() !== "0" && v.trim().toLowerCase() !== "false";
      case "e":
        return v; // #N/A, #DIV/0!: the problem report shows the error
      case "d":
        return isoCellDate(v) ?? v;
      default: {
        if (v.trim() === "") return null;
        const n = Number(v);
        if (!Number.isFinite(n)) return v;
        return layout.dateStyles[c.style] ? dateOf(n) : n;
      }
    }
  };
}
