/**
 * The Telehealth Scorecard's coverage rule (SPEC §2 "Coverage"): it stops when more than 5% of
 * scheduled rows have unknown modality, naming the columns that might carry it with their
 * distinct values, and the map lines or `--visit-type` to write. No-show rows carry no place of
 * service or modifier in most exports (they were never billed): when modality comes only from
 * those, every no-show is unknown and a 0.0% telehealth no-show rate would be a confident lie.
 */
import type { Appointment, Problem, RawTable, RawValue } from "./types";
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
  /** Text columns with a few distinct values (types, locations, kinds), most rows first. */
  candidates(): { header: string; values: { value: string; count: number }[] }[] {
    return this.cols
      .map((c) => {
        const values = [...c.tally.values].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
        const rows = values.reduce((n, v) => n + v.count, 0);
        const saying = values.filter((v) => modalityInside(v.value) !== null).reduce((n, v) => n + v.count, 0);
        return { header: c.tally.header, values, rows, saying, open: c.tally.tooMany };
      })
      // A kind of visit repeats: a column of names or ids (nearly one value a row) is no candidate.
      .filter((c) => !c.open && c.values.length > 0 && (c.saying > 0 || c.values.length * 2 <= c.rows))
      .sort((a, b) => b.saying / b.rows - a.saying / a.rows || a.values.length - b.values.length)
      .map(({ header, values }) => ({ header, values }));
  }
}

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
    parts.push(`"${ctx.visitTypeHeader}" values with no modality word: ${shown(ctx.unknown)}; say what each is with lines such as visit_type,${csvField(first)},video (or audio, telehealth, in_person) in a --map file.`);
  }
  const cands = ctx.unread.candidates();
  if (cands.length > 0) {
    parts.push(`Columns that might say it: ${cands.slice(0, 4).map((c) => `"${c.header}" (${shown(c.values)})`).join("; ")}; read one as the modality with a line column,${csvField(cands[0].header)},visit_type.`);
  }
  parts.push("Or, only if every visit without a modality was the same kind (a telehealth platform's export is all video), pass --visit-type video (or audio, telehealth, in_person; the pane's Visit type field). Most exports give no-shows no place of service or modifier, so modality from those alone leaves every no-show unknown.");
  return { source, row: 0, column: "visit_type", value: "", message: parts.join(" ") };
}
