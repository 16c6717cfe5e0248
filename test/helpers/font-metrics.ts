/**
 * Text widths measured with a real font file, for the "no text is cut" tests: Carlito, the
 * metric-compatible stand-in for Calibri (Excel's default font) that LibreOffice draws our sheets
 * with (fonts-crosextra-carlito, installed by scripts/pretest.sh). Reads the few TrueType tables
 * an advance width needs (head, hhea, hmtx, cmap format 4): an independent measure of what the
 * layout engine's own estimate (src/sheets/fit.ts) claims.
 */
import * as fs from "fs";

const FONT_DIR = "/usr/share/fonts/truetype/crosextra";

export interface FontMetrics {
  /** Width of `text` in pixels at `sizePt` points (96 dpi). */
  width(text: string, sizePt?: number): number;
}

function parse(file: string): FontMetrics {
  const buf = fs.readFileSync(file);
  const tables = new Map<string, number>();
  const numTables = buf.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    tables.set(buf.toString("latin1", rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const table = (tag: string) => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`${file} has no ${tag} table`);
    return at;
  };
  const unitsPerEm = buf.readUInt16BE(table("head") + 18);
  const numberOfHMetrics = buf.readUInt16BE(table("hhea") + 34);
  const hmtx = table("hmtx");
  const advance = (glyph: number) => buf.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));

  // cmap: the Unicode BMP subtable (platform 3 encoding 1, or platform 0), format 4.
  const cmap = table("cmap");
  let sub = -1;
  for (let i = 0; i < buf.readUInt16BE(cmap + 2); i++) {
    const rec = cmap + 4 + 8 * i;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const at = cmap + buf.readUInt32BE(rec + 4);
    if (buf.readUInt16BE(at) === 4 && (platform === 3 ? encoding === 1 : platform === 0)) sub = at;
  }
  if (sub < 0) throw new Error(`${file} has no format-4 cmap`);
  const segCount = buf.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const offsets = deltas + 2 * segCount;
  const glyphOf = (code: number): number => {
    for (let s = 0; s < segCount; s++) {
      if (code > buf.readUInt16BE(ends + 2 * s)) continue;
      const start = buf.readUInt16BE(starts + 2 * s);
      if (code < start) return 0;
      const delta = buf.readInt16BE(deltas + 2 * s);
      const offset = buf.readUInt16BE(offsets + 2 * s);
      if (offset === 0) return (code + delta) & 0xffff;
      const g = buf.readUInt16BE(offsets + 2 * s + offset + 2 * (code - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  return {
    width(text, sizePt = 11) {
      let units = 0;
      for (const ch of text) units += advance(glyphOf(ch.codePointAt(0)!));
      return (units / unitsPerEm) * sizePt * (96 / 72);
    },
  };
}

let cache: { regular: FontMetrics; bold: FontMetrics } | null | undefined;

/** Carlito regular and bold, or null when the fonts are not installed. */
export function carlito(): { regular: FontMetrics; bold: FontMetrics } | null {
  if (cache !== undefined) return cache;
  const regular = `${FONT_DIR}/Carlito-Regular.ttf`;
  const bold = `${FONT_DIR}/Carlito-Bold.ttf`;
  cache = fs.existsSync(regular) && fs.existsSync(bold) ? { regular: parse(regular), bold: parse(bold) } : null;
  return cache;
}
