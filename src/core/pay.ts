/**
 * Pay per real hour, and projections of a year's production (SPEC §1).
 *
 * Hours and fixed pay in EFFECTIVE_HOURLY and BREAKEVEN_VOLUME cover one period (a day, a week or
 * a year), so the result is dollars per hour of that period's work, paid and unpaid.
 */
import { finiteResult, requireDate, requireFinite, requireNonNegative, requirePositive } from "./check";
import { periodDays, serialToIso, yearStart } from "./dates";
import { div0Error, naError, numError } from "./errors";
import { attendanceFactor } from "./noshow";

export { attendanceFactor };

/** The inputs EFFECTIVE_HOURLY and BREAKEVEN_VOLUME share, checked once. */
function checkedHours(payPerUnit: number, paidHours: number, unpaidHours: number, fixedPay: number) {
  requireNonNegative("pay_per_unit", payPerUnit, "$ per visit or per wRVU", "75");
  requireNonNegative("paid_hours", paidHours, "paid clinical hours in the period", "8");
  requireNonNegative("unpaid_hours", unpaidHours, "unpaid charting and inbox hours in the same period", "1.5");
  requireNonNegative("fixed_pay", fixedPay, "guaranteed $ for the same period", "500");
  const totalHours = paidHours + unpaidHours;
  if (totalHours === 0) {
    throw div0Error("paid_hours + unpaid_hours is 0: type the hours worked in the period, e.g. 8 paid and 1.5 unpaid");
  }
  return totalHours;
}

/**
 * EFFECTIVE_HOURLY: (units_per_hour × paid_hours × attendance × pay_per_unit + fixed_pay) ÷
 * (paid_hours + unpaid_hours), attendance = 1 − no_show_rate × (1 − paid_no_show_share).
 */
export function effectiveHourly(
  unitsPerHour: number,
  payPerUnit: number,
  paidHours: number,
  unpaidHours = 0,
  noShowRate = 0,
  paidNoShowShare = 0,
  fixedPay = 0
): number {
  requireNonNegative("units_per_hour", unitsPerHour, "booked visits or wRVUs per paid clinical hour", "4");
  const totalHours = checkedHours(payPerUnit, paidHours, unpaidHours, fixedPay);
  const af = attendanceFactor(noShowRate, paidNoShowShare);
  return finiteResult((unitsPerHour * paidHours * af * payPerUnit + fixedPay) / totalHours, "EFFECTIVE_HOURLY");
}

/**
 * BREAKEVEN_VOLUME: EFFECTIVE_HOURLY solved for units_per_hour,
 * (target_hourly × (paid_hours + unpaid_hours) − fixed_pay) ÷ (paid_hours × attendance × pay_per_unit).
 * 0 when fixed_pay alone reaches the target.
 */
export function breakevenVolume(
  targetHourly: number,
  payPerUnit: number,
  paidHours: number,
  unpaidHours = 0,
  noShowRate = 0,
  paidNoShowShare = 0,
  fixedPay = 0
): number {
  requireNonNegative("target_hourly", targetHourly, "the $ per hour you want to reach", "150");
  const totalHours = checkedHours(payPerUnit, paidHours, unpaidHours, fixedPay);
  const af = attendanceFactor(noShowRate, paidNoShowShare);
  const shortfall = targetHourly * totalHours - fixedPay;
  if (shortfall <= 0) return 0;
  const perUnitPerHour = paidHours * af * payPerUnit;
  if (perUnitPerHour === 0) {
    const why =
      payPerUnit === 0
        ? "pay_per_unit is 0"
        : paidHours === 0
          ? "paid_hours is 0"
          : af === 0
            ? "no_show_rate is 1 with no paid no-shows, so no booked visit is paid"
            : "paid_hours × pay_per_unit is too small to compute";
    throw div0Error(`No volume reaches target_hourly: ${why}, so extra visits add no pay, and fixed_pay alone falls short`);
  }
  return finiteResult(shortfall / perUnitPerHour, "BREAKEVEN_VOLUME");
}

/** NOSHOW_ADJUST for one value: value × attendance. Any sign: the value is only scaled. */
export function noshowAdjust(value: number, noShowRate: number, paidNoShowShare = 0): number {
  requireFinite("value", value, "100");
  return finiteResult(value * attendanceFactor(noShowRate, paidNoShowShare), "NOSHOW_ADJUST");
}

/** REBASE: wrvus × dollars_per_wrvu, the salary a production-based rebase resets to. */
export function rebase(wrvus: number, dollarsPerWrvu: number): number {
  requireNonNegative("wrvus", wrvus, "annual wRVUs", "5000");
  requireNonNegative("dollars_per_wrvu", dollarsPerWrvu, "$ per wRVU", "50");
  return finiteResult(wrvus * dollarsPerWrvu, "REBASE");
}

/** EFFECTIVE_CF: total_compensation ÷ wrvus, the all-in $ per wRVU a pay package works out to. */
export function effectiveCf(totalCompensation: number, wrvus: number): number {
  requireNonNegative("total_compensation", totalCompensation, "$ a year, salary and bonuses together", "300000");
  requireNonNegative("wrvus", wrvus, "annual wRVUs", "5000");
  if (wrvus === 0) throw div0Error("wrvus is 0: with no wRVUs there is no $ per wRVU; type the wRVUs the pay is for, e.g. 5000");
  return finiteResult(totalCompensation / wrvus, "EFFECTIVE_CF");
}

/** Where as_of falls in the period that starts at period_start (default 1 Jan of as_of's year). */
export interface PeriodPosition {
  periodStart: number;
  /** One calendar year from periodStart: 365 or 366. */
  daysInPeriod: number;
  /** as_of − period_start + 1: the as_of day counts as done. */
  daysElapsed: number;
  /** daysInPeriod − daysElapsed; 0 or less once the period is over. */
  daysRemaining: number;
}

export function periodPosition(asOf: number, periodStart?: number | null): PeriodPosition {
  const day = requireDate("as_of", asOf);
  const start = periodStart === undefined || periodStart === null ? yearStart(day) : requireDate("period_start", periodStart);
  if (day < start) {
    throw numError(`as_of (${serialToIso(day)}) is before period_start (${serialToIso(start)}): the year-to-date figure must run from period_start to as_of`);
  }
  const daysInPeriod = periodDays(start);
  const daysElapsed = day - start + 1;
  return { periodStart: start, daysInPeriod, daysElapsed, daysRemaining: daysInPeriod - daysElapsed };
}

/** ANNUALIZE: ytd_value × days_in_period ÷ days_elapsed. Any sign: the value is only scaled. */
export function annualize(ytdValue: number, asOf: number, periodStart?: number | null): number {
  requireFinite("ytd_value", ytdValue, "1200");
  const p = periodPosition(asOf, periodStart);
  if (p.daysRemaining < 0) {
    // Scaling a figure that covers more than the period would shrink it; say so instead.
    throw numError(
      `as_of (${serialToIso(asOf)}) is after the period that starts ${serialToIso(p.periodStart)} ends: set period_start to the start of the year as_of falls in`
    );
  }
  return finiteResult((ytdValue * p.daysInPeriod) / p.daysElapsed, "ANNUALIZE");
}

/**
 * PACE_NEEDED: max(0, target − ytd_value) ÷ (days_remaining ÷ per_days), the units needed per
 * per_days days (a week by default) to reach the target by the period's end.
 */
export function paceNeeded(target: number, ytdValue: number, asOf: number, periodStart?: number | null, perDays = 7): number {
  requireNonNegative("target", target, "the total you aim for in the period", "5000");
  requireNonNegative("ytd_value", ytdValue, "the total so far this period", "1200");
  requirePositive("per_days", perDays, "days per pace unit", "7 for a weekly pace");
  const p = periodPosition(asOf, periodStart);
  if (p.daysRemaining <= 0) throw naError("period is over: no days remain after as_of, so there is no pace to keep");
  return finiteResult(Math.max(0, target - ytdValue) / (p.daysRemaining / perDays), "PACE_NEEDED");
}
