/**
 * `clinpay targets`: the Target Tracker sheet from a wRVU target, the YTD figure and its date
 * (and optionally the contract's bonus tiers).
 */
import * as path from "path";
import { UsageError, nonNegativeFlag, numberFlag, textFlag, type FlagSpec, type ParsedFlags } from "../args";
import type { CliIO, Command } from "../command";
import { readTable } from "../read";
import { CellError, parseDateValue } from "../../core/table";
import { parseTargetTiers } from "../../core/inputs/offers";
import { DEFAULT_DOLLARS_PER_WRVU } from "../../core/leakage";
import { checkTargetPeriod, targetMetrics, type TargetMetrics } from "../../core/targets";
import { serialToIso as iso } from "../../core/dates";
import { buildTargetPlan } from "../../sheets/target-tracker";
import type { SheetPlan } from "../../sheets/plan";
import { writeWorkbook } from "../write";

const FLAGS: FlagSpec[] = [
  { name: "wrvu-target", value: "number", required: true, help: "the contract's annual wRVU target, e.g. 5000" },
  { name: "ytd", value: "number", required: true, help: "wRVUs produced so far this period, e.g. 1150" },
  { name: "as-of", value: "date", required: true, help: "the date the YTD figure runs to, YYYY-MM-DD" },
  { name: "period-start", value: "date", help: "first day of the contract year, YYYY-MM-DD (default Jan 1 of --as-of's year)" },
  { name: "tiers", value: "file", help: "bonus tiers, .csv or .xlsx (threshold, rate[, method]); without it the bonus is $ per wRVU above target" },
  { name: "dollars-per-wrvu", value: "number", help: `$ per wRVU your contract pays (default ${DEFAULT_DOLLARS_PER_WRVU})` },
  { name: "base-salary", value: "number", help: "your guaranteed salary a year, for Effective $ per wRVU (default 0)" },
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

export interface TargetRequest {
  wrvuTarget: number;
  ytd: number;
  /** Excel serial. */
  asOf: number;
  /** Excel serial; default Jan 1 of asOf's year. */
  periodStart?: number;
  /** Omitted: DEFAULT_DOLLARS_PER_WRVU, marked in the sheet as a default to replace. */
  dollarsPerWrvu?: number;
  /** Guaranteed salary a year; omitted: 0, marked in the sheet. */
  baseSalary?: number;
  /** A tiers file: threshold, rate[, method]. */
  tiersFile?: string;
}

/**
 * Checks the figures, reads the tiers file, computes and builds the plan, unwritten. Throws
 * UsageError for figures that cannot be (As of before the period start) and InputError for a
 * bad tiers file.
 */
export async function buildTargetFromRequest(req: TargetRequest, io: CliIO, builtAt = new Date()): Promise<{ plan: SheetPlan; metrics: TargetMetrics }> {
  if (!(req.wrvuTarget > 0)) throw new UsageError(`--wrvu-target must be more than 0, got ${req.wrvuTarget}`);
  if (!(req.ytd >= 0)) throw new UsageError(`--ytd cannot be negative, got ${req.ytd}`);
  const period = checkTargetPeriod(req.asOf, req.periodStart);
  if (!period.ok) {
    const flag = period.field === "asOf" ? `--as-of ${iso(req.asOf)}` : `--period-start ${iso(req.periodStart!)}`;
    throw new UsageError(`${flag}: ${period.message.replace(/As of/g, "--as-of")}`);
  }
  const start = period.start;
  const dollarsPerWrvu = req.dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU;
  let tiers;
  if (req.tiersFile) {
    io.progress(`reading ${req.tiersFile}`);
    tiers = parseTargetTiers(await readTable(req.tiersFile, "tiers"));
  }
  const metrics = targetMetrics({ wrvuTarget: req.wrvuTarget, ytd: req.ytd, asOf: req.asOf, periodStart: start, dollarsPerWrvu, tiers, baseSalary: req.baseSalary });
  const plan = buildTargetPlan({
    wrvuTarget: req.wrvuTarget,
    ytd: req.ytd,
    asOf: req.asOf,
    periodStart: start,
    dollarsPerWrvu,
    tiers,
    builtAt,
    source: req.tiersFile ? `command-line figures and ${path.basename(req.tiersFile)}` : "command-line figures",
    baseSalary: req.baseSalary,
    defaults: { dollarsPerWrvu: req.dollarsPerWrvu === undefined, periodStart: req.periodStart === undefined, baseSalary: req.baseSalary === undefined },
    metrics,
  });
  return { plan, metrics };
}

/** The terminal summary of the key figures. */
export function formatTargetSummary(m: TargetMetrics, req: TargetRequest): string {
  const dpw = req.dollarsPerWrvu ?? DEFAULT_DOLLARS_PER_WRVU;
  const dflt = req.dollarsPerWrvu === undefined ? ` (ClinPay's default: type yours in the sheet's Assumptions, or pass --dollars-per-wrvu)` : "";
  return [
    `Projected annual wRVUs ${fmt(m.projected)} against a target of ${fmt(req.wrvuTarget)} (gap ${fmt(m.gap)}; ${iso(m.periodStart)} + ${m.daysElapsed} days)`,
    `Pace needed per week ${m.paceNeeded === null ? "n/a: the period is over" : `${fmt(m.paceNeeded, 1)} wRVUs`}`,
    `Projected bonus $${fmt(m.bonus)} (${m.bonusRule === "tiers" ? `tiers from ${path.basename(req.tiersFile!)}` : `$${fmt(dpw, 2)} per wRVU above target${dflt}`})`,
    `Rebased salary $${fmt(m.rebasedSalary)} at $${fmt(dpw, 2)} per wRVU${dflt}`,
    `Average per week so far ${fmt(m.averagePerWeek, 1)} wRVUs${m.catchUpRatio === null ? "" : `; catch-up ratio ${fmt(m.catchUpRatio, 2)} (${m.catchUpRatio > 1 ? "the rest of the year must run faster than so far" : "on or ahead of the pace needed"})`}`,
    `Effective $ per wRVU ${m.effectiveDollarsPerWrvu === null ? "n/a: no projected wRVUs" : `$${fmt(m.effectiveDollarsPerWrvu, 2)}`} (base salary $${fmt(req.baseSalary ?? 0)}${req.baseSalary === undefined ? ", pass --base-salary" : ""} + projected bonus, over projected wRVUs)`,
  ].join("\n");
}

export const targetsCommand: Command = {
  name: "targets",
  summary: "Target Tracker: projected wRVUs, gap, weekly pace, bonus and rebased salary",
  synopsis: "--wrvu-target N --ytd N --as-of YYYY-MM-DD [--period-start YYYY-MM-DD] [--tiers FILE] [--dollars-per-wrvu N] [--base-salary N] -o OUT.xlsx",
  flags: FLAGS,
  async run(flags: ParsedFlags, io: CliIO): Promise<number> {
    const out = textFlag(flags, "out")!;
    const req: TargetRequest = {
      wrvuTarget: numberFlag(flags, "wrvu-target")!,
      ytd: numberFlag(flags, "ytd")!,
      asOf: dateFlag(flags, "as-of")!,
      periodStart: dateFlag(flags, "period-start"),
      dollarsPerWrvu: nonNegativeFlag(flags, "dollars-per-wrvu"),
      baseSalary: nonNegativeFlag(flags, "base-salary"),
      tiersFile: textFlag(flags, "tiers"),
    };
    const { plan, metrics } = await buildTargetFromRequest(req, io);
    await writeWorkbook([plan], out, io);
    io.out(formatTargetSummary(metrics, req));
    io.out(`\nWrote ${out}`);
    return 0;
  },
};
