/**
 * Files → RawTable for the CLI: CSV text or an XLSX workbook (a named Excel table, a sheet of
 * that name, or the first sheet). Anything else becomes an InputError that says what to supply,
 * so the CLI exits 2 with a message instead of a stack trace.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { TextDecoder } from "util";
import ExcelJS from "exceljs";
import { parseCsv } from "../core/csv";
import { InputError, cellText, isBlank } from "../core/table";
import type { RawTable, RawValue } from "../core/inputs/types";
import { decodeCell, toRawValue, uncalculatedFormula, type Uncalculated } from "./xlsx-cells";
import { streamWorkbook } from "./xlsx-stream";
import { HEADER_SEARCH_ROWS } from "../core/exports/header-row";

const SUPPLY = "give a .csv file (in Excel: File > Save As > CSV UTF-8) or an .xlsx workbook";

function fail(source: string, message: string): never {
  throw new InputError([{ source, row: 0, column: "", value: "", message }]);
}

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];

/**
 * Text as Excel users actually save it: UTF-8 (with or without BOM), UTF-16 ("Unicode Text"),
 * or Windows-1252 (Excel's plain "CSV" on Windows), which is what bytes that are not valid
 * UTF-8 most likely are.
 */
export function decodeText(buf: Buffer): string {
  if (startsWith(buf, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(buf.subarray(2));
  if (startsWith(buf, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(buf.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    if (buf.includes(0)) return buf.toString("utf8"); // binary: let parseCsv say so
    try {
      return new TextDecoder("windows-1252").decode(buf);
    } catch {
      return buf.toString("latin1");
    }
  }
}

/**
 * Reads a .csv or .xlsx file. For a workbook, `tableName` picks an Excel table of that name
 * (any sheet), else a sheet of that name, else the first visible sheet; the header is the first
 * non-empty row. Throws InputError for a missing, unreadable or unsupported file.
 */
export async function readTable(file: string, tableName?: string): Promise<RawTable> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") fail(file, `file not found (looked for ${path.resolve(file)}); check the name and folder`);
    if (code === "EISDIR") fail(file, `is a folder, not a file; ${SUPPLY}`);
    if (code === "EACCES" || code === "EPERM") fail(file, `cannot be opened (permission denied); check the file's permissions`);
    fail(file, `cannot be read (${code ?? String(e)}); ${SUPPLY}`);
  }
  const ext = path.extname(file).toLowerCase();

  if (startsWith(buf, ZIP)) return readWorkbook(buf, file, tableName);
  if (startsWith(buf, OLE2)) {
    fail(file, `is an old-style .xls workbook or a password-protected one, which ClinPay cannot open; in Excel, save it as .xlsx (without a password) or as CSV UTF-8`);
  }
  if (startsWith(buf, PDF)) fail(file, `is a PDF, not a table; ${SUPPLY}`);
  if (ext === ".xlsx" || ext === ".xlsm" || ext === ".xls") {
    fail(file, `is not a readable Excel workbook (it may be damaged, or another kind of file renamed to ${ext}); open it in Excel and save it again as .xlsx, or ${SUPPLY}`);
  }

  const table = parseCsv(decodeText(buf), file);
  table.transient = true;
  if (ext !== ".csv" && ext !== ".tsv" && table.headers.length < 2) {
    fail(file, `does not look like a table (its first line has no commas, semicolons or tabs between column names); ${SUPPLY}`);
  }
  return table;
}

/** From this size (compressed) a workbook is streamed; below it, loaded whole (quicker for small files). */
export const STREAM_XLSX_FROM_BYTES = 4 * 1024 * 1024;

async function readWorkbook(buf: Buffer, file: string, tableName?: string): Promise<RawTable> {
  if (buf.length >= STREAM_XLSX_FROM_BYTES) {
    let streamed: RawTable | undefined;
    try {
      streamed = await streamWorkbook(buf, file, tableName);
    } catch {
      fail(file, `could not be opened as an Excel workbook: it may be damaged or only partly downloaded, or not an .xlsx at all; open it in Excel and save it again, or ${SUPPLY}`);
    }
    if (streamed) return streamed;
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    fail(file, `could not be opened as an Excel workbook: it may be damaged or only partly downloaded, or not an .xlsx at all; open it in Excel and save it again, or ${SUPPLY}`);
  }
  const sheets = wb.worksheets;
  if (sheets.length === 0) fail(file, `has no worksheets; ${SUPPLY}`);

  if (tableName) {
    const wanted = tableName.toLowerCase();
    for (const ws of sheets) {
      for (const t of Object.values(tablesOf(ws))) {
        const model = t.table ?? t;
        if (String(model.name ?? "").toLowerCase() === wanted || String(model.displayName ?? "").toLowerCase() === wanted) {
          return fromExcelTable(ws, model, `${file} [${model.name}]`);
        }
      }
    }
    const sheet = sheets.find((ws) => ws.name.toLowerCase() === wanted);
    if (sheet) return fromSheet(sheet, `${file} [${sheet.name}]`);
  }
  const first = sheets.find((ws) => ws.state !== "hidden" && ws.state !== "veryHidden") ?? sheets[0];
  return fromSheet(first, `${file} [${first.name}]`);
}

interface TableModel {
  name?: string;
  displayName?: string;
  tableRef?: string;
  ref?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns?: { name?: string }[];
}

function tablesOf(ws: ExcelJS.Worksheet): Record<string, { table?: TableModel } & TableModel> {
  // Loaded tables live on this untyped field; getTables() is typed wrongly in exceljs 4.4.
  return ((ws as unknown as { tables?: Record<string, { table?: TableModel } & TableModel> }).tables ?? {});
}

/** The cells of row `r` from column `left` to `right`; a formula with no calculated value is
 *  read as blank and recorded in `uncalculated` (as data row `dataRow`). */
function rowCells(ws: ExcelJS.Worksheet, r: number, left: number, right: number, uncalculated?: Uncalculated[], dataRow = 0): RawValue[] {
  const values = ws.getRow(r).values as unknown[];
  const out: RawValue[] = new Array(right - left + 1);
  for (let c = left; c <= right; c++) {
    const v = values[c];
    const formula = uncalculated && uncalculatedFormula(v);
    if (formula) uncalculated!.push({ row: dataRow, col: c - left, formula });
    out[c - left] = toRawValue(v);
  }
  return out;
}

function blank(cells: RawValue[]): boolean {
  return cells.every(isBlank);
}

function fromSheet(ws: ExcelJS.Worksheet, source: string): RawTable {
  const last = ws.rowCount;
  let headerRow = 0;
  let left = 0;
  let right = 0;
  // The columns span the first rows, not the first row alone: an export's first row is often a
  // title in A1, and its real header (found by the core among the first 30 rows) is wider.
  let seen = 0;
  for (let r = 1; r <= last && seen <= HEADER_SEARCH_ROWS; r++) {
    const values = ws.getRow(r).values as unknown[];
    let filled = false;
    for (let c = 1; c < values.length; c++) {
      if (isBlank(toRawValue(values[c]))) continue;
      filled = true;
      if (headerRow === 0) headerRow = r;
      if (left === 0 || c < left) left = c;
      if (c > right) right = c;
    }
    if (filled) seen++;
  }
  if (headerRow === 0) return { source, headers: [], rows: [], headerRow: 1 };
  const headers = rowCells(ws, headerRow, left, right).map((h) => cellText(h).trim());
  const rows: RawValue[][] = [];
  const uncalculated: Uncalculated[] = [];
  for (let r = headerRow + 1; r <= last; r++) rows.push(rowCells(ws, r, left, right, uncalculated, rows.length));
  while (rows.length > 0 && blank(rows[rows.length - 1])) rows.pop();
  return { source, headers, rows, headerRow, ...(uncalculated.length ? { uncalculated } : {}) };
}

function fromExcelTable(ws: ExcelJS.Worksheet, t: TableModel, source: string): RawTable {
  const ref = t.tableRef ?? t.ref ?? "";
  const [a, b] = ref.split(":");
  const topLeft = decodeCell(a ?? "");
  if (!topLeft) return fromSheet(ws, source);
  const columns = t.columns ?? [];
  const bottomRight = b ? decodeCell(b) : undefined;
  const right = bottomRight ? bottomRight.col : topLeft.col + Math.max(columns.length, 1) - 1;
  let bottom = bottomRight ? bottomRight.row : ws.rowCount;
  if (t.totalsRow) bottom--;
  const hasHeader = t.headerRow !== false;
  const headers = hasHeader
    ? rowCells(ws, topLeft.row, topLeft.col, right).map((h) => cellText(h).trim())
    : columns.map((c) => String(c.name ?? ""));
  const first = hasHeader ? topLeft.row + 1 : topLeft.row;
  const rows: RawValue[][] = [];
  const uncalculated: Uncalculated[] = [];
  for (let r = first; r <= bottom; r++) rows.push(rowCells(ws, r, topLeft.col, right, uncalculated, rows.length));
  while (rows.length > 0 && blank(rows[rows.length - 1])) rows.pop();
  return { source, headers, rows, headerRow: first - 1, ...(uncalculated.length ? { uncalculated } : {}) };
}
