/**
 * Generators for the round-3 hostile corpus: files as other programs save them, written byte by
 * byte from the formats' documentation rather than through the library ClinPay reads with.
 *
 * - xlsxPackage: a SpreadsheetML package whose every part is written here (ECMA-376 Part 1):
 *   ISO 8601 date cells (`t="d"`, Excel's "ISO 8601 dates" save option, openpyxl's
 *   `iso_dates`, SheetJS's `cellDates`), the 1904 date system (`workbookPr date1904`, Excel
 *   for Mac's old default), built-in number formats by id only (the CJK date ids 27-36 and
 *   50-58), rows and cells without `r` (optional in the schema; some streaming writers omit
 *   them), parts in any zip order, inline strings, padding to any size.
 * - storedZip: a zip of raw deflate streams, for a package that inflates far past its size.
 */
import { crc32, deflateRawSync } from "zlib";
import { randomBytes } from "crypto";
import JSZip from "jszip";

export interface XCell {
  v: string | number | boolean;
  /** Cell type: s (shared string), inlineStr, n, d (ISO date), b, str; default by v's type. */
  t?: "s" | "inlineStr" | "n" | "d" | "b" | "str";
  /** Index into `styles` + 1 (0 = General). */
  s?: number;
}

export interface PackageOptions {
  /** Header row first; a string or number is a cell of that value, null an empty cell. */
  rows: (XCell | string | number | null)[][];
  date1904?: boolean;
  /** numFmtIds of cellXfs 1, 2, …; xf 0 is General. Built-in ids only: no <numFmt> is written. */
  styles?: number[];
  /** Leave `r` off every row and cell. */
  noR?: boolean;
  /** Zip entry order: as Excel writes it, or the worksheet (and its strings) before workbook.xml. */
  order?: "excel" | "sheet-first" | "strings-last";
  /** Bytes of incompressible padding in a stored media part (to pass a size threshold). */
  padding?: number;
  /** Text cells as inline strings instead of the shared string table (and no sharedStrings part). */
  inlineStrings?: boolean;
  /** The <sheetData> content as written, in place of `rows` (which then only feeds shared strings). */
  sheetData?: string;
  /** The <sst> content as written, in place of the strings `rows` makes. */
  sharedStrings?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const colName = (c: number) => {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The .xlsx bytes of one sheet named "Log" holding `rows`. */
export async function xlsxPackage(o: PackageOptions): Promise<Buffer> {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const shared = (s: string) => {
    if (!index.has(s)) index.set(s, strings.push(s) - 1);
    return index.get(s)!;
  };
  const rowXml = o.rows.map((row, r) => {
    const cells = row.map((raw, c) => {
      if (raw === null) return "";
      const cell: XCell = typeof raw === "object" ? raw : { v: raw };
      const t = cell.t ?? (typeof cell.v === "number" ? "n" : typeof cell.v === "boolean" ? "b" : o.inlineStrings ? "inlineStr" : "s");
      const ref = o.noR ? "" : ` r="${colName(c)}${r + 1}"`;
      const style = cell.s ? ` s="${cell.s}"` : "";
      const type = t === "n" ? "" : ` t="${t}"`;
      if (t === "inlineStr") return `<c${ref}${style}${type}><is><t>${esc(String(cell.v))}</t></is></c>`;
      const v = t === "s" ? shared(String(cell.v)) : t === "b" ? (cell.v ? 1 : 0) : esc(String(cell.v));
      return `<c${ref}${style}${type}><v>${v}</v></c>`;
    });
    return `<row${o.noR ? "" : ` r="${r + 1}"`}>${cells.join("")}</row>`;
  });
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetData>${o.sheetData ?? rowXml.join("")}</sheetData></worksheet>`;
  const xfs = [0, ...(o.styles ?? [])].map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ""}/>`);
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet ${NS}><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs></styleSheet>`;
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${NS}>${o.sharedStrings ?? strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join("")}</sst>`;
  const hasStrings = strings.length > 0 || o.sharedStrings !== undefined;
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${NS}><workbookPr${o.date1904 ? ' date1904="1"' : ""}/><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const wbRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>${hasStrings ? `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const types = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="bin" ContentType="application/octet-stream"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${hasStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ""}</Types>`;

  const parts: Record<string, string> = {
    "[Content_Types].xml": types,
    "_rels/.rels": rootRels,
    "xl/workbook.xml": workbook,
    "xl/_rels/workbook.xml.rels": wbRels,
    "xl/styles.xml": styles,
    ...(hasStrings ? { "xl/sharedStrings.xml": sst } : {}),
    "xl/worksheets/sheet1.xml": sheet,
  };
  const orders: Record<NonNullable<PackageOptions["order"]>, string[]> = {
    excel: Object.keys(parts),
    // workbook.xml (and styles) only after the sheet: legal, and what some zip tools produce.
    "sheet-first": ["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml", "xl/workbook.xml"],
    // The shared strings after the sheet: a streaming reader must hold the sheet somewhere first.
    "strings-last": ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"],
  };
  const zip = new JSZip();
  for (const name of orders[o.order ?? "excel"]) if (parts[name] !== undefined) zip.file(name, parts[name]);
  if (o.padding) zip.file("xl/media/padding.bin", randomBytes(o.padding), { compression: "STORE" });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A zip whose entries are given as their inflated text, deflated here: for packages whose
 *  inflated size is the point (a zip bomb of a few hundred kB unpacking to `size` bytes). */
export function deflatedZip(entries: { name: string; text: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = deflateRawSync(e.text, { level: 9 });
    const name = Buffer.from(e.name);
    const crc = crc32(e.text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.text.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(e.text.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** A minimal workbook whose one sheet inflates to about `size` bytes of blank space. */
export async function zipBomb(size: number): Promise<Buffer> {
  const small = await JSZip.loadAsync(await xlsxPackage({ rows: [["date", "status"]] }));
  const entries: { name: string; text: Buffer }[] = [];
  for (const name of Object.keys(small.files)) {
    if (name === "xl/worksheets/sheet1.xml" || small.files[name].dir) continue;
    entries.push({ name, text: await small.file(name)!.async("nodebuffer") });
  }
  const open = Buffer.from(`<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>date</t></is></c></row>`);
  const close = Buffer.from("</sheetData></worksheet>");
  entries.push({ name: "xl/worksheets/sheet1.xml", text: Buffer.concat([open, Buffer.alloc(size, " "), close]) });
  return deflatedZip(entries);
}
