import fc from "fast-check";
import type { Offer, OfferTiers, Scenario, TierMethod } from "../../src/core/inputs/types";
import { buildOfferComparison, type OfferComparisonInput } from "../../src/sheets/offer-comparison";
import { isFormula } from "../../src/sheets/plan";
import { a1 } from "../../src/sheets/a1";
const NAMES = ["=1+1", "+SUM(A1:A3)", "-5", "@home", 'the "big" one', "<100", "*?~", "Clinic A", "Clinic a b", "it's"];
const METHODS: TierMethod[] = ["marginal", "cliff", "flat"];
const money = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);
const fraction = fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000);

const offerArb = (name: string, forced: Partial<Offer>): fc.Arbitrary<Offer> =>
  fc
    .record({
      baseSalary: fc.oneof(fc.constant(0), money(300000)),
      hourlyRate: fc.oneof(fc.constant(0), money(200)),
      payPerUnit: money(150),
      unit: fc.constantFrom<"visit" | "wrvu">("visit", "wrvu"),
      unitsPerHour: fc.integer({ min: 0, max: 600 }).map((x) => x / 100),
      paidHoursPerWeek: fc.integer({ min: 1, max: 60 }),
      weeksPerYear: fc.integer({ min: 30, max: 52 }),
      unpaidHoursPerWeek: fc.integer({ min: 0, max: 200 }).map((x) => x / 10),
      noShowRate: fraction,
      paidNoShowShare: fraction,
      combine: fc.constantFrom<"plus" | "greater_of">("plus", "greater_of"),
      advertisedAnnual: fc.option(money(500000), { nil: null }),
    })
    .map((o) => ({ row: 2, offer: name, ...o, ...forced }));

const tiersArb = (method: TierMethod): fc.Arbitrary<OfferTiers> =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 12000 }), { minLength: 1, maxLength: 4 })
    .chain((ts) =>
      fc.array(money(method === "flat" ? 50000 : 120), { minLength: ts.length, maxLength: ts.length }).map((rates) => ({
        method,
        thresholds: [...ts].sort((a, b) => a - b),
        rates,
      }))
    );

const scenarioArb = (name: string): fc.Arbitrary<Scenario> =>
  fc.record({
    scenario: fc.constant(name),
    volumeFactor: fc.integer({ min: 0, max: 200 }).map((x) => x / 100),
    months: fc.integer({ min: 0, max: 12 }),
    noShowAdd: fc.integer({ min: -100, max: 100 }).map((x) => x / 100),
    unpaidFactor: fc.integer({ min: 0, max: 300 }).map((x) => x / 100),
    wrvuFactor: fc.integer({ min: 50, max: 150 }).map((x) => x / 100),
  });

const inputArb: fc.Arbitrary<OfferComparisonInput> = fc
  .record({
    extraOffers: fc.integer({ min: 0, max: 3 }),
    extraScenarios: fc.integer({ min: 0, max: 3 }),
    shift: fc.nat({ max: NAMES.length - 1 }),
  })
  .chain(({ extraOffers, extraScenarios, shift }) => {
    const name = (k: number) => NAMES[(k + shift) % NAMES.length] + (k >= NAMES.length ? ` ${k}` : "");
    const n = 4 + extraOffers;
    // Offers 0–2 have tiers of each method (2 is greater_of), offer 3 has none.
    const offers = Array.from({ length: n }, (_, k) => offerArb(name(k), k === 2 || k === 3 ? { combine: "greater_of" } : {}));
    const tiers = Array.from({ length: n }, (_, k) =>
      k < 3 ? tiersArb(METHODS[k]) : k === 3 ? fc.constant(null) : fc.option(fc.constantFrom(...METHODS).chain(tiersArb), { nil: null })
    );
    const scenarios = [
      scenarioArb("Expected").map((s) => ({ ...s, volumeFactor: 1, months: 12, noShowAdd: 0, unpaidFactor: 1, wrvuFactor: 1 })),
      scenarioArb("No-shows way up").map((s) => ({ ...s, noShowAdd: 0.9 })),
      scenarioArb("No-shows gone").map((s) => ({ ...s, noShowAdd: -1 })),
      ...Array.from({ length: extraScenarios }, (_, j) => scenarioArb(`${NAMES[(j + 3) % NAMES.length]} s${j}`)),
    ];
    return fc.record({ offers: fc.tuple(...offers), tiers: fc.tuple(...tiers), scenarios: fc.tuple(...scenarios) });
  })
  .map(({ offers, tiers, scenarios }) => ({
    offers,
    tiers: new Map(offers.flatMap((o, k) => (tiers[k] ? [[o.offer, tiers[k]!] as [string, OfferTiers]] : []))),
    scenarios,
    source: "generated",
    builtAt: new Date("2026-01-15T00:00:00Z"),
  }));


test("dbg", () => {
  const input = fc.sample(inputArb, { numRuns: 6, seed: 20260115 })[5];
  const { plan } = buildOfferComparison(input);
  for (const b of plan.blocks) b.cells.forEach((row, r) => row.forEach((c, k) => { const addr = a1(b.row + r, b.col + k); if (["F88","A88","F87","F86"].includes(addr) || (b.row+r===87)) console.log(addr, JSON.stringify(c)); }));
  console.log(JSON.stringify(input.offers.map(o=>[o.offer,o.combine,o.payPerUnit,o.unitsPerHour])), JSON.stringify([...input.tiers]));
});
