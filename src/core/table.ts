/**
 * From a RawTable to typed rows: header matching, a small declarative column schema, and cell
 * parsing whose messages tell a clinician what to type instead. Every bad cell is collected so
 * one run lists everything to fix (SPEC §2: nothing is built until the input is fixed).
 */
import type { Problem, RawTable, RawValue } from "./inputs/types";
import { FIRST_SAFE_SERIAL, MAX_SERIAL } from "./check";
import { EXCEL_CELL_TEXT, cellTextTooLong, tooSmallMessage } from "./limits";
import { dateToSerial, in1900System, serialToIso, ymdToSerial } from "./dates";

/** Bad user input: every problem found, each naming its row and column. */
export class InputError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(formatProblems(problems));
    this.name = "InputError";
    this.problems = problems;
  }
}

/** Throws an InputError when there is anything to report. */
export function throwIfProblems(problems: Problem[]): void {
  if (problems.length > 0) throw new InputError(problems);
}

const MAX_VALUE_CHARS = 40;

function showValue(value: string): string {
  const flat = value.replace(/\r\n|\r|\n/g, "⏎");
  return flat.length > MAX_VALUE_CHARS ? flat.slice(0, MAX_VALUE_CHARS - 1) + "…" : flat;
}

/** Where a problem is, as the user would look for it: `offers.csv row 4, column no_show_rate`. */
export function problemPlace(p: Problem): string {
  let place = p.source;
  if (p.row > 0) place += ` row ${p.row}`;
  if (p.column) place += `${p.row > 0 ? "," : ""} column ${p.column}`;
  return place;
}

/**
 * One line per problem, grouped by file and in row order:
 * `offers.csv row 4, column no_show_rate: "15" — must be between 0 and 1: ...`.
 * Past `max` lines the rest are counted, not listed, so a wholly wrong 100,000-row file does
 * not flood the terminal; `InputError.problems` still holds every one.
 */
export function formatProblems(problems: Problem[], max = 100): string {
  const order = new Map<string, number>();
  problems.forEach((p) => {
    if (!order.has(p.source)) order.set(p.source, order.size);
  });
  const sorted = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => order.get(a.p.source)! - order.get(b.p.source)! || a.p.row - b.p.row || a.i - b.i)
    .map((x) => x.p);
  const lines = sorted.slice(0, max).map((p) => {
    const value = p.value === "" ? "" : `"${showValue(p.value)}" — `;
    return `${problemPlace(p)}: ${value}${p.message}`;
  });
  if (sorted.length > max) {
    lines.push(`…and ${sorted.length - max} more (${sorted.length} problems in all); fix the ones above and run again to see the rest`);
  }
  return lines.join("\n");
}

/** SPEC §2: headers match case-insensitively, ignoring spaces, `_`, `-` and `%`. */
export function headerKey(header: string): string {
  // The SPEC ignores spaces, _, - and %; exports also write "No-show rate (%)" or "Paid?", and a
  // header that silently misses its column would quietly take the default, so every character
  // that is not a letter or digit is ignored.
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** A cell's text as the user typed or sees it, for Problem.value. */
export function cellText(v: RawValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v);
}

export function isBlank(v: RawValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

// ---------------------------------------------------------------------------------------------
// Numbers

const SCIENTIFIC = /^\d+(?:\.\d+)?[eE][+-]?\d+$/;
// Thousands groups must not start with 0, so "0,150" and "0.150" are never read as groups.
const US_NUMBER = /^(?:[1-9]\d{0,2}(?:,\d{3})+|\d*)(?:\.\d*)?$/;
const EU_NUMBER = /^(?:[1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+|\d*)(?:,\d*)?$/;
const DOT_DECIMAL = /^\d*\.\d+$/;
const HAS_DIGIT = /\d/;

/**
 * Reads a number typed as text: "1200", "$1,200", "-$50", "1.5e3", and with `decimalComma`
 * "0,15", "1.234,5", "1 234,5". In decimal-comma files a dot between groups of three digits is
 * a thousands separator ("260.000" is 260000) and any other dot is a decimal point ("0.15").
 * Returns undefined when the text is not a number.
 */
export function parseNumberText(text: string, decimalComma = false): number | undefined {
  let s = text.trim();
  let negative = false;
  const sign = s.charAt(0);
  if (sign === "-" || sign === "\u2212") {
    negative = true;
    s = s.slice(1).trim();
  } else if (sign === "+") s = s.slice(1).trim();
  if (s.charAt(0) === "$") {
    s = s.slice(1).trim();
    const after = s.charAt(0);
    if (!negative && (after === "-" || after === "\u2212")) {
      negative = true;
      s = s.slice(1).trim();
    }
  }
  if (s === "" || !HAS_DIGIT.test(s)) return undefined;
  let n: number;
  if (SCIENTIFIC.test(s)) n = Number(s);
  else if (decimalComma) {
    if (EU_NUMBER.test(s)) n = Number(s.replace(/[.\s\u00a0\u202f]/g, "").replace(",", "."));
    else if (DOT_DECIMAL.test(s)) n = Number(s);
    else return undefined;
  } else if (US_NUMBER.test(s)) n = Number(s.replace(/,/g, ""));
  else return undefined;
  if (!isFinite(n)) return undefined;
  return negative ? -n : n;
}

/**
 * The largest number ClinPay takes from a table or a flag: a billion. No pay figure, count or
 * minute total comes near it, and below it every sum, product and annualised figure of a
 * million-row log stays a number Excel can show (1e308 would make them #NUM!).
 */
export const MAX_INPUT_NUMBER = 1e9;

/** The message for a number past MAX_INPUT_NUMBER, or undefined when it is within. */
export function tooLargeMessage(n: number): string | undefined {
  if (Math.abs(n) <= MAX_INPUT_NUMBER) return undefined;
  return `is too large: ClinPay takes numbers up to ${MAX_INPUT_NUMBER.toLocaleString("en-US")} (a billion); check it for a typo or extra digits`;
}

/** A number for messages: no float noise (0.07, not 0.07000000000000001). */
export function showNumber(n: number): string {
  return String(Number(n.toPrecision(12)));
}

// ---------------------------------------------------------------------------------------------
// Column schema

/** A cell that could not be read; the message says what to type instead. */
export class CellError {
  constructor(readonly message: string) {}
}

export interface CellContext {
  decimalComma: boolean;
  date1904?: boolean;
}

export interface Column<T> {
  /** The column's name as ClinPay documents it (snake_case), used in messages. */
  readonly name: string;
  /** Other header spellings that mean this column (compared with headerKey). */
  readonly aliases?: readonly string[];
  /** Required: the column must exist and every row must fill it. */
  readonly required: boolean;
  /** The value for an absent optional column or a blank cell in it. */
  readonly fallback: T;
  /** For a blank required cell: what to type. */
  readonly hint: string;
  /** Parses a non-blank cell. */
  parse(value: RawValue, ctx: CellContext): T | CellError;
}

interface CommonOptions<T> {
  /** Absent → the column is required. */
  default?: T;
  aliases?: readonly string[];
  /** What to type, e.g. "the booked visits per paid hour, e.g. 3". */
  hint?: string;
}

function makeColumn<T>(
  name: string,
  opts: CommonOptions<T>,
  defaultHint: string,
  parse: (value: RawValue, ctx: CellContext) => T | CellError
): Column<T> {
  const required = !("default" in opts);
  return {
    name,
    aliases: opts.aliases,
    required,
    fallback: opts.default as T,
    hint: opts.hint ?? defaultHint,
    parse,
  };
}

export function text(name: string, opts: CommonOptions<string> = {}): Column<string> {
  return makeColumn(name, opts, "type a name", (v) => cellText(v).trim());
}

export interface NumberOptions<T> extends CommonOptions<T> {
  min?: number;
  max?: number;
  /** The value must be strictly above this (e.g. 0 for hours that are divided by). */
  above?: number;
  /** An example to type, e.g. "48". */
  example?: string;
  /** What the number counts, after it in range messages: "hours a week". */
  what?: string;
  /** Also accept "80%" as 0.8 (factors people may think of as percentages). */
  percent?: boolean;
}

function readNumber(v: RawValue, ctx: CellContext): number | undefined {
  if (typeof v === "number") return isFinite(v) ? v : undefined;
  if (typeof v === "string") return parseNumberText(v, ctx.decimalComma);
  return undefined;
}

function notANumber(v: RawValue, ctx: CellContext, example: string): CellError {
  if (v instanceof Date) return new CellError(`is a date, but a number belongs here: type a number such as ${example}`);
  if (typeof v === "boolean") return new CellError(`is TRUE/FALSE, but a number belongs here: type a number such as ${example}`);
  const s = typeof v === "string" ? v.trim() : "";
  if (!ctx.decimalComma && /^\d+,\d{1,2}$|^0,\d+$/.test(s)) {
    return new CellError(`is not a number: use a dot for decimals, e.g. ${s.replace(",", ".")}`);
  }
  if (s.endsWith("%")) return new CellError(`is a percentage, but a plain number belongs here: type a number such as ${example}`);
  return new CellError(`is not a number: type a number such as ${example}`);
}

function checkRange(n: number, o: NumberOptions<unknown>): CellError | undefined {
  const what = o.what ? ` ${o.what}` : "";
  if (o.min === 0 && n < 0) return new CellError(`cannot be negative: type 0 or more${what}, without a minus sign`);
  if (o.above !== undefined && !(n > o.above)) return new CellError(`must be more than ${showNumber(o.above)}${what}`);
  const low = o.min !== undefined && n < o.min;
  const high = o.max !== undefined && n > o.max;
  if ((low || high) && o.min !== undefined && o.max !== undefined) {
    return new CellError(`must be between ${showNumber(o.min)} and ${showNumber(o.max)}${what}`);
  }
  if (low) return new CellError(`must be at least ${showNumber(o.min!)}${what}`);
  if (high) return new CellError(`must be at most ${showNumber(o.max!)}${what}`);
  return undefined;
}

/** A number, optionally bounded. "$1,200" reads as 1200. */
export function number<T extends number | null = number>(name: string, opts: NumberOptions<T> = {}): Column<number | T> {
  const example = opts.example ?? "48";
  return makeColumn<number | T>(name, opts, `type a number such as ${example}`, (v, ctx) => {
    let n = readNumber(v, ctx);
    if (n === undefined && opts.percent && typeof v === "string" && v.trim().endsWith("%")) {
      const p = parseNumberText(v.trim().slice(0, -1), ctx.decimalComma);
      if (p !== undefined) n = p / 100;
    }
    if (n === undefined) return notANumber(v, ctx, example);
    const huge = tooLargeMessage(n) ?? tooSmallMessage(n);
    if (huge) return new CellError(huge);
    return checkRange(n, opts) ?? n;
  });
}

/** A number ≥ 0 (money, hours, minutes, counts). */
export function nonNegative<T extends number | null = number>(name: string, opts: NumberOptions<T> = {}): Column<number | T> {
  return number<T>(name, { ...opts, min: 0 });
}

export interface RateOptions<T> extends CommonOptions<T> {
  /** Lowest allowed value; 0 unless a rate may be negative (a scenario's no_show_add). */
  min?: number;
}

/**
 * A share as a fraction 0..1: 0.15, or "15%" as text (and a percent-formatted Excel cell,
 * which arrives as 0.15). A bare 15 is refused with the two ways to type it.
 */
export function rate<T extends number | null = number>(name: string, opts: RateOptions<T> = {}): Column<number | T> {
  const min = opts.min ?? 0;
  const range = min === 0 ? "between 0 and 1" : `between ${showNumber(min)} and 1`;
  return makeColumn<number | T>(name, opts, "type a fraction such as 0.15, or 15%", (v, ctx) => {
    let n: number | undefined;
    let percent = false;
    if (typeof v === "number") n = isFinite(v) ? v : undefined;
    else if (typeof v === "string") {
      const s = v.trim();
      if (s.endsWith("%")) {
        percent = true;
        const p = parseNumberText(s.slice(0, -1), ctx.decimalComma);
        n = p === undefined ? undefined : p / 100;
      } else n = parseNumberText(s, ctx.decimalComma);
    }
    if (n === undefined) {
      if (v instanceof Date || typeof v === "boolean") return notANumber(v, ctx, "0.15");
      return new CellError(`is not a rate: type a fraction such as 0.15, or 15%`);
    }
    if (n >= min && n <= 1) return tooSmallMessage(n) ? new CellError(tooSmallMessage(n)!) : n;
    if (percent) return new CellError(`must be ${range} (${showNumber(min * 100)}% to 100%)`);
    if (n > 1 && n <= 100) {
      const pct = showNumber(n);
      return new CellError(`${name} must be ${range}: type ${showNumber(n / 100)} or ${pct}% for ${numberWords(n)} percent`);
    }
    if (n < min && min === 0) return new CellError(`${name} cannot be negative: type a fraction between 0 and 1, such as 0.15 or 15%`);
    return new CellError(`${name} must be ${range}, e.g. 0.15 or 15%`);
  });
}

const ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** 15 → "fifteen": a rate typed as 15 is echoed back in words so "0.15" cannot be misread. */
function numberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 100) return showNumber(n);
  if (n === 100) return "one hundred";
  if (n < 20) return ONES[n];
  return TENS[Math.floor(n / 10)] + (n % 10 ? "-" + ONES[n % 10] : "");
}

/** Lower-case, no spaces, `_` or `-`: "No-Show", "no show" and "no_show" are one spelling. */
export function choiceKey(s: string): string {
  return s.toLowerCase().replace(/[\s_\-]+/g, "");
}

export interface ChoiceOptions<T> extends CommonOptions<T> {
  /** Extra spellings → the value they mean, e.g. { canceled: "cancelled" }. */
  synonyms?: Record<string, string>;
}

/** One of a fixed set of words; case, spaces, `_` and `-` do not matter. */
export function oneOf<V extends string, T extends V | null = V>(
  name: string,
  values: readonly V[],
  opts: ChoiceOptions<T> = {}
): Column<V | T> {
  const lookup = new Map<string, V>();
  for (const v of values) lookup.set(choiceKey(v), v);
  for (const [k, v] of Object.entries(opts.synonyms ?? {})) lookup.set(choiceKey(k), v as V);
  const list = listWords(values);
  return makeColumn<V | T>(name, opts, `type ${list}`, (v) => {
    const found = lookup.get(choiceKey(cellText(v)));
    return found ?? new CellError(`must be ${list}`);
  });
}

function listWords(values: readonly string[]): string {
  if (values.length <= 2) return values.join(" or ");
  return `one of ${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

const YES = new Set(["yes", "y", "true", "1"]);
const NO = new Set(["no", "n", "false", "0"]);

/** yes/no, true/false, y/n, 1/0 (any case) or an Excel TRUE/FALSE. */
export function yesNo(name: string, opts: CommonOptions<boolean> = {}): Column<boolean> {
  return makeColumn(name, opts, "type yes or no", (v) => {
    if (typeof v === "boolean") return v;
    if (typeof v === "number") {
      if (v === 1) return true;
      if (v === 0) return false;
    }
    const s = cellText(v).trim().toLowerCase();
    if (YES.has(s)) return true;
    if (NO.has(s)) return false;
    return new CellError(`must be yes or no (a blank cell means no)`);
  });
}

// ---------------------------------------------------------------------------------------------
// Dates

const TIME = String.raw`(?:[T ]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO_DATE = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}$`);
const US_DATE = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})${TIME}$`);
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL_TEXT = /^\d+(?:\.\d+)?$/;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DATE_HINT = "type it as 2025-01-31 or 1/31/2025 (month/day/year)";

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function fromYmd(y: number, m: number, d: number, typed: string): number | CellError {
  if (m < 1 || m > 12) return new CellError(`is not a date: ${m} is not a month; ${DATE_HINT}`);
  if (d < 1 || d > daysInMonth(y, m)) return new CellError(`is not a date: ${MONTHS[m - 1]} ${y} has no day ${d}; ${DATE_HINT}`);
  if (y < 1900) return new CellError(`is before 1900, which Excel cannot hold as a date; check the year in "${typed}"`);
  if (y > 9999) return new CellError(`is after 9999-12-31, the last date Excel holds; check the year in "${typed}"`);
  return inDateWindow(ymdToSerial(y, m, d), typed);
}

/**
 * Dates ClinPay takes: 1900-03-01 .. 9999-12-31. Before 1 March 1900 Excel counts a 29 February
 * 1900 that never was and LibreOffice does not, so the same sheet would compute two answers.
 */
function inDateWindow(serial: number, typed: string): number | CellError {
  if (serial < FIRST_SAFE_SERIAL) {
    return new CellError(`is before 1900-03-01: Excel and LibreOffice count days before it differently (Excel's 29 February 1900), so ClinPay does not take it; check the year in "${typed}"`);
  }
  if (serial > MAX_SERIAL) return new CellError(`is after 9999-12-31, the last date Excel holds; check the year in "${typed}"`);
  return serial;
}

/** Two-digit years as Excel reads them: 00–29 → 2000s, 30–99 → 1900s. */
export function expandYear(yy: number): number {
  return yy < 30 ? 2000 + yy : 1900 + yy;
}

/**
 * Reads a date into an Excel serial (1900 system). Accepts a Date (from XLSX), an Excel serial
 * number, ISO 2025-01-31 (a time after it is ignored), 2025/01/31, US 1/31/2025 and 1/31/25,
 * and 20250131.
 */
export function parseDateValue(v: RawValue): number | CellError {
  if (v instanceof Date) {
    if (isNaN(v.getTime())) return new CellError(`is not a date: ${DATE_HINT}`);
    const serial = Math.floor(dateToSerial(v));
    return inDateWindow(serial, serial >= 1 && serial <= MAX_SERIAL ? serialToIso(serial) : v.toISOString().slice(0, 10));
  }
  if (typeof v === "number") return serialOrError(v, String(v));
  if (typeof v !== "string") return new CellError(`is not a date: ${DATE_HINT}`);
  const s = v.trim();
  let m = ISO_DATE.exec(s);
  if (m) return fromYmd(+m[1], +m[2], +m[3], s);
  m = US_DATE.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    const y = m[3].length === 2 ? expandYear(+m[3]) : +m[3];
    if (a > 12 && b <= 12) {
      const iso = `${y}-${String(b).padStart(2, "0")}-${String(a).padStart(2, "0")}`;
      return new CellError(`is not a date: dates with slashes are read month/day/year and ${a} is not a month; if you meant day ${a} of ${MONTHS[b - 1]}, type ${iso}`);
    }
    return fromYmd(y, a, b, s);
  }
  m = COMPACT_DATE.exec(s);
  if (m && +m[1] >= 1900) return fromYmd(+m[1], +m[2], +m[3], s);
  if (SERIAL_TEXT.test(s)) return serialOrError(Number(s), s);
  return new CellError(`is not a date: ${DATE_HINT}`);
}

function serialOrError(n: number, typed: string): number | CellError {
  if (isFinite(n) && n >= 1 && n <= MAX_SERIAL) return inDateWindow(Math.floor(n), `${typed} (${serialToIso(n)})`);
  const compact = COMPACT_DATE.exec(typed);
  if (compact && +compact[1] >= 1900) return fromYmd(+compact[1], +compact[2], +compact[3], typed);
  return new CellError(`is not a date: ${DATE_HINT}`);
}

/** A date, as an Excel serial number. */
export function date<T extends number | null = number>(name: string, opts: CommonOptions<T> = {}): Column<number | T> {
  return makeColumn<number | T>(name, opts, DATE_HINT, (v, ctx) => parseDateValue(ctx.date1904 ? in1900System(v) : v));
}

/** A column with its own reader. */
export function custom<T, D = T>(
  name: string,
  parse: (value: RawValue, ctx: CellContext) => T | CellError,
  opts: CommonOptions<D> & { hint: string }
): Column<T | D> {
  return makeColumn<T | D>(name, opts, opts.hint, parse);
}

// ---------------------------------------------------------------------------------------------
// Reading a table against a schema

export type Schema = Record<string, Column<unknown>>;

type ColumnValue<C> = C extends Column<infer T> ? T : never;

/** A parsed row: the schema's keys with their typed values, plus where the row is. */
export type Row<S extends Schema> = { [K in keyof S]: ColumnValue<S[K]> } & {
  /** The row as the user sees it in the file or sheet. */
  row: number;
  /** False when a cell in this row had a problem (its value is then the column's fallback). */
  ok: boolean;
};

export interface ReadResult<S extends Schema> {
  /** Every non-blank data row, in order, including ones with problems (ok = false). */
  rows: Row<S>[];
  problems: Problem[];
  /** The schema keys whose column the table has. */
  present: Set<keyof S>;
  /** The header each present column was read from, as the table spells it. */
  headers: Partial<Record<keyof S, string>>;
}

const CACHE_LIMIT = 10000;

export interface ReadOptions<S extends Schema = Schema> {
  /** What one row is, for the empty-table message: "offer", "appointment". */
  rowNoun: string;
  /**
   * Each parsed row is handed here instead of collected (ReadResult.rows stays empty), so a
   * caller that turns rows into something smaller never holds a million of both.
   */
  onRow?: (row: Row<S>) => void;
  /** Drop each raw row from `t.rows` once parsed (a table read only for this; see RawTable.transient). */
  release?: boolean;
}

/** A formula never calculated, in a column ClinPay reads, once per cell (its value is unknown). */
function uncalculatedProblems(t: RawTable, index: number[], cols: Column<unknown>[], headerRow: number): Problem[] {
  if (!t.uncalculated) return [];
  const used = new Map<number, Column<unknown>>();
  index.forEach((i, j) => {
    if (i >= 0) used.set(i, cols[j]);
  });
  return t.uncalculated
    .filter((u) => used.has(u.col))
    .map((u) => ({
      source: t.source,
      row: headerRow + 1 + u.row,
      column: used.get(u.col)!.name,
      value: u.formula,
      message: "is a formula that was never calculated, so its value is unknown: open the file in Excel (or LibreOffice), let it calculate, save it, and run again",
    }));
}

/**
 * Which table column each schema column is read from (-1: absent), recording the header each was
 * read from; a missing required column and two headers of one spelling are problems.
 */
function columnIndex<S extends Schema>(t: RawTable, schema: S, keys: (keyof S & string)[], result: ReadResult<S>): number[] {
  const { problems, present } = result;
  const source = t.source;
  const headerRow = t.headerRow ?? 1;
  const headerKeys = t.headers.map((h) => headerKey(cellText(h)));
  const index = keys.map((k) => {
    const col = schema[k];
    // Spellings rank: the column's own name, then its aliases in order. Exports often carry
    // two (Provider Name and Provider ID): the best one is read; only two headers of the same
    // spelling are a problem.
    const rank = new Map<string, number>();
    [col.name, ...(col.aliases ?? [])].forEach((s, r) => {
      const k = headerKey(s);
      if (!rank.has(k)) rank.set(k, r);
    });
    let best = Infinity;
    headerKeys.forEach((hk) => {
      const r = hk === "" ? undefined : rank.get(hk);
      if (r !== undefined && r < best) best = r;
    });
    const hits: number[] = [];
    headerKeys.forEach((hk, i) => {
      if (hk !== "" && rank.get(hk) === best) hits.push(i);
    });
    if (hits.length > 1) {
      problems.push({
        source,
        row: headerRow,
        column: col.name,
        value: "",
        message: `${hits.length} columns are all read as ${col.name} (${hits.map((i) => `"${t.headers[i]}"`).join(", ")}); delete or rename all but one`,
      });
    }
    if (hits.length > 0) {
      present.add(k);
      result.headers[k] = cellText(t.headers[hits[0]]).trim();
    }
    return hits.length > 0 ? hits[0] : -1;
  });

  const found = t.headers.map((h) => cellText(h).trim()).filter((h) => h !== "");
  keys.forEach((k, j) => {
    const col = schema[k];
    if (col.required && index[j] < 0) {
      let message = `this column is missing; the columns found are: ${found.join(", ")}`;
      if (found.length === 1 && /[,;\t|]/.test(found[0])) {
        message += ` (all in one cell: save the file again as CSV, with columns separated by commas)`;
      }
      problems.push({ source, row: headerRow, column: col.name, value: "", message });
    }
  });
  return index;
}

/**
 * Matches headers, parses every cell and collects every problem: a missing required column
 * once (at the header row, listing the columns found), then each bad cell. Unknown columns
 * are ignored; blank rows are skipped; a table without data rows is a problem.
 */
export function readRows<S extends Schema>(t: RawTable, schema: S, opts: ReadOptions<S>): ReadResult<S> {
  const problems: Problem[] = [];
  const source = t.source;
  const headerRow = t.headerRow ?? 1;
  const keys = Object.keys(schema) as (keyof S & string)[];
  const present = new Set<keyof S>();
  const result: ReadResult<S> = { rows: [], problems, present, headers: {} };

  const requiredNames = keys.filter((k) => schema[k].required).map((k) => schema[k].name);
  if (!t.headers.some((h) => cellText(h).trim() !== "")) {
    problems.push({
      source,
      row: 0,
      column: "",
      value: "",
      message: `is empty: its first row should name the columns (${requiredNames.join(", ")}), with one row per ${opts.rowNoun} below`,
    });
    return result;
  }

  const index = columnIndex(t, schema, keys, result);
  const cols = keys.map((k) => schema[k]);
  problems.push(...uncalculatedProblems(t, index, cols, headerRow));

  const ctx: CellContext = { decimalComma: !!t.decimalComma, date1904: !!t.date1904 };
  const width = t.headers.length;
  const uncalculated = new Set((t.uncalculated ?? []).map((u) => u.row * width + u.col));
  // Logs repeat a handful of statuses, dates and codes 100,000 times: parse each text once.
  const caches = keys.map(() => new Map<string, unknown>());
  const n = keys.length;
  const rows = t.rows;
  let dataRows = 0;
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    // A table read only to be parsed gives each raw row up once read: a million-row log never
    // holds its raw cells and its parsed rows at once.
    if (opts.release) (rows as (RawValue[] | null)[])[r] = null;
    let blank = true;
    for (let c = 0; c < cells.length; c++) {
      if (!isBlank(cells[c])) {
        blank = false;
        break;
      }
    }
    if (blank) continue;
    const rowNumber = headerRow + 1 + r;
    const out: Record<string, unknown> = { row: rowNumber, ok: true };
    if (cells.length > width) {
      let last = cells.length - 1;
      while (last >= width && isBlank(cells[last])) last--;
      if (last >= width) {
        out.ok = false;
        problems.push({
          source,
          row: rowNumber,
          column: "",
          value: cellText(cells[width]),
          message: `this row has ${last + 1} cells but the header row names ${width} columns; a value containing the separator (like "$1,200") must be in double quotes, or delete the extra cell`,
        });
      }
    }
    for (let j = 0; j < n; j++) {
      const col = cols[j];
      const i = index[j];
      const v = i >= 0 && i < cells.length ? cells[i] : null;
      let value: unknown;
      if (isBlank(v)) {
        if (uncalculated.has(r * width + i)) out.ok = false; // said once above
        else if (col.required && i >= 0) {
          out.ok = false;
          problems.push({ source, row: rowNumber, column: col.name, value: "", message: `is empty: ${col.hint}` });
        }
        value = col.fallback;
      } else if (i < 0) {
        value = col.fallback;
      } else if (typeof v === "string" && v.length > EXCEL_CELL_TEXT) {
        out.ok = false;
        problems.push({ source, row: rowNumber, column: col.name, value: v.slice(0, 100), message: cellTextTooLong(v.length) });
        value = col.fallback;
      } else {
        let parsed: unknown;
        if (typeof v === "string") {
          const cache = caches[j];
          parsed = cache.get(v);
          if (parsed === undefined) {
            parsed = col.parse(v, ctx);
            if (cache.size < CACHE_LIMIT) cache.set(v, parsed);
          }
        } else parsed = col.parse(v as RawValue, ctx);
        if (parsed instanceof CellError) {
          out.ok = false;
          problems.push({ source, row: rowNumber, column: col.name, value: cellText(v), message: parsed.message });
          value = col.fallback;
        } else value = parsed;
      }
      out[keys[j]] = value;
    }
    dataRows++;
    if (opts.onRow) opts.onRow(out as Row<S>);
    else result.rows.push(out as Row<S>);
  }

  if (dataRows === 0) {
    problems.push({
      source,
      row: 0,
      column: "",
      value: "",
      message: `has no data rows under the header row; add one row per ${opts.rowNoun}`,
    });
  }
  return result;
}
