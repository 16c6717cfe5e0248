/** BlockStyle → ExcelJS cell styles. One shared style object per (role, number format):
 *  ExcelJS caches a style's id by object identity, so sharing keeps a 100k-row block from
 *  serialising a style per cell. Never mutate a style handed out here. */
import type { Style } from "exceljs";
import { LOOKS, type CellRole } from "../style-table";

export type { CellRole } from "../style-table";

const argb = (rgb: string) => `FF${rgb}`;

/** One role's look (the shared style table) as an ExcelJS style. */
function roleStyle(role: CellRole): Partial<Style> {
  const look = LOOKS[role];
  const style: Partial<Style> = {};
  if (look.bold || look.italic || look.size || look.color) {
    style.font = {
      ...(look.bold ? { bold: true } : {}),
      ...(look.italic ? { italic: true } : {}),
      ...(look.size ? { size: look.size } : {}),
      ...(look.color ? { color: { argb: argb(look.color) } } : {}),
    };
  }
  if (look.fill) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(look.fill) } };
  if (look.box) {
    const edge = { style: "thin" as const, color: { argb: argb(look.box) } };
    style.border = { top: edge, left: edge, bottom: edge, right: edge };
  } else if (look.rule) style.border = { bottom: { style: "thin", color: { argb: argb(look.rule) } } };
  if (look.wrap) style.alignment = { wrapText: true, vertical: "top" };
  if (look.unlocked) style.protection = { locked: false };
  return style;
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
