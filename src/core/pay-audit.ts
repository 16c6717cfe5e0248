/**
 * Pay Audit (SPEC §3): was every service of my record credited on their statement, at the
 * contract's values? The pairing is ClinPay's (voids netted, then each of my services matched to
 * at most one of their lines); the sheet shows each pair row by row and recomputes every sum,
 * expected wRVU and difference as native formulas, so the figures here are its cached values.
 */
import { yearIn } from "./cms-block";

/** One code of a service, as the fee schedule prices it ("99214", "71046-26"), and its bare code. */
export interface AuditCode {
  key: string;
  code: string;
}

/** One row of either table. */
export interface AuditService {
  /** The row number in its source table. */
  row: number;
  /** Excel serial date of the service. */
  date: number;
  /** The first is the code the service is matched by; further codes only add to its expected wRVU. */
  codes: AuditCode[];
  /** Units of the first code (1 when not given). */
  units: number;
  /** Their credited wRVU (all units); null on my record. */
  wrvu: number | null;
  encounterId?: string;
}

/** The work RVU of a fee key in a year, or undefined when the table has no such row. */
export type WorkRvu = (key: string, year: number) => number | undefined;

export interface AuditOptions {
  /** The fee-schedule years the table holds, ascending. */
  years: readonly number[];
  /** A pinned RVU year; absent = each service's own calendar year. */
  rvuYear?: number;
  tolerance: number;
  dollarsPerWrvu: number;
}

/** The table year a service is priced in: the pinned year, else the latest at or before its own
 *  year (the earliest table year for a service older than the table). */
export function serviceYear(dateYear: number, years: readonly number[], pinned?: number): number {
  return pinned !== undefined ? pinned : yearIn(years, dateYear);
}

export interface Expected {
  wrvu: number;
  /** Fee keys the table lacks in that year (each counted 0). */
  unpriced: string[];
}

/** Σ over the codes of the work RVU in `year`, × units on the first code (SPEC §3). */
export function expectedWrvu(s: AuditService, year: number, work: WorkRvu): Expected {
  let wrvu = 0;
  const unpriced: string[] = [];
  s.codes.forEach((c, i) => {
    const w = work(c.key, year);
    if (w === undefined) unpriced.push(c.key);
    else wrvu += i === 0 ? w * s.units : w;
  });
  return { wrvu, unpriced };
}

/** A statement line after voids: what it still credits, and the void lines netted into it. */
export interface NetLine {
  line: AuditService;
  net: number;
  voidRows: number[];
}

export interface NettedStatement {
  /** Lines still on the statement (a void that found no line to net stays, with its negative wRVU). */
  lines: NetLine[];
  /** Void rows and the row each netted into. */
  voids: { row: number; into: number }[];
  /** Rows of pairs that netted to 0 and left the statement. */
  removed: number[];
}

/** How Excel shows a long number in a General cell ("1.00235E+11"): its digits are lost. */
const SCIENTIFIC = /^\d(\.\d+)?E\+\d+$/i;
const LEADING_ZEROS = /^0+\d/;

/**
 * An encounter id as it is compared. Excel drops the leading zeros of an all-digit id
 * ("0040120001" saved as 40120001), so those compare without them; and it shows a long id in
 * scientific notation, which keeps 6 digits of 12: such an id says nothing and counts as none
 * (else every encounter of a file would be one, and any line of theirs would match any of mine).
 */
export function encounterKey(id: string | undefined): string {
  const t = (id ?? "").trim();
  if (SCIENTIFIC.test(t)) return "";
  const digits = /^0*(\d+?)(?:\.0+)?$/.exec(t);
  return digits ? digits[1] : t.toUpperCase();
}

/**
 * Where a line sits for matching and netting: its encounter when the tables are matched by
 * encounter and it has one, else its date (a row without an id meets only rows without one).
 */
const placeOf = (s: AuditService, byEncounter: boolean): string => {
  const id = byEncounter ? encounterKey(s.encounterId) : "";
  return id !== "" ? `e:${id}` : `d:${s.date}`;
};
const firstCode = (s: AuditService): string => s.codes[0]?.code ?? "";
const keyOf = (s: AuditService, byEncounter: boolean) => `${placeOf(s, byEncounter)}|${firstCode(s)}`;
/** Sums of wRVUs written to 2 or 3 decimals cancel to within this. */
const NETS_TO_ZERO = 1e-9;

/**
 * Negative lines net with the line they void: the earliest earlier line at the same encounter
 * (else date) with the same code and an amount still above 0. `amount` is what nets: their
 * credited wRVU, or the units of my own record's services.
 */
function netNegatives(rows: readonly AuditService[], byEncounter: boolean, amount: (s: AuditService) => number): NettedStatement {
  const lines: NetLine[] = [];
  const voids: { row: number; into: number }[] = [];
  const open = new Map<string, NetLine[]>();
  for (const line of rows) {
    const k = keyOf(line, byEncounter);
    const a = amount(line);
    if (a < 0) {
      const target = open.get(k)?.find((l) => l.net > NETS_TO_ZERO);
      if (target) {
        target.net += a;
        target.voidRows.push(line.row);
        voids.push({ row: line.row, into: target.line.row });
        continue;
      }
    }
    const l = { line, net: a, voidRows: [] };
    lines.push(l);
    const list = open.get(k);
    if (list) list.push(l);
    else open.set(k, [l]);
  }
  const removed: number[] = [];
  const kept = lines.filter((l) => {
    const gone = l.voidRows.length > 0 && Math.abs(l.net) <= NETS_TO_ZERO;
    if (gone) removed.push(l.line.row, ...l.voidRows);
    return !gone;
  });
  return { lines: kept, voids, removed };
}

/** Their void lines (negative wRVU) net with the line they void (SPEC §3). */
export function netVoids(statement: readonly AuditService[], byEncounter: boolean): NettedStatement {
  return netNegatives(statement, byEncounter, (s) => s.wrvu ?? 0);
}

/**
 * My own record's voids (a report's lines with negative units), netted by the same rule on units:
 * each service keeps its units net of its voids, and a service voided in full is not one.
 */
export function netMyVoids<S extends AuditService>(mine: readonly S[]): { services: S[]; voids: { row: number; into: number }[]; removed: number[] } {
  const n = netNegatives(mine, true, (s) => s.units);
  const services = n.lines.map((l) => l.line as S).map((s, i) => (n.lines[i].net === s.units ? s : { ...s, units: n.lines[i].net }));
  return { services, voids: n.voids, removed: n.removed };
}

/**
 * Whether services are matched by encounter: both tables have encounter ids, and they share them
 * — at least one of my services' ids in five is on their statement. Ids from two numbering
 * systems (an appointment id against a billing CSN) share none, and matching by them would call
 * every service missing; then services are matched by date and code, and the notes say why.
 */
export interface EncounterMatch {
  byEncounter: boolean;
  bothHaveIds: boolean;
  shared: number;
  mineWithId: number;
  /** Rows of either table whose id Excel wrote in scientific notation, and one of them: that table's ids are not used. */
  scientific: { rows: number; example: string };
  /** A table whose ids are fewer than half its dates (ids Excel shortened to one number): its ids are not used. */
  fewIds: { table: "mine" | "statement"; ids: number; dates: number } | null;
  /** Rows of either table whose all-digit id has leading zeros (compared without them). */
  leadingZeros: number;
}

/**
 * A table's ids, or none when they cannot tell encounters apart: one shortened by Excel to
 * scientific notation says the others may be too; and ids fewer than half the dates they span
 * (1.00235E+11 read back as the number 100235000000 on every row) would let any line credit any
 * service. Without them, services are matched by date and code, which such ids cannot mislead.
 */
function usableIds(t: readonly AuditService[]): { rows: AuditService[]; scientific: string[]; ids: number; dates: number } {
  const raw = t.map((s) => (s.encounterId ?? "").trim());
  const scientific = raw.filter((x) => SCIENTIFIC.test(x));
  const rows = scientific.length > 0 ? [] : t.filter((s) => encounterKey(s.encounterId) !== "");
  const ids = new Set(rows.map((s) => encounterKey(s.encounterId))).size;
  const dates = new Set(rows.map((s) => s.date)).size;
  return { rows: ids * 2 < dates ? [] : rows, scientific, ids, dates };
}

export function matchByEncounter(mine: readonly AuditService[], statement: readonly AuditService[]): EncounterMatch {
  const my = usableIds(mine);
  const their = usableIds(statement);
  const theirIds = new Set(their.rows.map((s) => encounterKey(s.encounterId)));
  const bothHaveIds = my.rows.length > 0 && theirIds.size > 0;
  const shared = my.rows.filter((s) => theirIds.has(encounterKey(s.encounterId))).length;
  const sci = [...my.scientific, ...their.scientific];
  const few = (u: typeof my) => u.rows.length === 0 && u.scientific.length === 0 && u.ids > 0;
  const raw = [...mine, ...statement].map((s) => (s.encounterId ?? "").trim());
  return {
    byEncounter: bothHaveIds && shared > 0 && shared * 5 >= my.rows.length,
    bothHaveIds,
    shared,
    mineWithId: my.rows.length,
    scientific: { rows: sci.length, example: sci[0] ?? "" },
    fewIds: few(my) ? { table: "mine", ids: my.ids, dates: my.dates } : few(their) ? { table: "statement", ids: their.ids, dates: their.dates } : null,
    leadingZeros: raw.filter((x) => LEADING_ZEROS.test(x) && /^\d+$/.test(x)).length,
  };
}

export interface AuditPair {
  mine: AuditService;
  /** Their lines (net of voids) paired with it: the one for its first code, then any for its further codes. Empty: missing. */
  theirs: NetLine[];
  /** Σ net wRVU of their lines; null when missing from their statement. */
  credited: number | null;
  year: number;
  expected: Expected;
}

/**
 * Their open lines under one place and code, in row order, each taken once (a line sits under its
 * date, and also under its encounter when matching by encounter).
 */
class OpenLines {
  private readonly lists = new Map<string, NetLine[]>();
  private readonly taken = new Set<NetLine>();
  add(key: string, l: NetLine): void {
    const list = this.lists.get(key);
    if (list) list.push(l);
    else this.lists.set(key, [l]);
  }
  /** The first open line at `key` priced as `fee` (93880-26 takes their -26 line, not the TC line listed first), else the first open one. */
  take(key: string, fee: string): NetLine | undefined {
    const list = this.lists.get(key) ?? [];
    let pick: NetLine | undefined;
    for (const l of list) {
      if (this.taken.has(l)) continue;
      pick ??= l;
      if (l.line.codes[0]?.key === fee) {
        pick = l;
        break;
      }
    }
    if (pick) this.taken.add(pick);
    return pick;
  }
}

/**
 * Each code of my service, first code first, claims open lines of theirs at the same place
 * (encounter, else date) with that code, in row order. The first code takes lines until their
 * units make its units (a statement may post 99292 × 2 as two lines of one unit); a further code
 * (G2211 in "99214, G2211") takes one, so a statement writing an add-on on a line of its own
 * credits it to its visit. Services with an id claim first, by encounter; then those without one,
 * by date, from what is left (a record with ids on some rows only).
 */
export function pairServices(mine: readonly AuditService[], theirs: readonly NetLine[], byEncounter: boolean): NetLine[][] {
  const open = new OpenLines();
  const hasId = (s: AuditService) => byEncounter && encounterKey(s.encounterId) !== "";
  for (const l of theirs) {
    open.add(keyOf(l.line, byEncounter), l);
    // Also on its date, for my services without an id.
    if (hasId(l.line)) open.add(keyOf(l.line, false), l);
  }
  const claim = (s: AuditService): NetLine[] => {
    const place = placeOf(s, byEncounter);
    const claimed: NetLine[] = [];
    s.codes.forEach((c, i) => {
      let units = 0;
      for (let l = open.take(`${place}|${c.code}`, c.key); l; l = units < s.units && i === 0 ? open.take(`${place}|${c.code}`, c.key) : undefined) {
        claimed.push(l);
        units += Math.abs(l.line.units) || 1;
      }
    });
    return claimed;
  };
  const out: NetLine[][] = mine.map(() => []);
  mine.forEach((s, i) => hasId(s) && (out[i] = claim(s)));
  mine.forEach((s, i) => !hasId(s) && (out[i] = claim(s)));
  return out;
}

export type DiscrepancyKind = "missing" | "credited differently" | "statement only";

export interface Discrepancy {
  date: number;
  code: string;
  kind: DiscrepancyKind;
  mine: number | null;
  theirs: number | null;
  /** My wRVU − their wRVU, a missing side counted 0. */
  difference: number;
  myRow: number | null;
  theirRow: number | null;
}

export interface CodeTally {
  code: string;
  missing: number;
  wrvusMissing: number;
  creditedDifferently: number;
  shortfall: number;
}

export interface PayAudit {
  byEncounter: boolean;
  /** Whether both tables had encounter ids, and how many of my services' ids their statement has. */
  ids: Omit<EncounterMatch, "byEncounter">;
  pairs: AuditPair[];
  netted: NettedStatement;
  statementOnly: NetLine[];
  servicesMine: number;
  servicesTheirs: number;
  matched: number;
  missing: number;
  wrvusMissing: number;
  creditedDifferently: number;
  shortfall: number;
  statementOnlyCount: number;
  wrvusStatementOnly: number;
  wrvusOwed: number;
  dollarsOwed: number;
  /** The table year whose values most matched services were credited at (a tie: the later); null with no matched service. */
  theirYear: number | null;
  /** Matched services credited at that year's values, as a share of matched; null with none matched. */
  shareAtTheirYear: number | null;
  /** Per table year: matched services credited at its values. */
  matchesByYear: { year: number; count: number }[];
  discrepancies: Discrepancy[];
  byCode: CodeTally[];
  /** Fee keys the table lacks, with how many of my services carry each. */
  unpriced: { key: string; count: number }[];
}

const yearOfSerial = (serial: number): number => new Date(Date.UTC(1899, 11, 30) + serial * 86400000).getUTCFullYear();

/** The whole audit: voids netted, services paired, every figure of the sheet. */
export function payAudit(mine: readonly AuditService[], statement: readonly AuditService[], work: WorkRvu, opts: AuditOptions): PayAudit {
  const { byEncounter, ...ids } = matchByEncounter(mine, statement);
  const netted = netVoids(statement, byEncounter);
  const partners = pairServices(mine, netted.lines, byEncounter);
  const pairs: AuditPair[] = mine.map((s, i) => {
    const year = serviceYear(yearOfSerial(s.date), opts.years, opts.rvuYear);
    const theirs = partners[i];
    return { mine: s, theirs, credited: theirs.length === 0 ? null : sum(theirs.map((l) => l.net)), year, expected: expectedWrvu(s, year, work) };
  });
  const taken = new Set(partners.flat());
  const statementOnly = netted.lines.filter((l) => !taken.has(l));
  const matchedPairs = pairs.filter((p) => p.credited !== null);
  const missingPairs = pairs.filter((p) => p.credited === null);
  const differs = (p: AuditPair) => Math.abs(p.expected.wrvu - p.credited!) > opts.tolerance;
  const wrvusMissing = sum(missingPairs.map((p) => p.expected.wrvu));
  const shortfall = sum(matchedPairs.map((p) => p.expected.wrvu - p.credited!));
  const yearFit = statementYear(matchedPairs, work, opts);
  return {
    byEncounter,
    ids,
    pairs,
    netted,
    statementOnly,
    servicesMine: mine.length,
    servicesTheirs: netted.lines.length,
    matched: matchedPairs.length,
    missing: missingPairs.length,
    wrvusMissing,
    creditedDifferently: matchedPairs.filter(differs).length,
    shortfall,
    statementOnlyCount: statementOnly.length,
    wrvusStatementOnly: sum(statementOnly.map((l) => l.net)),
    wrvusOwed: wrvusMissing + shortfall,
    dollarsOwed: (wrvusMissing + shortfall) * opts.dollarsPerWrvu,
    ...yearFit,
    discrepancies: discrepancies(pairs, statementOnly, differs),
    byCode: codeTallies(pairs, differs),
    unpriced: unpricedKeys(pairs),
  };
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** Of the table's years, the one under which most matched services were credited at expected (a tie: the later year). */
function statementYear(matched: readonly AuditPair[], work: WorkRvu, opts: AuditOptions) {
  const matchesByYear = opts.years.map((year) => ({
    year,
    count: matched.filter((p) => Math.abs(expectedWrvu(p.mine, year, work).wrvu - p.credited!) <= opts.tolerance).length,
  }));
  if (matched.length === 0) return { theirYear: null, shareAtTheirYear: null, matchesByYear };
  let best = matchesByYear[0];
  for (const y of matchesByYear) if (y.count >= best.count) best = y;
  return { theirYear: best.year, shareAtTheirYear: best.count / matched.length, matchesByYear };
}

function discrepancies(pairs: readonly AuditPair[], statementOnly: readonly NetLine[], differs: (p: AuditPair) => boolean): Discrepancy[] {
  const list: Discrepancy[] = [];
  for (const p of pairs) {
    if (p.credited === null) {
      list.push({ date: p.mine.date, code: firstCode(p.mine), kind: "missing", mine: p.expected.wrvu, theirs: null, difference: p.expected.wrvu, myRow: p.mine.row, theirRow: null });
    } else if (differs(p)) {
      const theirs = p.credited;
      list.push({ date: p.mine.date, code: firstCode(p.mine), kind: "credited differently", mine: p.expected.wrvu, theirs, difference: p.expected.wrvu - theirs, myRow: p.mine.row, theirRow: p.theirs[0].line.row });
    }
  }
  for (const l of statementOnly) {
    list.push({ date: l.line.date, code: firstCode(l.line), kind: "statement only", mine: null, theirs: l.net, difference: -l.net, myRow: null, theirRow: l.line.row });
  }
  // By date; within a date, my rows first in row order, then their lines in row order.
  return list.sort((a, b) => a.date - b.date || (a.myRow ?? Infinity) - (b.myRow ?? Infinity) || (a.theirRow ?? 0) - (b.theirRow ?? 0));
}

function codeTallies(pairs: readonly AuditPair[], differs: (p: AuditPair) => boolean): CodeTally[] {
  const byCode = new Map<string, CodeTally>();
  for (const p of pairs) {
    // By the code as priced ("78452-26"), as the data sheet's Code column holds it and the table's formulas match it.
    const code = p.mine.codes[0]?.key ?? "";
    let t = byCode.get(code);
    if (!t) byCode.set(code, (t = { code, missing: 0, wrvusMissing: 0, creditedDifferently: 0, shortfall: 0 }));
    if (p.credited === null) {
      t.missing++;
      t.wrvusMissing += p.expected.wrvu;
    } else {
      if (differs(p)) t.creditedDifferently++;
      t.shortfall += p.expected.wrvu - p.credited;
    }
  }
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function unpricedKeys(pairs: readonly AuditPair[]): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const p of pairs) for (const k of p.expected.unpriced) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count }));
}

/**
 * Modifiers with which Medicare pays a share of the fee (bilateral 150%, multiple procedure 50%,
 * co-surgeon 62.5%, assistant 16%, reduced service): the audit prices a code at its full work RVU,
 * as SPEC §3 says, while a contract may credit the share. What those services make of the
 * shortfall is said, so that figure is never read as owed without a word.
 */
export const SHARE_MODIFIERS: Readonly<Record<string, string>> = { "50": "bilateral", "51": "multiple procedure", "52": "reduced", "62": "co-surgeon", "80": "assistant", "81": "assistant", "82": "assistant", AS: "assistant" };

export function shareModifierShortfall(pairs: readonly AuditPair[], modifiersOf: (p: AuditPair) => string[]): { services: number; wrvus: number; modifiers: string[] } {
  const found = new Set<string>();
  let services = 0;
  let wrvus = 0;
  for (const p of pairs) {
    if (p.credited === null) continue;
    const shares = modifiersOf(p).filter((m) => m in SHARE_MODIFIERS);
    if (shares.length === 0) continue;
    shares.forEach((m) => found.add(m));
    services++;
    wrvus += p.expected.wrvu - p.credited;
  }
  return { services, wrvus, modifiers: [...found].sort() };
}
