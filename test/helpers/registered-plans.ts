/**
 * Every registered sheet's plan from its demo data, plus the variants that change a layout: the
 * Target Tracker from typed figures (no copied rows, no data sheet), the Telehealth Scorecard with
 * every assumption blank, and the Offer Comparison without its tiers (the --tiers warning row).
 */
import { buildFromFlags } from "../../src/cli/sheet-command";
import { demoFlags } from "../../src/cli/commands/demo";
import { SHEETS } from "../../src/sheets/registry";
import type { SheetPlan } from "../../src/sheets/plan";
import type { CliIO } from "../../src/cli/command";
import type { ParsedFlags } from "../../src/cli/args";

const io: CliIO = { out: () => undefined, err: () => undefined, progress: () => undefined };
export const BUILT_AT = new Date(Date.UTC(2026, 5, 30));

export interface NamedPlan {
  label: string;
  kind: string;
  plan: SheetPlan;
}

const without = (flags: ParsedFlags, ...names: string[]): ParsedFlags => Object.fromEntries(Object.entries(flags).filter(([k]) => !names.includes(k)));

export async function registeredPlans(): Promise<NamedPlan[]> {
  const out: NamedPlan[] = [];
  for (const def of SHEETS) {
    const flags = demoFlags(def);
    out.push({ label: `${def.kind} (demo)`, kind: def.kind, plan: (await buildFromFlags(def, flags, io, BUILT_AT)).plan });
    const variants: [string, ParsedFlags][] =
      def.kind === "target-tracker"
        ? [["typed YTD", { ...without(flags, "appointments"), ytd: "1150", "as-of": "2026-03-31" }]]
        : def.kind === "telehealth-scorecard"
          ? [["blank assumptions", without(flags, "change-date", "group-no-show-rate", "group-wrvu-per-visit", "wrvu-target")]]
          : def.kind === "offer-comparison"
            ? [["without tiers", without(flags, "tiers")]]
            : def.kind === "pay-audit"
              ? [["RVU year 2025", { ...flags, "rvu-year": "2025" }]]
              : [["without a time log", without(flags, "time")]];
    for (const [label, f] of variants) out.push({ label: `${def.kind} (${label})`, kind: def.kind, plan: (await buildFromFlags(def, f, io, BUILT_AT)).plan });
  }
  return out;
}
