/**
 * How wide text is, in Excel's column-width unit (the width of a digit of Calibri 11), and how a
 * number looks in its format: what the layout engine sizes columns and wrapped rows by, so no
 * label, header or figure is cut by its neighbour. Widths are Calibri's (Carlito's, its
 * metric-compatible twin that LibreOffice draws with), per character, rounded up.
 */
import type { Scalar } from "./plan";

/** Printable ASCII from space (32) to "~" (126): each character's advance in digit widths (bold). */
const ASCII = [
  0.45, 0.64, 0.87, 0.98, 1.0, 1.44, 1.39, 0.46, 0.61, 0.61, 0.98, 0.98, 0.51, 0.6, 0.53, 0.85,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.54, 0.54, 0.98, 0.98, 0.98, 0.91,
  1.77, 1.2, 1.11, 1.05, 1.24, 0.96, 0.91, 1.26, 1.24, 0.53, 0.65, 1.08, 0.83, 1.72, 1.3, 1.33,
  1.05, 1.35, 1.11, 0.93, 0.98, 1.29, 1.17, 1.79, 1.09, 1.03, 0.94, 0.64, 0.85, 0.64, 0.98, 0.98,
  0.59, 0.97, 1.06, 0.83, 1.06, 0.99, 0.62, 0.94, 1.06, 0.48, 0.5, 0.95, 0.48, 1.61, 1.06, 1.06,
  1.06, 1.06, 0.7, 0.79, 0.68, 1.06, 0.93, 1.47, 0.91, 0.93, 0.78, 0.68, 0.94, 0.68, 0.98,
];
const WIDE: Record<string, number> = { "—": 1.8, "…": 1.4, "’": 0.51, "–": 0.98 };

/** Pixels of a digit at 11 points, and Excel's: a column w wide is w × 7 + 5 pixels. */
const DIGIT_PX = 7.44;
const EXCEL_DIGIT_PX = 7;
/** A cell's margins, both sides, in pixels, and a little over for the rounding of glyph widths. */
const CELL_PADDING_PX = 9;

/** One indent level, as a cell aligned "indent" (or an indented look) is drawn: 9 pixels, in Excel's width unit. */
export const INDENT_WIDTH = 9 / EXCEL_DIGIT_PX;

/** `text`'s advance in digit widths of an 11-point font (bold, the wider of the two). */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? ASCII[code - 32] : (WIDE[ch] ?? 1);
  }
  return units;
}

/** The column width (Excel's unit) a one-line `text` needs at `size` points. */
export function widthNeeded(text: string, size = 11): number {
  const px = textUnits(text) * DIGIT_PX * (size / 11) + CELL_PADDING_PX;
  return Math.ceil(((px - 5) / EXCEL_DIGIT_PX) * 10) / 10;
}

/** Lines `text` takes wrapped in a cell `width` wide (Excel's unit), breaking at spaces. */
export function wrappedLines(text: string, width: number, size = 11): number {
  const room = Math.max(1, (width * EXCEL_DIGIT_PX + 5 - CELL_PADDING_PX) / (DIGIT_PX * (size / 11)));
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let line = 0;
    lines++;
    for (const word of paragraph.split(" ")) {
      const w = textUnits(word);
      const next = line === 0 ? w : line + textUnits(" ") + w;
      if (next <= room || line === 0) line = next;
      else {
        lines++;
        line = w;
      }
      // A word wider than the cell is broken across lines.
      while (line > room) {
        lines++;
        line -= room;
      }
    }
  }
  return lines;
}

const quoted = /"([^"]*)"/g;

/** `value` as `format` shows it (near enough to measure): "$1,234", "12.5%", "3.2 wRVU", "2026-01-31". */
export function displayText(value: Scalar, format?: string): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (!format || format === "General") return String(Number(value.toPrecision(10)));
  if (format === "@") return String(value);
  // The positive section, its [condition] dropped; literal text kept where it stands.
  const section = format.split(";")[0].replace(/^\[[^\]]*\]/, "");
  const literals = [...section.matchAll(quoted)].map((m) => m[1]);
  const pattern = section.replace(quoted, "\u0000");
  if (/[ymd]/i.test(pattern.replace(/\u0000/g, ""))) {
    // A date: as long as its pattern, with "mmm" a three-letter month.
    return pattern.replace(/\u0000/g, () => literals.shift() ?? "").replace(/mmmm/gi, "September").replace(/mmm/gi, "Sep");
  }
  const percent = pattern.includes("%");
  const decimals = /\.(0+)/.exec(pattern)?.[1].length ?? 0;
  const grouped = pattern.includes(",");
  const n = Math.abs(percent ? value * 100 : value);
  const digits = n.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: grouped });
  const sign = value < 0 ? "-" : pattern.trimStart().startsWith("+") ? "+" : "";
  let text = "";
  let placed = false;
  for (const part of pattern.split(/(\u0000)/)) {
    if (part === "\u0000") text += literals.shift() ?? "";
    else if (!placed && /[0#?]/.test(part)) {
      text += sign + digits + (percent ? "%" : "");
      placed = true;
    }
  }
  return text;
}
