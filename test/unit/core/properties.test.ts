/**
 * Properties the SPEC formulas imply, checked over generated inputs (fast-check).
 */
import fc from "fast-check";
import { ClinPayError } from "../../../src/core/errors";
import { annualize, breakevenVolume, effectiveHourly, noshowAdjust, paceNeeded, rebase } from "../../../src/core/pay";
import { nextTierGap, tierPayout } from "../../../src/core/tiers";
import { periodDays, ymdToSerial } from "../../../src/core/dates";
import { downcodeImpact, lookupWrvu, medicarePayment } from "../../../src/core/wrvu";
import { patientNoshowRate } from "../../../src/core/noshow";
import { bundledFees } from "../../../src/core/data/bundled-fees";

const fees = bundledFees();

const rate = fc.double({ min: 0, max: 1, noNaN: true });
const money = fc.double({ min: 0, max: 1e6, noNaN: true });
const hours = fc.double({ min: 0, max: 2000, noNaN: true });
const positiveHours = fc.double({ min: 0.01, max: 2000, noNaN: true });
const units = fc.double({ min: 0, max: 50, noNaN: true });

/** Ascending thresholds from 0 up and matching rates; `ascendingRates` sorts the rates too. */
const tiers = (ascendingRates: boolean) =>
  fc
    .array(fc.tuple(fc.double({ min: 1, max: 1000, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true })), {
      minLength: 1,
      maxLength: 6,
    })
    .map((steps) => {
      const thresholds: number[] = [];
      let t = 0;
      for (const [gap] of steps) {
        thresholds.push(t);
        t += gap;
      }
      const rates = steps.map(([, r]) => r);
      if (ascendingRates) rates.sort((a, b) => a - b);
      return { thresholds, rates };
    });

describe("EFFECTIVE_HOURLY", () => {
  test("does not rise as no_show_rate rises", () => {
    fc.assert(
      fc.property(units, money, positiveHours, hours, rate, rate, rate, money, (u, ppu, paid, unpaid, r1, r2, share, fixed) => {
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        expect(effectiveHourly(u, ppu, paid, unpaid, hi, share, fixed)).toBeLessThanOrEqual(effectiveHourly(u, ppu, paid, unpaid, lo, share, fixed));
      })
    );
  });
  test("does not rise as unpaid_hours rise", () => {
    fc.assert(
      fc.property(units, money, positiveHours, hours, hours, rate, rate, money, (u, ppu, paid, h1, h2, r, share, fixed) => {
        const [lo, hi] = h1 <= h2 ? [h1, h2] : [h2, h1];
        expect(effectiveHourly(u, ppu, paid, hi, r, share, fixed)).toBeLessThanOrEqual(effectiveHourly(u, ppu, paid, lo, r, share, fixed));
      })
    );
  });
});

describe("BREAKEVEN_VOLUME inverts EFFECTIVE_HOURLY", () => {
  // Pay per unit and attendance kept away from 0, where no volume reaches a target (#DIV/0!).
  const ppu = fc.double({ min: 0.01, max: 1e4, noNaN: true });
  const noShow = fc.double({ min: 0, max: 0.95, noNaN: true });
  // Subnormal targets and volumes (5e-324) carry no relative precision to round-trip.
  const target = fc.double({ min: 0.01, max: 1e6, noNaN: true });
  const volume = fc.double({ min: 0.001, max: 50, noNaN: true });

  test("EFFECTIVE_HOURLY at the breakeven volume is the target (when fixed pay alone falls short)", () => {
    fc.assert(
      fc.property(target, ppu, positiveHours, hours, noShow, rate, money, (t, p, paid, unpaid, r, share, fixed) => {
        fc.pre(t * (paid + unpaid) > fixed);
        const u = breakevenVolume(t, p, paid, unpaid, r, share, fixed);
        const back = effectiveHourly(u, p, paid, unpaid, r, share, fixed);
        expect(Math.abs(back - t)).toBeLessThanOrEqual(1e-9 * t);
      })
    );
  });
  test("the breakeven volume of EFFECTIVE_HOURLY(u) is u", () => {
    fc.assert(
      fc.property(volume, ppu, positiveHours, hours, noShow, rate, money, (u, p, paid, unpaid, r, share, fixed) => {
        const target = effectiveHourly(u, p, paid, unpaid, r, share, fixed);
        const back = breakevenVolume(target, p, paid, unpaid, r, share, fixed);
        // Fixed pay is subtracted back out, so precision is relative to the units it is worth too.
        const perUnit = paid * (1 - r * (1 - share)) * p;
        expect(Math.abs(back - u)).toBeLessThanOrEqual(1e-9 * (u + fixed / perUnit));
      })
    );
  });
  test("0 whenever fixed pay alone reaches the target", () => {
    fc.assert(
      fc.property(money, money, positiveHours, hours, rate, rate, money, (target, p, paid, unpaid, r, share, fixed) => {
        fc.pre(target * (paid + unpaid) <= fixed);
        expect(breakevenVolume(target, p, paid, unpaid, r, share, fixed)).toBe(0);
      })
    );
  });
});

describe("TIER_PAYOUT", () => {
  const volume = fc.double({ min: 0, max: 5000, noNaN: true });
  const step = fc.double({ min: 0, max: 10, noNaN: true });

  test("marginal is continuous: a step of h changes pay by at most max rate × h", () => {
    fc.assert(
      fc.property(tiers(false), volume, step, ({ thresholds, rates }, v, h) => {
        const change = Math.abs(tierPayout(v + h, thresholds, rates, "marginal") - tierPayout(v, thresholds, rates, "marginal"));
        const bound = Math.max(...rates) * h;
        expect(change).toBeLessThanOrEqual(bound + 1e-9 * (1 + tierPayout(v + h, thresholds, rates, "marginal")));
      })
    );
  });
  test("marginal never pays more than cliff when rates ascend", () => {
    fc.assert(
      fc.property(tiers(true), volume, ({ thresholds, rates }, v) => {
        const cliff = tierPayout(v, thresholds, rates, "cliff");
        expect(tierPayout(v, thresholds, rates, "marginal")).toBeLessThanOrEqual(cliff + 1e-9 * (1 + cliff));
      })
    );
  });
  test("marginal with one rate everywhere is rate × volume above the first threshold", () => {
    fc.assert(
      fc.property(tiers(false), volume, fc.double({ min: 0, max: 200, noNaN: true }), ({ thresholds }, v, r) => {
        const rates = thresholds.map(() => r);
        expect(tierPayout(v, thresholds, rates, "marginal")).toBeCloseTo(r * Math.max(0, v - thresholds[0]), 6);
      })
    );
  });
});

describe("NOSHOW_ADJUST", () => {
  test("is the identity when every no-show is paid", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), rate, (v, r) => {
        expect(noshowAdjust(v, r, 1) === v).toBe(true);
      })
    );
  });
});

describe("ANNUALIZE", () => {
  test("on the last day of the period returns the input", () => {
    const start = fc.integer({ min: ymdToSerial(1901, 1, 1), max: ymdToSerial(9000, 1, 1) });
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), start, (ytd, s) => {
        const last = s + periodDays(s) - 1;
        expect(Math.abs(annualize(ytd, last, s) - ytd)).toBeLessThanOrEqual(1e-12 * Math.abs(ytd));
      })
    );
  });
});

describe("no function returns NaN or ±Infinity for finite inputs", () => {
  const anyFinite = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.double({ min: -2, max: 2, noNaN: true }),
    fc.integer({ min: -10, max: 3_000_000 }),
    fc.constantFrom(0, 1, -0, 45658, 1e308, -1e308, 5e-324)
  );
  const finiteOrError = (f: () => number) => {
    let r: number;
    try {
      r = f();
    } catch (e) {
      expect(e).toBeInstanceOf(ClinPayError);
      return;
    }
    expect(Number.isFinite(r)).toBe(true);
  };
  const codes = fc.oneof(fc.constantFrom("99213", "99214", "99202", "G2211", "90837", "71046-26", "0509T-TC", "98000", "99214-95"), anyFinite);
  const arr = fc.array(anyFinite, { maxLength: 5 });

  test("every function", () => {
    fc.assert(
      fc.property(fc.array(anyFinite, { minLength: 7, maxLength: 7 }), arr, arr, codes, codes, (a, t, r, c1, c2) => {
        finiteOrError(() => effectiveHourly(a[0], a[1], a[2], a[3], a[4], a[5], a[6]));
        finiteOrError(() => breakevenVolume(a[0], a[1], a[2], a[3], a[4], a[5], a[6]));
        finiteOrError(() => noshowAdjust(a[0], a[1], a[2]));
        for (const m of ["marginal", "cliff", "flat"] as const) finiteOrError(() => tierPayout(a[0], t, r, m));
        finiteOrError(() => nextTierGap(a[0], t));
        finiteOrError(() => annualize(a[0], a[1], a[2]));
        finiteOrError(() => paceNeeded(a[0], a[1], a[2], a[3], a[4]));
        finiteOrError(() => rebase(a[0], a[1]));
        finiteOrError(() => lookupWrvu(fees, c1, a[0]));
        finiteOrError(() => lookupWrvu(fees, c1));
        finiteOrError(() => downcodeImpact(fees, a[0], c1, c2, a[1]));
        finiteOrError(() => downcodeImpact(fees, a[0], c1, c2));
        finiteOrError(() => medicarePayment(fees, c1, null, a[0]));
        finiteOrError(() => patientNoshowRate(a[0], a[1], a[2]));
      }),
      { numRuns: 3000 }
    );
  });
});
