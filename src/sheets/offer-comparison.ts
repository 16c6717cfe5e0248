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
import { compareOffers, type OfferComparison } from "../core/offers";
import { offerLevelFigures, type OfferLevelFigures } from "../core/offer-levels";
import { a1, abs, absRange } from "./a1";
import {
  inputTableBlocks,
  labelledBlocks,
  metaBlock,
  noteBlock,
  sectionBlock,
  tableBlock,
  titleBlock,
} from "./blocks";
import { tierPayoutFormula } from "./tier-formula";
import { offerLevelBlocks, offerLevelsLayout, type OfferLevelsLayout, type OfferSheetRefs } from "./offer-levels";
import { FMT, type Block, type ChartPlan, type PlanCell, type SheetPlan } from "./plan";

export const OFFER_COMPARISON_SHEET = "Offer Comparison";

/** The Offers table's columns, in SPEC order, as the parser reads them back. */
export const OFFER_COLUMNS = [
  "offer",
  "base_salary",
  "hourly_rate",
  "pay_per_unit",
  "unit",
  "units_per_hour",
  "paid_hours_per_week",
  "weeks_per_year",
  "unpaid_hours_per_week",
  "no_show_rate",
  "paid_no_show_share",
  "combine",
  "advertised_annual",
] as const;

export const SCENARIO_COLUMNS = ["scenario", "volume_factor", "months", "no_show_add", "unpaid_factor", "wrvu_factor"] as const;

export const TIER_COLUMNS = ["offer", "threshold", "rate", "method", "rate step"] as const;

/** SPEC §3's results columns, then helper columns an auditor can follow step by step. */
export const RESULT_COLUMNS = [
  "Offer",
  "Scenario",
  "Annual pay",
  "Effective hourly",
  "Annual units",
  "Advertised",
  "Gap to advertised",
  "Units per hour (scenario)",
  "No-show rate (scenario)",
  "Unpaid hours/week (scenario)",
  "Guarantee",
  "Production",
  "Paid hours/yr",
  "Unpaid hours/yr",
] as const;

export const SUMMARY_COLUMNS = ["Offer", "Expected rank", "Worst scenario", "Worst effective hourly"] as const;

export const BEST_LABEL = "Best per real hour (Expected)";
export const MATRIX_TITLE = "Effective hourly by scenario";

const O = Object.fromEntries(OFFER_COLUMNS.map((c, i) => [c, i])) as Record<(typeof OFFER_COLUMNS)[number], number>;
const S = Object.fromEntries(SCENARIO_COLUMNS.map((c, i) => [c, i])) as Record<(typeof SCENARIO_COLUMNS)[number], number>;
const T = { offer: 0, threshold: 1, rate: 2, method: 3, step: 4 };
const R = {
  offer: 0,
  scenario: 1,
  pay: 2,
  hourly: 3,
  units: 4,
  advertised: 5,
  gap: 6,
  uph: 7,
  noShow: 8,
  unpaid: 9,
  guarantee: 10,
  production: 11,
  paidYr: 12,
  unpaidYr: 13,
};
const M = { offer: 0, expectedRank: 1, worstScenario: 2, worstHourly: 3 };

/** Where each table sits (0-based rows); `first` is the first data row under the header. */
export interface OfferComparisonLayout {
  offers: { header: number; first: number; count: number };
  scenarios: { header: number; first: number; count: number };
  tiers: { header: number; first: number; count: number };
  results: { header: number; first: number; count: number };
  summary: { header: number; first: number; count: number };
  best: number;
  matrix: { header: number; first: number; count: number };
  chart: { row: number; col: number; width: number; height: number };
  /** Compare against, the match table, productivity levels and pay by volume (SPEC §3, "more"). */
  levels: OfferLevelsLayout;
  note: number;
}

/** All tables start in column A, one blank row and a section heading apart. */
export function offerComparisonLayout(offers: number, scenarios: number, tierRows: number): OfferComparisonLayout {
  let r = 3;
  const table = (count: number, bodyRows = count) => {
    const t = { header: r + 1, first: r + 2, count };
    r = t.first + bodyRows + 1;
    return t;
  };
  const o = table(offers);
  const s = table(scenarios);
  // With no tiers, one row says so instead of an empty table.
  const t = table(tierRows, Math.max(tierRows, 1));
  const res = table(offers * scenarios);
  const sum = { header: r + 1, first: r + 2, count: offers };
  const best = sum.first + offers;
  r = best + 2;
  const m = { header: r + 1, first: r + 2, count: offers };
  const chart = { row: r, col: scenarios + 2, width: 9, height: Math.max(18, offers + 4) };
  const levels = offerLevelsLayout(Math.max(m.first + offers, chart.row + chart.height) + 1, offers);
  const note = levels.end + 1;
  return { offers: o, scenarios: s, tiers: t, results: res, summary: sum, best, matrix: m, chart, levels, note };
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
  input: OfferComparisonInput;
  offers: readonly Offer[];
  scenarios: readonly Scenario[];
  comparison: OfferComparison;
  tiers: TierRow[];
  L: OfferComparisonLayout;
  nO: number;
  nS: number;
  tFirst: number;
  tLast: number;
  oRef(i: number, col: number): string;
  sRef(j: number, col: number): string;
  resultRow(i: number, j: number): number;
  /** Offer i's production on `units` a year: its tiers, else pay_per_unit × units. */
  productionFormula(i: number, units: string): string;
}

function context(input: OfferComparisonInput): Ctx {
  const { offers, scenarios } = input;
  const comparison = compareOffers(offers, input.tiers, scenarios);
  const tiers = tierRows(offers, input.tiers);
  const nO = offers.length;
  const nS = scenarios.length;
  const L = offerComparisonLayout(nO, nS, tiers.length);
  const tFirst = L.tiers.first;
  const tLast = tFirst + tiers.length - 1;
  const oRef = (i: number, col: number) => abs(L.offers.first + i, col);
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
    input, offers, scenarios, comparison, tiers, L, nO, nS, tFirst, tLast, oRef,
    sRef: (j, col) => abs(L.scenarios.first + j, col),
    resultRow: (i, j) => L.results.first + i * nS + j,
    productionFormula,
  };
}

/** The user's tables (Offers, Scenarios, Tiers with its rate step), copied as editable inputs. */
function inputBlocks(x: Ctx): Block[] {
  const { offers, scenarios, tiers, L, tFirst } = x;
  const blocks: Block[] = [];
  blocks.push(sectionBlock("Assumptions: offers (yellow cells are inputs; edit them and everything below recalculates)", L.offers.header - 1));
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
      L.offers.header,
      0,
      [undefined, FMT.money, FMT.money2, FMT.money2, undefined, FMT.number2, FMT.number1, FMT.number1, FMT.number1, FMT.percent, FMT.percent, undefined, FMT.money]
    )
  );

  blocks.push(sectionBlock("Assumptions: scenarios (each changes the offers' inputs before the formulas)", L.scenarios.header - 1));
  blocks.push(
    ...inputTableBlocks(
      [...SCENARIO_COLUMNS],
      scenarios.map((s) => [s.scenario, s.volumeFactor, s.months, s.noShowAdd, s.unpaidFactor, s.wrvuFactor]),
      L.scenarios.header,
      0,
      [undefined, FMT.number2, FMT.number, FMT.percent, FMT.number2, FMT.number2]
    )
  );

  blocks.push(sectionBlock("Assumptions: tiers (production pay on annual units; keep each offer's rows together, thresholds ascending)", L.tiers.header - 1));
  blocks.push(
    ...inputTableBlocks(
      TIER_COLUMNS.slice(0, 4),
      tiers.map((t) => [t.offer, t.threshold, t.rate, t.method]),
      L.tiers.header,
      0,
      [undefined, FMT.number, FMT.money2, undefined]
    )
  );
  if (tiers.length > 0) {
    const stepCells: PlanCell[][] = tiers.map((t, k) => {
      const r = tFirst + k;
      const rate = a1(r, T.rate);
      // "Previous rate of the same offer": the row above when it names the same offer, else 0.
      const f = k === 0 ? rate : `IF(${a1(r, T.offer)}=${a1(r - 1, T.offer)},${rate}-${a1(r - 1, T.rate)},${rate})`;
      return [{ f, v: t.step }];
    });
    blocks.push(tableBlock([TIER_COLUMNS[4]], stepCells, L.tiers.header, T.step, [FMT.money2]));
  } else {
    blocks.push({ row: tFirst, col: 0, style: "plain", cells: [["(none: each offer's production is pay_per_unit × annual units)"]] });
  }
  return blocks;
}

/** Results: one row per offer × scenario, every cell a formula over the assumptions. */
function resultBlocks(x: Ctx): Block[] {
  const { offers, scenarios, comparison, L, nS, oRef, sRef, resultRow, productionFormula } = x;
  const blocks: Block[] = [];
  const resultCells: PlanCell[][] = [];
  offers.forEach((_, i) => {
    scenarios.forEach((__, j) => {
      const row = resultRow(i, j);
      const x = (col: number) => a1(row, col);
      const c = comparison.rows[i * nS + j];
      const o = (col: number) => oRef(i, col);
      const s = (col: number) => sRef(j, col);
      const cells: PlanCell[] = [];
      cells[R.offer] = { f: o(O.offer), v: c.offer };
      cells[R.scenario] = { f: s(S.scenario), v: c.scenario };
      cells[R.pay] = {
        f: `IF(${o(O.combine)}="greater_of",MAX(${x(R.guarantee)},${x(R.production)}),${x(R.guarantee)}+${x(R.production)})`,
        v: c.annualPay,
      };
      cells[R.hourly] = { f: `${x(R.pay)}/(${x(R.paidYr)}+${x(R.unpaidYr)})`, v: c.effectiveHourly };
      cells[R.units] = {
        f: `${x(R.uph)}*${o(O.paid_hours_per_week)}*${o(O.weeks_per_year)}*(1-${x(R.noShow)}*(1-${o(O.paid_no_show_share)}))`,
        v: c.annualUnits,
      };
      cells[R.advertised] = { f: `IF(${o(O.advertised_annual)}="","",${o(O.advertised_annual)})`, v: c.advertised ?? "" };
      cells[R.gap] = { f: `IF(${x(R.advertised)}="","",${x(R.advertised)}-${x(R.pay)})`, v: c.gapToAdvertised ?? "" };
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
      cells[R.production] = { f: productionFormula(i, x(R.units)), v: c.production };
      cells[R.paidYr] = { f: `${o(O.paid_hours_per_week)}*${o(O.weeks_per_year)}`, v: c.paidHoursPerYear };
      cells[R.unpaidYr] = { f: `${x(R.unpaid)}*${o(O.weeks_per_year)}`, v: c.unpaidHoursPerYear };
      resultCells.push(cells);
    });
  });
  blocks.push(sectionBlock("Results: every offer in every scenario (columns from Units per hour on show the working)", L.results.header - 1));
  blocks.push(
    tableBlock([...RESULT_COLUMNS], resultCells, L.results.header, 0, [
      undefined,
      undefined,
      FMT.money,
      FMT.money2,
      FMT.number,
      FMT.money,
      FMT.money,
      FMT.number2,
      FMT.percent,
      FMT.number1,
      FMT.money,
      FMT.money,
      FMT.number,
      FMT.number,
    ])
  );
  return blocks;
}

/** Per offer: rank in the first scenario, worst scenario, and the best offer. */
function summaryBlocks(x: Ctx): Block[] {
  const { offers, scenarios, comparison, L, nO, nS, oRef, resultRow } = x;
  const blocks: Block[] = [];
  // --- Per offer: rank in the first scenario, worst scenario.
  const matrixRow = (i: number) => L.matrix.first + i;
  const expectedColumn = absRange(L.matrix.first, 1, L.matrix.first + nO - 1, 1);
  const summaryCells: PlanCell[][] = offers.map((_, i) => {
    const sum = comparison.summary[i];
    const first = resultRow(i, 0);
    const last = resultRow(i, nS - 1);
    const hourly = absRange(first, R.hourly, last, R.hourly);
    const row = L.summary.first + i;
    const cells: PlanCell[] = [];
    cells[M.offer] = { f: oRef(i, O.offer), v: sum.offer };
    cells[M.expectedRank] = { f: `RANK(${abs(matrixRow(i), 1)},${expectedColumn},0)`, v: sum.expectedRank };
    // MATCH on the number (never on a name) finds the first scenario with the lowest value.
    cells[M.worstScenario] = {
      f: `INDEX(${absRange(first, R.scenario, last, R.scenario)},MATCH(${a1(row, M.worstHourly)},${hourly},0))`,
      v: sum.worstScenario,
    };
    cells[M.worstHourly] = { f: `MIN(${hourly})`, v: sum.worstEffectiveHourly };
    return cells;
  });
  blocks.push(sectionBlock(`Per offer: rank by effective hourly in "${scenarios[0]?.scenario ?? ""}", and the scenario that hurts most`, L.summary.header - 1));
  blocks.push(tableBlock([...SUMMARY_COLUMNS], summaryCells, L.summary.header, 0, [undefined, FMT.number, undefined, FMT.money2]));
  const summaryOffers = absRange(L.summary.first, M.offer, L.summary.first + nO - 1, M.offer);
  blocks.push(
    ...labelledBlocks(
      [
        {
          label: BEST_LABEL,
          value: { f: `INDEX(${summaryOffers},MATCH(MAX(${expectedColumn}),${expectedColumn},0))`, v: comparison.best?.offer ?? "" },
        },
      ],
      L.best,
      0,
      "labels"
    )
  );
  return blocks;
}

/** The matrix feeding the chart (offers down, scenarios across), and the chart. */
function matrixBlocks(x: Ctx): { blocks: Block[]; chart: ChartPlan } {
  const { offers, scenarios, comparison, L, nO, nS, oRef, sRef, resultRow } = x;
  const blocks: Block[] = [];
  // --- Matrix feeding the chart: offers down, scenarios across.
  const matrixHeader: PlanCell[] = ["Offer", ...scenarios.map((s, j) => ({ f: sRef(j, S.scenario), v: s.scenario }))];
  const matrixCells: PlanCell[][] = offers.map((o, i) => [
    { f: oRef(i, O.offer), v: o.offer },
    ...scenarios.map((_, j) => ({ f: abs(resultRow(i, j), R.hourly), v: comparison.rows[i * nS + j].effectiveHourly })),
  ]);
  blocks.push(sectionBlock(MATRIX_TITLE, L.matrix.header - 1));
  blocks.push({
    row: L.matrix.header,
    col: 0,
    style: "table",
    cells: [matrixHeader, ...matrixCells],
    formats: [undefined, ...scenarios.map(() => FMT.money2)],
  });

  const lastMatrix = L.matrix.first + nO - 1;
  const chart: ChartPlan = {
    type: "column",
    title: "Effective hourly by offer and scenario",
    categoriesRef: absRange(L.matrix.first, 0, lastMatrix, 0),
    series: scenarios.map((_, j) => ({
      nameRef: abs(L.matrix.header, 1 + j),
      valuesRef: absRange(L.matrix.first, 1 + j, lastMatrix, 1 + j),
    })),
    at: L.chart,
    yAxisTitle: "$ per hour worked (paid + unpaid)",
    valueFormat: FMT.money,
  };
  return { blocks, chart };
}

/** The cells the sections below the results read, by name. */
function levelRefs(x: Ctx): OfferSheetRefs {
  return {
    offers: x.offers,
    scenario: x.scenarios[0],
    tiers: x.input.tiers,
    offer: (i, col) => x.oRef(i, O[col]),
    scenarioCell: (col) => x.sRef(0, S[col]),
    result: (i, col) => abs(x.resultRow(i, 0), R[col]),
    production: x.productionFormula,
    tierRows: { first: x.tFirst, count: x.tiers.length },
    tierCols: T,
  };
}

/** Builds the plan; also returns the core numbers its cached values came from. */
export function buildOfferComparison(input: OfferComparisonInput): { plan: SheetPlan; comparison: OfferComparison; layout: OfferComparisonLayout; levels: OfferLevelFigures } {
  const { offers, scenarios } = input;
  // The parsers never hand over an empty table; a caller that does would get ranges that run
  // backwards, so it is told plainly instead.
  if (offers.length === 0 || scenarios.length === 0) throw new Error("Offer Comparison needs at least one offer and one scenario");
  const x = context(input);
  const { comparison, L, nS } = x;
  const matrix = matrixBlocks(x);
  // Below the matrix: Compare against, productivity levels and pay by volume (offer-levels.ts).
  const levels = offerLevelFigures(offers, input.tiers, scenarios[0]);
  const more = offerLevelBlocks(levelRefs(x), L.levels, levels);
  const blocks: Block[] = [
    titleBlock(OFFER_COMPARISON_SHEET),
    metaBlock(input.builtAt, input.source),
    ...inputBlocks(x),
    ...resultBlocks(x),
    ...summaryBlocks(x),
    ...matrix.blocks,
    ...more.blocks,
    noteBlock(NOTE, L.note),
  ];

  return {
    plan: {
      kind: "offer-comparison",
      name: OFFER_COMPARISON_SHEET,
      blocks,
      columnWidths: columnWidths(nS),
      freeze: { rows: 2, cols: 0 },
      charts: [matrix.chart, ...more.charts],
    },
    comparison,
    layout: L,
    levels,
  };
}

/** The Offer Comparison sheet plan (SPEC §3). */
export function buildOfferComparisonPlan(input: OfferComparisonInput): SheetPlan {
  return buildOfferComparison(input).plan;
}

function columnWidths(scenarios: number): number[] {
  const widths: number[] = [];
  const fit = (headers: readonly string[]) =>
    headers.forEach((h, c) => {
      widths[c] = Math.max(widths[c] ?? 12, Math.min(h.length + 2, 30));
    });
  fit(OFFER_COLUMNS);
  fit(SCENARIO_COLUMNS);
  fit(RESULT_COLUMNS);
  fit(SUMMARY_COLUMNS);
  fit(["", ...Array.from({ length: scenarios }, () => "Volume −20% for 3 months")]);
  // Column A holds offer names and labels.
  widths[0] = 32;
  return widths;
}

const NOTE = [
  "Each Results row is one offer in one scenario. Effective hourly = annual pay ÷ every hour worked in the year: paid clinical hours plus unpaid charting, inbox, results and callback time. Compare offers by it: it is what an hour of your week is really worth.",
  "Annual pay = guarantee + production (combine = plus) or the larger of the two (combine = greater_of). Guarantee = base_salary + hourly_rate × paid hours. Production = the offer's tiers applied to its annual units when the Tiers table has rows for it, otherwise pay_per_unit × annual units.",
  "Annual units = units_per_hour × paid_hours_per_week × weeks_per_year × (1 − no_show_rate × (1 − paid_no_show_share)): the booked visits (or wRVUs) less the no-shows nobody pays for.",
  "Gap to advertised = Advertised − Annual pay: a positive number is how far the offer falls short of what the recruiter quoted, a negative one how much more it pays. Both are blank when the offer has no advertised_annual.",
  "Expected rank orders the offers by effective hourly in the first scenario (Expected): 1 pays best per real hour, and equal values share a rank. Worst scenario is the scenario with the lowest effective hourly for that offer (the first one listed on a tie): how the offer survives a bad quarter.",
  "A scenario changes the inputs before the formulas: units_per_hour × (1 + (volume_factor − 1) × months ÷ 12); no_show_rate + no_show_add, kept between 0 and 1; unpaid_hours_per_week × unpaid_factor; and, for offers paid per wRVU only, units × wrvu_factor.",
  "Tiers apply to annual units strictly above each threshold: marginal pays each tier's rate on the units inside it, cliff pays the highest tier reached on all units, flat pays the highest tier reached as one sum. Rate step (this rate − the previous rate of the same offer) lets the formulas do that without array formulas.",
  "Compare against names the offer to match (type another offer's name). Per offer, in the first scenario: Pay to match = the compared offer's effective hourly × this offer's hours a year; Units per hour to match is the least units_per_hour at which this offer pays it: 0 when its guarantee alone does, blank when no volume does. A cliff or flat tier can jump past the pay: then the answer is its threshold, and the pay is reached just above it. The helper columns beside the Tiers table show the working, one tier segment (threshold to the next threshold) per row.",
  "Effective $ per wRVU = expected annual pay ÷ annual wRVUs, everything the job pays per wRVU you produce (blank for offers paid per visit). Effective hourly by productivity level multiplies units_per_hour by each level's factor (the published telemedicine spread of 3.1, 4.3, 6.2 and 7.0 wRVUs an hour: the bottom quartile, the median, the top decile, and what recruiters quote); change a factor and the table follows.",
  "Annual pay by volume prices 50% to 150% of each offer's expected annual units: a tier cliff shows as a step in the chart, and how close the expected volume (100%) sits to one.",
  "Every number is a formula over the yellow cells, so it stays live for anyone who opens the file, with or without the ClinPay add-in.",
];
