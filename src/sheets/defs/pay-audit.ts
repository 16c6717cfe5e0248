/**
 * Pay Audit's definition: my record (an appointment log or a wRVU report) and their statement (the
 * employer's wRVU report) → was every service credited, at the contract's values (SPEC §3).
 */
import type { Problem } from "../../core/inputs/types";
import { guessedDateProblems, readMyRecord, readTheirStatement, type AuditRow, type AuditTable, type DatedTable } from "../../core/inputs/audit";
import { SHARE_MODIFIERS, netMyVoids, payAudit, shareModifierShortfall, type PayAudit } from "../../core/pay-audit";
import { workByYear } from "../../core/cms-block";
import { wrvuForYear } from "../../core/wrvu";
import { DEFAULT_DOLLARS_PER_WRVU } from "../../core/defaults";
import { serialToIso as iso } from "../../core/dates";
import { InputError, throwIfProblems } from "../../core/table";
import { isUnusedColumnLine } from "../../core/exports/mapping";
import { collect, displayName, field, has, logOptions, notNegative, numberField, type BuildRequest, type FieldSpec, type SheetDefinition } from "../definition";
import { DOLLARS_PER_WRVU_FIELD } from "./rvu-leakage";
import { RVU_YEAR_FIELD, rvuYearOf } from "./rvu-year";
import { fmt, inferredLines, textTable } from "./text";

type AuditModule = typeof import("../pay-audit");

/** wRVU: a credit this close to the expected counts as equal (their statements round to 2 decimals). */
export const DEFAULT_TOLERANCE = 0.005;

const FIELDS: FieldSpec[] = [
  RVU_YEAR_FIELD,
  DOLLARS_PER_WRVU_FIELD,
  {
    key: "tolerance",
    label: "Tolerance",
    type: "number",
    required: false,
    placeholder: String(DEFAULT_TOLERANCE),
    help: `how far (in wRVU) a credited line may be from the expected and still count as equal, e.g. 0.01 (blank: ${DEFAULT_TOLERANCE})`,
    flag: "tolerance",
  },
];
const f = (key: string) => field(FIELDS, key);

/** One --map serves both files: a column line is unused only when neither file has its header (then said once). */
function auditWarnings(mine: string[], theirs: string[]): string[] {
  const both = mine.filter((w) => isUnusedColumnLine(w) && theirs.includes(w)).map((w) => w.replace(/ in this file$/, " in either file"));
  return [...mine.filter((w) => !isUnusedColumnLine(w)), ...theirs.filter((w) => !isUnusedColumnLine(w)), ...both];
}

/** Matched services with a modifier Medicare pays a share for: which, and how much of the shortfall they make. */
function shareOf(a: PayAudit, theirs: readonly AuditRow[]) {
  const byRow = new Map(theirs.map((r) => [r.row, r]));
  const words = (m: string) => m.split(/\s+/).filter((x) => x !== "");
  return shareModifierShortfall(a.pairs, (p) => [...words((p.mine as AuditRow).modifiers), ...p.theirs.flatMap((l) => words(byRow.get(l.line.row)?.modifiers ?? ""))]);
}

function shareNote(s: ReturnType<typeof shareOf>): string[] {
  if (s.services === 0) return [];
  const named = s.modifiers.map((m) => `${m} ${SHARE_MODIFIERS[m]}`).join(", ");
  return [`${fmt(s.services)} matched ${s.services === 1 ? "service carries" : "services carry"} a modifier Medicare pays a share for (${named}); the audit prices every code at its full CMS work RVU, so if your contract credits the share, ${fmt(s.wrvus, 2)} wRVUs of the shortfall come from ${s.services === 1 ? "it" : "them"} and are not owed.`];
}

/** What pairing the two tables inferred: how services were matched, and my record's own voids. */
function pairingNotes(a: PayAudit, myVoids: { voids: unknown[]; removed: number[] }, unpriced: string[]): string[] {
  const out: string[] = [];
  if (a.byEncounter) {
    const without = a.servicesMine - a.ids.mineWithId;
    out.push(`Services were matched by encounter id and code (${fmt(a.ids.shared)} of your ${fmt(a.ids.mineWithId)} encounter ids are on their statement); a line dated differently from your record still matches its encounter.${without > 0 ? ` Your ${fmt(without)} ${without === 1 ? "service" : "services"} without an id ${without === 1 ? "was" : "were"} matched by date and code, to the lines left.` : ""}`);
  }
  else if (a.ids.bothHaveIds) {
    out.push(`Both files have encounter ids, but only ${fmt(a.ids.shared)} of your ${fmt(a.ids.mineWithId)} are on their statement — the two files number encounters differently — so services were matched by date and code.`);
  } else {
    const why = a.ids.scientific.rows > 0 || a.ids.fewIds ? "a file's encounter ids cannot be used, as said below" : "encounter ids are not in both files";
    out.push(`Services were matched by date and code (${why}): a line dated a day off from your record is missing there and on their statement only here.`);
  }
  if (a.ids.scientific.rows > 0) {
    out.push(`${fmt(a.ids.scientific.rows)} encounter ${a.ids.scientific.rows === 1 ? "id was" : "ids were"} saved by Excel in scientific notation (like ${a.ids.scientific.example}), which keeps only a few of an id's digits: that file's ids were not used, and services were matched by date and code. To match by encounter, format the id column as Text (or Number, 0 decimals) before saving the CSV.`);
  }
  if (a.ids.fewIds) {
    const f = a.ids.fewIds;
    out.push(`${f.table === "mine" ? "Your record's" : "Their statement's"} encounter ids are fewer than half its dates (${fmt(f.ids)} ${f.ids === 1 ? "id" : "ids"} over ${fmt(f.dates)} dates: a hospital stay's one id, or ids Excel shortened to one number, shared by many visits): they were not used, and services were matched by date and code.`);
  }
  if (a.byEncounter && a.ids.leadingZeros > 0) out.push(`Encounter ids were compared without leading zeros (Excel drops them when it saves an id as a number): ${fmt(a.ids.leadingZeros)} ${a.ids.leadingZeros === 1 ? "row has" : "rows have"} them.`);
  if (myVoids.voids.length > 0) out.push(`${fmt(myVoids.voids.length)} void ${myVoids.voids.length === 1 ? "line" : "lines"} of your record netted into the services they void${myVoids.removed.length > 0 ? `; services voided in full are left out (rows ${myVoids.removed.join(", ")})` : ""}.`);
  if (unpriced.length > 0) out.push(`Codes of your record the CMS table lacks count 0 wRVUs expected: ${unpriced.join(", ")}.`);
  return out;
}

/** The terminal summary: each figure with what it rests on, then the discrepancies. */
function formatAuditSummary(a: PayAudit, s: { dollarsPerWrvu?: number; rvuYear?: number; mine: string; statement: string }, inferred: string[], warnings: string[]): string {
  const dpw = s.dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU;
  const dflt = s.dollarsPerWrvu === undefined ? " (ClinPay's default: type yours in the sheet's Assumptions, or pass --dollars-per-wrvu)" : "";
  const lines = [
    `Services: ${fmt(a.servicesMine)} in ${s.mine}, ${fmt(a.servicesTheirs)} on ${s.statement} (net of voids); ${fmt(a.matched)} matched ${a.byEncounter ? "by encounter id and code" : "by date and code"}`,
    `Missing from their statement: ${fmt(a.missing)} (${fmt(a.wrvusMissing, 2)} wRVUs expected${s.rvuYear ? ` at ${s.rvuYear} values` : ""})`,
    `Credited differently: ${fmt(a.creditedDifferently)}; wRVU shortfall on matched services ${fmt(a.shortfall, 2)}`,
    `On their statement only: ${fmt(a.statementOnlyCount)} (${fmt(a.wrvusStatementOnly, 2)} wRVUs, listed for review, not netted)`,
    `wRVUs owed ${fmt(a.wrvusOwed, 2)} = $${fmt(a.dollarsOwed)} at $${fmt(dpw, 2)} per wRVU${dflt}`,
    a.theirYear === null
      ? "Their statement's RVU year: not known (no service matched)"
      : `Their statement's RVU year: ${a.theirYear} (${a.matchesByYear.map((y) => `${fmt(y.count)} of ${fmt(a.matched)} matched services at ${y.year} values`).join("; ")})`,
  ];
  if (a.discrepancies.length > 0) {
    const shown = a.discrepancies.slice(0, 20);
    const two = (v: number | null) => (v === null ? "" : fmt(v, 2));
    // A service's codes, as the sheet lists them (its first code is the one matched).
    const codesOf = new Map(a.pairs.map((p) => [p.mine.row, p.mine.codes.map((c) => c.key).join(", ")]));
    lines.push("", `Discrepancies (${fmt(a.discrepancies.length)}${a.discrepancies.length > shown.length ? `, the first ${shown.length}` : ""}; every one is on the sheet):`);
    lines.push(
      textTable(
        ["Date", "Code", "Kind", "My wRVU", "Their wRVU", "Difference", "My row", "Their row"],
        shown.map((d) => [iso(d.date), d.myRow === null ? d.code : codesOf.get(d.myRow)!, d.kind, two(d.mine), two(d.theirs), two(d.difference), d.myRow === null ? "" : String(d.myRow), d.theirRow === null ? "" : String(d.theirRow)]),
        [false, false, false, true, true, true, true, true]
      )
    );
  }
  lines.push(...inferredLines(inferred, warnings));
  return lines.join("\n");
}

/**
 * Both tables read. One --provider serves both files: it binds the one that names several (a
 * group's statement); one --date-order binds only a column its own dates leave open, unless a file
 * has its own order (--mine-date-order, a pane step's) — and each file's advice names its own flag.
 */
function readBoth(req: BuildRequest, problems: Problem[]) {
  const shared = (key: string) => !req.perInput?.[key];
  const table = (key: string, label: string): Omit<DatedTable, "read"> => ({ source: req.tables[key]!.source, shared: shared(key), advice: { flag: `--${key}-date-order`, pane: `the pane: ${label}'s Date order` } });
  const mine = table("mine", "My record");
  const theirs = table("statement", "Their statement");
  const opts = (key: string, t: Omit<DatedTable, "read">) => ({ ...logOptions(req, key), providerShared: true, dateOrderShared: t.shared, orderAdvice: t.advice });
  return {
    mine: collect(problems, () => readMyRecord(req.tables.mine!, opts("mine", mine))),
    theirs: collect(problems, () => readTheirStatement(req.tables.statement!, opts("statement", theirs))),
    dated: (m: AuditTable, t: AuditTable): DatedTable[] => [{ ...mine, read: m }, { ...theirs, read: t }],
  };
}

export const payAuditSheet: SheetDefinition<AuditModule> = {
  kind: "pay-audit",
  title: "Pay Audit",
  summary: "Was every service credited on their wRVU statement, at your contract's values — and what is owed",
  command: { name: "audit", summary: "Pay Audit: your record against their wRVU statement, line by line: what is owed and which RVU year they used" },
  inputs: [
    {
      key: "mine",
      label: "My record",
      required: true,
      columns: "your appointment log (date, status, code: its completed visits) or a wRVU report (date, code, units); an encounter id if you have one",
      looksLike: has(/my.?record|mine|appoint|visit|schedul/i, /statement/i),
      mappable: true,
      cli: [{ flag: "mine", help: "your own record, .csv or .xlsx: an appointment log (its completed visits) or a wRVU report (date, code, units; encounter id)" }],
      tableName: "my record",
    },
    {
      key: "statement",
      label: "Their statement",
      required: true,
      columns: "the employer's wRVU statement as sent: date, code, modifiers, units, the wRVU they credited; an encounter id",
      looksLike: has(/statement|their|employer|rvu.?(detail|report)|productivity/i),
      mappable: true,
      cli: [{ flag: "statement", help: "their wRVU statement, .csv or .xlsx, as sent (date, code, modifiers, units, credited wrvu; encounter id)" }],
      tableName: "their statement",
    },
  ],
  fields: FIELDS,
  needsFees: true,
  load: () => import(/* webpackChunkName: "sheet-pay-audit" */ "../pay-audit"),
  plan(req, { buildPayAuditPlan, auditFitProblems }) {
    const { tables, fields, builtAt } = req;
    const fees = req.fees!;
    const problems: Problem[] = [];
    const rvuYear = rvuYearOf(fields, fees.years, problems);
    const dollarsPerWrvu = numberField(fields, f("dollarsPerWrvu"), problems, notNegative);
    const tolerance = numberField(fields, f("tolerance"), problems, notNegative);
    const { mine, theirs, dated } = readBoth(req, problems);
    if (mine && theirs) problems.push(...auditFitProblems([{ source: tables.mine!.source, rows: mine.rows.length }, { source: tables.statement!.source, rows: theirs.rows.length }]));
    if (problems.length > 0 || !mine || !theirs) throw new InputError(problems);

    const years = fees.years;
    const work = (key: string, year: number) => (fees.has(key) ? wrvuForYear(fees, key, year)?.wrvu : undefined);
    const netted = netMyVoids(mine.rows);
    const services = netted.services;
    const dpw = dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU;
    const tol = tolerance ?? DEFAULT_TOLERANCE;
    const audit = payAudit(services, theirs.rows, work, { years, rvuYear, tolerance: tol, dollarsPerWrvu: dpw });
    throwIfProblems(guessedDateProblems(audit, dated(mine, theirs)));
    const keys = [...new Set(services.flatMap((s) => s.codes.map((c) => c.key)))].sort();
    const cms = keys.flatMap((code) => {
      const values = workByYear(fees, code);
      return values ? [{ code, values }] : [];
    });
    const sources = { mine: displayName(tables.mine!), statement: displayName(tables.statement!) };
    const share = shareOf(audit, theirs.rows);
    const inferred = [
      ...pairingNotes(audit, netted, audit.unpriced.map((u) => u.key)),
      ...shareNote(share),
      ...mine.inferred.map((l) => `${sources.mine}: ${l}`),
      ...theirs.inferred.map((l) => `${sources.statement}: ${l}`),
    ];
    const plan = buildPayAuditPlan({
      mine: services,
      statement: theirs.rows,
      audit,
      years,
      cms,
      work,
      rvuYear: rvuYear ?? null,
      dollarsPerWrvu: dpw,
      tolerance: tol,
      defaults: { dollarsPerWrvu: dollarsPerWrvu === undefined, tolerance: tolerance === undefined },
      sources,
      source: `${sources.mine} and ${sources.statement}`,
      builtAt,
      inferred,
      share,
    });
    const warnings = auditWarnings(mine.warnings, theirs.warnings);
    return {
      plan,
      detail: `${fmt(audit.servicesMine)} services of ${sources.mine} against ${fmt(audit.servicesTheirs)} lines of ${sources.statement}: ${fmt(audit.wrvusOwed, 2)} wRVUs owed`,
      notes: [...inferred, ...warnings],
      summary: formatAuditSummary(audit, { dollarsPerWrvu, rvuYear, ...sources }, inferred, warnings),
    };
  },
  demo: {
    file: "pay-audit.xlsx",
    heading: "Pay Audit: a family physician's record against the employer's wRVU statement (samples/my-record.csv, samples/their-statement.csv)",
    tables: { mine: "my-record.csv", statement: "their-statement.csv" },
    fields: {},
  },
};
