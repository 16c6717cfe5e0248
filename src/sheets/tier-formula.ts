/**
 * One tier-payout formula for every sheet (SPEC §1 TIER_PAYOUT, as native formulas): a tier pays
 * on units strictly above its threshold. With `rate step` (each rate minus the one before), every
 * method is one SUMPRODUCT and needs no array formula: Σ step over the tiers passed is the highest
 * rate reached (cliff pays it on every unit, flat pays it once), and Σ step × (units − threshold)
 * is the marginal payout.
 */
export interface TierFormulaParts {
  /** The volume paid on: a cell or an expression. */
  units: string;
  /** The tier table's threshold and rate-step columns (absolute ranges of equal length). */
  thresholds: string;
  steps: string;
  /** A condition true when the tiers use that method, e.g. `$B$9="cliff"`. */
  isMethod(method: "cliff" | "flat"): string;
  /** A 1/0 array picking this payer's rows of a shared table, e.g. `($A$20:$A$25=$A$6)`. */
  rows?: string;
}

export function tierPayoutFormula(p: TierFormulaParts): string {
  const mine = p.rows ? `${p.rows}*` : "";
  const above = `(${p.units}>${p.thresholds})`;
  const reached = `SUMPRODUCT(${mine}${above}*${p.steps})`;
  const marginal = `SUMPRODUCT(${mine}${above}*(${p.units}-${p.thresholds})*${p.steps})`;
  return `IF(${p.isMethod("cliff")},${p.units}*${reached},IF(${p.isMethod("flat")},${reached},${marginal}))`;
}
