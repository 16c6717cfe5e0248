/**
 * The export mapping (SPEC §2): a CSV with header `what,from,to` that maps what the vocabularies
 * cannot guess — a header (`column,APPT_STATUS_C,status`) or a value (`status,4,no_show`). The
 * CLI reads it from `--map FILE`; the pane keeps the same lines in the workbook and can export
 * them as that file.
 */
import type { RawTable } from "../inputs/types";
import { readRows, text, throwIfProblems } from "../table";
import { CAUSE_CHOICES, MODALITY_CHOICES, STATUS_CHOICES, vocabKey } from "./vocab";

export type MappedValue = "status" | "cause_type" | "visit_type";
export type MappingKind = "column" | MappedValue;

/** The ClinPay columns a `column` line may name (every log's, so one file serves them all). */
export const MAPPABLE_COLUMNS = [
  "date", "status", "reason", "cause_type", "code", "modifier", "units", "wrvu", "visit_type", "pos", "provider",
  "cancel_lead_hours", "kept", "no_show", "canceled", "activity", "minutes", "paid", "encounter_id",
] as const;

const CHOICES: Record<MappingKind, readonly string[]> = {
  column: MAPPABLE_COLUMNS,
  status: STATUS_CHOICES,
  cause_type: CAUSE_CHOICES,
  visit_type: MODALITY_CHOICES,
};

export interface MappingLine {
  what: MappingKind;
  from: string;
  to: string;
  /** The line in the mapping file (0 for a mapping made in the pane). */
  row: number;
}

export interface ExportMapping {
  source: string;
  lines: MappingLine[];
}

export const EMPTY_MAPPING: ExportMapping = { source: "", lines: [] };

/**
 * `to` as its list spells it: "No-Show" → "no_show", "not-yet" → "not_yet"; undefined if not
 * listed. A status may also carry its cause: `no_show/system` (SPEC §2).
 */
function choiceOf(what: MappingKind, to: string): string | undefined {
  if (what === "status" && to.includes("/")) {
    const [status, cause, ...rest] = to.split("/");
    const s = choiceOf("status", status);
    const c = CAUSE_CHOICES.find((x) => vocabKey(x) === vocabKey(cause ?? ""));
    return s && c && rest.length === 0 && s !== "not_yet" ? `${s}/${c}` : undefined;
  }
  const key = vocabKey(to);
  return CHOICES[what].find((c) => vocabKey(c) === key);
}

/** "a, b or c": the choices a message offers. */
export const orList = (xs: readonly string[]): string => (xs.length <= 2 ? xs.join(" or ") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`);

/** A field of the mapping CSV, quoted when it must be, so a line ClinPay suggests reads back as written. */
export const csvField = (s: string): string => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);

/** Reads a mapping table. Throws InputError for an unknown `what` or a `to` outside its list. */
export function parseMapping(t: RawTable): ExportMapping {
  const { rows, problems } = readRows(
    t,
    {
      what: text("what", { hint: "type column, status, cause_type or visit_type" }),
      from: text("from", { hint: "type the header or value as your export writes it" }),
      to: text("to", { hint: "type what it means to ClinPay" }),
    },
    { rowNoun: "mapping (what,from,to)" }
  );
  const lines: MappingLine[] = [];
  for (const r of rows) {
    if (!r.ok) continue;
    const what = (Object.keys(CHOICES) as MappingKind[]).find((k) => vocabKey(k) === vocabKey(r.what));
    if (!what) {
      problems.push({ source: t.source, row: r.row, column: "what", value: r.what, message: "must be column, status, cause_type or visit_type" });
      continue;
    }
    const to = choiceOf(what, r.to);
    if (!to) {
      const also = what === "status" ? ", or a status and its cause such as no_show/system" : "";
      problems.push({ source: t.source, row: r.row, column: "to", value: r.to, message: `a ${what} maps to ${orList(CHOICES[what])}${also}` });
      continue;
    }
    lines.push({ what, from: r.from, to, row: r.row });
  }
  throwIfProblems(problems);
  return { source: t.source, lines };
}

/** The mapping as the CSV `--map` reads, so the pane's mapping can be saved as that file. */
export function mappingCsv(m: ExportMapping): string {
  return ["what,from,to", ...m.lines.map((l) => [l.what, l.from, l.to].map(csvField).join(","))].join("\r\n") + "\r\n";
}

/**
 * One kind of mapping line as a lookup by vocabKey, remembering which lines were used so the
 * reader can warn of the ones whose `from` never occurs (a typo, or another export's line).
 */
export class MappingLookup {
  private readonly byKey = new Map<string, MappingLine>();
  private readonly used = new Set<MappingLine>();
  constructor(mapping: ExportMapping | undefined, readonly what: MappingKind) {
    for (const l of mapping?.lines ?? []) if (l.what === what) this.byKey.set(vocabKey(l.from), l);
  }
  get(value: string): string | undefined {
    const line = this.byKey.get(vocabKey(value));
    if (!line) return undefined;
    this.used.add(line);
    return line.to;
  }
  /** What a line maps this value to, without counting it as used (recognising a column by its values). */
  peek(value: string): string | undefined {
    return this.byKey.get(vocabKey(value))?.to;
  }
  get size(): number {
    return this.byKey.size;
  }
  unused(): MappingLine[] {
    return [...this.byKey.values()].filter((l) => !this.used.has(l));
  }
}


/** The warning for mapping lines that matched nothing. */
/** Whether a warning is unusedLineWarnings' for a `column` line (a file of two may not have that header). */
export const isUnusedColumnLine = (warning: string): boolean => /: the mapping "column,.*" was not used: no header ".*" in this file$/.test(warning);

export function unusedLineWarnings(source: string, lines: MappingLine[]): string[] {
  return lines.map(
    (l) => `${source}${l.row > 0 ? ` row ${l.row}` : ""}: the mapping "${l.what},${l.from},${l.to}" was not used: no ${l.what === "column" ? "header" : `${l.what} value`} "${l.from}" in this file`
  );
}

