/**
 * `clinpay leakage`: the RVU Leakage sheet from an appointment log (and a time log).
 * Nothing is written unless both logs parse cleanly; the workbook lands atomically.
 */
import * as path from "path";
import { nonNegativeFlag, textFlag, type FlagSpec, type ParsedFlags } from "../args";
import type { CliIO, Command } from "../command";
import { readTable } from "../read";
import { InputError, throwIfProblems } from "../../core/table";
import { parseTimeLog, readAppointmentLog, type AppointmentLog } from "../../core/inputs/logs";
import { bundledFees } from "../../core/data/bundled-fees";
import { describeInference } from "../../core/exports/inferred";
import { LOG_FLAGS, logFlags, readLogOptions, type LogFlags } from "../log-flags";
import type { Problem, TimeEntry } from "../../core/inputs/types";
import { DEFAULT_DOLLARS_PER_WRVU, DEFAULT_EFFECTIVE_HOURLY, leakageMetrics, type LeakageMetrics } from "../../core/leakage";
import { buildLeakagePlan, leakageFitProblems } from "../../sheets/rvu-leakage";
import type { SheetPlan } from "../../sheets/plan";
import { writeWorkbook } from "../write";


const FLAGS: FlagSpec[] = [
  { name: "appointments", value: "file", required: true, help: "appointment log, .csv or .xlsx (date, status, reason, cause_type, code, wrvu, visit_type)" },
  { name: "time", value: "file", help: "time log, .csv or .xlsx (date, activity, minutes, paid)" },
  { name: "dollars-per-wrvu", value: "number", help: `$ per wRVU your contract pays, to price wRVUs lost (default ${DEFAULT_DOLLARS_PER_WRVU})` },
  { name: "effective-hourly", value: "number", help: `$ per hour of your work, to price unpaid time (default ${DEFAULT_EFFECTIVE_HOURLY})` },
  ...LOG_FLAGS,
  { name: "out", alias: "o", value: "file", required: true, help: "the workbook to write, e.g. out/leakage.xlsx" },
];

/** Runs every parser before throwing, so one run lists the problems of both files. */
function parseAll<T>(jobs: (() => T)[]): T[] {
  const problems: Problem[] = [];
  const out: T[] = [];
  for (const job of jobs) {
    try {
      out.push(job());
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length) throw new InputError(problems);
  return out;
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (n: number | null) => (n === null ? "n/a" : `${(n * 100).toFixed(1)}%`);

export interface LeakageFiles extends LogFlags {
  appointments: string;
  time?: string;
}

/** What reading the log found to say, for the summary (the appointments themselves are in the plan). */
export type LogNotes = Pick<AppointmentLog, "inferred" | "warnings">;

export interface LeakageAssumptions {
  /** Omitted: DEFAULT_DOLLARS_PER_WRVU, and the sheet marks it as a default to replace. */
  dollarsPerWrvu?: number;
  effectiveHourly?: number;
}

/**
 * Reads and parses both logs. Its own function so the raw tables (for a million rows, several
 * hundred MB of cell text) are garbage once it returns, before metrics and the plan are built.
 */
async function readLogs(files: LeakageFiles): Promise<{ log: AppointmentLog; time: TimeEntry[] | undefined }> {
  // An .xlsx may hold both logs; each file is asked for the table of its own name first.
  const [apptTable, timeTable] = await Promise.all([
    readTable(files.appointments, "appointments").catch((e) => e as Error),
    files.time ? readTable(files.time, "time log").catch((e) => e as Error) : Promise.resolve(undefined),
  ]);
  const logOpts = await readLogOptions(files);
  const [log, time] = parseAll<AppointmentLog | TimeEntry[] | undefined>([
    () => {
      if (apptTable instanceof Error) throw apptTable;
      return readAppointmentLog(apptTable, logOpts);
    },
    () => {
      if (timeTable instanceof Error) throw timeTable;
      return timeTable ? parseTimeLog(timeTable, logOpts.mapping) : undefined;
    },
  ]) as [AppointmentLog, TimeEntry[] | undefined];
  return { log, time };
}

/**
 * Reads and checks the logs, computes and builds the plan, and returns it unwritten (so `demo`
 * can write it its own way). Throws InputError listing every problem in both files.
 */
export async function buildLeakageFromFiles(
  files: LeakageFiles,
  assumptions: LeakageAssumptions,
  io: CliIO,
  builtAt = new Date()
): Promise<{ plan: SheetPlan; metrics: LeakageMetrics; log: LogNotes }> {
  const dollarsPerWrvu = assumptions.dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU;
  const effectiveHourly = assumptions.effectiveHourly ?? DEFAULT_EFFECTIVE_HOURLY;
  io.progress(`reading ${files.appointments}${files.time ? ` and ${files.time}` : ""}`);
  const { log, time } = await readLogs(files);
  const appointments = log.appointments;
  throwIfProblems(leakageFitProblems({ source: files.appointments, rows: appointments.length }, time && { source: files.time!, rows: time.length }));
  const fees = bundledFees();

  io.progress(`building RVU Leakage from ${appointments.length.toLocaleString("en-US")} appointments`);
  const metrics = leakageMetrics(appointments, time, { dollarsPerWrvu, effectiveHourly, fees });
  const source = [files.appointments, files.time].filter((f): f is string => !!f).map((f) => path.basename(f)).join(" and ");
  const plan = buildLeakagePlan({
    appointments,
    time,
    source,
    builtAt,
    dollarsPerWrvu,
    effectiveHourly,
    fees,
    inferred: log.inferred,
    defaults: { dollarsPerWrvu: assumptions.dollarsPerWrvu === undefined, effectiveHourly: assumptions.effectiveHourly === undefined },
    metrics,
    releaseAppointments: true,
  });
  return { plan, metrics, log: { inferred: log.inferred, warnings: log.warnings } };
}

/** The terminal summary: the key figures, with the assumptions that priced them. */
export function formatLeakageSummary(m: LeakageMetrics, assumptions: LeakageAssumptions, log?: LogNotes): string {
  const dpw = assumptions.dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU;
  const eh = assumptions.effectiveHourly ?? DEFAULT_EFFECTIVE_HOURLY;
  const dflt = (given: number | undefined, flag: string) => (given === undefined ? ` (ClinPay's default: type yours in the sheet's Assumptions, or pass --${flag})` : "");
  const lines = [
    `Scheduled ${fmt(m.scheduled)}, completed ${fmt(m.completed)}, no-shows ${fmt(m.noShows)} (no-show rate ${pct(m.noShowRate)})`,
    `System-caused no-shows ${fmt(m.systemNoShows)}, patient-caused ${fmt(m.patientNoShows)} (patient no-show rate ${pct(m.patientNoShowRate)})`,
    `wRVUs lost to no-shows ${fmt(m.wrvusLost, 1)} = $${fmt(m.revenueLost)} at $${fmt(dpw, 2)} per wRVU${dflt(assumptions.dollarsPerWrvu, "dollars-per-wrvu")}`,
  ];
  const sys = m.byCause.find((c) => c.causeType === "system");
  if (sys && sys.noShows > 0) lines.push(`  of which system-caused: ${fmt(sys.wrvusLost, 1)} wRVUs = $${fmt(sys.revenueLost)}`);
  if (m.time) {
    lines.push(
      `Unpaid hours ${fmt(m.time.unpaidHours, 1)} (${fmt(m.time.unpaidHoursPerWeek, 1)} a week) = $${fmt(m.time.unpaidTimeValue)} at $${fmt(eh, 2)} an hour${dflt(assumptions.effectiveHourly, "effective-hourly")}`
    );
  }
  const inferred = describeInference(log?.inferred, m.wrvuParts, m.noShows);
  if (inferred.length > 0) lines.push("", "What ClinPay inferred (also in the sheet's notes):", ...inferred.map((l) => `  ${l}`));
  if (log && log.warnings.length > 0) lines.push("", "Warnings:", ...log.warnings.map((w) => `  ${w}`));
  return lines.join("\n");
}

export const leakageCommand: Command = {
  name: "leakage",
  summary: "RVU Leakage: what no-shows and unpaid time cost, from your own logs",
  synopsis: "--appointments FILE [--time FILE] [--dollars-per-wrvu N] [--effective-hourly N] [--map FILE] [--provider NAME|all] [--late-cancel-hours N] -o OUT.xlsx",
  flags: FLAGS,
  async run(flags: ParsedFlags, io: CliIO): Promise<number> {
    const out = textFlag(flags, "out")!;
    const assumptions: LeakageAssumptions = {
      dollarsPerWrvu: nonNegativeFlag(flags, "dollars-per-wrvu"),
      effectiveHourly: nonNegativeFlag(flags, "effective-hourly"),
    };
    const files: LeakageFiles = { appointments: textFlag(flags, "appointments")!, time: textFlag(flags, "time"), ...logFlags(flags) };
    const { plan, metrics, log } = await buildLeakageFromFiles(files, assumptions, io);
    await writeWorkbook([plan], out, io);
    io.out(formatLeakageSummary(metrics, assumptions, log));
    io.out(`\nWrote ${out}`);
    return 0;
  },
};
