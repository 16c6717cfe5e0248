/**
 * CSV text → RawTable. Pure (no I/O) so the CLI, the task pane and tests share it.
 *
 * Cells stay strings: whether "0,15" is a number depends on the column, so typing is left to
 * the column parsers in table.ts, told about the file's decimal convention via `decimalComma`.
 */
import type { Problem, RawTable } from "./inputs/types";
import Papa from "papaparse";
import { InputError } from "./table";

const QUOTE = 34;
const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;
const LF = 10;
const CR = 13;

export type Delimiter = "," | ";" | "\t";

/**
 * The delimiter the header line uses most, counted outside quotes. Ties go to the comma, then
 * the semicolon: a one-column file is read as comma-separated.
 */
export function detectDelimiter(text: string, start = 0): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let inQuotes = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes; // a doubled quote toggles twice, so it nets out
    else if (!inQuotes) {
      if (c === LF || c === CR) break;
      if (c === COMMA) commas++;
      else if (c === SEMICOLON) semicolons++;
      else if (c === TAB) tabs++;
    }
  }
  if (commas >= semicolons && commas >= tabs) return ",";
  return semicolons >= tabs ? ";" : "\t";
}

const SAMPLE = 65536;

/**
 * Short cell text repeats (a log's dates, statuses, codes): each distinct value is kept once, so
 * a million-row log holds a few thousand strings instead of seven million copies. Bounded so a
 * file of all-distinct values costs no more than without it.
 */
class Interner {
  readonly seen = new Map<string, string>();
  take(s: string): string {
    if (s.length > 40) return s;
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    if (this.seen.size < 200_000) this.seen.set(s, s);
    return s;
  }
}

/** Every empty line's record; frozen because it is shared. */
const BLANK_RECORD: string[] = Object.freeze([""]) as string[];

/** Why text is not a table at all (binary or mis-decoded), or null when it looks like text. */
function binaryReason(text: string): string | null {
  if (text.indexOf("\u0000") >= 0) return "it contains binary data (NUL bytes)";
  const n = Math.min(text.length, SAMPLE);
  let replacement = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replacement++;
    else if (c < 32 && c !== TAB && c !== LF && c !== CR && c !== 12) control++;
  }
  // A stray bad byte or two happens in real exports (a mangled accent); binary files have many.
  const limit = Math.max(3, n / 200);
  if (replacement >= limit) return "most likely binary data or an unknown text encoding (many unreadable characters)";
  if (control >= limit) return "it contains binary data (control characters)";
  return null;
}

const SAVE_AS_HINT =
  "give a .csv (in Excel: File > Save As > CSV UTF-8) or the .xlsx workbook itself";

function problem(source: string, row: number, column: string, message: string): Problem {
  return { source, row, column, value: "", message };
}

/**
 * Parses CSV text (RFC 4180 quoting, UTF-8 BOM, CRLF/LF/CR, `,` `;` or tab detected from the
 * header line). Records keep the numbering a spreadsheet shows: a quoted newline stays inside
 * its cell, blank lines in the middle count as (empty) rows, trailing blank lines are dropped.
 * An Excel `sep=;` first line picks the delimiter and is not counted, as Excel hides it too.
 * Throws InputError for binary content, a quote that is never closed, or one CSV does not allow.
 *
 * The tokenizing is Papa Parse's (a row at a time, so a million-row file is never held twice);
 * around it stay ClinPay's rules: the delimiter and the decimal-comma convention, blank lines,
 * and messages that name the row, column and line.
 */
export function parseCsv(text: string, source: string): RawTable {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const binary = binaryReason(text);
  if (binary) {
    throw new InputError([
      problem(source, 0, "", `does not look like a CSV table: ${binary}; ${SAVE_AS_HINT}`),
    ]);
  }

  let delimiter: Delimiter | undefined;
  const sep = /^sep=([,;\t])[ \t]*(\r\n|\n|\r|$)/i.exec(text.slice(start, start + 12));
  if (sep) {
    delimiter = sep[1] as Delimiter;
    start += sep[0].length;
  }
  if (!delimiter) delimiter = detectDelimiter(text, start);

  const { body, newline } = oneLineEnding(text.slice(start));
  const records: string[][] = [];
  const intern = new Interner();
  let failure: InputError | null = null;
  Papa.parse<string[]>(body, {
    delimiter,
    newline,
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
    step: (result, parser) => {
      const cells = result.data;
      const error = result.errors[0];
      if (error) {
        failure = error.code === "MissingQuotes" ? unterminated(body, source, cells, records) : misplacedQuote(source, cells, records);
        parser.abort();
        return;
      }
      if (cells.length === 1 && cells[0] === "") {
        // An empty line: one shared record, since a file of millions of them (a broken export)
        // would otherwise allocate an array per line and run Node out of memory.
        records.push(BLANK_RECORD);
        return;
      }
      const record = new Array<string>(cells.length);
      for (let k = 0; k < cells.length; k++) record[k] = intern.take(cells[k]);
      records.push(record);
    },
  });
  if (failure) throw failure;

  let end = records.length;
  while (end > 0 && isBlank(records[end - 1])) end--;
  let headerIndex = 0;
  while (headerIndex < end && isBlank(records[headerIndex])) headerIndex++;

  const table: RawTable = {
    source,
    headers: headerIndex < end ? records[headerIndex].map((h) => h.trim()) : [],
    rows: headerIndex < end ? records.slice(headerIndex + 1, end) : [],
    headerRow: headerIndex + 1,
  };
  table.delimiter = delimiter;
  const convention = numberConvention(intern.seen.keys());
  table.decimalCommaSeen = convention.comma;
  // SPEC §2: decimal commas are read in any file not delimited by commas. A tab file (Excel's
  // "Unicode Text") from a US machine writes "1.92" and "$1,200": with dot decimals and no comma
  // decimal anywhere, its commas are thousands separators.
  if (delimiter === ";" || (delimiter === "\t" && (convention.comma || !convention.dot))) table.decimalComma = true;
  return table;
}

const COMMA_DECIMAL = /^[-\u2212]?\$?(?:\d+,\d{1,2}|\d+,\d{4,}|\d{1,3}(?:\.\d{3})+,\d+)$/;
const DOT_DECIMAL_NUMBER = /^[-\u2212]?\$?(?:\d+\.\d{1,2}|\d+\.\d{4,}|\d{1,3}(?:,\d{3})+\.\d+)$/;

/** Whether the file's number cells show a decimal comma ("1,92") or a decimal dot ("1.92"), from its distinct short texts. */
function numberConvention(texts: Iterable<string>): { comma: boolean; dot: boolean } {
  let comma = false;
  let dot = false;
  for (const t of texts) {
    if (!comma && COMMA_DECIMAL.test(t)) comma = true;
    else if (!dot && DOT_DECIMAL_NUMBER.test(t)) dot = true;
    if (comma && dot) break;
  }
  return { comma, dot };
}

function isBlank(record: string[]): boolean {
  for (let k = 0; k < record.length; k++) if (record[k].trim() !== "") return false;
  return true;
}

/**
 * The tokenizer takes one kind of line ending for the whole file; exports pasted together mix
 * CRLF, LF and CR. Counted outside quoted cells: one kind is passed on as it is; a mix has every
 * unquoted line ending rewritten as \n, quoted cells left exactly as written.
 */
function oneLineEnding(text: string): { body: string; newline: "\n" | "\r\n" | "\r" } {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes; // a doubled quote toggles twice, so it nets out
    else if (!inQuotes && c === CR) {
      if (text.charCodeAt(i + 1) === LF) {
        crlf++;
        i++;
      } else cr++;
    } else if (!inQuotes && c === LF) lf++;
  }
  if ((crlf ? 1 : 0) + (lf ? 1 : 0) + (cr ? 1 : 0) <= 1) return { body: text, newline: crlf ? "\r\n" : cr ? "\r" : "\n" };
  const parts: string[] = [];
  let from = 0;
  inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && c === CR) {
      parts.push(text.slice(from, i), "\n");
      if (text.charCodeAt(i + 1) === LF) i++;
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return { body: parts.join(""), newline: "\n" };
}

/** A quoted cell never closed: the row it starts, its column, the line of its opening quote. */
function unterminated(body: string, source: string, cells: string[], records: string[][]): InputError {
  const header = records.find((r) => !isBlank(r));
  const cellIndex = cells.length - 1;
  const column = header ? (header[cellIndex] ?? "").trim() : "";
  // The open cell runs to the end of the file: its opening quote is where that text begins.
  const open = cells[cellIndex] ?? "";
  let at = body.lastIndexOf(`"${open}`);
  if (at < 0) at = Math.max(0, body.length - open.length - 1);
  const line = (body.slice(0, at).match(/\r\n|\r|\n/g) ?? []).length + 1;
  const preview = body.slice(at, at + 30).replace(/\r\n|\r|\n/g, " ");
  return new InputError([
    {
      source,
      row: records.length + 1,
      column,
      value: preview,
      message:
        `a double quote opened here (line ${line} of the file) is never closed, so the rest of the file ` +
        `would be read as one cell; close it, or write a quote inside a quoted cell as two quotes ("")`,
    },
  ]);
}

/** Text after a closing quote (`"a"b`): Excel and CSV readers disagree on it, so it is said rather than guessed. */
function misplacedQuote(source: string, cells: string[], records: string[][]): InputError {
  const header = records.find((r) => !isBlank(r));
  const at = cells.findIndex((c) => c.includes('"'));
  return new InputError([
    {
      source,
      row: records.length + 1,
      // Past a misplaced quote the cells run together, so the column is named only when known.
      column: header && at >= 0 ? (header[at] ?? "").trim() : "",
      value: at >= 0 ? cells[at] : cells.join(","),
      message: 'a double quote here is not where CSV allows one (after a closing quote only a separator or the end of the line may follow): put the whole cell in quotes and write each quote inside it as two ("")',
    },
  ]);
}
