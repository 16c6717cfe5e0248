/**
 * The CMS lookup block a sheet carries beside its copied rows, and text as COUNTIFS/SUMIFS
 * compare it. RVU Leakage, the Target Tracker and the Telehealth Scorecard price a row without a
 * wRVU by its code through this block, in the core and in the sheet alike.
 *
 * The RVU year (SPEC §3): a row is priced in its own table year — the latest year of the table at
 * or before its date (the table's first year for older services) — unless an RVU year pins every
 * row to one year. The block therefore has one row per code and table year the rows use, with
 * the dates that year prices and the code's work RVU in EVERY table year, so the sheet's `Priced
 * at` column follows the RVU year cell live.
 */
import { wrvuForYear } from "./wrvu";
import { serialToYmd, ymdToSerial } from "./dates";
import type { FeeSchedule } from "./fee-schedule";

/** The first and last days Excel's 1900 system holds that ClinPay reads (1900-03-01, 9999-12-31). */
const FIRST_SERIAL = 61;
const LAST_SERIAL = 2958465;

/** One row of the block: a code, the table year whose services it prices, and its work RVU in each table year. */
export interface CmsRow {
  code: string;
  /** The table year of the services this row prices: those dated `from` to `to` (serials, inclusive). */
  year: number;
  from: number;
  to: number;
  /**
   * The code's work RVU in each of the block's `years`: CMS's value that year, or — for a year
   * CMS lists no RVUs for the code — the nearest year's (the latest before it, else the earliest
   * after), as WRVU without a year and the logs' pricing do.
   */
  values: number[];
}

export interface CmsBlock {
  /** Every year of the fee schedule, ascending: the block's value columns. */
  years: number[];
  rows: CmsRow[];
}

/** Free text as the sheet copies it: trimmed, whitespace runs (and line breaks) made one space. */
export function cleanText(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/**
 * The key under which COUNTIFS sees two text cells as equal: case does not matter. (Text that
 * reads as a number is still compared as text: LibreOffice counts "05" under "=05" only, not
 * under "=5".)
 */
export function matchKey(s: string): string {
  return cleanText(s).toLowerCase();
}

/**
 * Codes the CMS lookup block lists when no code of the log is in the schedule, so a code typed
 * into the copied log later still finds its row: the office E/M family and its add-on.
 */
const COMMON_CODES = ["99202", "99203", "99204", "99205", "99211", "99212", "99213", "99214", "99215", "G2211"];

/** The table year a service dated `serial` is priced in: the latest of `years` at or before its
 *  calendar year, the first for a service older than the table. */
export function tableYear(years: readonly number[], serial: number): number {
  return yearIn(years, serialToYmd(serial).y);
}

/** The table year for a calendar year: the latest at or before it (the earliest for older years). */
export function yearIn(years: readonly number[], calendarYear: number): number {
  let year = years[0];
  for (const y of years) if (y <= calendarYear) year = y;
  return year;
}

/** The dates a table year prices: from its 1 January (the first year: from any date) to its 31 December (the last: to any date). */
function datesOf(years: readonly number[], year: number): { from: number; to: number } {
  const i = years.indexOf(year);
  return {
    from: i === 0 ? FIRST_SERIAL : ymdToSerial(year, 1, 1),
    to: i === years.length - 1 ? LAST_SERIAL : ymdToSerial(year, 12, 31),
  };
}

/** A row the block is made for: its code, any further codes of its cell, its date. */
export interface PricedRow {
  code: string | null;
  addOns?: readonly string[];
  date?: number | null;
}

/**
 * The CMS lookup block of `from`: a row for each code the fee schedule has (first codes and a
 * cell's further codes) and each table year its rows fall in, in code then year order. When no
 * code is known, the office E/M codes at the table year of the rows' last date.
 */
export function cmsBlockFor(fees: FeeSchedule, from: readonly PricedRow[]): CmsBlock {
  const years = fees.years;
  const used = new Map<string, Set<number>>();
  let last: number | null = null;
  const use = (code: string, year: number) => {
    const key = code.trim().toUpperCase();
    if (!fees.has(key)) return;
    const set = used.get(key);
    if (set) set.add(year);
    else used.set(key, new Set([year]));
  };
  for (const r of from) {
    const date = typeof r.date === "number" ? r.date : null;
    if (date !== null && (last === null || date > last)) last = date;
    const year = date === null ? years[years.length - 1] : tableYear(years, date);
    if (r.code !== null) use(r.code, year);
    for (const a of r.addOns ?? []) use(a, year);
  }
  if (used.size === 0) {
    const year = last === null ? years[years.length - 1] : tableYear(years, last);
    for (const c of COMMON_CODES) use(c, year);
  }
  const rows: CmsRow[] = [];
  for (const [code, ys] of used) {
    const values = workByYear(fees, code)!;
    for (const year of [...ys].sort((a, b) => a - b)) rows.push({ code, year, ...datesOf(years, year), values });
  }
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.year - b.year));
  return { years: [...years], rows };
}

/**
 * A code's work RVU in each year of the table: CMS's value that year, else the nearest year's
 * (the latest before it, else the earliest after); undefined for a code CMS never listed.
 */
export function workByYear(fees: FeeSchedule, code: string): number[] | undefined {
  if (!fees.has(code)) return undefined;
  return fees.years.map((y) => wrvuForYear(fees, code, y)!.wrvu);
}

/** The block row that prices a code dated `date`, and its price: `key` names the row (for sums grouped as the sheet groups them). */
export type Pricer = (code: string | null, date: number) => { key: string; wrvu: number } | undefined;

/**
 * A row's code and date → its work RVU as the sheet's `Priced at` column gives it (case ignored):
 * the block row of its code and table year, at the RVU year when one is pinned (a year of the
 * table), else at that row's own year. Undefined when the block has no such row.
 */
export function cmsPricer(block: CmsBlock, rvuYear?: number | null): Pricer {
  const byKey = new Map<string, CmsRow>();
  for (const r of block.rows) byKey.set(`${matchKey(r.code)}|${r.year}`, r);
  const pinned = rvuYear === undefined || rvuYear === null ? -1 : block.years.indexOf(rvuYear);
  return (code, date) => {
    if (code === null || cleanText(code) === "") return undefined;
    const key = `${matchKey(code)}|${tableYear(block.years, date)}`;
    const row = byKey.get(key);
    if (!row) return undefined;
    return { key, wrvu: row.values[pinned >= 0 ? pinned : block.years.indexOf(row.year)] };
  };
}
