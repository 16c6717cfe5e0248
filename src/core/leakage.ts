/**
 * RVU Leakage (SPEC §3): what no-shows and unpaid time cost, from the clinician's own logs.
 *
 * The sheet recomputes every figure with COUNTIFS/SUMIFS over the copied log, so this module
 * groups text the way those functions compare it (case-insensitively). Whatever the core counts,
 * the spreadsheet counts too.
 */
import type { Appointment, TimeEntry } from "./inputs/types";
import { patientNoshowRate } from "./noshow";
import { cleanText, cmsBlockFor, cmsPricer, type CmsBlock, type Pricer } from "./cms-block";
import type { FeeSchedule } from "./fee-schedule";
import { monthStart, monthStarts } from "./dates";
import { foldRest, LONG_TEXT, TABLE_ROWS, textGroup } from "./grouping";
import { dateBounds } from "./inputs/date-span";

export interface LeakageOptions {
  /** $ per wRVU, to turn wRVUs lost into dollars. */
  dollarsPerWrvu: number;
  /** $ per hour, to value unpaid time. */
  effectiveHourly: number;
  /** The CMS fee schedule codes are looked up in. */
  fees: FeeSchedule;
  /** The RVU year every row is priced in (SPEC §3); absent = each row's own table year. */
  rvuYear?: number | null;
}

export const NO_SHOW_STATUSES = ["no_show", "late_cancel"] as const;


export interface ReasonRow {
  /** As first written in the log (blank reasons: ""), trimmed, runs of spaces made one. */
  reason: string;
  /** True when the reason is longer than LONG_TEXT and the row groups every reason sharing
   *  its first LONG_TEXT characters (an Excel criterion holds at most 255 characters). */
  prefix: boolean;
  noShows: number;
  systemCaused: number;
  patientCaused: number;
  /** Share of all no-shows. */
  share: number;
  wrvusLost: number;
  /** 0, or on the table's last row: how many smaller reasons it folds together (TABLE_ROWS). */
  other: number;
}

export interface CauseRow {
  causeType: "system" | "patient";
  noShows: number;
  share: number;
  wrvusLost: number;
  revenueLost: number;
}

export interface MonthRow {
  /** Excel serial of the 1st of the month. */
  monthStart: number;
  scheduled: number;
  completed: number;
  noShows: number;
  /** null when nothing was scheduled that month (the sheet shows a blank). */
  noShowRate: number | null;
}

export interface CodeRow {
  /** "" for completed visits without a code. */
  code: string;
  /** As ReasonRow.prefix (only a code over LONG_TEXT characters, which no real code is). */
  prefix: boolean;
  completed: number;
  share: number;
  /** As ReasonRow.other. */
  other: number;
}

export interface ActivityRow {
  activity: string;
  prefix: boolean;
  unpaidMinutes: number;
  unpaidHours: number;
  /** Share of all unpaid minutes (0 when there are none). */
  share: number;
  /** As ReasonRow.other. */
  other: number;
}

/** How `wRVUs lost to no-shows` is put together, so each step can be shown and checked. */
export interface WrvuLostParts {
  /** Σ wrvu of no-show rows that have one. */
  fromLog: number;
  /** Σ CMS wRVU of no-show rows without a wrvu whose code is in the CMS table. */
  fromCodes: number;
  /** No-show rows with neither a wrvu nor a code in the CMS table. */
  unresolved: number;
  /** Those rows by code ("" = no code), biggest first: what fell back to the mean, said in the notes. */
  unresolvedByCode: { code: string; rows: number }[];
  /**
   * Mean wRVU of completed visits: over completed rows with a wrvu or a CMS code (each its
   * wrvu, else its code's CMS wRVU); completed rows with neither are left out; 0 when no
   * completed row has either. Unresolved no-shows are valued at this.
   */
  meanCompleted: number;
  /** The completed rows that mean rests on (those with a wrvu or a CMS code). */
  meanOver: number;
}

export interface TimeMetrics {
  unpaidMinutes: number;
  unpaidHours: number;
  firstDate: number;
  lastDate: number;
  /** Days from the first to the last date, inclusive. */
  days: number;
  unpaidHoursPerWeek: number;
  unpaidTimeValue: number;
  /** Unpaid time value × 365 ÷ days: the time log's rate over a year. */
  unpaidTimeValuePerYear: number;
  byActivity: ActivityRow[];
}

export interface LeakageMetrics {
  scheduled: number;
  completed: number;
  cancelled: number;
  noShows: number;
  /** null when nothing was scheduled. */
  noShowRate: number | null;
  systemNoShows: number;
  patientNoShows: number;
  /** null when every scheduled visit was a system-caused no-show (or none was scheduled). */
  patientNoShowRate: number | null;
  wrvuParts: WrvuLostParts;
  wrvusLost: number;
  revenueLost: number;
  /** The appointment log's first and last dates and the days between, inclusive (null: no rows). */
  firstDate: number | null;
  lastDate: number | null;
  days: number | null;
  /** wRVUs and revenue lost × 365 ÷ the log's days: the log's rate over a year (null: no rows). */
  wrvusLostPerYear: number | null;
  revenueLostPerYear: number | null;
  /** System-caused no-shows ÷ no-shows (null: no no-shows). */
  systemShare: number | null;
  /** null without a time log. */
  time: TimeMetrics | null;
  byReason: ReasonRow[];
  byCause: CauseRow[];
  byMonth: MonthRow[];
  codingMix: CodeRow[];
  /**
   * The CMS lookup block the sheet carries: a row for each CMS code that occurs in the log and
   * each table year its rows fall in (the office E/M codes when none does). Only those: each row
   * costs the sheet a COUNTIFS pass over the whole log per figure.
   */
  cms: CmsBlock;
}

const total = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);

const isNoShow = (a: Appointment) => a.status === "no_show" || a.status === "late_cancel";

type CmsOf = Pricer;

/** Scheduled, completed, cancelled, no-shows, and the mean wRVU of completed visits that have one. */
function counts(appts: readonly Appointment[], cmsOf: CmsOf) {
  let scheduled = 0, completed = 0, cancelled = 0, noShows = 0, systemNoShows = 0, completedSum = 0, completedResolved = 0;
  for (const a of appts) {
    if (a.status === "cancelled") {
      cancelled++;
      continue;
    }
    scheduled++;
    if (a.status === "completed") {
      completed++;
      const c = cmsOf(a.code, a.date);
      const w = a.wrvu ?? (c === undefined ? undefined : c.wrvu * (a.units ?? 1));
      if (w !== undefined) {
        completedSum += w;
        completedResolved++;
      }
    } else {
      noShows++;
      if (a.causeType === "system") systemNoShows++;
    }
  }
  return { scheduled, completed, cancelled, noShows, systemNoShows, meanCompleted: completedResolved > 0 ? completedSum / completedResolved : 0, meanOver: completedResolved };
}

/**
 * wRVUs lost by a set of no-show rows: the log's wrvu, else the code's CMS wRVU × units, else the
 * completed-visit mean. Summed in the sheet's term order (log, then CMS, then unresolved × mean)
 * so the floating-point sums agree.
 */
function lostBy(cmsOf: CmsOf, meanCompleted: number) {
  return (rows: readonly Appointment[]) => {
    let fromLog = 0;
    let fromCodes = 0;
    let unresolved = 0;
    for (const a of rows) {
      if (a.wrvu !== null) fromLog += a.wrvu;
      else {
        const c = cmsOf(a.code, a.date);
        if (c !== undefined) fromCodes += c.wrvu * (a.units ?? 1);
        else unresolved++;
      }
    }
    return { fromLog, fromCodes, unresolved, total: fromLog + fromCodes + unresolved * meanCompleted };
  };
}
type LostBy = ReturnType<typeof lostBy>;

/** No-shows by reason, biggest first (ties in log order), the rest folded into one row. */
function reasonRows(noShowRows: readonly Appointment[], noShows: number, lost: LostBy): ReasonRow[] {
  const reasons = new Map<string, { row: ReasonRow; rows: Appointment[] }>();
  for (const a of noShowRows) {
    const g = textGroup(a.reason);
    let e = reasons.get(g.key);
    if (!e) {
      const text = cleanText(a.reason);
      e = {
        row: { reason: g.prefix ? text.slice(0, LONG_TEXT) : text, prefix: g.prefix, noShows: 0, systemCaused: 0, patientCaused: 0, share: 0, wrvusLost: 0, other: 0 },
        rows: [],
      };
      reasons.set(g.key, e);
    }
    e.rows.push(a);
    e.row.noShows++;
    if (a.causeType === "system") e.row.systemCaused++;
    else e.row.patientCaused++;
  }
  const byReason: ReasonRow[] = [];
  for (const { row, rows } of reasons.values()) {
    row.share = noShows > 0 ? row.noShows / noShows : 0;
    row.wrvusLost = lost(rows).total;
    byReason.push(row);
  }
  // Biggest cause first, so the chart reads top-down; sort is stable, so ties keep log order.
  byReason.sort((a, b) => b.noShows - a.noShows);
  return foldRest(byReason, (rest) => ({
    reason: "",
    prefix: false,
    noShows: total(rest, (r) => r.noShows),
    systemCaused: total(rest, (r) => r.systemCaused),
    patientCaused: total(rest, (r) => r.patientCaused),
    share: total(rest, (r) => r.share),
    wrvusLost: total(rest, (r) => r.wrvusLost),
    other: 0,
  }));
}

function causeRows(noShowRows: readonly Appointment[], noShows: number, lost: LostBy, dollarsPerWrvu: number): CauseRow[] {
  return (["system", "patient"] as const).map((causeType) => {
    const rows = noShowRows.filter((a) => (a.causeType === "system") === (causeType === "system"));
    const wrvusLost = lost(rows).total;
    return { causeType, noShows: rows.length, share: noShows > 0 ? rows.length / noShows : 0, wrvusLost, revenueLost: wrvusLost * dollarsPerWrvu };
  });
}

/** Every month from the first to the last appointment, empty ones included. */
function monthRows(appts: readonly Appointment[]): MonthRow[] {
  const span = dateBounds(appts);
  if (!span) return [];
  const byMonth: MonthRow[] = monthStarts(span.first, span.last).map((m) => ({ monthStart: m, scheduled: 0, completed: 0, noShows: 0, noShowRate: null }));
  const index = new Map(byMonth.map((row) => [row.monthStart, row]));
  for (const a of appts) {
    if (a.status === "cancelled") continue;
    const row = index.get(monthStart(a.date))!;
    row.scheduled++;
    if (a.status === "completed") row.completed++;
    else row.noShows++;
  }
  for (const row of byMonth) row.noShowRate = row.scheduled > 0 ? row.noShows / row.scheduled : null;
  return byMonth;
}

/** The coding mix of completed visits: the most used codes, listed in code order, no code last. */
function codingMixRows(appts: readonly Appointment[], completed: number): CodeRow[] {
  const codes = new Map<string, CodeRow>();
  for (const a of appts) {
    if (a.status !== "completed") continue;
    const code = a.code === null ? "" : cleanText(a.code);
    const g = textGroup(code);
    let row = codes.get(g.key);
    if (!row) codes.set(g.key, (row = { code: g.prefix ? code.slice(0, LONG_TEXT) : code, prefix: g.prefix, completed: 0, share: 0, other: 0 }));
    row.completed++;
  }
  for (const row of codes.values()) row.share = completed > 0 ? row.completed / completed : 0;
  const byCode = (a: CodeRow, b: CodeRow) =>
    (a.code === "") !== (b.code === "") ? (a.code === "" ? 1 : -1) : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  // The most used (stable: ties keep log order), then the listed ones put in code order.
  const used = [...codes.values()].sort((a, b) => b.completed - a.completed);
  const mix = foldRest(used, (rest) => ({ code: "", prefix: false, completed: total(rest, (r) => r.completed), share: total(rest, (r) => r.share), other: 0 }));
  const listed = mix.length > TABLE_ROWS ? TABLE_ROWS : mix.length;
  mix.splice(0, listed, ...mix.slice(0, listed).sort(byCode));
  return mix;
}

export function leakageMetrics(appts: readonly Appointment[], time: readonly TimeEntry[] | null | undefined, opts: LeakageOptions): LeakageMetrics {
  const cms = cmsBlockFor(opts.fees, appts);
  const cmsOf = cmsPricer(cms, opts.rvuYear);
  const c = counts(appts, cmsOf);
  const lost = lostBy(cmsOf, c.meanCompleted);
  const noShowRows = appts.filter(isNoShow);
  const all = lost(noShowRows);
  const parts: WrvuLostParts = {
    fromLog: all.fromLog,
    fromCodes: all.fromCodes,
    unresolved: all.unresolved,
    unresolvedByCode: unresolvedByCode(noShowRows, cmsOf),
    meanCompleted: c.meanCompleted,
    meanOver: c.meanOver,
  };
  return {
    scheduled: c.scheduled,
    completed: c.completed,
    cancelled: c.cancelled,
    noShows: c.noShows,
    noShowRate: c.scheduled > 0 ? c.noShows / c.scheduled : null,
    systemNoShows: c.systemNoShows,
    patientNoShows: c.noShows - c.systemNoShows,
    patientNoShowRate: c.scheduled - c.systemNoShows > 0 ? patientNoshowRate(c.noShows, c.scheduled, c.systemNoShows) : null,
    wrvuParts: parts,
    wrvusLost: all.total,
    revenueLost: all.total * opts.dollarsPerWrvu,
    ...logSpan(appts, all.total, opts.dollarsPerWrvu),
    systemShare: c.noShows > 0 ? c.systemNoShows / c.noShows : null,
    time: time && time.length > 0 ? timeMetrics(time, opts) : null,
    byReason: reasonRows(noShowRows, c.noShows, lost),
    byCause: causeRows(noShowRows, c.noShows, lost, opts.dollarsPerWrvu),
    byMonth: monthRows(appts),
    codingMix: codingMixRows(appts, c.completed),
    cms,
  };
}

/** A figure over `days` days at the same rate for a year. */
export const perYear = (value: number, days: number): number => (value * 365) / days;

function logSpan(appts: readonly Appointment[], wrvusLost: number, dollarsPerWrvu: number) {
  const span = dateBounds(appts);
  if (!span) return { firstDate: null, lastDate: null, days: null, wrvusLostPerYear: null, revenueLostPerYear: null };
  const days = span.last - span.first + 1;
  return { firstDate: span.first, lastDate: span.last, days, wrvusLostPerYear: perYear(wrvusLost, days), revenueLostPerYear: perYear(wrvusLost * dollarsPerWrvu, days) };
}

/** No-show rows valued at the mean, by their code ("" when none), biggest first. */
function unresolvedByCode(rows: readonly Appointment[], cmsOf: CmsOf): { code: string; rows: number }[] {
  const by = new Map<string, number>();
  for (const a of rows) {
    if (a.wrvu !== null || cmsOf(a.code, a.date) !== undefined) continue;
    const code = a.code === null ? "" : cleanText(a.code);
    by.set(code, (by.get(code) ?? 0) + 1);
  }
  return [...by.entries()].map(([code, n]) => ({ code, rows: n })).sort((a, b) => b.rows - a.rows);
}

export function timeMetrics(time: readonly TimeEntry[], opts: LeakageOptions): TimeMetrics {
  let unpaidMinutes = 0;
  let first = Infinity;
  let last = -Infinity;
  const acts = new Map<string, ActivityRow>();
  for (const t of time) {
    if (t.date < first) first = t.date;
    if (t.date > last) last = t.date;
    const g = textGroup(t.activity);
    let row = acts.get(g.key);
    if (!row) {
      const text = cleanText(t.activity);
      acts.set(g.key, (row = { activity: g.prefix ? text.slice(0, LONG_TEXT) : text, prefix: g.prefix, unpaidMinutes: 0, unpaidHours: 0, share: 0, other: 0 }));
    }
    if (!t.paid) {
      unpaidMinutes += t.minutes;
      row.unpaidMinutes += t.minutes;
    }
  }
  const sorted = [...acts.values()].sort((a, b) => b.unpaidMinutes - a.unpaidMinutes);
  for (const row of sorted) {
    row.unpaidHours = row.unpaidMinutes / 60;
    row.share = unpaidMinutes > 0 ? row.unpaidMinutes / unpaidMinutes : 0;
  }
  const byActivity = foldRest(sorted, (rest) => ({
    activity: "",
    prefix: false,
    unpaidMinutes: total(rest, (r) => r.unpaidMinutes),
    unpaidHours: total(rest, (r) => r.unpaidHours),
    share: total(rest, (r) => r.share),
    other: 0,
  }));
  const days = last - first + 1;
  const unpaidHours = unpaidMinutes / 60;
  const unpaidHoursPerWeek = unpaidHours / (days / 7);
  return {
    unpaidMinutes,
    unpaidHours,
    firstDate: first,
    lastDate: last,
    days,
    unpaidHoursPerWeek,
    unpaidTimeValue: unpaidHours * opts.effectiveHourly,
    unpaidTimeValuePerYear: perYear(unpaidHours * opts.effectiveHourly, days),
    byActivity,
  };
}
