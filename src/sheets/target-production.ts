/**
 * The Target Tracker's production blocks (SPEC §3 "Target Tracker, more"): the copied rows of a
 * log's completed visits or a wRVU report, the CMS block that prices a row without a wRVU, the
 * SUMIFS that sums them between two dates (YTD wRVUs and each month), and the monthly table of
 * cumulative wRVUs against the target's pace.
 */
import { FMT, dataSheetName, formula, type PlanCell } from "./plan";
import { strLit } from "./criteria";
import { DATA_FIRST_ROW, type DataSheet } from "./data-sheet";
import { copyCms, priceSummedRows, type SummedRow } from "./log-copy";
import type { Table } from "./sections";
import type { Problem, ProductionRow } from "../core/inputs/types";
import { productionFigures, type PaceInput, type ProductionFigures } from "../core/production";
import type { ProductionRead } from "../core/inputs/production";
import type { FeeSchedule } from "../core/fee-schedule";
import { describeProduction } from "../core/exports/inferred";
import { cleanText } from "../core/cms-block";
import { rowsPastSheet } from "../core/limits";
import { wrvuSum } from "./cms-formula";

export const PRODUCTION_COPY_HEADERS = ["Date", "Code", "Modifiers", "Units", "wRVU", "Provider", "Source row"];
export const MONTHLY_HEADERS = ["Month", "wRVUs", "Cumulative wRVUs", "Target pace", "Below pace"];
const MONTH_FMT = "mmm yyyy";

export interface ProductionSource {
  rows: readonly ProductionRow[];
  figures: ProductionFigures;
  /** "log": a log's completed visits; "report": a wRVU production report's lines. */
  from: "log" | "report";
  /** The file or table, as the meta line and the section heading name it. */
  source: string;
  /** The RVU year every row is priced in (SPEC §3); null = each row's own year. */
  rvuYear: number | null;
}

/**
 * The rows of a log or report summed for the sheet (the CLI and the pane alike): the figures,
 * what the plan copies, and every sentence of what was inferred. `asOfFromRows`: As of was not
 * given and is the rows' last date.
 */
export function summedProduction(read: ProductionRead, source: string, fees: FeeSchedule, pace: PaceInput, asOfFromRows: boolean, rvuYear: number | null = null): { production: ProductionSource; inferred: string[] } {
  const figures = productionFigures(read.rows, fees, pace, rvuYear);
  const inferred = [
    ...read.inferred,
    ...describeProduction({ report: read.report, figures, asOfFromRows: asOfFromRows ? pace.asOf : undefined, periodStart: pace.periodStart, asOf: pace.asOf }),
  ];
  return { production: { rows: read.rows, figures, from: read.from, source, rvuYear }, inferred };
}

/** A log or report longer than the data sheet's rows below its header cannot be held. */
export function productionFitProblems(source: string, rows: number, sheet: string): Problem[] {
  const message = rowsPastSheet(rows, DATA_FIRST_ROW + 1, "row", dataSheetName(sheet), "split it by year, or build one sheet per provider");
  return message ? [{ source, row: 0, column: "", value: "", message }] : [];
}

/**
 * The rows copied onto the data sheet, with the CMS block beside them; `between(lo, hi)` sums the
 * wRVUs dated lo..hi. `rvuYear`: the RVU year cell (sheet-qualified) the block's prices follow.
 */
export function copyProduction(data: DataSheet, p: ProductionSource, rvuYear: string) {
  const what = p.from === "log" ? "completed visits of" : "charge lines of";
  const summed: SummedRow[] = [];
  // Codes stay text ("99213", never 99213) so SUMIFS compares them one way throughout.
  const rows: PlanCell[][] = p.rows.map((r, i) => {
    if (r.summed && r.code !== null && r.addOns) summed.push({ i, addOns: r.addOns });
    return [r.date, r.code === null ? null : emptyToNull(cleanText(r.code)), emptyToNull(r.modifiers), r.units, r.wrvu, emptyToNull(cleanText(r.provider)), r.row];
  });
  const placed = data.add({
    heading: `Production (copied: ${p.rows.length.toLocaleString("en-US")} ${what} ${p.source})`,
    headers: PRODUCTION_COPY_HEADERS,
    rows,
    formats: [FMT.date, "@", "@", FMT.number2, FMT.number2, undefined, "0"],
    align: [undefined, "indent", "indent", undefined, undefined, "indent", undefined],
    widths: [11, 10, 10, 8, 8, 16, 10],
  });
  const cms = copyCms(data, p.figures.cms, rvuYear, p.rvuYear);
  priceSummedRows(rows, placed, summed, { date: 0, code: 1, units: 3, wrvu: 4 }, cms);
  const D = placed.column(0);
  // A row's own wRVU, else its units × its code's CMS wRVU, dated lo..hi.
  const between = (lo: string, hi: string) => wrvuSum({ wrvu: placed.column(4), units: placed.column(3), code: placed.column(1), date: D }, cms, `,${D},">="&${lo},${D},"<="&${hi}`);
  return { between };
}

export interface MonthlyRefs {
  start: string;
  asOf: string;
  target: string;
  daysInPeriod: string;
}

/** The monthly table's rows (a reserved table), and the range of "Below pace". */
export function monthlyRows(p: ProductionSource, refs: MonthlyRefs, between: (lo: string, hi: string) => string, table: Table): { rows: PlanCell[][]; formats: (string | undefined)[]; belowRange: string } {
  const { start, asOf, target, daysInPeriod } = refs;
  const rows: PlanCell[][] = p.figures.months.map((mo, i) => {
    const month = table.cell(i, 0);
    const at = (c: number) => table.cell(i, c);
    const through = `MIN(EOMONTH(${month},0),${asOf})`;
    // A month after As of (As of typed earlier than built) is left blank, never an error.
    const unlessAfter = (f: string) => `IF(${month}>${asOf},"",${f})`;
    return [
      formula(i === 0 ? `DATE(YEAR(${start}),MONTH(${start}),1)` : `DATE(YEAR(${table.cell(i - 1, 0)}),MONTH(${table.cell(i - 1, 0)})+1,1)`, mo.month),
      formula(unlessAfter(between(`MAX(${month},${start})`, through)), mo.wrvus),
      formula(unlessAfter(i === 0 ? at(1) : `${table.cell(i - 1, 2)}+${at(1)}`), mo.cumulative),
      formula(unlessAfter(`${target}*(${through}-${start}+1)/${daysInPeriod}`), mo.pace),
      formula(unlessAfter(`IF(${at(2)}<${at(3)},${strLit("yes")},${strLit("no")})`), mo.below ? "yes" : "no"),
    ];
  });
  return { rows, formats: [MONTH_FMT, FMT.number1, FMT.number1, FMT.number1, undefined], belowRange: table.column(4) };
}

const emptyToNull = (s: string): string | null => (s === "" ? null : s);
