/**
 * Dates typed as text or held as Excel serials and Date cells, read into Excel serial numbers
 * (1900 system), with messages that say what to type instead.
 */
import type { RawValue } from "./inputs/types";
import { FIRST_SAFE_SERIAL, MAX_SERIAL } from "./check";
import { dateToSerial, serialToIso, ymdToSerial } from "./dates";
import { CellError } from "./cells";

const TIME = String.raw`(?:[T ]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
export const ISO_LIKE_DATE = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}$`);
/**
 * A slash, dot or dash date with the year last, `6/1/2026`, `06.01.2026`, `01-05-2026`, maybe after
 * its weekday (`Mon 01/05/2026`): parts 1 and 3 are day and month in the column's order.
 */
export const SLASH_DATE = new RegExp(String.raw`^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`, "i");
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
/**
 * A date whose month is a word: `Mar 5, 2026`, `March 5 2026`, `Thursday, March 5, 2026`,
 * `5 Mar 2026`, `05-Mar-2026`, `05-MAR-26`. The month is named, so the date reads one way only,
 * whatever the column's order.
 */
export const MONTH_NAME_DATE = new RegExp(
  String.raw`^(?:([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2}))${TIME}$`
);
const WEEKDAY_PREFIX = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
const SERIAL_TEXT = /^\d+(?:\.\d+)?$/;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** 1–12 for a month's name or its usual abbreviation (`Mar`, `March`, `Sept`), else 0. */
function monthNumber(word: string): number {
  const w = word.toLowerCase();
  if (w === "sept") return 9;
  const i = MONTHS.findIndex((m) => m.toLowerCase() === w || (w.length === 3 && m.toLowerCase().startsWith(w)));
  return i + 1;
}

/** `Mar 5, 2026` and its kin → the serial; null when the text is not such a date (its words are no month). */
function monthNameDate(s: string): number | CellError | null {
  const m = MONTH_NAME_DATE.exec(s.replace(WEEKDAY_PREFIX, ""));
  if (!m) return null;
  const [word, day, year] = m[1] !== undefined ? [m[1], m[2], m[3]] : [m[5], m[4], m[6]];
  const mo = monthNumber(word);
  if (mo === 0) return null;
  return fromYmd(year.length === 2 ? expandYear(+year) : +year, mo, +day, s);
}

/** Whether a text is a date with a named month that reads as a real day (`Feb 3, 2026`). */
export function isMonthNameDate(text: string): boolean {
  return typeof monthNameDate(text.trim()) === "number";
}

// ISO only: a slash date typed to fix one cell could change how the whole column is read.
export const DATE_HINT = "type it as YYYY-MM-DD, e.g. 2025-01-31";

/** The order of a slash or dot date's day and month: month-first (US) or day-first. */
export type DateOrder = "mdy" | "dmy";
const ORDER_NAME: Record<DateOrder, string> = { mdy: "month/day/year", dmy: "day/month/year" };

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
 * a named month (Jan 31, 2025; 31 Jan 2025; 31-Jan-2025) and 20250131.
 */
/**
 * How a message names the date order's setting: the CLI flag and the pane's field. A sheet reading
 * two exports gives each its own (`--mine-date-order`, My record's Date order).
 */
export interface OrderAdvice {
  flag: string;
  pane: string;
}
export const ORDER_ADVICE: OrderAdvice = { flag: "--date-order", pane: "the pane's Date order field" };

export function parseDateValue(v: RawValue, order: DateOrder = "mdy", advice: OrderAdvice = ORDER_ADVICE): number | CellError {
  if (v instanceof Date) {
    if (isNaN(v.getTime())) return new CellError(`is not a date: ${DATE_HINT}`);
    const serial = Math.floor(dateToSerial(v));
    return inDateWindow(serial, serial >= 1 && serial <= MAX_SERIAL ? serialToIso(serial) : v.toISOString().slice(0, 10));
  }
  if (typeof v === "number") return serialOrError(v, String(v));
  if (typeof v !== "string") return new CellError(`is not a date: ${DATE_HINT}`);
  const s = v.trim();
  let m = ISO_LIKE_DATE.exec(s);
  if (m) return fromYmd(+m[1], +m[2], +m[3], s);
  m = SLASH_DATE.exec(s);
  if (m) {
    const [mo, d] = order === "mdy" ? [+m[1], +m[3]] : [+m[3], +m[1]];
    const y = m[4].length === 2 ? expandYear(+m[4]) : +m[4];
    if (mo > 12 && d <= 12) {
      const other: DateOrder = order === "mdy" ? "dmy" : "mdy";
      return new CellError(`is not a date in ${ORDER_NAME[order]} order, the order this column's dates are read in (${mo} is not a month): if the whole column is ${ORDER_NAME[other]}, pass ${advice.flag} ${other} (${advice.pane})`);
    }
    return fromYmd(y, mo, d, s);
  }
  const named = monthNameDate(s);
  if (named !== null) return named;
  m = COMPACT_DATE.exec(s);
  if (m && +m[1] >= 1900) return fromYmd(+m[1], +m[2], +m[3], s);
  if (SERIAL_TEXT.test(s)) return serialOrError(Number(s), s);
  return new CellError(`is not a date: ${DATE_HINT}`);
}

/**
 * A date typed as a flag or an assumption (--as-of, Change started on): ISO or unambiguous only.
 * `12/05/2026` could be 5 December or 12 May, so it is refused with both ISO spellings.
 */
export function parseDateFlag(text: string): number | CellError {
  const s = text.trim();
  const m = SLASH_DATE.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[3];
    if (a !== b && a >= 1 && a <= 12 && b >= 1 && b <= 12) {
      const y = m[4].length === 2 ? expandYear(+m[4]) : +m[4];
      const iso = (mo: number, d: number) => `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      return new CellError(`could be ${iso(a, b)} or ${iso(b, a)}: type ${iso(a, b)} or ${iso(b, a)}`);
    }
    return parseDateValue(s, a > 12 ? "dmy" : "mdy");
  }
  return parseDateValue(s);
}

function serialOrError(n: number, typed: string): number | CellError {
  if (isFinite(n) && n >= 1 && n <= MAX_SERIAL) return inDateWindow(Math.floor(n), `${typed} (${serialToIso(n)})`);
  const compact = COMPACT_DATE.exec(typed);
  if (compact && +compact[1] >= 1900) return fromYmd(+compact[1], +compact[2], +compact[3], typed);
  return new CellError(`is not a date: ${DATE_HINT}`);
}

