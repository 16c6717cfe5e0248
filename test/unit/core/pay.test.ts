/**
 * EFFECTIVE_HOURLY, BREAKEVEN_VOLUME, NOSHOW_ADJUST, REBASE, ANNUALIZE, PACE_NEEDED (SPEC §1):
 * worked examples computed by hand from the SPEC formulas, and every error rule with its message.
 */
import { expectError } from "../../helpers/expect-error";
import {
  annualize,
  attendanceFactor,
  breakevenVolume,
  effectiveHourly,
  noshowAdjust,
  paceNeeded,
  periodPosition,
  rebase,
} from "../../../src/core/pay";


// Serials: 2025-01-01 is 45658 (SPEC). 2025-03-14 is day 73 of 2025; 2025-07-01 is day 182;
// 2025-12-31 is day 365. 2024 (leap) starts 366 days earlier, at 45292.
const JAN1_2025 = 45658;
const MAR14_2025 = JAN1_2025 + 72;
const JUL1_2025 = JAN1_2025 + 181;
const DEC31_2025 = JAN1_2025 + 364;
const JAN1_2024 = JAN1_2025 - 366;

describe("attendance factor", () => {
  test("1 − no_show_rate × (1 − paid_no_show_share)", () => {
    expect(attendanceFactor(0.15)).toBeCloseTo(0.85, 12);
    expect(attendanceFactor(0.2, 0.5)).toBeCloseTo(0.9, 12);
    expect(attendanceFactor(1, 1)).toBe(1);
    expect(attendanceFactor(1, 0)).toBe(0);
  });
  test("rates outside 0..1 are #NUM! naming the argument", () => {
    expectError(() => attendanceFactor(1.5), "num", "no_show_rate must be between 0 and 1, e.g. 15% or 0.15");
    expectError(() => attendanceFactor(0.1, -0.1), "num", "paid_no_show_share must be between 0 and 1, e.g. 15% or 0.15");
  });
});

describe("effectiveHourly", () => {
  test("SPEC example: 4 units/h, $75, 8 paid h, 1.5 unpaid h, 15% no-shows", () => {
    // (4 × 8 × 0.85 × 75 + 0) ÷ 9.5 = 2040 ÷ 9.5
    expect(effectiveHourly(4, 75, 8, 1.5, 0.15)).toBeCloseTo(2040 / 9.5, 10);
    expect(effectiveHourly(4, 75, 8, 1.5, 0.15)).toBeCloseTo(214.7368421, 6);
  });
  test("paid no-shows and fixed pay", () => {
    // 4 × 8 × (1 − 0.15 × 0.5) × 75 = 2220, + 100 fixed = 2320 over 9.5 h
    expect(effectiveHourly(4, 75, 8, 1.5, 0.15, 0.5, 100)).toBeCloseTo(2320 / 9.5, 10);
  });
  test("defaults: no unpaid hours, no no-shows, no fixed pay", () => {
    expect(effectiveHourly(4, 75, 8)).toBeCloseTo(300, 10);
  });
  test("fixed pay alone, spread over paid and unpaid hours", () => {
    expect(effectiveHourly(0, 75, 8, 2, 0, 0, 1000)).toBeCloseTo(100, 10);
  });
  test("errors", () => {
    expectError(() => effectiveHourly(4, 75, 8, 1.5, 1.2), "num", "no_show_rate must be between 0 and 1, e.g. 15% or 0.15");
    expectError(() => effectiveHourly(-1, 75, 8), "num", "units_per_hour must be 0 or more");
    expectError(() => effectiveHourly(4, -75, 8), "num", "pay_per_unit must be 0 or more");
    expectError(() => effectiveHourly(4, 75, -8), "num", "paid_hours must be 0 or more");
    expectError(() => effectiveHourly(4, 75, 8, -1), "num", "unpaid_hours must be 0 or more");
    expectError(() => effectiveHourly(4, 75, 8, 0, 0, 0, -5), "num", "fixed_pay must be 0 or more");
    expectError(() => effectiveHourly(4, 75, 0, 0), "div0", "paid_hours + unpaid_hours is 0");
    expectError(() => effectiveHourly(NaN, 75, 8), "value", "units_per_hour must be a number");
    expectError(() => effectiveHourly(Infinity, 75, 8), "num", "units_per_hour");
    expectError(() => effectiveHourly(1e200, 1e200, 8), "num", "EFFECTIVE_HOURLY is too large");
  });
});

describe("breakevenVolume", () => {
  test("solves EFFECTIVE_HOURLY for units_per_hour", () => {
    // 150 × 9.5 = 1425 needed; each unit/h earns 8 × 0.85 × 75 = 510
    expect(breakevenVolume(150, 75, 8, 1.5, 0.15)).toBeCloseTo(1425 / 510, 10);
    // the SPEC example read backwards
    expect(breakevenVolume(2040 / 9.5, 75, 8, 1.5, 0.15)).toBeCloseTo(4, 10);
  });
  test("with fixed pay: (100 × 10 − 200) ÷ (8 × 0.9 × 50)", () => {
    expect(breakevenVolume(100, 50, 8, 2, 0.2, 0.5, 200)).toBeCloseTo(800 / 360, 10);
  });
  test("0 when fixed pay alone reaches the target", () => {
    expect(breakevenVolume(100, 75, 8, 0, 0, 0, 1000)).toBe(0);
    expect(breakevenVolume(125, 75, 8, 0, 0, 0, 1000)).toBe(0); // exactly reaches it
    expect(breakevenVolume(100, 0, 8, 0, 0, 0, 1000)).toBe(0); // even with no pay per unit
    expect(breakevenVolume(0, 75, 8)).toBe(0);
  });
  test("#DIV/0! when volume adds nothing and fixed pay falls short, saying why", () => {
    expectError(() => breakevenVolume(100, 0, 8), "div0", "pay_per_unit is 0");
    expectError(() => breakevenVolume(100, 75, 8, 0, 1, 0), "div0", "no_show_rate is 1");
    expectError(() => breakevenVolume(100, 75, 0, 5), "div0", "paid_hours is 0");
    expectError(() => breakevenVolume(100, 0, 8), "div0", /fixed_pay alone falls short/);
    expectError(() => breakevenVolume(100, 75, 0, 0), "div0", "paid_hours + unpaid_hours is 0");
  });
  test("argument errors", () => {
    expectError(() => breakevenVolume(-1, 75, 8), "num", "target_hourly must be 0 or more");
    expectError(() => breakevenVolume(100, 75, 8, 0, 0, 2), "num", "paid_no_show_share must be between 0 and 1");
  });
});

describe("noshowAdjust", () => {
  test("value × attendance", () => {
    expect(noshowAdjust(100, 0.15)).toBeCloseTo(85, 10);
    expect(noshowAdjust(100, 0.2, 0.5)).toBeCloseTo(90, 10);
    expect(noshowAdjust(-50, 0.15)).toBeCloseTo(-42.5, 10);
    expect(noshowAdjust(0, 0.3)).toBe(0);
  });
  test("errors", () => {
    expectError(() => noshowAdjust(100, -0.01), "num", "no_show_rate must be between 0 and 1, e.g. 15% or 0.15");
    expectError(() => noshowAdjust(NaN, 0.1), "value", "value must be a number");
  });
});

describe("rebase", () => {
  test("wrvus × dollars_per_wrvu", () => {
    expect(rebase(5000, 50)).toBe(250000);
    expect(rebase(4321.5, 48)).toBeCloseTo(207432, 6);
  });
  test("negative inputs are #NUM!", () => {
    expectError(() => rebase(-1, 50), "num", "wrvus must be 0 or more");
    expectError(() => rebase(5000, -50), "num", "dollars_per_wrvu must be 0 or more");
  });
});

describe("annualize", () => {
  test("ytd × days_in_period ÷ days_elapsed, as_of counted as elapsed", () => {
    expect(annualize(1000, MAR14_2025)).toBeCloseTo((1000 * 365) / 73, 10);
    expect(annualize(1000, MAR14_2025)).toBeCloseTo(5000, 10);
    expect(annualize(1000, JUL1_2025, JAN1_2025)).toBeCloseTo((1000 * 365) / 182, 10);
    expect(annualize(1000, JUL1_2025, null)).toBeCloseTo((1000 * 365) / 182, 10);
  });
  test("a leap year has 366 days", () => {
    const jul1_2024 = JAN1_2024 + 182; // Jan–Jun 2024 = 31+29+31+30+31+30
    expect(annualize(1000, jul1_2024)).toBeCloseTo((1000 * 366) / 183, 10);
  });
  test("first and last day of the period", () => {
    expect(annualize(10, JAN1_2025)).toBeCloseTo(3650, 10);
    expect(annualize(4800, DEC31_2025)).toBeCloseTo(4800, 10);
  });
  test("a period that does not start on 1 January", () => {
    // 2025-07-01 .. 2025-12-31 is 184 days; 2025-07-01 .. 2026-06-30 is 365 days
    expect(annualize(1000, DEC31_2025, JUL1_2025)).toBeCloseTo((1000 * 365) / 184, 10);
  });
  test("a time of day in as_of is ignored", () => {
    expect(annualize(1000, MAR14_2025 + 0.75)).toBeCloseTo(5000, 10);
  });
  test("errors", () => {
    expectError(() => annualize(1000, DEC31_2025 - 365, JAN1_2025), "num", "as_of (2024-12-31) is before period_start (2025-01-01)");
    expectError(() => annualize(1000, DEC31_2025 + 1, JAN1_2025), "num", "after the period that starts 2025-01-01 ends");
    expectError(() => annualize(1000, 0), "num", "as_of must be a date");
    expectError(() => annualize(1000, MAR14_2025, -3), "num", "period_start must be a date");
    expectError(() => annualize(NaN, MAR14_2025), "value", "ytd_value must be a number");
  });
});

describe("paceNeeded", () => {
  test("max(0, target − ytd) ÷ (days_remaining ÷ 7)", () => {
    // as_of 2025-07-01: 182 days elapsed, 365 − 182 = 183 remain; 3800 still to go
    expect(paceNeeded(5000, 1200, JUL1_2025)).toBeCloseTo(3800 / (183 / 7), 10);
    expect(paceNeeded(5000, 1200, JUL1_2025)).toBeCloseTo(145.3552, 4);
    // as_of 2025-03-14: 292 days remain
    expect(paceNeeded(5000, 1000, MAR14_2025, JAN1_2025)).toBeCloseTo(28000 / 292, 10);
  });
  test("per_days: 1 for a daily pace", () => {
    expect(paceNeeded(5000, 1000, MAR14_2025, null, 1)).toBeCloseTo(4000 / 292, 10);
  });
  test("0 once the target is reached", () => {
    expect(paceNeeded(5000, 6000, MAR14_2025)).toBe(0);
    expect(paceNeeded(5000, 5000, MAR14_2025)).toBe(0);
  });
  test("#N/A 'period is over' on the last day and after", () => {
    expectError(() => paceNeeded(5000, 1000, DEC31_2025), "na", "period is over");
    expectError(() => paceNeeded(5000, 1000, DEC31_2025 + 10, JAN1_2025), "na", "period is over");
  });
  test("errors", () => {
    expectError(() => paceNeeded(5000, 1000, JAN1_2025 - 1, JAN1_2025), "num", "as_of (2024-12-31) is before period_start (2025-01-01)");
    expectError(() => paceNeeded(5000, 1000, JUL1_2025, null, 0), "num", "per_days must be more than 0");
    expectError(() => paceNeeded(-5, 1000, JUL1_2025), "num", "target must be 0 or more");
    expectError(() => paceNeeded(5000, -1, JUL1_2025), "num", "ytd_value must be 0 or more");
  });
});

describe("periodPosition", () => {
  test("days in period, elapsed and remaining", () => {
    expect(periodPosition(JUL1_2025)).toEqual({ periodStart: JAN1_2025, daysInPeriod: 365, daysElapsed: 182, daysRemaining: 183 });
    expect(periodPosition(JAN1_2024 + 59, JAN1_2024)).toEqual({ periodStart: JAN1_2024, daysInPeriod: 366, daysElapsed: 60, daysRemaining: 306 });
  });
});
