/**
 * The Target Tracker's production blocks (SPEC §3 "Target Tracker, more"): the copied rows of a
 * log's completed visits or a wRVU report, the CMS block that prices a row without a wRVU, the
 * SUMIFS that sums them between two dates (YTD wRVUs and each month), and the monthly table of
 * cumulative wRVUs against the target's pace.
 */
import { abs, absRange } from "./a1";
import { FMT, type Block, type ChartPlan, type PlanCell } from "./plan";
import { sectionBlock, tableBlock } from "./blocks";
import { strLit } from "./criteria";
import type { Problem, ProductionRow } from "../core/inputs/types";
import { productionFigures, type PaceInput, type ProductionFigures } from "../core/production";
import type { ProductionRead } from "../core/inputs/production";
import type { FeeSchedule } from "../core/fee-schedule";
import { describeProduction } from "../core/exports/inferred";
import { cleanText } from "../core/cms-block";
import { rowsPastSheet } from "../core/limits";
import { wrvuSum } from "./cms-formula";

export const PRODUCTION_COPY_HEADERS = ["date", "code", "modifiers", "units", "wrvu", "provider", "source row"];
const COPY = { date: 0, code: 1, modifiers: 2, units: 3, wrvu: 4, provider: 5, row: 6 } as const;
export const MONTHLY_HEADERS = ["Month", "wRVUs", "Cumulative wRVUs", "Target pace", "Below pace"];
export const CMS_HEADERS = ["Code", "Work RVU", "Year"];
const MONTH_FMT = "mmm yyyy";

// The copied rows sit right of the charts (from column Q), the CMS block right of them.
export const COPY_COL = 16; // Q
const CMS_COL = COPY_COL + PRODUCTION_COPY_HEADERS.length + 1;
const COPY_HEADER_ROW = 4;
const COPY_FIRST_ROW = COPY_HEADER_ROW + 1;

export interface ProductionSource {
  rows: readonly ProductionRow[];
  figures: ProductionFigures;
  /** "log": a log's completed visits; "report": a wRVU production report's lines. */
  from: "log" | "report";
  /** The file or table, as the meta line and the section heading name it. */
  source: string;
}

/**
 * The rows of a log or report summed for the sheet (the CLI and the pane alike): the figures,
 * what the plan copies, and every sentence of what was inferred. `asOfFromRows`: As of was not
 * given and is the rows' last date.
 */
export function summedProduction(read: ProductionRead, source: string, fees: FeeSchedule, pace: PaceInput, asOfFromRows: boolean): { production: ProductionSource; inferred: string[] } {
  const figures = productionFigures(read.rows, fees, pace);
  const inferred = [
    ...read.inferred,
    ...describeProduction({ report: read.report, figures, asOfFromRows: asOfFromRows ? pace.asOf : undefined, periodStart: pace.periodStart, asOf: pace.asOf }),
  ];
  return { production: { rows: read.rows, figures, from: read.from, source }, inferred };
}

/** A log or report longer than the rows left below the copy's header cannot be held. */
export function productionFitProblems(source: string, rows: number, sheet: string): Problem[] {
  const message = rowsPastSheet(rows, COPY_FIRST_ROW + 1, "row", sheet, "split it by year, or build one sheet per provider");
  return message ? [{ source, row: 0, column: "", value: "", message }] : [];
}

/** The formula pieces over the copied rows: `between(lo, hi)` sums wRVUs dated lo..hi. */
export function productionRanges(p: ProductionSource) {
  const last = COPY_FIRST_ROW + Math.max(p.rows.length, 1) - 1;
  const col = (i: number) => absRange(COPY_FIRST_ROW, COPY_COL + i, last, COPY_COL + i);
  const D = col(COPY.date);
  const K = col(COPY.code);
  const U = col(COPY.units);
  const W = col(COPY.wrvu);
  const cmsFirst = COPY_FIRST_ROW;
  const cmsLast = cmsFirst + Math.max(p.figures.cms.length, 1) - 1;
  const CK = absRange(cmsFirst, CMS_COL, cmsLast, CMS_COL);
  const CW = absRange(cmsFirst, CMS_COL + 1, cmsLast, CMS_COL + 1);
  // A row's own wRVU, else its units × its code's CMS wRVU, dated lo..hi.
  const between = (lo: string, hi: string) => wrvuSum({ wrvu: W, units: U, code: K }, { codes: CK, wrvus: CW }, `,${D},">="&${lo},${D},"<="&${hi}`);
  return { between };
}

export interface MonthlyRefs {
  start: string;
  asOf: string;
  target: string;
  daysInPeriod: string;
}

/** The monthly table at (row, col): its blocks, its line chart, and the range of "Below pace". */
export function monthlyBlocks(p: ProductionSource, refs: MonthlyRefs, row: number, col: number, chartAt: { row: number; col: number }) {
  const { between } = productionRanges(p);
  const f = (formula: string, v: number | string): PlanCell => ({ f: formula, v });
  const first = row + 2;
  const { start, asOf, target, daysInPeriod } = refs;
  const rows: PlanCell[][] = p.figures.months.map((mo, i) => {
    const r = first + i;
    const month = abs(r, col);
    const through = `MIN(EOMONTH(${month},0),${asOf})`;
    // A month after As of (As of typed earlier than built) is left blank, never an error.
    const unlessAfter = (formula: string) => `IF(${month}>${asOf},"",${formula})`;
    return [
      f(i === 0 ? `DATE(YEAR(${start}),MONTH(${start}),1)` : `DATE(YEAR(${abs(r - 1, col)}),MONTH(${abs(r - 1, col)})+1,1)`, mo.month),
      f(unlessAfter(between(`MAX(${month},${start})`, through)), mo.wrvus),
      f(unlessAfter(i === 0 ? abs(r, col + 1) : `${abs(r - 1, col + 2)}+${abs(r, col + 1)}`), mo.cumulative),
      f(unlessAfter(`${target}*(${through}-${start}+1)/${daysInPeriod}`), mo.pace),
      f(unlessAfter(`IF(${abs(r, col + 2)}<${abs(r, col + 3)},${strLit("yes")},${strLit("no")})`), mo.below ? "yes" : "no"),
    ];
  });
  const last = first + rows.length - 1;
  const blocks: Block[] = [
    sectionBlock("Month by month against the target's pace", row, col),
    tableBlock([...MONTHLY_HEADERS], rows, row + 1, col, [MONTH_FMT, FMT.number1, FMT.number1, FMT.number1, undefined]),
  ];
  const chart: ChartPlan = {
    type: "line",
    title: "Cumulative wRVUs against the target's pace",
    categoriesRef: absRange(first, col, last, col),
    series: [2, 3].map((c) => ({ nameRef: abs(row + 1, col + c), valuesRef: absRange(first, col + c, last, col + c) })),
    at: { row: chartAt.row, col: chartAt.col, width: 7, height: 16 },
    yAxisTitle: "wRVUs",
    valueFormat: FMT.number,
  };
  return { blocks, chart, belowRange: absRange(first, col + 4, last, col + 4), lastRow: last };
}

/** The copied rows and the CMS block beside them: the cells YTD wRVUs and the monthly table read. */
export function copiedProductionBlocks(p: ProductionSource): Block[] {
  const what = p.from === "log" ? "completed visits of" : "charge lines of";
  const cells: PlanCell[][] = new Array(p.rows.length + 1);
  cells[0] = PRODUCTION_COPY_HEADERS;
  p.rows.forEach((r, i) => {
    // Codes stay text ("99213", never 99213) so SUMIFS compares them one way throughout.
    cells[i + 1] = [r.date, r.code === null ? null : emptyToNull(cleanText(r.code)), emptyToNull(r.modifiers), r.units, r.wrvu, emptyToNull(cleanText(r.provider)), r.row];
  });
  return [
    sectionBlock(`Production (copied: ${p.rows.length.toLocaleString("en-US")} ${what} ${p.source})`, COPY_HEADER_ROW - 1, COPY_COL),
    { row: COPY_HEADER_ROW, col: COPY_COL, style: "table", cells, formats: [FMT.date, "@", "@", FMT.number2, FMT.number2, undefined, "0"] },
    sectionBlock("CMS work RVUs of these codes", COPY_HEADER_ROW - 1, CMS_COL),
    tableBlock([...CMS_HEADERS], p.figures.cms.map((c) => [c.code, c.wrvu, c.year]), COPY_HEADER_ROW, CMS_COL, ["@", FMT.number2, "0"]),
  ];
}

/** Column widths of the copied blocks. */
export function productionWidths(widths: number[]): void {
  widths[COPY_COL - 1] = 3;
  [11, 10, 10, 8, 8, 16, 10].forEach((w, i) => (widths[COPY_COL + i] = w));
  widths[CMS_COL - 1] = 3;
  [10, 10, 6].forEach((w, i) => (widths[CMS_COL + i] = w));
}

const emptyToNull = (s: string): string | null => (s === "" ? null : s);
