/**
 * One date order per column, decided from the column (SPEC §2 "Dates: one order per column"):
 * in slash or dot dates a column is day-first when some value's first part is above 12,
 * month-first when some value's second part is above 12, and refused when it holds both. When
 * every value could be either, month-first — except day-first in a file whose delimiter is not a
 * comma and whose numbers use a decimal comma; `--date-order` overrides.
 *
 * Also decided from the column (ClinPay's rule beside the SPEC's, README "Reading real exports"):
 * when every value could be either and exactly one order puts the column's dates in row order
 * (never earlier than the row above), across at least 4 distinct dates, that order is used — an
 * export sorted by date says its own order once it crosses a month. When both orders keep the rows
 * in order (every date in one month: 02/03 … 12/03), the column cannot say, and the SPEC's
 * default stands.
 */
import type { Problem } from "../inputs/types";
import { ORDER_ADVICE, SLASH_DATE, expandYear, type DateOrder, type OrderAdvice } from "../date-cells";
import { serialToIso, ymdToSerial } from "../dates";

export type { DateOrder } from "../date-cells";

export interface DateOrderSurvey {
  /** The first row whose value can only be day-first, and that value. */
  dayFirst: { row: number; value: string } | null;
  monthFirst: { row: number; value: string } | null;
  /** Values that read either way (both parts 1-12 and different), their count and the first one. */
  ambiguous: number;
  example: string | null;
  exampleRow: number | null;
  /** Whether the column's dates, read in each order, never go back from one row to the next. */
  inRowOrder: Record<DateOrder, boolean>;
  /** Distinct slash dates seen, counted up to ROW_ORDER_MIN_DATES. */
  distinct: number;
}

/** Distinct dates a column needs before its row order can say its date order. */
export const ROW_ORDER_MIN_DATES = 4;

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/**
 * The order a date's own weekday says: "Mon 05/01/2026" is 5 January (a Monday), not 1 May (a
 * Friday). Null when it has no weekday, or both or neither reading falls on it.
 */
export function weekdaySays(text: string, a: number, b: number, y: number): DateOrder | null {
  const w = /^([a-z]{3})[a-z]*\.?,?\s/i.exec(text);
  const day = w ? WEEKDAYS.indexOf(w[1].toLowerCase()) : -1;
  if (day < 0) return null;
  const on = (mo: number, d: number) => mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && new Date(Date.UTC(y, mo - 1, d)).getUTCDay() === day && new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
  const mdy = on(a, b);
  const dmy = on(b, a);
  return mdy === dmy ? null : mdy ? "mdy" : "dmy";
}

export class DateOrderTally {
  readonly survey: DateOrderSurvey = { dayFirst: null, monthFirst: null, ambiguous: 0, example: null, exampleRow: null, inRowOrder: { mdy: true, dmy: true }, distinct: 0 };
  private readonly last: Record<DateOrder, number> = { mdy: -1, dmy: -1 };
  private readonly seen = new Set<number>();
  add(text: string, row: number): void {
    const m = SLASH_DATE.exec(text.trim());
    if (!m) return;
    const a = +m[1];
    const b = +m[3];
    const s = this.survey;
    this.follow(m[4].length === 2 ? expandYear(+m[4]) : +m[4], a, b);
    const said = weekdaySays(text.trim(), a, b, m[4].length === 2 ? expandYear(+m[4]) : +m[4]);
    if ((a > 12 && b <= 12) || said === "dmy") s.dayFirst ??= { row, value: text.trim() };
    else if ((b > 12 && a <= 12) || said === "mdy") s.monthFirst ??= { row, value: text.trim() };
    else if (a !== b && a >= 1 && b >= 1) {
      s.ambiguous++;
      if (s.example === null) [s.example, s.exampleRow] = [text.trim(), row];
    }
  }

  /** Whether each reading keeps the rows in date order so far, and how many distinct dates there are. */
  private follow(y: number, a: number, b: number): void {
    const order = this.survey.inRowOrder;
    const keys: Record<DateOrder, number> = { mdy: y * 10000 + a * 100 + b, dmy: y * 10000 + b * 100 + a };
    for (const o of ["mdy", "dmy"] as const) {
      if (keys[o] < this.last[o]) order[o] = false;
      this.last[o] = keys[o];
    }
    if (this.seen.size < ROW_ORDER_MIN_DATES) this.seen.add(keys.mdy);
    this.survey.distinct = this.seen.size;
  }
}

export const ORDER_WORDS: Record<DateOrder, string> = { mdy: "month/day/year", dmy: "day/month/year" };

export interface DateOrderChoice {
  order: DateOrder;
  /** How it was decided, for the notes. */
  why: "flag" | "values" | "row-order" | "default" | "decimal-comma" | "none";
  problem: Problem | null;
  /** The note when a value was ambiguous: how it was read. */
  note: string | null;
  /** The column's header, and a value that could be read either way and its row (null when none could). */
  header: string;
  example: string | null;
  exampleRow: number | null;
  /** A shared --date-order this column's own dates overruled (one of them can only be read the other way). */
  flagOverruled: { given: DateOrder; row: number; value: string } | null;
}

/** "6/1/2026" read in `order`, as a clinician reads a date: "1 June 2026 (2026-06-01)". */
export function readAs(example: string, order: DateOrder): string {
  const m = SLASH_DATE.exec(example)!;
  const [mo, d] = order === "mdy" ? [+m[1], +m[3]] : [+m[3], +m[1]];
  const y = m[4].length === 2 ? expandYear(+m[4]) : +m[4];
  const iso = serialToIso(ymdToSerial(y, mo, d));
  const month = new Date(Date.UTC(2000, mo - 1, 1)).toLocaleString("en-US", { month: "long", timeZone: "UTC" });
  return `${d} ${month} ${y} (${iso})`;
}

/** The one order that keeps a column of only ambiguous dates in row order, or null when the rows cannot say. */
function rowOrderSays(s: DateOrderSurvey): DateOrder | null {
  if (s.distinct < ROW_ORDER_MIN_DATES || s.inRowOrder.mdy === s.inRowOrder.dmy) return null;
  return s.inRowOrder.mdy ? "mdy" : "dmy";
}

export function chooseDateOrder(
  s: DateOrderSurvey,
  ctx: { given?: DateOrder; givenWhereUndecided?: boolean; decimalCommaFile: boolean; source: string; header: string; advice?: OrderAdvice }
): DateOrderChoice {
  const flag = (ctx.advice ?? ORDER_ADVICE).flag;
  const named = { header: ctx.header, example: s.ambiguous > 0 ? s.example : null, exampleRow: s.ambiguous > 0 ? s.exampleRow : null, flagOverruled: null };
  if (s.dayFirst && s.monthFirst && !ctx.given) {
    return {
      ...named,
      order: "mdy",
      why: "values",
      note: null,
      problem: {
        source: ctx.source, row: s.dayFirst.row, column: ctx.header, value: s.dayFirst.value,
        message: `can only be day/month/year, but row ${s.monthFirst.row} ("${s.monthFirst.value}") can only be month/day/year: this column holds dates in both orders, so ClinPay cannot tell how to read the ${s.ambiguous.toLocaleString("en-US")} that could be either; type the dates of one order as YYYY-MM-DD (e.g. 2026-01-13), or pass ${flag} mdy or dmy if you know the order of the whole column`,
      },
    };
  }
  let order: DateOrder;
  let why: DateOrderChoice["why"];
  const byRows = rowOrderSays(s);
  // One flag for two files: a column whose dates can only be read one way is read that way.
  const decided = (s.dayFirst && !s.monthFirst) || (s.monthFirst && !s.dayFirst);
  if (ctx.given && !(ctx.givenWhereUndecided && decided)) [order, why] = [ctx.given, "flag"];
  else if (s.dayFirst) [order, why] = ["dmy", "values"];
  else if (s.monthFirst) [order, why] = ["mdy", "values"];
  else if (s.ambiguous === 0) [order, why] = ["mdy", "none"];
  else if (byRows) [order, why] = [byRows, "row-order"];
  else if (ctx.decimalCommaFile) [order, why] = ["dmy", "decimal-comma"];
  else [order, why] = ["mdy", "default"];
  const decisive = s.dayFirst ?? s.monthFirst;
  const flagOverruled = ctx.given && ctx.given !== order && decisive ? { given: ctx.given, ...decisive } : null;
  let note: string | null = null;
  if (s.ambiguous > 0 && s.example) {
    const because =
      why === "flag" ? `as ${flag} says` :
      why === "values" ? `as the column's other dates say (row ${(s.dayFirst ?? s.monthFirst)!.row}: "${(s.dayFirst ?? s.monthFirst)!.value}")` :
      why === "row-order" ? `as the rows' order says: read so, every date is on or after the one in the row above, and read as ${ORDER_WORDS[order === "mdy" ? "dmy" : "mdy"]} they would go back; pass ${flag} ${order === "mdy" ? "dmy" : "mdy"} if that is wrong` :
      why === "decimal-comma" ? `the usual order in a file whose numbers use a decimal comma; pass ${flag} mdy if it is month/day/year` :
      `ClinPay's default when every date could be either; pass ${flag} dmy if it is day/month/year`;
    note = `Dates in "${ctx.header}" read as ${ORDER_WORDS[order]}: ${s.ambiguous.toLocaleString("en-US")} ${s.ambiguous === 1 ? "row" : "rows"} could be read either way ("${s.example}" read as ${readAs(s.example, order)}), ${because}.`;
  }
  return { ...named, flagOverruled, order, why, problem: null, note };
}
