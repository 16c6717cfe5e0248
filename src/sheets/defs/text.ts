/** Plain-text pieces of the CLI summaries: numbers as a clinician reads them, and aligned tables. */

/**
 * As Excel shows it: Excel keeps 15 significant digits, so 3.15 × 50 (157.49999999999997 in a
 * double) is 157.5 there and rounds to $158 in the sheet; the terminal rounds the same number.
 */
const asExcel = (n: number): number => (Number.isFinite(n) ? Number(n.toPrecision(15)) : n);

export const fmt = (n: number, digits = 0): string => asExcel(n).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const money = (n: number | null): string =>
  n === null || !Number.isFinite(n) ? "—" : `${n < 0 ? "-" : ""}$${Math.abs(asExcel(n)).toLocaleString("en-US", { maximumFractionDigits: 0 })}`;

export const hourly = (n: number): string => (Number.isFinite(n) ? `$${fmt(n, 2)}` : "—");

export const pct = (n: number | null): string => (n === null ? "n/a" : `${(n * 100).toFixed(1)}%`);

/** Columns padded to their widest cell; numbers right-aligned. */
export function textTable(headers: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((s, c) => (rightAligned[c] ? s.padStart(widths[c]) : s.padEnd(widths[c]))).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The summary's closing sections: what ClinPay inferred (said in the sheet too) and any warnings. */
export function inferredLines(inferred: readonly string[], warnings: readonly string[] = []): string[] {
  const out: string[] = [];
  if (inferred.length > 0) out.push("", "What ClinPay inferred (also in the sheet's notes):", ...inferred.map((l) => `  ${l}`));
  if (warnings.length > 0) out.push("", "Warnings:", ...warnings.map((w) => `  ${w}`));
  return out;
}
