/**
 * `clinpay targets`: the Target Tracker sheet from a wRVU target and the YTD figure with its date,
 * or with YTD summed from an appointment log or a wRVU production report (and optionally the
 * contract's bonus tiers).
 */
import * as path from "path";
import { UsageError, nonNegativeFlag, numberFlag, textFlag, type FlagSpec, type ParsedFlags } from "../args";
import type { CliIO, Command } from "../command";
import { readTable } from "../read";
import { CellError, parseDateValue } from "../../core/table";
import { parseTargetTiers } from "../../core/inputs/offers";
import { DEFAULT_DOLLARS_PER_WRVU } from "../../core/leakage";
import { checkTargetPeriod, targetMetrics, type TargetMetrics } from "../../core/targets";
import { periodDays, serialToIso as iso } from "../../core/dates";
import { buildTargetPlan, TARGET_SHEET_NAME } from "../../sheets/target-tracker";
import type { SheetPlan } from "../../sheets/plan";
import { writeWorkbook } from "../write";
import { LOG_FLAGS, logFlags, readLogOptions, type LogFlags } from "../log-flags";
import { readProductionTable, type ProductionRead } from "../../core/inputs/production";
import type { ProductionFigures } from "../../core/production";
import { bundledFees } from "../../core/data/bundled-fees";
import { throwIfProblems } from "../../core/table";
import { productionFitProblems, summedProduction, type ProductionSource } from "../../sheets/target-production";

const FLAGS: FlagSpec[] = [
  { name: "wrvu-target", value: "number", required: true, help: "the contract's annual wRVU target, e.g. 5000" },
  { name: "ytd", value: "number", help: "wRVUs produced so far this period, e.g. 1150 (or sum them from --appointments or --production)" },
  { name: "appointments", value: "file", help: "an appointment log, .csv or .xlsx: YTD wRVUs is the sum of its completed visits' wRVUs" },
  { name: "production", value: "file", help: "a wRVU production report, .csv or .xlsx (date, code, units, wrvu; voids negative): YTD wRVUs is its sum" },
  { name: "as-of", value: "date", help: "the date YTD runs to, YYYY-MM-DD (required with --ytd; default the last date of the log or report)" },
  { name: "period-start", value: "date", help: "first day of the contract year, YYYY-MM-DD (default Jan 1 of --as-of's year)" },
  { name: "tiers", value: "file", help: "bonus tiers, .csv or .xlsx (threshold, rate[, method]); without it the bonus is $ per wRVU above target" },
  { name: "dollars-per-wrvu", value: "number", help: `$ per wRVU your contract pays (default ${DEFAULT_DOLLARS_PER_WRVU})` },
  { name: "base-salary", value: "number", help: "your guaranteed salary a year, for Effective $ per wRVU (default 0)" },
  ...LOG_FLAGS,
  { name: "out", alias: "o", value: "file", required: true, help: "the workbook to write, e.g. out/targets.xlsx" },
];

function dateFlag(flags: ParsedFlags, name: string): number | undefined {
  const raw = textFlag(flags, name);
  if (raw === undefined) return undefined;
  const v = parseDateValue(raw);
  if (v instanceof CellError) throw new UsageError(`--${name} "${raw}" ${v.message}`);
  return v;
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export interface TargetRequest extends LogFlags {
  wrvuTarget: number;
  /** wRVUs so far; or summed from `appointments` or `production` (exactly one of the three). */
  ytd?: number;
  appointments?: string;
  production?: string;
  /** Excel serial; default the last date of the log or report (required with ytd). */
  asOf?: number;
  /** Excel serial; default Jan 1 of asOf's year. */
  periodStart?: number;
  /** Omitted: DEFAULT_DOLLARS_PER_WRVU, marked in the sheet as a default to replace. */
  dollarsPerWrvu?: number;
  /** Guaranteed salary a year; omitted: 0, marked in the sheet. */
  baseSalary?: number;
  /** A tiers file: threshold, rate[, method]. */
  tiersFile?: string;
}

/** Where YTD comes from, once the flags are checked: typed, or rows of a log or report. */
type YtdSource = { ytd: number } | { file: string; from: "log" | "report" };

function ytdSource(req: TargetRequest): YtdSource {
  const given = [req.ytd !== undefined && "--ytd", req.appointments && "--appointments", req.production && "--production"].filter(Boolean);
  if (given.length > 1) throw new UsageError(`give one of ${given.join(" and ")}: YTD wRVUs is either typed (--ytd) or summed from a log or a report`);
  if (req.appointments) return { file: req.appointments, from: "log" };
  if (req.production) return { file: req.production, from: "report" };
  if (req.ytd === undefined) throw new UsageError("--ytd is required (wRVUs produced so far this period, e.g. 1150), or give --appointments FILE or --production FILE to sum them");
  if (!(req.ytd >= 0)) throw new UsageError(`--ytd cannot be negative, got ${req.ytd}`);
  if (req.asOf === undefined) throw new UsageError("--as-of is required with --ytd (the date the YTD figure runs to, YYYY-MM-DD)");
  return { ytd: req.ytd };
}

export interface TargetBuild {
  plan: SheetPlan;
  metrics: TargetMetrics;
  /** The rows YTD was summed from, when it was. */
  production?: { figures: ProductionFigures; rows: number; from: "log" | "report"; file: string; inferred: string[]; warnings: string[] };
}

function periodOf(asOf: number, periodStart: number | undefined, asOfFlag: string) {
  const period = checkTargetPeriod(asOf, periodStart);
  if (!period.ok) {
    const flag = period.field === "asOf" ? asOfFlag : `--period-start ${iso(periodStart!)}`;
    throw new UsageError(`${flag}: ${period.message.replace(/As of/g, "--as-of")}`);
  }
  return period.start;
}

/**
 * Checks the figures, reads the log or report and the tiers file, computes and builds the plan,
 * unwritten. Throws UsageError for figures that cannot be (As of before the period start) and
 * InputError for a bad file.
 */
export async function buildTargetFromRequest(req: TargetRequest, io: CliIO, builtAt = new Date()): Promise<TargetBuild> {
  if (!(req.wrvuTarget > 0)) throw new UsageError(`--wrvu-target must be more than 0, got ${req.wrvuTarget}`);
  const src = ytdSource(req);
  let read: ProductionRead | undefined;
  let asOf = req.asOf;
  if ("file" in src) {
    io.progress(`reading ${src.file}`);
    const opts = await readLogOptions(req);
    read = readProductionTable(await readTable(src.file, src.from === "log" ? "appointments" : "production"), src.from, opts);
    throwIfProblems(productionFitProblems(src.file, read.rows.length, TARGET_SHEET_NAME));
    asOf ??= read.last;
    if (asOf === undefined) throw new UsageError(`${src.file} has no rows left to count (every one not yet happened): give --as-of YYYY-MM-DD, or a log that has visits`);
  }
  const asOfFlag = req.asOf === undefined && "file" in src ? `the last date of ${src.file} (${iso(asOf!)}), taken as --as-of` : `--as-of ${iso(asOf!)}`;
  const start = periodOf(asOf!, req.periodStart, asOfFlag);
  const dollarsPerWrvu = req.dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU;
  let tiers;
  if (req.tiersFile) {
    io.progress(`reading ${req.tiersFile}`);
    tiers = parseTargetTiers(await readTable(req.tiersFile, "tiers"));
  }
  let production: ProductionSource | undefined;
  let inferred: string[] = [];
  let ytd = "ytd" in src ? src.ytd : 0;
  if (read && "file" in src) {
    const pace = { wrvuTarget: req.wrvuTarget, periodStart: start, asOf: asOf!, daysInPeriod: periodDays(start) };
    ({ production, inferred } = summedProduction(read, path.basename(src.file), bundledFees(), pace, req.asOf === undefined));
    ytd = production.figures.ytd;
  }
  const metrics = targetMetrics({ wrvuTarget: req.wrvuTarget, ytd, asOf: asOf!, periodStart: start, dollarsPerWrvu, tiers, baseSalary: req.baseSalary });
  const inputs = [production ? production.source : "command-line figures", req.tiersFile && path.basename(req.tiersFile)].filter(Boolean).join(" and ");
  const plan = buildTargetPlan({
    wrvuTarget: req.wrvuTarget,
    ytd,
    asOf: asOf!,
    periodStart: start,
    dollarsPerWrvu,
    tiers,
    builtAt,
    source: inputs,
    baseSalary: req.baseSalary,
    defaults: { dollarsPerWrvu: req.dollarsPerWrvu === undefined, periodStart: req.periodStart === undefined, baseSalary: req.baseSalary === undefined },
    metrics,
    production,
    inferred,
  });
  const summaryOf = production && read && "file" in src
    ? { figures: production.figures, rows: read.rows.length, from: src.from, file: src.file, inferred, warnings: read.warnings }
    : undefined;
  return { plan, metrics, production: summaryOf };
}

/** The terminal summary of the key figures. */
export function formatTargetSummary(m: TargetMetrics, req: TargetRequest, production?: TargetBuild["production"]): string {
  const dpw = req.dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU;
  const dflt = req.dollarsPerWrvu === undefined ? ` (ClinPay's default: type yours in the sheet's Assumptions, or pass --dollars-per-wrvu)` : "";
  const lines: string[] = [];
  if (production) {
    const what = production.from === "log" ? "completed visits" : "report lines";
    lines.push(`YTD wRVUs ${fmt(production.figures.ytd, 1)}: the sum of ${fmt(production.figures.rowsCounted)} ${what} of ${path.basename(production.file)}, ${iso(m.periodStart)} to ${iso(m.periodStart + m.daysElapsed - 1)}`);
  }
  lines.push(
    `Projected annual wRVUs ${fmt(m.projected)} against a target of ${fmt(req.wrvuTarget)} (gap ${fmt(m.gap)}; ${iso(m.periodStart)} + ${m.daysElapsed} days)`,
    `Pace needed per week ${m.paceNeeded === null ? "n/a: the period is over" : `${fmt(m.paceNeeded, 1)} wRVUs`}`,
    `Projected bonus $${fmt(m.bonus)} (${m.bonusRule === "tiers" ? `tiers from ${path.basename(req.tiersFile!)}` : `$${fmt(dpw, 2)} per wRVU above target${dflt}`})`,
    `Rebased salary $${fmt(m.rebasedSalary)} at $${fmt(dpw, 2)} per wRVU${dflt}`,
    `Average per week so far ${fmt(m.averagePerWeek, 1)} wRVUs${m.catchUpRatio === null ? "" : `; catch-up ratio ${fmt(m.catchUpRatio, 2)} (${m.catchUpRatio > 1 ? "the rest of the year must run faster than so far" : "on or ahead of the pace needed"})`}`,
    `Effective $ per wRVU ${m.effectiveDollarsPerWrvu === null ? "n/a: no projected wRVUs" : `$${fmt(m.effectiveDollarsPerWrvu, 2)}`} (base salary $${fmt(req.baseSalary ?? 0)}${req.baseSalary === undefined ? ", pass --base-salary" : ""} + projected bonus, over projected wRVUs)`
  );
  if (production) {
    const months = production.figures.months;
    lines.push(`Months below pace ${production.figures.monthsBelowPace} of ${months.length}${months.length > 0 ? ` (through ${iso(months[months.length - 1].month).slice(0, 7)}: ${fmt(months[months.length - 1].cumulative, 1)} wRVUs against a pace of ${fmt(months[months.length - 1].pace, 1)})` : ""}`);
    if (production.inferred.length > 0) lines.push("", "What ClinPay inferred (also in the sheet's notes):", ...production.inferred.map((l) => `  ${l}`));
    if (production.warnings.length > 0) lines.push("", "Warnings:", ...production.warnings.map((w) => `  ${w}`));
  }
  return lines.join("\n");
}

export const targetsCommand: Command = {
  name: "targets",
  summary: "Target Tracker: projected wRVUs, gap, weekly pace, bonus and rebased salary, month by month from a log or report",
  synopsis:
    "--wrvu-target N (--ytd N --as-of YYYY-MM-DD | --appointments FILE | --production FILE) [--as-of YYYY-MM-DD] [--period-start YYYY-MM-DD] [--tiers FILE] [--dollars-per-wrvu N] [--base-salary N] [--map FILE] [--provider NAME|all] [--late-cancel-hours N] -o OUT.xlsx",
  flags: FLAGS,
  async run(flags: ParsedFlags, io: CliIO): Promise<number> {
    const out = textFlag(flags, "out")!;
    const req: TargetRequest = {
      wrvuTarget: numberFlag(flags, "wrvu-target")!,
      ytd: numberFlag(flags, "ytd"),
      appointments: textFlag(flags, "appointments"),
      production: textFlag(flags, "production"),
      asOf: dateFlag(flags, "as-of"),
      periodStart: dateFlag(flags, "period-start"),
      dollarsPerWrvu: nonNegativeFlag(flags, "dollars-per-wrvu"),
      baseSalary: nonNegativeFlag(flags, "base-salary"),
      tiersFile: textFlag(flags, "tiers"),
      ...logFlags(flags),
    };
    const { plan, metrics, production } = await buildTargetFromRequest(req, io);
    await writeWorkbook([plan], out, io);
    io.out(formatTargetSummary(metrics, req, production));
    io.out(`\nWrote ${out}`);
    return 0;
  },
};
