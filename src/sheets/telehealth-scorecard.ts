/**
 * The Telehealth Scorecard sheet (SPEC §3): what a telehealth dashboard shows a clinician, with
 * the context that defends them in a performance talk. The answer first: the Bottom line (the
 * danger-zone verdict, the no-show rates, the change), the headline figures and the monthly
 * chart; then the assumptions, the summary for a manager, and the working. Every figure is a
 * native formula over the log copied on the data sheet and the Assumptions cells; cached values
 * come from src/core/telehealth.ts. A blank input leaves its figures blank and its danger-zone
 * condition "not checked", never an error value and never "no".
 */
import type { Appointment } from "../core/inputs/types";
import type { FeeSchedule } from "../core/fee-schedule";
import { CHECK_INPUT, SIGNIFICANCE, MODALITY_ROWS, TELEHEALTH_MODALITIES, changeSentence, dangerSentence, telehealthMetrics, type Check, type SubsetFigures, type TelehealthAssumptions, type TelehealthMetrics } from "../core/telehealth";
import { LONG_TEXT, groupLabel, otherLabel } from "../core/grouping";
import { absRange } from "./a1";
import { FMT, formula as fx, type PlanCell, type SheetPlan } from "./plan";
import { strLit } from "./criteria";
import { wrvuSum, type CmsRanges } from "./cms-formula";
import { rvuYearFigure } from "./rvu-year";
import { sheetRef } from "./a1";
import { copyAppointments, copyCms, logFitProblems, type LogRanges } from "./log-copy";
import type { Problem } from "../core/inputs/types";
import { DataSheet } from "./data-sheet";
import { managerSummary } from "./telehealth-summary";
import { SheetLayout } from "./layout";
import { noteSections, reserveBottomLine, reserveFigures, reserveParagraph, reserveTable, sheetTop, type Figure, type Figures, type Table } from "./sections";
import { fixed, isoDate, join, lit, pct, sentence, when, type Part } from "./sentence";

export const TELEHEALTH_SHEET_NAME = "Telehealth Scorecard";

/** A log longer than the data sheet holds below its header, refused before anything is computed. */
export const telehealthFitProblems = (appointments: { source: string; rows: number }): Problem[] => logFitProblems(TELEHEALTH_SHEET_NAME, appointments);

/** Label texts, exactly as SPEC §3 spells them, and the working rows beside them. */
export const TELEHEALTH_LABELS = {
  changeDate: "Change started on",
  groupNoShowRate: "Group telehealth no-show rate",
  groupWrvuPerVisit: "Group wRVU per telehealth visit",
  farBelow: "Far below means",
  annualTarget: "Annual wRVU target",
  writtenConcerns: "Written performance concerns",
  dollarsPerWrvu: "$ per wRVU",
  summary: "Summary for your manager",
  teleShare: "Telehealth share of completed visits",
  teleNoShowRate: "Telehealth no-show rate",
  inPersonNoShowRate: "In-person no-show rate",
  teleWrvuPerVisit: "Telehealth wRVU per visit",
  inPersonWrvuPerVisit: "In-person wRVU per visit",
  wrvuGap: "Telehealth wRVU gap per visit",
  wrvusBehind: "wRVUs behind in-person pace",
  dollarsBehind: "Dollars behind in-person pace",
  dollarsBehindPerYear: "Dollars behind in-person pace per year",
  systemShare: "System-caused share of telehealth no-shows",
  scheduledBefore: "Telehealth scheduled before",
  noShowsBefore: "Telehealth no-shows before",
  scheduledAfter: "Telehealth scheduled after",
  noShowsAfter: "Telehealth no-shows after",
  before: "Telehealth no-show rate before",
  after: "Telehealth no-show rate after",
  change: "Change in telehealth no-show rate",
  pValue: "p-value of the change",
  noShowVsGroup: "Telehealth no-show rate vs group",
  wrvuVsGroup: "wRVU per telehealth visit vs group",
  farBelowPeers: "Far below peers",
  belowTarget: "Total productivity below target",
  sixMonths: "Below target for 6+ months",
  concerns: "Written performance concerns",
  met: "Danger-zone conditions met",
  notChecked: "Danger-zone conditions not checked",
  days: "Log days (first to last)",
  annualized: "Annualized wRVUs",
  monthsBelow: "Months below target ÷ 12",
} as const;

export const TELEHEALTH_TABLES = {
  byModality: ["Modality", "Scheduled", "Completed", "No-shows", "No-show rate", "System-caused no-shows", "Patient no-show rate", "wRVUs", "wRVU per completed visit", "Share of completed"],
  monthly: ["Month", "Telehealth scheduled", "Telehealth no-show rate", "In-person scheduled", "In-person no-show rate", "wRVUs", "Telehealth no-shows", "In-person no-shows"],
  receipts: ["Reason", "Count", "First date", "Last date"],
} as const;

export const ALL_TELEHEALTH = "All telehealth";
export const ALL = "All";
/** A danger-zone condition whose input is blank. */
export const NOT_CHECKED = "not checked";

export interface TelehealthPlanInput {
  appointments: readonly Appointment[];
  assumptions: TelehealthAssumptions;
  fees: FeeSchedule;
  source: string;
  builtAt: Date;
  /** What reading the log inferred, said in the sheet's notes. */
  inferred?: string[];
  /** Assumptions left at ClinPay's default, marked beside them. */
  defaults?: { dollarsPerWrvu?: boolean; farBelow?: boolean };
  metrics?: TelehealthMetrics;
  /** Drop each appointment once copied (a million-row log is not held twice); needs `metrics`. */
  releaseAppointments?: boolean;
}

const MONTH_FMT = "mmm yyyy";
const yes = strLit("yes");
const no = strLit("no");
const notChecked = strLit(NOT_CHECKED);
const checkText = (c: Check): string => (c === null ? NOT_CHECKED : c ? "yes" : "no");
const rateOf = (num: string, den: string) => `IF(${den}=0,"",${num}/${den})`;
/** A rate's gap in percentage points (the value × 100, shown "+1.8 points"). */
const points = (v: number | null) => (v === null ? null : v * 100);

/** Formula pieces over the copied log and its CMS block. */
function logFormulas(ranges: LogRanges, cms: CmsRanges) {
  const modality = (m: string | null) => `,${ranges.visitType},${m === null ? '""' : strLit(m)}`;
  /** COUNTIFS of a status (or both no-show statuses) within criteria `g`. */
  const count = (status: "completed" | "noShow", g: string) =>
    status === "completed" ? `COUNTIFS(${ranges.status},"completed"${g})` : `COUNTIFS(${ranges.status},"no_show"${g})+COUNTIFS(${ranges.status},"late_cancel"${g})`;
  const system = (g: string) => count("noShow", `,${ranges.cause},"system"${g}`);
  /** wRVUs of completed rows within `g`: their own wRVU, else units × the code's CMS wRVU. */
  const wrvus = (g: string) => wrvuSum(ranges, cms, `,${ranges.status},"completed"${g}`);
  const tele = (fn: (g: string) => string, extra = "") => TELEHEALTH_MODALITIES.map((m) => fn(`${modality(m)}${extra}`)).join("+");
  const inMonth = (month: string) => `,${ranges.date},">="&${month},${ranges.date},"<="&EOMONTH(${month},0)`;
  return { ranges, modality, count, system, wrvus, tele, inMonth };
}
type LogF = ReturnType<typeof logFormulas>;

const HEADLINE = ["teleNoShowRate", "inPersonNoShowRate", "systemShare", "teleShare", "dollarsBehind", "dollarsBehindPerYear"] as const;
const ASSUMPTIONS = ["changeDate", "groupNoShowRate", "groupWrvuPerVisit", "farBelow", "annualTarget", "writtenConcerns", "dollarsPerWrvu", "rvuYear"] as const;
const KEY = ["teleWrvuPerVisit", "inPersonWrvuPerVisit", "wrvuGap", "wrvusBehind"] as const;
const GROUP = ["noShowVsGroup", "wrvuVsGroup"] as const;
const CHANGE = ["scheduledBefore", "noShowsBefore", "scheduledAfter", "noShowsAfter", "before", "after", "change", "pValue"] as const;
const DANGER = ["days", "annualized", "monthsBelow", "farBelowPeers", "belowTarget", "sixMonths", "concerns", "met", "notChecked"] as const;
type FigureKey = (typeof HEADLINE)[number] | (typeof ASSUMPTIONS)[number] | (typeof KEY)[number] | (typeof GROUP)[number] | (typeof CHANGE)[number] | (typeof DANGER)[number];

/** Every section's place, reserved before any formula is written. */
function reserve(layout: SheetLayout, m: TelehealthMetrics) {
  const page = layout.cursor;
  const answer = reserveBottomLine(page);
  const [glance, chartSide] = page.columns(3, 8);
  const headline = reserveFigures(glance, "At a glance (telehealth against in person)", HEADLINE);
  const monthChart = chartSide.chart(16);
  page.join([glance, chartSide]);
  const assumptions = reserveFigures(page, "Assumptions (type yours; a blank one leaves its figures blank and its condition not checked)", ASSUMPTIONS);
  const summary = reserveParagraph(page, TELEHEALTH_LABELS.summary);

  const [left, right] = page.columns(3, 8);
  const key = reserveFigures(left, "Key figures (wRVUs of completed visits)", KEY);
  const group = reserveFigures(left, "Against the group (no-show rate in points; wRVU as a share of the group's)", GROUP);
  const change = reserveFigures(left, "Before and after the change (telehealth visits: before = dated before Change started on)", CHANGE);
  const danger = reserveFigures(left, "The danger zone: far below peers AND below target AND for 6+ months AND written concerns", DANGER);
  const receipts = reserveTable(right, "Receipts: system-caused telehealth no-shows by reason", TELEHEALTH_TABLES.receipts.length, m.receipts.length);
  page.join([left, right]);

  const modality = reserveTable(page, "By modality (telehealth = video, audio, or remote of unknown kind; wRVUs of completed visits)", TELEHEALTH_TABLES.byModality.length, MODALITY_ROWS.length + 2);
  const monthly = reserveTable(page, "Month by month (telehealth and in person; wRVUs of every completed visit)", TELEHEALTH_TABLES.monthly.length, m.months.length);
  return { answer, headline, monthChart, assumptions, summary, key, group, change, danger, receipts, modality, monthly, notes: page };
}
type Places = ReturnType<typeof reserve>;

interface Ctx {
  input: TelehealthPlanInput;
  m: TelehealthMetrics;
  layout: SheetLayout;
  places: Places;
  refs: Record<FigureKey, string>;
  log: LogF;
}

/** The by-modality table's cell of a row (a MODALITY_ROWS index, or the two totals) and column. */
function modalityCell(table: Table, r: number | "tele" | "all", header: (typeof TELEHEALTH_TABLES.byModality)[number]): string {
  const row = r === "tele" ? MODALITY_ROWS.length : r === "all" ? MODALITY_ROWS.length + 1 : r;
  return table.cell(row, TELEHEALTH_TABLES.byModality.indexOf(header));
}
const IN_PERSON = MODALITY_ROWS.findIndex((row) => row.modality === "in_person");

function figures(c: Ctx): Record<FigureKey, Figure> {
  const { m, refs, log: F, input } = c;
  const labels = TELEHEALTH_LABELS;
  const a = input.assumptions;
  const d = m.danger;
  const ch = m.change;
  const cell = (r: number | "tele" | "all", h: (typeof TELEHEALTH_TABLES.byModality)[number]) => modalityCell(c.places.modality, r, h);
  const logDates = fx(`IF(COUNT(${F.ranges.date})=0,"",${join([isoDate(`MIN(${F.ranges.date})`, m.firstDate), lit(" to "), isoDate(`MAX(${F.ranges.date})`, m.lastDate)]).f})`, m.firstDate === null ? "" : join([isoDate("", m.firstDate), lit(" to "), isoDate("", m.lastDate)]).v);
  const unlessNoChange = (formula: string) => `IF(${refs.changeDate}="","",${formula})`;
  const side = (when: "<" | ">=") => `,${F.ranges.date},"${when}"&${refs.changeDate}`;
  const scheduled = (when: "<" | ">=") => unlessNoChange(`${F.tele((g) => F.count("completed", g), side(when))}+${F.tele((g) => F.count("noShow", g), side(when))}`);
  const noShows = (when: "<" | ">=") => unlessNoChange(F.tele((g) => F.count("noShow", g), side(when)));
  const pooled = `(${refs.noShowsBefore}+${refs.noShowsAfter})/(${refs.scheduledBefore}+${refs.scheduledAfter})`;
  const z = `(${refs.noShowsBefore}/${refs.scheduledBefore}-${refs.noShowsAfter}/${refs.scheduledAfter})/SQRT(${pooled}*(1-${pooled})*(1/${refs.scheduledBefore}+1/${refs.scheduledAfter}))`;
  const bothRates = `OR(${refs.before}="",${refs.after}="")`;
  const dflt = (isDefault: boolean | undefined) => (isDefault ? "ClinPay's default: type yours" : undefined);
  const conditions = c.places.danger.values("farBelowPeers", "concerns");
  return {
    changeDate: { label: labels.changeDate, value: a.changeDate, format: FMT.date, aside: "the day a change started (e.g. day-before tech checks)" },
    groupNoShowRate: { label: labels.groupNoShowRate, value: a.groupNoShowRate, format: FMT.percent, aside: "your group's, if you have it" },
    groupWrvuPerVisit: { label: labels.groupWrvuPerVisit, value: a.groupWrvuPerVisit, format: FMT.wrvu2, aside: "your group's, if you have it" },
    farBelow: { label: labels.farBelow, value: a.farBelow, format: FMT.percent, aside: dflt(input.defaults?.farBelow) ?? "below the group by more than this share" },
    annualTarget: { label: labels.annualTarget, value: a.annualTarget, format: FMT.wrvu, aside: "your contract's, if any" },
    writtenConcerns: { label: labels.writtenConcerns, value: a.writtenConcerns === null ? null : a.writtenConcerns ? "yes" : "no", align: "right", aside: "yes or no: raised in writing?" },
    dollarsPerWrvu: { label: labels.dollarsPerWrvu, value: a.dollarsPerWrvu, format: FMT.money2, aside: dflt(input.defaults?.dollarsPerWrvu) ?? "your contract's" },
    rvuYear: rvuYearFigure(refs.rvuYear, m.cms.years, a.rvuYear),
    teleShare: { label: labels.teleShare, value: fx(cell("tele", "Share of completed"), m.teleShare), format: FMT.percent, aside: logDates },
    teleNoShowRate: { label: labels.teleNoShowRate, value: fx(cell("tele", "No-show rate"), m.teleNoShowRate), format: FMT.percent, aside: logDates },
    inPersonNoShowRate: { label: labels.inPersonNoShowRate, value: fx(cell(IN_PERSON, "No-show rate"), m.inPersonNoShowRate), format: FMT.percent, aside: logDates },
    systemShare: { label: labels.systemShare, value: fx(rateOf(cell("tele", "System-caused no-shows"), cell("tele", "No-shows")), m.systemShareOfTeleNoShows), format: FMT.percent, aside: "the practice's systems, not you" },
    dollarsBehind: { label: labels.dollarsBehind, value: fx(`IF(${refs.wrvusBehind}="","",${refs.wrvusBehind}*${refs.dollarsPerWrvu})`, m.dollarsBehind), format: FMT.money, aside: logDates },
    dollarsBehindPerYear: { label: labels.dollarsBehindPerYear, value: fx(`IF(OR(${refs.dollarsBehind}="",${refs.days}=""),"",${refs.dollarsBehind}*365/${refs.days})`, m.dollarsBehindPerYear), format: FMT.money, aside: "a year, at the same rate" },
    teleWrvuPerVisit: { label: labels.teleWrvuPerVisit, value: fx(cell("tele", "wRVU per completed visit"), m.teleWrvuPerVisit), format: FMT.wrvu2 },
    inPersonWrvuPerVisit: { label: labels.inPersonWrvuPerVisit, value: fx(cell(IN_PERSON, "wRVU per completed visit"), m.inPersonWrvuPerVisit), format: FMT.wrvu2 },
    wrvuGap: { label: labels.wrvuGap, value: fx(`IF(OR(${refs.teleWrvuPerVisit}="",${refs.inPersonWrvuPerVisit}=""),"",${refs.inPersonWrvuPerVisit}-${refs.teleWrvuPerVisit})`, m.wrvuGap), format: FMT.wrvu2, aside: "in person − telehealth" },
    wrvusBehind: { label: labels.wrvusBehind, value: fx(`IF(${refs.wrvuGap}="","",${refs.wrvuGap}*${cell("tele", "Completed")})`, m.wrvusBehind), format: FMT.wrvu, aside: logDates },
    noShowVsGroup: { label: labels.noShowVsGroup, value: fx(`IF(OR(${refs.groupNoShowRate}="",${refs.teleNoShowRate}=""),"",(${refs.teleNoShowRate}-${refs.groupNoShowRate})*100)`, points(m.noShowVsGroup)), format: FMT.points, aside: "points: yours − the group's" },
    wrvuVsGroup: { label: labels.wrvuVsGroup, value: fx(`IF(OR(${refs.groupWrvuPerVisit}="",${refs.groupWrvuPerVisit}=0,${refs.teleWrvuPerVisit}=""),"",(${refs.teleWrvuPerVisit}-${refs.groupWrvuPerVisit})/${refs.groupWrvuPerVisit})`, m.wrvuVsGroup), format: FMT.relative, aside: "%: (yours − the group's) ÷ the group's" },
    scheduledBefore: { label: labels.scheduledBefore, value: fx(scheduled("<"), ch?.scheduledBefore ?? null), format: FMT.visits },
    noShowsBefore: { label: labels.noShowsBefore, value: fx(noShows("<"), ch?.noShowsBefore ?? null), format: FMT.visits },
    scheduledAfter: { label: labels.scheduledAfter, value: fx(scheduled(">="), ch?.scheduledAfter ?? null), format: FMT.visits },
    noShowsAfter: { label: labels.noShowsAfter, value: fx(noShows(">="), ch?.noShowsAfter ?? null), format: FMT.visits },
    before: { label: labels.before, value: fx(unlessNoChange(rateOf(refs.noShowsBefore, refs.scheduledBefore)), ch?.before ?? null), format: FMT.percent },
    after: { label: labels.after, value: fx(unlessNoChange(rateOf(refs.noShowsAfter, refs.scheduledAfter)), ch?.after ?? null), format: FMT.percent },
    change: { label: labels.change, value: fx(`IF(${bothRates},"",(${refs.after}-${refs.before})*100)`, points(ch?.change ?? null)), format: FMT.points, aside: "points: after − before" },
    // The pooled two-proportion z-test, two-sided, as RATE_CHANGE_PVALUE computes it.
    pValue: {
      label: labels.pValue,
      value: fx(`IF(${bothRates},"",IF(OR(${pooled}=0,${pooled}=1),1,2*NORMSDIST(-ABS(${z}))))`, ch?.pValue ?? null),
      format: FMT.pValue,
      aside: fx(`IF(${refs.changeDate}="","",IF(${refs.pValue}="",${strLit(changeSentence(null))},IF(${refs.pValue}<0.05,${strLit(changeSentence(0))},${strLit(changeSentence(1))})))`, ch ? changeSentence(ch.pValue) : ""),
    },
    days: { label: labels.days, value: fx(`IF(COUNT(${F.ranges.date})=0,"",MAX(${F.ranges.date})-MIN(${F.ranges.date})+1)`, d.days), format: FMT.days, aside: logDates },
    annualized: { label: labels.annualized, value: fx(`IF(${refs.days}="","",${cell("all", "wRVUs")}*365/${refs.days})`, d.annualized), format: FMT.wrvu },
    monthsBelow: { label: labels.monthsBelow, value: fx(`IF(${refs.annualTarget}="","",SUMPRODUCT(--(${c.places.monthly.column(5)}<${refs.annualTarget}/12)))`, d.monthsBelow), format: FMT.number },
    // A blank input leaves its condition "not checked": never "no", never counted.
    farBelowPeers: { label: labels.farBelowPeers, value: fx(`IF(${refs.groupWrvuPerVisit}="",${notChecked},IF(${refs.teleWrvuPerVisit}="",${no},IF(${refs.teleWrvuPerVisit}<${refs.groupWrvuPerVisit}*(1-${refs.farBelow}),${yes},${no})))`, checkText(d.farBelow)), align: "right" },
    belowTarget: { label: labels.belowTarget, value: fx(`IF(${refs.annualTarget}="",${notChecked},IF(${refs.annualized}="",${no},IF(${refs.annualized}<${refs.annualTarget},${yes},${no})))`, checkText(d.belowTarget)), align: "right" },
    sixMonths: { label: labels.sixMonths, value: fx(`IF(${refs.annualTarget}="",${notChecked},IF(${refs.monthsBelow}>=6,${yes},${no}))`, checkText(d.sixMonths)), align: "right" },
    concerns: { label: labels.concerns, value: fx(`IF(${refs.writtenConcerns}="",${notChecked},IF(${refs.writtenConcerns}=${yes},${yes},${no}))`, checkText(d.concerns)), align: "right" },
    met: { label: labels.met, value: fx(`COUNTIF(${conditions},${yes})`, d.met), format: FMT.number, aside: dangerVerdict(c) },
    notChecked: { label: labels.notChecked, value: fx(`COUNTIF(${conditions},${notChecked})`, d.notChecked), format: FMT.number },
  };
}

/** The verdict sentence, as the core says it (dangerSentence), built live from the conditions. */
function dangerVerdict(c: Ctx): PlanCell {
  const refs = c.refs;
  const d = c.m.danger;
  const inputs: [string, string][] = [
    [`${refs.farBelowPeers}=${notChecked}`, CHECK_INPUT.farBelow],
    [`OR(${refs.belowTarget}=${notChecked},${refs.sixMonths}=${notChecked})`, CHECK_INPUT.belowTarget],
    [`${refs.concerns}=${notChecked}`, CHECK_INPUT.concerns],
  ];
  // "A and B and C": each missing input followed by " and ", the last one cut off.
  const list = inputs.map(([cond, label]) => `IF(${cond},${strLit(`${label} and `)},"")`).join("&");
  const toType = `LEFT(${list},LEN(${list})-5)`;
  const holds = `${refs.met}&" of the 4 conditions "&IF(${refs.met}=1,"holds","hold")`;
  const unchecked = `${refs.notChecked}&IF(${refs.notChecked}=1," is"," are")&" not checked"`;
  const f =
    `IF(${refs.met}=4,"In the danger zone: all four conditions hold.",` +
    `IF(${refs.notChecked}=0,"Not in the danger zone: "&${holds}&", and all four must.",` +
    `IF(${refs.met}+${refs.notChecked}=4,"Not known yet: "&${holds}&" and "&${unchecked}&"; type "&${toType}&" to check.",` +
    `"Not in the danger zone: "&${holds}&", and all four must ("&${unchecked}&"; type "&${toType}&" to check).")))`;
  return fx(f, dangerSentence(d));
}

/** The answer: the danger-zone verdict, telehealth against in person, and the change with its p-value. */
function bottomLine(c: Ctx): PlanCell {
  const { m, refs, input } = c;
  const ch = m.change;
  const compared = ch !== null && ch.before !== null && ch.after !== null;
  const verdict: Part = { f: c.places.danger.aside("met"), v: dangerSentence(m.danger) };
  const p: Part = { f: `IF(${refs.pValue}<0.001,"p <0.001","p = "&TEXT(${refs.pValue},"0.000"))`, v: ch?.pValue == null ? "" : ch.pValue < 0.001 ? "p <0.001" : `p = ${fixed(ch.pValue, 3)}` };
  return sentence([
    verdict,
    lit(" Telehealth no-show rate "),
    pct(refs.teleNoShowRate, m.teleNoShowRate),
    lit(" against "),
    pct(refs.inPersonNoShowRate, m.inPersonNoShowRate),
    lit(" in person; "),
    pct(refs.systemShare, m.systemShareOfTeleNoShows),
    lit(" of telehealth no-shows were system-caused."),
    when(`AND(${refs.changeDate}<>"",${refs.before}<>"",${refs.after}<>"")`, compared, [
      lit(" Since "),
      isoDate(refs.changeDate, input.assumptions.changeDate),
      lit(" it went from "),
      pct(refs.before, ch?.before ?? null),
      lit(" to "),
      pct(refs.after, ch?.after ?? null),
      lit(" ("),
      p,
      { f: `IF(${refs.pValue}<${SIGNIFICANCE},": likely a real change",": could be chance")`, v: compared && ch!.pValue !== null ? (ch!.pValue < SIGNIFICANCE ? ": likely a real change" : ": could be chance") : "" },
      lit(")."),
    ]),
  ]);
}

function modalitySection(c: Ctx): void {
  const { m, log: F } = c;
  const table = c.places.modality;
  const H = TELEHEALTH_TABLES.byModality;
  const cell = (r: number | "tele" | "all", h: (typeof H)[number]) => modalityCell(table, r, h);
  const allCompleted = cell("all", "Completed");
  const row = (r: number | "tele" | "all", label: string, s: SubsetFigures, counts: { completed: string; noShows: string; system: string; wrvus: string }): PlanCell[] => {
    const [sched, ns, sys] = [cell(r, "Scheduled"), cell(r, "No-shows"), cell(r, "System-caused no-shows")];
    return [
      label,
      fx(`${cell(r, "Completed")}+${ns}`, s.scheduled),
      fx(counts.completed, s.completed),
      fx(counts.noShows, s.noShows),
      fx(rateOf(ns, sched), s.noShowRate),
      fx(counts.system, s.systemNoShows),
      fx(`IF(${sched}-${sys}=0,"",(${ns}-${sys})/(${sched}-${sys}))`, s.patientNoShowRate),
      fx(counts.wrvus, s.wrvus),
      fx(rateOf(cell(r, "wRVUs"), cell(r, "Completed")), s.wrvuPerVisit),
      fx(rateOf(cell(r, "Completed"), allCompleted), s.shareOfCompleted),
    ];
  };
  const rows: PlanCell[][] = MODALITY_ROWS.map((modality, i) => {
    const g = F.modality(modality.modality);
    return row(i, modality.label, m.byModality[i], { completed: F.count("completed", g), noShows: F.count("noShow", g), system: F.system(g), wrvus: F.wrvus(g) });
  });
  const teleRows = MODALITY_ROWS.map((row, i) => (TELEHEALTH_MODALITIES.includes(row.modality!) ? i : -1)).filter((i) => i >= 0);
  const sumOf = (idx: number[], h: (typeof H)[number]) => idx.map((i) => cell(i, h)).join("+");
  for (const [r, label, s, idx] of [["tele", ALL_TELEHEALTH, m.allTelehealth, teleRows], ["all", ALL, m.all, MODALITY_ROWS.map((_, i) => i)]] as const) {
    rows.push(row(r, label, s, { completed: sumOf([...idx], "Completed"), noShows: sumOf([...idx], "No-shows"), system: sumOf([...idx], "System-caused no-shows"), wrvus: sumOf([...idx], "wRVUs") }));
  }
  table.fill(c.layout, H, rows, { formats: [undefined, FMT.number, FMT.number, FMT.number, FMT.percent, FMT.number, FMT.percent, FMT.number1, FMT.number2, FMT.percent] });
}

function monthlySection(c: Ctx): void {
  const { m, log: F, layout } = c;
  const table = c.places.monthly;
  const H = TELEHEALTH_TABLES.monthly;
  const col = (h: (typeof H)[number]) => H.indexOf(h);
  const rows: PlanCell[][] = m.months.map((mo, i) => {
    const at = (h: (typeof H)[number]) => table.cell(i, col(h));
    const within = F.inMonth(table.cell(i, 0));
    const ip = F.modality("in_person") + within;
    return [
      mo.month,
      fx(`${F.tele((g) => F.count("completed", g), within)}+${at("Telehealth no-shows")}`, mo.teleScheduled),
      fx(rateOf(at("Telehealth no-shows"), at("Telehealth scheduled")), mo.teleNoShowRate),
      fx(`${F.count("completed", ip)}+${at("In-person no-shows")}`, mo.inPersonScheduled),
      fx(rateOf(at("In-person no-shows"), at("In-person scheduled")), mo.inPersonNoShowRate),
      fx(F.wrvus(within), mo.wrvus),
      fx(F.tele((g) => F.count("noShow", g), within), mo.teleNoShows),
      fx(F.count("noShow", ip), mo.inPersonNoShows),
    ];
  });
  table.fill(layout, H, rows, { formats: [MONTH_FMT, FMT.number, FMT.percent, FMT.number, FMT.percent, FMT.number1, FMT.number, FMT.number] });
  if (rows.length === 0) return;
  layout.chart(c.places.monthChart, {
    type: "line",
    title: "No-show rate by month: telehealth and in person",
    categoriesRef: table.column(0),
    series: [col("Telehealth no-show rate"), col("In-person no-show rate")].map((k) => ({ nameRef: table.headerCell(k), valuesRef: table.column(k) })),
    yAxisTitle: "No-show rate",
    valueFormat: "0%",
  });
}

function receiptSection(c: Ctx): void {
  const { m, log: F } = c;
  const log = F.ranges;
  const table = c.places.receipts;
  const systemTele = `((${log.status}="no_show")+(${log.status}="late_cancel"))*(${log.cause}="system")*(${TELEHEALTH_MODALITIES.map((kind) => `(${log.visitType}=${strLit(kind)})`).join("+")})`;
  const rows: PlanCell[][] = m.receipts.map((r, i) => {
    const label = table.cell(i, 0);
    const count = table.cell(i, 1);
    if (r.other > 0) {
      return [otherLabel(r.other, "reasons"), fx(`${modalityCell(c.places.modality, "tele", "System-caused no-shows")}-SUM(${absRange(table.first, table.area.col + 1, table.first + i - 1, table.area.col + 1)})`, r.count), null, null];
    }
    // Compared by "=" against the label cell: exact text with case ignored, never a wildcard.
    const match = r.reason === "" ? `(${log.reason}="")` : r.prefix ? `(LEFT(${log.reason},${LONG_TEXT})=LEFT(${label},${LONG_TEXT}))` : `(${log.reason}=${label})`;
    const cond = `${systemTele}*${match}`;
    return [
      groupLabel(r.reason, r, "reasons"),
      fx(`SUMPRODUCT(${cond})`, r.count),
      // The earliest matching date: the count-th largest of the matching dates and the zeros of the rest.
      fx(`IF(${count}=0,"",SUMPRODUCT(LARGE(${cond}*${log.date},${count})))`, r.first),
      fx(`IF(${count}=0,"",SUMPRODUCT(MAX(${cond}*${log.date})))`, r.last),
    ];
  });
  table.fill(c.layout, TELEHEALTH_TABLES.receipts, rows, { formats: [undefined, FMT.number, FMT.date, FMT.date] });
}

const NOTES = [
  "Telehealth is every visit whose modality is video, audio or telehealth (a remote visit of unknown kind); modality comes from the log's visit type, else its modifiers (95, GT, GQ: video; 93, FQ: audio) or place of service (02, 10: telehealth).",
  "Each row of By modality counts as RVU Leakage does: Scheduled = completed + no-shows (cancelled with notice is not counted); No-shows = no_show and late_cancel; Patient no-show rate takes the system-caused no-shows out of both counts. wRVUs are completed visits' wRVUs: the log's wRVU, else the CMS work RVU of the code × units (the block beside the copied log on the data sheet), else 0.",
  "The gap per visit is in person − telehealth: what each telehealth visit earns less. wRVUs behind in-person pace = that gap × your completed telehealth visits over the log's dates, and Dollars behind prices it at $ per wRVU; per year is that × 365 ÷ the log's days.",
  "Before and after compares telehealth visits dated before Change started on with those from it on; the change is in percentage points. The p-value is the pooled two-proportion z-test, two-sided (CLINPAY.RATE_CHANGE_PVALUE): below 0.05 the change is unlikely to be chance; above it, the numbers are too few or the change too small to tell. Against the group, the no-show rate's gap is in points and the wRVU gap is relative, in %.",
  "The danger zone is all four at once: wRVU per telehealth visit far below the group's, annualized wRVUs (wRVUs × 365 ÷ the log's days) below the annual target, at least 6 months (from the log's first month to its last) under a twelfth of the target, and concerns in writing. A condition whose input is blank is not checked, and not counted: type the input to check it. Fewer than four means the worry, not the danger. The summary for your manager leaves the danger zone out: it states the facts that defend you.",
  "Every figure is a live formula over the log copied on the Telehealth Scorecard data sheet and the Assumptions: type a date, a group rate or a target and everything follows, with or without the add-in.",
];

export function buildTelehealthPlan(input: TelehealthPlanInput): SheetPlan {
  const appts = input.appointments;
  const m = input.metrics ?? telehealthMetrics(appts, input.fees, input.assumptions);
  const data = new DataSheet(TELEHEALTH_SHEET_NAME, input.builtAt, input.source);
  const log = copyAppointments(data, appts, input.releaseAppointments === true && input.metrics !== undefined);

  const layout = new SheetLayout();
  sheetTop(layout, TELEHEALTH_SHEET_NAME, input.builtAt, input.source);
  const places = reserve(layout, m);
  const refs = { ...places.headline.ref, ...places.assumptions.ref, ...places.key.ref, ...places.group.ref, ...places.change.ref, ...places.danger.ref } as Record<FigureKey, string>;
  const cms = copyCms(data, m.cms, sheetRef(TELEHEALTH_SHEET_NAME, refs.rvuYear), input.assumptions.rvuYear);
  log.priceSummed(cms);
  const c: Ctx = { input, m, layout, places, refs, log: logFormulas(log, cms) };

  const all = figures(c);
  const fill = <K extends FigureKey>(f: Figures<K>, style?: "assumptions") => f.fill(layout, Object.fromEntries(f.keys.map((k) => [k, all[k]])) as Record<K, Figure>, style);
  places.answer.fill(layout, bottomLine(c), 1);
  fill(places.headline);
  fill(places.assumptions, "assumptions");
  const receipt = places.receipts.rows > 0 && m.receipts[0].other === 0 ? { reason: places.receipts.cell(0, 0), count: places.receipts.cell(0, 1), first: places.receipts.cell(0, 2), last: places.receipts.cell(0, 3) } : null;
  places.summary.fill(layout, managerSummary(m, input.assumptions, { ...refs, pSentence: places.change.aside("pValue"), dates: log.date, teleCompleted: modalityCell(places.modality, "tele", "Completed"), receipt }));
  fill(places.key);
  fill(places.group);
  fill(places.change);
  fill(places.danger);
  receiptSection(c);
  modalitySection(c);
  monthlySection(c);
  const inferred = [...(input.inferred ?? []), ...(m.unpricedCompleted > 0 ? [`${m.unpricedCompleted.toLocaleString("en-US")} completed ${m.unpricedCompleted === 1 ? "visit has" : "visits have"} no wRVU and no code in the CMS table: ${m.unpricedCompleted === 1 ? "it counts" : "they count"} 0 wRVUs.`] : [])];
  noteSections(places.notes, layout, NOTES, inferred);
  return layout.finish("telehealth-scorecard", TELEHEALTH_SHEET_NAME, { dataSheets: [data.finish("telehealth-scorecard")] });
}
