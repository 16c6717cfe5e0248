/**
 * The CMS lookup block a sheet carries beside its copied rows, and text as COUNTIFS/SUMIFS
 * compare it. RVU Leakage and the Target Tracker price a row without a wRVU by its code through
 * this block, in the core and in the sheet alike.
 */
import { latestWrvu } from "./wrvu";
import type { FeeSchedule } from "./fee-schedule";

/** One CMS row the sheet carries as its lookup block: the latest year ClinPay has per code. */
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

/** The CMS lookup block: the latest-year row of every code of the rows the schedule has. */
export function cmsRowsFor(fees: FeeSchedule, from: readonly { code: string | null }[]): CmsRow[] {
  const seen = new Set<string>();
  for (const a of from) if (a.code !== null) seen.add(a.code.trim().toUpperCase());
  const rows = (codes: Iterable<string>) => {
    const out: CmsRow[] = [];
    for (const code of codes) {
      const hit = latestWrvu(fees, code);
      if (hit) out.push({ code, wrvu: hit.wrvu, year: hit.year });
    }
    return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  };
  const used = rows(seen);
  return used.length > 0 ? used : rows(COMMON_CODES);
}

/** A row's code → its wRVU in the block, as the sheet's SUMIFS finds it (case ignored). */
export function cmsLookup(cms: readonly CmsRow[]): (code: string | null) => number | undefined {
  const byKey = new Map<string, number>();
  for (const r of cms) byKey.set(matchKey(r.code), r.wrvu);
  return (code) => (code === null || cleanText(code) === "" ? undefined : byKey.get(matchKey(code)));
}
