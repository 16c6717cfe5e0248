/**
 * Dates as an .xlsx holds them: a serial number in a date-formatted cell, counted from 1900 or
 * — when workbook.xml says `date1904` — from 1904 (Excel for Mac's old default, still in many
 * files); or an ISO 8601 text in a `t="d"` cell (Excel's "ISO 8601 dates" option, openpyxl,
 * SheetJS). Both become the same Date, so no reader takes a 1904 serial as a 1900 one (four
 * years and a day early) or the year 2026 of "2026-06-30T00:00:00" for a serial (1905-07-18).
 */

import { DAYS_FROM_1900_TO_1904 } from "../../core/dates";

const MS_PER_DAY = 86_400_000;
/** Serial 25569 is 1970-01-01 (for every serial from 61, 1900-03-01, on). */
const UNIX_EPOCH_SERIAL = 25569;

/**
 * A cell's serial as the Date it means. Serials below 61 count Excel's phantom 29 February
 * 1900, so they step one day back to keep core/dates' dateToSerial their exact inverse (60, the
 * phantom day itself, reads as 28 February; ClinPay refuses dates before 1 March 1900 anyway).
 */
export function serialToDate(serial: number, date1904: boolean): Date {
  const s = date1904 ? serial + DAYS_FROM_1900_TO_1904 : serial;
  const days = s >= 61 ? s : Math.min(s + 1, 60);
  return new Date(Math.round((days - UNIX_EPOCH_SERIAL) * MS_PER_DAY));
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The Date of a `t="d"` cell's text, read as the wall-clock date and time it writes (a zone,
 * rare, is not applied: a date column keeps the day the file shows). Undefined when it is not
 * an ISO date, so the text itself reaches the column, which says what is wrong with it.
 */
export function isoCellDate(text: string): Date | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = "0", mi = "0", s = "0", frac = "0"] = m.slice(1);
  const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.round(Number(`0.${frac}`) * 1000)));
  if (+y < 100) date.setUTCFullYear(+y);
  const sameDay = date.getUTCFullYear() === +y && date.getUTCMonth() === +mo - 1 && date.getUTCDate() === +d;
  return sameDay && +h < 24 && +mi < 60 && +s < 60 ? date : undefined;
}

/**
 * Built-in number formats that show a date or time (ECMA-376 Part 1, 18.8.30): 14-22 and 45-47
 * everywhere, 27-36 and 50-58 in Chinese, Japanese and Korean Excel, 71-81 in Thai. A file
 * written in those locales stores only the id, so a reader that knows 14-22 alone reads those
 * date cells as bare serials.
 */
const BUILT_IN_DATE_IDS = new Set([
  ...range(14, 22),
  ...range(27, 36),
  ...range(45, 47),
  ...range(50, 58),
  ...range(71, 81),
]);

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** True when a cell with this number format shows a date or time: by its code when the file
 *  gives one (custom formats, and built-ins some writers spell out), else by the built-in id. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILT_IN_DATE_IDS.has(id);
  const first = code.split(";")[0];
  if (/^\s*general\s*$/i.test(first)) return false;
  const bare = first
    .replace(/"[^"]*"/g, "") // quoted text
    .replace(/\\./g, "") // an escaped character
    .replace(/[_*]./g, "") // padding and fill characters
    .replace(/\[(?!h+\]|m+\]|s+\])[^\]]*\]/gi, "") // colours, conditions, locales; not elapsed [h] [mm] [ss]
    .replace(/E[+-]/gi, ""); // scientific notation
  return /[dmyhsgeb]/i.test(bare);
}
