/**
 * The appointment log copied onto a sheet's data sheet (RVU Leakage, Telehealth Scorecard): the
 * cells every COUNTIFS/SUMIFS reads, with each column's range by name (date, status, …), so
 * formulas say what they count; and the CMS work RVUs of its codes beside it. Values only: user
 * text is written as text, never as a formula.
 */
import type { Appointment } from "../core/inputs/types";
import { cleanText, type CmsBlock } from "../core/cms-block";
import { DATA_FIRST_ROW, type DataSheet, type PlacedTable } from "./data-sheet";
import type { Problem } from "../core/inputs/types";
import { rowsPastSheet } from "../core/limits";
import { FMT, dataSheetName, formula, type PlanCell } from "./plan";
import { abs } from "./a1";
import { equalsCriterion } from "./criteria";
import type { CmsRanges } from "./cms-formula";

/** The copied log's column headers in people's words (they read back as SPEC §2's columns), plus the row in the user's file. */
export const APPOINTMENT_COPY_HEADERS = ["Date", "Status", "Reason", "Cause type", "Code", "Modifiers", "Units", "wRVU", "Visit type", "Provider", "Source row"];
const COL = { date: 0, status: 1, reason: 2, cause: 3, code: 4, modifiers: 5, units: 6, wrvu: 7, visitType: 8, provider: 9, row: 10 } as const;

export type LogColumn = keyof typeof COL;
export type LogRanges = Record<LogColumn, string>;

/** The CMS block's headers: a Work RVU column per table year ("Work RVU 2025"), then the value a row is priced at. */
export const cmsHeaders = (years: readonly number[]): string[] => ["Code", "Year", "Services from", "Services to", ...years.map((y) => `Work RVU ${y}`), "Priced at"];

const emptyToNull = (s: string): string | null => (s === "" ? null : s);

/**
 * Copies the log onto `data` and returns each column's range. `release`: each appointment is
 * dropped from the array once copied, so a million-row log is not held twice (the array is empty
 * afterwards; only when the caller has already computed what it needs from it).
 */
export function copyAppointments(data: DataSheet, appts: readonly Appointment[], release = false): LogRanges & { priceSummed(cms: CmsRanges): void } {
  const n = appts.length;
  const rows: PlanCell[][] = new Array(n);
  const summed: SummedRow[] = [];
  for (let i = 0; i < n; i++) {
    const a = appts[i];
    if (a.summed && a.code !== null && a.addOns) summed.push({ i, addOns: a.addOns });
    rows[i] = [
      a.date,
      a.status,
      emptyToNull(cleanText(a.reason)),
      a.causeType,
      // Codes stay text ("99213", never 99213) so COUNTIFS compares them one way throughout.
      a.code === null ? null : emptyToNull(cleanText(a.code)),
      a.modifiers ? a.modifiers : null,
      a.units ?? 1,
      a.wrvu,
      a.visitType,
      a.provider ? emptyToNull(cleanText(a.provider)) : null,
      a.row,
    ];
    if (release) (appts as (Appointment | null)[])[i] = null;
  }
  if (release) (appts as Appointment[]).length = 0;
  const placed = data.add({
    heading: `Appointment log (copied, ${n.toLocaleString("en-US")} rows)`,
    headers: APPOINTMENT_COPY_HEADERS,
    rows,
    formats: [FMT.date, undefined, undefined, undefined, "@", "@", FMT.number2, FMT.number2, undefined, undefined, "0"],
    align: [undefined, "indent", "indent", "indent", "indent", "indent", undefined, undefined, "indent", "indent", undefined],
    widths: [11, 13, 26, 11, 9, 10, 7, 8, 12, 16, 10],
  });
  const out = {} as LogRanges;
  for (const [name, i] of Object.entries(COL) as [LogColumn, number][]) out[name] = placed.column(i);
  return { ...out, priceSummed: (cms) => priceSummedRows(rows, placed, summed, { date: COL.date, code: COL.code, units: COL.units, wrvu: COL.wrvu }, cms) };
}

/** A copied row whose wRVU is the CMS sum over the codes of its cell. */
export interface SummedRow {
  /** Its index among the copied rows. */
  i: number;
  addOns: readonly string[];
}

/**
 * Rows whose wRVU ClinPay summed over a cell of several codes (`99214, G2211`) get that sum as a
 * formula over the CMS block's Priced at column (the first code × units, each further code once),
 * so it follows the RVU year as the code-priced rows do. Called once the block is placed; the
 * cached value stays the reader's sum.
 */
export function priceSummedRows(rows: PlanCell[][], placed: PlacedTable, summed: readonly SummedRow[], col: { date: number; code: number; units: number; wrvu: number }, cms: CmsRanges): void {
  for (const { i, addOns } of summed) {
    const cell = (c: number) => abs(DATA_FIRST_ROW + i, placed.col + c);
    const date = cell(col.date);
    const price = (criterion: string) => `SUMIFS(${cms.priced},${cms.codes},${criterion},${cms.from},"<="&${date},${cms.to},">="&${date})`;
    const f = [`${cell(col.units)}*${price(cell(col.code))}`, ...addOns.map((k) => price(equalsCriterion(k)))].join("+");
    rows[i][col.wrvu] = formula(f, rows[i][col.wrvu] as number);
  }
}

/**
 * The CMS work RVUs of the copied rows' codes, beside them: what a row without its own wRVU is
 * priced at. One row per code and table year its rows fall in (the dates that year prices), the
 * code's work RVU in every table year, and `Priced at`: the value in the RVU year when the cell
 * `rvuYear` (on the analysis sheet) holds a year of the table, else in the row's own year — so
 * typing another RVU year reprices every figure. `pinned`: that cell's value as built.
 */
export function copyCms(data: DataSheet, cms: CmsBlock, rvuYear: string, pinned: number | null | undefined): CmsRanges {
  const years = cms.years;
  const list = `{${years.join(",")}}`;
  const col = data.nextCol;
  const n = years.length;
  const pin = years.indexOf(pinned ?? NaN);
  const rows: PlanCell[][] = cms.rows.map((r, i) => {
    const cell = (c: number) => abs(DATA_FIRST_ROW + i, col + c);
    const values = `${cell(4)}:${cell(3 + n)}`;
    const at = (year: string) => `INDEX(${values},MATCH(${year},${list},0))`;
    const priced = `IF(ISNUMBER(MATCH(${rvuYear},${list},0)),${at(rvuYear)},${at(cell(1))})`;
    return [r.code, r.year, r.from, r.to, ...r.values, formula(priced, r.values[pin >= 0 ? pin : years.indexOf(r.year)])];
  });
  const placed = data.add({
    // National work RVUs; a year CMS lists no RVUs for a code shows the nearest year's. Add a row for a code you type into the copied rows.
    heading: "CMS work RVUs (Priced at: in the RVU year, else each row's own year)",
    headers: cmsHeaders(years),
    rows,
    formats: ["@", "0", FMT.date, FMT.date, ...years.map(() => FMT.number2), FMT.number2],
    align: [undefined, "center", undefined, undefined, ...years.map(() => undefined), undefined],
    widths: [10, 6, 11, 11, ...years.map(() => 9), 9],
  });
  return { codes: placed.column(0), from: placed.column(2), to: placed.column(3), priced: placed.column(4 + n) };
}

const SPLIT_LOG = "build one sheet per provider (--provider, or the pane's provider choice) or split the log by year";

/** Logs longer than `sheet`'s data sheet holds below its header, refused before anything is computed. */
export function logFitProblems(sheet: string, appointments: { source: string; rows: number }, time?: { source: string; rows: number }): Problem[] {
  const problems: Problem[] = [];
  const check = (t: { source: string; rows: number } | undefined, noun: string) => {
    const message = t && rowsPastSheet(t.rows, DATA_FIRST_ROW + 1, noun, dataSheetName(sheet), SPLIT_LOG);
    if (message) problems.push({ source: t.source, row: 0, column: "", value: "", message });
  };
  check(appointments, "appointment");
  check(time, "time-log row");
  return problems;
}
