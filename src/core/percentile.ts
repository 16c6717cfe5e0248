/**
 * BENCHMARK_PERCENTILE: where a value falls on a compensation survey that publishes four points
 * (25th, 50th, 75th and 90th percentiles). Linear between the points; beyond them the nearest
 * segment's slope continues, clamped to 1..99, since a survey says nothing past its points.
 */
import { finiteResult, requireFinite } from "./check";
import { valueError } from "./errors";

const ANCHORS = [25, 50, 75, 90] as const;
const NAMES = ["p25", "p50", "p75", "p90"] as const;

export function benchmarkPercentile(value: number, p25: number, p50: number, p75: number, p90: number): number {
  requireFinite("value", value, "5200");
  const points = [p25, p50, p75, p90];
  points.forEach((p, i) => requireFinite(NAMES[i], p, ["4300", "5200", "6300", "7600"][i]));
  for (let i = 1; i < points.length; i++) {
    if (!(points[i] > points[i - 1])) {
      throw valueError(`the survey points must rise: ${NAMES[i - 1]} (${points[i - 1]}) must be below ${NAMES[i]} (${points[i]}), as p25 < p50 < p75 < p90`);
    }
  }
  const seg = value <= p50 ? 0 : value <= p75 ? 1 : 2;
  // As a share of the segment, so each published point gives its percentile exactly.
  const t = (value - points[seg]) / (points[seg + 1] - points[seg]);
  const p = ANCHORS[seg] + t * (ANCHORS[seg + 1] - ANCHORS[seg]);
  return finiteResult(Math.min(99, Math.max(1, p)), "BENCHMARK_PERCENTILE");
}
