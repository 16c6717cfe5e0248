/**
 * The appointment log copied into a sheet (RVU Leakage, Telehealth Scorecard): the cells every
 * COUNTIFS/SUMIFS reads, with each column's range by name (date, status, …), so formulas say
 * what they count. Values only: user text is written as text, never as a formula.
 */
import type { Appointment } from "../core/inputs/types";
import { cleanText } from "../core/cms-block";
import { absRange } from "./a1";
import { FMT, type Block, type PlanCell } from "./plan";
import { sectionBlock } from "./blocks";

/** The copied log's column headers: the SPEC §2 names, plus the row in the user's file. */
export const APPOINTMENT_COPY_HEADERS = ["date", "status", "reason", "cause_type", "code", "modifiers", "units", "wrvu", "visit_type", "provider", "source row"];
const COL = { date: 0, status: 1, reason: 2, cause: 3, code: 4, modifiers: 5, units: 6, wrvu: 7, visitType: 8, provider: 9, row: 10 } as const;

export type LogColumn = keyof typeof COL;

/** Each copied column's absolute range; an empty log still gets a one-row range so every formula stays valid. */
export function logRanges(col: number, firstRow: number, rows: number): Record<LogColumn, string> {
  const last = firstRow + Math.max(rows, 1) - 1;
  const out = {} as Record<LogColumn, string>;
  for (const [name, i] of Object.entries(COL) as [LogColumn, number][]) out[name] = absRange(firstRow, col + i, last, col + i);
  return out;
}

const emptyToNull = (s: string): string | null => (s === "" ? null : s);

/**
 * The section heading and the copied rows, header at `headerRow`. `release`: each appointment is
 * dropped from the array once copied, so a million-row log is not held twice (the array is empty
 * afterwards; only when the caller has already computed what it needs from it).
 */
export function appointmentCopyBlocks(appts: readonly Appointment[], headerRow: number, col: number, release = false): Block[] {
  const cells: PlanCell[][] = new Array(appts.length + 1);
  cells[0] = APPOINTMENT_COPY_HEADERS;
  const n = appts.length;
  for (let i = 0; i < n; i++) {
    const a = appts[i];
    cells[i + 1] = [
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
  return [
    sectionBlock(`Appointment log (copied, ${n.toLocaleString("en-US")} rows)`, headerRow - 1, col),
    { row: headerRow, col, style: "table", cells, formats: [FMT.date, undefined, undefined, undefined, "@", "@", FMT.number2, FMT.number2, undefined, undefined, "0"] },
  ];
}

/** Column widths of the copied log. */
export function appointmentCopyWidths(widths: number[], col: number): void {
  widths[col - 1] = 3;
  [11, 12, 26, 11, 9, 9, 6, 8, 10, 16, 10].forEach((w, i) => (widths[col + i] = w));
}
