/** ExcelJS cell values → RawValue, shared by the whole-workbook and the streaming reader. */
import type { RawTable, RawValue } from "../core/inputs/types";

/** An ExcelJS cell value as a RawValue: rich text and hyperlinks → their text, formulas → their result. */
export function toRawValue(v: unknown): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    if ("formula" in o || "sharedFormula" in o) return toRawValue(o.result);
    if ("hyperlink" in o || "text" in o) return toRawValue(o.text);
    // An error cell (#N/A, #DIV/0!) keeps its text so the problem report shows it.
    if (typeof o.error === "string") return o.error;
  }
  return String(v);
}

export type Uncalculated = NonNullable<RawTable["uncalculated"]>[number];

/** A formula cell the file holds without a calculated value (written by a program, never opened
 *  in Excel): its formula as typed ("=F2*2"), else undefined. */
export function uncalculatedFormula(v: unknown): string | undefined {
  if (typeof v !== "object" || v === null || v instanceof Date) return undefined;
  const o = v as { formula?: string; sharedFormula?: string; result?: unknown };
  if (!("formula" in o || "sharedFormula" in o) || (o.result !== undefined && o.result !== null)) return undefined;
  return `=${o.formula || o.sharedFormula || ""}`;
}

/** "B3" → {row: 3, col: 2} (1-based). */
export function decodeCell(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}
