/**
 * The Telehealth Scorecard (SPEC §3): what a telehealth dashboard shows a clinician, with the
 * context that defends them in a performance talk — rates by modality, telehealth against in
 * person, the no-show rate before and after a change with whether chance explains it, the
 * group comparison, the four danger-zone conditions, month by month, and the receipts of
 * system-caused no-shows.
 *
 * The sheet recomputes every figure with COUNTIFS/SUMIFS/SUMPRODUCT over the copied log; this
 * module counts the same way (the definitions of RVU Leakage, on each subset), so the cached and
 * recalculated values agree.
 */
import type { Appointment, Modality } from "./inputs/types";
import type { FeeSchedule } from "./fee-schedule";
import { cleanText, cmsBlockFor, cmsPricer, matchKey, type CmsBlock, type Pricer } from "./cms-block";
import { LONG_TEXT, TABLE_ROWS, textGroup } from "./grouping";
import { monthStart, monthStarts } from "./dates";
import { dateBounds } from "./inputs/date-span";
import { rateChangePvalue } from "./stats";

export const TELEHEALTH_MODALITIES: readonly Modality[] = ["video", "audio", "telehealth"];

/** The by-modality rows, in the SPEC's order; null = visit_type unknown. */
export const MODALITY_ROWS: readonly { label: string; modality: Modality | null }[] = [
  { label: "Video", modality: "video" },
  { label: "Audio", modality: "audio" },
  { label: "Telehealth (kind unknown)", modality: "telehealth" },
  { label: "In person", modality: "in_person" },
  { label: "Unknown", modality: null },
];

export const DEFAULT_FAR_BELOW = 0.2;
/** Below this p-value a change is called likely real. */
export const SIGNIFICANCE = 0.05;

export interface TelehealthAssumptions {
  /** Serial date; null = no before/after. */
  changeDate: number | null;
  groupNoShowRate: number | null;
  groupWrvuPerVisit: number | null;
  /** "Far below" peers means below group × (1 − this). */
  farBelow: number;
  annualTarget: number | null;
  /** null: left blank, so the condition is not checked. */
  writtenConcerns: boolean | null;
  dollarsPerWrvu: number;
  /** The RVU year every visit is priced in (SPEC §3); absent = each visit's own table year. */
  rvuYear?: number | null;
}

/** A danger-zone condition: holds, does not, or null when its input is blank (not checked). */
export type Check = boolean | null;

/** What to type to check each condition (the Assumptions' labels). */
export const CHECK_INPUT = {
  farBelow: "Group wRVU per telehealth visit",
  belowTarget: "Annual wRVU target",
  sixMonths: "Annual wRVU target",
  concerns: "Written performance concerns",
} as const;

export interface SubsetFigures {
  scheduled: number;
  completed: number;
  noShows: number;
  noShowRate: number | null;
  systemNoShows: number;
  patientNoShowRate: number | null;
  /** wRVUs of completed rows: each row's wrvu, else its units × its code's CMS wRVU, else 0. */
  wrvus: number;
  wrvuPerVisit: number | null;
  shareOfCompleted: number | null;
}

export interface MonthFigures {
  month: number;
  teleScheduled: number;
  teleNoShows: number;
  teleNoShowRate: number | null;
  inPersonScheduled: number;
  inPersonNoShows: number;
  inPersonNoShowRate: number | null;
  wrvus: number;
}

export interface Receipt {
  /** As copied (cleaned); "" = no reason given. */
  reason: string;
  prefix: boolean;
  count: number;
  /** Null on the folded "other" row. */
  first: number | null;
  last: number | null;
  /** > 0 on the folded row: how many reasons it holds. */
  other: number;
}

export interface TelehealthMetrics {
  byModality: (SubsetFigures & { label: string })[];
  allTelehealth: SubsetFigures;
  all: SubsetFigures;
  teleShare: number | null;
  teleNoShowRate: number | null;
  inPersonNoShowRate: number | null;
  teleWrvuPerVisit: number | null;
  inPersonWrvuPerVisit: number | null;
  /** In person − telehealth. */
  wrvuGap: number | null;
  wrvusBehind: number | null;
  dollarsBehind: number | null;
  /** Dollars behind × 365 ÷ the log's days. */
  dollarsBehindPerYear: number | null;
  systemShareOfTeleNoShows: number | null;
  change: null | {
    noShowsBefore: number; scheduledBefore: number; noShowsAfter: number; scheduledAfter: number;
    before: number | null; after: number | null; change: number | null; pValue: number | null;
  };
  noShowVsGroup: number | null;
  wrvuVsGroup: number | null;
  danger: { farBelow: Check; belowTarget: Check; sixMonths: Check; concerns: Check; met: number; notChecked: number; days: number | null; annualized: number | null; monthsBelow: number | null };
  months: MonthFigures[];
  receipts: Receipt[];
  cms: CmsBlock;
  firstDate: number | null;
  lastDate: number | null;
  /** Completed rows with no wRVU and no CMS code (they add 0 wRVUs). */
  unpricedCompleted: number;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const isNoShow = (a: Appointment) => a.status === "no_show" || a.status === "late_cancel";
const isTele = (m: Modality | null) => m !== null && TELEHEALTH_MODALITIES.includes(m);

/** Counts of a subset, summed as the sheet sums: own wRVUs, then units × CMS wRVU per code. */
class Tally {
  scheduled = 0;
  completed = 0;
  noShows = 0;
  systemNoShows = 0;
  ownWrvus = 0;
  private readonly units = new Map<string, { units: number; wrvu: number }>();
  add(a: Appointment, cms: Pricer): void {
    if (a.status === "cancelled") return;
    this.scheduled++;
    if (isNoShow(a)) {
      this.noShows++;
      if (a.causeType === "system") this.systemNoShows++;
      return;
    }
    this.completed++;
    if (a.wrvu !== null) this.ownWrvus += a.wrvu;
    else {
      const c = cms(a.code, a.date);
      if (c === undefined) return;
      const e = this.units.get(c.key);
      if (e) e.units += a.units ?? 1;
      else this.units.set(c.key, { units: a.units ?? 1, wrvu: c.wrvu });
    }
  }
  wrvus(): number {
    let fromCodes = 0;
    for (const e of this.units.values()) fromCodes += e.units * e.wrvu;
    return this.ownWrvus + fromCodes;
  }
}

function figures(t: Tally, allCompleted: number): SubsetFigures {
  const wrvus = t.wrvus();
  return {
    scheduled: t.scheduled,
    completed: t.completed,
    noShows: t.noShows,
    noShowRate: ratio(t.noShows, t.scheduled),
    systemNoShows: t.systemNoShows,
    patientNoShowRate: ratio(t.noShows - t.systemNoShows, t.scheduled - t.systemNoShows),
    wrvus,
    wrvuPerVisit: ratio(wrvus, t.completed),
    shareOfCompleted: ratio(t.completed, allCompleted),
  };
}

/** The modality rows, all telehealth and all. */
function bySubset(appts: readonly Appointment[], cmsOf: Pricer) {
  const rows = MODALITY_ROWS.map(() => new Tally());
  const all = new Tally();
  for (const a of appts) {
    rows[MODALITY_ROWS.findIndex((r) => r.modality === a.visitType)].add(a, cmsOf);
    all.add(a, cmsOf);
  }
  const tele = new Tally();
  for (const a of appts) if (isTele(a.visitType)) tele.add(a, cmsOf);
  return {
    byModality: rows.map((t, i) => ({ label: MODALITY_ROWS[i].label, ...figures(t, all.completed) })),
    allTelehealth: figures(tele, all.completed),
    all: figures(all, all.completed),
  };
}

function changeFigures(appts: readonly Appointment[], changeDate: number | null): TelehealthMetrics["change"] {
  if (changeDate === null) return null;
  let noShowsBefore = 0, scheduledBefore = 0, noShowsAfter = 0, scheduledAfter = 0;
  for (const a of appts) {
    if (!isTele(a.visitType) || a.status === "cancelled") continue;
    if (a.date < changeDate) {
      scheduledBefore++;
      if (isNoShow(a)) noShowsBefore++;
    } else {
      scheduledAfter++;
      if (isNoShow(a)) noShowsAfter++;
    }
  }
  const before = ratio(noShowsBefore, scheduledBefore);
  const after = ratio(noShowsAfter, scheduledAfter);
  return {
    noShowsBefore, scheduledBefore, noShowsAfter, scheduledAfter, before, after,
    change: before === null || after === null ? null : after - before,
    pValue: before === null || after === null ? null : rateChangePvalue(noShowsBefore, scheduledBefore, noShowsAfter, scheduledAfter),
  };
}

function monthFigures(appts: readonly Appointment[], first: number | null, last: number | null, cmsOf: Pricer): MonthFigures[] {
  if (first === null || last === null) return [];
  const months = monthStarts(first, last).map((m) => ({ month: m, tele: new Tally(), inPerson: new Tally(), all: new Tally() }));
  const index = new Map(months.map((m, i) => [m.month, i]));
  for (const a of appts) {
    const mo = months[index.get(monthStart(a.date))!];
    if (isTele(a.visitType)) mo.tele.add(a, cmsOf);
    if (a.visitType === "in_person") mo.inPerson.add(a, cmsOf);
    mo.all.add(a, cmsOf);
  }
  return months.map((m) => ({
    month: m.month,
    teleScheduled: m.tele.scheduled,
    teleNoShows: m.tele.noShows,
    teleNoShowRate: ratio(m.tele.noShows, m.tele.scheduled),
    inPersonScheduled: m.inPerson.scheduled,
    inPersonNoShows: m.inPerson.noShows,
    inPersonNoShowRate: ratio(m.inPerson.noShows, m.inPerson.scheduled),
    wrvus: m.all.wrvus(),
  }));
}

/** System-caused telehealth no-shows by reason, biggest first, the rest folded into one row. */
function receiptsOf(appts: readonly Appointment[]): Receipt[] {
  const groups = new Map<string, Receipt>();
  const rows = appts.filter((a) => isNoShow(a) && a.causeType === "system" && isTele(a.visitType));
  for (const a of rows) {
    const text = cleanText(a.reason);
    const g = textGroup(text);
    let r = groups.get(g.key);
    if (!r) groups.set(g.key, (r = { reason: g.prefix ? text.slice(0, LONG_TEXT) : text, prefix: g.prefix, count: 0, first: null, last: null, other: 0 }));
  }
  // Counted as the sheet's SUMPRODUCT matches: exact text (case ignored), or the first LONG_TEXT characters.
  for (const r of groups.values()) {
    const key = matchKey(r.reason);
    for (const a of rows) {
      const t = matchKey(cleanText(a.reason));
      if (r.prefix ? t.slice(0, LONG_TEXT) === key : t === key) {
        r.count++;
        if (r.first === null || a.date < r.first) r.first = a.date;
        if (r.last === null || a.date > r.last) r.last = a.date;
      }
    }
  }
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count);
  if (sorted.length <= TABLE_ROWS) return sorted;
  const listed = sorted.slice(0, TABLE_ROWS);
  const rest = sorted.slice(TABLE_ROWS);
  const count = rows.length - listed.reduce((s, r) => s + r.count, 0);
  return [...listed, { reason: "", prefix: false, count, first: null, last: null, other: rest.length }];
}

function dangerZone(m: Pick<TelehealthMetrics, "teleWrvuPerVisit" | "months" | "all" | "firstDate" | "lastDate">, a: TelehealthAssumptions): TelehealthMetrics["danger"] {
  // A blank input leaves its condition unchecked (null), never "no".
  const farBelow = a.groupWrvuPerVisit === null ? null : m.teleWrvuPerVisit !== null && m.teleWrvuPerVisit < a.groupWrvuPerVisit * (1 - a.farBelow);
  const days = m.firstDate === null || m.lastDate === null ? null : m.lastDate - m.firstDate + 1;
  const annualized = days === null ? null : (m.all.wrvus * 365) / days;
  const belowTarget = a.annualTarget === null ? null : annualized !== null && annualized < a.annualTarget;
  const monthsBelow = a.annualTarget === null ? null : m.months.filter((mo) => mo.wrvus < a.annualTarget! / 12).length;
  const sixMonths = monthsBelow === null ? null : monthsBelow >= 6;
  const checks = [farBelow, belowTarget, sixMonths, a.writtenConcerns];
  const met = checks.filter((c) => c === true).length;
  const notChecked = checks.filter((c) => c === null).length;
  return { farBelow, belowTarget, sixMonths, concerns: a.writtenConcerns, met, notChecked, days, annualized, monthsBelow };
}

export function telehealthMetrics(appts: readonly Appointment[], fees: FeeSchedule, a: TelehealthAssumptions): TelehealthMetrics {
  const cms = cmsBlockFor(fees, appts);
  const cmsOf = cmsPricer(cms, a.rvuYear);
  const subsets = bySubset(appts, cmsOf);
  const inPerson = subsets.byModality[MODALITY_ROWS.findIndex((r) => r.modality === "in_person")];
  const tele = subsets.allTelehealth;
  const span = dateBounds(appts);
  const firstDate = span?.first ?? null;
  const lastDate = span?.last ?? null;
  const unpricedCompleted = appts.filter((x) => x.status === "completed" && x.wrvu === null && cmsOf(x.code, x.date) === undefined).length;
  const wrvuGap = tele.wrvuPerVisit === null || inPerson.wrvuPerVisit === null ? null : inPerson.wrvuPerVisit - tele.wrvuPerVisit;
  const wrvusBehind = wrvuGap === null ? null : wrvuGap * tele.completed;
  const months = monthFigures(appts, firstDate, lastDate, cmsOf);
  const base = {
    ...subsets,
    teleShare: tele.shareOfCompleted,
    teleNoShowRate: tele.noShowRate,
    inPersonNoShowRate: inPerson.noShowRate,
    teleWrvuPerVisit: tele.wrvuPerVisit,
    inPersonWrvuPerVisit: inPerson.wrvuPerVisit,
    wrvuGap,
    wrvusBehind,
    dollarsBehind: wrvusBehind === null ? null : wrvusBehind * a.dollarsPerWrvu,
    dollarsBehindPerYear: wrvusBehind === null || firstDate === null || lastDate === null ? null : (wrvusBehind * a.dollarsPerWrvu * 365) / (lastDate - firstDate + 1),
    systemShareOfTeleNoShows: ratio(tele.systemNoShows, tele.noShows),
    change: changeFigures(appts, a.changeDate),
    noShowVsGroup: a.groupNoShowRate === null || tele.noShowRate === null ? null : tele.noShowRate - a.groupNoShowRate,
    wrvuVsGroup: a.groupWrvuPerVisit === null || a.groupWrvuPerVisit === 0 || tele.wrvuPerVisit === null ? null : (tele.wrvuPerVisit - a.groupWrvuPerVisit) / a.groupWrvuPerVisit,
    months,
    receipts: receiptsOf(appts),
    cms,
    firstDate,
    lastDate,
    unpricedCompleted,
  };
  return { ...base, danger: dangerZone(base, a) };
}

/** The plain sentence beside the p-value. */
export function changeSentence(p: number | null): string {
  if (p === null) return "not enough telehealth visits on both sides of the change to compare";
  return p < SIGNIFICANCE ? "likely a real change (p below 0.05)" : "could be chance (p of 0.05 or more)";
}

/** The inputs to type to check the conditions left unchecked: "Group wRVU per telehealth visit and Annual wRVU target". */
export function inputsToCheck(d: Pick<TelehealthMetrics["danger"], "farBelow" | "belowTarget" | "sixMonths" | "concerns">): string {
  const missing = (["farBelow", "belowTarget", "sixMonths", "concerns"] as const).filter((k) => d[k] === null).map((k) => CHECK_INPUT[k]);
  return [...new Set(missing)].join(" and ");
}

/**
 * The verdict: in the danger zone only when all four conditions hold; not in it when one is
 * checked and does not; and, while the ones checked all hold, not known until the rest are
 * checked — an unchecked condition is never counted as reassurance.
 */
export function dangerSentence(d: Pick<TelehealthMetrics["danger"], "met" | "notChecked" | "farBelow" | "belowTarget" | "sixMonths" | "concerns">): string {
  if (d.met === 4) return "In the danger zone: all four conditions hold.";
  const of = `${d.met} of the 4 conditions ${d.met === 1 ? "holds" : "hold"}`;
  if (d.notChecked === 0) return `Not in the danger zone: ${of}, and all four must.`;
  const unchecked = `${d.notChecked} ${d.notChecked === 1 ? "is" : "are"} not checked`;
  if (d.met + d.notChecked === 4) return `Not known yet: ${of} and ${unchecked}; type ${inputsToCheck(d)} to check.`;
  return `Not in the danger zone: ${of}, and all four must (${unchecked}; type ${inputsToCheck(d)} to check).`;
}
