/**
 * The CLINPAY custom functions (SPEC §1). Each is a thin wrapper: read the arguments as Excel
 * sends them (./coerce), call the math in src/core, map core errors to Excel errors.
 *
 * Parameter names are the SPEC's snake_case names because Excel shows them as typed here.
 * No CustomFunctions.associate calls: custom-functions-metadata-plugin's loader appends one per
 * @customfunction when webpack builds this file; calling it here too would register twice.
 * No DOM: this file also runs in the JS-only custom functions runtime.
 */
import { breakevenVolume, effectiveCf, effectiveHourly, noshowAdjust, rebase, annualize, paceNeeded } from "../core/pay";
import { benchmarkPercentile } from "../core/percentile";
import { rateChangePvalue } from "../core/stats";
import { nextTierGap, parseTierMethod, tierPayout } from "../core/tiers";
import { downcodeImpact, lookupWrvu, medicarePayment } from "../core/wrvu";
import { loadFees } from "./fees";
import { patientNoshowRate } from "../core/noshow";
import { code as codeArg, date, excel, excelAsync, grid, num, opt, optDate, optOrNull, optText, range } from "./coerce";

/**
 * Dollars per hour actually worked: production after no-shows plus fixed pay, over paid and unpaid hours of the same period.
 * Example: =CLINPAY.EFFECTIVE_HOURLY(4, 75, 8, 1.5, 15%) → 214.74
 * @customfunction EFFECTIVE_HOURLY
 * @param units_per_hour Booked visits or wRVUs per paid clinical hour, e.g. 4
 * @param pay_per_unit Dollars per visit or per wRVU, e.g. 75
 * @param paid_hours Paid clinical hours in the period (a day, week or year), e.g. 8
 * @param [unpaid_hours] Unpaid hours in the same period (charting, inbox, callbacks); default 0
 * @param [no_show_rate] Share of booked units lost to no-shows and late cancels, 0 to 1 (15% or 0.15); default 0
 * @param [paid_no_show_share] Share of no-shows still paid, 0 to 1; default 0
 * @param [fixed_pay] Guaranteed dollars for the same period (stipend, hourly guarantee); default 0
 * @returns Dollars per hour worked (paid plus unpaid hours).
 */
export function effective_hourly(
  units_per_hour: number,
  pay_per_unit: number,
  paid_hours: number,
  unpaid_hours?: number,
  no_show_rate?: number,
  paid_no_show_share?: number,
  fixed_pay?: number
): number {
  return excel(() =>
    effectiveHourly(
      num("units_per_hour", units_per_hour, "4"),
      num("pay_per_unit", pay_per_unit, "75"),
      num("paid_hours", paid_hours, "8"),
      opt("unpaid_hours", unpaid_hours, 0, "1.5"),
      opt("no_show_rate", no_show_rate, 0, "0.15"),
      opt("paid_no_show_share", paid_no_show_share, 0, "0.5"),
      opt("fixed_pay", fixed_pay, 0, "500")
    )
  );
}

/**
 * A value (or each cell of a range) after unpaid no-shows: value × (1 − no_show_rate × (1 − paid_no_show_share)). A range gives a range of the same shape; empty cells count as 0 and stay 0.
 * Example: =CLINPAY.NOSHOW_ADJUST(100, 15%) → 85
 * @customfunction NOSHOW_ADJUST
 * @param value A number or a range of numbers (visits, wRVUs or dollars booked), e.g. 100 or B2:B13
 * @param no_show_rate Share of booked units lost to no-shows and late cancels, 0 to 1 (15% or 0.15)
 * @param [paid_no_show_share] Share of no-shows still paid, 0 to 1; default 0
 * @returns The value(s) actually paid for, same shape as value.
 */
export function noshow_adjust(value: number[][], no_show_rate: number, paid_no_show_share?: number): number[][] {
  return excel(() => {
    const rate = num("no_show_rate", no_show_rate, "0.15");
    const share = opt("paid_no_show_share", paid_no_show_share, 0, "0.5");
    return grid("value", value).map((row) => row.map((x) => noshowAdjust(x, rate, share)));
  });
}

/**
 * Production pay on a tiered schedule. Tier i pays for volume strictly above thresholds[i]. marginal: each tier's rate on the units inside it; cliff: all volume at the highest tier reached; flat: the highest tier's rate as a lump sum. Trailing cells empty in both ranges are ignored.
 * Example: =CLINPAY.TIER_PAYOUT(170, {0,120,160}, {0,30,45}) → 1650 (cliff → 7650, flat → 45)
 * @customfunction TIER_PAYOUT
 * @param volume Units in the period (visits or wRVUs), e.g. 170
 * @param thresholds Lower boundaries of the tiers, ascending, a row or column, e.g. {0,120,160}
 * @param rates Dollars per unit for each tier (lump sum for flat), same count as thresholds, e.g. {0,30,45}
 * @param [method] "marginal" (default), "cliff" or "flat"
 * @returns Dollars paid for the volume.
 */
export function tier_payout(volume: number, thresholds: number[][], rates: number[][], method?: string): number {
  return excel(() =>
    tierPayout(
      num("volume", volume, "170"),
      range("thresholds", thresholds),
      range("rates", rates),
      parseTierMethod(optText("method", method))
    )
  );
}

/**
 * Units still to go before the next threshold: (smallest threshold at or above volume) − volume. #N/A when already above the top threshold. Trailing empty cells in thresholds are ignored.
 * Example: =CLINPAY.NEXT_TIER_GAP(130, {0,120,160}) → 30
 * @customfunction NEXT_TIER_GAP
 * @param volume Units so far (visits or wRVUs), e.g. 130
 * @param thresholds Lower boundaries of the tiers, ascending, a row or column, e.g. {0,120,160}
 * @returns Units to the next threshold.
 */
export function next_tier_gap(volume: number, thresholds: number[][]): number {
  return excel(() => nextTierGap(num("volume", volume, "130"), range("thresholds", thresholds)));
}

/**
 * Booked units per paid hour needed for EFFECTIVE_HOURLY to reach a target. 0 when fixed_pay alone reaches it.
 * Example: =CLINPAY.BREAKEVEN_VOLUME(150, 75, 8, 1.5, 15%) → 2.79
 * @customfunction BREAKEVEN_VOLUME
 * @param target_hourly Dollars per hour worked you want to reach, e.g. 150
 * @param pay_per_unit Dollars per visit or per wRVU, e.g. 75
 * @param paid_hours Paid clinical hours in the period (a day, week or year), e.g. 8
 * @param [unpaid_hours] Unpaid hours in the same period (charting, inbox, callbacks); default 0
 * @param [no_show_rate] Share of booked units lost to no-shows and late cancels, 0 to 1 (15% or 0.15); default 0
 * @param [paid_no_show_share] Share of no-shows still paid, 0 to 1; default 0
 * @param [fixed_pay] Guaranteed dollars for the same period; default 0
 * @returns Booked visits or wRVUs per paid clinical hour.
 */
export function breakeven_volume(
  target_hourly: number,
  pay_per_unit: number,
  paid_hours: number,
  unpaid_hours?: number,
  no_show_rate?: number,
  paid_no_show_share?: number,
  fixed_pay?: number
): number {
  return excel(() =>
    breakevenVolume(
      num("target_hourly", target_hourly, "150"),
      num("pay_per_unit", pay_per_unit, "75"),
      num("paid_hours", paid_hours, "8"),
      opt("unpaid_hours", unpaid_hours, 0, "1.5"),
      opt("no_show_rate", no_show_rate, 0, "0.15"),
      opt("paid_no_show_share", paid_no_show_share, 0, "0.5"),
      opt("fixed_pay", fixed_pay, 0, "500")
    )
  );
}

/**
 * A year-to-date figure projected to the full period: ytd_value × days in period ÷ days elapsed (as_of counts as elapsed). The period is one calendar year from period_start.
 * Example: =CLINPAY.ANNUALIZE(1200, DATE(2025,3,14)) → 6000
 * @customfunction ANNUALIZE
 * @param ytd_value Total so far this period (wRVUs, visits or dollars), e.g. 1200
 * @param as_of Date the total runs to, inclusive (a date cell or DATE(2025,3,14))
 * @param [period_start] First day of the period (a date); default 1 January of as_of's year
 * @returns The projected total for the period.
 */
export function annualize_fn(ytd_value: number, as_of: number, period_start?: number): number {
  return excel(() => annualize(num("ytd_value", ytd_value, "1200"), date("as_of", as_of), optDate("period_start", period_start)));
}

/**
 * Units needed per week (or per per_days days) to reach a target by the period's end: max(0, target − ytd_value) ÷ (days remaining ÷ per_days). #N/A when the period is over.
 * Example: =CLINPAY.PACE_NEEDED(5000, 1200, DATE(2025,7,1)) → 145.36
 * @customfunction PACE_NEEDED
 * @param target Total you aim for in the period (wRVUs, visits or dollars), e.g. 5000
 * @param ytd_value Total so far this period, e.g. 1200
 * @param as_of Date the total runs to, inclusive (a date cell or DATE(2025,7,1))
 * @param [period_start] First day of the period (a date); default 1 January of as_of's year
 * @param [per_days] Days per pace unit; default 7 (a weekly pace), 1 for daily
 * @returns Units needed per per_days days.
 */
export function pace_needed(target: number, ytd_value: number, as_of: number, period_start?: number, per_days?: number): number {
  return excel(() =>
    paceNeeded(
      num("target", target, "5000"),
      num("ytd_value", ytd_value, "1200"),
      date("as_of", as_of),
      optDate("period_start", period_start),
      opt("per_days", per_days, 7, "7")
    )
  );
}

/**
 * The salary a production-based rebase resets to: wrvus × dollars_per_wrvu.
 * Example: =CLINPAY.REBASE(5000, 50) → 250000
 * @customfunction REBASE
 * @param wrvus Annual wRVUs, e.g. 5000
 * @param dollars_per_wrvu Dollars per wRVU, e.g. 50
 * @returns Dollars per year.
 */
export function rebase_fn(wrvus: number, dollars_per_wrvu: number): number {
  return excel(() => rebase(num("wrvus", wrvus, "5000"), num("dollars_per_wrvu", dollars_per_wrvu, "50")));
}

/**
 * The all-in dollars per wRVU a pay package works out to: total_compensation ÷ wrvus (salary, production pay and bonuses together, over the wRVUs they pay for).
 * Example: =CLINPAY.EFFECTIVE_CF(300000, 5000) → 60
 * @customfunction EFFECTIVE_CF
 * @param total_compensation Dollars a year, everything the job pays, e.g. 300000
 * @param wrvus The wRVUs that pay is for, per year, e.g. 5000
 * @returns Dollars per wRVU.
 */
export function effective_cf(total_compensation: number, wrvus: number): number {
  return excel(() => effectiveCf(num("total_compensation", total_compensation, "300000"), num("wrvus", wrvus, "5000")));
}

/**
 * The percentile (1–99) of a value on a survey's four published points (25th, 50th, 75th, 90th), linear between them; beyond them the nearest segment's slope continues, clamped to 1..99.
 * Example: =CLINPAY.BENCHMARK_PERCENTILE(5750, 4300, 5200, 6300, 7600) → 62.5
 * @customfunction BENCHMARK_PERCENTILE
 * @param value Your figure, in the survey's unit (wRVUs a year, $ a year, $ per wRVU), e.g. 5750
 * @param p25 The survey's 25th percentile, e.g. 4300
 * @param p50 The survey's median, e.g. 5200
 * @param p75 The survey's 75th percentile, e.g. 6300
 * @param p90 The survey's 90th percentile, e.g. 7600
 * @returns A percentile from 1 to 99.
 */
export function benchmark_percentile(value: number, p25: number, p50: number, p75: number, p90: number): number {
  return excel(() =>
    benchmarkPercentile(num("value", value, "5750"), num("p25", p25, "4300"), num("p50", p50, "5200"), num("p75", p75, "6300"), num("p90", p90, "7600"))
  );
}

/**
 * Could chance explain a change in a rate? The two-sided p-value of the pooled two-proportion z-test: a small value (below 0.05, say) means a change this big would rarely happen by chance. 1 when nothing varies.
 * Example: =CLINPAY.RATE_CHANGE_PVALUE(28, 100, 19, 100) → 0.1334 (28% of 100 before, 19% of 100 after: could be chance)
 * @customfunction RATE_CHANGE_PVALUE
 * @param events_before Events before the change, e.g. 28 no-shows
 * @param total_before Total before the change, e.g. 100 booked visits
 * @param events_after Events after the change, e.g. 19 no-shows
 * @param total_after Total after the change, e.g. 100 booked visits
 * @returns A probability from 0 to 1.
 */
export function rate_change_pvalue(events_before: number, total_before: number, events_after: number, total_after: number): number {
  return excel(() =>
    rateChangePvalue(num("events_before", events_before, "28"), num("total_before", total_before, "100"), num("events_after", events_after, "19"), num("total_after", total_after, "100"))
  );
}

/**
 * Work RVU of a CPT/HCPCS code from the CMS Medicare Physician Fee Schedule (national, every code with RVUs). A modifier CMS prices on its own row is typed after the code: "71046-26". #N/A for a code or year the table does not have.
 * Example: =CLINPAY.WRVU(99214) → 1.92; =CLINPAY.WRVU("G2211") → 0.33
 * @customfunction WRVU
 * @param code CPT/HCPCS code as a number or text, e.g. 99214, "G2211" or "71046-26"
 * @param [year] Fee schedule year, e.g. 2025; default the latest year the table has for that code
 * @returns Work RVUs per service.
 */
export async function wrvu(code: number | string, year?: number): Promise<number> {
  return excelAsync(async () => {
    const c = codeArg("code", code);
    const y = optOrNull("year", year, "2025");
    return lookupWrvu(await loadFees(), c, y);
  });
}

/**
 * wRVUs lost when visits are billed at a lower code: visits × (WRVU(from_code) − WRVU(to_code)), in dollars when dollars_per_wrvu is given. Negative when to_code is worth more.
 * Example: =CLINPAY.DOWNCODE_IMPACT(100, 99214, 99213, 50) → 3100
 * @customfunction DOWNCODE_IMPACT
 * @param visits Number of visits, e.g. 100
 * @param from_code Code the visits merited, e.g. 99214
 * @param to_code Code they were billed at, e.g. 99213
 * @param [dollars_per_wrvu] Dollars per wRVU; omit for the loss in wRVUs
 * @param [year] Fee schedule year; default the latest year the table has for both codes
 * @returns wRVUs lost, or dollars lost when dollars_per_wrvu is given.
 */
export async function downcode_impact(
  visits: number,
  from_code: number | string,
  to_code: number | string,
  dollars_per_wrvu?: number,
  year?: number
): Promise<number> {
  return excelAsync(async () => {
    const args = [
      num("visits", visits, "100"),
      codeArg("from_code", from_code),
      codeArg("to_code", to_code),
      optOrNull("dollars_per_wrvu", dollars_per_wrvu, "50"),
      optOrNull("year", year, "2025"),
    ] as const;
    return downcodeImpact(await loadFees(), ...args);
  });
}

/**
 * Medicare's payment for a code from the CMS fee schedule: (work RVU × work GPCI + PE RVU × PE GPCI + MP RVU × MP GPCI) × the year's conversion factor, in dollars. Non-facility ("office", also POS 10: telehealth to the patient's home) or "facility" (also POS 02). Locality blank = national; a locality needs year 2025 (no 2026 GPCIs are bundled yet).
 * Example: =CLINPAY.MEDICARE_PAYMENT(99214, "office", 2025) → 125.18; =CLINPAY.MEDICARE_PAYMENT(99213, "office", 2026) → 95.19
 * @customfunction MEDICARE_PAYMENT
 * @param code CPT/HCPCS code, e.g. 99214, or "71046-26" for a modifier row
 * @param [setting] "office" (non-facility, default) or "facility"
 * @param [year] Fee schedule year, e.g. 2025; default the latest year the table has for that code
 * @param [locality] Medicare locality as state and number, e.g. "CA-54"; blank = national. 2025 GPCIs only: with a locality give year 2025
 * @returns Dollars Medicare pays for one service.
 */
export async function medicare_payment(code: number | string, setting?: string, year?: number, locality?: string): Promise<number> {
  return excelAsync(async () => {
    const c = codeArg("code", code);
    const s = optText("setting", setting, '"office" or "facility"');
    const y = optOrNull("year", year, "2025");
    const l = optText("locality", locality, 'a locality such as "CA-54"');
    return medicarePayment(await loadFees(), c, s, y, l);
  });
}

/**
 * The no-show rate patients caused: (no_shows − system_caused) ÷ (scheduled − system_caused), with failures the practice caused (video link, tech, scheduling errors) taken out of both counts.
 * Example: =CLINPAY.PATIENT_NOSHOW_RATE(15, 100, 5) → 0.105 (10.5%)
 * @customfunction PATIENT_NOSHOW_RATE
 * @param no_shows No-shows and late cancels, all causes, e.g. 15
 * @param scheduled Visits still booked at visit time, e.g. 100
 * @param [system_caused] No-shows the practice caused; default 0
 * @returns A rate from 0 to 1.
 */
export function patient_noshow_rate(no_shows: number, scheduled: number, system_caused?: number): number {
  return excel(() =>
    patientNoshowRate(num("no_shows", no_shows, "15"), num("scheduled", scheduled, "100"), opt("system_caused", system_caused, 0, "5"))
  );
}
