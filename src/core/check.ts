/**
 * Argument checks shared by every ClinPay function. Messages speak to the person typing the
 * formula: the argument's name as Excel shows it, the rule, and an example of what to type.
 */
import { numError, valueError } from "./errors";

/** Latest date Excel can hold: 9999-12-31. */
export const MAX_SERIAL = 2958465;
/** 1900-03-01: the first date Excel and LibreOffice give the same serial and the same day counts. */
export const FIRST_SAFE_SERIAL = 61;

/** A number at all: NaN means something that was not a number got this far (#VALUE!); ±Infinity is #NUM!. */
export function requireFinite(name: string, x: number, example = "4"): number {
  if (typeof x !== "number" || Number.isNaN(x)) throw valueError(`${name} must be a number, e.g. ${example}`);
  if (!Number.isFinite(x)) throw numError(`${name} is too large to be a number ClinPay can use; type a number, e.g. ${example}`);
  return x;
}

/** A share of something: 0..1 inclusive. */
export function requireRate(name: string, x: number): number {
  requireFinite(name, x, "0.15");
  if (x < 0 || x > 1) throw numError(`${name} must be between 0 and 1, e.g. 15% or 0.15`);
  return x;
}

/** Counts, hours and money that cannot be negative. `what` says what the number is ("hours in the period"). */
export function requireNonNegative(name: string, x: number, what: string, example = "4"): number {
  requireFinite(name, x, example);
  if (x < 0) throw numError(`${name} must be 0 or more (${what}), e.g. ${example}`);
  return x;
}

/** Strictly above zero, for divisors the user chooses (per_days). */
export function requirePositive(name: string, x: number, what: string, example: string): number {
  requireFinite(name, x, example);
  if (x <= 0) throw numError(`${name} must be more than 0 (${what}), e.g. ${example}`);
  return x;
}

/**
 * An Excel date serial (1900 system). A time of day (the fraction) is dropped: periods count
 * whole days.
 */
export function requireDate(name: string, x: number): number {
  requireFinite(name, x, "DATE(2025,7,1)");
  if (x < 1 || x >= MAX_SERIAL + 1) {
    throw numError(`${name} must be a date between 1900-01-01 and 9999-12-31, e.g. DATE(2025,7,1) or a cell holding a date`);
  }
  return Math.floor(x);
}

/**
 * The last line of every computation: a result that overflowed or lost meaning becomes #NUM!
 * instead of reaching the sheet as NaN or ±Infinity.
 */
export function finiteResult(x: number, what: string): number {
  if (!Number.isFinite(x)) throw numError(`${what} is too large to compute; check the inputs for very large numbers`);
  // -0 shows as 0 anyway; normalise so tests and sheets compare equal.
  return x === 0 ? 0 : x;
}
