/** `clinpay offers`: the Offer Comparison workbook from an Offers table (+ Tiers, Scenarios). */
import * as path from "path";
import { textFlag } from "../args";
import type { CliIO, Command } from "../command";
import { readTable } from "../read";
import { readOfferInputs } from "../../core/inputs/offers";
import type { OfferComparison } from "../../core/offers";
import { DEFAULT_LEVELS, type MatchHow, type OfferLevelFigures } from "../../core/offer-levels";
import { buildOfferComparison } from "../../sheets/offer-comparison";
import type { SheetPlan } from "../../sheets/plan";
import { writeWorkbook } from "../write";

export interface OfferFiles {
  offers: string;
  tiers?: string;
  scenarios?: string;
}

/** The meta line's "from ...": the files by name, so the sheet says what it was built from. */
function describeSources(files: OfferFiles): string {
  const parts = [path.basename(files.offers)];
  if (files.tiers) parts.push(path.basename(files.tiers));
  parts.push(files.scenarios ? path.basename(files.scenarios) : "default scenarios");
  return parts.join(", ");
}

/**
 * Reads and checks the files, builds the plan, and returns it unwritten, so `demo` can put it
 * in the same atomic write path. Throws InputError listing every problem in all three files.
 */
export async function buildOfferComparisonFromFiles(
  files: OfferFiles,
  io: CliIO,
  builtAt = new Date()
): Promise<{ plan: SheetPlan; comparison: OfferComparison; levels: OfferLevelFigures }> {
  io.progress(`reading ${files.offers}${files.tiers ? `, ${files.tiers}` : ""}${files.scenarios ? `, ${files.scenarios}` : ""}`);
  // An .xlsx may hold all three tables; each file is asked for the table of its own name.
  const [offers, tiers, scenarios] = await Promise.all([
    readTable(files.offers, "offers"),
    files.tiers ? readTable(files.tiers, "tiers") : undefined,
    files.scenarios ? readTable(files.scenarios, "scenarios") : undefined,
  ]);
  const inputs = readOfferInputs({ offers, tiers, scenarios });
  io.progress(`building Offer Comparison: ${inputs.offers.length} offers × ${inputs.scenarios.length} scenarios`);
  const { plan, comparison, levels } = buildOfferComparison({ ...inputs, source: describeSources(files), builtAt });
  return { plan, comparison, levels };
}

const money = (n: number | null): string =>
  n === null || !Number.isFinite(n) ? "—" : `${n < 0 ? "-" : ""}$${Math.abs(n).toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
const hourly = (n: number): string =>
  Number.isFinite(n) ? `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}` : "—";

/** Columns padded to their widest cell; numbers right-aligned. */
export function textTable(headers: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells.map((s, c) => (rightAligned[c] ? s.padStart(widths[c]) : s.padEnd(widths[c]))).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The terminal summary: offers best first, with what the sheet's Per-offer table says. */
export function formatOfferSummary(c: OfferComparison): string {
  // Rows are offer-major, so each offer's first row is its first ("Expected") scenario.
  const scenarios = c.summary.length > 0 ? c.rows.length / c.summary.length : 1;
  const expected = c.rows.filter((_, k) => k % scenarios === 0);
  const order = c.summary.map((s, i) => i).sort((a, b) => c.summary[a].expectedRank - c.summary[b].expectedRank || a - b);
  const rows = order.map((i) => {
    const s = c.summary[i];
    const e = expected[i];
    const gap = e.gapToAdvertised === null ? "—" : `${money(Math.abs(e.gapToAdvertised))} ${e.gapToAdvertised >= 0 ? "short" : "over"}`;
    return [
      String(s.expectedRank),
      s.offer,
      hourly(s.expectedEffectiveHourly),
      money(e.advertised),
      money(e.annualPay),
      gap,
      `${s.worstScenario} (${hourly(s.worstEffectiveHourly)})`,
    ];
  });
  return textTable(
    ["Rank", "Offer", "Effective hourly", "Advertised", "Realistic annual", "Gap to advertised", "Worst scenario"],
    rows,
    [true, false, true, true, true, true, false]
  );
}

const HOW_SHORT: Record<MatchHow, string> = { guarantee: "its guarantee alone", volume: "", step: " (just above a tier threshold)", none: "" };

/** Effective hourly at each productivity level, and what each offer needs to match the compared one. */
export function formatLevelsSummary(l: OfferLevelFigures): string {
  const rows = l.offers.map((o) => {
    const m = o.match;
    const need =
      m.how === "none" ? "no volume matches it" : m.how === "guarantee" ? HOW_SHORT.guarantee : `${m.unitsPerHour!.toFixed(2)} an hour${HOW_SHORT[m.how]} (expects ${o.unitsPerHour.toFixed(2)})`;
    return [o.offer, ...o.byLevel.map(hourly), need];
  });
  return [
    `Effective hourly by productivity level, and units per hour to match ${l.compareAgainst} (${hourly(l.targetHourly)} an hour):`,
    textTable(["Offer", ...DEFAULT_LEVELS.map((x) => x.level), "Units per hour to match"], rows, [false, ...DEFAULT_LEVELS.map(() => true), false]),
  ].join("\n");
}

export const offersCommand: Command = {
  name: "offers",
  summary: "Offer Comparison: which offer pays best per real hour, and in a bad quarter",
  synopsis: "--offers FILE [--tiers FILE] [--scenarios FILE] -o OUT.xlsx",
  flags: [
    { name: "offers", value: "file", required: true, help: "the Offers table, .csv or .xlsx (one row per offer)" },
    { name: "tiers", value: "file", help: "the Tiers table: offer, threshold, rate, method" },
    { name: "scenarios", value: "file", help: "the Scenarios table (default: Expected and four bad cases)" },
    { name: "out", alias: "o", value: "file", required: true, help: "the workbook to write, e.g. out/offers.xlsx" },
  ],
  async run(flags, io) {
    const out = textFlag(flags, "out")!;
    const files: OfferFiles = { offers: textFlag(flags, "offers")!, tiers: textFlag(flags, "tiers"), scenarios: textFlag(flags, "scenarios") };
    const { plan, comparison, levels } = await buildOfferComparisonFromFiles(files, io);
    await writeWorkbook([plan], out, io);
    io.out(formatOfferSummary(comparison));
    io.out(`\n${formatLevelsSummary(levels)}`);
    io.out(`\nWrote ${out}`);
    return 0;
  },
};
