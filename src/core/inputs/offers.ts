/**
 * The Offers, Tiers and Scenarios tables (SPEC §2) → Offer, OfferTiers and Scenario values.
 * Each parser throws one InputError listing every problem; readOfferInputs reads all three at
 * once so a user fixing their workbook sees everything wrong in one go.
 */
import type { Offer, OfferTiers, Problem, RawTable, RawValue, Scenario, TierMethod } from "./types";
import {
  CellError,
  InputError,
  cellText,
  custom,
  nonNegative,
  number,
  oneOf,
  rate,
  readRows,
  showNumber,
  text,
  throwIfProblems,
  type Row,
} from "../table";
import { normalizeTiers, parseTierMethod } from "../tiers";
import { hoursPerYear } from "../offers";

/** 366 days of 24 hours: no year holds more hours of work. */
const HOURS_IN_A_YEAR = 366 * 24;

/** The more offer terms at their SPEC defaults: an offer with these pays exactly what it did before them. */
export const MORE_TERMS_DEFAULTS = {
  callShiftsPerYear: 0,
  callPayPerShift: 0,
  callHoursWorkedPerShift: 0,
  qualityWithhold: 0,
  qualityEarned: 1,
  fte: 1,
  signingBonus: 0,
  relocation: 0,
  loanRepayment: 0,
  tailCoverage: 0,
  commitmentYears: 1,
  benefitsAnnual: 0,
} as const satisfies Partial<Offer>;
const D = MORE_TERMS_DEFAULTS;

const OFFER_COLUMNS = {
  offer: text("offer", { hint: "type a name for the offer, e.g. Clinic A" }),
  baseSalary: nonNegative("base_salary", { default: 0, example: "260000" }),
  hourlyRate: nonNegative("hourly_rate", { default: 0, example: "120" }),
  payPerUnit: nonNegative("pay_per_unit", { default: 0, example: "45" }),
  unit: oneOf("unit", ["visit", "wrvu"] as const, {
    default: "visit",
    synonyms: { visits: "visit", wrvus: "wrvu", rvu: "wrvu", rvus: "wrvu" },
  }),
  unitsPerHour: nonNegative("units_per_hour", {
    example: "3",
    hint: "type the booked visits (or wRVUs) per paid clinical hour, e.g. 3",
  }),
  paidHoursPerWeek: number("paid_hours_per_week", {
    above: 0,
    max: 168,
    example: "32",
    what: "hours a week",
    hint: "type the paid clinical hours per week, e.g. 32",
  }),
  weeksPerYear: number("weeks_per_year", { default: 48, min: 1, max: 53, example: "48", what: "working weeks a year" }),
  unpaidHoursPerWeek: nonNegative("unpaid_hours_per_week", { default: 0, max: 168, example: "6", what: "hours a week" }),
  noShowRate: rate("no_show_rate", { default: 0 }),
  paidNoShowShare: rate("paid_no_show_share", { default: 0 }),
  combine: oneOf("combine", ["plus", "greater_of"] as const, { default: "plus", synonyms: { max: "greater_of" } }),
  advertisedAnnual: nonNegative<null>("advertised_annual", { default: null, example: "300000" }),
  callShiftsPerYear: nonNegative("call_shifts_per_year", { default: D.callShiftsPerYear, example: "52", what: "shifts a year" }),
  callPayPerShift: nonNegative("call_pay_per_shift", { default: D.callPayPerShift, example: "1200" }),
  callHoursWorkedPerShift: nonNegative("call_hours_worked_per_shift", {
    default: D.callHoursWorkedPerShift,
    max: 24,
    example: "6",
    what: "hours a shift",
    inRange: "type the hours actually worked in one call shift (calls, admits, messages), e.g. 6",
  }),
  qualityWithhold: rate("quality_withhold", { default: D.qualityWithhold }),
  qualityEarned: rate("quality_earned", { default: D.qualityEarned }),
  fte: number("fte", { default: D.fte, above: 0, max: 1.5, example: "0.8", what: "FTE", inRange: "type the clinical FTE the offer's hours are, e.g. 0.8 (1 is full time)" }),
  signingBonus: nonNegative("signing_bonus", { default: D.signingBonus, example: "25000" }),
  relocation: nonNegative("relocation", { default: D.relocation, example: "10000" }),
  loanRepayment: nonNegative("loan_repayment", { default: D.loanRepayment, example: "50000" }),
  tailCoverage: nonNegative("tail_coverage", { default: D.tailCoverage, example: "30000" }),
  commitmentYears: number("commitment_years", {
    default: D.commitmentYears,
    above: 0,
    max: 40,
    example: "3",
    what: "years",
    inRange: "type the years the one-time money assumes (its clawback period), e.g. 3, or 1 when there is none",
  }),
  benefitsAnnual: nonNegative("benefits_annual", { default: D.benefitsAnnual, example: "30000" }),
};

/** Offer names are matched ignoring case and surrounding spaces ("Clinic A" = "clinic a "). */
export function offerKey(name: string): string {
  return name.trim().toLowerCase();
}

/** Offer and scenario names are unique ignoring case: remembers each name's first row and
 *  returns the problem for a later row that repeats one. */
function repeatedName(firstRow: Map<string, number>, t: RawTable, row: number, noun: "offer" | "scenario", name: string): Problem | null {
  const key = offerKey(name);
  const seen = firstRow.get(key);
  if (seen === undefined) {
    firstRow.set(key, row);
    return null;
  }
  return {
    source: t.source,
    row,
    column: noun,
    value: name,
    message: `the ${noun} name is already used on row ${seen}; give each ${noun} its own name`,
  };
}

function readOffers(t: RawTable): { offers: Offer[]; names: Map<string, string>; problems: Problem[] } {
  const { rows, problems } = readRows(t, OFFER_COLUMNS, { rowNoun: "offer" });
  const names = new Map<string, string>();
  const firstRow = new Map<string, number>();
  const offers: Offer[] = [];
  for (const r of rows) {
    if (r.offer) {
      const dup = repeatedName(firstRow, t, r.row, "offer", r.offer);
      if (dup) {
        problems.push(dup);
        continue;
      }
      names.set(offerKey(r.offer), r.offer);
    }
    if (!r.ok) continue;
    const hours = r.paidHoursPerWeek + r.unpaidHoursPerWeek;
    if (hours > 168) {
      problems.push({
        source: t.source,
        row: r.row,
        column: "unpaid_hours_per_week",
        value: showNumber(r.unpaidHoursPerWeek),
        message: `paid plus unpaid hours come to ${showNumber(hours)} a week, more than the 168 hours a week has`,
      });
      continue;
    }
    const offer = toOffer(r);
    const yearHours = hoursPerYear(offer);
    if (yearHours > HOURS_IN_A_YEAR) {
      problems.push({
        source: t.source,
        row: r.row,
        column: "call_hours_worked_per_shift",
        value: showNumber(r.callHoursWorkedPerShift),
        message: `paid, unpaid and on-call hours come to ${yearHours.toLocaleString("en-US")} a year, more than the ${HOURS_IN_A_YEAR.toLocaleString("en-US")} hours a year has: check call_shifts_per_year and call_hours_worked_per_shift`,
      });
      continue;
    }
    offers.push(offer);
  }
  return { offers, names, problems };
}

function toOffer(r: Row<typeof OFFER_COLUMNS>): Offer {
  return {
    row: r.row,
    offer: r.offer,
    baseSalary: r.baseSalary,
    hourlyRate: r.hourlyRate,
    payPerUnit: r.payPerUnit,
    unit: r.unit,
    unitsPerHour: r.unitsPerHour,
    paidHoursPerWeek: r.paidHoursPerWeek,
    weeksPerYear: r.weeksPerYear,
    unpaidHoursPerWeek: r.unpaidHoursPerWeek,
    noShowRate: r.noShowRate,
    paidNoShowShare: r.paidNoShowShare,
    combine: r.combine,
    advertisedAnnual: r.advertisedAnnual,
    callShiftsPerYear: r.callShiftsPerYear,
    callPayPerShift: r.callPayPerShift,
    callHoursWorkedPerShift: r.callHoursWorkedPerShift,
    qualityWithhold: r.qualityWithhold,
    qualityEarned: r.qualityEarned,
    fte: r.fte,
    signingBonus: r.signingBonus,
    relocation: r.relocation,
    loanRepayment: r.loanRepayment,
    tailCoverage: r.tailCoverage,
    commitmentYears: r.commitmentYears,
    benefitsAnnual: r.benefitsAnnual,
  };
}

/** The Offers table: one row per job offer. Throws InputError listing every problem. */
export function parseOffers(t: RawTable): Offer[] {
  const { offers, problems } = readOffers(t);
  throwIfProblems(problems);
  return offers;
}

// ---------------------------------------------------------------------------------------------
// Tiers

const METHOD_HINT = "type marginal, cliff or flat (blank means marginal)";

function methodCell(v: RawValue): TierMethod | CellError {
  try {
    return parseTierMethod(cellText(v));
  } catch {
    return new CellError(`is not a tier method: ${METHOD_HINT}`);
  }
}

const TIER_COLUMNS = {
  threshold: nonNegative("threshold", {
    example: "120",
    hint: "type the annual units above which this tier's rate applies, e.g. 120 (0 for the first tier)",
  }),
  rate: nonNegative("rate", { example: "30", hint: "type the $ per unit (or lump sum, for flat) of this tier, e.g. 30" }),
  method: custom<TierMethod, null>("method", methodCell, { default: null, hint: METHOD_HINT }),
};

const OFFER_TIER_COLUMNS = {
  offer: text("offer", { hint: "type the offer these tiers belong to, as named in the Offers table" }),
  ...TIER_COLUMNS,
};

type TierRow = Row<typeof TIER_COLUMNS>;

/**
 * One offer's tier rows → OfferTiers. Rows may come in any order (sorted by threshold); a blank
 * method takes the method written on the offer's other rows, else marginal.
 */
function buildTiers(rows: TierRow[], source: string, label: string, problems: Problem[]): OfferTiers | undefined {
  let method: TierMethod | undefined;
  let methodRow = 0;
  let bad = false;
  for (const r of rows) {
    if (r.method === null) continue;
    if (method === undefined) {
      method = r.method;
      methodRow = r.row;
    } else if (r.method !== method) {
      bad = true;
      problems.push({
        source,
        row: r.row,
        column: "method",
        value: r.method,
        message: `${label} already uses ${method} (row ${methodRow}); all tiers of one offer share one method`,
      });
    }
  }
  const sorted = rows.slice().sort((a, b) => a.threshold - b.threshold || a.row - b.row);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].threshold === sorted[i - 1].threshold) {
      bad = true;
      const [first, second] = sorted[i].row > sorted[i - 1].row ? [sorted[i - 1], sorted[i]] : [sorted[i], sorted[i - 1]];
      problems.push({
        source,
        row: second.row,
        column: "threshold",
        value: showNumber(second.threshold),
        message: `${label} already has a tier at threshold ${showNumber(first.threshold)} (row ${first.row}); each tier needs its own threshold`,
      });
    }
  }
  if (bad) return undefined;
  try {
    const normal = normalizeTiers(
      sorted.map((r) => r.threshold),
      sorted.map((r) => r.rate)
    );
    return { method: method ?? "marginal", thresholds: normal.thresholds, rates: normal.rates };
  } catch (e) {
    problems.push({
      source,
      row: sorted[0].row,
      column: "threshold",
      value: "",
      message: `${label}: ${e instanceof Error ? e.message : String(e)}`,
    });
    return undefined;
  }
}

function readTiers(t: RawTable, offerNames: Map<string, string>): { tiers: Map<string, OfferTiers>; problems: Problem[] } {
  const { rows, problems } = readRows(t, OFFER_TIER_COLUMNS, { rowNoun: "tier" });
  const groups = new Map<string, TierRow[]>();
  const known = [...offerNames.values()];
  for (const r of rows) {
    if (!r.offer) continue;
    const key = offerKey(r.offer);
    if (!offerNames.has(key)) {
      problems.push({
        source: t.source,
        row: r.row,
        column: "offer",
        value: r.offer,
        message:
          `no offer of this name in the Offers table` +
          (known.length ? ` (its offers are: ${known.join(", ")})` : "") +
          `; fix the name or add the offer`,
      });
      continue;
    }
    if (!r.ok) continue;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(r);
  }
  const tiers = new Map<string, OfferTiers>();
  for (const [key, group] of groups) {
    const name = offerNames.get(key)!;
    const built = buildTiers(group, t.source, `offer "${name}"`, problems);
    if (built) tiers.set(name, built);
  }
  return { tiers, problems };
}

/**
 * The Tiers table (offer, threshold, rate, method) → tiers per offer, keyed by the offer's name
 * as the Offers table spells it. Throws InputError listing every problem.
 */
export function parseTiers(t: RawTable, offers: Offer[]): Map<string, OfferTiers> {
  const names = new Map<string, string>();
  for (const o of offers) names.set(offerKey(o.offer), o.offer);
  const { tiers, problems } = readTiers(t, names);
  throwIfProblems(problems);
  return tiers;
}

/** A `clinpay targets --tiers` file: threshold, rate[, method], one contract. */
export function parseTargetTiers(t: RawTable): OfferTiers {
  const { rows, problems } = readRows(t, TIER_COLUMNS, { rowNoun: "tier" });
  const good = rows.filter((r) => r.ok);
  const tiers = problems.length === 0 ? buildTiers(good, t.source, "the contract", problems) : undefined;
  throwIfProblems(problems);
  return tiers!;
}

// ---------------------------------------------------------------------------------------------
// Scenarios

/** SPEC §2's scenarios, used when the user gives none. Names use U+2212 (−) as the SPEC does. */
export const DEFAULT_SCENARIOS: readonly Readonly<Scenario>[] = Object.freeze([
  { scenario: "Expected", volumeFactor: 1, months: 12, noShowAdd: 0, unpaidFactor: 1, wrvuFactor: 1 },
  { scenario: "Volume \u221220% for 3 months", volumeFactor: 0.8, months: 3, noShowAdd: 0, unpaidFactor: 1, wrvuFactor: 1 },
  { scenario: "No-shows +10 points", volumeFactor: 1, months: 12, noShowAdd: 0.1, unpaidFactor: 1, wrvuFactor: 1 },
  { scenario: "Inbox doubles", volumeFactor: 1, months: 12, noShowAdd: 0, unpaidFactor: 2, wrvuFactor: 1 },
  { scenario: "Downcoding (\u22125% wRVU)", volumeFactor: 1, months: 12, noShowAdd: 0, unpaidFactor: 1, wrvuFactor: 0.95 },
].map((s) => Object.freeze(s)));

const SCENARIO_COLUMNS = {
  scenario: text("scenario", { hint: "type a name for the scenario, e.g. Volume −20% for 3 months" }),
  volumeFactor: nonNegative("volume_factor", { default: 1, example: "0.8", percent: true }),
  months: number("months", { default: 12, min: 0, max: 12, example: "3", what: "months (a scenario lasts part or all of one year)" }),
  noShowAdd: rate("no_show_add", { default: 0, min: -1 }),
  unpaidFactor: nonNegative("unpaid_factor", { default: 1, example: "2", percent: true }),
  wrvuFactor: nonNegative("wrvu_factor", { default: 1, example: "0.95", percent: true }),
};

function readScenarios(t: RawTable): { scenarios: Scenario[]; problems: Problem[] } {
  const { rows, problems } = readRows(t, SCENARIO_COLUMNS, { rowNoun: "scenario" });
  const firstRow = new Map<string, number>();
  const scenarios: Scenario[] = [];
  for (const r of rows) {
    if (r.scenario) {
      const dup = repeatedName(firstRow, t, r.row, "scenario", r.scenario);
      if (dup) {
        problems.push(dup);
        continue;
      }
    }
    if (!r.ok) continue;
    scenarios.push({
      scenario: r.scenario,
      volumeFactor: r.volumeFactor,
      months: r.months,
      noShowAdd: r.noShowAdd,
      unpaidFactor: r.unpaidFactor,
      wrvuFactor: r.wrvuFactor,
    });
  }
  return { scenarios, problems };
}

/** The Scenarios table, or (no table) a fresh copy of DEFAULT_SCENARIOS. */
export function parseScenarios(t?: RawTable): Scenario[] {
  if (!t) return DEFAULT_SCENARIOS.map((s) => ({ ...s }));
  const { scenarios, problems } = readScenarios(t);
  throwIfProblems(problems);
  return scenarios;
}

// ---------------------------------------------------------------------------------------------

export interface OfferInputs {
  offers: Offer[];
  /** Keyed by the offer's name as written in the Offers table. */
  tiers: Map<string, OfferTiers>;
  scenarios: Scenario[];
}

/**
 * Offers, tiers and scenarios together, with one InputError listing every problem in all
 * three (tiers are checked against every offer name, even offers whose rows have problems).
 */
export function readOfferInputs(tables: { offers: RawTable; tiers?: RawTable; scenarios?: RawTable }): OfferInputs {
  const problems: Problem[] = [];
  const o = readOffers(tables.offers);
  problems.push(...o.problems);
  let tiers = new Map<string, OfferTiers>();
  if (tables.tiers) {
    const t = readTiers(tables.tiers, o.names);
    problems.push(...t.problems);
    tiers = t.tiers;
  }
  let scenarios = parseScenarios();
  if (tables.scenarios) {
    const s = readScenarios(tables.scenarios);
    problems.push(...s.problems);
    scenarios = s.scenarios;
  }
  if (problems.length) throw new InputError(problems);
  return { offers: o.offers, tiers, scenarios };
}
