/** Offer Comparison math against numbers worked by hand from SPEC §2. */
import type { Offer, OfferTiers, Scenario } from "../../../src/core/inputs/types";
import { DEFAULT_SCENARIOS, MORE_TERMS_DEFAULTS } from "../../../src/core/inputs/offers";
import {
  annualPay,
  annualUnits,
  applyScenario,
  compareOffers,
  effectiveHourly,
  guarantee,
  offerYear,
  production,
} from "../../../src/core/offers";

const offer = (o: Partial<Offer> & { offer: string }): Offer => ({
  row: 2,
  baseSalary: 0,
  hourlyRate: 0,
  payPerUnit: 0,
  unit: "visit",
  unitsPerHour: 3,
  paidHoursPerWeek: 32,
  weeksPerYear: 48,
  unpaidHoursPerWeek: 0,
  noShowRate: 0,
  paidNoShowShare: 0,
  combine: "plus",
  advertisedAnnual: null,
  ...MORE_TERMS_DEFAULTS,
  ...o,
});

const scenario = (s: Partial<Scenario> & { scenario: string }): Scenario => ({
  volumeFactor: 1,
  months: 12,
  noShowAdd: 0,
  unpaidFactor: 1,
  wrvuFactor: 1,
  ...s,
});

const EXPECTED = scenario({ scenario: "Expected" });
const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 6);

describe("one offer, worked by hand", () => {
  // $95 a visit, 2.5 booked visits an hour, 32 paid + 8 unpaid hours, 46 weeks, 18% no-shows.
  const perVisit = offer({
    offer: "Telehealth per-visit",
    payPerUnit: 95,
    unitsPerHour: 2.5,
    paidHoursPerWeek: 32,
    weeksPerYear: 46,
    unpaidHoursPerWeek: 8,
    noShowRate: 0.18,
    advertisedAnnual: 320000,
  });

  test("annual units are booked units less unpaid no-shows", () => {
    close(annualUnits(perVisit), 2.5 * 32 * 46 * 0.82); // 3,017.6
    close(annualUnits({ ...perVisit, paidNoShowShare: 0.5 }), 3680 * (1 - 0.18 * 0.5));
  });

  test("pay and effective hourly count every hour worked, paid or not", () => {
    close(annualPay(perVisit), 286672);
    close(effectiveHourly(perVisit), 286672 / ((32 + 8) * 46)); // 155.80
    close(effectiveHourly(perVisit), 155.8);
  });

  test("guarantee is base plus hourly rate on paid hours", () => {
    close(guarantee(offer({ offer: "g", baseSalary: 100000, hourlyRate: 50, paidHoursPerWeek: 30, weeksPerYear: 40 })), 160000);
  });
});

describe("tiers (SPEC §1 example: thresholds 0,120,160; rates 0,30,45; 170 units)", () => {
  const at170 = offer({ offer: "t", unitsPerHour: 170, paidHoursPerWeek: 1, weeksPerYear: 1, payPerUnit: 999 });
  const tiers = (method: OfferTiers["method"]): OfferTiers => ({ method, thresholds: [0, 120, 160], rates: [0, 30, 45] });

  test.each([
    ["marginal", 1650],
    ["cliff", 7650],
    ["flat", 45],
  ] as const)("%s pays %d, and the tiers replace pay_per_unit", (method, expected) => {
    close(production(at170, 170, tiers(method)), expected);
    close(annualPay({ ...at170, baseSalary: 1000 }, tiers(method)), 1000 + expected);
  });

  test("no tiers: pay_per_unit × units", () => {
    close(production(at170, 170), 999 * 170);
  });

  test("a wRVU hybrid: $150k base + marginal tiers", () => {
    const hybrid = offer({
      offer: "Hybrid",
      baseSalary: 150000,
      unit: "wrvu",
      unitsPerHour: 3,
      paidHoursPerWeek: 36,
      weeksPerYear: 47,
      unpaidHoursPerWeek: 10,
      noShowRate: 0.12,
    });
    const t: OfferTiers = { method: "marginal", thresholds: [0, 2500, 4000], rates: [0, 45, 55] };
    const y = offerYear(hybrid, t);
    close(y.annualUnits, 4466.88);
    close(y.production, 45 * 1500 + 55 * 466.88); // 93,178.40
    close(y.annualPay, 243178.4);
    close(y.effectiveHourly, 243178.4 / (46 * 47));
    // Downcoding: wRVUs −5% before the tiers.
    const down = offerYear(applyScenario(hybrid, DEFAULT_SCENARIOS[4]), t);
    close(down.annualUnits, 4466.88 * 0.95);
    close(down.production, 45 * 1500 + 55 * (4466.88 * 0.95 - 4000));
  });
});

describe("greater_of", () => {
  // $105/h floor or $42 a visit, whichever is more.
  const floor = offer({
    offer: "Hourly floor",
    hourlyRate: 105,
    payPerUnit: 42,
    unitsPerHour: 2.8,
    paidHoursPerWeek: 40,
    weeksPerYear: 48,
    noShowRate: 0.15,
    paidNoShowShare: 0.5,
    combine: "greater_of",
  });

  test("production wins when it is larger", () => {
    const y = offerYear(floor);
    close(y.guarantee, 201600);
    close(y.annualUnits, 2.8 * 1920 * 0.925);
    close(y.annualPay, 42 * 4972.8); // 208,857.60, not 201,600 + 208,857.60
  });

  test("the floor holds when volume drops", () => {
    const bad = applyScenario(floor, scenario({ scenario: "bad", volumeFactor: 0.8, months: 3 }));
    close(bad.unitsPerHour, 2.8 * 0.95);
    close(offerYear(bad).production, 42 * 2.66 * 1920 * 0.925);
    close(annualPay(bad), 201600);
  });
});

describe("scenario rules", () => {
  const base = offer({ offer: "o", unitsPerHour: 4, noShowRate: 0.2, unpaidHoursPerWeek: 5 });

  test("volume change lasts its months only", () => {
    close(applyScenario(base, scenario({ scenario: "s", volumeFactor: 0.8, months: 3 })).unitsPerHour, 4 * 0.95);
    close(applyScenario(base, scenario({ scenario: "s", volumeFactor: 1.5, months: 6 })).unitsPerHour, 4 * 1.25);
    close(applyScenario(base, scenario({ scenario: "s", volumeFactor: 0, months: 0 })).unitsPerHour, 4);
  });

  test("no-show rate adds, capped at 1 and floored at 0", () => {
    close(applyScenario(base, scenario({ scenario: "s", noShowAdd: 0.1 })).noShowRate, 0.3);
    expect(applyScenario(base, scenario({ scenario: "s", noShowAdd: 0.95 })).noShowRate).toBe(1);
    expect(annualUnits(applyScenario(base, scenario({ scenario: "s", noShowAdd: 0.95 })))).toBe(0);
    expect(applyScenario(base, scenario({ scenario: "s", noShowAdd: -0.5 })).noShowRate).toBe(0);
  });

  test("unpaid hours scale by unpaid_factor", () => {
    expect(applyScenario(base, scenario({ scenario: "s", unpaidFactor: 2 })).unpaidHoursPerWeek).toBe(10);
  });

  test("wrvu_factor touches wRVU-paid offers only", () => {
    const down = scenario({ scenario: "s", wrvuFactor: 0.95 });
    expect(applyScenario(base, down).unitsPerHour).toBe(4);
    close(applyScenario({ ...base, unit: "wrvu" }, down).unitsPerHour, 3.8);
  });

  test("the input offer is not changed", () => {
    const copy = { ...base };
    applyScenario(base, scenario({ scenario: "s", volumeFactor: 0.5, noShowAdd: 0.5, unpaidFactor: 3 }));
    expect(base).toEqual(copy);
  });
});

describe("compareOffers", () => {
  const a = offer({ offer: "A", payPerUnit: 100, unpaidHoursPerWeek: 2, advertisedAnnual: 500000 });
  const b = offer({ offer: "B", baseSalary: 300000 });
  const c = offer({ offer: "C", payPerUnit: 100, unpaidHoursPerWeek: 2 }); // same pay per hour as A
  const scenarios = DEFAULT_SCENARIOS.map((s) => ({ ...s }));

  test("rows are offer-major, with gap = advertised − annual pay", () => {
    const { rows } = compareOffers([a, b], new Map(), scenarios);
    expect(rows.map((r) => `${r.offer}|${r.scenario}`)).toEqual(
      ["A", "B"].flatMap((o) => scenarios.map((s) => `${o}|${s.scenario}`))
    );
    const first = rows[0];
    close(first.annualPay, 100 * 3 * 32 * 48); // 460,800
    close(first.gapToAdvertised!, 500000 - 460800);
    expect(first.advertised).toBe(500000);
    expect(rows[5].advertised).toBeNull();
    expect(rows[5].gapToAdvertised).toBeNull();
  });

  test("ranks by the first scenario; ties share a rank like RANK", () => {
    const { summary, best } = compareOffers([b, a, c], new Map(), scenarios);
    // A, C: 460,800 / (34 × 48) = 282.35; B: 300,000 / (32 × 48) = 195.31
    expect(summary.map((s) => s.expectedRank)).toEqual([3, 1, 1]);
    expect(best).toEqual({ offer: "A", effectiveHourly: summary[1].expectedEffectiveHourly });
  });

  test("worst scenario is the lowest effective hourly, the first on a tie", () => {
    const { summary } = compareOffers([a, b], new Map(), scenarios);
    // A: no-shows +10 points: 460,800 × 0.9 / 1,632 = 254.12, below inbox doubles (266.67) and
    // volume −20% for 3 months (268.24).
    close(summary[0].worstEffectiveHourly, 414720 / 1632);
    expect(summary[0].worstScenario).toBe("No-shows +10 points");
    // B is salaried with no unpaid time: every scenario is equal, so the first (Expected).
    expect(summary[1].worstScenario).toBe("Expected");
  });

  test("tiers are looked up by the offer's name", () => {
    const t: OfferTiers = { method: "flat", thresholds: [0], rates: [5000] };
    const { rows } = compareOffers([a, b], new Map([["B", t]]), [EXPECTED]);
    close(rows[0].production, 46080 * 10);
    close(rows[1].production, 5000);
    close(rows[1].annualPay, 305000);
  });
});
