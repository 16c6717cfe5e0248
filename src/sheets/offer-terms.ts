/**
 * The more offer terms on the Offer Comparison (SPEC §2 "More offer columns"): call pay, the
 * quality withhold, one-time money, benefits and FTE. They are an input table of their own under
 * the Offers table, one row per offer, always shown: each is a parameter the user can change
 * (SPEC §3's Assumptions), and at its default (0, or 1 for Quality earned, FTE and Commitment
 * years) it changes no figure, so an offer without them reads as before. The formulas here are
 * the SPEC's, over these cells, in the order src/core/offers.ts computes them.
 */
import type { Offer } from "../core/inputs/types";
import { FMT, formula, type Block, type PlanCell } from "./plan";
import { inputTableBlocks, sectionBlock } from "./blocks";

/** The table's columns in people's words; each reads back as its SPEC column (case, spaces and "_" ignored). */
export const TERM_COLUMNS = [
  "Offer",
  "Call shifts per year",
  "Call pay per shift",
  "Call hours worked per shift",
  "Quality withhold",
  "Quality earned",
  "FTE",
  "Signing bonus",
  "Relocation",
  "Loan repayment",
  "Tail coverage",
  "Commitment years",
  "Benefits annual",
] as const;

const TERM_KEYS = [
  "offer",
  "call_shifts_per_year",
  "call_pay_per_shift",
  "call_hours_worked_per_shift",
  "quality_withhold",
  "quality_earned",
  "fte",
  "signing_bonus",
  "relocation",
  "loan_repayment",
  "tail_coverage",
  "commitment_years",
  "benefits_annual",
] as const;
export type TermKey = (typeof TERM_KEYS)[number];

/** Column index of each term in the table. */
export const TERM = Object.fromEntries(TERM_KEYS.map((k, i) => [k, i])) as Record<TermKey, number>;

const FORMATS = [undefined, FMT.number, FMT.money, FMT.number1, FMT.percent, FMT.percent, FMT.number2, FMT.money, FMT.money, FMT.money, FMT.money, FMT.number1, FMT.money];

const values = (o: Offer): PlanCell[] => [
  o.callShiftsPerYear,
  o.callPayPerShift,
  o.callHoursWorkedPerShift,
  o.qualityWithhold,
  o.qualityEarned,
  o.fte,
  o.signingBonus,
  o.relocation,
  o.loanRepayment,
  o.tailCoverage,
  o.commitmentYears,
  o.benefitsAnnual,
];

/**
 * The table: its heading, the header, and per offer its name (a formula on the Offers table's
 * name, so a renamed offer stays one row) and its twelve terms as yellow inputs.
 */
export function termBlocks(offers: readonly Offer[], header: number, nameRef: (i: number) => string): Block[] {
  return [
    sectionBlock("Assumptions: more offer terms (call, quality withhold, one-time money, benefits, FTE; at 0, or 1 for Quality earned, FTE and Commitment years, they change nothing)", header - 1),
    ...inputTableBlocks(
      [...TERM_COLUMNS],
      offers.map((o, i) => [formula(nameRef(i), o.offer), ...values(o)]),
      header,
      0,
      FORMATS
    ),
  ];
}

/** Offer i's cell of a term, absolute. */
export type TermRef = (i: number, key: TermKey) => string;

/** Call shifts × pay per shift, a year. */
export const callPayFormula = (t: TermRef, i: number): string => `${t(i, "call_shifts_per_year")}*${t(i, "call_pay_per_shift")}`;

/** The withhold not earned back: base salary × withhold × (1 − earned). */
export const withheldFormula = (t: TermRef, i: number, baseSalary: string): string =>
  `${baseSalary}*${t(i, "quality_withhold")}*(1-${t(i, "quality_earned")})`;

/** Hours per year: paid and unpaid clinical hours, and the hours worked on call. */
export const hoursFormula = (t: TermRef, i: number, paidPerWeek: string, unpaidPerWeek: string, weeks: string): string =>
  `${paidPerWeek}*${weeks}+${unpaidPerWeek}*${weeks}+${t(i, "call_shifts_per_year")}*${t(i, "call_hours_worked_per_shift")}`;

/** Total compensation: annual pay, benefits, and the one-time money spread over the commitment. */
export const totalFormula = (t: TermRef, i: number, annualPay: string): string =>
  `${annualPay}+${t(i, "benefits_annual")}+(${t(i, "signing_bonus")}+${t(i, "relocation")}+${t(i, "loan_repayment")}-${t(i, "tail_coverage")})/${t(i, "commitment_years")}`;

/** Annual pay from its combined guarantee and production, with call pay and less the withhold not earned back. */
export const annualPayFormula = (combined: string, callPay: string, withheld: string): string => `${combined}+(${callPay}-${withheld})`;
