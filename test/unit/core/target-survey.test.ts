/** Target Tracker, more (SPEC §3): Clinical FTE, the projection at 1.0 FTE and its survey percentile, by hand. */
import { targetMetrics } from "../../../src/core/targets";

const JAN1_2026 = 46023;
const MAR31_2026 = JAN1_2026 + 31 + 28 + 30; // day 90 of 365
const base = { wrvuTarget: 5000, ytd: 1150, asOf: MAR31_2026, dollarsPerWrvu: 50 };
const projected = (1150 * 365) / 90; // 4,663.89

test("without FTE or survey: the projection at 1.0 FTE is the projection, no percentile", () => {
  const m = targetMetrics(base);
  expect(m.projectedAtFullFte).toBeCloseTo(projected, 9);
  expect(m.surveyPercentile).toBeNull();
});

test("0.8 FTE: 4,663.89 ÷ 0.8 = 5,829.86 a year at full time, between the survey's p50 and p75", () => {
  const m = targetMetrics({ ...base, clinicalFte: 0.8, survey: [4300, 5200, 6300, 7600] });
  const full = projected / 0.8;
  expect(m.projectedAtFullFte).toBeCloseTo(5829.8611, 4);
  // Linear between (50, 5,200) and (75, 6,300): 50 + (5,829.86 − 5,200) ÷ 1,100 × 25 = 64.31
  expect(m.surveyPercentile).toBeCloseTo(50 + ((full - 5200) / 1100) * 25, 9);
  expect(m.surveyPercentile).toBeCloseTo(64.3150, 3);
  // FTE moves no other figure: the projection, gap and bonus are the year as worked.
  expect(m.projected).toBeCloseTo(projected, 9);
  expect(m.gap).toBeCloseTo(5000 - projected, 9);
});

test("full time below the survey's p25: the first segment's slope continues down", () => {
  const m = targetMetrics({ ...base, survey: [5000, 6000, 7000, 8000] });
  // 25 + (4,663.89 − 5,000) ÷ 1,000 × 25 = 16.60
  expect(m.surveyPercentile).toBeCloseTo(16.5972, 3);
});
