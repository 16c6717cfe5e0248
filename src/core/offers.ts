/**
 * Offer Comparison math (SPEC §2 "Offers", "Scenarios"): what each offer pays per real hour in
 * each scenario, and per offer its expected rank and worst case.
 *
 * The Offer Comparison sheet writes the same computation as native formulas; its cached values
 * come from here, and the workbook tests check LibreOffice agrees. So the operation order below
 * mirrors the sheet's formulas (src/sheets/offer-comparison.ts) to keep the two within rounding.
 */
import type { Offer, OfferTiers, Scenario } from "./inputs/types";
import { tierPayout } from "./tiers";
import { attendanceFactor } from "./noshow";

/**
 * The offer as the scenario changes it (SPEC §2): booked units per hour scaled by the volume
 * change for its share of the year (and by wrvu_factor for wRVU-paid offers), the no-show rate
 * raised by no_show_add, unpaid hours scaled by unpaid_factor.
 *
 * The no-show rate is kept within 0..1: the SPEC caps it at 1, and a negative no_show_add (the
 * Scenarios parser allows down to −1) stops at 0, since fewer than zero no-shows cannot add
 * visits that were never booked.
 */
export function applyScenario(offer: Offer, scenario: Scenario): Offer {
  const wrvu = offer.unit === "wrvu" ? scenario.wrvuFactor : 1;
  return {
    ...offer,
    unitsPerHour: offer.unitsPerHour * (1 + ((scenario.volumeFactor - 1) * scenario.months) / 12) * wrvu,
    noShowRate: Math.min(1, Math.max(0, offer.noShowRate + scenario.noShowAdd)),
    unpaidHoursPerWeek: offer.unpaidHoursPerWeek * scenario.unpaidFactor,
  };
}

/** Units (visits or wRVUs) actually paid for in a year: booked units less unpaid no-shows. */
export function annualUnits(offer: Offer): number {
  return offer.unitsPerHour * offer.paidHoursPerWeek * offer.weeksPerYear * attendanceFactor(offer.noShowRate, offer.paidNoShowShare);
}

/** The guaranteed part: base salary plus the hourly rate for every paid clinical hour. */
export function guarantee(offer: Offer): number {
  return offer.baseSalary + offer.hourlyRate * offer.paidHoursPerWeek * offer.weeksPerYear;
}

/** Production pay on `units` a year: the offer's tiers when it has any, else pay_per_unit × units. */
export function production(offer: Offer, units: number, tiers?: OfferTiers): number {
  if (tiers && tiers.thresholds.length > 0) return tierPayout(units, tiers.thresholds, tiers.rates, tiers.method);
  return offer.payPerUnit * units;
}

/** `plus`: guarantee + production; `greater_of`: the larger of the two. */
export function combinePay(offer: Offer, guaranteed: number, produced: number): number {
  return offer.combine === "greater_of" ? Math.max(guaranteed, produced) : guaranteed + produced;
}

export const paidHoursPerYear = (offer: Offer): number => offer.paidHoursPerWeek * offer.weeksPerYear;
export const unpaidHoursPerYear = (offer: Offer): number => offer.unpaidHoursPerWeek * offer.weeksPerYear;
export const callHoursPerYear = (offer: Offer): number => offer.callShiftsPerYear * offer.callHoursWorkedPerShift;
export const callPayPerYear = (offer: Offer): number => offer.callShiftsPerYear * offer.callPayPerShift;
/** The part of the quality withhold not expected back: base × withhold × (1 − earned). */
export const withholdShortfall = (offer: Offer): number => offer.baseSalary * offer.qualityWithhold * (1 - offer.qualityEarned);
/** Every hour the offer's pay is for: clinical, unpaid and worked on call. */
export const hoursPerYear = (offer: Offer): number => paidHoursPerYear(offer) + unpaidHoursPerYear(offer) + callHoursPerYear(offer);

/** Pay a year beside the guarantee and production: call pay, less the withhold not earned back. */
export const payBesideProduction = (offer: Offer): number => callPayPerYear(offer) - withholdShortfall(offer);

/** Annual pay (SPEC §2): the combined guarantee and production, less the withhold shortfall, plus call pay. */
export const annualPayFrom = (offer: Offer, guaranteed: number, produced: number): number =>
  combinePay(offer, guaranteed, produced) + payBesideProduction(offer);

/** One-time money spread over the commitment: (signing + relocation + loans − tail) ÷ years. */
export const oneTimePerYear = (offer: Offer): number =>
  (offer.signingBonus + offer.relocation + offer.loanRepayment - offer.tailCoverage) / offer.commitmentYears;

/** Everything one offer pays in one year, with the parts an auditor checks. */
export interface OfferYear {
  annualUnits: number;
  guarantee: number;
  production: number;
  annualPay: number;
  paidHoursPerYear: number;
  unpaidHoursPerYear: number;
  callHoursPerYear: number;
  hoursPerYear: number;
  /** Call shifts × pay per shift. */
  callPay: number;
  /** The part of the quality withhold not expected back. */
  withholdShortfall: number;
  /** Annual pay per hour worked: paid, unpaid and on call. */
  effectiveHourly: number;
  /** Annual pay + benefits + one-time money a year. */
  totalCompensation: number;
  totalEffectiveHourly: number;
  /** Annual pay ÷ fte: what the same job pays full time, for full-time surveys. */
  annualPayAtFullFte: number;
}

/** One offer's year as given (apply a scenario first with applyScenario). */
export function offerYear(offer: Offer, tiers?: OfferTiers): OfferYear {
  const units = annualUnits(offer);
  const g = guarantee(offer);
  const p = production(offer, units, tiers);
  const pay = annualPayFrom(offer, g, p);
  const hours = hoursPerYear(offer);
  const total = pay + offer.benefitsAnnual + oneTimePerYear(offer);
  return {
    annualUnits: units,
    guarantee: g,
    production: p,
    annualPay: pay,
    paidHoursPerYear: paidHoursPerYear(offer),
    unpaidHoursPerYear: unpaidHoursPerYear(offer),
    callHoursPerYear: callHoursPerYear(offer),
    hoursPerYear: hours,
    callPay: callPayPerYear(offer),
    withholdShortfall: withholdShortfall(offer),
    effectiveHourly: pay / hours,
    totalCompensation: total,
    totalEffectiveHourly: total / hours,
    annualPayAtFullFte: pay / offer.fte,
  };
}

export const annualPay = (offer: Offer, tiers?: OfferTiers): number => offerYear(offer, tiers).annualPay;
export const effectiveHourly = (offer: Offer, tiers?: OfferTiers): number => offerYear(offer, tiers).effectiveHourly;

/** One row of the results table: an offer in a scenario. */
export interface OfferScenarioResult extends OfferYear {
  offer: string;
  scenario: string;
  /** What the recruiter quoted; null when the offer gave none. */
  advertised: number | null;
  /** Advertised − annual pay: positive is the shortfall. Null when nothing was advertised. */
  gapToAdvertised: number | null;
  /** The scenario-adjusted inputs, shown beside the results so each step can be audited. */
  unitsPerHour: number;
  noShowRate: number;
  unpaidHoursPerWeek: number;
}

export interface OfferSummary {
  offer: string;
  /** Effective hourly in the first scenario (the SPEC's "Expected"). */
  expectedEffectiveHourly: number;
  /** 1 = best paid per real hour in the first scenario; ties share a rank, as Excel's RANK. */
  expectedRank: number;
  /** The scenario with the lowest effective hourly; on a tie, the first in scenario order. */
  worstScenario: string;
  worstEffectiveHourly: number;
  /** Total compensation ÷ hours in the first scenario: benefits and one-time money counted. */
  expectedTotalEffectiveHourly: number;
  /** Annual pay in the first scenario ÷ fte. */
  annualPayAtFullFte: number;
}

export interface OfferComparison {
  /** Offer-major: every scenario of the first offer, then the next offer. */
  rows: OfferScenarioResult[];
  /** One per offer, in offer order. */
  summary: OfferSummary[];
  /** The offer paying most per real hour in the first scenario (the first such on a tie). */
  best: { offer: string; effectiveHourly: number } | null;
  /** The offer paying most per real hour in total (benefits and one-time money counted), first scenario. */
  bestTotal: { offer: string; totalEffectiveHourly: number } | null;
}

/**
 * Every offer in every scenario, and per offer its rank and worst case. `tiers` is keyed by the
 * offer's name as the Offers table spells it (parseTiers does so).
 */
export function compareOffers(
  offers: readonly Offer[],
  tiers: ReadonlyMap<string, OfferTiers>,
  scenarios: readonly Scenario[]
): OfferComparison {
  const rows: OfferScenarioResult[] = [];
  const perOffer: OfferScenarioResult[][] = [];
  for (const offer of offers) {
    const own: OfferScenarioResult[] = [];
    for (const scenario of scenarios) {
      const changed = applyScenario(offer, scenario);
      const year = offerYear(changed, tiers.get(offer.offer));
      const advertised = offer.advertisedAnnual;
      own.push({
        offer: offer.offer,
        scenario: scenario.scenario,
        ...year,
        advertised,
        gapToAdvertised: advertised === null ? null : advertised - year.annualPay,
        unitsPerHour: changed.unitsPerHour,
        noShowRate: changed.noShowRate,
        unpaidHoursPerWeek: changed.unpaidHoursPerWeek,
      });
    }
    perOffer.push(own);
    rows.push(...own);
  }

  const expected = perOffer.map((own) => (own.length > 0 ? own[0].effectiveHourly : NaN));
  const summary: OfferSummary[] = perOffer.map((own, i) => {
    let worst = 0;
    for (let k = 1; k < own.length; k++) if (own[k].effectiveHourly < own[worst].effectiveHourly) worst = k;
    return {
      offer: offers[i].offer,
      expectedEffectiveHourly: expected[i],
      expectedRank: 1 + expected.filter((x) => x > expected[i]).length,
      worstScenario: own.length > 0 ? own[worst].scenario : "",
      worstEffectiveHourly: own.length > 0 ? own[worst].effectiveHourly : NaN,
      expectedTotalEffectiveHourly: own.length > 0 ? own[0].totalEffectiveHourly : NaN,
      annualPayAtFullFte: own.length > 0 ? own[0].annualPayAtFullFte : NaN,
    };
  });

  const top = firstHighest(summary.map((s) => s.expectedEffectiveHourly));
  const topTotal = firstHighest(summary.map((s) => s.expectedTotalEffectiveHourly));
  return {
    rows,
    summary,
    best: top < 0 ? null : { offer: summary[top].offer, effectiveHourly: summary[top].expectedEffectiveHourly },
    bestTotal: topTotal < 0 ? null : { offer: summary[topTotal].offer, totalEffectiveHourly: summary[topTotal].expectedTotalEffectiveHourly },
  };
}

/** The index of the highest value, the first on a tie (as MATCH(MAX(x), x, 0) finds it); −1 when none. */
function firstHighest(values: readonly number[]): number {
  let at = -1;
  values.forEach((v, i) => {
    if (at < 0 || v > values[at]) at = i;
  });
  return at;
}

/**
 * Offers paid per wRVU whose production can pay nothing: pay per unit 0 and no tier rows. Almost
 * always a Tiers table left out (an offer then drops down the ranking silently), so it is said in
 * the CLI summary, the pane and the sheet, in these words.
 */
export function offersWithoutTiers(offers: readonly Offer[], tiers: ReadonlyMap<string, OfferTiers>): string[] {
  return offers.filter((o) => o.unit === "wrvu" && o.payPerUnit === 0 && !((tiers.get(o.offer)?.thresholds.length ?? 0) > 0)).map((o) => o.offer);
}

export function missingTiersWarning(names: readonly string[]): string {
  const list = names.map((n) => `"${n}"`).join(", ");
  return `${list} ${names.length === 1 ? "is" : "are"} paid per wRVU with Pay per unit 0 and no tier rows, so ${names.length === 1 ? "its" : "their"} production pays nothing: did you forget --tiers (the Tiers table)?`;
}
