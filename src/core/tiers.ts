/**
 * Tiered production pay (SPEC §1 "Tiers"). Tier i applies to volume strictly above
 * thresholds[i]: thresholds {0,120,160} with rates {0,30,45} is "0–120 visits: nothing,
 * 121–160: $30, 161+: $45".
 */
import { finiteResult, requireNonNegative } from "./check";
import { naError, valueError } from "./errors";
import type { TierMethod } from "./inputs/types";

export type { TierMethod };

export const TIER_METHODS: readonly TierMethod[] = ["marginal", "cliff", "flat"];

export interface Tiers {
  thresholds: number[];
  rates: number[];
}

/** A cell with nothing in it. */
type Cell = number | null | undefined;

const isBlank = (x: Cell) => x === null || x === undefined;

/**
 * How many leading positions hold the table. A position past the first whose cells are both
 * empty, or both 0, is padding: Excel hands empty cells of a range over as 0, and a (0, 0) pair
 * after the first can never be a real tier, since thresholds are 0 or more and strictly
 * ascending. The first position is always kept: {0,120,160} starts with a real 0.
 */
function tableLength(thresholds: readonly Cell[], rates: readonly Cell[]): number {
  let n = Math.max(thresholds.length, rates.length);
  const empty = (x: Cell) => isBlank(x) || x === 0;
  while (n > 1 && empty(thresholds[n - 1]) && empty(rates[n - 1])) n--;
  return n;
}

function checkThresholds(thresholds: readonly Cell[], n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = thresholds[i];
    if (isBlank(t) || Number.isNaN(t)) {
      throw valueError(`thresholds has an empty cell at position ${i + 1}: every tier needs its lower boundary, e.g. {0,120,160}`);
    }
    requireNonNegative(`thresholds (position ${i + 1})`, t as number, "units above which the tier applies", "120");
    if (i > 0 && (t as number) <= out[i - 1]) {
      throw valueError(
        `thresholds must go strictly up, e.g. {0,120,160}: position ${i + 1} (${t}) is not above position ${i} (${out[i - 1]})`
      );
    }
    out.push(t as number);
  }
  return out;
}

/**
 * Validates a tier table: equal counts, thresholds 0 or more and strictly ascending, rates 0 or
 * more; trailing padding dropped (see tableLength). Throws ClinPayError (#VALUE! for the shape,
 * #NUM! for a negative number) with a message that stands alone.
 */
export function normalizeTiers(thresholds: readonly Cell[], rates: readonly Cell[]): Tiers {
  const n = tableLength(thresholds, rates);
  if (n === 0 || (n === 1 && isBlank(thresholds[0]) && isBlank(rates[0]))) {
    throw valueError("thresholds and rates are empty: give at least one tier, e.g. thresholds {0,120,160} and rates {0,30,45}");
  }
  const tCount = Math.min(thresholds.length, n);
  const rCount = Math.min(rates.length, n);
  if (tCount !== rCount) {
    throw valueError(`thresholds has ${tCount} values but rates has ${rCount}: give one rate per threshold, e.g. {0,120,160} and {0,30,45}`);
  }
  const ts = checkThresholds(thresholds, n);
  const rs: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rates[i];
    if (isBlank(r) || Number.isNaN(r)) {
      throw valueError(`rates has an empty cell at position ${i + 1}: every tier needs its rate, e.g. {0,30,45}`);
    }
    rs.push(requireNonNegative(`rates (position ${i + 1})`, r as number, "$ per unit, or the lump sum for flat", "30"));
  }
  return { thresholds: ts, rates: rs };
}

/** Thresholds alone (NEXT_TIER_GAP): 0 or more, strictly ascending, trailing empty/0 cells dropped. */
export function normalizeThresholds(thresholds: readonly Cell[]): number[] {
  let n = thresholds.length;
  while (n > 1 && (isBlank(thresholds[n - 1]) || thresholds[n - 1] === 0)) n--;
  if (n === 0 || (n === 1 && isBlank(thresholds[0]))) {
    throw valueError("thresholds is empty: give the tier boundaries, e.g. {0,120,160}");
  }
  return checkThresholds(thresholds, n);
}

/** A method name as typed: case and spaces ignored, blank = marginal. */
export function parseTierMethod(text: string | null | undefined): TierMethod {
  const t = (text ?? "").trim().toLowerCase();
  if (t === "") return "marginal";
  if ((TIER_METHODS as readonly string[]).includes(t)) return t as TierMethod;
  throw valueError(`method "${String(text).trim()}" is not a tier method: type "marginal", "cliff" or "flat" (blank means marginal)`);
}

/** Index of the highest tier with volume strictly above its threshold, or −1. */
function tierReached(volume: number, thresholds: readonly number[]): number {
  let k = -1;
  for (let i = 0; i < thresholds.length; i++) if (volume > thresholds[i]) k = i;
  return k;
}

/**
 * TIER_PAYOUT. marginal: Σ rates[i] × clamp(volume − thresholds[i], 0, thresholds[i+1] −
 * thresholds[i]), the last tier unbounded. cliff: volume × rates[k]. flat: rates[k]. k is the
 * highest tier reached; nothing is paid below the first threshold.
 */
export function tierPayout(volume: number, thresholds: readonly Cell[], rates: readonly Cell[], method: TierMethod = "marginal"): number {
  requireNonNegative("volume", volume, "units in the period, e.g. visits or wRVUs", "170");
  const t = normalizeTiers(thresholds, rates);
  const k = tierReached(volume, t.thresholds);
  let pay: number;
  switch (method) {
    case "marginal":
      pay = 0;
      for (let i = 0; i <= k; i++) {
        const top = i + 1 < t.thresholds.length ? Math.min(volume, t.thresholds[i + 1]) : volume;
        pay += t.rates[i] * (top - t.thresholds[i]);
      }
      break;
    case "cliff":
      pay = k < 0 ? 0 : volume * t.rates[k];
      break;
    case "flat":
      pay = k < 0 ? 0 : t.rates[k];
      break;
    default:
      throw valueError(`method "${String(method)}" is not a tier method: type "marginal", "cliff" or "flat"`);
  }
  return finiteResult(pay, "TIER_PAYOUT");
}

/** NEXT_TIER_GAP: (smallest threshold ≥ volume) − volume; #N/A above the top threshold. */
export function nextTierGap(volume: number, thresholds: readonly Cell[]): number {
  requireNonNegative("volume", volume, "units in the period, e.g. visits or wRVUs", "130");
  const ts = normalizeThresholds(thresholds);
  const next = ts.find((t) => t >= volume);
  if (next === undefined) {
    throw naError(`already above the top threshold: volume ${volume} is past ${ts[ts.length - 1]}, so no tier is left to reach`);
  }
  return finiteResult(next - volume, "NEXT_TIER_GAP");
}
