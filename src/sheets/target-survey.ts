/**
 * Target Tracker, more (SPEC §3): the projection at 1.0 FTE set on the user's own survey. The
 * four points are inputs (blank unless typed: a survey is the user's, e.g. MGMA's for their
 * specialty), beside the Assumptions with the two figures they give, so a part-time year is
 * compared with full-time surveys without making the sheet a page longer.
 */
import type { TargetMetrics } from "../core/targets";
import type { Cursor, SheetLayout } from "./layout";
import { FMT, formula, type PlanCell } from "./plan";
import { reserveFigures, type Figures } from "./sections";

/** Label texts, exactly as SPEC §3 spells them. */
export const SURVEY_LABELS = {
  clinicalFte: "Clinical FTE",
  surveyP25: "Survey p25",
  surveyP50: "Survey p50",
  surveyP75: "Survey p75",
  surveyP90: "Survey p90",
  projectedAtFullFte: "Projected wRVUs at 1.0 FTE",
  surveyPercentile: "Survey percentile",
} as const;

const POINTS = ["surveyP25", "surveyP50", "surveyP75", "surveyP90"] as const;
const KEYS = [...POINTS, "projectedAtFullFte", "surveyPercentile"] as const;
type Key = (typeof KEYS)[number];

/**
 * BENCHMARK_PERCENTILE (src/core/percentile.ts) in native functions: linear between (25, p25),
 * (50, p50), (75, p75) and (90, p90), the nearest segment's slope continued beyond them, clamped
 * to 1..99; blank while a point is blank or the points do not rise (where the function is #VALUE!).
 */
export function percentileFormula(value: string, [p25, p50, p75, p90]: readonly string[]): string {
  const along = (from: string, to: string, at: number, span: number) => `${at}+(${value}-${from})/(${to}-${from})*${span}`;
  const pct = `IF(${value}<=${p50},${along(p25, p50, 25, 25)},IF(${value}<=${p75},${along(p50, p75, 50, 25)},${along(p75, p90, 75, 15)}))`;
  return `IF(COUNT(${p25},${p50},${p75},${p90})<4,"",IF(AND(${p25}<${p50},${p50}<${p75},${p75}<${p90}),MIN(99,MAX(1,${pct})),""))`;
}

/** The survey's points and the two figures they give, reserved beside the Assumptions, filled once the projection's cells are known. */
export class SurveySection {
  constructor(private readonly figures: Figures<Key>) {}

  /** The projection at 1.0 FTE and its percentile, absolute. */
  get atFullFte(): string {
    return this.figures.ref.projectedAtFullFte;
  }

  get percentile(): string {
    return this.figures.ref.surveyPercentile;
  }

  fill(layout: SheetLayout, survey: readonly number[] | undefined, m: TargetMetrics, refs: { projected: string; clinicalFte: string }): void {
    const r = this.figures.ref;
    const points = POINTS.map((k) => r[k]);
    const at = this.figures.area;
    POINTS.forEach((k, i) => {
      const aside = i === 0 ? "your survey's, e.g. MGMA's for your specialty" : i === 3 ? "all four, each above the one before" : undefined;
      layout.place({ row: at.row + i, col: at.col, style: "assumptions", cells: [[SURVEY_LABELS[k], survey ? survey[i] : null]], formats: [undefined, FMT.wrvu] });
      if (aside) layout.place({ row: at.row + i, col: at.col + 2, style: "aside", cells: [[aside]] });
    });
    const results: [Key, PlanCell, string, string][] = [
      ["projectedAtFullFte", formula(`${refs.projected}/${refs.clinicalFte}`, m.projectedAtFullFte), FMT.wrvu, "projected ÷ Clinical FTE: the year at full time"],
      ["surveyPercentile", formula(percentileFormula(this.atFullFte, points), m.surveyPercentile), FMT.number1, "where that falls on your survey (1 to 99)"],
    ];
    results.forEach(([k, value, format, aside], i) => {
      const row = at.row + POINTS.length + i;
      layout.place({ row, col: at.col, style: "labels", cells: [[SURVEY_LABELS[k], value]], formats: [undefined, format] });
      layout.place({ row, col: at.col + 2, style: "aside", cells: [[aside]] });
    });
  }
}

/** Reserves the survey's rows under their heading. */
export const reserveSurvey = (cursor: Cursor): SurveySection => new SurveySection(reserveFigures(cursor, "Your survey (annual wRVUs at 1.0 FTE; all four points, or none)", KEYS));
