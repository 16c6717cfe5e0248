/** EFFECTIVE_CF and BENCHMARK_PERCENTILE (SPEC §1): worked examples, the anchors, monotony, every error rule. */
import fc from "fast-check";
import { effectiveCf } from "../../../src/core/pay";
import { benchmarkPercentile } from "../../../src/core/percentile";
import { expectError } from "../../helpers/expect-error";


const SURVEY = [4300, 5200, 6300, 7600] as const;
const pct = (v: number, s: readonly number[] = SURVEY) => benchmarkPercentile(v, s[0], s[1], s[2], s[3]);

describe("EFFECTIVE_CF", () => {
  test("total compensation over wRVUs", () => {
    expect(effectiveCf(300000, 5000)).toBe(60);
    expect(effectiveCf(0, 4000)).toBe(0);
  });
  test("0 wRVUs is #DIV/0!, a negative input #NUM!", () => {
    expectError(() => effectiveCf(300000, 0), "div0", "wrvus is 0");
    expectError(() => effectiveCf(-1, 5000), "num", "total_compensation must be 0 or more");
    expectError(() => effectiveCf(300000, -5), "num", "wrvus must be 0 or more");
  });
});

describe("BENCHMARK_PERCENTILE", () => {
  test("each published point gives exactly its percentile", () => {
    expect(SURVEY.map((v) => pct(v))).toEqual([25, 50, 75, 90]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 4, maxLength: 4 }), (xs) => {
        const s = [...new Set(xs)].sort((a, b) => a - b);
        fc.pre(s.length === 4);
        expect(s.map((v) => pct(v, s))).toEqual([25, 50, 75, 90]);
      })
    );
  });

  test("linear between the points, worked by hand", () => {
    expect(pct(4750)).toBe(37.5); // half way 4300 → 5200
    expect(pct(5750)).toBe(62.5); // half way 5200 → 6300
    expect(pct(6950)).toBe(82.5); // half way 6300 → 7600
  });

  test("past the ends the nearest slope continues, clamped to 1..99", () => {
    expect(pct(3400)).toBe(0 + 1); // 25 − 900/900 × 25 = 0, clamped to 1
    expect(pct(3850)).toBeCloseTo(12.5, 12); // 25 − 450/900 × 25
    expect(pct(8250)).toBeCloseTo(97.5, 12); // 90 + 650/1300 × 15
    expect(pct(20000)).toBe(99);
    expect(pct(-1e9)).toBe(1);
  });

  test("monotone in value for any ascending survey", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 4, maxLength: 4 }),
        fc.double({ min: 0, max: 30000, noNaN: true }),
        fc.double({ min: 0, max: 30000, noNaN: true }),
        (gaps, a, b) => {
          const s = gaps.reduce<number[]>((acc, g) => [...acc, (acc[acc.length - 1] ?? 0) + g], []);
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(pct(lo, s)).toBeLessThanOrEqual(pct(hi, s));
        }
      )
    );
  });

  test("points not strictly ascending are #VALUE!", () => {
    expectError(() => benchmarkPercentile(5000, 4300, 4300, 6300, 7600), "value", "p25 (4300) must be below p50 (4300)");
    expectError(() => benchmarkPercentile(5000, 7600, 6300, 5200, 4300), "value", "must rise");
  });
});
