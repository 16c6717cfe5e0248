/**
 * TIER_PAYOUT and NEXT_TIER_GAP (SPEC §1 "Tiers"), the tier-table validation the input parsers
 * share, and method names. Expected values are worked by hand from the SPEC.
 */
import { expectError } from "../../helpers/expect-error";
import { nextTierGap, normalizeThresholds, normalizeTiers, parseTierMethod, tierPayout, TIER_METHODS } from "../../../src/core/tiers";


// "0–120 visits: nothing, 121–160: $30, 161+: $45"
const T = [0, 120, 160];
const R = [0, 30, 45];

describe("tierPayout: SPEC examples", () => {
  test("170 visits: marginal 30 × 40 + 45 × 10", () => {
    expect(tierPayout(170, T, R, "marginal")).toBe(30 * 40 + 45 * 10);
    expect(tierPayout(170, T, R)).toBe(1650);
  });
  test("170 visits: cliff 170 × 45", () => {
    expect(tierPayout(170, T, R, "cliff")).toBe(170 * 45);
    expect(tierPayout(170, T, R, "cliff")).toBe(7650);
  });
  test("170 visits: flat 45", () => {
    expect(tierPayout(170, T, R, "flat")).toBe(45);
  });
  test("$260k base + $50 per wRVU above 5,000: the tier part", () => {
    expect(tierPayout(5600, [0, 5000], [0, 50])).toBe(600 * 50);
    expect(tierPayout(4900, [0, 5000], [0, 50])).toBe(0);
  });
});

describe("tierPayout: boundaries (a tier applies strictly above its threshold)", () => {
  test.each([
    // volume, marginal, cliff, flat
    [0, 0, 0, 0],
    [100, 0, 0, 0],
    [120, 0, 0, 0],
    [121, 30, 121 * 30, 30],
    [160, 30 * 40, 160 * 30, 30],
    [161, 30 * 40 + 45, 161 * 45, 45],
  ])("volume %d → marginal %d, cliff %d, flat %d", (v, marginal, cliff, flat) => {
    expect(tierPayout(v, T, R, "marginal")).toBe(marginal);
    expect(tierPayout(v, T, R, "cliff")).toBe(cliff);
    expect(tierPayout(v, T, R, "flat")).toBe(flat);
  });
  test("no tier reached pays nothing, even when the first tier's rate is not 0", () => {
    expect(tierPayout(0, [0], [100], "flat")).toBe(0);
    expect(tierPayout(1, [0], [100], "flat")).toBe(100);
    expect(tierPayout(50, [100, 200], [1, 2], "cliff")).toBe(0);
    expect(tierPayout(150, [100, 200], [1, 2], "marginal")).toBe(50);
  });
  test("fractional volume", () => {
    expect(tierPayout(120.5, T, R)).toBeCloseTo(15, 12);
  });
});

describe("normalizeTiers", () => {
  test("keeps a valid table as is", () => {
    expect(normalizeTiers(T, R)).toEqual({ thresholds: T, rates: R });
  });
  test("drops trailing padding: empty cells, or (0, 0) pairs after the first position", () => {
    expect(normalizeTiers([0, 120, 160, 0, 0], [0, 30, 45, 0, 0])).toEqual({ thresholds: T, rates: R });
    expect(normalizeTiers([0, 120, 160, null], [0, 30, 45, null])).toEqual({ thresholds: T, rates: R });
    expect(normalizeTiers([0, 120, 160], [0, 30, 45, 0, 0])).toEqual({ thresholds: T, rates: R });
    expect(normalizeTiers([0, 120, 160, 0], [0, 30, 45])).toEqual({ thresholds: T, rates: R });
    expect(tierPayout(170, [0, 120, 160, 0, 0], [0, 30, 45, 0, 0])).toBe(1650);
  });
  test("the first position is a real tier even when it is (0, 0)", () => {
    expect(normalizeTiers([0, 0, 0], [0, 0, 0])).toEqual({ thresholds: [0], rates: [0] });
  });
  test("counts that differ are #VALUE!", () => {
    expectError(() => normalizeTiers([0, 120, 160], [0, 30]), "value", "thresholds has 3 values but rates has 2");
    expectError(() => normalizeTiers([0, 120], [0, 30, 45]), "value", "thresholds has 2 values but rates has 3");
    expectError(() => normalizeTiers([0, 120, 160], [0, 30, 45, 50]), "value", "thresholds has 3 values but rates has 4");
  });
  test("thresholds not strictly ascending are #VALUE!", () => {
    expectError(() => normalizeTiers([0, 160, 120], R), "value", "thresholds must go strictly up, e.g. {0,120,160}: position 3 (120) is not above position 2 (160)");
    expectError(() => normalizeTiers([0, 120, 120], R), "value", "position 3 (120) is not above position 2 (120)");
    // a (0, rate) pair at the end is a real, out-of-order tier, not padding
    expectError(() => normalizeTiers([0, 120, 160, 0], [0, 30, 45, 50]), "value", "thresholds must go strictly up");
  });
  test("empty cells inside the table are #VALUE!", () => {
    expectError(() => normalizeTiers([0, null, 160], R), "value", "thresholds has an empty cell at position 2");
    expectError(() => normalizeTiers(T, [0, null, 45]), "value", "rates has an empty cell at position 2");
    expectError(() => normalizeTiers([], []), "value", "thresholds and rates are empty");
    expectError(() => normalizeTiers([null], [null]), "value", "thresholds and rates are empty");
  });
  test("negative thresholds or rates are #NUM!", () => {
    expectError(() => normalizeTiers([-10, 120], [0, 30]), "num", "thresholds (position 1) must be 0 or more");
    expectError(() => normalizeTiers([0, 120], [0, -30]), "num", "rates (position 2) must be 0 or more");
  });
});

describe("tierPayout errors", () => {
  test("negative volume is #NUM!", () => {
    expectError(() => tierPayout(-1, T, R), "num", "volume must be 0 or more");
  });
  test("bad tables are #VALUE! through tierPayout too", () => {
    expectError(() => tierPayout(170, [0, 160, 120], R), "value", "strictly up");
  });
  test("an unknown method is #VALUE!", () => {
    expectError(() => tierPayout(170, T, R, "tax" as never), "value", 'method "tax" is not a tier method');
  });
  test("an overflowing payout is #NUM!, never Infinity", () => {
    expectError(() => tierPayout(1e300, [0], [1e300], "cliff"), "num", "TIER_PAYOUT is too large");
  });
});

describe("parseTierMethod", () => {
  test("case-insensitive, blank = marginal", () => {
    expect(parseTierMethod("CLIFF")).toBe("cliff");
    expect(parseTierMethod(" Flat ")).toBe("flat");
    expect(parseTierMethod("marginal")).toBe("marginal");
    expect(parseTierMethod("")).toBe("marginal");
    expect(parseTierMethod("  ")).toBe("marginal");
    expect(parseTierMethod(null)).toBe("marginal");
    expect(parseTierMethod(undefined)).toBe("marginal");
    expect([...TIER_METHODS].sort()).toEqual(["cliff", "flat", "marginal"]);
  });
  test("anything else is #VALUE! listing the choices", () => {
    expectError(() => parseTierMethod("tax brackets"), "value", 'method "tax brackets" is not a tier method: type "marginal", "cliff" or "flat"');
  });
});

describe("nextTierGap", () => {
  test("(smallest threshold ≥ volume) − volume", () => {
    expect(nextTierGap(130, T)).toBe(30);
    expect(nextTierGap(100, T)).toBe(20);
    expect(nextTierGap(120, T)).toBe(0);
    expect(nextTierGap(160, T)).toBe(0);
    expect(nextTierGap(0, T)).toBe(0);
    expect(nextTierGap(4200, [0, 5000])).toBe(800);
  });
  test("#N/A above the top threshold", () => {
    expectError(() => nextTierGap(161, T), "na", "already above the top threshold");
    expectError(() => nextTierGap(161, [0, 120, 160, 0, 0]), "na", "already above the top threshold");
  });
  test("errors", () => {
    expectError(() => nextTierGap(-1, T), "num", "volume must be 0 or more");
    expectError(() => nextTierGap(10, [0, 160, 120]), "value", "strictly up");
    expectError(() => nextTierGap(10, []), "value", "thresholds is empty");
  });
  test("normalizeThresholds drops trailing empty or 0 cells after the first", () => {
    expect(normalizeThresholds([0, 120, 160, 0, null])).toEqual(T);
    expect(normalizeThresholds([0])).toEqual([0]);
  });
});
