/**
 * The Pay Audit's data sheet (SPEC §3): my record and their statement copied row by row, each row
 * showing its partner's row (the pairing is ClinPay's), and the CMS work RVUs of my codes in every
 * table year. Every per-row figure is a native formula over them — a service's wRVU at each
 * year's values, its RVU year, its expected wRVU, what their lines credit it and the difference;
 * a line's wRVU net of its voids — so an advisor can audit the audit.
 */
import { abs, absRange, sheetRef } from "./a1";
import { DATA_FIRST_ROW, type DataSheet } from "./data-sheet";
import { FMT, formula, type PlanCell } from "./plan";
import { PRODUCTION_COPY_HEADERS } from "./target-production";
import { cleanText } from "../core/cms-block";
import type { AuditRow } from "../core/inputs/audit";
import { expectedWrvu, type PayAudit, type WorkRvu } from "../core/pay-audit";

export interface AuditCopyInput {
  mine: readonly AuditRow[];
  statement: readonly AuditRow[];
  audit: PayAudit;
  /** The table's years, and each priced code of my record's work RVU in each. */
  years: readonly number[];
  cms: readonly { code: string; values: number[] }[];
  /** The work RVU the block gives a fee key in a year (the values above): the formulas' cached values. */
  work: WorkRvu;
  /** The RVU year cell and the tolerance cell on the analysis sheet (sheet-qualified), and the RVU year as built. */
  rvuYear: string;
  rvuYearValue: number | null;
  sources: { mine: string; statement: string };
}

/** A copied table's column ranges by name, and its cells (sheet-qualified) for the analysis sheet. */
export interface Copied<K extends string> {
  range: Record<K, string>;
  cell(i: number, c: K): string;
}

const emptyToNull = (s: string | undefined): string | null => (s === undefined || cleanText(s) === "" ? null : cleanText(s));
const n = (x: number) => x.toLocaleString("en-US");

/** The most further codes any service of mine carries: the copied table has that many add-on columns (at least one, to type into). */
const addOnColumns = (mine: readonly AuditRow[]) => Math.max(1, ...mine.map((s) => s.codes.length - 1));

export function myHeaders(years: readonly number[], addOns: number): string[] {
  const addOn = Array.from({ length: addOns }, (_, i) => (i === 0 ? "Add-on code" : `Add-on code ${i + 1}`));
  return [...PRODUCTION_COPY_HEADERS, ...addOn, "Encounter", ...years.map((y) => `wRVU at ${y} values`), "RVU year", "Expected wRVU", "Their rows", "Credited wRVU", "Difference"];
}
export const THEIR_HEADERS = [...PRODUCTION_COPY_HEADERS, "Encounter", "Void of row", "Net wRVU", "My row"];
export const auditCmsHeaders = (years: readonly number[]) => ["Code", ...years.map((y) => `Work RVU ${y}`)];

/** Where my record's named columns are: the production columns, the add-on codes, then the working. */
function myColumns(years: readonly number[], addOns: number) {
  const enc = PRODUCTION_COPY_HEADERS.length + addOns;
  const atYear = (i: number) => enc + 1 + i;
  const ry = enc + 1 + years.length;
  return { addOn: (i: number) => PRODUCTION_COPY_HEADERS.length + i, enc, atYear, rvuYear: ry, expected: ry + 1, theirRows: ry + 2, credited: ry + 3, diff: ry + 4 };
}
const THEIR = { date: 0, code: 1, wrvu: 4, row: 6, enc: 7, voidOf: 8, net: 9, myRow: 10 } as const;

/** Copies both tables and the CMS block; returns the ranges and cells the analysis sheet reads. */
export function copyAudit(data: DataSheet, x: AuditCopyInput) {
  const { audit, years } = x;
  const addOns = addOnColumns(x.mine);
  const mc = myColumns(years, addOns);
  const mineHeaders = myHeaders(years, addOns);
  const mineCol = data.nextCol;
  const theirCol = mineCol + mineHeaders.length + 1;
  const cmsCol = theirCol + THEIR_HEADERS.length + 1;
  const list = `{${years.join(",")}}`;
  const last = (rows: number) => DATA_FIRST_ROW + Math.max(rows, 1) - 1;
  const cmsCodes = absRange(DATA_FIRST_ROW, cmsCol, last(x.cms.length), cmsCol);
  const cmsYear = (i: number) => absRange(DATA_FIRST_ROW, cmsCol + 1 + i, last(x.cms.length), cmsCol + 1 + i);
  const theirCell = (j: number, c: number) => abs(DATA_FIRST_ROW + j, theirCol + c);
  const theirIndex = new Map(x.statement.map((l, j) => [l.row, j]));

  // Their lines: a void nets into the line it voids; a line's Net wRVU is its wRVU and its voids'.
  const voidOf = new Map(audit.netted.voids.map((v) => [v.row, v.into]));
  const voidsOf = new Map<number, number[]>();
  for (const v of audit.netted.voids) voidsOf.set(v.into, [...(voidsOf.get(v.into) ?? []), v.row]);
  const removed = new Set(audit.netted.removed);
  const netOf = new Map([...audit.netted.lines.map((l) => [l.line.row, l.net] as const)]);
  const myRowOf = new Map<number, number>();
  for (const p of audit.pairs) for (const l of p.theirs) myRowOf.set(l.line.row, p.mine.row);
  // A line with negative units takes its wRVU off whatever sign it was printed with (as the core reads it).
  const signed = (j: number) => (x.statement[j].units < 0 ? `-ABS(${theirCell(j, THEIR.wrvu)})` : theirCell(j, THEIR.wrvu));
  const theirRows: PlanCell[][] = x.statement.map((l, j) => {
    const wrvu = signed(j);
    const voids = voidsOf.get(l.row) ?? [];
    const sum = [wrvu, ...voids.map((r) => signed(theirIndex.get(r)!))].join("+");
    const net: PlanCell = voidOf.has(l.row)
      ? null
      : voids.length === 0
        ? formula(wrvu, l.wrvu)
        : formula(`IF(ROUND(${sum},9)=0,"",${sum})`, removed.has(l.row) ? "" : netOf.get(l.row)!);
    return [l.date, emptyToNull(l.codes[0]?.key), emptyToNull(l.modifiers), l.units, l.given, emptyToNull(l.provider), l.row, emptyToNull(l.encounterId), voidOf.get(l.row) ?? null, net, myRowOf.get(l.row) ?? null];
  });

  // My services: each code at every year's values, the RVU year, what they credit it.
  const mineRows: PlanCell[][] = audit.pairs.map((p, i) => {
    const s = x.mine[i];
    const cell = (c: number) => abs(DATA_FIRST_ROW + i, mineCol + c);
    const codes = [cell(1), ...Array.from({ length: addOns }, (_, k) => cell(mc.addOn(k)))];
    const atYear = (y: number) => [`${cell(3)}*SUMIFS(${cmsYear(y)},${cmsCodes},${codes[0]})`, ...codes.slice(1).map((c) => `SUMIFS(${cmsYear(y)},${cmsCodes},${c})`)].join("+");
    // The latest table year at or before the service's (MATCH type 1 on the ascending years), else the first.
    const own = `IFERROR(INDEX(${list},MATCH(YEAR(${cell(0)}),${list},1)),${years[0]})`;
    const credited = p.theirs.map((l) => theirCell(theirIndex.get(l.line.row)!, THEIR.net)).join("+");
    return [
      s.date, emptyToNull(s.codes[0]?.key), emptyToNull(s.modifiers), s.units, s.given, emptyToNull(s.provider), s.row,
      ...Array.from({ length: addOns }, (_, k) => s.codes[k + 1]?.key ?? null),
      emptyToNull(s.encounterId),
      ...years.map((y, yi) => formula(atYear(yi), expectedWrvu(s, y, x.work).wrvu)),
      formula(`IF(ISNUMBER(MATCH(${x.rvuYear},${list},0)),${x.rvuYear},${own})`, p.year),
      formula(`INDEX(${cell(mc.atYear(0))}:${cell(mc.atYear(years.length - 1))},MATCH(${cell(mc.rvuYear)},${list},0))`, p.expected.wrvu),
      p.theirs.length === 0 ? null : p.theirs.length === 1 ? p.theirs[0].line.row : p.theirs.map((l) => l.line.row).join(", "),
      p.credited === null ? null : formula(credited, p.credited),
      formula(`${cell(mc.expected)}-${cell(mc.credited)}`, p.expected.wrvu - (p.credited ?? 0)),
    ];
  });

  const mine = data.add({
    heading: `My record (copied: ${n(x.mine.length)} services of ${x.sources.mine})`,
    headers: mineHeaders,
    rows: mineRows,
    formats: [FMT.date, "@", "@", FMT.number2, FMT.number2, undefined, "0", ...Array.from({ length: addOns }, () => "@"), "@", ...years.map(() => FMT.number2), "0", FMT.number2, "@", FMT.number2, FMT.number2],
    align: [undefined, "indent", "indent", undefined, undefined, "indent", undefined, ...Array.from({ length: addOns }, () => "indent" as const), "indent", ...years.map(() => undefined), "center", undefined, "center", undefined, undefined],
    widths: [11, 10, 10, 7, 8, 16, 10, ...Array.from({ length: addOns }, () => 11), 12, ...years.map(() => 11), 8, 10, 10, 10, 10],
  });
  const their = data.add({
    heading: `Their statement (copied: ${n(x.statement.length)} lines of ${x.sources.statement})`,
    headers: THEIR_HEADERS,
    rows: theirRows,
    formats: [FMT.date, "@", "@", FMT.number2, FMT.number2, undefined, "0", "@", "0", FMT.number2, "0"],
    align: [undefined, "indent", "indent", undefined, undefined, "indent", undefined, "indent", "center", undefined, "center"],
    widths: [11, 10, 8, 7, 8, 16, 10, 12, 8, 9, 8],
  });
  data.add({
    heading: "CMS work RVUs of my codes (national; a year CMS lists none for a code shows the nearest year's)",
    headers: auditCmsHeaders(years),
    rows: x.cms.map((c) => [c.code, ...c.values]),
    formats: ["@", ...years.map(() => FMT.number2)],
    widths: [10, ...years.map(() => 10)],
  });
  if (mine.col !== mineCol || their.col !== theirCol) throw new Error("the Pay Audit data sheet's tables are not where their formulas point");

  const q = (c: string) => sheetRef(data.name, c);
  const mineRange = { date: mine.column(0), code: mine.column(1), expected: mine.column(mc.expected), theirRows: mine.column(mc.theirRows), credited: mine.column(mc.credited), diff: mine.column(mc.diff) };
  return {
    mine: {
      range: { ...mineRange, atYear: years.map((_, yi) => mine.column(mc.atYear(yi))) },
      cell: (i: number, c: "date" | "code" | "expected" | "theirRows" | "credited" | "diff") =>
        q(abs(DATA_FIRST_ROW + i, mineCol + { date: 0, code: 1, expected: mc.expected, theirRows: mc.theirRows, credited: mc.credited, diff: mc.diff }[c])),
      /** A service's code cell and its add-on code cells. */
      codes: (i: number) => [1, ...Array.from({ length: addOns }, (_, k) => mc.addOn(k))].map((c) => q(abs(DATA_FIRST_ROW + i, mineCol + c))),
    },
    their: {
      range: { date: their.column(THEIR.date), net: their.column(THEIR.net), myRow: their.column(THEIR.myRow) },
      cell: (j: number, c: "date" | "code" | "net") => q(theirCell(j, THEIR[c])),
      index: theirIndex,
    },
  };
}
export type AuditCopy = ReturnType<typeof copyAudit>;
