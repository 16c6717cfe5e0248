/**
 * The Target Tracker sheet (SPEC §3): YTD wRVUs projected to the year, the gap to target, the
 * weekly pace still needed, the projected bonus and the rebased salary, beside illustrative
 * specialty medians. Every figure is a native formula over the Assumptions cells (and the copied
 * Tiers table), so the sheet answers "what if" when the user types a new YTD or As of date.
 */
import { abs, absRange } from "./a1";
import { FMT, type Block, type ChartPlan, type PlanCell, type SheetPlan } from "./plan";
import { labelledBlocks, metaBlock, noteBlock, sectionBlock, tableBlock, titleBlock, type Labelled } from "./blocks";
import { strLit } from "./criteria";
import { PERIOD_IS_OVER, targetMetrics, type TargetInput, type TargetMetrics } from "../core/targets";
import { BENCHMARK_SOURCE, SPECIALTY_WRVU_MEDIANS } from "../core/data/benchmarks";
import { tierPayoutFormula } from "./tier-formula";
import { copiedProductionBlocks, monthlyBlocks, productionRanges, productionWidths, type ProductionSource } from "./target-production";

export const TARGET_SHEET_NAME = "Target Tracker";

/** Label texts, exactly as SPEC §3 spells them. */
export const TARGET_LABELS = {
  wrvuTarget: "wRVU target",
  ytd: "YTD wRVUs",
  asOf: "As of",
  periodStart: "Period start",
  dollarsPerWrvu: "$ per wRVU",
  baseSalary: "Base salary",
  tierMethod: "Tier method",
  daysInPeriod: "Days in period",
  daysElapsed: "Days elapsed",
  daysRemaining: "Days remaining",
  projected: "Projected annual wRVUs",
  gap: "Projected gap",
  pace: "Pace needed per week",
  bonus: "Projected bonus",
  rebased: "Rebased salary",
  averagePerWeek: "Average per week so far",
  catchUp: "Catch-up ratio",
  effectiveDpw: "Effective $ per wRVU",
  monthsBelowPace: "Months below pace",
} as const;

export const TARGET_TABLES = {
  tiers: ["Threshold", "Rate", "Rate step"],
  medians: ["Specialty (illustrative)", "Median wRVUs, low", "Median wRVUs, high", "Your projection"],
  standing: ["Measure", "wRVUs"],
} as const;

export interface TargetPlanInput extends TargetInput {
  builtAt: Date;
  /** What the inputs came from, for the meta line, e.g. "command-line flags and tiers.csv". */
  source: string;
  /** Assumptions left at ClinPay's default, marked as such beside them. */
  defaults?: { dollarsPerWrvu?: boolean; periodStart?: boolean; baseSalary?: boolean };
  metrics?: TargetMetrics;
  /** YTD wRVUs summed from copied rows (a log's completed visits or a production report) instead of typed. */
  production?: ProductionSource;
  /** What reading the log or report inferred, said in the sheet's notes. */
  inferred?: string[];
}

const LABEL_COL = 0;
const VALUE_COL = 1;
const SIDE_COL = 3; // D: tiers, medians, the monthly table and chart data beside the projection
const CHART_COL = 8; // I

type Tiers = TargetInput["tiers"];
const f = (formula: string, v: number | string): PlanCell => ({ f: formula, v });
const side = (r: number, text: string): Block => ({ row: r, col: VALUE_COL + 1, style: "meta", cells: [[text]] });

/** Where every Assumptions and Projection cell is, fixed before any formula is written. */
function layout(input: TargetPlanInput, tiers: Tiers) {
  const A = 4;
  const assumptionRows = 6 + (tiers ? 1 : 0);
  const P = A + assumptionRows + 2;
  const v = (r: number) => abs(r, VALUE_COL);
  return {
    A,
    assumptionRows,
    P,
    figureRows: 11 + (input.production ? 1 : 0),
    TGT: v(A), YTD: v(A + 1), ASOF: v(A + 2), START: v(A + 3), DPW: v(A + 4), BASE: v(A + 5), METHOD: v(A + 6),
    DAYS: v(P), ELAPSED: v(P + 1), REMAIN: v(P + 2), PROJ: v(P + 3), PACE: v(P + 5), BONUS: v(P + 6), AVG: v(P + 8),
  };
}
type Layout = ReturnType<typeof layout>;

/** The Assumptions: typed inputs, except YTD wRVUs when it is summed from copied rows. */
function assumptionBlocks(input: TargetPlanInput, m: TargetMetrics, tiers: Tiers, at: Layout): Block[] {
  const L = TARGET_LABELS;
  const p = input.production;
  const ytd: Labelled = { label: L.ytd, value: p ? f(productionRanges(p).between(at.START, at.ASOF), input.ytd) : input.ytd, format: FMT.number1 };
  const items: Labelled[] = [
    { label: L.wrvuTarget, value: input.wrvuTarget, format: FMT.number },
    ytd,
    { label: L.asOf, value: input.asOf, format: FMT.date },
    { label: L.periodStart, value: m.periodStart, format: FMT.date },
    { label: L.dollarsPerWrvu, value: input.dollarsPerWrvu, format: FMT.money2 },
    { label: L.baseSalary, value: input.baseSalary ?? 0, format: FMT.money },
  ];
  if (tiers) items.push({ label: L.tierMethod, value: tiers.method });
  const A = at.A;
  const blocks = [sectionBlock("Assumptions", A - 1), ...labelledBlocks(items, A, LABEL_COL, "assumptions")];
  if (p) {
    // A formula, not an input: styled as a figure, with where it comes from beside it.
    blocks[2] = { ...blocks[2], style: "labels" };
    const what = p.from === "log" ? "completed visits" : "report lines";
    blocks.push(side(A + 1, `the ${what} copied at the right (column Q on), Period start to As of`));
  }
  if (input.defaults?.periodStart) blocks.push(side(A + 3, "Jan 1 of As of's year (default)"));
  if (input.defaults?.dollarsPerWrvu) blocks.push(side(A + 4, "ClinPay's default: type your contract's rate"));
  if (input.defaults?.baseSalary) blocks.push(side(A + 5, "0 unless typed: your guaranteed salary"));
  if (tiers) blocks.push(side(A + 6, "marginal, cliff or flat (see Tiers)"));
  return blocks;
}

/** Tiers copied beside the projection, and the bonus formula that reads them. */
function bonusBlocks(input: TargetPlanInput, tiers: Tiers, at: Layout): { blocks: Block[]; bonusF: string; end: number } {
  const { PROJ, METHOD } = at;
  if (!tiers) return { blocks: [], bonusF: `${at.DPW}*MAX(0,${PROJ}-${at.TGT})`, end: at.P - 1 };
  const tr = at.P - 1;
  const first = tr + 1;
  const last = first + tiers.thresholds.length - 1;
  const rows: PlanCell[][] = tiers.thresholds.map((t, i) => [
    t,
    tiers.rates[i],
    // The step between consecutive rates turns every method into one SUMPRODUCT.
    i === 0 ? f(abs(first, SIDE_COL + 1), tiers.rates[0]) : f(`${abs(first + i, SIDE_COL + 1)}-${abs(first + i - 1, SIDE_COL + 1)}`, tiers.rates[i] - tiers.rates[i - 1]),
  ]);
  const THR = absRange(first, SIDE_COL, last, SIDE_COL);
  const STEP = absRange(first, SIDE_COL + 2, last, SIDE_COL + 2);
  const bonusF = tierPayoutFormula({ units: PROJ, thresholds: THR, steps: STEP, isMethod: (m) => `${METHOD}=${strLit(m)}` });
  return {
    blocks: [
      sectionBlock(`Tiers (${tiers.method}; a tier pays on wRVUs strictly above its threshold)`, tr - 1, SIDE_COL),
      tableBlock([...TARGET_TABLES.tiers], rows, tr, SIDE_COL, [FMT.number, FMT.money2, FMT.money2]),
    ],
    bonusF,
    end: last,
  };
}

/** The Projection figures, each a formula over the Assumptions (and the monthly table). */
function figureItems(input: TargetPlanInput, m: TargetMetrics, at: Layout, bonusF: string, belowRange?: string): Labelled[] {
  const L = TARGET_LABELS;
  const { TGT, YTD, ASOF, START, BASE, DPW, DAYS, ELAPSED, REMAIN, PROJ, PACE, BONUS, AVG } = at;
  const items: Labelled[] = [
    { label: L.daysInPeriod, value: f(`DATE(YEAR(${START})+1,MONTH(${START}),DAY(${START}))-${START}`, m.daysInPeriod), format: FMT.number },
    { label: L.daysElapsed, value: f(`${ASOF}-${START}+1`, m.daysElapsed), format: FMT.number },
    { label: L.daysRemaining, value: f(`${DAYS}-${ELAPSED}`, m.daysRemaining), format: FMT.number },
    { label: L.projected, value: f(`${YTD}*${DAYS}/${ELAPSED}`, m.projected), format: FMT.number },
    { label: L.gap, value: f(`${TGT}-${PROJ}`, m.gap), format: FMT.number },
    { label: L.pace, value: f(`IF(${REMAIN}<=0,${strLit(PERIOD_IS_OVER)},MAX(0,${TGT}-${YTD})/(${REMAIN}/7))`, m.paceNeeded ?? PERIOD_IS_OVER), format: FMT.number1 },
    { label: L.bonus, value: f(bonusF, m.bonus), format: FMT.money },
    { label: L.rebased, value: f(`${PROJ}*${DPW}`, m.rebasedSalary), format: FMT.money },
    { label: L.averagePerWeek, value: f(`${YTD}/(${ELAPSED}/7)`, m.averagePerWeek), format: FMT.number1 },
    // Blank, never an error, when the period is over (Pace is text) or nothing is produced yet.
    { label: L.catchUp, value: f(`IF(OR(${REMAIN}<=0,${AVG}=0),"",${PACE}/${AVG})`, m.catchUpRatio ?? ""), format: FMT.number2 },
    { label: L.effectiveDpw, value: f(`IF(${PROJ}=0,"",(${BASE}+${BONUS})/${PROJ})`, m.effectiveDollarsPerWrvu ?? ""), format: FMT.money2 },
  ];
  if (belowRange && input.production) {
    items.push({ label: L.monthsBelowPace, value: f(`COUNTIF(${belowRange},${strLit("yes")})`, input.production.figures.monthsBelowPace), format: FMT.number });
  }
  return items;
}

/** "Where you stand" (YTD, projection, target) and its chart, from row `sr`. */
function standingBlocks(input: TargetPlanInput, m: TargetMetrics, at: Layout, sr: number) {
  const L = TARGET_LABELS;
  const first = sr + 2;
  const blocks = [
    sectionBlock("Where you stand", sr, SIDE_COL),
    tableBlock([...TARGET_TABLES.standing], [[L.ytd, f(at.YTD, input.ytd)], [L.projected, f(at.PROJ, m.projected)], [L.wrvuTarget, f(at.TGT, input.wrvuTarget)]], sr + 1, SIDE_COL, [undefined, FMT.number]),
  ];
  const chart: ChartPlan = {
    type: "column",
    title: "YTD, projected and target wRVUs",
    categoriesRef: absRange(first, SIDE_COL, first + 2, SIDE_COL),
    series: [{ nameRef: abs(sr + 1, SIDE_COL + 1), valuesRef: absRange(first, SIDE_COL + 1, first + 2, SIDE_COL + 1) }],
    at: { row: 3, col: CHART_COL, width: 7, height: 15 },
    yAxisTitle: "wRVUs",
    valueFormat: FMT.number,
  };
  return { blocks, chart, end: first + 2 };
}

/** Illustrative specialty medians beside the projection, from row `sr`, with their chart. */
function medianBlocks(m: TargetMetrics, at: Layout, sr: number) {
  const first = sr + 2;
  const meds = SPECIALTY_WRVU_MEDIANS;
  const last = first + meds.length - 1;
  const blocks: Block[] = [
    sectionBlock("Specialty medians (illustrative)", sr, SIDE_COL),
    tableBlock([...TARGET_TABLES.medians], meds.map((s) => [s.specialty, s.low, s.high, f(at.PROJ, m.projected)]), sr + 1, SIDE_COL, [undefined, FMT.number, FMT.number, FMT.number]),
    // A blank row first, so the source line does not read as a sixth specialty.
    { row: last + 2, col: SIDE_COL, style: "meta", cells: [[`Annual wRVUs. ${BENCHMARK_SOURCE}: a reference point, not a target.`]] },
  ];
  const chart: ChartPlan = {
    type: "column",
    title: "Your projection beside specialty medians (illustrative)",
    categoriesRef: absRange(first, SIDE_COL, last, SIDE_COL),
    series: [1, 2, 3].map((c) => ({ nameRef: abs(sr + 1, SIDE_COL + c), valuesRef: absRange(first, SIDE_COL + c, last, SIDE_COL + c) })),
    at: { row: 19, col: CHART_COL, width: 7, height: 16 },
    yAxisTitle: "Annual wRVUs",
    valueFormat: FMT.number,
  };
  return { blocks, chart, end: last + 2 };
}

function noteParagraphs(tiers: Tiers, p: ProductionSource | undefined): string[] {
  const lines = [
    "Projected annual wRVUs scales YTD wRVUs to a full year: YTD × days in the period ÷ days elapsed (As of counts as elapsed). The period is one calendar year from Period start.",
    "Projected gap is the target minus the projection: negative means you are on track to beat it. Pace needed per week is what each remaining week must add to reach the target from YTD.",
    tiers
      ? "Projected bonus prices the projection on the Tiers table (a tier pays on wRVUs strictly above its threshold; marginal pays each tier's rate on the wRVUs inside it, cliff pays the highest tier reached on every wRVU, flat pays that tier's amount once)."
      : "Projected bonus is $ per wRVU on every projected wRVU above the target (the common \"$X per wRVU above target\" contract). Give a Tiers table for a stepped schedule.",
    "Average per week so far is YTD ÷ (days elapsed ÷ 7); Catch-up ratio is Pace needed per week ÷ that average: above 1, the rest of the year must run faster than it has so far. Effective $ per wRVU is (Base salary + Projected bonus) ÷ Projected annual wRVUs: what each wRVU pays all in.",
    "Rebased salary is the projection × $ per wRVU: what a production-based rebase would reset your salary to. Specialty medians are illustrative ranges, not survey results: compare, don't aim.",
  ];
  if (p) {
    lines.push(
      `YTD wRVUs sums the ${p.from === "log" ? "log's completed visits (no-shows and cancels produce none)" : "report's lines (voids are negative and subtract)"} dated from Period start to As of: each row's wrvu, else its units × the CMS work RVU of its code (the block right of the copied rows: add a code there to price it), else 0. The monthly table does the same month by month; Target pace is the target × the days from Period start through the month's last day (or As of) ÷ days in the period, and Months below pace counts the months whose cumulative wRVUs are below it.`,
      "Edit a copied row, As of or Period start and every figure follows; the workbook needs no add-in."
    );
  } else {
    lines.push("Type a new YTD, As of or target in Assumptions and every figure follows; the workbook needs no add-in.");
  }
  return lines;
}

export function buildTargetPlan(input: TargetPlanInput): SheetPlan {
  const tiers = input.tiers && input.tiers.thresholds.length > 0 ? input.tiers : undefined;
  const m =
    input.metrics ??
    targetMetrics({ wrvuTarget: input.wrvuTarget, ytd: input.ytd, asOf: input.asOf, periodStart: input.periodStart, dollarsPerWrvu: input.dollarsPerWrvu, tiers, baseSalary: input.baseSalary });
  const at = layout(input, tiers);
  const p = input.production;
  const blocks: Block[] = [titleBlock(TARGET_SHEET_NAME), metaBlock(input.builtAt, input.source), ...assumptionBlocks(input, m, tiers, at)];
  const bonus = bonusBlocks(input, tiers, at);
  blocks.push(...bonus.blocks);

  // Beside the projection, top to bottom: tiers, where you stand, medians, the monthly table.
  const figEnd = at.P + at.figureRows - 1;
  const standing = standingBlocks(input, m, at, Math.max(figEnd, bonus.end) + 2);
  const medians = medianBlocks(m, at, standing.end + 2);
  const charts: ChartPlan[] = [standing.chart, medians.chart];
  blocks.push(...standing.blocks, ...medians.blocks);
  let noteRow = Math.max(medians.end + 2, figEnd + 2);
  let belowRange: string | undefined;
  if (p) {
    const monthAt = medians.end + 2;
    const monthly = monthlyBlocks(p, { start: at.START, asOf: at.ASOF, target: at.TGT, daysInPeriod: at.DAYS }, monthAt, SIDE_COL, { row: Math.max(monthAt, 36), col: CHART_COL });
    blocks.push(...monthly.blocks, ...copiedProductionBlocks(p));
    charts.push(monthly.chart);
    belowRange = monthly.belowRange;
    noteRow = Math.max(monthly.lastRow + 2, monthly.chart.at.row + monthly.chart.at.height + 1, figEnd + 2);
  }
  blocks.push(sectionBlock("Projection", at.P - 1), ...labelledBlocks(figureItems(input, m, at, bonus.bonusF, belowRange), at.P, LABEL_COL, "labels"));

  const notes = noteParagraphs(tiers, p);
  blocks.push(noteBlock(notes, noteRow));
  if (input.inferred && input.inferred.length > 0) {
    const inf = noteRow + notes.length + 2;
    blocks.push(sectionBlock("What ClinPay inferred from your export", inf), { row: inf + 1, col: 0, style: "note", cells: input.inferred.map((line) => [line]) });
  }

  const widths: number[] = [];
  widths[0] = 26;
  widths[1] = 14;
  // C is a gutter: the notes beside the Assumptions spill over the empty cells to their right.
  widths[2] = 3;
  widths[SIDE_COL] = 26;
  for (let c = SIDE_COL + 1; c <= SIDE_COL + 4; c++) widths[c] = 20;
  if (p) productionWidths(widths);
  return { kind: "target-tracker", name: TARGET_SHEET_NAME, blocks, charts, columnWidths: widths };
}
