/**
 * Report furniture (SPEC §2 "Report furniture is left out, counted, never refused and never
 * summed"): a row repeating the header (a page break); a row whose date cell is empty or not a
 * date and one of whose cells holds, as a whole word, total, subtotal, page, count, printed,
 * generated or report, or a number followed by the table's subject ("273 Appointments"); a blank
 * row. A row with a valid date is data, whatever else it says.
 */
import type { RawValue } from "../inputs/types";
import { cellText, headerKey, isBlank } from "../cells";
import { PhraseList, wordsOf } from "./words";

export type FurnitureKind = "pageHeader" | "subtotal" | "total" | "page" | "count" | "report" | "blank";

/** Rows left out, by kind. */
export type FurnitureCounts = Partial<Record<FurnitureKind, number>>;

const KIND_WORDS: [FurnitureKind, PhraseList][] = [
  ["subtotal", new PhraseList(["subtotal", "sub total", "subtotals", "sub-total"])],
  ["total", new PhraseList(["total", "totals", "grand total"])],
  ["page", new PhraseList(["page"])],
  ["count", new PhraseList(["count"])],
  ["report", new PhraseList(["printed", "generated", "report", "run date", "run time"])],
];

const SUBJECTS = "appointments?|appts?|visits?|encounters?|patients?|records?|rows?|charges?|lines?|transactions?|sessions?|services?|items?|entries|results?|bookings?|procedures?";
const NUMBER_AND_SUBJECT = new RegExp(String.raw`^\s*\d[\d,.]*\s+(?:${SUBJECTS})\b`, "i");

export class FurnitureDetector {
  private readonly headerKeys: string[];
  constructor(headers: readonly string[], private readonly dateIndex: number, private readonly isDate: (v: RawValue) => boolean) {
    this.headerKeys = headers.map((h) => headerKey(h));
  }

  private readonly dates = new Map<string, boolean>();

  /** What kind of furniture the row is, or null for a data row. */
  kindOf(cells: readonly RawValue[]): FurnitureKind | null {
    // Most rows are data with a date: that is settled first, one parse per distinct text.
    const d = this.dateIndex >= 0 ? cells[this.dateIndex] : null;
    if (d !== null && d !== undefined && !isBlank(d) && this.dated(d)) return null;
    let filled = 0;
    let asHeader = 0;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (isBlank(c)) continue;
      filled++;
      if (typeof c === "string" && this.headerKeys[i] !== undefined && this.headerKeys[i] !== "" && headerKey(c) === this.headerKeys[i]) asHeader++;
    }
    if (filled === 0) return "blank";
    if (asHeader >= 2 && asHeader * 5 >= filled * 4) return "pageHeader";
    for (const c of cells) {
      if (isBlank(c) || typeof c !== "string") continue;
      if (NUMBER_AND_SUBJECT.test(c)) return "count";
      const words = wordsOf(c);
      for (const [kind, list] of KIND_WORDS) if (list.has(words)) return kind;
    }
    return null;
  }

  private dated(v: RawValue): boolean {
    if (typeof v !== "string") return this.isDate(v);
    let ok = this.dates.get(v);
    if (ok === undefined) {
      ok = this.isDate(v);
      if (this.dates.size < 10000) this.dates.set(v, ok);
    }
    return ok;
  }
}

/**
 * Before the columns are known (no date to test): a row that is likely furniture — one cell or
 * fewer, or a cell that says total, page, count… — so it does not count against a column's values.
 */
export function likelyFurniture(cells: readonly RawValue[]): boolean {
  let filled = 0;
  for (const c of cells) {
    if (isBlank(c)) continue;
    filled++;
    if (typeof c !== "string") continue;
    if (NUMBER_AND_SUBJECT.test(c)) return true;
    const words = wordsOf(c);
    if (KIND_WORDS.some(([, list]) => list.has(words))) return true;
  }
  return filled <= 1;
}

const NAMES: Record<FurnitureKind, [string, string]> = {
  pageHeader: ["page-break header", "page-break headers"],
  subtotal: ["subtotal row", "subtotal rows"],
  total: ["total row", "total rows"],
  page: ["page line", "page lines"],
  count: ["count row", "count rows"],
  report: ["report line (printed, generated, report)", "report lines (printed, generated, report)"],
  blank: ["blank row", "blank rows"],
};

/** "2 page-break headers, 6 subtotal rows, 1 total row", or "" when nothing was left out. */
export function furnitureList(counts: FurnitureCounts): string {
  return (Object.keys(NAMES) as FurnitureKind[])
    .filter((k) => (counts[k] ?? 0) > 0)
    .map((k) => `${counts[k]!.toLocaleString("en-US")} ${NAMES[k][counts[k] === 1 ? 0 : 1]}`)
    .join(", ");
}

export function addCounts(into: FurnitureCounts, from: FurnitureCounts): void {
  for (const [k, n] of Object.entries(from) as [FurnitureKind, number][]) into[k] = (into[k] ?? 0) + n;
}

/** A header cell's text, for matching. */
export const headerText = (v: RawValue | undefined): string => cellText(v).trim();
