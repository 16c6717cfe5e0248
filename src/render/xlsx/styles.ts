/** BlockStyle → ExcelJS cell styles. One shared style object per (role, number format):
 *  ExcelJS caches a style's id by object identity, so sharing keeps a 100k-row block from
 *  serialising a style per cell. Never mutate a style handed out here. */
import type { Style } from "exceljs";

export type CellRole =
  | "title"
  | "meta"
  | "section"
  | "header"
  | "body"
  | "label"
  | "input"
  | "noteHeading"
  | "note";

const GREY_TEXT = "FF7F7F7F";
const HEADER_FILL = "FFD9E1F2";
const HEADER_RULE = "FF595959";
/** Light yellow: the conventional "you may type here" colour for inputs. */
const INPUT_FILL = "FFFFF2CC";
const INPUT_EDGE = "FFBFBFBF";

function roleStyle(role: CellRole): Partial<Style> {
  switch (role) {
    case "title":
      return { font: { bold: true, size: 16 } };
    case "meta":
      return { font: { size: 9, color: { argb: GREY_TEXT } } };
    case "section":
      return { font: { bold: true, size: 12 } };
    case "header":
      return {
        font: { bold: true },
        fill: { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } },
        border: { bottom: { style: "thin", color: { argb: HEADER_RULE } } },
      };
    case "label":
      return { font: { bold: true } };
    case "input": {
      const edge = { style: "thin" as const, color: { argb: INPUT_EDGE } };
      return {
        fill: { type: "pattern", pattern: "solid", fgColor: { argb: INPUT_FILL } },
        border: { top: edge, left: edge, bottom: edge, right: edge },
        // Stays editable if the user protects the sheet.
        protection: { locked: false },
      };
    }
    case "noteHeading":
      return { font: { bold: true, italic: true } };
    case "note":
      return { font: { italic: true }, alignment: { wrapText: true, vertical: "top" } };
    case "body":
      return {};
  }
}

export class StyleBook {
  // Keyed role, then format, without building a key string: asked once per cell written.
  private readonly cache = new Map<CellRole, Map<string, Partial<Style>>>();

  get(role: CellRole, numFmt?: string): Partial<Style> {
    let byFormat = this.cache.get(role);
    if (!byFormat) this.cache.set(role, (byFormat = new Map()));
    let s = byFormat.get(numFmt ?? "");
    if (!s) {
      s = roleStyle(role);
      if (numFmt) s.numFmt = numFmt;
      byFormat.set(numFmt ?? "", s);
    }
    return s;
  }
}
