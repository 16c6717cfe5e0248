/** Builders for the blocks every ClinPay sheet has: title, meta line, section headings,
 *  labelled figures, assumptions and the "How to read this" note. */
import type { Block, PlanCell, Scalar } from "./plan";

export const titleBlock = (title: string, row = 0, col = 0): Block => ({
  row,
  col,
  style: "title",
  cells: [[title]],
});

/** "Built 2026-11-23 from offers.csv" — the date is written as text so it never recalculates. */
export const metaBlock = (builtAt: Date, source: string, row = 1, col = 0): Block => ({
  row,
  col,
  style: "meta",
  cells: [[`Built ${isoDate(builtAt)} by ClinPay from ${source}`]],
});

export const sectionBlock = (heading: string, row: number, col = 0): Block => ({
  row,
  col,
  style: "section",
  cells: [[heading]],
});

/** A "How to read this" note: one paragraph per row. */
export const noteBlock = (paragraphs: string[], row: number, col = 0): Block => ({
  row,
  col,
  style: "note",
  cells: [["How to read this"], ...paragraphs.map((p) => [p])],
});

export interface Labelled {
  label: string;
  value: PlanCell;
  format?: string;
}

/** Label | value pairs, one per row, value directly to the right of its label. Formats are
 *  per row here (a figures block mixes $, % and hours), so each row becomes its own block. */
export function labelledBlocks(items: Labelled[], row: number, col: number, style: "labels" | "assumptions"): Block[] {
  return items.map((it, i) => ({
    row: row + i,
    col,
    style,
    cells: [[it.label, it.value]],
    formats: [undefined, it.format],
  }));
}

/** A table: header row then rows, with a number format per column. */
export const tableBlock = (
  headers: string[],
  rows: PlanCell[][],
  row: number,
  col: number,
  formats?: (string | undefined)[]
): Block => ({ row, col, style: "table", cells: [headers, ...rows], formats });

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export const cellText = (v: Scalar): string => (v === null ? "" : String(v));

/**
 * A copied input table the user may edit in the sheet: a header row, then rows whose first
 * cell names the row (bold) and whose other cells are styled as inputs. Two blocks because a
 * block has one style; the header is a one-row "table" so it looks like every other header.
 */
export const inputTableBlocks = (
  headers: string[],
  rows: PlanCell[][],
  row: number,
  col: number,
  formats?: (string | undefined)[]
): Block[] => [
  { row, col, style: "table", cells: [headers] },
  ...(rows.length > 0 ? [{ row: row + 1, col, style: "assumptions" as const, cells: rows, formats }] : []),
];
