/**
 * Files → RawTable for the CLI: CSV text or an XLSX workbook (a named Excel table, a sheet of
 * that name, or the first visible sheet). Anything else becomes an InputError that says what to
 * supply, so the CLI exits 2 with a message instead of a stack trace.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { parseCsv } from "../core/csv";
import { InputError } from "../core/table";
import type { RawTable } from "../core/inputs/types";
import { cellAround, decodeText, rowsAt, type DecodedText } from "./text-encoding";
import { readWorkbook as readXlsx, TooManyCells } from "./xlsx/workbook";
import { XmlError } from "./xlsx/xml";
import { DamagedWorkbook, TooBigWhenUnpacked } from "./xlsx/zip";

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

export interface ReadOptions {
  /** Told what was read other than as written (a stray byte that is not UTF-8), one line each. */
  warn?: (line: string) => void;
}

/**
 * Reads a .csv or .xlsx file. For a workbook, `tableName` picks an Excel table of that name
 * (any sheet), else a sheet of that name, else the first visible sheet; the header is the first
 * non-empty row. Throws InputError for a missing, unreadable or unsupported file.
 */
export async function readTable(file: string, tableName?: string, opts: ReadOptions = {}): Promise<RawTable> {
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

  const decoded = decodeText(buf);
  const width = firstLineWidth(decoded.text);
  if (width > EXCEL_COLUMNS) {
    fail(file, `its first line has ${width.toLocaleString("en-US")} columns, and a table holds at most ${EXCEL_COLUMNS.toLocaleString("en-US")} (an Excel sheet's width): it is not a table ClinPay can read (a damaged export, or the wrong file?); ${SUPPLY}`);
  }
  const table = parseCsv(decoded.text, file);
  table.transient = true;
  if (ext !== ".csv" && ext !== ".tsv" && table.headers.length < 2) {
    fail(file, `does not look like a table (its first line has no commas, semicolons or tabs between column names); ${SUPPLY}`);
  }
  for (const line of strayByteWarnings(file, decoded)) opts.warn?.(line);
  return table;
}

/** Columns in an Excel sheet: no export that was ever a table is wider. */
const EXCEL_COLUMNS = 16_384;

/**
 * The most cells the first line (up to a line break outside quotes) can split into, by any of
 * the three delimiters: checked before parsing, since a line of 50 MB of commas would otherwise
 * be split into 50 million header names (over a minute and 2 GB) only to be refused.
 */
export function firstLineWidth(text: string): number {
  const counts = [0, 0, 0];
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === 10 || c === 13) break;
    else if (c === 44) counts[0]++;
    else if (c === 59) counts[1]++;
    else if (c === 9) counts[2]++;
  }
  return Math.max(...counts) + 1;
}

/** At most this many rows are named; the rest are counted. */
const STRAY_ROWS_NAMED = 10;

/** One line per row holding a byte that is not UTF-8, in a file that otherwise is. */
export function strayByteWarnings(file: string, decoded: DecodedText): string[] {
  if (decoded.stray.length === 0) return [];
  const rows = rowsAt(decoded.text, decoded.stray.map((s) => s.at));
  const byRow = new Map<number, typeof decoded.stray>();
  decoded.stray.forEach((s, i) => byRow.set(rows[i], [...(byRow.get(rows[i]) ?? []), s]));
  const lines: string[] = [];
  for (const [row, bytes] of [...byRow].slice(0, STRAY_ROWS_NAMED)) {
    const hex = bytes.map((b) => `0x${b.byte.toString(16).toUpperCase()}`).join(", ");
    const read = bytes.map((b) => decoded.text[b.at]).join("");
    lines.push(
      `${file} row ${row}: "${cellAround(decoded.text, bytes[0].at)}" — ${bytes.length === 1 ? "a byte" : `${bytes.length} bytes`} (${hex}) in this UTF-8 file ${bytes.length === 1 ? "is" : "are"} not UTF-8; read as the Windows-1252 "${read}": check that text, and save the file as CSV UTF-8 to be sure`
    );
  }
  const rest = byRow.size - STRAY_ROWS_NAMED;
  if (rest > 0) lines.push(`${file}: ${rest.toLocaleString("en-US")} more ${rest === 1 ? "row holds" : "rows hold"} bytes that are not UTF-8, read the same way`);
  return lines;
}

const DAMAGED = `could not be opened as an Excel workbook: it may be damaged or only partly downloaded, or not an .xlsx at all; open it in Excel and save it again, or ${SUPPLY}`;

async function readWorkbook(buf: Buffer, file: string, tableName?: string): Promise<RawTable> {
  try {
    return await readXlsx(buf, file, tableName);
  } catch (e) {
    if (e instanceof TooBigWhenUnpacked) {
      const mb = Math.round(e.limitBytes / 1048576).toLocaleString("en-US");
      fail(file, `unpacks to more than ${mb} MB, far more than a workbook of its size holds (a damaged file, or a "zip bomb"); ClinPay stopped reading it. Open it in Excel and save it again, or ${SUPPLY}`);
    }
    if (e instanceof TooManyCells) {
      fail(file, `holds a table of more than ${e.rows.toLocaleString("en-US")} rows × ${e.cols.toLocaleString("en-US")} columns, more than ClinPay reads; keep only the columns it needs (date, status, reason, code…) or split the rows`);
    }
    if (e instanceof DamagedWorkbook || e instanceof XmlError) fail(file, DAMAGED);
    throw e;
  }
}
