/**
 * The Telehealth Scorecard sheet (SPEC §3): what a telehealth dashboard shows a clinician, with
 * the context that defends them in a performance talk. Every figure is a native formula over the
 * copied appointment log and the Assumptions cells; cached values come from src/core/telehealth.ts.
 * Blank inputs give blank cells and "no" conditions, never an error value.
 */
import type { Appointment } from "../core/inputs/types";
import type { FeeSchedule } from "../core/fee-schedule";
import { MODALITY_ROWS, TELEHEALTH_MODALITIES, changeSentence, dangerSentence, telehealthMetrics, type SubsetFigures, type TelehealthAssumptions, type TelehealthMetrics } from "../core/telehealth";
import { LONG_TEXT } from "../core/grouping";
import { abs, absRange } from "./a1";
import { FMT, type Block, type ChartPlan, type PlanCell, type SheetPlan } from "./plan";
import { labelledBlocks, metaBlock, noteBlock, sectionBlock, tableBlock, titleBlock, type Labelled } from "./blocks";
import { strLit } from "./criteria";
import { wrvuSum } from "./cms-formula";
import { appointmentCopyBlocks, appointmentCopyWidths, logRanges } from "./log-copy";
import { NO_REASON, otherLabel } from "./rvu-leakage";
import { managerSummary } from "./telehealth-summary";

export const TELEHEALTH_SHEET_NAME = "Telehealth Scorecard";

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
  days: "Log days (first to last)",
  annualized: "Annualized wRVUs",
  monthsBelow: "Months below target ÷ 12",
} as const;

export const TELEHEALTH_TABLES = {
  byModality: ["Modality", "Scheduled", "Completed", "No-shows", "No-show rate", "System-caused no-shows", "Patient no-show rate", "wRVUs", "wRVU per completed visit", "Share of completed"],
  monthly: ["Month", "Telehealth scheduled", "Telehealth no-show rate", "In-person scheduled", "In-person no-show rate", "wRVUs", "Telehealth no-shows", "In-person no-shows"],
  receipts: ["Reason", "Count", "First date", "Last date"],
  cms: ["Code", "Work RVU", "Year"],
} as const;

export const ALL_TELEHEALTH = "All telehealth";
export const ALL = "All";

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

const LABEL_COL = 0;
const VALUE_COL = 1;
const CHART_COL = 11; // L
const COPY_COL = 19; // T
const COPY_HEADER_ROW = 4;
const MONTH_FMT = "mmm yyyy";

const f = (formula: string, v: number | string | null | boolean): PlanCell => ({ f: formula, v: v === null ? "" : typeof v === "boolean" ? (v ? "yes" : "no") : v });
const yes = strLit("yes");
const no = strLit("no");

/** Formula pieces over the copied log and its CMS block. */
function logFormulas(appts: number, cmsFirst: number, cmsRows: number) {
  const L = logRanges(COPY_COL, COPY_HEADER_ROW + 1, appts);
  const CK = absRange(cmsFirst, 0, cmsFirst + Math.max(cmsRows, 1) - 1, 0);
  const CW = absRange(cmsFirst, 1, cmsFirst + Math.max(cmsRows, 1) - 1, 1);
  const modality = (m: string | null) => `,${L.visitType},${m === null ? '""' : strLit(m)}`;
  /** COUNTIFS of a status (or both no-show statuses) within criteria `g`. */
  const count = (status: "completed" | "noShow", g: string) =>
    status === "completed" ? `COUNTIFS(${L.status},"completed"${g})` : `COUNTIFS(${L.status},"no_show"${g})+COUNTIFS(${L.status},"late_cancel"${g})`;
  const system = (g: string) => count("noShow", `,${L.cause},"system"${g}`);
  /** wRVUs of completed rows within `g`: their own wRVU, else units × the code's CMS wRVU. */
  const wrvus = (g: string) => wrvuSum(L, { codes: CK, wrvus: CW }, `,${L.status},"completed"${g}`);
  const tele = (fn: (g: string) => string, extra = "") => TELEHEALTH_MODALITIES.map((m) => fn(`${modality(m)}${extra}`)).join("+");
  const inMonth = (month: string) => `,${L.date},">="&${month},${L.date},"<="&EOMONTH(${month},0)`;
  return { L, modality, count, system, wrvus, tele, inMonth };
}
type LogF = ReturnType<typeof logFormulas>;

/** Where everything is, fixed before any formula is written. */
function layout(m: TelehealthMetrics) {
  let r = 3;
  const take = (n: number) => {
    const at = r;
    r += n;
    return at;
  };
  const assumptions = take(1) + 1;
  take(7 + 1);
  const summary = take(2);
  const key = take(1) + 1;
  take(9 + 1);
  const change = take(1) + 1;
  take(8 + 1);
  const group = take(1) + 1;
  take(2 + 1);
  const danger = take(1) + 1;
  take(8 + 1);
  const modality = take(1) + 1;
  take(1 + MODALITY_ROWS.length + 2 + 1);
  const monthly = take(1) + 1;
  take(1 + Math.max(m.months.length, 1) + 1);
  const receipts = take(1) + 1;
  take(1 + Math.max(m.receipts.length, 1) + 1);
  const cms = take(1) + 1;
  take(1 + Math.max(m.cms.length, 1) + 1);
  const note = Math.max(r, monthly + 18);
  return { assumptions, summary, key, change, group, danger, modality, monthly, receipts, cms, note };
}

export function buildTelehealthPlan(input: TelehealthPlanInput): SheetPlan {
  const appts = input.appointments;
  const m = input.metrics ?? telehealthMetrics(appts, input.fees, input.assumptions);
  const at = layout(m);
  const F = logFormulas(appts.length, at.cms + 1, m.cms.length);
  const A = assumptionRefs(at.assumptions);
  const modal = modalityRefs(at.modality);
  const blocks: Block[] = [titleBlock(TELEHEALTH_SHEET_NAME), metaBlock(input.builtAt, input.source)];
  blocks.push(...assumptionBlocks(input, at.assumptions));
  const figures = figureRefs(at);
  blocks.push(...keyFigureBlocks(m, modal, A, at.key));
  blocks.push(...changeBlocks(m, F, A, at.change));
  blocks.push(...groupBlocks(m, A, figures, at.group));
  const monthly = monthlyBlocks(m, F, at.monthly);
  blocks.push(...dangerBlocks(m, F, A, figures, modal, monthly.wrvus, at.danger));
  blocks.push(...modalityBlocks(m, F, modal, at.modality));
  blocks.push(...monthly.blocks);
  blocks.push(...receiptBlocks(m, F, modal, at.receipts));
  blocks.push(sectionBlock("CMS work RVUs of this log's codes (national, each at the fee-schedule year of its last visit)", at.cms - 1));
  blocks.push(tableBlock([...TELEHEALTH_TABLES.cms], m.cms.map((c) => [c.code, c.wrvu, c.year]), at.cms, 0, ["@", FMT.number2, "0"]));
  const summary = managerSummary(m, input.assumptions, {
    ...figures, ...A, dates: F.L.date, teleCompleted: modal.cell(modal.tele, "Completed"),
  });
  blocks.push(...labelledBlocks([{ label: TELEHEALTH_LABELS.summary, value: summary }], at.summary, LABEL_COL, "labels"));
  blocks.push(noteBlock(NOTES, at.note));
  const inferred = [...(input.inferred ?? []), ...(m.unpricedCompleted > 0 ? [`${m.unpricedCompleted.toLocaleString("en-US")} completed ${m.unpricedCompleted === 1 ? "visit has" : "visits have"} no wRVU and no code in the CMS table: ${m.unpricedCompleted === 1 ? "it counts" : "they count"} 0 wRVUs.`] : [])];
  if (inferred.length > 0) {
    const row = at.note + NOTES.length + 2;
    blocks.push(sectionBlock("What ClinPay inferred from your export", row), { row: row + 1, col: 0, style: "note", cells: inferred.map((l) => [l]) });
  }
  blocks.push(...appointmentCopyBlocks(appts, COPY_HEADER_ROW, COPY_COL, input.releaseAppointments === true && input.metrics !== undefined));
  return { kind: "telehealth-scorecard", name: TELEHEALTH_SHEET_NAME, blocks, charts: [monthly.chart], columnWidths: widths() };
}

// ---------------------------------------------------------------------------------------------

function assumptionRefs(row: number) {
  const v = (i: number) => abs(row + i, VALUE_COL);
  return { CHG: v(0), GR: v(1), GW: v(2), FB: v(3), TGT: v(4), WC: v(5), DPW: v(6) };
}
export type AssumptionRefs = ReturnType<typeof assumptionRefs>;

function assumptionBlocks(input: TelehealthPlanInput, row: number): Block[] {
  const L = TELEHEALTH_LABELS;
  const a = input.assumptions;
  const items: Labelled[] = [
    { label: L.changeDate, value: a.changeDate, format: FMT.date },
    { label: L.groupNoShowRate, value: a.groupNoShowRate, format: FMT.percent },
    { label: L.groupWrvuPerVisit, value: a.groupWrvuPerVisit, format: FMT.number2 },
    { label: L.farBelow, value: a.farBelow, format: FMT.percent },
    { label: L.annualTarget, value: a.annualTarget, format: FMT.number },
    { label: L.writtenConcerns, value: a.writtenConcerns ? "yes" : "no" },
    { label: L.dollarsPerWrvu, value: a.dollarsPerWrvu, format: FMT.money2 },
  ];
  const side = (i: number, text: string): Block => ({ row: row + i, col: VALUE_COL + 1, style: "meta", cells: [[text]] });
  return [
    sectionBlock("Assumptions (type yours; a blank one leaves its figures blank and its condition no)", row - 1),
    ...labelledBlocks(items, row, LABEL_COL, "assumptions"),
    side(0, "the day a change started (e.g. day-before tech checks): telehealth before it against from it on"),
    side(1, "your group's telehealth no-show rate, if you have it"),
    side(2, "your group's wRVUs per telehealth visit, if you have it"),
    side(3, input.defaults?.farBelow ? "ClinPay's default: below the group by more than this share" : "below the group by more than this share"),
    side(4, "your contract's annual wRVU target, if any"),
    side(5, "yes or no: has anyone raised concerns in writing?"),
    side(6, input.defaults?.dollarsPerWrvu ? "ClinPay's default: type your contract's rate" : "your contract's $ per wRVU"),
  ];
}

/** The by-modality table's rows: each modality, then All telehealth and All. */
function modalityRefs(row: number) {
  const first = row + 1;
  const cell = (r: number, header: (typeof TELEHEALTH_TABLES.byModality)[number]) => abs(first + r, TELEHEALTH_TABLES.byModality.indexOf(header));
  const n = MODALITY_ROWS.length;
  const inPerson = MODALITY_ROWS.findIndex((x) => x.modality === "in_person");
  return { first, cell, tele: n, all: n + 1, inPerson, teleRows: MODALITY_ROWS.map((x, i) => (TELEHEALTH_MODALITIES.includes(x.modality!) ? i : -1)).filter((i) => i >= 0) };
}
type ModalRefs = ReturnType<typeof modalityRefs>;

function figureRefs(at: ReturnType<typeof layout>) {
  const v = (r: number) => abs(r, VALUE_COL);
  return {
    teleShare: v(at.key), teleRate: v(at.key + 1), ipRate: v(at.key + 2), teleW: v(at.key + 3), ipW: v(at.key + 4), gap: v(at.key + 5),
    behind: v(at.key + 6), dollars: v(at.key + 7), sysShare: v(at.key + 8),
    sb: v(at.change), nb: v(at.change + 1), sa: v(at.change + 2), na: v(at.change + 3), before: v(at.change + 4), after: v(at.change + 5), change: v(at.change + 6), p: v(at.change + 7),
    pSentence: abs(at.change + 7, VALUE_COL + 1),
    vsRate: v(at.group), vsW: v(at.group + 1),
    days: v(at.danger), annualized: v(at.danger + 1), monthsBelow: v(at.danger + 2),
    far: v(at.danger + 3), below: v(at.danger + 4), six: v(at.danger + 5), concerns: v(at.danger + 6), met: v(at.danger + 7),
  };
}
export type FigureRefs = ReturnType<typeof figureRefs>;

const rateOf = (num: string, den: string) => `IF(${den}=0,"",${num}/${den})`;

function modalityBlocks(m: TelehealthMetrics, F: LogF, R: ModalRefs, row: number): Block[] {
  const H = TELEHEALTH_TABLES.byModality;
  const c = (r: number, h: (typeof H)[number]) => R.cell(r, h);
  const allCompleted = c(R.all, "Completed");
  const row_ = (r: number, label: string, s: SubsetFigures, counts: { completed: string; noShows: string; system: string; wrvus: string }): PlanCell[] => {
    const [sched, ns, sys] = [c(r, "Scheduled"), c(r, "No-shows"), c(r, "System-caused no-shows")];
    return [
      label,
      f(`${c(r, "Completed")}+${ns}`, s.scheduled),
      f(counts.completed, s.completed),
      f(counts.noShows, s.noShows),
      f(rateOf(ns, sched), s.noShowRate),
      f(counts.system, s.systemNoShows),
      f(`IF(${sched}-${sys}=0,"",(${ns}-${sys})/(${sched}-${sys}))`, s.patientNoShowRate),
      f(counts.wrvus, s.wrvus),
      f(rateOf(c(r, "wRVUs"), c(r, "Completed")), s.wrvuPerVisit),
      f(rateOf(c(r, "Completed"), allCompleted), s.shareOfCompleted),
    ];
  };
  const rows: PlanCell[][] = MODALITY_ROWS.map((x, i) => {
    const g = F.modality(x.modality);
    return row_(i, x.label, m.byModality[i], { completed: F.count("completed", g), noShows: F.count("noShow", g), system: F.system(g), wrvus: F.wrvus(g) });
  });
  const sumOf = (idx: number[], h: (typeof H)[number]) => idx.map((i) => c(i, h)).join("+");
  const every = MODALITY_ROWS.map((_, i) => i);
  for (const [r, label, s, idx] of [[R.tele, ALL_TELEHEALTH, m.allTelehealth, R.teleRows], [R.all, ALL, m.all, every]] as const) {
    rows.push(row_(r, label, s, { completed: sumOf([...idx], "Completed"), noShows: sumOf([...idx], "No-shows"), system: sumOf([...idx], "System-caused no-shows"), wrvus: sumOf([...idx], "wRVUs") }));
  }
  return [
    sectionBlock("By modality (telehealth = video, audio, or remote of unknown kind; wRVUs of completed visits)", row - 1),
    tableBlock([...H], rows, row, 0, [undefined, FMT.number, FMT.number, FMT.number, FMT.percent, FMT.number, FMT.percent, FMT.number1, FMT.number2, FMT.percent]),
  ];
}

function keyFigureBlocks(m: TelehealthMetrics, R: ModalRefs, A: AssumptionRefs, row: number): Block[] {
  const L = TELEHEALTH_LABELS;
  const c = R.cell;
  const v = (i: number) => abs(row + i, VALUE_COL);
  const items: Labelled[] = [
    { label: L.teleShare, value: f(c(R.tele, "Share of completed"), m.teleShare), format: FMT.percent },
    { label: L.teleNoShowRate, value: f(c(R.tele, "No-show rate"), m.teleNoShowRate), format: FMT.percent },
    { label: L.inPersonNoShowRate, value: f(c(R.inPerson, "No-show rate"), m.inPersonNoShowRate), format: FMT.percent },
    { label: L.teleWrvuPerVisit, value: f(c(R.tele, "wRVU per completed visit"), m.teleWrvuPerVisit), format: FMT.number2 },
    { label: L.inPersonWrvuPerVisit, value: f(c(R.inPerson, "wRVU per completed visit"), m.inPersonWrvuPerVisit), format: FMT.number2 },
    { label: L.wrvuGap, value: f(`IF(OR(${v(3)}="",${v(4)}=""),"",${v(4)}-${v(3)})`, m.wrvuGap), format: FMT.number2 },
    { label: L.wrvusBehind, value: f(`IF(${v(5)}="","",${v(5)}*${c(R.tele, "Completed")})`, m.wrvusBehind), format: FMT.number1 },
    { label: L.dollarsBehind, value: f(`IF(${v(6)}="","",${v(6)}*${A.DPW})`, m.dollarsBehind), format: FMT.money },
    { label: L.systemShare, value: f(rateOf(c(R.tele, "System-caused no-shows"), c(R.tele, "No-shows")), m.systemShareOfTeleNoShows), format: FMT.percent },
  ];
  return [sectionBlock("Key figures (telehealth against in person)", row - 1), ...labelledBlocks(items, row, LABEL_COL, "labels")];
}

function changeBlocks(m: TelehealthMetrics, F: LogF, A: AssumptionRefs, row: number): Block[] {
  const L = TELEHEALTH_LABELS;
  const ch = m.change;
  const v = (i: number) => abs(row + i, VALUE_COL);
  const [sb, nb, sa, na, before, after] = [0, 1, 2, 3, 4, 5].map(v);
  const unlessBlank = (formula: string) => `IF(${A.CHG}="","",${formula})`;
  const side = (when: "<" | ">=") => `,${F.L.date},"${when}"&${A.CHG}`;
  const scheduled = (when: "<" | ">=") => unlessBlank(`${F.tele((g) => F.count("completed", g), side(when))}+${F.tele((g) => F.count("noShow", g), side(when))}`);
  const noShows = (when: "<" | ">=") => unlessBlank(F.tele((g) => F.count("noShow", g), side(when)));
  const pooled = `(${nb}+${na})/(${sb}+${sa})`;
  const z = `(${nb}/${sb}-${na}/${sa})/SQRT(${pooled}*(1-${pooled})*(1/${sb}+1/${sa}))`;
  const items: Labelled[] = [
    { label: L.scheduledBefore, value: f(scheduled("<"), ch?.scheduledBefore ?? null), format: FMT.number },
    { label: L.noShowsBefore, value: f(noShows("<"), ch?.noShowsBefore ?? null), format: FMT.number },
    { label: L.scheduledAfter, value: f(scheduled(">="), ch?.scheduledAfter ?? null), format: FMT.number },
    { label: L.noShowsAfter, value: f(noShows(">="), ch?.noShowsAfter ?? null), format: FMT.number },
    { label: L.before, value: f(unlessBlank(rateOf(nb, sb)), ch?.before ?? null), format: FMT.percent },
    { label: L.after, value: f(unlessBlank(rateOf(na, sa)), ch?.after ?? null), format: FMT.percent },
    { label: L.change, value: f(`IF(OR(${before}="",${after}=""),"",${after}-${before})`, ch?.change ?? null), format: FMT.percent },
    // The pooled two-proportion z-test, two-sided, as RATE_CHANGE_PVALUE computes it.
    { label: L.pValue, value: f(`IF(OR(${before}="",${after}=""),"",IF(OR(${pooled}=0,${pooled}=1),1,2*NORMSDIST(-ABS(${z}))))`, ch?.pValue ?? null), format: "0.000" },
  ];
  const p = v(7);
  const sentence = f(
    `IF(${A.CHG}="","",IF(${p}="",${strLit(changeSentence(null))},IF(${p}<0.05,${strLit(changeSentence(0))},${strLit(changeSentence(1))})))`,
    ch ? changeSentence(ch.pValue) : ""
  );
  return [
    sectionBlock("Before and after the change (telehealth visits: before = dated before Change started on)", row - 1),
    ...labelledBlocks(items, row, LABEL_COL, "labels"),
    { row: row + 7, col: VALUE_COL + 1, style: "plain", cells: [[sentence]] },
  ];
}

function groupBlocks(m: TelehealthMetrics, A: AssumptionRefs, x: FigureRefs, row: number): Block[] {
  const L = TELEHEALTH_LABELS;
  const items: Labelled[] = [
    { label: L.noShowVsGroup, value: f(`IF(OR(${A.GR}="",${x.teleRate}=""),"",${x.teleRate}-${A.GR})`, m.noShowVsGroup), format: FMT.percent },
    { label: L.wrvuVsGroup, value: f(`IF(OR(${A.GW}="",${A.GW}=0,${x.teleW}=""),"",(${x.teleW}-${A.GW})/${A.GW})`, m.wrvuVsGroup), format: FMT.percent },
  ];
  return [sectionBlock("Against the group (yours − group; wRVU as a share of the group's)", row - 1), ...labelledBlocks(items, row, LABEL_COL, "labels")];
}

function dangerBlocks(m: TelehealthMetrics, F: LogF, A: AssumptionRefs, x: FigureRefs, R: ModalRefs, monthWrvus: string, row: number): Block[] {
  const L = TELEHEALTH_LABELS;
  const d = m.danger;
  const items: Labelled[] = [
    { label: L.days, value: f(`IF(COUNT(${F.L.date})=0,"",MAX(${F.L.date})-MIN(${F.L.date})+1)`, d.days), format: FMT.number },
    { label: L.annualized, value: f(`IF(${x.days}="","",${R.cell(R.all, "wRVUs")}*365/${x.days})`, d.annualized), format: FMT.number },
    { label: L.monthsBelow, value: f(`IF(${A.TGT}="","",SUMPRODUCT(--(${monthWrvus}<${A.TGT}/12)))`, d.monthsBelow), format: FMT.number },
    { label: L.farBelowPeers, value: f(`IF(OR(${A.GW}="",${x.teleW}=""),${no},IF(${x.teleW}<${A.GW}*(1-${A.FB}),${yes},${no}))`, d.farBelow) },
    { label: L.belowTarget, value: f(`IF(OR(${A.TGT}="",${x.annualized}=""),${no},IF(${x.annualized}<${A.TGT},${yes},${no}))`, d.belowTarget) },
    { label: L.sixMonths, value: f(`IF(${x.monthsBelow}="",${no},IF(${x.monthsBelow}>=6,${yes},${no}))`, d.sixMonths) },
    { label: L.concerns, value: f(`IF(${A.WC}=${yes},${yes},${no})`, d.concerns) },
    { label: L.met, value: f(`COUNTIF(${absRange(row + 3, VALUE_COL, row + 6, VALUE_COL)},${yes})`, d.met), format: FMT.number },
  ];
  const sentence = f(`IF(${x.met}=4,${strLit(dangerSentence(4))},"Not in the danger zone: "&${x.met}&" of the 4 conditions hold, and all four must.")`, dangerSentence(d.met));
  return [
    sectionBlock("The danger zone: far below peers AND below target AND for 6+ months AND written concerns", row - 1),
    ...labelledBlocks(items, row, LABEL_COL, "labels"),
    { row: row + 7, col: VALUE_COL + 1, style: "plain", cells: [[sentence]] },
  ];
}

function monthlyBlocks(m: TelehealthMetrics, F: LogF, row: number): { blocks: Block[]; chart: ChartPlan; wrvus: string } {
  const H = TELEHEALTH_TABLES.monthly;
  const first = row + 1;
  const col = (h: (typeof H)[number]) => H.indexOf(h);
  const rows: PlanCell[][] = m.months.map((mo, i) => {
    const r = first + i;
    const month = abs(r, 0);
    const c = (h: (typeof H)[number]) => abs(r, col(h));
    const within = F.inMonth(month);
    const ip = F.modality("in_person") + within;
    return [
      mo.month,
      f(`${F.tele((g) => F.count("completed", g), within)}+${c("Telehealth no-shows")}`, mo.teleScheduled),
      f(rateOf(c("Telehealth no-shows"), c("Telehealth scheduled")), mo.teleNoShowRate),
      f(`${F.count("completed", ip)}+${c("In-person no-shows")}`, mo.inPersonScheduled),
      f(rateOf(c("In-person no-shows"), c("In-person scheduled")), mo.inPersonNoShowRate),
      f(F.wrvus(within), mo.wrvus),
      f(F.tele((g) => F.count("noShow", g), within), mo.teleNoShows),
      f(F.count("noShow", ip), mo.inPersonNoShows),
    ];
  });
  const last = first + Math.max(rows.length, 1) - 1;
  const chart: ChartPlan = {
    type: "line",
    title: "No-show rate by month: telehealth and in person",
    categoriesRef: absRange(first, 0, last, 0),
    series: [col("Telehealth no-show rate"), col("In-person no-show rate")].map((c) => ({ nameRef: abs(row, c), valuesRef: absRange(first, c, last, c) })),
    at: { row: row - 1, col: CHART_COL, width: 7, height: 16 },
    yAxisTitle: "No-show rate",
    valueFormat: "0%",
  };
  return {
    blocks: [
      sectionBlock("Month by month (telehealth and in person; wRVUs of every completed visit)", row - 1),
      tableBlock([...H], rows, row, 0, [MONTH_FMT, FMT.number, FMT.percent, FMT.number, FMT.percent, FMT.number1, FMT.number, FMT.number]),
    ],
    chart,
    wrvus: absRange(first, col("wRVUs"), last, col("wRVUs")),
  };
}

function receiptBlocks(m: TelehealthMetrics, F: LogF, R: ModalRefs, row: number): Block[] {
  const L = F.L;
  const first = row + 1;
  const systemTele = `((${L.status}="no_show")+(${L.status}="late_cancel"))*(${L.cause}="system")*(${TELEHEALTH_MODALITIES.map((x) => `(${L.visitType}=${strLit(x)})`).join("+")})`;
  const rows: PlanCell[][] = m.receipts.map((r, i) => {
    const rr = first + i;
    const label = abs(rr, 0);
    const count = abs(rr, 1);
    if (r.other > 0) {
      return [otherLabel(r.other, "reasons"), f(`${R.cell(R.tele, "System-caused no-shows")}-SUM(${absRange(first, 1, rr - 1, 1)})`, r.count), null, null];
    }
    // Compared by "=" against the label cell: exact text with case ignored, never a wildcard.
    const match = r.reason === "" ? `(${L.reason}="")` : r.prefix ? `(LEFT(${L.reason},${LONG_TEXT})=LEFT(${label},${LONG_TEXT}))` : `(${L.reason}=${label})`;
    const cond = `${systemTele}*${match}`;
    return [
      r.reason === "" ? NO_REASON : r.prefix ? `${r.reason}…` : r.reason,
      f(`SUMPRODUCT(${cond})`, r.count),
      // The earliest matching date: the count-th largest of the matching dates and the zeros of the rest.
      f(`IF(${count}=0,"",SUMPRODUCT(LARGE(${cond}*${L.date},${count})))`, r.first),
      f(`IF(${count}=0,"",SUMPRODUCT(MAX(${cond}*${L.date})))`, r.last),
    ];
  });
  return [
    sectionBlock("Receipts: system-caused telehealth no-shows by reason (what the practice's systems cost you)", row - 1),
    tableBlock([...TELEHEALTH_TABLES.receipts], rows, row, 0, [undefined, FMT.number, FMT.date, FMT.date]),
  ];
}

function widths(): number[] {
  const w: number[] = [];
  w[0] = 40;
  for (let c = 1; c <= 9; c++) w[c] = 15;
  w[10] = 3;
  appointmentCopyWidths(w, COPY_COL);
  return w;
}

const NOTES = [
  "Telehealth is every visit whose modality is video, audio or telehealth (a remote visit of unknown kind); modality comes from the log's visit_type, else its modifiers (95, GT, GQ: video; 93, FQ: audio) or place of service (02, 10: telehealth).",
  "Each row of By modality counts as RVU Leakage does: Scheduled = completed + no-shows (cancelled with notice is not counted); No-shows = no_show and late_cancel; Patient no-show rate takes the system-caused no-shows out of both counts. wRVUs are completed visits' wRVUs: the log's wrvu, else the CMS work RVU of the code × units (the CMS block below), else 0.",
  "The gap per visit is in person − telehealth: what each telehealth visit earns less. wRVUs behind in-person pace = that gap × your completed telehealth visits, and Dollars behind prices it at $ per wRVU.",
  "Before and after compares telehealth visits dated before Change started on with those from it on. The p-value is the pooled two-proportion z-test, two-sided (CLINPAY.RATE_CHANGE_PVALUE): below 0.05 the change is unlikely to be chance; above it, the numbers are too few or the change too small to tell.",
  "The danger zone is all four at once: wRVU per telehealth visit far below the group's, annualized wRVUs (wRVUs × 365 ÷ the log's days) below the annual target, at least 6 months (from the log's first month to its last) under a twelfth of the target, and concerns in writing. A condition whose input is blank is no. Fewer than four means the worry, not the danger.",
  "Every figure is a live formula over the log copied at the right (from column T) and the Assumptions: type a date, a group rate or a target and everything follows, with or without the add-in.",
];
