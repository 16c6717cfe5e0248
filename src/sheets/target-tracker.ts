/**
 * The Target Tracker sheet (SPEC §3): YTD wRVUs projected to the year, the gap to target, the
 * weekly pace still needed, the projected bonus and the rebased salary, beside illustrative
 * specialty medians. The answer first: the Bottom line (Ahead, On pace or Behind), the headline
 * figures and the main chart. Every figure is a native formula over the Assumptions cells (and
 * the copied Tiers table and production rows), so the sheet answers "what if" when the user types
 * a new YTD or As of date.
 */
import { FMT, formula as fx, type PlanCell, type SheetPlan } from "./plan";
import { strLit } from "./criteria";
import { ON_PACE_WITHIN, PERIOD_IS_OVER, targetMetrics, type TargetInput, type TargetMetrics } from "../core/targets";
import { BENCHMARK_SOURCE, SPECIALTY_WRVU_MEDIANS } from "../core/data/benchmarks";
import { tierPayoutFormula } from "./tier-formula";
import { copyProduction, MONTHLY_HEADERS, monthlyRows, type ProductionSource } from "./target-production";
import { DataSheet } from "./data-sheet";
import { SheetLayout, type Area } from "./layout";
import { rvuYearFigure } from "./rvu-year";
import { sheetRef } from "./a1";
import { noteSections, reserveBottomLine, reserveFigures, reserveTable, sheetTop, type Figure, type Figures } from "./sections";
import { dollars, either, lit, one, sentence, two, when, whole } from "./sentence";
import { SURVEY_LABELS, reserveSurvey, type SurveySection } from "./target-survey";

export const TARGET_SHEET_NAME = "Target Tracker";

/** Label texts, exactly as SPEC §3 spells them. */
export const TARGET_LABELS = {
  wrvuTarget: "wRVU target",
  ytd: "YTD wRVUs",
  asOf: "As of",
  periodStart: "Period start",
  dollarsPerWrvu: "$ per wRVU",
  baseSalary: "Base salary",
  onPaceWithin: "On pace means within",
  tierMethod: "Tier method",
  standing: "Standing",
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
  ...SURVEY_LABELS,
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

type Tiers = TargetInput["tiers"];

const HEADLINE = ["standing", "projected", "gap", "pace", "catchUp", "bonus"] as const;
const ASSUMPTIONS = ["wrvuTarget", "ytd", "asOf", "periodStart", "dollarsPerWrvu", "baseSalary", "onPaceWithin", "tierMethod", "rvuYear"] as const;
const PROJECTION = ["daysInPeriod", "daysElapsed", "daysRemaining", "rebased", "averagePerWeek", "effectiveDpw", "monthsBelowPace"] as const;
/** Target Tracker, more (SPEC §3): Clinical FTE among the Assumptions; the survey row beside them (target-survey.ts). */
const FTE = ["clinicalFte"] as const;
type FigureKey = (typeof HEADLINE)[number] | (typeof ASSUMPTIONS)[number] | (typeof PROJECTION)[number] | (typeof FTE)[number];

/** Every section's place, reserved before any formula is written. */
function reserve(layout: SheetLayout, tiers: Tiers, p: ProductionSource | undefined) {
  const page = layout.cursor;
  const answer = reserveBottomLine(page);
  const [glance, chartSide] = page.columns(3, 8);
  const headline = reserveFigures(glance, "At a glance", HEADLINE);
  const mainChart = chartSide.chart(15);
  page.join([glance, chartSide]);

  const [left, right] = page.columns(3, 8);
  // Tier method only with tiers; the RVU year only with copied rows to price.
  const assumptions = reserveFigures(left, "Assumptions", [...ASSUMPTIONS.filter((k) => (k !== "tierMethod" || tiers) && (k !== "rvuYear" || p)), ...FTE]);
  const tierTable = tiers ? reserveTable(right, `Tiers (${tiers.method}; a tier pays on wRVUs strictly above its threshold)`, TARGET_TABLES.tiers.length, tiers.thresholds.length) : undefined;
  const survey = reserveSurvey(right);
  page.join([left, right]);

  const [figures, side] = page.columns(5, 6);
  const projection = reserveFigures(figures, "Projection", p ? PROJECTION : PROJECTION.filter((k) => k !== "monthsBelowPace"));
  const monthly = p ? reserveTable(figures, "Month by month against the target's pace", MONTHLY_HEADERS.length, p.figures.months.length) : undefined;
  const standing = reserveTable(side, "Where you stand", TARGET_TABLES.standing.length, 3);
  const medians = reserveTable(side, "Specialty medians (illustrative)", TARGET_TABLES.medians.length, SPECIALTY_WRVU_MEDIANS.length);
  const mediansSource = side.take(1);
  page.join([figures, side]);

  // The chart not at the top (where you stand, when the monthly chart is the main one) and the medians' chart.
  const charts: Area[] = p ? page.columns(5, 6).map((c) => c.chart(14)) : [page.columns(5, 6)[1].chart(14)];
  page.row = Math.max(page.row, ...charts.map((a) => a.row + a.rows + 1));
  return { answer, headline, mainChart, assumptions, tierTable, survey, projection, monthly, standing, medians, mediansSource, charts, notes: page };
}
type Places = ReturnType<typeof reserve>;

/** Every figure, each a formula over the Assumptions (and the tiers, the copied rows, the monthly table). */
function figures(input: TargetPlanInput, m: TargetMetrics, places: Places, refs: Record<FigureKey, string>, tiers: Tiers, between?: (lo: string, hi: string) => string, belowRange?: string): Record<FigureKey, Figure> {
  const labels = TARGET_LABELS;
  const p = input.production;
  const d = input.defaults ?? {};
  const tierTable = places.tierTable;
  const bonusF = tierTable && tiers
    ? tierPayoutFormula({ units: refs.projected, thresholds: tierTable.column(0), steps: tierTable.column(2), isMethod: (method) => `${refs.tierMethod}=${strLit(method)}` })
    : `${refs.dollarsPerWrvu}*MAX(0,${refs.projected}-${refs.wrvuTarget})`;
  return {
    wrvuTarget: { label: labels.wrvuTarget, value: input.wrvuTarget, format: FMT.wrvu },
    ytd: {
      label: labels.ytd,
      value: p && between ? fx(between(refs.periodStart, refs.asOf), input.ytd) : input.ytd,
      format: FMT.wrvu,
      aside: p ? `the ${p.from === "log" ? "completed visits" : "report lines"} on the data sheet, Period start to As of` : "wRVUs so far this period",
    },
    asOf: { label: labels.asOf, value: input.asOf, format: FMT.date },
    periodStart: { label: labels.periodStart, value: m.periodStart, format: FMT.date, aside: d.periodStart ? "Jan 1 of As of's year (default)" : undefined },
    dollarsPerWrvu: { label: labels.dollarsPerWrvu, value: input.dollarsPerWrvu, format: FMT.money2, aside: d.dollarsPerWrvu ? "ClinPay's default: type yours" : undefined },
    baseSalary: { label: labels.baseSalary, value: input.baseSalary ?? 0, format: FMT.money, aside: d.baseSalary ? "0 unless typed: your guaranteed salary" : "a year" },
    onPaceWithin: { label: labels.onPaceWithin, value: ON_PACE_WITHIN, format: FMT.percent, aside: "of the target: On pace, not Ahead or Behind" },
    tierMethod: { label: labels.tierMethod, value: tiers?.method ?? null, align: "right", aside: "marginal, cliff or flat" },
    rvuYear: rvuYearFigure(refs.rvuYear, p?.figures.cms.years ?? [], p?.rvuYear),
    standing: {
      label: labels.standing,
      value: fx(`IF(ABS(${refs.gap})<=${refs.onPaceWithin}*${refs.wrvuTarget},"On pace",IF(${refs.gap}<0,"Ahead","Behind"))`, m.standing),
      align: "right",
      aside: "the projection against the target",
    },
    daysInPeriod: { label: labels.daysInPeriod, value: fx(`DATE(YEAR(${refs.periodStart})+1,MONTH(${refs.periodStart}),DAY(${refs.periodStart}))-${refs.periodStart}`, m.daysInPeriod), format: FMT.days },
    daysElapsed: { label: labels.daysElapsed, value: fx(`${refs.asOf}-${refs.periodStart}+1`, m.daysElapsed), format: FMT.days },
    daysRemaining: { label: labels.daysRemaining, value: fx(`${refs.daysInPeriod}-${refs.daysElapsed}`, m.daysRemaining), format: FMT.days },
    projected: { label: labels.projected, value: fx(`${refs.ytd}*${refs.daysInPeriod}/${refs.daysElapsed}`, m.projected), format: FMT.wrvu, aside: "a year, at the pace so far" },
    gap: { label: labels.gap, value: fx(`${refs.wrvuTarget}-${refs.projected}`, m.gap), format: FMT.wrvu, aside: "target − projection (negative: ahead)" },
    pace: {
      label: labels.pace,
      value: fx(`IF(${refs.daysRemaining}<=0,${strLit(PERIOD_IS_OVER)},MAX(0,${refs.wrvuTarget}-${refs.ytd})/(${refs.daysRemaining}/7))`, m.paceNeeded ?? PERIOD_IS_OVER),
      format: FMT.wrvuPerWeek,
      align: "right",
      aside: "each week left, to reach the target",
    },
    bonus: { label: labels.bonus, value: fx(bonusF, m.bonus), format: FMT.money, aside: "a year, on the projection" },
    rebased: { label: labels.rebased, value: fx(`${refs.projected}*${refs.dollarsPerWrvu}`, m.rebasedSalary), format: FMT.money, aside: "a year" },
    averagePerWeek: { label: labels.averagePerWeek, value: fx(`${refs.ytd}/(${refs.daysElapsed}/7)`, m.averagePerWeek), format: FMT.wrvuPerWeek },
    // Blank, never an error, when the period is over (Pace is text) or nothing is produced yet.
    catchUp: { label: labels.catchUp, value: fx(`IF(OR(${refs.daysRemaining}<=0,${refs.averagePerWeek}=0),"",${refs.pace}/${refs.averagePerWeek})`, m.catchUpRatio), format: FMT.number2, aside: "pace needed ÷ average so far" },
    effectiveDpw: { label: labels.effectiveDpw, value: fx(`IF(${refs.projected}=0,"",(${refs.baseSalary}+${refs.bonus})/${refs.projected})`, m.effectiveDollarsPerWrvu), format: FMT.money2 },
    monthsBelowPace: { label: labels.monthsBelowPace, value: belowRange && p ? fx(`COUNTIF(${belowRange},${strLit("yes")})`, p.figures.monthsBelowPace) : null, format: FMT.number },
    clinicalFte: fteFigure(input),
  };
}

/** Clinical FTE: 1 unless typed, the FTE the wRVUs were produced at. */
const fteFigure = (input: TargetPlanInput): Figure => ({
  label: TARGET_LABELS.clinicalFte,
  value: input.clinicalFte ?? 1,
  format: FMT.number2,
  aside: input.clinicalFte === undefined ? "1 unless typed: the FTE your wRVUs were produced at" : "the FTE your wRVUs were produced at",
});

/** The answer: Ahead, On pace or Behind, projected against the target, the pace and catch-up ratio needed, the bonus. */
function bottomLine(m: TargetMetrics, input: TargetPlanInput, refs: Record<FigureKey, string>, survey: SurveySection): PlanCell {
  const gapText = either(
    `${refs.gap}>0`,
    m.gap > 0,
    [whole(refs.gap, m.gap), lit(" short")],
    [either(`${refs.gap}<0`, m.gap < 0, [whole(`-${refs.gap}`, -m.gap), lit(" over")], [lit("exactly on it")])]
  );
  const pace = either(
    `${refs.daysRemaining}<=0`,
    m.daysRemaining <= 0,
    [lit(" The period is over.")],
    [
      lit(" Pace needed: "),
      one(refs.pace, m.paceNeeded),
      lit(" wRVUs a week from here on"),
      either(`${refs.catchUp}=""`, m.catchUpRatio === null, [lit(".")], [lit(", "), two(refs.catchUp, m.catchUpRatio), lit(" times your average so far.")]),
    ]
  );
  return sentence([
    { f: refs.standing, v: m.standing },
    lit(": projected "),
    whole(refs.projected, m.projected),
    lit(" wRVUs against a target of "),
    whole(refs.wrvuTarget, input.wrvuTarget),
    lit(" ("),
    gapText,
    lit(")."),
    pace,
    lit(" Projected bonus: "),
    dollars(refs.bonus, m.bonus),
    lit("."),
    // Only with a survey typed: where the year at full time falls on it.
    when(`${survey.percentile}<>""`, m.surveyPercentile !== null, [
      lit(" At 1.0 FTE that is "),
      whole(survey.atFullFte, m.projectedAtFullFte),
      lit(" wRVUs a year, percentile "),
      one(survey.percentile, m.surveyPercentile),
      lit(" of your survey."),
    ]),
  ]);
}

function noteParagraphs(tiers: Tiers, p: ProductionSource | undefined): string[] {
  const lines = [
    "Projected annual wRVUs scales YTD wRVUs to a full year: YTD × days in the period ÷ days elapsed (As of counts as elapsed). The period is one calendar year from Period start. Standing is On pace when the projection is within On pace means within of the target, else Ahead or Behind.",
    "Projected gap is the target minus the projection: negative means you are on track to beat it. Pace needed per week is what each remaining week must add to reach the target from YTD.",
    tiers
      ? "Projected bonus prices the projection on the Tiers table (a tier pays on wRVUs strictly above its threshold; marginal pays each tier's rate on the wRVUs inside it, cliff pays the highest tier reached on every wRVU, flat pays that tier's amount once)."
      : "Projected bonus is $ per wRVU on every projected wRVU above the target (the common \"$X per wRVU above target\" contract). Give a Tiers table for a stepped schedule.",
    "Average per week so far is YTD ÷ (days elapsed ÷ 7); Catch-up ratio is Pace needed per week ÷ that average: above 1, the rest of the year must run faster than it has so far. Effective $ per wRVU is (Base salary + Projected bonus) ÷ Projected annual wRVUs: what each wRVU pays all in.",
    "Rebased salary is the projection × $ per wRVU: what a production-based rebase would reset your salary to. Specialty medians are illustrative ranges, not survey results: compare, don't aim.",
    "Projected wRVUs at 1.0 FTE = Projected annual wRVUs ÷ Clinical FTE: a part-time year as full time, to set beside a survey of full-time clinicians. Survey percentile places it on the four points you type from your own survey (Survey p25, p50, p75, p90, e.g. MGMA's for your specialty): straight lines between the points, the nearest line continued beyond them, kept between 1 and 99. It stays blank until all four are typed, each above the one before.",
  ];
  if (p) {
    lines.push(
      `YTD wRVUs sums the ${p.from === "log" ? "log's completed visits (no-shows and cancels produce none)" : "report's lines (voids are negative and subtract)"} copied on the Target Tracker data sheet, dated from Period start to As of: each row's wRVU, else its units × the CMS work RVU of its code (the block beside the copied rows: add a code there to price it), else 0. The monthly table does the same month by month; Target pace is the target × the days from Period start through the month's last day (or As of) ÷ days in the period, and Months below pace counts the months whose cumulative wRVUs are below it.`,
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
    targetMetrics({ wrvuTarget: input.wrvuTarget, ytd: input.ytd, asOf: input.asOf, periodStart: input.periodStart, dollarsPerWrvu: input.dollarsPerWrvu, tiers, baseSalary: input.baseSalary, clinicalFte: input.clinicalFte, survey: input.survey });
  const p = input.production;
  const data = p ? new DataSheet(TARGET_SHEET_NAME, input.builtAt, input.source) : undefined;

  const layout = new SheetLayout();
  sheetTop(layout, TARGET_SHEET_NAME, input.builtAt, input.source);
  const places = reserve(layout, tiers, p);
  const refs = { ...places.headline.ref, ...places.assumptions.ref, ...places.projection.ref } as Record<FigureKey, string>;
  const between = p && data ? copyProduction(data, p, sheetRef(TARGET_SHEET_NAME, refs.rvuYear)).between : undefined;
  const monthly = p && between && places.monthly ? monthlyRows(p, { start: refs.periodStart, asOf: refs.asOf, target: refs.wrvuTarget, daysInPeriod: refs.daysInPeriod }, between, places.monthly) : undefined;
  const all = figures(input, m, places, refs, tiers, between, monthly?.belowRange);
  const fill = <K extends FigureKey>(f: Figures<K>, style?: "assumptions") => f.fill(layout, Object.fromEntries(f.keys.map((k) => [k, all[k]])) as Record<K, Figure>, style);
  places.answer.fill(layout, bottomLine(m, input, refs, places.survey));
  places.survey.fill(layout, input.survey, m, refs);
  fill(places.headline);
  fill(places.assumptions, "assumptions");
  // YTD summed from copied rows is a formula, not an input: it looks like a figure.
  if (p) layout.blocks.find((b) => b.row === places.assumptions.area.row + 1 && b.col === places.assumptions.area.col)!.style = "labels";
  fill(places.projection);

  if (tiers && places.tierTable) {
    const t = places.tierTable;
    places.tierTable.fill(
      layout,
      TARGET_TABLES.tiers,
      tiers.thresholds.map((threshold, i) => [
        threshold,
        tiers.rates[i],
        // The step between consecutive rates turns every method into one SUMPRODUCT.
        i === 0 ? fx(t.cell(0, 1), tiers.rates[0]) : fx(`${t.cell(i, 1)}-${t.cell(i - 1, 1)}`, tiers.rates[i] - tiers.rates[i - 1]),
      ]),
      { formats: [FMT.number, FMT.money2, FMT.money2] }
    );
  }
  const labels = TARGET_LABELS;
  const standing = places.standing;
  standing.fill(layout, TARGET_TABLES.standing, [[labels.ytd, fx(refs.ytd, input.ytd)], [labels.projected, fx(refs.projected, m.projected)], [labels.wrvuTarget, fx(refs.wrvuTarget, input.wrvuTarget)]], { formats: [undefined, FMT.number] });
  const medians = places.medians;
  medians.fill(layout, TARGET_TABLES.medians, SPECIALTY_WRVU_MEDIANS.map((s) => [s.specialty, s.low, s.high, fx(refs.projected, m.projected)]), { formats: [undefined, FMT.number, FMT.number, FMT.number] });
  layout.place({ row: places.mediansSource.row, col: places.mediansSource.col, style: "meta", cells: [[`Annual wRVUs. ${BENCHMARK_SOURCE}: a reference point, not a target.`]] });

  const standingChart = {
    type: "column" as const,
    title: "YTD, projected and target wRVUs",
    categoriesRef: standing.column(0),
    series: [{ nameRef: standing.headerCell(1), valuesRef: standing.column(1) }],
    yAxisTitle: "wRVUs",
    valueFormat: FMT.number,
  };
  const mediansChart = {
    type: "column" as const,
    title: "Your projection beside specialty medians (illustrative)",
    categoriesRef: medians.column(0),
    series: [1, 2, 3].map((c) => ({ nameRef: medians.headerCell(c), valuesRef: medians.column(c) })),
    yAxisTitle: "Annual wRVUs",
    valueFormat: FMT.number,
  };
  if (p && monthly && places.monthly) {
    const t = places.monthly;
    t.fill(layout, MONTHLY_HEADERS, monthly.rows, { formats: monthly.formats, align: [undefined, undefined, undefined, undefined, "center"] });
    layout.chart(places.mainChart, {
      type: "line",
      title: "Cumulative wRVUs against the target's pace",
      categoriesRef: t.column(0),
      series: [2, 3].map((c) => ({ nameRef: t.headerCell(c), valuesRef: t.column(c) })),
      yAxisTitle: "wRVUs",
      valueFormat: FMT.number,
    });
    layout.chart(places.charts[0], standingChart);
    layout.chart(places.charts[1], mediansChart);
  } else {
    layout.chart(places.mainChart, standingChart);
    layout.chart(places.charts[0], mediansChart);
  }
  noteSections(places.notes, layout, noteParagraphs(tiers, p), input.inferred ?? []);
  return layout.finish("target-tracker", TARGET_SHEET_NAME, { dataSheets: data ? [data.finish("target-tracker")] : [] });
}


