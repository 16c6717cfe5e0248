/**
 * Offer Comparison, more (SPEC §3) in the core: the least units_per_hour that matches another
 * offer's effective hourly (property: at it, the offer's effective hourly equals the target; or
 * the guarantee already reaches it; or a cliff or flat tier jumps past it just above), the
 * default compared offer, the levels and the pay curve.
 */
import fc from "fast-check";
import type { Offer, OfferTiers, Scenario, TierMethod } from "../../../src/core/inputs/types";
import { DEFAULT_SCENARIOS, MORE_TERMS_DEFAULTS } from "../../../src/core/inputs/offers";
import { DEFAULT_LEVELS, VOLUME_SHARES, defaultCompareAgainst, effectiveHourlyAtLevel, unitsPerHourToMatch } from "../../../src/core/offer-levels";
import { effectiveHourly, applyScenario } from "../../../src/core/offers";

const money = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);
const offerArb: fc.Arbitrary<Offer> = fc.record({
  row: fc.constant(2),
  offer: fc.constant("o"),
  baseSalary: fc.oneof(fc.constant(0), money(300000)),
  hourlyRate: fc.oneof(fc.constant(0), money(200)),
  payPerUnit: fc.oneof(fc.constant(0), money(150)),
  unit: fc.constantFrom<"visit" | "wrvu">("visit", "wrvu"),
  unitsPerHour: fc.integer({ min: 0, max: 600 }).map((x) => x / 100),
  paidHoursPerWeek: fc.integer({ min: 1, max: 60 }),
  weeksPerYear: fc.integer({ min: 30, max: 52 }),
  unpaidHoursPerWeek: fc.integer({ min: 0, max: 200 }).map((x) => x / 10),
  noShowRate: fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
  paidNoShowShare: fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
  combine: fc.constantFrom<"plus" | "greater_of">("plus", "greater_of"),
  advertisedAnnual: fc.constant(null),
  // Call pay and the withhold move the pay to reach whatever the volume; the rest never enter it.
  callShiftsPerYear: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 })),
  callPayPerShift: fc.oneof(fc.constant(0), money(2500)),
  callHoursWorkedPerShift: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 }).map((x) => x / 10)),
  qualityWithhold: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 200 }).map((x) => x / 1000)),
  qualityEarned: fc.integer({ min: 0, max: 100 }).map((x) => x / 100),
  fte: fc.constant(MORE_TERMS_DEFAULTS.fte),
  signingBonus: fc.constant(0),
  relocation: fc.constant(0),
  loanRepayment: fc.constant(0),
  tailCoverage: fc.constant(0),
  commitmentYears: fc.constant(1),
  benefitsAnnual: fc.constant(0),
});
const tiersArb: fc.Arbitrary<OfferTiers | undefined> = fc.option(
  fc.constantFrom<TierMethod>("marginal", "cliff", "flat").chain((method) =>
    fc.uniqueArray(fc.integer({ min: 0, max: 12000 }), { minLength: 1, maxLength: 4 }).chain((ts) =>
      fc.array(money(method === "flat" ? 80000 : 120), { minLength: ts.length, maxLength: ts.length }).map((rates) => ({ method, thresholds: [...ts].sort((a, b) => a - b), rates }))
    )
  ),
  { nil: undefined }
);
const expected: Scenario = DEFAULT_SCENARIOS[0];

const at = (o: Offer, uph: number, t?: OfferTiers) => effectiveHourly(applyScenario({ ...o, unitsPerHour: uph }, expected), t);

test("at Units per hour to match the offer pays the target hourly, or its guarantee already does, or a tier jumps past it just above", () => {
  fc.assert(
    fc.property(offerArb, tiersArb, money(400), (o, t, target) => {
      const m = unitsPerHourToMatch(o, expected, target, t);
      if (m.how === "guarantee") return m.unitsPerHour === 0 && at(o, 0, t) >= target * (1 - 1e-12);
      if (m.how === "none") {
        // No volume: even 10,000× the expected units does not reach it.
        return m.unitsPerHour === null && at(o, 1e6, t) < target;
      }
      const u = m.unitsPerHour!;
      const eh = at(o, u, t);
      if (m.how === "volume") return Math.abs(eh - target) <= 1e-9 * Math.max(1, target) && at(o, u * (1 - 1e-6), t) < target;
      // A step: below it the pay falls short, just above it reaches the target (a step at 0 units: any volume at all).
      const above = u === 0 ? 1e-9 : u * (1 + 1e-9);
      return at(o, u * (1 - 1e-9), t) < target && at(o, above, t) >= target * (1 - 1e-9);
    }),
    { numRuns: 500 }
  );
});

test("an offer compared with itself needs its own units per hour (or its guarantee alone)", () => {
  fc.assert(
    fc.property(offerArb, tiersArb, (o, t) => {
      const target = effectiveHourly(applyScenario(o, expected), t);
      const m = unitsPerHourToMatch(o, expected, target, t);
      if (m.how === "guarantee" || m.how === "step") return true;
      return m.unitsPerHour !== null && m.unitsPerHour <= o.unitsPerHour * (1 + 1e-9);
    })
  );
});

test("the compared offer is the first whose name says current, else the first", () => {
  const o = (offer: string) => ({ offer }) as Offer;
  expect(defaultCompareAgainst([o("A"), o("My CURRENT job"), o("current 2")])).toBe("My CURRENT job");
  expect(defaultCompareAgainst([o("A"), o("B")])).toBe("A");
});

test("levels and volume shares are the SPEC's", () => {
  expect(DEFAULT_LEVELS.map((l) => [l.level, l.factor])).toEqual([["Bottom 25%", 0.72], ["Median", 1], ["Top 10%", 1.44], ["Marketing claim", 1.63]]);
  expect(VOLUME_SHARES[0]).toBe(0.5);
  expect(VOLUME_SHARES[VOLUME_SHARES.length - 1]).toBe(1.5);
  expect(VOLUME_SHARES).toHaveLength(11);
  // The median level is the expected scenario itself.
  const o = { row: 2, offer: "x", baseSalary: 1000, hourlyRate: 10, payPerUnit: 50, unit: "visit", unitsPerHour: 2, paidHoursPerWeek: 30, weeksPerYear: 40, unpaidHoursPerWeek: 5, noShowRate: 0.1, paidNoShowShare: 0, combine: "plus", advertisedAnnual: null, ...MORE_TERMS_DEFAULTS } as Offer;
  expect(effectiveHourlyAtLevel(o, expected, 1)).toBeCloseTo(effectiveHourly(applyScenario(o, expected)), 12);
});
