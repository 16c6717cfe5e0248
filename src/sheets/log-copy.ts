/**
 * The appointment log copied onto a sheet's data sheet (RVU Leakage, Telehealth Scorecard): the
 * cells every COUNTIFS/SUMIFS reads, with each column's range by name (date, status, …), so
 * formulas say what they count; and the CMS work RVUs of its codes beside it. Values only: user
 * text is written as text, never as a formula.
 */
import type { Appointment } from "../core/inputs/types";
import { cleanText, type CmsRow } from "../core/cms-block";
import { DATA_FIRST_ROW, type DataSheet } from "./data-sheet";
import type { Problem } from "../core/inputs/types";
import { rowsPastSheet } from "../core/limits";
import { FMT, dataSheetName, type PlanCell } from "./plan";

/** The copied log's column headers in people's words (they read back as SPEC §2's columns), plus the row in the user's file. */
export const APPOINTMENT_COPY_HEADERS = ["Date", "Status", "Reason", "Cause type", "Code", "Modifiers", "Units", "wRVU", "Visit type", "Provider", "Source row"];
const COL = { date: 0, status: 1, reason: 2, cause: 3, code: 4, modifiers: 5, units: 6, wrvu: 7, visitType: 8, provider: 9, row: 10 } as const;

export type LogColumn = keyof typeof COL;
export type LogRanges = Record<LogColumn, string>;

export const CMS_HEADERS = ["Code", "Work RVU", "Year"];

const emptyToNull = (s: string): string | null => (s === "" ? null : s);

/**
 * Copies the log onto `data` and returns each column's range. `release`: each appointment is
 * dropped from the array once copied, so a million-row log is not held twice (the array is empty
 * afterwards; only when the caller has already computed what it needs from it).
 */
export function copyAppointments(data: DataSheet, appts: readonly Appointment[], release = false): LogRanges {
  const n = appts.length;
  const rows: PlanCell[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const a = appts[i];
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
  return out;
}

/** The CMS work RVUs of the copied rows' codes, beside them: what a row without its own wRVU is priced at. */
export function copyCms(data: DataSheet, cms: readonly CmsRow[]): { codes: string; wrvus: string } {
  const placed = data.add({
    // National, each code at the fee-schedule year of its last visit (the Year column): add a row for a code you type into the copied rows.
    heading: "CMS work RVUs",
    headers: CMS_HEADERS,
    rows: cms.map((c) => [c.code, c.wrvu, c.year]),
    formats: ["@", FMT.number2, "0"],
    widths: [10, 10, 6],
  });
  return { codes: placed.column(0), wrvus: placed.column(1) };
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
