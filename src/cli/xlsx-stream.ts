/**
 * Big .xlsx inputs, read a row at a time. Loading a workbook whole (ExcelJS's Workbook) builds an
 * object per cell with its style: a 1,048,575-row log took 2.85 GB and over 300 s. Here the small
 * parts that say where the table is (workbook.xml, its relationships, the table parts) are read
 * with JSZip, and the one worksheet wanted is streamed by ExcelJS's WorkbookReader, each row
 * kept only as its values.
 *
 * The same choice as the whole-workbook reader: a named Excel table (any sheet), else a sheet of
 * that name, else the first visible sheet; the header is the first non-empty row.
 */
import { Readable } from "stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { cellText, isBlank } from "../core/table";
import type { RawTable, RawValue } from "../core/inputs/types";
import { decodeCell, toRawValue, uncalculatedFormula, type Uncalculated } from "./xlsx-cells";

/** The part to stream and, for a table, the rectangle to keep (1-based, inclusive). */
interface Target {
  /** "3" for xl/worksheets/sheet3.xml: the id WorkbookReader gives that sheet. */
  sheetId: string;
  label: string;
  box?: { top: number; left: number; bottom: number; right: number; header: boolean; names: string[] };
}

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const unxml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => (e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITY[e.toLowerCase()]));

/** The attributes of every `<name …>` tag in `xml` (prefixes such as r: dropped). */
function tags(xml: string, name: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of xml.matchAll(new RegExp(`<(?:\\w+:)?${name}\\b([^>]*)>`, "g"))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/(?:[\w]+:)?([\w]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) attrs[a[1]] = unxml(a[3] ?? a[4] ?? "");
    out.push(attrs);
  }
  return out;
}

/** "worksheets/sheet3.xml" or "/xl/worksheets/sheet3.xml" (relative to xl/) → "xl/worksheets/sheet3.xml". */
function partPath(target: string, base = "xl/"): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = (base + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

const sheetIdOf = (path: string) => /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1];

/** Where the wanted rows are, or undefined when the workbook is laid out as the streaming reader cannot follow. */
async function findTarget(zip: JSZip, file: string, tableName?: string): Promise<Target | undefined> {
  const text = async (p: string) => (await zip.file(p)?.async("string")) ?? "";
  const rels = new Map(tags(await text("xl/_rels/workbook.xml.rels"), "Relationship").map((r) => [r.Id, partPath(r.Target)]));
  const sheets = tags(await text("xl/workbook.xml"), "sheet").map((s) => ({ name: s.name ?? "", hidden: s.state === "hidden" || s.state === "veryHidden", path: rels.get(s.id) ?? "" }));
  if (sheets.length === 0) return undefined;

  if (tableName) {
    const wanted = tableName.toLowerCase();
    for (const sheet of sheets) {
      const relsPath = sheet.path.replace(/([^/]+)$/, "_rels/$1.rels");
      for (const rel of tags(await text(relsPath), "Relationship")) {
        if (!/\/table$/.test(rel.Type ?? "")) continue;
        const xml = await text(partPath(rel.Target, sheet.path.replace(/[^/]+$/, "")));
        const [t] = tags(xml, "table");
        if (!t || ![t.name, t.displayName].some((n) => (n ?? "").toLowerCase() === wanted)) continue;
        const [a, b] = (t.ref ?? "").split(":").map(decodeCell);
        const id = sheetIdOf(sheet.path);
        if (!a || !b || !id) return undefined;
        const header = t.headerRowCount !== "0";
        const totals = Number(t.totalsRowCount ?? 0) > 0;
        const names = tags(xml, "tableColumn").map((c) => c.name ?? "");
        return { sheetId: id, label: `${file} [${t.name}]`, box: { top: a.row, left: a.col, bottom: totals ? b.row - 1 : b.row, right: b.col, header, names } };
      }
    }
    const named = sheets.find((s) => s.name.toLowerCase() === wanted);
    if (named) {
      const id = sheetIdOf(named.path);
      return id ? { sheetId: id, label: `${file} [${named.name}]` } : undefined;
    }
  }
  const first = sheets.find((s) => !s.hidden) ?? sheets[0];
  const id = sheetIdOf(first.path);
  return id ? { sheetId: id, label: `${file} [${first.name}]` } : undefined;
}

/**
 * Streams the wanted sheet of `buf` into a RawTable (marked transient: read once, then parsed).
 * Returns undefined when the workbook's layout is one only the whole-workbook reader follows.
 */
export async function streamWorkbook(buf: Buffer, file: string, tableName?: string): Promise<RawTable | undefined> {
  const target = await findTarget(await JSZip.loadAsync(buf), file, tableName);
  if (!target) return undefined;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    sharedStrings: "cache",
    styles: "cache", // date formats: a date cell arrives as a Date
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  let table: RawTable | undefined;
  for await (const ws of reader) {
    const sheet = ws as unknown as AsyncIterable<ExcelJS.Row> & { id: string | number };
    if (String(sheet.id) !== target.sheetId || table) {
      for await (const _ of sheet); // not the wanted sheet: read past it
      continue;
    }
    table = await collect(sheet, target);
  }
  return table ?? { source: target.label, headers: [], rows: [], headerRow: 1 };
}

async function collect(rows: AsyncIterable<ExcelJS.Row>, target: Target): Promise<RawTable> {
  const box = target.box;
  let headerRow = 0;
  let left = box?.left ?? 0;
  let right = box?.right ?? 0;
  let headers: string[] = box && !box.header ? box.names : [];
  let next = 0; // the sheet row the next data row should be on: gaps are blank rows
  const out: RawValue[][] = [];
  const uncalculated: Uncalculated[] = [];
  const blankRow = (): RawValue[] => new Array(right - left + 1).fill(null);
  // A log repeats a few hundred days a million times; one Date each (never mutated downstream).
  const dates = new Map<number, Date>();
  const value = (v: unknown): RawValue => {
    const raw = toRawValue(v);
    if (!(raw instanceof Date)) return raw;
    const known = dates.get(raw.getTime());
    if (known) return known;
    if (dates.size < 100_000) dates.set(raw.getTime(), raw);
    return raw;
  };

  for await (const row of rows) {
    const r = row.number;
    if (box && (r < box.top || r > box.bottom)) continue;
    const values = row.values as unknown[];
    if (headerRow === 0) {
      if (box && !box.header) {
        headerRow = box.top - 1;
        next = box.top;
      } else {
        let first = 0;
        let last = 0;
        for (let c = box ? box.left : 1; c < (box ? box.right + 1 : values.length); c++) {
          if (isBlank(toRawValue(values[c]))) continue;
          if (first === 0) first = c;
          last = c;
        }
        if (first === 0) continue;
        headerRow = r;
        if (!box) [left, right] = [first, last];
        headers = [];
        for (let c = left; c <= right; c++) headers.push(cellText(toRawValue(values[c])).trim());
        next = r + 1;
        continue;
      }
    }
    while (next < r) {
      out.push(blankRow());
      next++;
    }
    const cells: RawValue[] = new Array(right - left + 1);
    for (let c = left; c <= right; c++) {
      const v = values[c];
      const formula = uncalculatedFormula(v);
      if (formula) uncalculated.push({ row: out.length, col: c - left, formula });
      cells[c - left] = value(v);
    }
    out.push(cells);
    next = r + 1;
  }
  while (out.length > 0 && out[out.length - 1].every(isBlank)) out.pop();
  return { source: target.label, headers, rows: out, headerRow: headerRow || 1, transient: true, ...(uncalculated.length ? { uncalculated } : {}) };
}
