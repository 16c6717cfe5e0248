/** The Offer Comparison plan: exact labels, native formulas only, no literals buried, user text
 *  kept as text. (Whether the formulas compute the core's numbers: test/workbook.) */
import type { Offer, OfferTiers, Scenario } from "../../../src/core/inputs/types";
import { DEFAULT_SCENARIOS, MORE_TERMS_DEFAULTS } from "../../../src/core/inputs/offers";
import { compareOffers } from "../../../src/core/offers";
import { a1, colName } from "../../../src/sheets/a1";
import { lintFormulas } from "../../../src/sheets/lint";
import {
  BEST_LABEL,
  OFFER_COLUMNS,
  RESULT_COLUMNS,
  SCENARIO_COLUMNS,
  SUMMARY_COLUMNS,
  buildOfferComparison,
  buildOfferComparisonPlan,
} from "../../../src/sheets/offer-comparison";
import { HOW_TEXT } from "../../../src/sheets/offer-levels";
import { TERM_COLUMNS } from "../../../src/sheets/offer-terms";
import { isFormula, type PlanCell, type SheetPlan } from "../../../src/sheets/plan";

const offer = (o: Partial<Offer> & { offer: string }): Offer => ({
  row: 2,
  baseSalary: 0,
  hourlyRate: 0,
  payPerUnit: 0,
  unit: "visit",
  unitsPerHour: 3,
  paidHoursPerWeek: 32,
  weeksPerYear: 48,
  unpaidHoursPerWeek: 6,
  noShowRate: 0.15,
  paidNoShowShare: 0,
  combine: "plus",
  advertisedAnnual: null,
  ...MORE_TERMS_DEFAULTS,
  ...o,
});

/** Names a spreadsheet would read as a formula, a criterion or a wildcard if spliced in. */
const HOSTILE = ["=1+1", "+SUM(A1:A9)", "-2", "@foo", 'say "hi"', "<100", "*wild?~", "it's"];

const offers: Offer[] = [
  offer({ offer: HOSTILE[0], payPerUnit: 95, advertisedAnnual: 320000 }),
  offer({ offer: HOSTILE[1], baseSalary: 150000, unit: "wrvu" }),
  offer({ offer: HOSTILE[2], hourlyRate: 105, payPerUnit: 42, combine: "greater_of", advertisedAnnual: 260000 }),
  offer({ offer: HOSTILE[3], baseSalary: 240000 }),
  offer({ offer: HOSTILE[4], baseSalary: 10000, advertisedAnnual: 100 }),
];
const tiers = new Map<string, OfferTiers>([
  [HOSTILE[1], { method: "marginal", thresholds: [0, 2500, 4000], rates: [0, 45, 55] }],
  [HOSTILE[3], { method: "flat", thresholds: [1000], rates: [5000] }],
  [HOSTILE[4], { method: "cliff", thresholds: [0, 3000], rates: [10, 20] }],
]);
const scenarios: Scenario[] = [
  ...DEFAULT_SCENARIOS.map((s) => ({ ...s })),
  { scenario: HOSTILE[5], volumeFactor: 1, months: 12, noShowAdd: 0.95, unpaidFactor: 1, wrvuFactor: 1 },
  { scenario: HOSTILE[6], volumeFactor: 1.2, months: 6, noShowAdd: -0.5, unpaidFactor: 0.5, wrvuFactor: 1.1 },
  { scenario: HOSTILE[7], volumeFactor: 1, months: 12, noShowAdd: 0, unpaidFactor: 1, wrvuFactor: 1 },
];
const input = { offers, tiers, scenarios, source: "offers.csv, tiers.csv, default scenarios", builtAt: new Date("2026-03-01T12:00:00Z") };

/** The cell the renderer would write at (row, col): the last block in plan order wins. */
function cellAt(plan: SheetPlan, row: number, col: number): PlanCell | undefined {
  let found: PlanCell | undefined;
  for (const b of plan.blocks) {
    const r = row - b.row;
    const c = col - b.col;
    if (r >= 0 && r < b.cells.length && c >= 0 && c < b.cells[r].length) found = b.cells[r][c];
  }
  return found;
}

const rowAt = (plan: SheetPlan, row: number, from: number, width: number) =>
  Array.from({ length: width }, (_, c) => cellAt(plan, row, from + c));

const allFormulas = (plan: SheetPlan) =>
  plan.blocks.flatMap((b) => b.cells.flatMap((row, r) => row.flatMap((c, k) => (isFormula(c) ? [{ at: a1(b.row + r, b.col + k), f: c.f }] : []))));

const CELL_REF = /\$?[A-Z]{1,3}\$?[0-9]+/g;

describe("Offer Comparison plan", () => {
  const { plan, layout: L } = buildOfferComparison(input);
  const core = compareOffers(offers, tiers, scenarios);

  test("names itself and says when and from what it was built", () => {
    expect(plan.name).toBe("Offer Comparison");
    expect(plan.kind).toBe("offer-comparison");
    expect(cellAt(plan, 0, 0)).toBe("Offer Comparison");
    expect(cellAt(plan, 1, 0)).toBe("Built 2026-03-01 by ClinPay from offers.csv, tiers.csv, default scenarios");
    expect(plan.freeze).toEqual({ rows: 2, cols: 0 });
    expect(buildOfferComparisonPlan(input)).toEqual(plan);
  });

  test("lint: native functions Excel 2016 and LibreOffice both compute, no custom functions", () => {
    expect(lintFormulas(plan)).toEqual([]);
    for (const { f } of allFormulas(plan)) {
      expect(f).not.toMatch(/CLINPAY\.|_xldudf/i);
      expect(f).not.toMatch(/\b(LET|LAMBDA|FILTER|SORT|XLOOKUP|MAXIFS|MINIFS|IFS|SWITCH|TEXTJOIN|CONCAT|COUNTIF|SUMIF)\b/);
    }
  });

  test("headers are exactly the SPEC's", () => {
    expect(rowAt(plan, L.offers.header, 0, OFFER_COLUMNS.length)).toEqual([...OFFER_COLUMNS]);
    expect(rowAt(plan, L.scenarios.header, 0, SCENARIO_COLUMNS.length)).toEqual([...SCENARIO_COLUMNS]);
    // People's words, which still read back as the SPEC's columns (headers match ignoring case, spaces and _).
    expect(rowAt(plan, L.tiers.header, 0, 5)).toEqual(["Offer", "Threshold", "Rate", "Method", "Rate step"]);
    expect(OFFER_COLUMNS.map((h) => h.toLowerCase().replace(/[^a-z0-9]/g, ""))).toEqual(
      ["offer", "base_salary", "hourly_rate", "pay_per_unit", "unit", "units_per_hour", "paid_hours_per_week", "weeks_per_year", "unpaid_hours_per_week", "no_show_rate", "paid_no_show_share", "combine", "advertised_annual"].map((k) => k.replace(/_/g, ""))
    );
    expect(rowAt(plan, L.results.header, 0, 7)).toEqual([
      "Offer",
      "Scenario",
      "Annual pay",
      "Effective hourly",
      "Annual units",
      "Advertised",
      "Gap to advertised",
    ]);
    expect(rowAt(plan, L.results.header, 0, RESULT_COLUMNS.length)).toEqual([...RESULT_COLUMNS]);
    // SPEC §2 "More offer columns": the results gain Total compensation and Total effective hourly.
    expect(rowAt(plan, L.results.header, 7, 2)).toEqual(["Total compensation", "Total effective hourly"]);
    // … and the per-offer summary gains Annual pay at 1.0 FTE.
    expect(rowAt(plan, L.summary.header, 0, 6)).toEqual(["Offer", "Expected rank", "Worst scenario", "Worst effective hourly", "Total effective hourly", "Annual pay at 1.0 FTE"]);
    expect(SUMMARY_COLUMNS).toEqual(["Offer", "Expected rank", "Worst scenario", "Worst effective hourly", "Total effective hourly", "Annual pay at 1.0 FTE"]);
    // The more terms, in people's words that read back as the SPEC's columns.
    expect(rowAt(plan, L.terms.header, 0, TERM_COLUMNS.length).map((h) => String(h).toLowerCase().replace(/[^a-z0-9]/g, ""))).toEqual(
      ["offer", "call_shifts_per_year", "call_pay_per_shift", "call_hours_worked_per_shift", "quality_withhold", "quality_earned", "fte", "signing_bonus", "relocation", "loan_repayment", "tail_coverage", "commitment_years", "benefits_annual"].map((k) => k.replace(/_/g, ""))
    );
    expect(cellAt(plan, L.best, 0)).toBe(BEST_LABEL);
    const note = plan.blocks.find((b) => b.style === "note")!;
    expect(note.cells[0][0]).toBe("How to read this");
    expect(note.cells.map((r) => r[0]).join(" ")).toMatch(/blank when the offer has no Advertised annual/);
  });

  test("user names are text cells, and no formula carries their text", () => {
    offers.forEach((o, i) => expect(cellAt(plan, L.offers.first + i, 0)).toBe(o.offer));
    scenarios.forEach((s, j) => expect(cellAt(plan, L.scenarios.first + j, 0)).toBe(s.scenario));
    for (const { f } of allFormulas(plan)) {
      for (const name of HOSTILE) if (name.length > 2) expect(f).not.toContain(name);
      // String literals are ClinPay's own words (keywords, sentence text, formats), never a name.
      const literals = f.match(/"(?:[^"]|"")*"/g) ?? [];
      for (const lit of literals) for (const name of HOSTILE) expect({ lit, has: lit === `"${name}"` || (name.length > 2 && lit.includes(name)) }).toEqual({ lit, has: false });
    }
  });

  test("every result, summary and matrix cell is a formula over cells, with no numbers buried", () => {
    const body: { at: string; cell: PlanCell | undefined }[] = [];
    for (let r = 0; r < L.results.count; r++)
      for (let c = 0; c < RESULT_COLUMNS.length; c++) body.push({ at: a1(L.results.first + r, c), cell: cellAt(plan, L.results.first + r, c) });
    for (let r = 0; r < L.summary.count; r++)
      for (let c = 0; c < SUMMARY_COLUMNS.length; c++) body.push({ at: a1(L.summary.first + r, c), cell: cellAt(plan, L.summary.first + r, c) });
    for (let r = 0; r < L.matrix.count; r++)
      for (let c = 0; c <= scenarios.length; c++) body.push({ at: a1(L.matrix.first + r, L.matrix.col + c), cell: cellAt(plan, L.matrix.first + r, L.matrix.col + c) });
    body.push({ at: a1(L.best, 1), cell: cellAt(plan, L.best, 1) });
    expect(body.length).toBe(offers.length * scenarios.length * 17 + offers.length * 6 + offers.length * (scenarios.length + 1) + 1);
    for (const { at, cell } of body) {
      expect({ at, formula: isFormula(cell!) }).toEqual({ at, formula: true });
      if (!isFormula(cell!)) continue;
      expect(cell.f.match(CELL_REF)?.length ?? 0).toBeGreaterThan(0);
      // Numbers left once references and strings are gone: only 0, 1 (factors, flags) and 12 (months).
      const bare = cell.f.replace(/"[^"]*"/g, "").replace(CELL_REF, "");
      const numbers = bare.match(/\d+(\.\d+)?/g) ?? [];
      for (const n of numbers) expect({ at, n, f: cell.f }).toEqual({ at, n: expect.stringMatching(/^(0|1|12)$/), f: cell.f });
    }
  });

  test("cached values are the core's numbers", () => {
    core.rows.forEach((row, k) => {
      const r = L.results.first + k;
      const v = (c: number) => (cellAt(plan, r, c) as { v: unknown }).v;
      expect([v(0), v(1)]).toEqual([row.offer, row.scenario]);
      expect([v(2), v(3), v(4)]).toEqual([row.annualPay, row.effectiveHourly, row.annualUnits]);
      expect([v(5), v(6)]).toEqual([row.advertised ?? "", row.gapToAdvertised ?? ""]);
      expect([v(7), v(8)]).toEqual([row.totalCompensation, row.totalEffectiveHourly]);
      expect([v(12), v(13), v(14), v(15), v(16)]).toEqual([row.guarantee, row.production, row.callPay, row.withholdShortfall, row.hoursPerYear]);
    });
    core.summary.forEach((s, i) => {
      const v = (c: number) => (cellAt(plan, L.summary.first + i, c) as { v: unknown }).v;
      expect([v(0), v(1), v(2), v(3), v(4), v(5)]).toEqual([s.offer, s.expectedRank, s.worstScenario, s.worstEffectiveHourly, s.expectedTotalEffectiveHourly, s.annualPayAtFullFte]);
    });
    expect((cellAt(plan, L.best, 1) as { v: unknown }).v).toBe(core.best!.offer);
  });

  test("the tiers table carries a rate-step formula per row", () => {
    expect(L.tiers.count).toBe(3 + 1 + 2);
    const steps = Array.from({ length: L.tiers.count }, (_, k) => cellAt(plan, L.tiers.first + k, 4));
    expect(steps.map((c) => (c as { v: number }).v)).toEqual([0, 45, 10, 5000, 10, 10]);
    steps.forEach((c) => expect(isFormula(c!)).toBe(true));
  });

  test("the chart: offers as categories, one series per scenario, from the matrix", () => {
    expect(plan.charts).toHaveLength(2);
    const chart = plan.charts![0];
    expect(chart.type).toBe("column");
    const mc = colName(L.matrix.col);
    expect(chart.categoriesRef).toBe(`$${mc}$${L.matrix.first + 1}:$${mc}$${L.matrix.first + offers.length}`);
    expect(chart.series).toHaveLength(scenarios.length);
    expect(chart.series[1].nameRef).toBe(`$${colName(L.matrix.col + 2)}$${L.matrix.header + 1}`);
    // The main chart: in the first screen (30 rows × 12 columns), beside the headline figures.
    expect(chart.at.row).toBeGreaterThanOrEqual(L.best - 1);
    expect(chart.at.row + chart.at.height).toBeLessThanOrEqual(30);
    expect(chart.at.col + chart.at.width).toBeLessThanOrEqual(12);
    // The second: annual pay by volume, a line per offer, beside its table.
    const curve = plan.charts![1];
    expect(curve.type).toBe("line");
    expect(curve.series).toHaveLength(offers.length);
    expect(curve.categoriesRef).toBe(`$A$${L.levels.volume.first + 1}:$A$${L.levels.volume.first + 11}`);
    expect(curve.at.row + curve.at.height).toBeLessThan(L.note);
  });

  test("no offers or no scenarios is refused, not drawn with backwards ranges", () => {
    expect(() => buildOfferComparison({ ...input, offers: [] })).toThrow(/at least one offer/);
    expect(() => buildOfferComparison({ ...input, scenarios: [] })).toThrow(/one scenario/);
  });

  test("without tiers the production formula is pay_per_unit × units", () => {
    const { plan: p, layout } = buildOfferComparison({ ...input, tiers: new Map() });
    expect(lintFormulas(p)).toEqual([]);
    const prod = cellAt(p, layout.results.first, 13) as { f: string };
    expect(prod.f).toBe(`$D$${layout.offers.first + 1}*E${layout.results.first + 1}`);
    expect(cellAt(p, layout.tiers.first, 0)).toMatch(/^\(none/);
  });
});
