/**
 * The Telehealth Scorecard's coverage rule (SPEC §2 "Coverage"): it stops when more than 5% of
 * scheduled rows have unknown modality, naming the columns that might carry it with their
 * distinct values, and the map lines or `--visit-type` to write. No-show rows carry no place of
 * service or modifier in most exports (they were never billed): when modality comes only from
 * those, every no-show is unknown and a 0.0% telehealth no-show rate would be a confident lie.
 */
import type { Appointment, Modality, Problem, RawTable, RawValue } from "./types";
import { cellText, isBlank } from "../cells";
import { csvField } from "../exports/mapping";
import { modalityInside } from "../exports/words";

export const MAX_UNKNOWN_MODALITY_SHARE = 0.05;
const MAX_DISTINCT = 30;
const SHOWN = 6;

interface Tally {
  header: string;
  values: Map<string, number>;
  tooMany: boolean;
}

export interface Candidate {
  header: string;
  values: { value: string; count: number }[];
  /** The modalities its values' words name ("Riverbend Clinic": in person). */
  says: Modality[];
  /** One modality named on (nearly) every row: read as the modality, it would set every row without asking. */
  onEveryRow: boolean;
}

/** The share of a column's rows one modality must be named on for the column to say only where visits were booked. */
const ONE_KIND_SHARE = 0.8;

/** The distinct values of the columns no rule read: the candidates a message can name. */
export class UnreadColumns {
  private readonly cols: { index: number; tally: Tally }[];
  constructor(t: RawTable, read: readonly number[]) {
    const taken = new Set(read);
    this.cols = t.headers
      .map((h, index) => ({ index, tally: { header: cellText(h).trim(), values: new Map<string, number>(), tooMany: false } }))
      .filter((c) => !taken.has(c.index) && c.tally.header !== "");
  }
  add(cells: readonly RawValue[]): void {
    for (const c of this.cols) {
      if (c.tally.tooMany) continue;
      const v = cells[c.index];
      if (v === undefined || isBlank(v) || typeof v !== "string" || /^[\d\s.,:/$-]+$/.test(v)) continue;
      const text = v.trim();
      const values = c.tally.values;
      values.set(text, (values.get(text) ?? 0) + 1);
      if (values.size > MAX_DISTINCT) c.tally.tooMany = true;
    }
  }
  /** Text columns with a few distinct values (types, locations, kinds), most rows first, with the modalities their words name. */
  candidates(): Candidate[] {
    return this.cols
      .map((c) => {
        const values = [...c.tally.values].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
        const rows = values.reduce((n, v) => n + v.count, 0);
        const named = values.map((v) => modalityInside(v.value));
        const saying = values.filter((v, i) => named[i] !== null).reduce((n, v) => n + v.count, 0);
        const says = [...new Set(named.filter((m): m is Modality => m !== null))];
        return { header: c.tally.header, values, rows, saying, says, open: c.tally.tooMany };
      })
      // A kind of visit repeats: a column of names or ids (nearly one value a row) is no candidate.
      .filter((c) => !c.open && c.values.length > 0 && (c.saying > 0 || c.values.length * 2 <= c.rows))
      .sort((a, b) => b.saying / b.rows - a.saying / a.rows || a.values.length - b.values.length)
      .map(({ header, values, says, saying, rows }) => ({ header, values, says, onEveryRow: says.length === 1 && saying >= ONE_KIND_SHARE * rows }));
  }
}

const MODALITY_NAMES: Record<Modality, string> = { video: "video", audio: "audio", telehealth: "telehealth", in_person: "in person" };

const shown = (values: { value: string; count: number }[]) =>
  values.slice(0, SHOWN).map((v) => `"${v.value}" ×${v.count.toLocaleString("en-US")}`).join(", ") + (values.length > SHOWN ? ` and ${values.length - SHOWN} more` : "");

export function coverageProblem(
  appointments: readonly Appointment[],
  source: string,
  ctx: { visitTypeHeader: string | undefined; unknown: { value: string; count: number }[]; unread: UnreadColumns }
): Problem | null {
  let scheduled = 0;
  let unknown = 0;
  for (const a of appointments) {
    if (a.status === "cancelled") continue;
    scheduled++;
    if (a.visitType === null) unknown++;
  }
  if (scheduled === 0 || unknown <= MAX_UNKNOWN_MODALITY_SHARE * scheduled) return null;
  const parts = [
    `${unknown.toLocaleString("en-US")} of ${scheduled.toLocaleString("en-US")} scheduled rows (${((unknown / scheduled) * 100).toFixed(1)}%) have no modality (video, audio, telehealth or in person), and the Telehealth Scorecard needs it for at least 95% of them: its rates would otherwise leave those rows out.`,
  ];
  if (ctx.visitTypeHeader && ctx.unknown.length > 0) {
    const first = ctx.unknown[0].value;
    // No modality is offered as the example: a line copied as it stands would make it true of every such visit.
    parts.push(`"${ctx.visitTypeHeader}" values with no modality word: ${shown(ctx.unknown)}; say what each is with a line per value such as visit_type,${csvField(first)},<video, audio, telehealth or in_person> in a --map file.`);
  }
  const cands = ctx.unread.candidates();
  // A column naming one modality on (nearly) every row (a "Department" of "Riverbend Clinic", a
  // platform's "Room") may say where a visit was booked, not how it happened: read as the modality
  // it would overrule the modifiers and places of service of every row, and no value would be left
  // to ask about. Only --visit-type, which fills the rows that say nothing, is offered for it. A
  // column of types naming a modality now and then ("TELEHEALTH VIDEO" among "FOLLOW UP"s) is
  // offered: its other values are then asked about one by one.
  const readable = cands.filter((c) => !c.onEveryRow);
  const oneKind = cands.find((c) => c.onEveryRow);
  if (readable.length > 0) {
    parts.push(`Columns that might say it: ${readable.slice(0, 4).map((c) => `"${c.header}" (${shown(c.values)})`).join("; ")}; read one as the modality with a line column,${csvField(readable[0].header)},visit_type.`);
  }
  if (oneKind) {
    parts.push(`"${oneKind.header}" (${shown(oneKind.values)}) names ${MODALITY_NAMES[oneKind.says[0]]} on nearly every row and no other modality: it may say where visits were booked rather than how each happened, so it is not offered as the modality.`);
  }
  const flag = oneKind?.says[0] ?? "video";
  const others = (["video", "audio", "telehealth", "in_person"] as const).filter((m) => m !== flag).join(", ");
  parts.push(`Or, only if every visit without a modality was the same kind (a telehealth platform's export is all video), pass --visit-type ${flag} (or ${others}; the pane's Visit type field). Most exports give no-shows no place of service or modifier, so modality from those alone leaves every no-show unknown.`);
  return { source, row: 0, column: "visit_type", value: "", message: parts.join(" ") };
}
