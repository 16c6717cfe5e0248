/**
 * The flags every command that reads a log takes (SPEC §4): --map FILE, --provider NAME|all,
 * --late-cancel-hours N, and how they become the core's LogOptions.
 */
import { UsageError, nonNegativeFlag, textFlag, type FlagSpec, type ParsedFlags } from "./args";
import { readTable, type ReadOptions } from "./read";
import { parseMapping } from "../core/exports/mapping";
import type { LogOptions } from "../core/inputs/appointments";
import { DEFAULT_LATE_CANCEL_HOURS, MODALITY_CHOICES, vocabKey } from "../core/exports/vocab";
import type { Modality } from "../core/inputs/types";
import type { DateOrder } from "../core/date-cells";

export const LOG_FLAGS: FlagSpec[] = [
  { name: "map", value: "file", help: "a mapping CSV (what,from,to) for headers and words ClinPay does not know, e.g. column,APPT_STATUS_C,status" },
  { name: "provider", value: "text", help: "the provider whose rows to read, when the log has several (or all to combine them)" },
  { name: "late-cancel-hours", value: "number", help: `a cancel with less notice than this counts as a late cancel (default ${DEFAULT_LATE_CANCEL_HOURS})` },
  { name: "visit-type", value: "text", help: "video, audio, telehealth or in_person: the modality of every row whose own columns say none (a telehealth platform's export is all video)" },
  { name: "date-order", value: "text", help: "mdy or dmy: how dates like 06/01/2026 are read, when the column's own dates do not say" },
];

/** A sheet reading two exports (the Pay Audit) also takes a date order per file: `--mine-date-order`. */
export const fileDateOrderFlag = (input: { key: string; label: string }): FlagSpec => ({
  name: `${input.key}-date-order`,
  value: "text",
  help: `mdy or dmy: how ${input.label}'s dates are read, that file only (over --date-order)`,
});

/** The per-file date orders given, each with the request-wide choices beside it (as the pane's steps give them). */
export function fileDateOrders(flags: ParsedFlags, inputs: readonly { key: string }[], log: LogOptions): Record<string, LogOptions> | undefined {
  const given = inputs.map((i) => [i.key, choiceFlag(flags, `${i.key}-date-order`, ["mdy", "dmy"] as const, (s) => s.toLowerCase())] as const).filter(([, o]) => o !== undefined);
  if (given.length === 0) return undefined;
  return Object.fromEntries(given.map(([key, dateOrder]) => [key, { ...log, dateOrder }]));
}

export interface LogFlags {
  map?: string;
  provider?: string;
  lateCancelHours?: number;
  visitType?: Modality;
  dateOrder?: DateOrder;
}

function choiceFlag<V extends string>(flags: ParsedFlags, name: string, choices: readonly V[], spell: (s: string) => string = (s) => s): V | undefined {
  const raw = textFlag(flags, name);
  if (raw === undefined) return undefined;
  const hit = choices.find((c) => spell(c) === spell(raw.trim()));
  if (!hit) throw new UsageError(`--${name} must be ${choices.join(", ").replace(/, ([^,]*)$/, " or $1")}, got "${raw}"`);
  return hit;
}

export function logFlags(flags: ParsedFlags): LogFlags {
  return {
    map: textFlag(flags, "map"),
    provider: textFlag(flags, "provider"),
    lateCancelHours: nonNegativeFlag(flags, "late-cancel-hours"),
    visitType: choiceFlag(flags, "visit-type", MODALITY_CHOICES, vocabKey),
    dateOrder: choiceFlag(flags, "date-order", ["mdy", "dmy"] as const, (s) => s.toLowerCase()),
  };
}

/** Reads the mapping file, when one is given, into the options the log reader takes. */
export async function readLogOptions(f: LogFlags, read: ReadOptions = {}): Promise<LogOptions> {
  const mapping = f.map ? parseMapping(await readTable(f.map, "map", read)) : undefined;
  return { mapping, provider: f.provider, lateCancelHours: f.lateCancelHours, visitType: f.visitType, dateOrder: f.dateOrder };
}
