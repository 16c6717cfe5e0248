/** Offer Comparison's definition: the Offers, Tiers and Scenarios tables → the sheet and its summary. */
import { readOfferInputs } from "../../core/inputs/offers";
import { missingTiersWarning, offersWithoutTiers, type OfferComparison } from "../../core/offers";
import { DEFAULT_LEVELS, type MatchHow, type OfferLevelFigures } from "../../core/offer-levels";
import { displayName, has, type SheetDefinition } from "../definition";
import { hourly, money, textTable } from "./text";
import { MAX_OFFERS, rowLimitProblem } from "../../core/limits";
import { InputError } from "../../core/table";

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
    return [String(s.expectedRank), s.offer, hourly(s.expectedEffectiveHourly), money(e.advertised), money(e.annualPay), gap, `${s.worstScenario} (${hourly(s.worstEffectiveHourly)})`];
  });
  return textTable(["Rank", "Offer", "Effective hourly", "Advertised", "Realistic annual", "Gap to advertised", "Worst scenario"], rows, [true, false, true, true, true, true, false]);
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

export const offerComparison: SheetDefinition<typeof import("../offer-comparison")> = {
  kind: "offer-comparison",
  title: "Offer Comparison",
  summary: "Which offer pays best per real hour, in five scenarios, at every productivity level",
  command: { name: "offers", summary: "Offer Comparison: which offer pays best per real hour, and in a bad quarter" },
  inputs: [
    {
      key: "offers",
      label: "Offers",
      required: true,
      columns: "offer, units_per_hour, paid_hours_per_week; optionally base_salary, hourly_rate, pay_per_unit, unit, weeks_per_year, unpaid_hours_per_week, no_show_rate, paid_no_show_share, combine, advertised_annual",
      looksLike: has(/offer/i, /tier|scenario/i),
      cli: [{ flag: "offers", help: "the Offers table, .csv or .xlsx (one row per offer)" }],
      tableName: "offers",
    },
    {
      key: "tiers",
      label: "Tiers",
      required: false,
      none: "None: pay_per_unit for every offer",
      columns: "offer, threshold, rate, method",
      looksLike: has(/tier/i, /target/i),
      cli: [{ flag: "tiers", help: "the Tiers table: offer, threshold, rate, method" }],
      tableName: "tiers",
    },
    {
      key: "scenarios",
      label: "Scenarios",
      required: false,
      none: "None: the five standard scenarios",
      columns: "scenario, volume_factor, months, no_show_add, unpaid_factor, wrvu_factor",
      looksLike: has(/scenario/i),
      cli: [{ flag: "scenarios", help: "the Scenarios table (default: Expected and four bad cases)" }],
      tableName: "scenarios",
    },
  ],
  fields: [],
  fieldsNote: "Every assumption is a column of your Offers table. The built sheet copies them into yellow cells you can change there.",
  load: () => import(/* webpackChunkName: "sheet-offer-comparison" */ "../offer-comparison"),
  plan({ tables, builtAt }, { buildOfferComparison }) {
    const offers = tables.offers!;
    const many = rowLimitProblem(offers, MAX_OFFERS, "offer", `Offer Comparison compares at most ${MAX_OFFERS} (Annual pay by volume draws a line per offer, and an Excel chart holds ${MAX_OFFERS})`);
    if (many) throw new InputError([many]);
    const inputs = readOfferInputs({ offers, tiers: tables.tiers, scenarios: tables.scenarios });
    const source = [displayName(offers), tables.tiers && displayName(tables.tiers), tables.scenarios ? displayName(tables.scenarios) : "default scenarios"].filter(Boolean).join(", ");
    const { plan, comparison, levels } = buildOfferComparison({ offers: inputs.offers, tiers: inputs.tiers, scenarios: inputs.scenarios, source, builtAt });
    const n = inputs.offers.length;
    const m = inputs.scenarios.length;
    const missing = offersWithoutTiers(inputs.offers, inputs.tiers);
    const warnings = missing.length > 0 ? [missingTiersWarning(missing)] : [];
    return {
      plan,
      detail: `${n} offer${n === 1 ? "" : "s"} in ${m} scenario${m === 1 ? "" : "s"}`,
      warnings,
      summary: [formatOfferSummary(comparison), "", formatLevelsSummary(levels), ...warnings.flatMap((w) => ["", `Warning: ${w}`])].join("\n"),
    };
  },
  demo: {
    file: "offer-comparison.xlsx",
    heading: "Offer Comparison: which offer pays best per real hour (paid + unpaid), and its worst scenario",
    tables: { offers: "offers.csv", tiers: "tiers.csv" },
    fields: {},
  },
};
