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
}

const LABEL_COL = 0;
const VALUE_COL = 1;
const SIDE_COL = 3; // D: tiers, medians and chart data beside the projection
const CHART_COL = 8; // I

export function buildTargetPlan(input: TargetPlanInput): SheetPlan {
  const tiers = input.tiers && input.tiers.thresholds.length > 0 ? input.tiers : undefined;
  const m =
    input.metrics ??
    targetMetrics({
      wrvuTarget: input.wrvuTarget,
      ytd: input.ytd,
      asOf: input.asOf,
      periodStart: input.periodStart,
      dollarsPerWrvu: input.dollarsPerWrvu,
      tiers,
      baseSalary: input.baseSalary,
    });
  const L = TARGET_LABELS;
  const blocks: Block[] = [titleBlock(TARGET_SHEET_NAME), metaBlock(input.builtAt, input.source)];
  const charts: ChartPlan[] = [];
  const f = (formula: string, v: number | string): PlanCell => ({ f: formula, v });

  // --- Assumptions
  let row = 3;
  blocks.push(sectionBlock("Assumptions", row++));
  const assumptions: Labelled[] = [
    { label: L.wrvuTarget, value: input.wrvuTarget, format: FMT.number },
    { label: L.ytd, value: input.ytd, format: FMT.number1 },
    { label: L.asOf, value: input.asOf, format: FMT.date },
    { label: L.periodStart, value: m.periodStart, format: FMT.date },
    { label: L.dollarsPerWrvu, value: input.dollarsPerWrvu, format: FMT.money2 },
    { label: L.baseSalary, value: input.baseSalary ?? 0, format: FMT.money },
  ];
  if (tiers) assumptions.push({ label: L.tierMethod, value: tiers.method });
  const A = row;
  const TGT = abs(A, VALUE_COL);
  const YTD = abs(A + 1, VALUE_COL);
  const ASOF = abs(A + 2, VALUE_COL);
  const START = abs(A + 3, VALUE_COL);
  const DPW = abs(A + 4, VALUE_COL);
  const BASE = abs(A + 5, VALUE_COL);
  const METHOD = abs(A + 6, VALUE_COL);
  blocks.push(...labelledBlocks(assumptions, A, LABEL_COL, "assumptions"));
  const side = (r: number, text: string) => blocks.push({ row: r, col: VALUE_COL + 1, style: "meta", cells: [[text]] });
  if (input.defaults?.periodStart) side(A + 3, "Jan 1 of As of's year (default)");
  if (input.defaults?.dollarsPerWrvu) side(A + 4, "ClinPay's default: type your contract's rate");
  if (input.defaults?.baseSalary) side(A + 5, "0 unless typed: your guaranteed salary");
  if (tiers) side(A + 6, "marginal, cliff or flat (see Tiers)");
  row = A + assumptions.length + 1;

  // --- Projection
  blocks.push(sectionBlock("Projection", row++));
  const P = row;
  const DAYS = abs(P, VALUE_COL);
  const ELAPSED = abs(P + 1, VALUE_COL);
  const REMAIN = abs(P + 2, VALUE_COL);
  const PROJ = abs(P + 3, VALUE_COL);

  // Tiers copied beside the projection: the bonus formula reads them.
  let bonusF: string;
  let tiersEnd = P - 1;
  if (tiers) {
    const tr = P - 1;
    blocks.push(sectionBlock(`Tiers (${tiers.method}; a tier pays on wRVUs strictly above its threshold)`, tr - 1, SIDE_COL));
    const first = tr + 1;
    const last = first + tiers.thresholds.length - 1;
    const rows: PlanCell[][] = tiers.thresholds.map((t, i) => [
      t,
      tiers.rates[i],
      // The step between consecutive rates turns every method into one SUMPRODUCT.
      i === 0 ? f(abs(first, SIDE_COL + 1), tiers.rates[0]) : f(`${abs(first + i, SIDE_COL + 1)}-${abs(first + i - 1, SIDE_COL + 1)}`, tiers.rates[i] - tiers.rates[i - 1]),
    ]);
    blocks.push(tableBlock([...TARGET_TABLES.tiers], rows, tr, SIDE_COL, [FMT.number, FMT.money2, FMT.money2]));
    const THR = absRange(first, SIDE_COL, last, SIDE_COL);
    const STEP = absRange(first, SIDE_COL + 2, last, SIDE_COL + 2);
    const reached = `SUMPRODUCT((${PROJ}>${THR})*${STEP})`;
    bonusF =
      `IF(${METHOD}=${strLit("cliff")},${PROJ}*${reached},` +
      `IF(${METHOD}=${strLit("flat")},${reached},SUMPRODUCT((${PROJ}>${THR})*(${PROJ}-${THR})*${STEP})))`;
    tiersEnd = last;
  } else {
    bonusF = `${DPW}*MAX(0,${PROJ}-${TGT})`;
  }

  const figures: Labelled[] = [
    { label: L.daysInPeriod, value: f(`DATE(YEAR(${START})+1,MONTH(${START}),DAY(${START}))-${START}`, m.daysInPeriod), format: FMT.number },
    { label: L.daysElapsed, value: f(`${ASOF}-${START}+1`, m.daysElapsed), format: FMT.number },
    { label: L.daysRemaining, value: f(`${DAYS}-${ELAPSED}`, m.daysRemaining), format: FMT.number },
    { label: L.projected, value: f(`${YTD}*${DAYS}/${ELAPSED}`, m.projected), format: FMT.number },
    { label: L.gap, value: f(`${TGT}-${PROJ}`, m.gap), format: FMT.number },
    {
      label: L.pace,
      value: f(`IF(${REMAIN}<=0,${strLit(PERIOD_IS_OVER)},MAX(0,${TGT}-${YTD})/(${REMAIN}/7))`, m.paceNeeded ?? PERIOD_IS_OVER),
      format: FMT.number1,
    },
    { label: L.bonus, value: f(bonusF, m.bonus), format: FMT.money },
    { label: L.rebased, value: f(`${PROJ}*${DPW}`, m.rebasedSalary), format: FMT.money },
    { label: L.averagePerWeek, value: f(`${YTD}/(${ELAPSED}/7)`, m.averagePerWeek), format: FMT.number1 },
    // Blank, never an error, when the period is over (Pace is text) or nothing is produced yet.
    { label: L.catchUp, value: f(`IF(OR(${REMAIN}<=0,${abs(P + 8, VALUE_COL)}=0),"",${abs(P + 5, VALUE_COL)}/${abs(P + 8, VALUE_COL)})`, m.catchUpRatio ?? ""), format: FMT.number2 },
    { label: L.effectiveDpw, value: f(`IF(${PROJ}=0,"",(${BASE}+${abs(P + 6, VALUE_COL)})/${PROJ})`, m.effectiveDollarsPerWrvu ?? ""), format: FMT.money2 },
  ];
  blocks.push(...labelledBlocks(figures, P, LABEL_COL, "labels"));
  const figEnd = P + figures.length - 1;

  // --- Where you stand (chart data) and the specialty medians, beside the projection.
  let sr = Math.max(figEnd, tiersEnd) + 2;
  blocks.push(sectionBlock("Where you stand", sr, SIDE_COL));
  const standFirst = sr + 2;
  blocks.push(
    tableBlock(
      [...TARGET_TABLES.standing],
      [
        [L.ytd, f(YTD, input.ytd)],
        [L.projected, f(PROJ, m.projected)],
        [L.wrvuTarget, f(TGT, input.wrvuTarget)],
      ],
      sr + 1,
      SIDE_COL,
      [undefined, FMT.number]
    )
  );
  charts.push({
    type: "column",
    title: "YTD, projected and target wRVUs",
    categoriesRef: absRange(standFirst, SIDE_COL, standFirst + 2, SIDE_COL),
    series: [{ nameRef: abs(sr + 1, SIDE_COL + 1), valuesRef: absRange(standFirst, SIDE_COL + 1, standFirst + 2, SIDE_COL + 1) }],
    at: { row: 3, col: CHART_COL, width: 7, height: 15 },
    yAxisTitle: "wRVUs",
    valueFormat: FMT.number,
  });
  sr = standFirst + 3 + 1;

  blocks.push(sectionBlock("Specialty medians (illustrative)", sr, SIDE_COL));
  const medFirst = sr + 2;
  const meds = SPECIALTY_WRVU_MEDIANS;
  blocks.push(
    tableBlock(
      [...TARGET_TABLES.medians],
      meds.map((s) => [s.specialty, s.low, s.high, f(PROJ, m.projected)]),
      sr + 1,
      SIDE_COL,
      [undefined, FMT.number, FMT.number, FMT.number]
    )
  );
  const medLast = medFirst + meds.length - 1;
  // A blank row first, so the source line does not read as a sixth specialty.
  blocks.push({ row: medLast + 2, col: SIDE_COL, style: "meta", cells: [[`Annual wRVUs. ${BENCHMARK_SOURCE}: a reference point, not a target.`]] });
  charts.push({
    type: "column",
    title: "Your projection beside specialty medians (illustrative)",
    categoriesRef: absRange(medFirst, SIDE_COL, medLast, SIDE_COL),
    series: [1, 2, 3].map((c) => ({ nameRef: abs(sr + 1, SIDE_COL + c), valuesRef: absRange(medFirst, SIDE_COL + c, medLast, SIDE_COL + c) })),
    at: { row: 19, col: CHART_COL, width: 7, height: 16 },
    yAxisTitle: "Annual wRVUs",
    valueFormat: FMT.number,
  });

  const noteRow = Math.max(medLast + 4, figEnd + 2);
  blocks.push(
    noteBlock(
      [
        "Projected annual wRVUs scales YTD wRVUs to a full year: YTD × days in the period ÷ days elapsed (As of counts as elapsed). The period is one calendar year from Period start.",
        "Projected gap is the target minus the projection: negative means you are on track to beat it. Pace needed per week is what each remaining week must add to reach the target from YTD.",
        tiers
          ? "Projected bonus prices the projection on the Tiers table (a tier pays on wRVUs strictly above its threshold; marginal pays each tier's rate on the wRVUs inside it, cliff pays the highest tier reached on every wRVU, flat pays that tier's amount once)."
          : "Projected bonus is $ per wRVU on every projected wRVU above the target (the common \"$X per wRVU above target\" contract). Give a Tiers table for a stepped schedule.",
        "Average per week so far is YTD ÷ (days elapsed ÷ 7); Catch-up ratio is Pace needed per week ÷ that average: above 1, the rest of the year must run faster than it has so far. Effective $ per wRVU is (Base salary + Projected bonus) ÷ Projected annual wRVUs: what each wRVU pays all in.",
        "Rebased salary is the projection × $ per wRVU: what a production-based rebase would reset your salary to. Specialty medians are illustrative ranges, not survey results: compare, don't aim.",
        "Type a new YTD, As of or target in Assumptions and every figure follows; the workbook needs no add-in.",
      ],
      noteRow
    )
  );

  const widths: number[] = [];
  widths[0] = 26;
  widths[1] = 14;
  // C is a gutter: the notes beside the Assumptions spill over the empty cells to their right.
  widths[2] = 3;
  widths[SIDE_COL] = 26;
  for (let c = SIDE_COL + 1; c <= SIDE_COL + 3; c++) widths[c] = 20;
  return { kind: "target-tracker", name: TARGET_SHEET_NAME, blocks, charts, columnWidths: widths };
}
