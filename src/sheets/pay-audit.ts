/**
 * The Pay Audit sheet (SPEC §3): was every service of my record credited on their statement, at
 * the contract's values? The answer first — what is owed in wRVUs and dollars, the services
 * missing, the RVU year their statement uses — then the assumptions, the figures, the table of
 * their RVU year, By code and Discrepancies. The pairing is ClinPay's, shown row by row on the
 * data sheet; every figure here is a native formula over those copied rows and the CMS block.
 */
import { absRange, sheetRef } from "./a1";
import { equalsCriterion, strLit } from "./criteria";
import { DATA_FIRST_ROW, DataSheet } from "./data-sheet";
import { rowsPastSheet } from "../core/limits";
import type { Problem } from "../core/inputs/types";
import { SheetLayout } from "./layout";
import { FMT, dataSheetName, formula as fx, type PlanCell, type SheetPlan } from "./plan";
import { rvuYearFigure } from "./rvu-year";
import { noteSections, reserveBottomLine, reserveFigures, reserveTable, sheetTop, type Figure, type Figures } from "./sections";
import { copyAudit, type AuditCopy } from "./pay-audit-data";
import { auditSentence } from "./pay-audit-sentence";
import { groupLabel, otherLabel, TABLE_ROWS } from "../core/grouping";
import { serialToIso } from "../core/dates";
import type { AuditRow } from "../core/inputs/audit";
import type { CodeTally, PayAudit, WorkRvu } from "../core/pay-audit";

export const AUDIT_SHEET_NAME = "Pay Audit";

/** Label texts, exactly as SPEC §3 spells them. */
export const AUDIT_LABELS = {
  rvuYear: "RVU year",
  dollarsPerWrvu: "$ per wRVU",
  tolerance: "Tolerance",
  servicesMine: "Services in my record",
  servicesTheirs: "Services on their statement",
  matched: "Matched",
  missing: "Missing from their statement",
  wrvusMissing: "wRVUs missing",
  creditedDifferently: "Credited differently",
  shortfall: "wRVU shortfall on matched services",
  statementOnly: "On their statement only",
  wrvusStatementOnly: "wRVUs on their statement only",
  wrvusOwed: "wRVUs owed",
  dollarsOwed: "Dollars owed",
  theirYear: "Their statement's RVU year",
  shareAtYear: "Matched services at that year's values",
  dollarsOwedPerYear: "Dollars owed per year",
  recordDates: "My record's dates",
  recordDays: "My record's days (first to last)",
} as const;

export const AUDIT_TABLES = {
  discrepancies: ["Date", "Code", "Kind", "My wRVU", "Their wRVU", "Difference", "My row", "Their row"],
  byCode: ["Code", "Missing", "wRVUs missing", "Credited differently", "wRVU shortfall"],
  years: ["RVU year", "Matched services at its values"],
} as const;

export interface PayAuditPlanInput {
  mine: readonly AuditRow[];
  statement: readonly AuditRow[];
  audit: PayAudit;
  years: readonly number[];
  cms: readonly { code: string; values: number[] }[];
  work: WorkRvu;
  rvuYear: number | null;
  dollarsPerWrvu: number;
  tolerance: number;
  defaults: { dollarsPerWrvu?: boolean; tolerance?: boolean };
  sources: { mine: string; statement: string };
  source: string;
  builtAt: Date;
  /** What reading the two tables and pairing them inferred, said in the notes. */
  inferred: string[];
  /** Matched services with a modifier Medicare pays a share for, and what they make of the shortfall. */
  share?: { services: number; wrvus: number; modifiers: string[] };
}

/** Days of record below which Dollars owed per year stays blank. */
const MIN_DAYS_FOR_A_YEAR = 7;

const HEADLINE = ["wrvusOwed", "dollarsOwed", "missing", "creditedDifferently", "theirYear", "shareAtYear"] as const;
const ASSUMPTIONS = ["rvuYear", "dollarsPerWrvu", "tolerance"] as const;
const KEY = ["servicesMine", "servicesTheirs", "matched", "wrvusMissing", "shortfall", "statementOnly", "wrvusStatementOnly", "dollarsOwedPerYear", "recordDates", "recordDays"] as const;
type FigureKey = (typeof HEADLINE)[number] | (typeof ASSUMPTIONS)[number] | (typeof KEY)[number];

/** A record or statement longer than the data sheet's rows below its header is refused before anything is computed. */
export function auditFitProblems(tables: { source: string; rows: number }[]): Problem[] {
  return tables.flatMap((t) => {
    const message = rowsPastSheet(t.rows, DATA_FIRST_ROW + 1, "row", dataSheetName(AUDIT_SHEET_NAME), "audit a shorter period (a month or a quarter at a time)");
    return message ? [{ source: t.source, row: 0, column: "", value: "", message }] : [];
  });
}

/** By code: every first code of my record, those owing most first; past TABLE_ROWS the rest fold into one row. */
export function byCodeRows(audit: PayAudit): (CodeTally & { other: number })[] {
  const owed = (t: CodeTally) => t.wrvusMissing + t.shortfall;
  const rows = audit.byCode.map((t) => ({ ...t, other: 0 })).sort((a, b) => owed(b) - owed(a) || (a.code < b.code ? -1 : 1));
  if (rows.length <= TABLE_ROWS) return rows;
  const rest = rows.slice(TABLE_ROWS);
  const sum = (f: (t: CodeTally) => number) => rest.reduce((s, t) => s + f(t), 0);
  return [...rows.slice(0, TABLE_ROWS), { code: "", missing: sum((t) => t.missing), wrvusMissing: sum((t) => t.wrvusMissing), creditedDifferently: sum((t) => t.creditedDifferently), shortfall: sum((t) => t.shortfall), other: rest.length }];
}

function reserve(layout: SheetLayout, x: PayAuditPlanInput, codes: number) {
  const page = layout.cursor;
  const answer = reserveBottomLine(page);
  const [glance, chartSide] = page.columns(3, 8);
  const headline = reserveFigures(glance, "At a glance", HEADLINE);
  const mainChart = chartSide.chart(15);
  page.join([glance, chartSide]);

  const [left, right] = page.columns(3, 8);
  const assumptions = reserveFigures(left, "Assumptions", ASSUMPTIONS);
  const key = reserveFigures(left, "Key figures", KEY);
  const years = reserveTable(right, "Their statement's RVU year: matched services credited at each year's values", AUDIT_TABLES.years.length, x.years.length);
  const byCode = reserveTable(right, "By code (of my record)", AUDIT_TABLES.byCode.length, codes);
  const discrepancies = reserveTable(right, "Discrepancies (by date)", AUDIT_TABLES.discrepancies.length, x.audit.discrepancies.length);
  page.join([left, right]);
  return { answer, headline, mainChart, assumptions, key, years, byCode, discrepancies, notes: page };
}
type Places = ReturnType<typeof reserve>;

interface Ctx {
  x: PayAuditPlanInput;
  layout: SheetLayout;
  places: Places;
  refs: Record<FigureKey, string>;
  copy: AuditCopy;
}

const datesOf = (dates: string, first: number, last: number) => ({
  f: `YEAR(MIN(${dates}))&"-"&TEXT(MONTH(MIN(${dates})),"00")&"-"&TEXT(DAY(MIN(${dates})),"00")&" to "&YEAR(MAX(${dates}))&"-"&TEXT(MONTH(MAX(${dates})),"00")&"-"&TEXT(DAY(MAX(${dates})),"00")`,
  v: `${serialToIso(first)} to ${serialToIso(last)}`,
});

function figures(c: Ctx): Record<FigureKey, Figure> {
  const { x, refs, places } = c;
  const a = x.audit;
  const L = AUDIT_LABELS;
  const M = c.copy.mine.range;
  const T = c.copy.their.range;
  const dates = x.mine.map((s) => s.date);
  const first = Math.min(...dates);
  const last = Math.max(...dates);
  const span = datesOf(M.date, first, last);
  const over = fx(refs.recordDates, span.v);
  const tol = refs.tolerance;
  const counts = places.years.column(1);
  const days = last - first + 1;
  const dflt = (d: boolean | undefined) => (d ? "ClinPay's default: type yours" : "yours");
  return {
    rvuYear: rvuYearFigure(refs.rvuYear, x.years, x.rvuYear),
    dollarsPerWrvu: { label: L.dollarsPerWrvu, value: x.dollarsPerWrvu, format: FMT.money2, aside: dflt(x.defaults.dollarsPerWrvu) },
    tolerance: { label: L.tolerance, value: x.tolerance, format: '0.000" wRVU"', aside: x.defaults.tolerance ? "ClinPay's default: a credit this close to expected counts as equal" : "a credit this close to expected counts as equal" },
    servicesMine: { label: L.servicesMine, value: fx(`COUNT(${M.date})`, a.servicesMine), format: FMT.number, aside: over },
    servicesTheirs: { label: L.servicesTheirs, value: fx(`COUNT(${T.net})`, a.servicesTheirs), format: FMT.number, aside: "their lines net of voids" },
    matched: { label: L.matched, value: fx(`COUNTIFS(${M.theirRows},"<>")`, a.matched), format: FMT.number, aside: a.byEncounter ? "by encounter id and code" : "by date and code" },
    missing: { label: L.missing, value: fx(`${refs.servicesMine}-${refs.matched}`, a.missing), format: FMT.number, aside: "services of mine on no line of theirs" },
    wrvusMissing: { label: L.wrvusMissing, value: fx(`SUMIFS(${M.expected},${M.theirRows},"")`, a.wrvusMissing), format: FMT.wrvu2, aside: "their expected wRVU" },
    creditedDifferently: {
      label: L.creditedDifferently,
      value: fx(`COUNTIFS(${M.theirRows},"<>",${M.diff},">"&${tol})+COUNTIFS(${M.theirRows},"<>",${M.diff},"<"&-${tol})`, a.creditedDifferently),
      format: FMT.number,
      aside: "matched, off by more than Tolerance",
    },
    shortfall: { label: L.shortfall, value: fx(`SUMIFS(${M.diff},${M.theirRows},"<>")`, a.shortfall), format: FMT.wrvu2, aside: "expected − credited (negative: credited more)" },
    statementOnly: { label: L.statementOnly, value: fx(`SUMPRODUCT(ISNUMBER(${T.net})*(${T.myRow}=""))`, a.statementOnlyCount), format: FMT.number, aside: "lines to review, not netted" },
    wrvusStatementOnly: { label: L.wrvusStatementOnly, value: fx(`SUMIFS(${T.net},${T.myRow},"")`, a.wrvusStatementOnly), format: FMT.wrvu2 },
    wrvusOwed: { label: L.wrvusOwed, value: fx(`${refs.wrvusMissing}+${refs.shortfall}`, a.wrvusOwed), format: FMT.wrvu2, aside: over },
    dollarsOwed: { label: L.dollarsOwed, value: fx(`${refs.wrvusOwed}*${refs.dollarsPerWrvu}`, a.wrvusOwed * x.dollarsPerWrvu), format: FMT.money, aside: over },
    // A few days' record says too little to multiply into a year (3 days × 122 would be the year's figure).
    dollarsOwedPerYear: {
      label: L.dollarsOwedPerYear,
      value: fx(`IF(${refs.recordDays}<${MIN_DAYS_FOR_A_YEAR},"",${refs.dollarsOwed}*365/${refs.recordDays})`, days < MIN_DAYS_FOR_A_YEAR ? "" : (a.wrvusOwed * x.dollarsPerWrvu * 365) / days),
      format: FMT.money,
      aside: `a year, at the same rate (blank for a record of under ${MIN_DAYS_FOR_A_YEAR} days)`,
    },
    theirYear: {
      label: L.theirYear,
      value: fx(`IF(${refs.matched}=0,"",SUMPRODUCT(MAX((${counts}=MAX(${counts}))*${places.years.column(0)})))`, a.theirYear),
      format: "0",
      align: "right",
      aside: "most matched services credited at its values",
    },
    shareAtYear: { label: L.shareAtYear, value: fx(`IF(${refs.matched}=0,"",MAX(${counts})/${refs.matched})`, a.shareAtTheirYear), format: FMT.percent, aside: "of matched services" },
    recordDates: { label: L.recordDates, value: fx(span.f, span.v), align: "right" },
    recordDays: { label: L.recordDays, value: fx(`MAX(${M.date})-MIN(${M.date})+1`, days), format: FMT.days },
  };
}

/** Matched services credited at each table year's values (within Tolerance): the year test, row by row on the data sheet. */
function yearSection(c: Ctx): void {
  const { x, places, refs } = c;
  const M = c.copy.mine.range;
  const rows = x.years.map((y, yi): PlanCell[] => [
    y,
    fx(`SUMPRODUCT((${M.theirRows}<>"")*(ABS(${M.atYear[yi]}-${M.credited})<=${refs.tolerance}))`, x.audit.matchesByYear[yi].count),
  ]);
  places.years.fill(c.layout, AUDIT_TABLES.years, rows, { formats: ["0", FMT.number], align: ["center", undefined] });
}

function byCodeSection(c: Ctx, rows: ReturnType<typeof byCodeRows>): void {
  const { places, refs } = c;
  const t = places.byCode;
  const M = c.copy.mine.range;
  const tol = refs.tolerance;
  const above = (i: number, col: number) => `SUM(${absRange(t.first, t.area.col + col, t.first + i - 1, t.area.col + col)})`;
  const cells = rows.map((r, i): PlanCell[] => {
    if (r.other > 0) {
      return [
        otherLabel(r.other, "codes"),
        fx(`${refs.missing}-${above(i, 1)}`, r.missing),
        fx(`${refs.wrvusMissing}-${above(i, 2)}`, r.wrvusMissing),
        fx(`${refs.creditedDifferently}-${above(i, 3)}`, r.creditedDifferently),
        fx(`${refs.shortfall}-${above(i, 4)}`, r.shortfall),
      ];
    }
    const g = `,${M.code},${equalsCriterion(r.code)}`;
    return [
      groupLabel(r.code, { other: 0, prefix: false }, "codes"),
      // Not COUNTIFS(rows,"",…): LibreOffice counts 0 there when the blank criterion comes first.
      fx(`SUMPRODUCT((${M.theirRows}="")*((${M.code}&"")=${strLit(r.code)}))`, r.missing),
      fx(`SUMIFS(${M.expected},${M.theirRows},""${g})`, r.wrvusMissing),
      fx(`COUNTIFS(${M.theirRows},"<>",${M.diff},">"&${tol}${g})+COUNTIFS(${M.theirRows},"<>",${M.diff},"<"&-${tol}${g})`, r.creditedDifferently),
      fx(`SUMIFS(${M.diff},${M.theirRows},"<>"${g})`, r.shortfall),
    ];
  });
  t.fill(c.layout, AUDIT_TABLES.byCode, cells, { formats: [undefined, FMT.number, FMT.number2, FMT.number, FMT.number2] });
  c.layout.chart(places.mainChart, {
    type: "bar",
    title: "wRVUs owed by code: missing services and shortfall on matched ones",
    categoriesRef: t.column(0),
    series: [2, 4].map((col) => ({ nameRef: t.headerCell(col), valuesRef: t.column(col) })),
    yAxisTitle: "wRVUs",
    valueFormat: FMT.number2,
  });
}

/** Each discrepancy, its cells pointing at the copied rows (the kind of a service of mine follows Tolerance). */
function discrepancySection(c: Ctx): void {
  const { x, refs } = c;
  const mine = c.copy.mine;
  const their = c.copy.their;
  const myIndex = new Map(x.audit.pairs.map((p, i) => [p.mine.row, i]));
  const rows = x.audit.discrepancies.map((d): PlanCell[] => {
    if (d.myRow === null) {
      const j = their.index.get(d.theirRow!)!;
      return [fx(their.cell(j, "date"), d.date), fx(their.cell(j, "code"), d.code), "statement only", null, fx(their.cell(j, "net"), d.theirs), fx(`-${their.cell(j, "net")}`, d.difference), null, d.theirRow];
    }
    const i = myIndex.get(d.myRow)!;
    const kind = `IF(${mine.cell(i, "theirRows")}="",${strLit("missing")},IF(ABS(${mine.cell(i, "diff")})>${refs.tolerance},${strLit("credited differently")},${strLit("as expected")}))`;
    // The service's codes, so a visit credited short for its procedure or add-on says which.
    const [first, ...more] = mine.codes(i);
    const codes = [first, ...more.map((a) => `IF(${a}="","",", "&${a})`)].join("&");
    return [
      fx(mine.cell(i, "date"), d.date),
      fx(codes, x.audit.pairs[i].mine.codes.map((k) => k.key).join(", ")),
      fx(kind, d.kind),
      fx(mine.cell(i, "expected"), d.mine),
      d.theirs === null ? null : fx(mine.cell(i, "credited"), d.theirs),
      fx(mine.cell(i, "diff"), d.difference),
      d.myRow,
      d.theirRow,
    ];
  });
  c.places.discrepancies.fill(c.layout, AUDIT_TABLES.discrepancies, rows, {
    formats: [FMT.date, "@", undefined, FMT.number2, FMT.number2, FMT.number2, "0", "0"],
    align: [undefined, "indent", "indent", undefined, undefined, undefined, "center", "center"],
  });
}

const NOTES = [
  "ClinPay paired each service of your record with the lines of their statement: by encounter id and code when both files carry encounter ids that agree, else by date and code; each service takes at most one line for its first code, in row order. A cell of several codes (99214, G2211) also takes a line for each further code at the same encounter (or date), so an add-on their statement writes on a line of its own is credited to its visit. The data sheet shows the pairing row by row (Their rows, My row): change a pair there and every figure follows.",
  "Their void lines (negative wRVU) net into the earliest earlier line of the same encounter (else date) and code (Void of row): a pair that nets to 0 leaves the statement, a partial void leaves the net wRVU.",
  "Expected wRVU is each code's CMS work RVU (the CMS block on the data sheet; a 26, TC or 53 modifier is priced on its own row) × units on the first code, each further code once, in the RVU year: blank prices each service in its own year (the latest table year at or before its date), a year prices every service in it. A code the CMS table lacks counts 0.",
  "Credited differently: matched services whose credited wRVU is off the expected by more than Tolerance. wRVUs owed = wRVUs missing + the shortfall on matched services (negative where they credited more); Dollars owed prices it at $ per wRVU. Lines on their statement only are listed for review, not netted: they may be yours under another code, or someone else's.",
  "Their statement's RVU year is the table year at whose values the most matched services were credited (within Tolerance), the later year on a tie; the wRVU at each year's values columns on the data sheet show every service at both. E/M visits are worth the same in 2025 and 2026, so procedures decide it.",
  "Every figure is a live formula over the rows copied on the Pay Audit data sheet and the Assumptions: type another RVU year, $ per wRVU or Tolerance and everything follows, with or without the add-in.",
];

export function buildPayAuditPlan(x: PayAuditPlanInput): SheetPlan {
  const codeRows = byCodeRows(x.audit);
  const data = new DataSheet(AUDIT_SHEET_NAME, x.builtAt, x.source);
  const layout = new SheetLayout();
  sheetTop(layout, AUDIT_SHEET_NAME, x.builtAt, x.source);
  const places = reserve(layout, x, codeRows.length);
  const refs = { ...places.headline.ref, ...places.assumptions.ref, ...places.key.ref } as Record<FigureKey, string>;
  const copy = copyAudit(data, { ...x, rvuYear: sheetRef(AUDIT_SHEET_NAME, refs.rvuYear), rvuYearValue: x.rvuYear });
  const c: Ctx = { x, layout, places, refs, copy };

  const all = figures(c);
  const fill = <K extends FigureKey>(f: Figures<K>, style?: "assumptions") => f.fill(layout, Object.fromEntries(f.keys.map((k) => [k, all[k]])) as Record<K, Figure>, style);
  places.answer.fill(layout, auditSentence(x, refs, places.years.column(1)));
  fill(places.headline);
  fill(places.assumptions, "assumptions");
  fill(places.key);
  yearSection(c);
  byCodeSection(c, codeRows);
  discrepancySection(c);
  noteSections(places.notes, layout, NOTES, x.inferred);
  return layout.finish("pay-audit", AUDIT_SHEET_NAME, { dataSheets: [data.finish("pay-audit")] });
}
