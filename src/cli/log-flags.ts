/**
 * The flags every command that reads a log takes (SPEC §4): --map FILE, --provider NAME|all,
 * --late-cancel-hours N, and how they become the core's LogOptions.
 */
import { nonNegativeFlag, textFlag, type FlagSpec, type ParsedFlags } from "./args";
import { readTable, type ReadOptions } from "./read";
import { parseMapping } from "../core/exports/mapping";
import type { LogOptions } from "../core/inputs/appointments";
import { DEFAULT_LATE_CANCEL_HOURS } from "../core/exports/vocab";

export const LOG_FLAGS: FlagSpec[] = [
  { name: "map", value: "file", help: "a mapping CSV (what,from,to) for headers and words ClinPay does not know, e.g. column,APPT_STATUS_C,status" },
  { name: "provider", value: "text", help: "the provider whose rows to read, when the log has several (or all to combine them)" },
  { name: "late-cancel-hours", value: "number", help: `a cancel with less notice than this counts as a late cancel (default ${DEFAULT_LATE_CANCEL_HOURS})` },
];

export interface LogFlags {
  map?: string;
  provider?: string;
  lateCancelHours?: number;
}

export function logFlags(flags: ParsedFlags): LogFlags {
  return { map: textFlag(flags, "map"), provider: textFlag(flags, "provider"), lateCancelHours: nonNegativeFlag(flags, "late-cancel-hours") };
}

/** Reads the mapping file, when one is given, into the options the log reader takes. */
export async function readLogOptions(f: LogFlags, read: ReadOptions = {}): Promise<LogOptions> {
  const mapping = f.map ? parseMapping(await readTable(f.map, "map", read)) : undefined;
  return { mapping, provider: f.provider, lateCancelHours: f.lateCancelHours };
}
