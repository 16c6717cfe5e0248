/** targetMetrics against figures computed by hand (SPEC §3 Target Tracker, §1 ANNUALIZE/PACE_NEEDED). */
import { defaultPeriodStart, targetMetrics, PERIOD_IS_OVER } from "../../../src/core/targets";

const JAN1_2026 = 46023;
const MAR31_2026 = JAN1_2026 + 31 + 28 + 30;

describe("targetMetrics", () => {
  const base = { wrvuTarget: 5000, ytd: 1150, asOf: MAR31_2026, dollarsPerWrvu: 50 };

  test("projection, gap, pace and rebase", () => {
    const m = targetMetrics(base);
    expect(m.periodStart).toBe(JAN1_2026);
    expect(m.daysInPeriod).toBe(365);
    expect(m.daysElapsed).toBe(90);
    expect(m.daysRemaining).toBe(275);
    expect(m.projected).toBeCloseTo((1150 * 365) / 90, 9);
    expect(m.gap).toBeCloseTo(5000 - (1150 * 365) / 90, 9);
    expect(m.paceNeeded).toBeCloseTo(98, 9); // 3,850 wRVUs over 275/7 weeks
    expect(m.bonus).toBe(0); // behind target: nothing above it
    expect(m.bonusRule).toBe("above target");
    expect(m.rebasedSalary).toBeCloseTo(((1150 * 365) / 90) * 50, 6);
  });

  test("ahead of target: $ per wRVU above it, negative gap, pace 0", () => {
    const m = targetMetrics({ ...base, ytd: 1500 });
    const p = (1500 * 365) / 90;
    expect(m.gap).toBeLessThan(0);
    expect(m.bonus).toBeCloseTo(50 * (p - 5000), 6);
    // Pace counts from YTD, not the projection: 3,500 still to go over 275/7 weeks.
    expect(m.paceNeeded).toBeCloseTo((3500 * 7) / 275, 9);
    expect(targetMetrics({ ...base, ytd: 5200 }).paceNeeded).toBe(0);
  });

  test("tiers: marginal, cliff, flat on the projection", () => {
    const p = (1150 * 365) / 90; // 4,663.9
    const tiers = { thresholds: [0, 4000, 4500], rates: [0, 50, 55] };
    expect(targetMetrics({ ...base, tiers: { ...tiers, method: "marginal" } }).bonus).toBeCloseTo(50 * 500 + 55 * (p - 4500), 6);
    expect(targetMetrics({ ...base, tiers: { ...tiers, method: "cliff" } }).bonus).toBeCloseTo(55 * p, 6);
    expect(targetMetrics({ ...base, tiers: { ...tiers, method: "flat" } }).bonus).toBe(55);
    expect(targetMetrics({ ...base, tiers: { ...tiers, method: "flat" } }).bonusRule).toBe("tiers");
  });

  test("the period is over: no pace", () => {
    const m = targetMetrics({ ...base, asOf: JAN1_2026 + 364 });
    expect(m.daysRemaining).toBe(0);
    expect(m.paceNeeded).toBeNull();
    expect(PERIOD_IS_OVER).toBe("period is over");
  });

  test("As of outside the period is refused", () => {
    expect(() => targetMetrics({ ...base, periodStart: MAR31_2026 + 1 })).toThrow(/before period_start/);
    expect(() => targetMetrics({ ...base, periodStart: MAR31_2026 - 365 })).toThrow(/after the period/);
  });

  test("days in period as DATE(YEAR+1, MONTH, DAY) − start", () => {
    const days = (periodStart: number) => targetMetrics({ ...base, periodStart, asOf: periodStart }).daysInPeriod;
    expect(days(JAN1_2026)).toBe(365);
    expect(days(46753)).toBe(366); // 2028-01-01
    expect(days(45351)).toBe(366); // 2024-02-29 → 2025-03-01
    expect(days(45352)).toBe(365); // 2024-03-01 → 2025-03-01
    expect(days(45323)).toBe(366); // 2024-02-01 → 2025-02-01
    expect(defaultPeriodStart(MAR31_2026)).toBe(JAN1_2026);
  });
});
