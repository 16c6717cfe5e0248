/**
 * The declarative column schema a table is read against: each column's name, aliases, default
 * and cell parser, whose messages tell a clinician what to type instead.
 */
import type { RawValue } from "./inputs/types";
import { CellError, cellText, choiceKey, parseNumberText, showNumber, tooLargeMessage } from "./cells";
import { DATE_HINT, parseDateValue, type DateOrder, type OrderAdvice } from "./date-cells";
import { tooSmallMessage } from "./limits";
import { in1900System } from "./dates";

export interface CellContext {
  decimalComma: boolean;
  /** How the table's slash and dot dates are read (decided per column from its values). */
  dateOrder?: DateOrder;
  /** The workbook counts date serials from 1904 (RawTable.date1904). */
  date1904?: boolean;
  /** How a date cell's message names the date order's setting. */
  orderAdvice?: OrderAdvice;
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
  /** What to type instead, after a message that the number is out of range. */
  inRange?: string;
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
  const instead = o.inRange ? `: ${o.inRange}` : "";
  if (o.min === 0 && n < 0) return new CellError(`cannot be negative: type 0 or more${what}, without a minus sign`);
  if (o.above !== undefined && !(n > o.above)) return new CellError(`must be more than ${showNumber(o.above)}${what}${instead}`);
  const low = o.min !== undefined && n < o.min;
  const high = o.max !== undefined && n > o.max;
  if ((low || high) && o.min !== undefined && o.max !== undefined) {
    return new CellError(`must be between ${showNumber(o.min)} and ${showNumber(o.max)}${what}${instead}`);
  }
  if (low) return new CellError(`must be at least ${showNumber(o.min!)}${what}${instead}`);
  if (high) return new CellError(`must be at most ${showNumber(o.max!)}${what}${instead}`);
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

/** A date, as an Excel serial number. */
export function date<T extends number | null = number>(name: string, opts: CommonOptions<T> = {}): Column<number | T> {
  return makeColumn<number | T>(name, opts, DATE_HINT, (v, ctx) => parseDateValue(ctx.date1904 ? in1900System(v) : v, ctx.dateOrder, ctx.orderAdvice));
}

/** A column with its own reader. */
export function custom<T, D = T>(
  name: string,
  parse: (value: RawValue, ctx: CellContext) => T | CellError,
  opts: CommonOptions<D> & { hint: string }
): Column<T | D> {
  return makeColumn<T | D>(name, opts, opts.hint, parse);
}
