/** BlockStyle → ExcelJS cell styles. One shared style object per (role, number format):
 *  ExcelJS caches a style's id by object identity, so sharing keeps a 100k-row block from
 *  serialising a style per cell. Never mutate a style handed out here. */
import type { Alignment, Style } from "exceljs";
import { LOOKS, type CellRole } from "../style-table";
import type { Align } from "../../sheets/plan";

export type { CellRole } from "../style-table";

const argb = (rgb: string) => `FF${rgb}`;

/** Every font names its face: a font entry without a name is drawn in the reader's default
 *  face (a serif one in LibreOffice), wider than Calibri, and labels sized for Calibri look cut. */
const FACE = { name: "Calibri", family: 2, size: 11 } as const;

const ALIGN: Record<Align, Partial<Alignment>> = {
  center: { horizontal: "center" },
  right: { horizontal: "right" },
  indent: { horizontal: "left", indent: 1 },
};

/** One role's look (the shared style table) as an ExcelJS style, aligned as the block's column asks. */
function roleStyle(role: CellRole, align: Align | undefined): Partial<Style> {
  const look = LOOKS[role];
  const style: Partial<Style> = {};
  if (look.bold || look.italic || look.size || look.color) {
    style.font = {
      ...FACE,
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
  const alignment: Partial<Alignment> = {
    ...(look.wrap ? { wrapText: true, vertical: "top" as const } : {}),
    ...(look.top ? { vertical: "top" as const } : {}),
    ...(look.indent ? { horizontal: "left" as const, indent: 1 } : {}),
    ...(align ? ALIGN[align] : {}),
  };
  if (Object.keys(alignment).length > 0) style.alignment = alignment;
  if (look.unlocked) style.protection = { locked: false };
  return style;
}

export class StyleBook {
  // Keyed role, then format and alignment, without building a key string for the common case:
  // asked once per cell written.
  private readonly cache = new Map<CellRole, Map<string, Partial<Style>>>();

  get(role: CellRole, numFmt?: string, align?: Align): Partial<Style> {
    let byFormat = this.cache.get(role);
    if (!byFormat) this.cache.set(role, (byFormat = new Map()));
    const key = align ? `${numFmt ?? ""}\u0000${align}` : (numFmt ?? "");
    let s = byFormat.get(key);
    if (!s) {
      s = roleStyle(role, align);
      if (numFmt) s.numFmt = numFmt;
      byFormat.set(key, s);
    }
    return s;
  }
}
