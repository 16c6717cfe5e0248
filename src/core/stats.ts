/**
 * RATE_CHANGE_PVALUE: did a rate really change (a no-show rate before and after day-before tech
 * checks), or could chance explain it? The pooled two-proportion z-test, two-sided, with the
 * normal tail computed to full double precision so it matches Excel's and LibreOffice's NORMSDIST.
 */
import { finiteResult, requireNonNegative } from "./check";
import { div0Error, numError } from "./errors";

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * erfc(x) for x ≥ 0: the Taylor series of erf below 2 (where 1 − erf keeps ~14 significant
 * digits), the continued fraction x + (1/2)/(x + 1/(x + (3/2)/(x + …))) from 2 on, evaluated
 * from the tail (it converges in a few dozen terms there).
 */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 100; n++) {
      term *= (-x * x) / n;
      const next = term / (2 * n + 1);
      sum += next;
      if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / SQRT_PI) * sum;
  }
  let f = x;
  for (let k = 80; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / SQRT_PI / f;
}

export function rateChangePvalue(eventsBefore: number, totalBefore: number, eventsAfter: number, totalAfter: number): number {
  requireNonNegative("events_before", eventsBefore, "a count, e.g. no-shows before the change", "28");
  requireNonNegative("total_before", totalBefore, "a count, e.g. visits booked before the change", "100");
  requireNonNegative("events_after", eventsAfter, "a count, e.g. no-shows after the change", "19");
  requireNonNegative("total_after", totalAfter, "a count, e.g. visits booked after the change", "100");
  if (eventsBefore > totalBefore) throw numError(`events_before (${eventsBefore}) cannot be more than total_before (${totalBefore})`);
  if (eventsAfter > totalAfter) throw numError(`events_after (${eventsAfter}) cannot be more than total_after (${totalAfter})`);
  if (totalBefore === 0 || totalAfter === 0) throw div0Error("a total is 0: there is no rate without visits on both sides of the change");
  const pooled = (eventsBefore + eventsAfter) / (totalBefore + totalAfter);
  if (pooled === 0 || pooled === 1) return 1; // nothing varies: no evidence of a change
  const z = (eventsBefore / totalBefore - eventsAfter / totalAfter) / Math.sqrt(pooled * (1 - pooled) * (1 / totalBefore + 1 / totalAfter));
  return finiteResult(erfc(Math.abs(z) / Math.SQRT2), "RATE_CHANGE_PVALUE");
}
