/**
 * The Offer Comparison sheet (SPEC §3): every offer in every scenario, per real hour worked.
 *
 * Everything the user can change is copied into the sheet (Offers, Scenarios, Tiers) and every
 * result is a native formula over those cells, so an advisor without the add-in sees live,
 * auditable numbers. Cached values come from src/core/offers.ts.
 *
 * Offer and scenario names are user text: they are written only as text cells, and formulas
 * compare against those cells by reference (never COUNTIF/MATCH on them, which would read
 * "<100" as a criterion or "*" as a wildcard), so no name can turn into formula code.
 */
import type { Offer, OfferTiers, Scenario } from "../core/inputs/types";
import { compareOffers, missingTiersWarning, offersWithoutTiers, type OfferComparison } from "../core/offers";
import { DEFAULT_LEVELS, offerLevelFigures, type OfferLevelFigures } from "../core/offer-levels";
import { a1, abs, absRange } from "./a1";
import { inputTableBlocks, sectionBlock, tableBlock } from "./blocks";
import { SheetLayout, type Cursor } from "./layout";
import { noteSections, reserveBottomLine, reserveFigures, reserveParagraph, sheetTop, type Figure } from "./sections";
import { cents, dollars, either, lit, sentence, when, type Part } from "./sentence";
import { tierPayoutFormula } from "./tier-formula";
import { FULL_TIME_HOURS, LEVEL_COLUMNS, TIER_HELPER_COLUMNS, offerLevelBlocks, reserveOfferLevels, type OfferLevelsLayout, type OfferSheetRefs } from "./offer-levels";
import { FMT, formula as fx, type Block, type ChartPlan, type PlanCell, type SheetPlan } from "./plan";
import { TERM, TERM_COLUMNS, annualPayFormula, callPayFormula, hoursFormula, termBlocks, totalFormula, withheldFormula, type TermKey } from "./offer-terms";

export const OFFER_COMPARISON_SHEET = "Offer Comparison";

/** The Offers table's columns, in SPEC order, in people's words (headers are matched ignoring
 *  case, spaces and "_", so they read back as base_salary, pay_per_unit …). */
export const OFFER_COLUMNS = [
  "Offer",
  "Base salary",
  "Hourly rate",
  "Pay per unit",
  "Unit",
  "Units per hour",
  "Paid hours per week",
  "Weeks per year",
  "Unpaid hours per week",
  "No-show rate",
  "Paid no-show share",
  "Combine",
  "Advertised annual",
] as const;

export const SCENARIO_COLUMNS = ["Scenario", "Volume factor", "Months", "No-show add", "Unpaid factor", "wRVU factor"] as const;

export const TIER_COLUMNS = ["Offer", "Threshold", "Rate", "Method", "Rate step"] as const;

/** Each Offers and Scenarios column by its key, as the formulas name them. */
const OFFER_KEYS = ["offer", "base_salary", "hourly_rate", "pay_per_unit", "unit", "units_per_hour", "paid_hours_per_week", "weeks_per_year", "unpaid_hours_per_week", "no_show_rate", "paid_no_show_share", "combine", "advertised_annual"] as const;
const SCENARIO_KEYS = ["scenario", "volume_factor", "months", "no_show_add", "unpaid_factor", "wrvu_factor"] as const;

/** SPEC §3's results columns, then helper columns an auditor can follow step by step. */
export const RESULT_COLUMNS = [
  "Offer",
  "Scenario",
  "Annual pay",
  "Effective hourly",
  "Annual units",
  "Advertised",
  "Gap to advertised",
  "Total compensation",
  "Total effective hourly",
  "Units per hour (scenario)",
  "No-show rate (scenario)",
  "Unpaid hours/week (scenario)",
  "Guarantee",
  "Production",
  "Call pay",
  "Withhold not earned",
  "Hours per year",
] as const;

export const SUMMARY_COLUMNS = ["Offer", "Expected rank", "Worst scenario", "Worst effective hourly", "Total effective hourly", "Annual pay at 1.0 FTE"] as const;

export const BEST_LABEL = "Best per real hour (Expected)";
export const MATRIX_TITLE = "Effective hourly by scenario";

const O = Object.fromEntries(OFFER_KEYS.map((c, i) => [c, i])) as Record<(typeof OFFER_KEYS)[number], number>;
const S = Object.fromEntries(SCENARIO_KEYS.map((c, i) => [c, i])) as Record<(typeof SCENARIO_KEYS)[number], number>;
const T = { offer: 0, threshold: 1, rate: 2, method: 3, step: 4 };
const R = {
  offer: 0,
  scenario: 1,
  pay: 2,
  hourly: 3,
  units: 4,
  advertised: 5,
  gap: 6,
  total: 7,
  totalHourly: 8,
  uph: 9,
  noShow: 10,
  unpaid: 11,
  guarantee: 12,
  production: 13,
  callPay: 14,
  withheld: 15,
  hours: 16,
};
const M = { offer: 0, expectedRank: 1, worstScenario: 2, worstHourly: 3, totalHourly: 4, atFullFte: 5 };

/** Where each table sits (0-based rows); `first` is the first data row under the header. */
export interface OfferComparisonLayout {
  offers: { header: number; first: number; count: number };
  /** The more offer terms, one row per offer in Offers order. */
  terms: { header: number; first: number; count: number };
  scenarios: { header: number; first: number; count: number };
  tiers: { header: number; first: number; count: number };
  results: { header: number; first: number; count: number };
  summary: { header: number; first: number; count: number };
  /** The row of "Best per real hour", first of the headline figures. */
  best: number;
  matrix: { header: number; first: number; count: number; col: number };
  chart: { row: number; col: number; width: number; height: number };
  /** Compare against, the match table, productivity levels and pay by volume (SPEC §3, "more"). */
  levels: OfferLevelsLayout;
  note: number;
}

export const HEADLINE_LABELS = {
  best: BEST_LABEL,
  bestHourly: "Its effective hourly",
  morePerHour: "More per hour than the compared offer",
  moreAYear: "More a year than the compared offer",
  worstScenario: "Its worst scenario",
  worstHourly: "Its worst effective hourly",
} as const;
const HEADLINE = Object.keys(HEADLINE_LABELS) as (keyof typeof HEADLINE_LABELS)[];

/** A table reserved from `cursor`: its heading row, header row and `count` rows (with no rows, one row saying so). */
function tableAt(cursor: Cursor, cols: number, count: number, bodyRows = count) {
  const area = cursor.section(undefined, 2 + bodyRows, cols);
  return { header: area.row + 1, first: area.row + 2, count, col: area.col };
}

/** Every section's place, top to bottom, before any formula is written. */
function reserve(layout: SheetLayout, offers: number, scenarios: number, tierRows: number, warned: boolean) {
  const page = layout.cursor;
  const answer = reserveBottomLine(page);
  const warning = warned ? reserveParagraph(page, "Check") : undefined;
  const [glance, chartSide] = page.columns(3, 8);
  const headline = reserveFigures(glance, "At a glance (first scenario)", HEADLINE);
  const chart = chartSide.chart(Math.max(16, offers + 4));
  page.join([glance, chartSide]);

  const offerTable = tableAt(page, OFFER_COLUMNS.length, offers);
  const termTable = tableAt(page, TERM_COLUMNS.length, offers);
  const [scenarioSide, levelSide] = page.columns(SCENARIO_COLUMNS.length, LEVEL_COLUMNS.length);
  const scenarioTable = tableAt(scenarioSide, SCENARIO_COLUMNS.length, scenarios);
  const levelTable = tableAt(levelSide, LEVEL_COLUMNS.length, DEFAULT_LEVELS.length);
  page.join([scenarioSide, levelSide]);
  // The tiers with their rate step and the helper columns that find the volume to match; with no tiers, one row says so.
  const tierTable = tableAt(page, TIER_COLUMNS.length + TIER_HELPER_COLUMNS.length, tierRows, Math.max(tierRows, 1));
  const results = tableAt(page, RESULT_COLUMNS.length, offers * scenarios);
  // Side by side when the two fit the results table's width, which the sheet has anyway.
  const sideBySide = SUMMARY_COLUMNS.length + 2 + scenarios <= RESULT_COLUMNS.length;
  const [summarySide, matrixSide] = sideBySide ? page.columns(SUMMARY_COLUMNS.length, 1 + scenarios) : [page, page];
  const summary = tableAt(summarySide, SUMMARY_COLUMNS.length, offers);
  const matrix = tableAt(matrixSide, 1 + scenarios, offers);
  if (sideBySide) page.join([summarySide, matrixSide]);
  const levels = reserveOfferLevels(page, offers, levelTable);
  const where: OfferComparisonLayout = {
    offers: offerTable,
    terms: termTable,
    scenarios: scenarioTable,
    tiers: tierTable,
    results,
    summary,
    best: headline.area.row,
    matrix,
    chart: { row: chart.row, col: chart.col, width: chart.cols, height: chart.rows },
    levels,
    note: page.row,
  };
  return { where, answer, warning, headline, notes: page };
}

export interface OfferComparisonInput {
  offers: readonly Offer[];
  /** Keyed by the offer's name as the Offers table spells it. */
  tiers: ReadonlyMap<string, OfferTiers>;
  scenarios: readonly Scenario[];
  /** What the inputs were, for the meta line, e.g. "offers.csv, tiers.csv, default scenarios". */
  source: string;
  builtAt: Date;
}

interface TierRow {
  offer: string;
  threshold: number;
  rate: number;
  method: string;
  step: number;
}

/** The tier rows in sheet order: offers in Offers-table order, each one's tiers together and
 *  ascending, which the "rate step" formula (previous row of the same offer) relies on. */
function tierRows(offers: readonly Offer[], tiers: ReadonlyMap<string, OfferTiers>): TierRow[] {
  const out: TierRow[] = [];
  for (const o of offers) {
    const t = tiers.get(o.offer);
    if (!t) continue;
    t.thresholds.forEach((threshold, i) => {
      const rate = t.rates[i];
      out.push({ offer: o.offer, threshold, rate, method: t.method, step: i === 0 ? rate : rate - t.rates[i - 1] });
    });
  }
  return out;
}

/** What every section reads: the inputs, the core's numbers, where each table sits, and the production formula. */
interface Ctx {
  layout: SheetLayout;
  input: OfferComparisonInput;
  offers: readonly Offer[];
  scenarios: readonly Scenario[];
  comparison: OfferComparison;
  tiers: TierRow[];
  where: OfferComparisonLayout;
  nO: number;
  nS: number;
  tFirst: number;
  tLast: number;
  oRef(i: number, col: number): string;
  /** Offer i's cell of a more-terms column. */
  tRef(i: number, key: TermKey): string;
  sRef(j: number, col: number): string;
  resultRow(i: number, j: number): number;
  /** Offer i's production on `units` a year: its tiers, else pay_per_unit × units. */
  productionFormula(i: number, units: string): string;
}

function context(input: OfferComparisonInput, layout: SheetLayout, where: OfferComparisonLayout): Ctx {
  const { offers, scenarios } = input;
  const comparison = compareOffers(offers, input.tiers, scenarios);
  const tiers = tierRows(offers, input.tiers);
  const nO = offers.length;
  const nS = scenarios.length;
  const tFirst = where.tiers.first;
  const tLast = tFirst + tiers.length - 1;
  const oRef = (i: number, col: number) => abs(where.offers.first + i, col);
  const tierRange = (col: number) => absRange(tFirst, col, tLast, col);
  const productionFormula = (i: number, units: string): string => {
    const perUnit = `${oRef(i, O.pay_per_unit)}*${units}`;
    if (tiers.length === 0) return perUnit;
    const mine = `(${tierRange(T.offer)}=${oRef(i, O.offer)})`;
    const count = `SUMPRODUCT(--${mine})`;
    const isMethod = (method: string) => `SUMPRODUCT(${mine}*(${tierRange(T.method)}="${method}"))>0`;
    return `IF(${count}=0,${perUnit},${tierPayoutFormula({ units, thresholds: tierRange(T.threshold), steps: tierRange(T.step), isMethod, rows: mine })})`;
  };
  return {
    layout, input, offers, scenarios, comparison, tiers, where, nO, nS, tFirst, tLast, oRef,
    tRef: (i, key) => abs(where.terms.first + i, TERM[key]),
    sRef: (j, col) => abs(where.scenarios.first + j, col),
    resultRow: (i, j) => where.results.first + i * nS + j,
    productionFormula,
  };
}

/** Text columns that follow a number column, indented so the two never touch. */
const indentText = (cols: number, text: number[]): Block["align"] => Array.from({ length: cols }, (_, c) => (text.includes(c) ? "indent" : undefined));

/** The user's tables (Offers, Scenarios, Tiers with its rate step), copied as editable inputs. */
function inputBlocks(ctx: Ctx): Block[] {
  const { offers, scenarios, tiers, where, tFirst } = ctx;
  const blocks: Block[] = [];
  blocks.push(sectionBlock("Assumptions: offers (yellow cells are inputs; edit them and everything below recalculates)", where.offers.header - 1));
  blocks.push(
    ...inputTableBlocks(
      [...OFFER_COLUMNS],
      offers.map((o) => [
        o.offer,
        o.baseSalary,
        o.hourlyRate,
        o.payPerUnit,
        o.unit,
        o.unitsPerHour,
        o.paidHoursPerWeek,
        o.weeksPerYear,
        o.unpaidHoursPerWeek,
        o.noShowRate,
        o.paidNoShowShare,
        o.combine,
        o.advertisedAnnual,
      ]),
      where.offers.header,
      0,
      [undefined, FMT.money, FMT.money2, FMT.money2, undefined, FMT.number2, FMT.number1, FMT.number1, FMT.number1, FMT.percent, FMT.percent, undefined, FMT.money]
    ).map((b) => (b.style === "assumptions" ? { ...b, align: indentText(OFFER_KEYS.length, [O.unit, O.combine]) } : b))
  );

  blocks.push(...termBlocks(offers, where.terms.header, (i) => ctx.oRef(i, O.offer)));

  blocks.push(sectionBlock("Assumptions: scenarios (each changes the offers' inputs before the formulas)", where.scenarios.header - 1));
  blocks.push(
    ...inputTableBlocks(
      [...SCENARIO_COLUMNS],
      scenarios.map((s) => [s.scenario, s.volumeFactor, s.months, s.noShowAdd, s.unpaidFactor, s.wrvuFactor]),
      where.scenarios.header,
      0,
      [undefined, FMT.number2, FMT.number, FMT.percent, FMT.number2, FMT.number2]
    )
  );

  blocks.push(sectionBlock("Assumptions: tiers (production pay on annual units; keep each offer's rows together, thresholds ascending)", where.tiers.header - 1));
  blocks.push(
    ...inputTableBlocks(
      TIER_COLUMNS.slice(0, 4),
      tiers.map((t) => [t.offer, t.threshold, t.rate, t.method]),
      where.tiers.header,
      0,
      [undefined, FMT.number, FMT.money2, undefined]
    ).map((b) => (b.style === "assumptions" ? { ...b, align: indentText(4, [T.method]) } : b))
  );
  if (tiers.length > 0) {
    const stepCells: PlanCell[][] = tiers.map((t, k) => {
      const r = tFirst + k;
      const rate = a1(r, T.rate);
      // "Previous rate of the same offer": the row above when it names the same offer, else 0.
      const f = k === 0 ? rate : `IF(${a1(r, T.offer)}=${a1(r - 1, T.offer)},${rate}-${a1(r - 1, T.rate)},${rate})`;
      return [{ f, v: t.step }];
    });
    blocks.push(tableBlock([TIER_COLUMNS[4]], stepCells, where.tiers.header, T.step, [FMT.money2]));
  } else {
    blocks.push({ row: tFirst, col: 0, style: "plain", cells: [["(none: each offer's production is Pay per unit × annual units)"]] });
  }
  return blocks;
}

/** Results: one row per offer × scenario, every cell a formula over the assumptions. */
function resultBlocks(ctx: Ctx): Block[] {
  const { offers, scenarios, comparison, where, nS, oRef, tRef, sRef, resultRow, productionFormula } = ctx;
  const blocks: Block[] = [];
  const resultCells: PlanCell[][] = [];
  offers.forEach((_, i) => {
    scenarios.forEach((__, j) => {
      const row = resultRow(i, j);
      const cell = (col: number) => a1(row, col);
      const c = comparison.rows[i * nS + j];
      const o = (col: number) => oRef(i, col);
      const s = (col: number) => sRef(j, col);
      const cells: PlanCell[] = [];
      cells[R.offer] = { f: o(O.offer), v: c.offer };
      cells[R.scenario] = { f: s(S.scenario), v: c.scenario };
      const combined = `IF(${o(O.combine)}="greater_of",MAX(${cell(R.guarantee)},${cell(R.production)}),${cell(R.guarantee)}+${cell(R.production)})`;
      cells[R.pay] = { f: annualPayFormula(combined, cell(R.callPay), cell(R.withheld)), v: c.annualPay };
      cells[R.hourly] = { f: `${cell(R.pay)}/${cell(R.hours)}`, v: c.effectiveHourly };
      cells[R.total] = { f: totalFormula(tRef, i, cell(R.pay)), v: c.totalCompensation };
      cells[R.totalHourly] = { f: `${cell(R.total)}/${cell(R.hours)}`, v: c.totalEffectiveHourly };
      cells[R.units] = {
        f: `${cell(R.uph)}*${o(O.paid_hours_per_week)}*${o(O.weeks_per_year)}*(1-${cell(R.noShow)}*(1-${o(O.paid_no_show_share)}))`,
        v: c.annualUnits,
      };
      cells[R.advertised] = { f: `IF(${o(O.advertised_annual)}="","",${o(O.advertised_annual)})`, v: c.advertised ?? "" };
      cells[R.gap] = { f: `IF(${cell(R.advertised)}="","",${cell(R.advertised)}-${cell(R.pay)})`, v: c.gapToAdvertised ?? "" };
      cells[R.uph] = {
        f: `${o(O.units_per_hour)}*(1+(${s(S.volume_factor)}-1)*${s(S.months)}/12)*IF(${o(O.unit)}="wrvu",${s(S.wrvu_factor)},1)`,
        v: c.unitsPerHour,
      };
      cells[R.noShow] = { f: `MIN(1,MAX(0,${o(O.no_show_rate)}+${s(S.no_show_add)}))`, v: c.noShowRate };
      cells[R.unpaid] = { f: `${o(O.unpaid_hours_per_week)}*${s(S.unpaid_factor)}`, v: c.unpaidHoursPerWeek };
      cells[R.guarantee] = {
        f: `${o(O.base_salary)}+${o(O.hourly_rate)}*${o(O.paid_hours_per_week)}*${o(O.weeks_per_year)}`,
        v: c.guarantee,
      };
      cells[R.production] = { f: productionFormula(i, cell(R.units)), v: c.production };
      cells[R.callPay] = { f: callPayFormula(tRef, i), v: c.callPay };
      cells[R.withheld] = { f: withheldFormula(tRef, i, o(O.base_salary)), v: c.withholdShortfall };
      cells[R.hours] = { f: hoursFormula(tRef, i, o(O.paid_hours_per_week), cell(R.unpaid), o(O.weeks_per_year)), v: c.hoursPerYear };
      resultCells.push(cells);
    });
  });
  blocks.push(sectionBlock("Results: every offer in every scenario (columns from Units per hour on show the working)", where.results.header - 1));
  blocks.push(
    tableBlock([...RESULT_COLUMNS], resultCells, where.results.header, 0, [
      undefined,
      undefined,
      FMT.money,
      FMT.money2,
      FMT.number,
      FMT.money,
      FMT.money,
      FMT.money,
      FMT.money2,
      FMT.number2,
      FMT.percent,
      FMT.number1,
      FMT.money,
      FMT.money,
      FMT.money,
      FMT.money,
      FMT.number,
    ])
  );
  return blocks;
}

/** Per offer: rank in the first scenario, worst scenario, and the best offer. */
function summaryBlocks(ctx: Ctx): Block[] {
  const { offers, scenarios, comparison, where, nO, nS, oRef, resultRow } = ctx;
  const blocks: Block[] = [];
  // --- Per offer: rank in the first scenario, worst scenario.
  const matrixRow = (i: number) => where.matrix.first + i;
  const expectedColumn = absRange(where.matrix.first, where.matrix.col + 1, where.matrix.first + nO - 1, where.matrix.col + 1);
  const summaryCells: PlanCell[][] = offers.map((_, i) => {
    const sum = comparison.summary[i];
    const first = resultRow(i, 0);
    const last = resultRow(i, nS - 1);
    const hourly = absRange(first, R.hourly, last, R.hourly);
    const row = where.summary.first + i;
    const cells: PlanCell[] = [];
    cells[M.offer] = { f: oRef(i, O.offer), v: sum.offer };
    cells[M.expectedRank] = { f: `RANK(${abs(matrixRow(i), where.matrix.col + 1)},${expectedColumn},0)`, v: sum.expectedRank };
    // MATCH on the number (never on a name) finds the first scenario with the lowest value.
    cells[M.worstScenario] = {
      f: `INDEX(${absRange(first, R.scenario, last, R.scenario)},MATCH(${a1(row, M.worstHourly)},${hourly},0))`,
      v: sum.worstScenario,
    };
    cells[M.worstHourly] = { f: `MIN(${hourly})`, v: sum.worstEffectiveHourly };
    cells[M.totalHourly] = { f: abs(first, R.totalHourly), v: sum.expectedTotalEffectiveHourly };
    cells[M.atFullFte] = { f: `${abs(first, R.pay)}/${ctx.tRef(i, "fte")}`, v: sum.annualPayAtFullFte };
    return cells;
  });
  blocks.push(sectionBlock(`Per offer: rank by effective hourly in "${scenarios[0]?.scenario ?? ""}", and the scenario that hurts most`, where.summary.header - 1));
  // The worst scenario's name follows the rank's number: indented, so the two never touch.
  blocks.push({ ...tableBlock([...SUMMARY_COLUMNS], summaryCells, where.summary.header, 0, [undefined, FMT.number, undefined, FMT.money2, FMT.money2, FMT.money]), align: indentText(SUMMARY_COLUMNS.length, [M.worstScenario]) });
  return blocks;
}

/** The matrix feeding the chart (offers down, scenarios across), and the chart. */
function matrixBlocks(ctx: Ctx): { blocks: Block[]; chart: ChartPlan } {
  const { offers, scenarios, comparison, where, nO, nS, oRef, sRef, resultRow } = ctx;
  const blocks: Block[] = [];
  // --- Matrix feeding the chart: offers down, scenarios across.
  const matrixHeader: PlanCell[] = ["Offer", ...scenarios.map((s, j) => ({ f: sRef(j, S.scenario), v: s.scenario }))];
  const matrixCells: PlanCell[][] = offers.map((o, i) => [
    { f: oRef(i, O.offer), v: o.offer },
    ...scenarios.map((_, j) => ({ f: abs(resultRow(i, j), R.hourly), v: comparison.rows[i * nS + j].effectiveHourly })),
  ]);
  blocks.push(sectionBlock(MATRIX_TITLE, where.matrix.header - 1, where.matrix.col));
  blocks.push({
    row: where.matrix.header,
    col: where.matrix.col,
    style: "table",
    cells: [matrixHeader, ...matrixCells],
    formats: [undefined, ...scenarios.map(() => FMT.money2)],
  });

  const lastMatrix = where.matrix.first + nO - 1;
  const mc = where.matrix.col;
  const chart: ChartPlan = {
    type: "column",
    title: "Effective hourly by offer and scenario",
    categoriesRef: absRange(where.matrix.first, mc, lastMatrix, mc),
    series: scenarios.map((_, j) => ({
      nameRef: abs(where.matrix.header, mc + 1 + j),
      valuesRef: absRange(where.matrix.first, mc + 1 + j, lastMatrix, mc + 1 + j),
    })),
    at: where.chart,
    yAxisTitle: "$ per hour worked (paid + unpaid)",
    valueFormat: FMT.money,
  };
  return { blocks, chart };
}

/** The cells the sections below the results read, by name. */
function levelRefs(ctx: Ctx): OfferSheetRefs {
  return {
    offers: ctx.offers,
    scenario: ctx.scenarios[0],
    tiers: ctx.input.tiers,
    offer: (i, col) => ctx.oRef(i, O[col]),
    scenarioCell: (col) => ctx.sRef(0, S[col]),
    result: (i, col) => abs(ctx.resultRow(i, 0), R[col]),
    names: absRange(ctx.where.offers.first, O.offer, ctx.where.offers.first + ctx.nO - 1, O.offer),
    expectedHourly: absRange(ctx.where.matrix.first, ctx.where.matrix.col + 1, ctx.where.matrix.first + ctx.nO - 1, ctx.where.matrix.col + 1),
    production: ctx.productionFormula,
    tierRows: { first: ctx.tFirst, count: ctx.tiers.length },
    tierCols: T,
  };
}

/** The headline figures: the best offer per real hour, by how much it beats the compared one, and its worst case. */
function headlineFigures(ctx: Ctx, levels: OfferLevelFigures, refs: Record<(typeof HEADLINE)[number], string>): Record<(typeof HEADLINE)[number], Figure> {
  const { where, nO, comparison } = ctx;
  const H = HEADLINE_LABELS;
  const expected = absRange(where.matrix.first, where.matrix.col + 1, where.matrix.first + nO - 1, where.matrix.col + 1);
  const bestRow = `MATCH(MAX(${expected}),${expected},0)`;
  const column = (c: number) => absRange(where.summary.first, c, where.summary.first + nO - 1, c);
  const best = comparison.summary.find((s) => s.offer === comparison.best?.offer);
  const CEH = abs(where.levels.compare + 1, 1);
  const FT = abs(where.levels.compare + 2, 1);
  const more = levels.targetHourly === null || !best ? null : best.expectedEffectiveHourly - levels.targetHourly;
  return {
    best: { label: H.best, value: fx(`INDEX(${column(M.offer)},${bestRow})`, comparison.best?.offer ?? ""), align: "right" },
    bestHourly: { label: H.bestHourly, value: fx(`MAX(${expected})`, best?.expectedEffectiveHourly ?? null), format: FMT.hourly, aside: "per hour worked, paid and unpaid" },
    morePerHour: { label: H.morePerHour, value: fx(`IF(${CEH}="","",${refs.bestHourly}-${CEH})`, more), format: FMT.hourly, aside: fx(abs(where.levels.compare, 1), levels.compareAgainst) },
    moreAYear: { label: H.moreAYear, value: fx(`IF(${CEH}="","",ROUND(${refs.morePerHour}*${FT},-2))`, more === null ? null : roundTo100(more * FULL_TIME_HOURS)), format: FMT.money, aside: "at a full-time year's hours, to the $100" },
    worstScenario: { label: H.worstScenario, value: fx(`INDEX(${column(M.worstScenario)},${bestRow})`, best?.worstScenario ?? ""), align: "right" },
    worstHourly: { label: H.worstHourly, value: fx(`INDEX(${column(M.worstHourly)},${bestRow})`, best?.worstEffectiveHourly ?? null), format: FMT.hourly },
  };
}

/** ROUND(x, -2) as Excel rounds: half away from zero. */
const roundTo100 = (n: number): number => Math.sign(n) * Math.round(Math.abs(n) / 100) * 100;

/**
 * The answer: the offer that pays most per real hour, how much more per hour and per year than
 * the compared offer, and its worst scenario (SPEC §3: "Telehealth per-visit pays most per real
 * hour: $144.40/h, $40.05/h ($83,300 a year) more than Current salaried job; worst case: …").
 */
function bottomLine(ctx: Ctx, levels: OfferLevelFigures, refs: Record<(typeof HEADLINE)[number], string>): PlanCell {
  const c = ctx.comparison;
  const best = c.summary.find((s) => s.offer === c.best?.offer);
  const CMP = abs(ctx.where.levels.compare, 1);
  const CEH = abs(ctx.where.levels.compare + 1, 1);
  const more = levels.targetHourly === null || !best ? null : best.expectedEffectiveHourly - levels.targetHourly;
  return sentence([
    { f: refs.best, v: c.best?.offer ?? "" },
    lit(" pays most per real hour: "),
    cents(refs.bestHourly, best?.expectedEffectiveHourly ?? null),
    lit("/h"),
    either(
      `${CEH}=""`,
      levels.targetHourly === null,
      [lit(" (the offer to compare against is not in Offers)")],
      [
        either(
          `${refs.morePerHour}<=0`,
          more !== null && more <= 0,
          [lit(", the offer you compare against")],
          [lit(", "), cents(refs.morePerHour, more), lit("/h ("), dollars(refs.moreAYear, more === null ? null : roundTo100(more * FULL_TIME_HOURS)), lit(" a year) more than "), { f: CMP, v: levels.compareAgainst }],
        ),
      ]
    ),
    lit("; worst case: "),
    { f: refs.worstScenario, v: best?.worstScenario ?? "" },
    lit(", "),
    cents(refs.worstHourly, best?.worstEffectiveHourly ?? null),
    lit("/h"),
    bestInTotal(ctx),
  ]);
}

/**
 * When benefits and one-time money change which offer pays most per hour, the Bottom line says
 * so ("; with benefits and one-time money, X pays most in total: $…/h"); otherwise nothing, since
 * the ranking's story is the same. The offers are compared by row (MATCH on the numbers), never
 * by name.
 */
function bestInTotal(ctx: Ctx): Part {
  const { where, nO, comparison: c } = ctx;
  const column = (col: number, first: number) => absRange(first, col, first + nO - 1, col);
  const hourly = column(where.matrix.col + 1, where.matrix.first);
  const total = column(M.totalHourly, where.summary.first);
  const totalRow = `MATCH(MAX(${total}),${total},0)`;
  const same = c.bestTotal === null || c.bestTotal.offer === c.best?.offer;
  return when(`${totalRow}<>MATCH(MAX(${hourly}),${hourly},0)`, !same, [
    lit("; with benefits and one-time money, "),
    { f: `INDEX(${column(M.offer, where.summary.first)},${totalRow})`, v: c.bestTotal?.offer ?? "" },
    lit(" pays most in total: "),
    cents(`MAX(${total})`, c.bestTotal?.totalEffectiveHourly ?? null),
    lit("/h"),
  ]);
}

/** Builds the plan; also returns the core numbers its cached values came from. */
export function buildOfferComparison(input: OfferComparisonInput): { plan: SheetPlan; comparison: OfferComparison; layout: OfferComparisonLayout; levels: OfferLevelFigures } {
  const { offers, scenarios } = input;
  // The parsers never hand over an empty table; a caller that does would get ranges that run
  // backwards, so it is told plainly instead.
  if (offers.length === 0 || scenarios.length === 0) throw new Error("Offer Comparison needs at least one offer and one scenario");
  const layout = new SheetLayout();
  sheetTop(layout, OFFER_COMPARISON_SHEET, input.builtAt, input.source);
  const missing = offersWithoutTiers(offers, input.tiers);
  const places = reserve(layout, offers.length, scenarios.length, tierRows(offers, input.tiers).length, missing.length > 0);
  const ctx = context(input, layout, places.where);
  const { comparison, where } = ctx;
  const matrix = matrixBlocks(ctx);
  // Compare against, productivity levels and pay by volume (offer-levels.ts).
  const levels = offerLevelFigures(offers, input.tiers, scenarios[0]);
  const more = offerLevelBlocks(levelRefs(ctx), where.levels, levels);
  const refs = places.headline.ref;
  places.answer.fill(layout, bottomLine(ctx, levels, refs));
  places.warning?.fill(layout, missingTiersWarning(missing), 0);
  places.headline.fill(layout, headlineFigures(ctx, levels, refs));
  layout.place(...inputBlocks(ctx), ...resultBlocks(ctx), ...summaryBlocks(ctx), ...matrix.blocks, ...more.blocks);
  layout.chart({ row: where.chart.row, col: where.chart.col, rows: where.chart.height, cols: where.chart.width }, matrix.chart);
  for (const chart of more.charts) layout.chart({ row: chart.at.row, col: chart.at.col, rows: chart.at.height, cols: chart.at.width }, chart);
  noteSections(places.notes, layout, NOTE);
  return {
    plan: layout.finish("offer-comparison", OFFER_COMPARISON_SHEET, { freeze: { rows: 2, cols: 0 } }),
    comparison,
    layout: where,
    levels,
  };
}

/** The Offer Comparison sheet plan (SPEC §3). */
export function buildOfferComparisonPlan(input: OfferComparisonInput): SheetPlan {
  return buildOfferComparison(input).plan;
}

const NOTE = [
  "Each Results row is one offer in one scenario. Effective hourly = Annual pay ÷ Hours per year, every hour worked in the year: paid clinical hours, unpaid charting, inbox, results and callback time, and the hours worked on call (Call shifts per year × Call hours worked per shift). Compare offers by it: it is what an hour of your week is really worth. The Bottom line's \"a year\" is the difference per hour × Hours in a full-time year (2,080: 40 hours × 52 weeks), to the $100.",
  "Annual pay = guarantee + production (Combine plus) or the larger of the two (Combine greater_of), plus Call pay (Call shifts per year × Call pay per shift), less the Withhold not earned (Base salary × Quality withhold × (1 − Quality earned)). Guarantee = Base salary + Hourly rate × paid hours. Production = the offer's tiers applied to its annual units when the Tiers table has rows for it, otherwise Pay per unit × annual units.",
  "Total compensation = Annual pay + Benefits annual + (Signing bonus + Relocation + Loan repayment − Tail coverage) ÷ Commitment years: everything the contract pays and costs, the one-time money spread over the years it assumes (its clawback period). Total effective hourly = Total compensation ÷ Hours per year. The ranking stays on Effective hourly, the pay for the work; the Bottom line says when benefits and one-time money would put another offer first. Annual pay at 1.0 FTE = Annual pay ÷ FTE: the same job at full time, to set beside a full-time survey.",
  "Annual units = Units per hour × Paid hours per week × Weeks per year × (1 − No-show rate × (1 − Paid no-show share)): the booked visits (or wRVUs) less the no-shows nobody pays for.",
  "Gap to advertised = Advertised − Annual pay: a positive number is how far the offer falls short of what the recruiter quoted, a negative one how much more it pays. Both are blank when the offer has no Advertised annual.",
  "Expected rank orders the offers by effective hourly in the first scenario (Expected): 1 pays best per real hour, and equal values share a rank. Worst scenario is the scenario with the lowest effective hourly for that offer (the first one listed on a tie): how the offer survives a bad quarter.",
  "A scenario changes the inputs before the formulas: Units per hour × (1 + (Volume factor − 1) × Months ÷ 12); No-show rate + No-show add, kept between 0 and 1; Unpaid hours per week × Unpaid factor; and, for offers paid per wRVU only, units × wRVU factor.",
  "Tiers apply to annual units strictly above each threshold: marginal pays each tier's rate on the units inside it, cliff pays the highest tier reached on all units, flat pays the highest tier reached as one sum. Rate step (this rate − the previous rate of the same offer) lets the formulas do that without array formulas.",
  "Compare against names the offer to match (type another offer's name). Per offer, in the first scenario: Pay to match = the compared offer's effective hourly × this offer's Hours per year; Call pay less withhold comes whatever the volume, so the guarantee and production need only reach the rest; Units per hour to match is the least Units per hour at which this offer pays it: 0 when its guarantee alone does, blank when no volume does. A cliff or flat tier can jump past the pay: then the answer is its threshold, and the pay is reached just above it. The helper columns beside the Tiers table show the working, one tier segment (threshold to the next threshold) per row.",
  "Effective $ per wRVU = expected annual pay ÷ annual wRVUs, everything the job pays per wRVU you produce (blank for offers paid per visit). Effective hourly by productivity level multiplies Units per hour by each level's factor (the published telemedicine spread of 3.1, 4.3, 6.2 and 7.0 wRVUs an hour: the bottom quartile, the median, the top decile, and what recruiters quote); change a factor and the table follows.",
  "Annual pay by volume prices 50% to 150% of each offer's expected annual units: a tier cliff shows as a step in the chart, and how close the expected volume (100%) sits to one.",
  "Every number is a formula over the yellow cells, so it stays live for anyone who opens the file, with or without the ClinPay add-in.",
];
