/** RATE_CHANGE_PVALUE (SPEC §1) and the normal tail under it, against values worked elsewhere. */
import { erfc, rateChangePvalue } from "../../../src/core/stats";
import { expectError } from "../../helpers/expect-error";


// erfc(z / √2) = two-sided normal tail; reference values from Python's math.erfc (C libm).
const TAILS: [number, number][] = [
  [0.5, 0.6170750774519738],
  [1, 0.31731050786291415],
  [1.96, 0.04999579029644087],
  [2.5, 0.012419330651552278],
  [3, 0.0026997960632601913],
  [5, 5.733031437583892e-7],
  [8, 1.2441921148543639e-15],
];

test.each(TAILS)("two-sided tail at z = %p to 1e-12 relative", (z, expected) => {
  expect(Math.abs(erfc(z / Math.SQRT2) - expected) / expected).toBeLessThan(1e-12);
});

test.each([
  [0.1, 0.8875370839817152],
  [1.99, 0.004888586800383003],
  [2.0, 0.004677734981047265],
  [2.01, 0.004475150644751763],
])("erfc(%p) on both sides of where the series hands over to the continued fraction", (x, expected) => {
  expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-12);
});

test("erfc at 0 and below it", () => {
  expect(erfc(0)).toBe(1);
  expect(erfc(-1) + erfc(1)).toBeCloseTo(2, 15);
});

describe("RATE_CHANGE_PVALUE", () => {
  test("28 of 100 before, 19 of 100 after: p = 0.1334 (by hand: pooled 0.235, z = 0.09 / √(0.235 × 0.765 × 0.02) = 1.501)", () => {
    const p = 47 / 200;
    const z = (0.28 - 0.19) / Math.sqrt(p * (1 - p) * (2 / 100));
    expect(z).toBeCloseTo(1.50095, 4);
    expect(rateChangePvalue(28, 100, 19, 100)).toBeCloseTo(0.13337150016755767, 12);
  });
  test("a big change on big counts is tiny; the order of before and after does not matter", () => {
    expect(rateChangePvalue(300, 1000, 200, 1000)).toBeCloseTo(2.417563881119042e-7, 18);
    expect(rateChangePvalue(19, 100, 28, 100)).toBe(rateChangePvalue(28, 100, 19, 100));
  });
  test("nothing varies (no events, or all events): 1", () => {
    expect(rateChangePvalue(0, 50, 0, 60)).toBe(1);
    expect(rateChangePvalue(50, 50, 60, 60)).toBe(1);
  });
  test("the same rate on both sides: 1", () => {
    expect(rateChangePvalue(10, 100, 20, 200)).toBeCloseTo(1, 12);
  });
  test("errors: events above their total or negative #NUM!, a total of 0 #DIV/0!", () => {
    expectError(() => rateChangePvalue(101, 100, 19, 100), "num", "events_before (101) cannot be more than total_before (100)");
    expectError(() => rateChangePvalue(28, 100, -1, 100), "num", "events_after must be 0 or more");
    expectError(() => rateChangePvalue(0, 0, 19, 100), "div0", "a total is 0");
  });
});
