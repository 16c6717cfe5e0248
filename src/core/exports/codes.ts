/**
 * Billing codes as exports write them (SPEC §2): `99214-95`, `99214 95`, `99214:95`,
 * `HC:99214:25`, `99214-95-25` are code 99214 with modifiers 95 (and 25). The fee-schedule key
 * keeps only the modifiers CMS prices separately (26 professional, TC technical, 53
 * discontinued): `71046-26` has RVUs of its own, `99214-95` is priced as 99214.
 */

import { CellError } from "../cells";
import { MAX_CODES_IN_CELL } from "../limits";
import type { RawValue } from "../inputs/types";

/** A CPT (5 digits, or 4 digits and a letter: 0446T, 9920F) or HCPCS level II code (G2211). */
export const CODE_SHAPE = /^(?:\d{4}[0-9A-Z]|[A-Z]\d{4})$/;
const MODIFIER_SHAPE = /^[0-9A-Z]{2}$/;
/** Code-system prefixes some EHRs put before the code ("HC:99396:25"). */
const SYSTEM_PREFIXES = new Set(["HC", "CPT", "HCPCS", "CPT4"]);
export const PRICED_MODIFIERS: readonly string[] = ["26", "TC", "53"];
/** Modifiers billers put on professional claims day to day (CPT and HCPCS level II): a cell carrying one is a code. */
export const COMMON_MODIFIERS: ReadonlySet<string> = new Set([
  "22", "24", "25", "26", "27", "50", "51", "52", "53", "57", "58", "59", "76", "77", "78", "79", "80", "82", "91", "93", "95",
  "AS", "FQ", "FR", "GC", "GE", "GQ", "GT", "LT", "QW", "RT", "TC", "XE", "XP", "XS", "XU",
]);

export interface SplitCode {
  /** The code alone, upper case; the whole cell when it holds no code-shaped part. */
  code: string;
  modifiers: string[];
  /** The cell went on after the code with its description ("99214 - Office visit est"). */
  described?: boolean;
}

/** Splits a code cell into the code and its modifiers; text with no code in it is kept whole. */
export function splitCode(cell: string): SplitCode {
  const whole = cell.trim().toUpperCase().replace(/^(\d+)\.0+$/, "$1");
  const parts = whole.split(/[\s:\-_]+/).filter((p) => p !== "");
  let i = 0;
  while (i < parts.length - 1 && SYSTEM_PREFIXES.has(parts[i])) i++;
  if (i >= parts.length || !CODE_SHAPE.test(parts[i])) return { code: whole, modifiers: [] };
  const rest = parts.slice(i + 1);
  if (rest.every((m) => MODIFIER_SHAPE.test(m))) return { code: parts[i], modifiers: rest };
  // A tracker's "99214 - Office visit est" or "99214-25 - office visit": the code, its modifiers, then words.
  const words = rest.findIndex((m) => !MODIFIER_SHAPE.test(m));
  if (/^[A-Z]{3,}/.test(rest[words])) return { code: parts[i], modifiers: rest.slice(0, words), described: true };
  return { code: whole, modifiers: [] };
}

/** A modifier column's cell: "95", "95, 25", "95-25". */
export function splitModifiers(cell: string): string[] {
  return cell
    .trim()
    .toUpperCase()
    .split(/[\s,;:\-_/]+/)
    .filter((m) => m !== "")
    .map((m) => m.replace(/^(\d)$/, "0$1"));
}

/** The key a code is priced under: `71046-26` for a priced modifier, else the code alone. */
export function feeKey(code: string, modifiers: readonly string[]): string {
  const priced = modifiers.find((m) => PRICED_MODIFIERS.includes(m));
  return priced ? `${code}-${priced}` : code;
}

/**
 * A cell of several codes (SPEC §2 "Several codes in one cell"): `99214, G2211`, `99214;G2211`,
 * `99214 + G2211`, `99214 / G2211`, each with its own modifiers (`99214-95, G2211`). A cell whose
 * parts are not all codes is one code (kept whole, so it is reported, never half-read).
 */
export function splitCodes(cell: string): SplitCode[] {
  // "99214, G2211 - est + complexity": the codes before a " - " or ": " that starts the description.
  const described = /^(.*?[0-9A-Z])\s+[-\u2013\u2014:]\s+(?=[A-Za-z]{3,})/i.exec(cell);
  if (described && /[,;+/&]/.test(described[1])) {
    const codes = splitCodes(described[1]);
    if (codes.length > 1 && codes.every((c) => CODE_SHAPE.test(c.code))) return codes.map((c, i) => (i === codes.length - 1 ? { ...c, described: true } : c));
  }
  const parts = cell.split(/\s*[,;+/&]\s*/).filter((p) => p.trim() !== "");
  if (parts.length <= 1) return cell.trim() === "" ? [] : [splitCode(cell)];
  const codes = parts.map(splitCode);
  return codes.every((c) => CODE_SHAPE.test(c.code)) ? codes : [splitCode(cell)];
}

/** A code column's cell as read: a number is its digits; several codes are allowed up to MAX_CODES_IN_CELL. */
export function codeCell(v: RawValue): string | CellError {
  const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : null;
  if (text === null) return new CellError("is not a billing code: type a CPT/HCPCS code such as 99214 or G2211, or leave it blank");
  const n = splitCodes(text).length;
  if (n > MAX_CODES_IN_CELL) return new CellError(`holds ${n} codes, more than the ${MAX_CODES_IN_CELL} ClinPay reads in one cell: one visit bills fewer, so check that the export gives one visit per row (export it again that way; splitting the cell by hand would count one visit several times)`);
  return text;
}
