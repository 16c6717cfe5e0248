/**
 * CSV text → RawTable. Pure (no I/O) so the CLI, the task pane and tests share it.
 *
 * Cells stay strings: whether "0,15" is a number depends on the column, so typing is left to
 * the column parsers in table.ts, told about the file's decimal convention via `decimalComma`.
 */
import type { Problem, RawTable } from "./inputs/types";
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
  private readonly seen = new Map<string, string>();
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
 * Throws InputError for binary content or a quote that is never closed.
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
  const delim = delimiter.charCodeAt(0);

  const records: string[][] = [];
  const intern = new Interner();
  const n = text.length;
  let i = start;
  let record: string[] = [];
  while (i < n) {
    const first = text.charCodeAt(i);
    if (record.length === 0 && (first === LF || first === CR)) {
      // An empty line: one shared record, since a file of millions of them (a broken export)
      // would otherwise allocate an array per line and run Node out of memory.
      records.push(BLANK_RECORD);
      i += first === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      continue;
    }
    let value: string;
    if (first === QUOTE) {
      const opened = i;
      let segment = i + 1;
      value = "";
      for (;;) {
        const q = text.indexOf('"', segment);
        if (q < 0) throw unterminated(text, source, opened, records, record.length);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(segment, q + 1);
          i = q + 2;
          segment = i;
          continue;
        }
        value += text.slice(segment, q);
        i = q + 1;
        break;
      }
      // Text after the closing quote (`"a"b`) is not RFC 4180; keep it, as Excel does.
      if (i < n) {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        if (j > i) value += text.slice(i, j);
        i = j;
      }
      value = intern.take(value);
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === delim || c === LF || c === CR) break;
        j++;
      }
      value = intern.take(text.slice(i, j));
      i = j;
    }
    record.push(value);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      // A delimiter at the very end opens one more, empty, cell (before a line break the
      // unquoted branch above yields that empty cell by itself).
      if (i >= n) record.push("");
      continue;
    }
    // A copy of exactly its length: a pushed-to array keeps room for 17 cells, which for a
    // million 7-cell rows is 70 MB of nothing. The scratch record is reused.
    records.push(record.slice());
    record.length = 0;
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
  }
  if (record.length > 0) records.push(record.slice());

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
  if (delimiter === ";") table.decimalComma = true;
  return table;
}

function isBlank(record: string[]): boolean {
  for (let k = 0; k < record.length; k++) if (record[k].trim() !== "") return false;
  return true;
}

function unterminated(
  text: string,
  source: string,
  at: number,
  records: string[][],
  cellIndex: number
): InputError {
  let line = 1;
  for (let k = text.indexOf("\n"); k >= 0 && k < at; k = text.indexOf("\n", k + 1)) line++;
  const header = records.find((r) => !isBlank(r));
  const column = header ? (header[cellIndex] ?? "").trim() : "";
  const preview = text.slice(at, at + 30).replace(/\r?\n|\r/g, " ");
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
