/**
 * Offer Comparison, more (SPEC §3): what each offer pays at realistic productivity, what volume
 * it takes to match another offer, its all-in $ per wRVU, and its pay curve across volumes.
 *
 * All in the first scenario (Expected, by default), as the sheet computes them; the sheet's
 * formulas take the same steps (src/sheets/offer-levels.ts), so cached and recalculated values
 * agree.
 */
import type { Offer, OfferTiers, Scenario } from "./inputs/types";
import { annualPayFrom, annualUnits, applyScenario, guarantee, hoursPerYear, offerYear, payBesideProduction, production } from "./offers";
import { tierPayout } from "./tiers";

export interface ProductivityLevel {
  level: string;
  factor: number;
}

/**
 * The published telemedicine wRVU-per-hour spread (3.1, 4.3, 6.2, 7.0 wRVU an hour; see
 * ../shared/reference): each level as a factor on the median's 4.3.
 */
export const DEFAULT_LEVELS: readonly ProductivityLevel[] = [
  { level: "Bottom 25%", factor: 0.72 },
  { level: "Median", factor: 1 },
  { level: "Top 10%", factor: 1.44 },
  { level: "Marketing claim", factor: 1.63 },
];

/** Annual pay by volume: 50%, 60% … 150% of each offer's expected annual units. */
export const VOLUME_SHARES: readonly number[] = Array.from({ length: 11 }, (_, i) => (50 + 10 * i) / 100);

/** An offer's pay a year on `units` annual units (its guarantee and tiers as they are). */
export function payAtUnits(offer: Offer, units: number, tiers?: OfferTiers): number {
  return annualPayFrom(offer, guarantee(offer), production(offer, units, tiers));
}

/** Effective hourly in `scenario` with units_per_hour × factor. */
export function effectiveHourlyAtLevel(offer: Offer, scenario: Scenario, factor: number, tiers?: OfferTiers): number {
  const o = applyScenario(offer, scenario);
  const units = annualUnits(o) * factor;
  return payAtUnits(o, units, tiers) / hoursPerYear(o);
}

/** Expected annual pay ÷ annual units, for an offer paid per wRVU; null for visit offers (or no units). */
export function effectiveDollarsPerWrvu(offer: Offer, scenario: Scenario, tiers?: OfferTiers): number | null {
  if (offer.unit !== "wrvu") return null;
  const y = offerYear(applyScenario(offer, scenario), tiers);
  return y.annualUnits === 0 ? null : y.annualPay / y.annualUnits;
}

/**
 * How the compared pay is reached: by the guarantee alone (0 units needed), at a volume where
 * the pay equals it, just above a tier threshold where a cliff or flat tier jumps past it, or by
 * no volume at all.
 */
export type MatchHow = "guarantee" | "volume" | "step" | "none";

export interface UnitsToMatch {
  /** Annual units; null when no volume reaches the pay. */
  units: number | null;
  how: MatchHow;
}

/**
 * Relative slack on the pay to match: an offer compared with itself gets its own pay back through
 * effective hourly × hours, a rounding away from equal, so the pay it must reach is the pay to
 * match × (1 − 1e-12). The sheet reaches for the same.
 */
export const MATCH_SLACK = 1e-12;

/** One tier segment (its threshold to the next): where `need` falls in it, if it does. */
export interface TierSegment {
  from: number;
  /** The next threshold; null for the last tier. */
  end: number | null;
  rate: number;
  /** Production pay at exactly `from` (a tier pays on units strictly above its threshold). */
  atThreshold: number;
  /** Whether production reaches `need` within this segment. */
  inTier: boolean;
  /** The least units in the segment that pay `need` (its threshold itself for a jump); 0 when not in it. */
  here: number;
}

/**
 * Every segment of a tier table against the production pay `need`, as the sheet's helper
 * columns beside the Tiers table show them: flat reaches it when the segment's lump does; cliff
 * when the rate on every unit does by the segment's end; marginal when the running sum does.
 */
export function tierSegments(t: OfferTiers, need: number): TierSegment[] {
  const n = t.thresholds.length;
  return t.thresholds.map((from, k) => {
    const rate = t.rates[k];
    const end = k + 1 < n ? t.thresholds[k + 1] : null;
    const atThreshold = tierPayout(from, t.thresholds, t.rates, t.method);
    let inTier: boolean;
    if (t.method === "flat") inTier = rate >= need;
    else if (t.method === "cliff") inTier = rate > 0 && (end === null || need <= rate * end);
    else inTier = rate > 0 && (end === null || need <= atThreshold + rate * (end - from));
    const here = !inTier ? 0 : t.method === "flat" ? from : t.method === "cliff" ? Math.max(from, need / rate) : from + Math.max(0, need - atThreshold) / rate;
    return { from, end, rate, atThreshold, inTier, here };
  });
}

/** The production pay `need` is first reached in the first segment that reaches it; a cliff or flat tier that jumps past it, at its threshold. */
function tierUnitsFor(t: OfferTiers, need: number): UnitsToMatch {
  const s = tierSegments(t, need).find((x) => x.inTier);
  if (!s) return { units: null, how: "none" };
  return { units: s.here, how: t.method !== "marginal" && s.here === s.from ? "step" : "volume" };
}

/** What the guarantee and production together must pay to reach `targetPay` (less its slack): call pay and the withhold shortfall come whatever the volume. */
export const reachOf = (offer: Offer, targetPay: number): number => targetPay * (1 - MATCH_SLACK) - payBesideProduction(offer);

/** Production pay that brings the offer to `reach` a year: all of it (greater_of) or above the guarantee (plus). */
export const productionNeeded = (offer: Offer, reach: number, g: number): number => (offer.combine === "greater_of" ? reach : reach - g);

/**
 * The least annual units at which the offer (scenario applied) pays `targetPay` a year. Call pay
 * and the withhold shortfall come whatever the volume, so the guarantee and production together
 * must reach the target less them.
 */
export function unitsToMatchPay(offer: Offer, targetPay: number, tiers?: OfferTiers): UnitsToMatch {
  const g = guarantee(offer);
  const reach = reachOf(offer, targetPay);
  if (g >= reach) return { units: 0, how: "guarantee" };
  const need = productionNeeded(offer, reach, g);
  if (tiers && tiers.thresholds.length > 0) return tierUnitsFor(tiers, need);
  return offer.payPerUnit > 0 ? { units: need / offer.payPerUnit, how: "volume" } : { units: null, how: "none" };
}

/** Annual units per booked unit an hour in the scenario: units = units_per_hour × this. */
export function unitsPerUnitPerHour(offer: Offer, scenario: Scenario): number {
  const o = applyScenario({ ...offer, unitsPerHour: 1 }, scenario);
  return annualUnits(o);
}

export interface HourlyMatch extends UnitsToMatch {
  /** The pay a year that matches the compared effective hourly over this offer's hours. */
  targetPay: number;
  /** Units per hour to match; null when no volume does. */
  unitsPerHour: number | null;
}

/** The least units_per_hour at which the offer's effective hourly in `scenario` reaches `targetHourly`. */
export function unitsPerHourToMatch(offer: Offer, scenario: Scenario, targetHourly: number, tiers?: OfferTiers): HourlyMatch {
  const o = applyScenario(offer, scenario);
  const targetPay = targetHourly * hoursPerYear(o);
  const m = unitsToMatchPay(o, targetPay, tiers);
  const per = unitsPerUnitPerHour(offer, scenario);
  if (m.units === null || (m.units > 0 && per === 0)) return { ...m, units: null, how: "none", targetPay, unitsPerHour: null };
  return { ...m, targetPay, unitsPerHour: m.units === 0 ? 0 : m.units / per };
}

/** The offer a comparison is made against by default: the first whose name contains "current", else the first. */
export function defaultCompareAgainst(offers: readonly Offer[]): string {
  return (offers.find((o) => /current/i.test(o.offer)) ?? offers[0])?.offer ?? "";
}

export interface OfferLevelRow {
  offer: string;
  match: HourlyMatch;
  /** Expected units per hour, beside what it takes to match. */
  unitsPerHour: number;
  dollarsPerWrvu: number | null;
  /** Effective hourly at each level, in DEFAULT_LEVELS order. */
  byLevel: number[];
  /** Annual pay at each VOLUME_SHARES share of expected units. */
  curve: number[];
}

export interface OfferLevelFigures {
  compareAgainst: string;
  /** The compared offer's effective hourly in the scenario. */
  targetHourly: number;
  offers: OfferLevelRow[];
}

/** Every figure of the sections, for the sheet's cached values and the CLI's summary. */
export function offerLevelFigures(offers: readonly Offer[], tiers: ReadonlyMap<string, OfferTiers>, scenario: Scenario): OfferLevelFigures {
  const compareAgainst = defaultCompareAgainst(offers);
  const compared = offers.find((o) => o.offer === compareAgainst)!;
  const targetHourly = effectiveHourlyAtLevel(compared, scenario, 1, tiers.get(compared.offer));
  return {
    compareAgainst,
    targetHourly,
    offers: offers.map((o) => {
      const t = tiers.get(o.offer);
      const applied = applyScenario(o, scenario);
      return {
        offer: o.offer,
        match: unitsPerHourToMatch(o, scenario, targetHourly, t),
        unitsPerHour: o.unitsPerHour,
        dollarsPerWrvu: effectiveDollarsPerWrvu(o, scenario, t),
        byLevel: DEFAULT_LEVELS.map((l) => effectiveHourlyAtLevel(o, scenario, l.factor, t)),
        curve: VOLUME_SHARES.map((share) => payAtUnits(applied, annualUnits(applied) * share, t)),
      };
    }),
  };
}
