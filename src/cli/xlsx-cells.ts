/** ExcelJS cell values → RawValue, shared by the whole-workbook and the streaming reader. */
import type { RawValue } from "../core/inputs/types";

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

/** A formula cell the file holds without a calculated value (written by a program, never opened in Excel). */
export function isUncalculated(v: unknown): boolean {
  if (typeof v !== "object" || v === null || v instanceof Date) return false;
  const o = v as Record<string, unknown>;
  return ("formula" in o || "sharedFormula" in o) && (o.result === undefined || o.result === null);
}
