/**
 * The appointment log as clinicians' systems export it (SPEC §2 "Reading real exports"):
 * headers by alias, statuses, causes and modalities by their many words, codes with modifiers,
 * flag columns instead of a status, a provider choice, and a mapping file for the rest.
 *
 * Two passes: readRows reads each cell's text (dates and numbers checked per cell), then the
 * words are classified here, so a word ClinPay does not know is one problem per distinct value
 * with its count and first rows — never one per row of a 100,000-row export. What ClinPay
 * inferred rather than read is returned in `inferred`, for the summary and the sheet's notes.
 */
import type { Appointment, AppointmentStatus, Modality, Problem, RawTable, RawValue } from "./types";
import { CellError, cellText, custom, date, headerKey, nonNegative, number, readRows, text, throwIfProblems, type Row, type Schema } from "../table";
import {
  APPOINTMENT_ALIASES, AUDIO_MODIFIERS, CAUSE_CHOICES, CAUSE_INDEX, DEFAULT_LATE_CANCEL_HOURS, FLAG_COLUMNS,
  MODALITY_CHOICES, MODALITY_INDEX, STATUS_CHOICES, STATUS_INDEX, TELEHEALTH_POS, VIDEO_MODIFIERS, vocabKey,
  type StatusWord,
} from "../exports/vocab";
import { MappingLookup, mapHeaders, unusedLineWarnings, type ExportMapping, type MappedValue } from "../exports/mapping";
import { feeKey, splitCode, splitModifiers } from "../exports/codes";
import { UnknownValues } from "./unknown-values";
import { ProviderTally, chooseProvider, type ProviderCount } from "./providers";
import { dateSpanProblems } from "./date-span";

export interface LogOptions {
  mapping?: ExportMapping;
  /** A provider's name (matched ignoring case), or "all"; needed when the log has several. */
  provider?: string;
  /** A cancel with less notice than this counts as a late cancel (default 24). */
  lateCancelHours?: number;
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
  /** Rows whose code cell carried modifiers (`99214-95`). */
  modifiersInCode: number;
  /** ClinPay column → the export header it was read from, where the two differ. */
  columnsRead: { column: string; header: string }[];
  /** A visit_type column of appointment types, set aside: its header and distinct values. */
  visitTypeSetAside: { header: string; values: string[] } | null;
  /** Status came from kept / no show / canceled flag columns. */
  statusFromFlags: boolean;
  /** The provider chosen of several ("all" when combined), and how many there were. */
  provider: { chosen: string; of: number } | null;
}

export interface AppointmentLog {
  appointments: Appointment[];
  inferred: LogInference;
  /** Said but not stopping the build (a mapping line that matched nothing, a column set aside). */
  warnings: string[];
  providers: ProviderCount[];
}

const yesNoText = (name: string, aliases: readonly string[]) => text(name, { default: "", aliases });

function codeCell(v: RawValue): string | CellError {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v.trim();
  return new CellError("is not a billing code: type a CPT/HCPCS code such as 99214 or G2211, or leave it blank");
}

export function schemaFor(flagsInsteadOfStatus: boolean) {
  const A = APPOINTMENT_ALIASES;
  return {
    date: date<number>("date", { aliases: A.date, hint: "type the appointment's date, e.g. 2025-01-31 or 1/31/2025" }),
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

const headerKeys = (t: RawTable) => new Set(t.headers.map((h) => headerKey(cellText(h))));
const anyOf = (keys: Set<string>, names: readonly string[]) => names.some((n) => keys.has(headerKey(n)));

/** A log without a status column but with kept / no show / canceled flags (NextGen). */
export function usesFlags(t: RawTable): boolean {
  const keys = headerKeys(t);
  if (anyOf(keys, ["status", ...APPOINTMENT_ALIASES.status])) return false;
  return anyOf(keys, FLAG_COLUMNS.noShow) || anyOf(keys, FLAG_COLUMNS.kept) || anyOf(keys, FLAG_COLUMNS.canceled);
}

/** Which ClinPay column each export header was read as, where the names differ. */
function columnsRead(schema: Columns, headers: Partial<Record<keyof Columns, string>>): LogInference["columnsRead"] {
  const out: LogInference["columnsRead"] = [];
  for (const [key, header] of Object.entries(headers) as [keyof Columns, string][]) {
    if (headerKey(header) !== headerKey(schema[key].name)) out.push({ column: schema[key].name, header });
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

/**
 * A visit_type column is read as modalities only when most of its non-blank rows hold modality
 * words (or mapped values); an export's appointment types ("FOLLOW UP") are set aside instead.
 */
export function visitTypeIsModality(values: readonly string[], mapped: MappingLookup): boolean {
  let known = 0;
  let filled = 0;
  for (const v of values) {
    if (v === "") continue;
    filled++;
    if (MODALITY_INDEX.has(vocabKey(v)) || mapped.get(v) !== undefined) known++;
  }
  return filled === 0 || known * 2 > filled;
}

/** The first pass: headers found, the Visit Type values and each row's provider. */
function surveyLog(t: RawTable, schema: Columns, rowNoun: string) {
  const visitTypes: string[] = [];
  const providers = new ProviderTally();
  const columns = { date: text("date", { default: "", aliases: schema.date.aliases }), status: text("status", { default: "", aliases: schema.status.aliases }), visitType: schema.visitType, provider: schema.provider };
  const { present, headers } = readRows(t, columns, {
    rowNoun,
    onRow: (r) => {
      visitTypes.push(r.visitType);
      providers.add(r.provider);
    },
  });
  return { present, headers, visitTypes, providers: providers.providers() };
}

/** Reads, classifies and checks the appointment log. Throws InputError listing every problem. */
type Lookups = Record<"column" | MappedValue, MappingLookup>;

/** Words of a column to what they mean: the mapping first, then the vocabulary; each distinct
 *  text looked up once (exports repeat a handful of words 100,000 times), unknown ones gathered. */
class WordReader {
  readonly unknown: UnknownValues;
  private readonly memo = { status: new Map<string, string | null>(), cause_type: new Map<string, string | null>(), visit_type: new Map<string, string | null>() };
  constructor(private readonly lookups: Lookups, source: string) {
    this.unknown = new UnknownValues(source);
  }
  read<V extends string>(what: MappedValue, index: Map<string, V>, choices: readonly string[], value: string, row: number): V | undefined {
    let hit = this.memo[what].get(value) as V | null | undefined;
    if (hit === undefined) {
      hit = (this.lookups[what].get(value) as V | undefined) ?? index.get(vocabKey(value)) ?? null;
      this.memo[what].set(value, hit);
    }
    if (hit === null) this.unknown.add(what, value, row, choices);
    return hit ?? undefined;
  }
}

/** Whether to read Visit Type as the modality; when it holds appointment types, it is set aside and said so. */
function readsVisitType(t: RawTable, survey: ReturnType<typeof surveyLog>, lookup: MappingLookup, inferred: LogInference, warnings: string[]): boolean {
  if (!survey.present.has("visitType") || visitTypeIsModality(survey.visitTypes, lookup)) return true;
  const header = survey.headers.visitType ?? "";
  const values = [...new Set(survey.visitTypes.filter((v) => v !== ""))];
  inferred.visitTypeSetAside = { header, values };
  warnings.push(
    `${t.source}: column "${header}" holds appointment types (${shortList(values)}), not how the visit happened; it was set aside and modality read from modifiers and place of service instead (map a value with visit_type,<value>,video|audio|telehealth|in_person to use it)`
  );
  return false;
}

interface RowRules {
  flags: boolean;
  readVisitType: boolean;
  lateHours: number;
  keep(provider: string): boolean;
  words: WordReader;
  inferred: LogInference;
}

/** One parsed row → its appointment (or nothing: another provider's, not yet happened, or a row with problems), counting what was inferred. */
function appointmentMaker(rules: RowRules, out: Appointment[]): (r: Row<Columns>) => void {
  const { flags, readVisitType, lateHours, words, inferred } = rules;
  const codes = new Map<string, ReturnType<typeof splitCode>>();
  const split = (cell: string) => {
    let c = codes.get(cell);
    if (!c) codes.set(cell, (c = splitCode(cell)));
    return c;
  };
  return (r) => {
    if (!rules.keep(r.provider)) return;
    let status: StatusWord | undefined;
    if (flags) status = isYes(r.noShow) ? "no_show" : isYes(r.canceled) ? "cancelled" : isYes(r.kept) ? "completed" : "not_yet";
    else if (r.status) status = words.read("status", STATUS_INDEX, STATUS_CHOICES, r.status, r.row); // blank: already a problem
    const cause = r.causeType === "" ? "patient" : words.read("cause_type", CAUSE_INDEX, CAUSE_CHOICES, r.causeType, r.row);
    const cell = r.code === "" ? { code: "", modifiers: [] as string[] } : split(r.code);
    const modifiers = r.modifier === "" ? cell.modifiers : [...cell.modifiers, ...splitModifiers(r.modifier)];
    let modality: Modality | null = null;
    let from: "modifier" | "pos" | null = null;
    if (readVisitType && r.visitType !== "") modality = words.read("visit_type", MODALITY_INDEX, MODALITY_CHOICES, r.visitType, r.row) ?? null;
    else ({ modality, from } = modalityOf(modifiers, r.pos));
    if (!r.ok || status === undefined || cause === undefined) return;
    if (status === "not_yet") {
      inferred.notYet++;
      return;
    }
    if (cell.modifiers.length > 0) inferred.modifiersInCode++;
    if (from === "modifier") inferred.modalityFromModifiers++;
    if (from === "pos") inferred.modalityFromPos++;
    if (status === "cancelled" && r.cancelLeadHours !== null && r.cancelLeadHours < lateHours) {
      status = "late_cancel";
      inferred.lateByLeadTime++;
    }
    out.push({
      row: r.row,
      date: r.date,
      status: status as AppointmentStatus,
      reason: r.reason,
      causeType: cause,
      code: cell.code === "" ? null : feeKey(cell.code, modifiers),
      modifiers: modifiers.join(" "),
      units: r.units,
      wrvu: r.wrvu,
      visitType: modality,
      provider: r.provider,
    });
  };
}

/** Reads, classifies and checks the appointment log. Throws InputError listing every problem. */
export function readAppointmentLog(input: RawTable, opts: LogOptions = {}): AppointmentLog {
  const lookups: Lookups = {
    column: new MappingLookup(opts.mapping, "column"),
    status: new MappingLookup(opts.mapping, "status"),
    cause_type: new MappingLookup(opts.mapping, "cause_type"),
    visit_type: new MappingLookup(opts.mapping, "visit_type"),
  };
  const t = mapHeaders(input, lookups.column);
  const flags = usesFlags(t);
  const schema = schemaFor(flags);
  const rowNoun = "booked appointment";
  // What the whole log decides before any row can be read: whether Visit Type holds modalities
  // or appointment types, and which provider is kept. A cheap first pass over those columns.
  const survey = surveyLog(t, schema, rowNoun);
  // Without a date or a status (nor flags) no row can be read: say that alone.
  if (!survey.present.has("date") || (!flags && !survey.present.has("status"))) {
    throwIfProblems(readRows(t, schema, { rowNoun }).problems);
  }
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const lateHours = opts.lateCancelHours ?? DEFAULT_LATE_CANCEL_HOURS;
  const inferred: LogInference = {
    notYet: 0, lateByLeadTime: 0, lateCancelHours: lateHours, modalityFromModifiers: 0, modalityFromPos: 0, modifiersInCode: 0,
    columnsRead: [], visitTypeSetAside: null, statusFromFlags: flags, provider: null,
  };
  const readVisitType = readsVisitType(t, survey, lookups.visit_type, inferred, warnings);
  const picked = chooseProvider(survey.providers, opts.provider, t.source, problems);
  if (picked.chosen !== null) inferred.provider = { chosen: picked.chosen, of: picked.providers.length };

  const words = new WordReader(lookups, t.source);
  const appointments: Appointment[] = [];
  const take = appointmentMaker({ flags, readVisitType, lateHours, keep: picked.keep, words, inferred }, appointments);
  const read = readRows(t, schema, { rowNoun, release: t.transient, onRow: take });
  inferred.columnsRead = columnsRead(schema, read.headers);
  problems.push(...read.problems, ...words.unknown.problems(), ...dateSpanProblems(appointments, t.source, read.headers.date ?? "date"));
  // In row order, as the file reads (sort is stable: a row's problems keep their order).
  throwIfProblems(problems.sort((a, b) => a.row - b.row));
  if (opts.mapping) {
    const unused = Object.values(lookups).flatMap((l) => l.unused());
    warnings.push(...unusedLineWarnings(opts.mapping.source || "the mapping", unused));
  }
  return { appointments, inferred, warnings, providers: picked.providers };
}

function shortList(values: string[], max = 6): string {
  const shown = values.slice(0, max).map((v) => `"${v}"`).join(", ");
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/** The appointments alone, for callers that need no inference (tests, property checks). */
export function parseAppointments(t: RawTable, opts: LogOptions = {}): Appointment[] {
  return readAppointmentLog(t, opts).appointments;
}

