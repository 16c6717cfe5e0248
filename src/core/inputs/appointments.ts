/**
 * The appointment log as clinicians' systems export it (SPEC §2 "Reading real exports" and
 * "Reading real exports, more"): the header found among the first rows, report furniture left
 * out, columns by alias, contained alias, values or a provider word, one date order per column,
 * statuses, causes and modalities by their many words (and words inside a type or a reason),
 * several codes in a cell, a provider choice, and a mapping file for the rest.
 *
 * Three passes over the rows: prepareExport decides the columns and the date order; a survey
 * reads the providers; readRows reads each cell and the words are classified here, so a word
 * ClinPay does not know is one problem per distinct value — never one per row. What ClinPay
 * inferred rather than read is returned in `inferred`, for the summary and the sheet's notes.
 */
import type { Appointment, AppointmentStatus, Modality, Problem, RawTable } from "./types";
import { cellText, custom, date, headerKey, nonNegative, number, readRows, text, throwIfProblems, type Row, type Schema } from "../table";
import type { DateOrder, OrderAdvice } from "../date-cells";
import type { DateOrderChoice } from "../exports/date-order";
import { APPOINTMENT_ALIASES, AUDIO_MODIFIERS, DEFAULT_LATE_CANCEL_HOURS, ENCOUNTER_ALIASES, FLAG_COLUMNS, NOT_ENCOUNTER_WORDS, NOT_MODIFIER_WORDS, NOT_VISIT_DATE_WORDS, NOT_VISIT_STATUS_WORDS, TELEHEALTH_POS, VIDEO_MODIFIERS, type StatusWord } from "../exports/vocab";
import { MappingLookup, unusedLineWarnings, type ExportMapping } from "../exports/mapping";
import { codeCell, feeKey, splitCodes, splitModifiers } from "../exports/codes";
import { prepareExport, readingNotes, specOf, type PreparedExport } from "../exports/prepare";
import type { ColumnSpec } from "../exports/recognise";
import { addCounts, type FurnitureCounts } from "../exports/furniture";
import { ProviderTally, chooseProvider, type ProviderCount } from "./providers";
import { dateSpanProblems } from "./date-span";
import { WordReader, isStatusWord, modalityWordOf, type Lookups } from "./appointment-words";
import { coverageProblem, UnreadColumns } from "./coverage";
import type { FeeSchedule } from "../fee-schedule";
import { summedWrvu } from "../wrvu";

export interface LogOptions {
  mapping?: ExportMapping;
  /** A provider's name (matched ignoring case), or "all"; needed when the log has several. */
  provider?: string;
  /** One --provider serves two files (the Pay Audit): it binds only a file naming several providers. */
  providerShared?: boolean;
  /** One --date-order serves two files (the Pay Audit): it binds only a date column its own dates do not decide. */
  dateOrderShared?: boolean;
  /** How messages name the date order's setting (the Pay Audit's --mine-date-order). */
  orderAdvice?: OrderAdvice;
  /** A cancel with less notice than this counts as a late cancel (default 24). */
  lateCancelHours?: number;
  /** The modality of every row that has none (`--visit-type`; a telehealth platform's export is all video). */
  visitType?: Modality;
  /** How slash and dot dates are read, overriding what the column says (`--date-order`). */
  dateOrder?: DateOrder;
  /** The CMS fee schedule: a cell of several codes gets the sum of their wRVUs. */
  fees?: FeeSchedule;
  /** The RVU year that sum is priced in (SPEC §3); absent = each row's own table year. */
  rvuYear?: number | null;
  /** Read the encounter id column too (the Pay Audit matches services by it). */
  encounter?: boolean;
  /** The Telehealth Scorecard's rule: stop when over 5% of scheduled rows have no modality. */
  requireModality?: boolean;
}

/** What ClinPay inferred rather than read, said in the summary, the pane and the sheet. */
export interface LogInference {
  /** Rows left out as not yet happened (scheduled, confirmed, …). */
  notYet: number;
  /** Cancels counted as late cancels because their notice was under the window. */
  lateByLeadTime: number;
  lateCancelHours: number;
  modalityFromModifiers: number;
  modalityFromPos: number;
  /** Rows whose modality came from words inside a type ("TELEHEALTH VIDEO"), and from --visit-type. */
  modalityFromTypeWords: number;
  modalityFromFlag: { modality: Modality; rows: number } | null;
  /** Visit types with no modality word, read as blank: each once with its count. */
  unknownModality: { value: string; count: number }[];
  /** Rows whose code cell carried modifiers (`99214-95`). */
  modifiersInCode: number;
  /** Rows whose code cell went on with a description ("99214 - Office visit est"). */
  describedCodes: number;
  /** Rows whose code cell held several codes (`99214, G2211`), and those summed from the CMS table. */
  severalCodes: number;
  /** Codes of such cells the CMS table lacks (counted 0). */
  unpricedAddOns: string[];
  /** Rows a status word made system-caused no-shows ("Connection failed"). */
  systemByStatus: number;
  /** No-shows of a log with no cause_type column whose status or reason had no system word: patient-caused by default.
   *  (In a log with the column, a blank cell means patient: SPEC §2.) */
  causeByDefault: number;
  /** Cancelled rows a reason made late cancels or no-shows, with the words. */
  byReason: { as: "late_cancel" | "no_show"; words: string; rows: number }[];
  /** Rows a reason made system-caused (no cause given), with the words. */
  systemByReason: { words: string; rows: number }[];
  /** ClinPay column → the export header it was read from, where the two differ. */
  columnsRead: { column: string; header: string }[];
  /** How the export was read: header row, recognised columns, date order, furniture (sentences). */
  reading: string[];
  /** Kept for the pane's older field; always null now that types are read by their words. */
  visitTypeSetAside: { header: string; values: string[] } | null;
  /** Status came from kept / no show / canceled flag columns. */
  statusFromFlags: boolean;
  /** The provider chosen of several ("all" when combined), and how many there were. */
  provider: { chosen: string; of: number } | null;
}

export interface AppointmentLog {
  appointments: Appointment[];
  inferred: LogInference;
  /** Said but not stopping the build (a mapping line that matched nothing). */
  warnings: string[];
  providers: ProviderCount[];
  /** How the date column's order was decided (the Pay Audit questions a default that matches little). */
  dateOrder: DateOrderChoice | null;
}

const yesNoText = (name: string, aliases: readonly string[]) => text(name, { default: "", aliases });


// Dates are asked for as YYYY-MM-DD only: a slash date typed to fix one row could change how the whole column is read.
const DATE_HINT = "if this row is a total, subtotal or another line of the report, delete it; if it is an appointment, type its date as YYYY-MM-DD, e.g. 2026-01-31";

/** The encounter id column, for readers asked to read it. */
export const encounterColumn = () => text("encounter_id", { default: "", aliases: ENCOUNTER_ALIASES });

export function schemaFor(flagsInsteadOfStatus: boolean, withEncounter = false) {
  const A = APPOINTMENT_ALIASES;
  return {
    ...(withEncounter ? { encounter: encounterColumn() } : {}),
    date: date<number>("date", { aliases: A.date, hint: DATE_HINT }),
    status: flagsInsteadOfStatus
      ? text("status", { default: "", aliases: A.status })
      : text("status", { aliases: A.status, hint: "type completed, no_show, late_cancel or cancelled" }),
    reason: text("reason", { default: "", aliases: A.reason }),
    causeType: text("cause_type", { default: "", aliases: A.causeType }),
    code: custom<string, string>("code", codeCell, { default: "", aliases: A.code, hint: "" }),
    modifier: text("modifier", { default: "", aliases: A.modifier }),
    units: nonNegative("units", { default: 1, aliases: A.units, example: "1" }),
    wrvu: number<null>("wrvu", { default: null, aliases: A.wrvu, min: 0, example: "1.92" }),
    visitType: text("visit_type", { default: "", aliases: A.visitType }),
    pos: custom<string, string>("pos", (v) => (typeof v === "number" ? String(v).padStart(2, "0") : cellText(v).trim().padStart(2, "0")), { default: "", aliases: A.pos, hint: "" }),
    provider: text("provider", { default: "", aliases: A.provider }),
    cancelLeadHours: number<null>("cancel_lead_hours", { default: null, aliases: A.cancelLeadHours, example: "48" }),
    kept: yesNoText("kept", FLAG_COLUMNS.kept),
    noShow: yesNoText("no_show", FLAG_COLUMNS.noShow),
    canceled: yesNoText("canceled", FLAG_COLUMNS.canceled),
  } satisfies Schema;
}

type Columns = ReturnType<typeof schemaFor>;

/** What only the log reader knows about its columns: which are recognised by values, which by exact name only. */
export function logSpecs(schema: Schema): ColumnSpec[] {
  const more: Record<string, Partial<ColumnSpec>> = {
    date: { byValues: "date", notWith: NOT_VISIT_DATE_WORDS },
    status: { byValues: "status", notWith: NOT_VISIT_STATUS_WORDS },
    code: { byValues: "code", containedNeedsValues: true },
    modifier: { notWith: NOT_MODIFIER_WORDS },
    visitType: { byValues: "visit_type", valuesMustDiffer: true },
    provider: { provider: true },
    reason: { notWith: ["visit", "chief", "complaint", "referral", "exam"] },
    encounter: { notWith: NOT_ENCOUNTER_WORDS },
    kept: { exactOnly: true },
    noShow: { exactOnly: true },
    canceled: { exactOnly: true },
  };
  return Object.entries(schema).map(([key, col]) => specOf(key, col, more[key]));
}

const headerKeys = (t: RawTable) => new Set(t.headers.map((h) => headerKey(cellText(h))));
const anyOf = (keys: Set<string>, names: readonly string[]) => names.some((n) => keys.has(headerKey(n)));

/** A log without a status column but with kept / no show / canceled flags (NextGen); `column` map lines count. */
export function usesFlags(t: RawTable, mapping?: ExportMapping): boolean {
  const keys = headerKeys(t);
  for (const l of mapping?.lines ?? []) if (l.what === "column" && keys.has(headerKey(l.from))) keys.add(headerKey(l.to));
  if (anyOf(keys, ["status", ...APPOINTMENT_ALIASES.status])) return false;
  return anyOf(keys, FLAG_COLUMNS.noShow) || anyOf(keys, FLAG_COLUMNS.kept) || anyOf(keys, FLAG_COLUMNS.canceled);
}

/** Which ClinPay column each export header was read as, where the names differ. */
export function columnsRead(schema: Schema, headers: Record<string, string | undefined>): LogInference["columnsRead"] {
  const out: LogInference["columnsRead"] = [];
  for (const [key, header] of Object.entries(headers)) {
    if (header !== undefined && schema[key] && headerKey(header) !== headerKey(schema[key].name)) out.push({ column: schema[key].name, header });
  }
  return out;
}

const YES = new Set(["yes", "y", "true", "1", "x"]);
const isYes = (s: string) => YES.has(s.trim().toLowerCase());

/** A modality from modifiers, else from the place of service (SPEC §2). */
function modalityOf(modifiers: readonly string[], pos: string): { modality: Modality | null; from: "modifier" | "pos" | null } {
  if (modifiers.some((m) => VIDEO_MODIFIERS.includes(m))) return { modality: "video", from: "modifier" };
  if (modifiers.some((m) => AUDIO_MODIFIERS.includes(m))) return { modality: "audio", from: "modifier" };
  if (pos !== "") return { modality: TELEHEALTH_POS.includes(pos) ? "telehealth" : "in_person", from: "pos" };
  return { modality: null, from: null };
}

export function lookupsOf(mapping: ExportMapping | undefined): Lookups {
  return {
    column: new MappingLookup(mapping, "column"),
    status: new MappingLookup(mapping, "status"),
    cause_type: new MappingLookup(mapping, "cause_type"),
    visit_type: new MappingLookup(mapping, "visit_type"),
  };
}

/** The columns decided and the date order, for a log (the mapping view and inspect read the same way). */
export function prepareLog(input: RawTable, opts: LogOptions, lookups: Lookups) {
  const flags = usesFlags(input, opts.mapping);
  const schema = schemaFor(flags, opts.encounter === true);
  const prepared = prepareExport(input, logSpecs(schema), {
    mapping: opts.mapping,
    columnLookup: lookups.column,
    dateOrder: opts.dateOrder,
    dateOrderWhereUndecided: opts.dateOrderShared,
    orderAdvice: opts.orderAdvice,
    tests: { status: (t) => isStatusWord(t, lookups), visit_type: (t) => modalityWordOf(t, lookups) },
  });
  return { flags, schema, prepared };
}

interface RowRules {
  flags: boolean;
  hasCause: boolean;
  lateHours: number;
  visitType: Modality | undefined;
  keep(provider: string): boolean;
  words: WordReader;
  fees: FeeSchedule | undefined;
  rvuYear: number | null | undefined;
  encounter: boolean;
  inferred: LogInference;
  tally: RowTally;
}

/** Counts behind the notes that need words: causes and late cancels read from reasons. */
class RowTally {
  readonly byReason = new Map<string, { as: "late_cancel" | "no_show"; words: string; rows: number }>();
  readonly systemByReason = new Map<string, { words: string; rows: number }>();
  readonly unpriced = new Set<string>();
}

/** The fee keys of a cell's codes (`99214, G2211`): the first with the row's modifiers, each further one with its own. */
export function cellCodes(cell: string, modifierCell: string) {
  const codes = cell === "" ? [] : splitCodes(cell);
  const first = codes[0] ?? { code: "", modifiers: [] as string[] };
  const modifiers = modifierCell === "" ? first.modifiers : [...first.modifiers, ...splitModifiers(modifierCell)];
  const key = first.code === "" ? null : feeKey(first.code, modifiers);
  const addOns = codes.slice(1).map((c) => feeKey(c.code, c.modifiers));
  return { key, modifiers, addOns, inCode: codes.some((c) => c.modifiers.length > 0), described: codes.some((c) => c.described === true) };
}

/** A cell's codes → the first code's fee key, the row's modifiers and, for several codes, their summed wRVU. */
function codesOf(cell: string, modifierCell: string, units: number, date: number | null, rules: Pick<RowRules, "fees" | "rvuYear"> | undefined, unpriced: Set<string>) {
  const c = cellCodes(cell, modifierCell);
  const several = c.addOns.length > 0;
  const summed = several && rules?.fees ? summedWrvu([c.key!, ...c.addOns], units, rules.fees, unpriced, date, rules.rvuYear) : null;
  return { ...c, several, summed };
}

/** The row's status, with what flags, reasons and lead times made of it. */
function statusOf(r: Row<Columns>, rules: RowRules): { status: StatusWord; cause: "patient" | "system" } | undefined {
  const { words, inferred, tally } = rules;
  let status: StatusWord | undefined;
  let cause: "patient" | "system" | null = null;
  // The cause is read first, so an unknown status and an unknown cause on one row are both said.
  const given = r.causeType === "" ? null : words.cause(r.causeType, r.row);
  if (rules.flags) status = isYes(r.noShow) ? "no_show" : isYes(r.canceled) ? "cancelled" : isYes(r.kept) ? "completed" : "not_yet";
  else if (r.status) {
    const meaning = words.status(r.status, r.row); // blank: already a problem
    if (!meaning) return undefined;
    status = meaning.status;
    cause = meaning.cause;
    if (meaning.systemStatus && r.ok) inferred.systemByStatus++;
  }
  if (status === undefined || given === undefined) return undefined;
  const reason = r.reason === "" ? null : words.reason(r.reason);
  if (status === "cancelled" && reason?.cancelledAs && r.ok) {
    status = reason.cancelledAs;
    const k = `${status}\u0000${reason.lateWords}`;
    const t = tally.byReason.get(k);
    if (t) t.rows++;
    else tally.byReason.set(k, { as: reason.cancelledAs, words: reason.lateWords!, rows: 1 });
  }
  if (status === "cancelled" && r.cancelLeadHours !== null && r.cancelLeadHours < rules.lateHours) {
    status = "late_cancel";
    if (r.ok) inferred.lateByLeadTime++;
  }
  if (cause === null) cause = given;
  // A cause matters only for a no-show: the notes count the rows it changed, as the figures do.
  if (cause === null && reason?.systemWord && (status === "no_show" || status === "late_cancel")) {
    cause = "system";
    if (r.ok) {
      const t = tally.systemByReason.get(reason.systemWord);
      if (t) t.rows++;
      else tally.systemByReason.set(reason.systemWord, { words: reason.systemWord, rows: 1 });
    }
  }
  if (cause === null && !rules.hasCause && (status === "no_show" || status === "late_cancel") && r.ok) inferred.causeByDefault++;
  return { status, cause: cause ?? "patient" };
}

/** The row's modality: its visit type (or a word inside it), else modifiers and POS, else --visit-type. */
function modalityOfRow(r: Row<Columns>, modifiers: string[], rules: RowRules) {
  let modality: Modality | null = null;
  let from: "type" | "words" | "modifier" | "pos" | "flag" | null = null;
  if (r.visitType !== "") {
    const m = rules.words.modality(r.visitType);
    if (m.modality) [modality, from] = [m.modality, m.inside ? "words" : "type"];
  }
  if (modality === null) ({ modality, from } = modalityOf(modifiers, r.pos));
  if (modality === null && rules.visitType) [modality, from] = [rules.visitType, "flag"];
  return { modality, from };
}

/** One parsed row → its appointment (or nothing: another provider's, not yet happened, or a row with problems), counting what was inferred. */
function appointmentMaker(rules: RowRules, out: Appointment[]): (r: Row<Columns>) => void {
  const { inferred } = rules;
  return (r) => {
    if (!rules.keep(r.provider)) return;
    const read = statusOf(r, rules);
    // A row with a bad cell is not kept, and its date may be no date at all: its codes are not priced.
    const codes = codesOf(r.code, r.modifier, r.units, r.ok ? r.date : null, r.ok ? rules : undefined, rules.tally.unpriced);
    const { modality, from } = modalityOfRow(r, codes.modifiers, rules);
    if (!r.ok || read === undefined) return;
    const status = read.status;
    if (status === "not_yet") {
      inferred.notYet++;
      return;
    }
    if (codes.inCode) inferred.modifiersInCode++;
    if (codes.described) inferred.describedCodes++;
    if (codes.several) inferred.severalCodes++;
    if (from === "modifier") inferred.modalityFromModifiers++;
    if (from === "pos") inferred.modalityFromPos++;
    if (from === "words") inferred.modalityFromTypeWords++;
    if (from === "flag") inferred.modalityFromFlag!.rows++;
    out.push({
      row: r.row,
      date: r.date,
      status: status as AppointmentStatus,
      reason: r.reason,
      causeType: read.cause,
      code: codes.key,
      modifiers: codes.modifiers.join(" "),
      units: r.units,
      wrvu: r.wrvu ?? codes.summed,
      ...(codes.several ? { addOns: codes.addOns } : {}),
      ...(r.wrvu === null && codes.summed !== null ? { summed: true } : {}),
      ...(rules.encounter ? { encounter: (r as Row<Columns> & { encounter?: string }).encounter ?? "" } : {}),
      visitType: modality,
      provider: r.provider,
    });
  };
}

function emptyInference(flags: boolean, lateHours: number, visitType: Modality | undefined): LogInference {
  return {
    notYet: 0, lateByLeadTime: 0, lateCancelHours: lateHours, modalityFromModifiers: 0, modalityFromPos: 0, modalityFromTypeWords: 0,
    modalityFromFlag: visitType ? { modality: visitType, rows: 0 } : null, unknownModality: [], modifiersInCode: 0, describedCodes: 0, severalCodes: 0,
    unpricedAddOns: [], systemByStatus: 0, causeByDefault: 0, byReason: [], systemByReason: [], columnsRead: [], reading: [], visitTypeSetAside: null,
    statusFromFlags: flags, provider: null,
  };
}

/** The providers, read before any row is kept (furniture left out), and the other columns' values for the coverage message. */
function surveyLog(p: PreparedExport, schema: Columns, rowNoun: string, withUnread: boolean) {
  const providers = new ProviderTally();
  const unread = new UnreadColumns(p.table, Object.values(p.columns));
  readRows(p.table, { provider: schema.provider }, {
    rowNoun,
    columns: p.columns,
    furniture: p.furniture,
    onRow: (r) => providers.add(r.provider),
    onCells: withUnread ? (cells) => unread.add(cells) : undefined,
  });
  return { providers: providers.providers(), unread };
}

/** Reads, classifies and checks the appointment log. Throws InputError listing every problem. */
export function readAppointmentLog(input: RawTable, opts: LogOptions = {}): AppointmentLog {
  const lookups = lookupsOf(opts.mapping);
  const { flags, schema, prepared } = prepareLog(input, opts, lookups);
  const t = prepared.table;
  const rowNoun = "booked appointment";
  const read0 = { rowNoun, columns: prepared.columns, furniture: prepared.furniture, dateOrder: prepared.dateOrder?.order, hints: prepared.recognised.hints, orderAdvice: opts.orderAdvice };
  // Without a date or a status (nor flags) no row can be read: say that alone.
  if (prepared.columns.date === undefined || (!flags && prepared.columns.status === undefined)) {
    throwIfProblems([...prepared.problems, ...readRows(t, schema, read0).problems]);
  }
  throwIfProblems(prepared.problems);
  const survey = surveyLog(prepared, schema, rowNoun, !!opts.requireModality);
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const lateHours = opts.lateCancelHours ?? DEFAULT_LATE_CANCEL_HOURS;
  const inferred = emptyInference(flags, lateHours, opts.visitType);
  const picked = chooseProvider(survey.providers, opts.provider, t.source, problems, opts.providerShared);
  if (picked.chosen !== null) inferred.provider = { chosen: picked.chosen, of: picked.providers.length };
  if (picked.warning) warnings.push(picked.warning);

  const words = new WordReader(lookups, t.source);
  const appointments: Appointment[] = [];
  const tally = new RowTally();
  const rules: RowRules = { flags, hasCause: prepared.columns.causeType !== undefined, lateHours, visitType: opts.visitType, keep: picked.keep, words, fees: opts.fees, rvuYear: opts.rvuYear, encounter: opts.encounter === true, inferred, tally };
  const read = readRows(t, schema, { ...read0, release: t.transient, onRow: appointmentMaker(rules, appointments) });
  const furniture: FurnitureCounts = {};
  addCounts(furniture, read.furniture);
  inferred.columnsRead = columnsRead(schema, read.headers);
  inferred.reading = readingNotes(prepared, furniture);
  inferred.byReason = [...tally.byReason.values()];
  inferred.systemByReason = [...tally.systemByReason.values()];
  inferred.unpricedAddOns = [...tally.unpriced];
  inferred.unknownModality = [...words.unknownModality.values()].sort((a, b) => b.count - a.count);
  problems.push(...read.problems, ...words.unknown.problems(), ...dateSpanProblems(appointments, t.source, read.headers.date ?? "date"));
  if (opts.requireModality && problems.length === 0) {
    const cover = coverageProblem(appointments, t.source, { visitTypeHeader: read.headers.visitType, unknown: inferred.unknownModality, unread: survey.unread });
    if (cover) problems.push(cover);
  }
  // In row order, as the file reads (sort is stable: a row's problems keep their order).
  throwIfProblems(problems.sort((a, b) => a.row - b.row));
  if (opts.mapping) {
    const unused = Object.values(lookups).flatMap((l) => l.unused());
    warnings.push(...unusedLineWarnings(opts.mapping.source || "the mapping", unused));
  }
  return { appointments, inferred, warnings, providers: picked.providers, dateOrder: prepared.dateOrder };
}

/** The appointments alone, for callers that need no inference (tests, property checks). */
export function parseAppointments(t: RawTable, opts: LogOptions = {}): Appointment[] {
  return readAppointmentLog(t, opts).appointments;
}
