/**
 * The CMS lookup block a sheet carries beside its copied rows, and text as COUNTIFS/SUMIFS
 * compare it. RVU Leakage and the Target Tracker price a row without a wRVU by its code through
 * this block, in the core and in the sheet alike.
 */
import { wrvuForYear } from "./wrvu";
import { serialToYmd } from "./dates";
import type { FeeSchedule } from "./fee-schedule";

/** One CMS row the sheet carries as its lookup block: a code, its work RVU and that RVU's year. */
export interface CmsRow {
  code: string;
  wrvu: number;
  year: number;
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

/**
 * The CMS lookup block: every code of the rows the schedule has, each at the year of its last
 * dated row (the latest table year at or before it), so a log of 2025 services is priced at
 * 2025's values and one of 2026 at 2026's. The block holds one value per code: a code seen in
 * both years takes the later. When no code is known, the office E/M codes at the log's last year.
 */
export function cmsRowsFor(fees: FeeSchedule, from: readonly { code: string | null; date?: number | null }[]): CmsRow[] {
  const lastDate = new Map<string, number | null>();
  let logLast: number | null = null;
  for (const a of from) {
    const date = typeof a.date === "number" ? a.date : null;
    if (date !== null && (logLast === null || date > logLast)) logLast = date;
    if (a.code === null) continue;
    const code = a.code.trim().toUpperCase();
    const seen = lastDate.get(code);
    if (seen === undefined || (date !== null && (seen === null || date > seen))) lastDate.set(code, date);
  }
  const rows = (codes: Iterable<[string, number | null]>) => {
    const out: CmsRow[] = [];
    for (const [code, date] of codes) {
      const hit = wrvuForYear(fees, code, date === null ? null : serialToYmd(date).y);
      if (hit) out.push({ code, wrvu: hit.wrvu, year: hit.year });
    }
    return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  };
  const used = rows(lastDate);
  return used.length > 0 ? used : rows(COMMON_CODES.map((c) => [c, logLast]));
}

/** A row's code → its wRVU in the block, as the sheet's SUMIFS finds it (case ignored). */
export function cmsLookup(cms: readonly CmsRow[]): (code: string | null) => number | undefined {
  const byKey = new Map<string, number>();
  for (const r of cms) byKey.set(matchKey(r.code), r.wrvu);
  return (code) => (code === null || cleanText(code) === "" ? undefined : byKey.get(matchKey(code)));
}
