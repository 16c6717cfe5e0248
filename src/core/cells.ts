/**
 * A cell's text and numbers: how headers and words are compared, how a cell reads as text, and
 * numbers typed as text ("$1,200", "0,15" in decimal-comma files), with their limits.
 */
import type { RawValue } from "./inputs/types";


/** SPEC §2: headers match case-insensitively, ignoring spaces, `_`, `-` and `%`. */
export function headerKey(header: string): string {
  // The SPEC ignores spaces, _, - and %; exports also write "No-show rate (%)" or "Paid?", and a
  // header that silently misses its column would quietly take the default, so every character
  // that is not a letter or digit is ignored.
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** A cell's text as the user typed or sees it, for Problem.value. */
export function cellText(v: RawValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v);
}

export function isBlank(v: RawValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

// ---------------------------------------------------------------------------------------------
// Numbers

const SCIENTIFIC = /^\d+(?:\.\d+)?[eE][+-]?\d+$/;
// Thousands groups must not start with 0, so "0,150" and "0.150" are never read as groups.
const US_NUMBER = /^(?:[1-9]\d{0,2}(?:,\d{3})+|\d*)(?:\.\d*)?$/;
const EU_NUMBER = /^(?:[1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+|\d*)(?:,\d*)?$/;
const DOT_DECIMAL = /^\d*\.\d+$/;
const HAS_DIGIT = /\d/;

/**
 * Reads a number typed as text: "1200", "$1,200", "-$50", "1.5e3", and with `decimalComma`
 * "0,15", "1.234,5", "1 234,5". In decimal-comma files a dot between groups of three digits is
 * a thousands separator ("260.000" is 260000) and any other dot is a decimal point ("0.15").
 * Returns undefined when the text is not a number.
 */
export function parseNumberText(text: string, decimalComma = false): number | undefined {
  let s = text.trim();
  // Accounting negatives, as billing reports print voids: "(1.92)" and "1.92-".
  const accounting = /^\((.*\d.*)\)$/.exec(s) ?? /^([^-\u2212]*\d)\s*[-\u2212]$/.exec(s);
  if (accounting) {
    const n = parseNumberText(accounting[1], decimalComma);
    return n === undefined || n < 0 ? undefined : -n;
  }
  let negative = false;
  const sign = s.charAt(0);
  if (sign === "-" || sign === "\u2212") {
    negative = true;
    s = s.slice(1).trim();
  } else if (sign === "+") s = s.slice(1).trim();
  if (s.charAt(0) === "$") {
    s = s.slice(1).trim();
    const after = s.charAt(0);
    if (!negative && (after === "-" || after === "\u2212")) {
      negative = true;
      s = s.slice(1).trim();
    }
  }
  if (s === "" || !HAS_DIGIT.test(s)) return undefined;
  let n: number;
  if (SCIENTIFIC.test(s)) n = Number(s);
  else if (decimalComma) {
    if (EU_NUMBER.test(s)) n = Number(s.replace(/[.\s\u00a0\u202f]/g, "").replace(",", "."));
    else if (DOT_DECIMAL.test(s)) n = Number(s);
    else return undefined;
  } else if (US_NUMBER.test(s)) n = Number(s.replace(/,/g, ""));
  else return undefined;
  if (!isFinite(n)) return undefined;
  return negative ? -n : n;
}

/**
 * The largest number ClinPay takes from a table or a flag: a billion. No pay figure, count or
 * minute total comes near it, and below it every sum, product and annualised figure of a
 * million-row log stays a number Excel can show (1e308 would make them #NUM!).
 */
export const MAX_INPUT_NUMBER = 1e9;

/** The message for a number past MAX_INPUT_NUMBER, or undefined when it is within. */
export function tooLargeMessage(n: number): string | undefined {
  if (Math.abs(n) <= MAX_INPUT_NUMBER) return undefined;
  return `is too large: ClinPay takes numbers up to ${MAX_INPUT_NUMBER.toLocaleString("en-US")} (a billion); check it for a typo or extra digits`;
}

/** A number for messages: no float noise (0.07, not 0.07000000000000001). */
export function showNumber(n: number): string {
  return String(Number(n.toPrecision(12)));
}


/** A cell that could not be read; the message says what to type instead. */
export class CellError {
  constructor(readonly message: string) {}
}

/** Lower-case, no spaces, `_` or `-`: "No-Show", "no show" and "no_show" are one spelling. */
export function choiceKey(s: string): string {
  return s.toLowerCase().replace(/[\s_\-]+/g, "");
}
