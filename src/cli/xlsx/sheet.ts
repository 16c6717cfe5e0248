/**
 * One worksheet part, streamed into cells: row and cell positions from their `r` attributes, or
 * — where a writer leaves `r` out, as the standard allows — the next row and the next column;
 * each cell's value by its type (shared string, inline string, number, date-formatted number,
 * ISO date, boolean, error, a formula's cached result). Rows reach `onRow` in sheet order.
 */
import type { RawValue } from "../../core/inputs/types";
import { isoCellDate, serialToDate } from "./dates";
import { columnNumber, unescapeXString, type WorkbookLayout } from "./parts";
import { XmlScanner, attribute } from "./xml";
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
  const cellValue = valueReader(layout);
  const sharedFormulas = new Map<string, string>();
  let rowNumber = 0;
  let rowHasR = false;
  let lastCol = 0;
  let cells: SheetCell[] = [];
  let cell: Pending | null = null;
  let capture: "v" | "f" | "t" | null = null;
  let text: string[] = [];
  let inInline = false;
  let phonetic = 0;
  let sharedIndex: string | undefined;

  const startRow = (raw: string) => {
    const r = attribute(raw, "r");
    const n = r === undefined ? rowNumber + 1 : Number(r);
    if (!Number.isInteger(n) || n <= rowNumber || n > MAX_ROW) throw new DamagedWorkbook(`row "${r ?? n}" is out of order or past row ${MAX_ROW}`);
    rowNumber = n;
    rowHasR = r !== undefined;
    lastCol = 0;
    cells = [];
  };
  const endRow = () => {
    if (cells.length > 0) onRow(rowNumber, cells);
    cells = [];
  };
  const startCell = (raw: string) => {
    const ref = attribute(raw, "r");
    let col = lastCol + 1;
    if (ref !== undefined) {
      const m = /^\$?([A-Za-z]{1,3})\$?(\d*)$/.exec(ref);
      if (!m) throw new DamagedWorkbook(`cell reference "${ref}" is not a cell`);
      col = columnNumber(m[1]);
      // A row written without r takes its number from its first cell that has one.
      if (m[2] !== "" && !rowHasR && lastCol === 0 && Number(m[2]) > rowNumber - 1) {
        rowNumber = Number(m[2]);
        rowHasR = true;
      }
    }
    if (col < 1 || col > MAX_COL || col <= lastCol) throw new DamagedWorkbook(`cell "${ref ?? col}" is out of order or past column XFD`);
    lastCol = col;
    cell = { col, type: attribute(raw, "t") ?? "n", style: Number(attribute(raw, "s") ?? 0), value: null, inline: null, formula: null };
  };
  const endCell = () => {
    const c = cell!;
    cell = null;
    const formula = c.formula;
    if (formula !== null && c.value === null && c.inline === null) {
      cells.push({ col: c.col, value: null, uncalculated: `=${formula}` });
      return;
    }
    const value = c.inline !== null ? unescapeXString(c.inline.join("")) : cellValue(c);
    if (value !== null) cells.push({ col: c.col, value });
  };

  const scanner = new XmlScanner({
    open(name, raw, selfClosing) {
      switch (name) {
        case "row":
          startRow(raw);
          if (selfClosing) endRow();
          return;
        case "c":
          if (rowNumber === 0) throw new DamagedWorkbook("a cell outside a row");
          startCell(raw);
          if (selfClosing) endCell();
          return;
        case "v":
          if (cell && !selfClosing) [capture, text] = ["v", []];
          else if (cell) cell.value = "";
          return;
        case "f":
          if (!cell) return;
          sharedIndex = attribute(raw, "t") === "shared" ? attribute(raw, "si") : undefined;
          if (selfClosing) cell.formula = (sharedIndex !== undefined && sharedFormulas.get(sharedIndex)) || "";
          else [capture, text] = ["f", []];
          return;
        case "is":
          if (cell) [inInline, cell.inline] = [!selfClosing, []];
          return;
        case "rPh":
          if (!selfClosing) phonetic++;
          return;
        case "t":
          if (inInline && phonetic === 0 && !selfClosing) [capture, text] = ["t", []];
          return;
      }
    },
    close(name) {
      switch (name) {
        case "row":
          endRow();
          return;
        case "c":
          if (cell) endCell();
          return;
        case "v":
          if (capture === "v" && cell) cell.value = text.join("");
          capture = null;
          return;
        case "f":
          if (capture === "f" && cell) {
            const f = text.join("");
            if (sharedIndex !== undefined && f !== "") sharedFormulas.set(sharedIndex, f);
            cell.formula = f !== "" ? f : (sharedIndex !== undefined && sharedFormulas.get(sharedIndex)) || "";
          }
          capture = null;
          return;
        case "is":
          inInline = false;
          return;
        case "rPh":
          phonetic--;
          return;
        case "t":
          if (capture === "t" && cell?.inline) cell.inline.push(text.join(""));
          if (capture === "t") capture = null;
          return;
      }
    },
    text(value) {
      if (capture !== null) text.push(value);
    },
  });
  await pkg.stream(part, (chunk) => scanner.write(chunk));
  scanner.end();
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
