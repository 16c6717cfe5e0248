/**
 * A log's dates should cover a few years at most. One typed in the wrong century (1926 for 2026,
 * or 9999 as "no end") would stretch the month-by-month table across thousands of rows of empty
 * months, so a log whose dates span more than a century names the rows far from the rest.
 */
import type { Problem } from "./types";
import { serialToIso } from "../dates";

const CENTURY_DAYS = 36_525;
/** Rows this far (50 years) from the log's median date are the ones to check. */
const OUTLIER_DAYS = CENTURY_DAYS / 2;

export function dateSpanProblems(rows: readonly { row: number; date: number }[], source: string, column = "date"): Problem[] {
  if (rows.length < 2) return [];
  const dates = rows.map((r) => r.date).sort((a, b) => a - b);
  if (dates[dates.length - 1] - dates[0] <= CENTURY_DAYS) return [];
  const median = dates[Math.floor((dates.length - 1) / 2)];
  return rows
    .filter((r) => Math.abs(r.date - median) > OUTLIER_DAYS)
    .map((r) => ({
      source,
      row: r.row,
      column,
      value: serialToIso(r.date),
      message: `is more than 50 years from the log's other dates (most are around ${serialToIso(median).slice(0, 4)}); the log's dates span more than a century, so check the year`,
    }));
}

/** The first and last dates of the rows, or null when there are none. */
export function dateBounds(rows: readonly { date: number }[]): { first: number; last: number } | null {
  if (rows.length === 0) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const r of rows) {
    if (r.date < first) first = r.date;
    if (r.date > last) last = r.date;
  }
  return { first, last };
}
