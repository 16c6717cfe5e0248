/**
 * SPEC §2 "More offer columns": call pay, the quality withhold, one-time money, benefits and FTE.
 * Every expected figure is worked by hand in the comments beside it.
 */
import fc from "fast-check";
import type { Offer } from "../../../src/core/inputs/types";
import { parseOffers } from "../../../src/core/inputs/offers";
import { parseCsv } from "../../../src/core/csv";
import { offerYear } from "../../../src/core/offers";
import { InputError } from "../../../src/core/table";

const csv = (text: string) => parseCsv(text, "offers.csv");
/** One offer from a header line and a values line (the columns the test is about, and the required ones). */
const one = (header: string, values: string): Offer => parseOffers(csv(`offer,units_per_hour,paid_hours_per_week,${header}\nA,2,40,${values}\n`))[0];

// The plain offer every case below starts from: $200,000 base, 40 paid and 5 unpaid hours a week, 48 weeks.
// Hours a year = (40 + 5) × 48 = 2,160; effective hourly = 200,000 ÷ 2,160 = 92.5926.
const BASE = "base_salary,unpaid_hours_per_week";
const BASE_VALUES = "200000,5";

describe("each new column on its own", () => {
  test("no new column: the figures of before", () => {
    const y = offerYear(one(BASE, BASE_VALUES));
    expect(y.annualPay).toBe(200000);
    expect(y.hoursPerYear).toBe(2160);
    expect(y.effectiveHourly).toBeCloseTo(200000 / 2160, 9);
    expect(y.totalCompensation).toBe(200000);
    expect(y.annualPayAtFullFte).toBe(200000);
  });

  test("call pay: 52 shifts × $1,200 adds $62,400; 6 worked hours a shift add 312 hours", () => {
    const y = offerYear(one(`${BASE},call_shifts_per_year,call_pay_per_shift,call_hours_worked_per_shift`, `${BASE_VALUES},52,1200,6`));
    expect(y.annualPay).toBe(262400);
    expect(y.hoursPerYear).toBe(2472);
    expect(y.effectiveHourly).toBeCloseTo(262400 / 2472, 9); // 106.1489
  });

  test("call hours with no call pay lower the hourly: 200,000 ÷ (2,160 + 52 × 6)", () => {
    const y = offerYear(one(`${BASE},call_shifts_per_year,call_hours_worked_per_shift`, `${BASE_VALUES},52,6`));
    expect(y.annualPay).toBe(200000);
    expect(y.effectiveHourly).toBeCloseTo(80.9061, 4);
  });

  test("a 5% withhold earned back at 80% costs 200,000 × 0.05 × 0.2 = $2,000", () => {
    expect(offerYear(one(`${BASE},quality_withhold,quality_earned`, `${BASE_VALUES},5%,0.8`)).annualPay).toBeCloseTo(198000, 9);
  });

  test("a withhold with quality_earned blank is all earned back (default 1)", () => {
    expect(offerYear(one(`${BASE},quality_withhold`, `${BASE_VALUES},0.05`)).annualPay).toBe(200000);
  });

  test("fte 0.8: Annual pay at 1.0 FTE = 200,000 ÷ 0.8 = 250,000, nothing else moves", () => {
    const y = offerYear(one(`${BASE},fte`, `${BASE_VALUES},0.8`));
    expect(y.annualPayAtFullFte).toBeCloseTo(250000, 9);
    expect(y.annualPay).toBe(200000);
    expect(y.effectiveHourly).toBeCloseTo(200000 / 2160, 9);
  });

  test.each([
    ["signing_bonus", "30000", 230000],
    ["relocation", "12000", 212000],
    ["loan_repayment", "40000", 240000],
    ["tail_coverage", "25000", 175000],
    ["benefits_annual", "28000", 228000],
  ])("%s %s: Total compensation %d, Annual pay unchanged", (column, value, total) => {
    const y = offerYear(one(`${BASE},${column}`, `${BASE_VALUES},${value}`));
    expect(y.annualPay).toBe(200000);
    expect(y.totalCompensation).toBeCloseTo(total, 9);
    expect(y.totalEffectiveHourly).toBeCloseTo(total / 2160, 9);
  });

  test("commitment_years 3 spreads a $30,000 signing bonus to $10,000 a year", () => {
    expect(offerYear(one(`${BASE},signing_bonus,commitment_years`, `${BASE_VALUES},30000,3`)).totalCompensation).toBeCloseTo(210000, 9);
  });
});

test("every column at once, worked by hand", () => {
  const o = one(
    `${BASE},call_shifts_per_year,call_pay_per_shift,call_hours_worked_per_shift,quality_withhold,quality_earned,fte,signing_bonus,relocation,loan_repayment,tail_coverage,commitment_years,benefits_annual`,
    `${BASE_VALUES},52,1200,6,0.05,0.8,0.8,25000,10000,45000,20000,3,30000`
  );
  const y = offerYear(o);
  // 200,000 − 2,000 (withhold shortfall) + 62,400 (call) = 260,400
  expect(y.annualPay).toBeCloseTo(260400, 9);
  // 2,160 + 312 = 2,472 hours
  expect(y.hoursPerYear).toBe(2472);
  expect(y.effectiveHourly).toBeCloseTo(105.3398, 4);
  // 260,400 + 30,000 + (25,000 + 10,000 + 45,000 − 20,000) ÷ 3 = 310,400
  expect(y.totalCompensation).toBeCloseTo(310400, 9);
  expect(y.totalEffectiveHourly).toBeCloseTo(125.5663, 4);
  expect(y.annualPayAtFullFte).toBeCloseTo(325500, 9);
});

describe("bad terms are refused at their row and column, with what to type", () => {
  const problems = (header: string, values: string) => {
    try {
      one(header, values);
    } catch (e) {
      if (e instanceof InputError) return e.problems;
      throw e;
    }
    throw new Error("no problem reported");
  };
  test.each([
    ["quality_withhold", "1.2", /between 0 and 1/],
    ["quality_earned", "-0.1", /between 0 and 1|negative/],
    ["fte", "0", /more than 0/],
    ["fte", "1.6", /at most 1\.5/],
    ["commitment_years", "0", /more than 0/],
    ["signing_bonus", "-5000", /cannot be negative/],
    ["tail_coverage", "-1", /cannot be negative/],
    ["benefits_annual", "-300", /cannot be negative/],
    ["call_pay_per_shift", "-1200", /cannot be negative/],
    ["call_hours_worked_per_shift", "25", /between 0 and 24/],
  ])("%s %s", (column, value, why) => {
    const [p] = problems(column, value);
    expect(p).toMatchObject({ source: "offers.csv", row: 2, column });
    expect(p.message).toMatch(why);
  });

  test("call hours past the hours a year has", () => {
    // 40 × 48 = 1,920 clinical hours + 365 × 24 = 8,760 on call: 10,680, more than 8,784.
    const [p] = problems("call_shifts_per_year,call_hours_worked_per_shift", "365,24");
    expect(p).toMatchObject({ row: 2, column: "call_hours_worked_per_shift" });
    expect(p.message).toMatch(/10,680 a year, more than the 8,784/);
  });
});

describe("properties", () => {
  const offerArb = fc.record({
    base: fc.integer({ min: 0, max: 400000 }),
    payPerUnit: fc.integer({ min: 0, max: 200 }),
    unitsPerHour: fc.integer({ min: 0, max: 60 }).map((x) => x / 10),
    paid: fc.integer({ min: 1, max: 60 }),
    unpaid: fc.integer({ min: 0, max: 20 }),
    combine: fc.constantFrom("plus", "greater_of"),
  });
  const offerOf = (a: { base: number; payPerUnit: number; unitsPerHour: number; paid: number; unpaid: number; combine: string }, extra = "", extraValues = "") =>
    parseOffers(
      csv(
        `offer,base_salary,pay_per_unit,units_per_hour,paid_hours_per_week,unpaid_hours_per_week,combine${extra}\n` +
          `A,${a.base},${a.payPerUnit},${a.unitsPerHour},${a.paid},${a.unpaid},${a.combine}${extraValues}\n`
      )
    )[0];

  const DEFAULT_COLUMNS: [string, string][] = [
    ["call_shifts_per_year", "0"], ["call_pay_per_shift", "0"], ["call_hours_worked_per_shift", "0"], ["quality_withhold", "0"],
    ["quality_earned", "1"], ["fte", "1"], ["signing_bonus", "0"], ["relocation", "0"], ["loan_repayment", "0"],
    ["tail_coverage", "0"], ["commitment_years", "1"], ["benefits_annual", "0"],
  ];

  test("a column written at its default never changes a figure", () => {
    fc.assert(
      fc.property(offerArb, fc.subarray(DEFAULT_COLUMNS, { minLength: 1 }), (a, cols) => {
        const plain = offerYear(offerOf(a));
        const written = offerYear(offerOf(a, cols.map(([c]) => `,${c}`).join(""), cols.map(([, v]) => `,${v}`).join("")));
        expect(written).toEqual(plain);
      }),
      { numRuns: 200 }
    );
  });

  test("raising call pay never lowers Annual pay", () => {
    fc.assert(
      fc.property(offerArb, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 3000 }), (a, shifts, pay, more) => {
        const cols = ",call_shifts_per_year,call_pay_per_shift";
        const low = offerYear(offerOf(a, cols, `,${shifts},${pay}`)).annualPay;
        const high = offerYear(offerOf(a, cols, `,${shifts},${pay + more}`)).annualPay;
        expect(high).toBeGreaterThanOrEqual(low);
      }),
      { numRuns: 200 }
    );
  });

  test("fte changes only Annual pay at 1.0 FTE", () => {
    fc.assert(
      fc.property(offerArb, fc.integer({ min: 1, max: 150 }), (a, hundredths) => {
        const full = offerYear(offerOf(a));
        const part = offerYear(offerOf(a, ",fte", `,${hundredths / 100}`));
        const { annualPayAtFullFte, ...rest } = part;
        const { annualPayAtFullFte: fullAt, ...fullRest } = full;
        expect(rest).toEqual(fullRest);
        expect(fullAt).toBe(full.annualPay);
        expect(annualPayAtFullFte * (hundredths / 100)).toBeCloseTo(part.annualPay, 6);
      }),
      { numRuns: 200 }
    );
  });
});
