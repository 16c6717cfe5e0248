/**
 * The Target Tracker from production rows (SPEC §3 "Target Tracker, more"): YTD wRVUs summed from
 * a log's completed visits or a production report's lines, and the year month by month against
 * the target's pace. The sheet sums the copied rows with SUMIFS between the same two dates, and
 * prices a row without a wRVU by its code through the same CMS block, so the figures agree.
 */
import type { ProductionRow } from "./inputs/types";
import type { FeeSchedule } from "./fee-schedule";
import { cmsBlockFor, cmsPricer, type CmsBlock } from "./cms-block";
import { monthStart, monthStarts, nextMonthStart } from "./dates";

/** The last day Excel holds (9999-12-31), the end of the last month. */
const LAST_SERIAL = 2958465;

export interface MonthPace {
  /** First of the month (serial). */
  month: number;
  /** wRVUs dated in the month, from Period start through As of. */
  wrvus: number;
  /** Period start through the month's last day (or As of, in its month). */
  cumulative: number;
  /** wRVU target × days from Period start through that same day ÷ days in period. */
  pace: number;
  below: boolean;
}

export interface ProductionFigures {
  /** The CMS block the sheet carries: each code the rows use, per table year they fall in. */
  cms: CmsBlock;
  ytd: number;
  /** Rows dated from Period start through As of: the ones YTD counts. */
  rowsCounted: number;
  /** Rows dated outside Period start..As of: copied, not counted. */
  rowsOutside: number;
  /** Counted rows with no wRVU and no code in the CMS table, by code: they add 0. */
  unpriced: { code: string; rows: number }[];
  months: MonthPace[];
  monthsBelowPace: number;
}

export interface PaceInput {
  wrvuTarget: number;
  periodStart: number;
  asOf: number;
  daysInPeriod: number;
}

const monthEnd = (month: number) => (nextMonthStart(month) ?? LAST_SERIAL + 1) - 1;

/** `rvuYear`: the RVU year every row is priced in (SPEC §3); absent = each row's own table year. */
export function productionFigures(rows: readonly ProductionRow[], fees: FeeSchedule, p: PaceInput, rvuYear?: number | null): ProductionFigures {
  const cms = cmsBlockFor(fees, rows);
  const cmsOf = cmsPricer(cms, rvuYear);
  const start = p.periodStart;
  const asOf = p.asOf;
  const months: MonthPace[] = monthStarts(start, asOf).map((m) => ({ month: m, wrvus: 0, cumulative: 0, pace: 0, below: false }));
  const index = new Map(months.map((m, i) => [m.month, i]));
  // Summed as the sheet sums: the rows' own wRVUs, then each code's units × its CMS wRVU.
  const own = new Float64Array(months.length);
  const unitsByCode = months.map(() => new Map<string, { units: number; wrvu: number }>());
  const unpriced = new Map<string, number>();
  let rowsCounted = 0;
  for (const r of rows) {
    if (r.date < start || r.date > asOf) continue;
    rowsCounted++;
    const i = index.get(monthStart(r.date))!;
    if (r.wrvu !== null) {
      own[i] += r.wrvu;
      continue;
    }
    const c = cmsOf(r.code, r.date);
    if (c === undefined) {
      const code = r.code ?? "";
      unpriced.set(code, (unpriced.get(code) ?? 0) + 1);
      continue;
    }
    const e = unitsByCode[i].get(c.key);
    if (e) e.units += r.units;
    else unitsByCode[i].set(c.key, { units: r.units, wrvu: c.wrvu });
  }
  let cumulative = 0;
  let below = 0;
  months.forEach((mo, i) => {
    let fromCodes = 0;
    for (const e of unitsByCode[i].values()) fromCodes += e.units * e.wrvu;
    mo.wrvus = own[i] + fromCodes;
    cumulative += mo.wrvus;
    mo.cumulative = cumulative;
    const through = Math.min(monthEnd(mo.month), asOf);
    mo.pace = (p.wrvuTarget * (through - start + 1)) / p.daysInPeriod;
    mo.below = mo.cumulative < mo.pace;
    if (mo.below) below++;
  });
  return {
    cms,
    ytd: cumulative,
    rowsCounted,
    rowsOutside: rows.length - rowsCounted,
    unpriced: [...unpriced].map(([code, n]) => ({ code, rows: n })).sort((a, b) => b.rows - a.rows),
    months,
    monthsBelowPace: below,
  };
}
