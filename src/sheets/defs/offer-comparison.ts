/** Offer Comparison's definition: the Offers, Tiers and Scenarios tables → the sheet and its summary. */
import { readOfferInputs } from "../../core/inputs/offers";
import { missingTiersWarning, offersWithoutTiers, oneTimePerYear, type OfferComparison, type OfferYear } from "../../core/offers";
import type { Offer } from "../../core/inputs/types";
import { DEFAULT_LEVELS, type MatchHow, type OfferLevelFigures } from "../../core/offer-levels";
import { displayName, has, type SheetDefinition } from "../definition";
import { fmt, hourly, money, pct, textTable } from "./text";
import { MAX_OFFERS, rowLimitProblem } from "../../core/limits";
import { InputError } from "../../core/table";

/** The terminal summary: offers best first, with what the sheet's Per-offer table says, then each offer's more terms. */
export function formatOfferSummary(c: OfferComparison, offers: readonly Offer[]): string {
  // Rows are offer-major, so each offer's first row is its first ("Expected") scenario.
  const scenarios = c.summary.length > 0 ? c.rows.length / c.summary.length : 1;
  const expected = c.rows.filter((_, k) => k % scenarios === 0);
  const order = c.summary.map((s, i) => i).sort((a, b) => c.summary[a].expectedRank - c.summary[b].expectedRank || a - b);
  // Total hourly only when benefits or one-time money make it differ from the effective hourly somewhere.
  const totals = expected.some((e) => e.totalCompensation !== e.annualPay);
  const rows = order.map((i) => {
    const s = c.summary[i];
    const e = expected[i];
    const gap = e.gapToAdvertised === null ? "—" : `${money(Math.abs(e.gapToAdvertised))} ${e.gapToAdvertised >= 0 ? "short" : "over"}`;
    return [String(s.expectedRank), s.offer, hourly(s.expectedEffectiveHourly), ...(totals ? [hourly(s.expectedTotalEffectiveHourly)] : []), money(e.advertised), money(e.annualPay), gap, `${s.worstScenario} (${hourly(s.worstEffectiveHourly)})`];
  });
  const headers = ["Rank", "Offer", "Effective hourly", ...(totals ? ["Total hourly"] : []), "Advertised", "Realistic annual", "Gap to advertised", "Worst scenario"];
  const table = textTable(headers, rows, [true, false, true, ...(totals ? [true] : []), true, true, true, false]);
  const terms = offers.flatMap((o, i) => {
    const line = termsLine(o, expected[i]);
    return line ? [`  ${o.offer}: ${line}`] : [];
  });
  return terms.length === 0 ? table : [table, "", `More offer terms (${c.rows[0]?.scenario ?? "first scenario"}):`, ...terms].join("\n");
}

/** What an offer's more terms add and cost, in the first scenario; "" when it has none. */
export function termsLine(o: Offer, y: OfferYear): string {
  const parts: string[] = [];
  if (o.callShiftsPerYear > 0 && (o.callPayPerShift > 0 || o.callHoursWorkedPerShift > 0)) {
    parts.push(`call pays ${money(y.callPay)} a year (${plain(o.callShiftsPerYear)} shifts × ${money2(o.callPayPerShift)})${y.callHoursPerYear > 0 ? ` for ${plain(y.callHoursPerYear)} hours worked on call` : ", no call hours counted"}`);
  }
  if (y.withholdShortfall > 0) parts.push(`the ${pct(o.qualityWithhold)} quality withhold, ${pct(o.qualityEarned)} earned back, keeps back ${money(y.withholdShortfall)} a year`);
  const extras = y.totalCompensation - y.annualPay;
  if (extras !== 0) {
    const oneTime = oneTimePerYear(o);
    const over = o.commitmentYears === 1 ? "" : ` over ${plain(o.commitmentYears)} years`;
    const pieces = [o.benefitsAnnual !== 0 ? `${money(o.benefitsAnnual)} of benefits` : "", oneTime !== 0 ? `${money(oneTime)} a year of one-time money${over}` : ""].filter(Boolean);
    parts.push(`total compensation ${money(y.totalCompensation)} (${hourly(y.totalEffectiveHourly)}/h) with ${pieces.join(" and ")}`);
  }
  if (o.fte !== 1) parts.push(`${plain(o.fte)} FTE: ${money(y.annualPayAtFullFte)} a year at 1.0 FTE`);
  return parts.join("; ");
}

const money2 = (n: number): string => `$${fmt(n, Number.isInteger(n) ? 0 : 2)}`;
/** A count or factor as typed: 312, 0.8, 2.5 (at most two decimals). */
const plain = (n: number): string => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

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
      columns:
        "offer, units_per_hour, paid_hours_per_week; optionally base_salary, hourly_rate, pay_per_unit, unit, weeks_per_year, unpaid_hours_per_week, no_show_rate, paid_no_show_share, combine, advertised_annual, and the more terms call_shifts_per_year, call_pay_per_shift, call_hours_worked_per_shift, quality_withhold, quality_earned, fte, signing_bonus, relocation, loan_repayment, tail_coverage, commitment_years, benefits_annual",
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
      summary: [formatOfferSummary(comparison, inputs.offers), "", formatLevelsSummary(levels), ...warnings.flatMap((w) => ["", `Warning: ${w}`])].join("\n"),
    };
  },
  demo: {
    file: "offer-comparison.xlsx",
    heading: "Offer Comparison: which offer pays best per real hour (paid + unpaid), and its worst scenario",
    tables: { offers: "offers.csv", tiers: "tiers.csv" },
    fields: {},
  },
};
