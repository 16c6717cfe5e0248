/**
 * WRVU, DOWNCODE_IMPACT and MEDICARE_PAYMENT (SPEC §1) over the CMS fee schedule.
 *
 * Default year: the latest year the schedule has FOR THAT CODE, not the latest year overall:
 * codes come and go (37220-37235 were replaced by 37254+ in 2026), and a code CMS dropped still
 * has its last published value.
 */
import { serialToYmd } from "./dates";
import type { FeeRow, FeeSchedule, Gpci } from "./fee-schedule";
import { feeKey, splitCode } from "./exports/codes";
import { finiteResult, requireFinite, requireNonNegative } from "./check";
import { naError, valueError } from "./errors";

/**
 * A code as typed: 99214, "99214", " g2211 ", "71046-26" (a modifier CMS prices on its own row);
 * "99214-95" is priced as 99214, since 95 changes how, not what, was done.
 */
export function normalizeCode(code: string | number): string {
  if (typeof code === "number") {
    requireFinite("code", code, "99214");
    return String(code);
  }
  if (typeof code !== "string") throw valueError('code must be a CPT/HCPCS code, e.g. 99214 or "G2211"');
  const c = code.trim().toUpperCase();
  if (c === "") throw valueError('code is empty: type a CPT/HCPCS code, e.g. 99214 or "G2211"');
  const split = splitCode(c);
  return feeKey(split.code, split.modifiers);
}

function rowsFor(fees: FeeSchedule, code: string | number): { key: string; rows: readonly FeeRow[] } {
  const key = normalizeCode(code);
  const rows = fees.rows(key);
  if (!rows) {
    throw naError(`code ${key} is not in the CMS fee schedule ClinPay carries (every code with RVUs, years ${fees.years.join(", ")}); check the code, or add its modifier as 71046-26`);
  }
  return { key, rows };
}

const yearsOf = (rows: readonly FeeRow[]) => rows.map((r) => r.year).join(", ");

/** The row for a code in a year; year omitted (null/undefined) = that code's latest year. */
export function feeRow(fees: FeeSchedule, code: string | number, year?: number | null): FeeRow {
  const { key, rows } = rowsFor(fees, code);
  if (year === undefined || year === null) return rows[rows.length - 1];
  requireFinite("year", year, "2025");
  const row = rows.find((r) => r.year === year);
  if (!row) throw naError(`no ${year} RVUs for ${key} in ClinPay's CMS table: it has ${key} for ${yearsOf(rows)}`);
  return row;
}

/** WRVU: the work RVU of a CPT/HCPCS code. */
export function lookupWrvu(fees: FeeSchedule, code: string | number, year?: number | null): number {
  return feeRow(fees, code, year).work;
}

/**
 * The work RVU of a fee key for services in `year`, or undefined: the lookup the logs use. The
 * latest table year at or before it (the values CMS had in force); for a service before the
 * table's first year, or a code first listed after it, the code's earliest year. No year: its latest.
 */
export function wrvuForYear(fees: FeeSchedule, key: string, year: number | null): { wrvu: number; year: number } | undefined {
  const rows = fees.rows(key);
  if (!rows) return undefined;
  let r = rows[year === null ? rows.length - 1 : 0];
  if (year !== null) for (const x of rows) if (x.year <= year) r = x;
  return { wrvu: r.work, year: r.year };
}

/**
 * DOWNCODE_IMPACT: visits × (WRVU(from) − WRVU(to)), × dollars_per_wrvu when given. Negative
 * when to_code is worth more (an upcode gains). Year omitted: the latest year the table has for
 * BOTH codes, so the two values come from one fee schedule; each code's own latest if they
 * share none.
 */
export function downcodeImpact(
  fees: FeeSchedule,
  visits: number,
  fromCode: string | number,
  toCode: string | number,
  dollarsPerWrvu?: number | null,
  year?: number | null
): number {
  requireNonNegative("visits", visits, "a count of visits", "10");
  if (dollarsPerWrvu !== undefined && dollarsPerWrvu !== null) {
    requireNonNegative("dollars_per_wrvu", dollarsPerWrvu, "$ per wRVU", "50");
  }
  let y = year;
  if (y === undefined || y === null) {
    const from = rowsFor(fees, fromCode).rows.map((r) => r.year);
    const to = new Set(rowsFor(fees, toCode).rows.map((r) => r.year));
    const shared = from.filter((yr) => to.has(yr));
    y = shared.length > 0 ? shared[shared.length - 1] : null;
  }
  const lost = visits * (lookupWrvu(fees, fromCode, y) - lookupWrvu(fees, toCode, y));
  const result = dollarsPerWrvu === undefined || dollarsPerWrvu === null ? lost : lost * dollarsPerWrvu;
  return finiteResult(result, "DOWNCODE_IMPACT");
}

export type Setting = "office" | "facility";

const SETTINGS: Record<string, Setting> = {
  office: "office", nonfacility: "office", "10": "office", "11": "office",
  facility: "facility", "02": "facility", "2": "facility",
};

/** "office" (non-facility; POS 10 and 11) or "facility" (POS 02); omitted = office. */
export function parseSetting(s: string | null | undefined): Setting {
  if (s === null || s === undefined || s.trim() === "") return "office";
  const hit = SETTINGS[s.toLowerCase().replace(/[^a-z0-9]/g, "")];
  if (!hit) throw valueError(`setting must be "office" (non-facility, also POS 10) or "facility" (also POS 02), got "${s}"`);
  return hit;
}

/** "CA-54", "ca 54", "CA54" → "CA-54". */
function localityKey(s: string): string {
  const m = /^\s*([A-Za-z]{2})[\s\-_]*(\d{1,2})\s*$/.exec(s);
  return m ? `${m[1].toUpperCase()}-${m[2].padStart(2, "0")}` : s.trim().toUpperCase();
}

/**
 * MEDICARE_PAYMENT: (work × work GPCI + PE × PE GPCI + MP × MP GPCI) × conversion factor, in
 * dollars rounded to the cent as CMS publishes it. Locality blank = national (every GPCI 1).
 * With a locality the year is still the code's latest (SPEC §3 "The RVU year"): a 2026 payment
 * has no 2026 GPCIs to use, so it is #N/A saying what to type, never 2025's borrowed silently.
 */
export function medicarePayment(
  fees: FeeSchedule,
  code: string | number,
  setting?: string | null,
  year?: number | null,
  locality?: string | null
): number {
  const where = parseSetting(setting);
  const row = feeRow(fees, code, year);
  if (row.work + row.peNonFacility + row.peFacility + row.mp === 0) throw naError(`CMS gives ${row.key} no RVUs in ${row.year}, so Medicare sets no payment for it`);
  const local = locality !== null && locality !== undefined && locality.trim() !== "";
  const g = local ? localGpci(fees, row, locality!) : { work: 1, pe: 1, mp: 1 };
  const pe = where === "office" ? row.peNonFacility : row.peFacility;
  const cf = fees.conversionFactor(row.year)!;
  const dollars = (row.work * g.work + pe * g.pe + row.mp * g.mp) * cf;
  return finiteResult(Math.round(dollars * 100 + 1e-9) / 100, "MEDICARE_PAYMENT");
}

/** A locality's GPCIs for a row's year; #N/A for an unknown locality or a year without GPCIs. */
function localGpci(fees: FeeSchedule, row: FeeRow, locality: string): Gpci {
  const key = localityKey(locality);
  const found = fees.gpci(key);
  if (!found) throw naError(`locality ${key} is not a CMS Medicare locality: type the state and locality number, e.g. CA-54 (blank = national)`);
  if (row.year === fees.gpciYear) return found;
  // The advice must work when followed: "give year 2025" only where the code has 2025 RVUs.
  const hasGpciYear = fees.rows(row.key)!.some((r) => r.year === fees.gpciYear);
  if (hasGpciYear) throw naError(`no ${row.year} GPCIs bundled yet: give year ${fees.gpciYear} or leave the locality blank`);
  throw naError(`no ${row.year} GPCIs bundled yet, and ${row.key} has no ${fees.gpciYear} RVUs: leave the locality blank for the national payment`);
}

/**
 * Several codes' wRVU on a service dated `date` (each code at the table year in force then, or at
 * the RVU year when one is pinned, as the sheets' CMS block prices it): the first × units, each
 * further code once; codes the CMS table lacks count 0 (and are listed).
 */
export function summedWrvu(keys: readonly string[], units: number, fees: FeeSchedule, unpriced: Set<string>, date: number | null, rvuYear?: number | null): number {
  const year = rvuYear !== undefined && rvuYear !== null ? rvuYear : date === null ? null : serialToYmd(date).y;
  let sum = 0;
  keys.forEach((k, i) => {
    const w = wrvuForYear(fees, k, year);
    if (w === undefined) unpriced.add(k);
    else sum += w.wrvu * (i === 0 ? units : 1);
  });
  return sum;
}
