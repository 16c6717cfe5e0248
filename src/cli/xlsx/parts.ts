/**
 * What an .xlsx says about itself before its rows: where the workbook part is, its sheets (name,
 * visibility, part), the date system, which cell styles show dates, the shared strings, and the
 * Excel tables. Parts are found through their relationships, never by fixed names, as Office
 * finds them.
 */
import { isDateFormat } from "./dates";
import { XmlScanner, attribute, attributes } from "./xml";
import { DamagedWorkbook, folderOf, partPath, relsOf, type Package } from "./zip";

export interface SheetEntry {
  name: string;
  hidden: boolean;
  /** The worksheet part, e.g. "xl/worksheets/sheet1.xml"; "" for a chartsheet or a missing part. */
  part: string;
}

export interface WorkbookLayout {
  sheets: SheetEntry[];
  date1904: boolean;
  /** Per cell style index (the `s` of a cell): does it show a date? */
  dateStyles: boolean[];
  sharedStrings: string[];
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** Every start tag named `name` in a small part, as attribute records. */
function tags(xml: string, name: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const scanner = new XmlScanner({ open: (n, a) => n === name && out.push(attributes(a)), close: () => undefined, text: () => undefined });
  scanner.write(xml);
  scanner.end();
  return out;
}

async function relationships(pkg: Package, part: string): Promise<Relationship[]> {
  const base = folderOf(part);
  return tags(await pkg.text(relsOf(part)), "Relationship")
    .filter((r) => r.TargetMode !== "External")
    .map((r) => ({ id: r.Id ?? "", type: r.Type ?? "", target: partPath(r.Target ?? "", base) }));
}

const ofType = (rels: Relationship[], kind: string) => rels.filter((r) => r.type.endsWith(`/${kind}`));

/** The workbook part the package's root relationships name (xl/workbook.xml as Excel writes it). */
async function workbookPart(pkg: Package): Promise<string> {
  const root = ofType(await relationships(pkg, ""), "officeDocument")[0]?.target;
  if (root && pkg.has(root)) return root;
  if (pkg.has("xl/workbook.xml")) return "xl/workbook.xml";
  throw new DamagedWorkbook("it has no workbook part");
}

export async function readLayout(pkg: Package): Promise<WorkbookLayout> {
  const wbPart = await workbookPart(pkg);
  const rels = await relationships(pkg, wbPart);
  const wbXml = await pkg.text(wbPart);
  const worksheets = new Map(ofType(rels, "worksheet").map((r) => [r.id, r.target]));
  const sheets = tags(wbXml, "sheet").map((s) => ({
    name: s.name ?? "",
    hidden: s.state === "hidden" || s.state === "veryHidden",
    part: worksheets.get(s.id ?? "") ?? "",
  }));
  const [pr] = tags(wbXml, "workbookPr");
  const date1904 = pr?.date1904 === "1" || pr?.date1904 === "true";
  const styles = ofType(rels, "styles")[0]?.target;
  const strings = ofType(rels, "sharedStrings")[0]?.target;
  return {
    sheets,
    date1904,
    dateStyles: styles ? dateStylesOf(await pkg.text(styles)) : [],
    sharedStrings: strings ? await sharedStringsOf(pkg, strings) : [],
  };
}

/** Which of styles.xml's cellXfs show a date, by their number format. */
function dateStylesOf(xml: string): boolean[] {
  const codes = new Map<number, string>();
  for (const f of tags(xml, "numFmt")) codes.set(Number(f.numFmtId), f.formatCode ?? "");
  const out: boolean[] = [];
  let inCellXfs = false;
  const scanner = new XmlScanner({
    open: (name, raw, selfClosing) => {
      if (name === "cellXfs") inCellXfs = !selfClosing;
      else if (name === "xf" && inCellXfs) {
        const id = Number(attribute(raw, "numFmtId") ?? 0);
        out.push(isDateFormat(id, codes.get(id)));
      }
    },
    close: (name) => {
      if (name === "cellXfs") inCellXfs = false;
    },
    text: () => undefined,
  });
  scanner.write(xml);
  scanner.end();
  return out;
}

/**
 * `_x000D_` and friends: how OOXML strings escape characters XML cannot hold (ECMA-376 Part 1,
 * 22.9.2.19); `_x005F_` escapes an underscore that would otherwise start one.
 */
export function unescapeXString(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The shared string table, streamed: each `<si>` is the text of its `<t>` runs; phonetic
 * guides (`<rPh>`, the furigana Japanese Excel adds) are not part of the cell's text.
 */
async function sharedStringsOf(pkg: Package, part: string): Promise<string[]> {
  const out: string[] = [];
  let current: string[] | null = null;
  let inT = false;
  let phonetic = 0;
  const scanner = new XmlScanner({
    open: (name, _raw, selfClosing) => {
      if (name === "si") current = selfClosing ? (out.push(""), null) : [];
      else if (name === "rPh") phonetic += selfClosing ? 0 : 1;
      else if (name === "t" && !selfClosing && phonetic === 0) inT = true;
    },
    close: (name) => {
      if (name === "t") inT = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si" && current) {
        out.push(unescapeXString(current.join("")));
        current = null;
      }
    },
    text: (value) => {
      if (inT && current) current.push(value);
    },
  });
  await pkg.stream(part, (chunk) => scanner.write(chunk));
  scanner.end();
  return out;
}

/** An Excel table (ListObject): its sheet part, its name and where it sits. */
export interface TableEntry {
  sheetPart: string;
  name: string;
  displayName: string;
  /** 1-based, inclusive, as in the table's ref. */
  top: number;
  left: number;
  bottom: number;
  right: number;
  header: boolean;
  totals: boolean;
  columns: string[];
}

/** The tables on one sheet, from its table parts. */
export async function tablesOf(pkg: Package, sheetPart: string): Promise<TableEntry[]> {
  const out: TableEntry[] = [];
  for (const rel of ofType(await relationships(pkg, sheetPart), "table")) {
    const xml = await pkg.text(rel.target);
    const [t] = tags(xml, "table");
    if (!t) continue;
    const [a, b] = (t.ref ?? "").split(":").map(decodeCell);
    if (!a || !b) throw new DamagedWorkbook(`table ${t.name ?? ""} has no range`);
    out.push({
      sheetPart,
      name: t.name ?? "",
      displayName: t.displayName ?? "",
      top: a.row,
      left: a.col,
      bottom: b.row,
      right: b.col,
      header: t.headerRowCount !== "0",
      totals: Number(t.totalsRowCount ?? 0) > 0,
      columns: tags(xml, "tableColumn").map((c) => c.name ?? ""),
    });
  }
  return out;
}

/** "B3" → {row: 3, col: 2} (1-based); undefined when it is not a cell reference. */
export function decodeCell(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) return undefined;
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

/** "A" → 1, "XFD" → 16384. */
export function columnNumber(letters: string): number {
  let col = 0;
  for (let i = 0; i < letters.length; i++) col = col * 26 + ((letters.charCodeAt(i) | 32) - 96);
  return col;
}
