/**
 * Excel date serials (1900 date system) ↔ calendar dates. 2025-01-01 is 45658.
 *
 * Excel's 1900 system counts a 29 February 1900 that never existed (serial 60), a bug kept from
 * Lotus 1-2-3. These conversions follow Excel exactly, phantom day included, so a serial from a
 * cell and a date from DATE() agree for every serial from 1 (1900-01-01) to 2958465
 * (9999-12-31). Only dates before 1900-03-01 (serial 61) see the phantom day, and only in
 * day counts that span it; ClinPay's periods never reach back that far in practice.
 */
import { MAX_SERIAL } from "./check";
import { numError } from "./errors";

export interface Ymd {
  y: number;
  /** 1..12 */
  m: number;
  /** 1..31 */
  d: number;
}

/** Serial 0 is 1899-12-30 for every date from 1900-03-01 on; Unix day 0 is serial 25569. */
const UNIX_EPOCH_SERIAL = 25569;
const FIRST_REAL_SERIAL = 61; // 1900-03-01
const PHANTOM_SERIAL = 60; // "1900-02-29"
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's days_from_civil. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): Ymd {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function checkSerial(serial: number): number {
  if (!Number.isFinite(serial) || serial < 1 || serial >= MAX_SERIAL + 1) {
    throw numError(`${serial} is not an Excel date: dates run from 1 (1900-01-01) to ${MAX_SERIAL} (9999-12-31)`);
  }
  return Math.floor(serial);
}

/**
 * The serial of a calendar date, like Excel's DATE(y, m, d): a month above 12 or a day past the
 * month's end rolls forward (DATE(2025, 2, 29) is 2025-03-01).
 */
export function ymdToSerial(y: number, m: number, d: number): number {
  if (y === 1900 && m === 2 && d === 29) return PHANTOM_SERIAL;
  y += Math.floor((m - 1) / 12);
  m = ((((m - 1) % 12) + 12) % 12) + 1;
  const days = daysFromCivil(y, m, 1) + d - 1;
  const serial = days + UNIX_EPOCH_SERIAL;
  return checkSerial(serial >= FIRST_REAL_SERIAL ? serial : serial - 1);
}

/** The calendar date of a serial; a time of day (the fraction) is dropped. */
export function serialToYmd(serial: number): Ymd {
  const s = checkSerial(serial);
  if (s === PHANTOM_SERIAL) return { y: 1900, m: 2, d: 29 };
  return civilFromDays(s - (s > PHANTOM_SERIAL ? UNIX_EPOCH_SERIAL : UNIX_EPOCH_SERIAL - 1));
}

/** A 1904-system serial (Excel for Mac's old default) plus this is the 1900-system serial of the same day. */
export const DAYS_FROM_1900_TO_1904 = 1462;

/** A number read from a 1904-system workbook's date column, as a 1900-system serial; anything else as it is. */
export function in1900System<T>(v: T): T | number {
  return typeof v === "number" ? v + DAYS_FROM_1900_TO_1904 : v;
}

/** 2025-07-01 style, for messages. */
export function serialToIso(serial: number): string {
  const { y, m, d } = serialToYmd(serial);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * A JavaScript Date as a serial, fraction = time of day. Read in UTC, as XLSX readers build
 * Dates from cell serials.
 */
export function dateToSerial(date: Date): number {
  const t = date.getTime();
  if (Number.isNaN(t)) throw numError("not a valid date");
  const raw = t / MS_PER_DAY + UNIX_EPOCH_SERIAL;
  return raw >= FIRST_REAL_SERIAL ? raw : raw - 1;
}

/** 1 January of the serial's year. */
export function yearStart(serial: number): number {
  return ymdToSerial(serialToYmd(serial).y, 1, 1);
}

/**
 * Days in the period of one calendar year from periodStart: 365 or 366. Computed the way a sheet
 * would, DATE(YEAR(s)+1, MONTH(s), DAY(s)) − s, so a period starting 29 Feb runs to 1 Mar.
 */
export function periodDays(periodStart: number): number {
  const s = checkSerial(periodStart);
  const { y, m, d } = serialToYmd(s);
  return ymdToSerial(y + 1, m, d) - s;
}

/** First of the month of an Excel serial, as a serial. */
export function monthStart(serial: number): number {
  const { y, m } = serialToYmd(serial);
  return ymdToSerial(y, m, 1);
}

/** The first of every month from `first`'s month through `last`'s (nothing past December 9999). */
export function monthStarts(first: number, last: number): number[] {
  const out: number[] = [];
  for (let m: number | undefined = monthStart(first); m !== undefined && m <= last; m = nextMonthStart(m)) out.push(m);
  return out;
}

/** First of the next month; undefined after December 9999, the last month Excel holds. */
export function nextMonthStart(serial: number): number | undefined {
  const { y, m } = serialToYmd(serial);
  if (m === 12) return y < 9999 ? ymdToSerial(y + 1, 1, 1) : undefined;
  return ymdToSerial(y, m + 1, 1);
}
