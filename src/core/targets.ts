/**
 * Target Tracker (SPEC §3): where a year's wRVU production is heading against the contract's
 * target, what it pays, and what a production-based rebase would reset the salary to.
 *
 * The sheet writes the same steps as native formulas (days in the period, days elapsed, ...);
 * this module computes them in the same order so cached and recalculated values agree.
 */
import type { OfferTiers } from "./inputs/types";
import { annualize, paceNeeded, periodPosition, rebase } from "./pay";
import { tierPayout } from "./tiers";
import { periodDays, serialToIso, yearStart, ymdToSerial } from "./dates";
import { FIRST_SAFE_SERIAL } from "./check";
import { benchmarkPercentile } from "./percentile";

export interface TargetInput {
  wrvuTarget: number;
  /** wRVUs produced so far this period. */
  ytd: number;
  /** Excel serial date the YTD figure runs to (inclusive). */
  asOf: number;
  /** Excel serial; default Jan 1 of asOf's year. */
  periodStart?: number;
  dollarsPerWrvu: number;
  /** A bonus schedule on annual wRVUs; without it the bonus is $ per wRVU above target. */
  tiers?: OfferTiers;
  /** The guaranteed salary beside the bonus, for Effective $ per wRVU (default 0). */
  baseSalary?: number;
  /** The clinical FTE the wRVUs were produced at (default 1), to compare with full-time surveys. */
  clinicalFte?: number;
  /** A survey's four published points (p25, p50, p75, p90) for the user's specialty; absent: no percentile. */
  survey?: SurveyPoints;
}

export type SurveyPoints = readonly [p25: number, p50: number, p75: number, p90: number];

export interface TargetMetrics {
  periodStart: number;
  /** One calendar year from periodStart: 365 or 366. */
  daysInPeriod: number;
  /** asOf − periodStart + 1. */
  daysElapsed: number;
  daysRemaining: number;
  projected: number;
  /** wRVU target − projected (negative when ahead). */
  gap: number;
  /** wRVUs a week still needed; null when the period is over (no days remain). */
  paceNeeded: number | null;
  bonus: number;
  /** "tiers" when a Tiers table priced the bonus, else "above target". */
  bonusRule: "tiers" | "above target";
  rebasedSalary: number;
  /** YTD ÷ (days elapsed ÷ 7): the weekly rate so far. */
  averagePerWeek: number;
  /** Pace needed per week ÷ average per week so far (above 1: the rest must run faster); null
   *  when the period is over or nothing has been produced yet. */
  catchUpRatio: number | null;
  /** (base salary + projected bonus) ÷ projected annual wRVUs; null with no projected wRVUs. */
  effectiveDollarsPerWrvu: number | null;
  /** Ahead, On pace (the projection within ON_PACE_WITHIN of the target) or Behind. */
  standing: Standing;
  /** Projected annual wRVUs ÷ clinical FTE: the year at full time. */
  projectedAtFullFte: number;
  /** Where projectedAtFullFte falls on the survey (1..99); null without all four points. */
  surveyPercentile: number | null;
}

export type Standing = "Ahead" | "On pace" | "Behind";
/** A projection within this share of the target is On pace (SPEC §3: within 2%). */
export const ON_PACE_WITHIN = 0.02;

/** Where the projection stands against the target. */
export function standingOf(projected: number, target: number, within = ON_PACE_WITHIN): Standing {
  const gap = target - projected;
  return Math.abs(gap) <= within * target ? "On pace" : gap < 0 ? "Ahead" : "Behind";
}

export const PERIOD_IS_OVER = "period is over";

/** Jan 1 of As of's year: the period start when none is given (as ANNUALIZE defaults it). */
export const defaultPeriodStart = yearStart;

/** The last period start whose year ends by 9999-12-31: the sheet counts days to the next start. */
const LAST_PERIOD_START = ymdToSerial(9998, 12, 31);

export type PeriodCheck =
  | { ok: true; start: number; end: number }
  | { ok: false; field: "asOf" | "periodStart"; message: string };

/**
 * Whether As of and the period start (default Jan 1 of As of's year) make a contract year the
 * sheet can count: As of inside it, and the year within 1900-03-01 .. 9999-12-31, where Excel
 * and LibreOffice count the same days. Messages name the field to change.
 */
export function checkTargetPeriod(asOf: number, periodStart?: number): PeriodCheck {
  const start = periodStart ?? defaultPeriodStart(asOf);
  const which = periodStart === undefined ? "asOf" : "periodStart";
  const startText = `the period ${periodStart === undefined ? "would start (Jan 1 of As of's year)" : "starts"} ${serialToIso(start)}`;
  if (start < FIRST_SAFE_SERIAL) {
    return { ok: false, field: which, message: `${startText}, before 1900-03-01, where Excel and LibreOffice count days differently: use a later date` };
  }
  if (start > LAST_PERIOD_START) {
    return { ok: false, field: which, message: `${startText}, and its year would end after 9999-12-31, the last date Excel holds: use an earlier date` };
  }
  const end = start + periodDays(start) - 1;
  if (asOf < start) return { ok: false, field: "asOf", message: `is before the period start ${serialToIso(start)}: YTD runs from the period start to As of` };
  if (asOf > end) {
    return { ok: false, field: "periodStart", message: `starts a period that ends ${serialToIso(end)}, before As of ${serialToIso(asOf)}: type the first day of the contract year As of falls in` };
  }
  return { ok: true, start, end };
}

/** The "so far" figures: the weekly rate, how much faster the rest must run, what each wRVU pays all in. */
function soFar(input: TargetInput, daysElapsed: number, pace: number | null, projected: number, bonus: number) {
  const averagePerWeek = input.ytd / (daysElapsed / 7);
  return {
    averagePerWeek,
    catchUpRatio: pace === null || averagePerWeek === 0 ? null : pace / averagePerWeek,
    effectiveDollarsPerWrvu: projected === 0 ? null : ((input.baseSalary ?? 0) + bonus) / projected,
  };
}

export function targetMetrics(input: TargetInput): TargetMetrics {
  // Throws (a ClinPayError saying why) when As of is before the period start or after its end.
  const p = periodPosition(input.asOf, input.periodStart);
  const start = p.periodStart;
  const projected = annualize(input.ytd, input.asOf, start);
  const pace = p.daysRemaining > 0 ? paceNeeded(input.wrvuTarget, input.ytd, input.asOf, start) : null;
  const tiers = input.tiers && input.tiers.thresholds.length > 0 ? input.tiers : undefined;
  const bonus = tiers
    ? tierPayout(projected, tiers.thresholds, tiers.rates, tiers.method)
    : input.dollarsPerWrvu * Math.max(0, projected - input.wrvuTarget);
  return {
    periodStart: start,
    daysInPeriod: p.daysInPeriod,
    daysElapsed: p.daysElapsed,
    daysRemaining: p.daysRemaining,
    projected,
    gap: input.wrvuTarget - projected,
    paceNeeded: pace,
    bonus,
    bonusRule: tiers ? "tiers" : "above target",
    rebasedSalary: rebase(projected, input.dollarsPerWrvu),
    ...soFar(input, p.daysElapsed, pace, projected, bonus),
    standing: standingOf(projected, input.wrvuTarget),
    ...againstSurvey(input, projected),
  };
}

/** The projection at 1.0 FTE and, when the four survey points are given, its percentile on them. */
function againstSurvey(input: TargetInput, projected: number) {
  const projectedAtFullFte = projected / (input.clinicalFte ?? 1);
  const s = input.survey;
  return { projectedAtFullFte, surveyPercentile: s ? benchmarkPercentile(projectedAtFullFte, ...s) : null };
}
