/**
 * What Excel hands a custom function, turned into what src/core expects, and ClinPayError turned
 * into the Excel error it stands for. Runs in the JS-only custom functions runtime: no DOM, only
 * the CustomFunctions global, and that only when a function is called.
 *
 * How arguments arrive: an omitted optional argument is null (TypeScript defaults do not fire);
 * a referenced empty cell is 0 in a number parameter and 0 inside a range; text, TRUE/FALSE or ""
 * can still reach a number parameter (from a formula, or when Excel does not coerce), and are
 * #VALUE! here with a message rather than silently read as numbers.
 */
import { ClinPayError, ErrorKind, valueError, numError } from "../core/errors";

/** The Excel error each kind stands for. */
function errorCode(kind: ErrorKind): CustomFunctions.ErrorCode {
  switch (kind) {
    case "num":
      return CustomFunctions.ErrorCode.invalidNumber;
    case "value":
      return CustomFunctions.ErrorCode.invalidValue;
    case "div0":
      return CustomFunctions.ErrorCode.divisionByZero;
    case "na":
      return CustomFunctions.ErrorCode.notAvailable;
  }
}

/** Any failure as the CustomFunctions.Error Excel shows; unexpected failures are #VALUE! with their message. */
export function toExcelError(e: unknown): CustomFunctions.Error {
  if (e instanceof ClinPayError) return new CustomFunctions.Error(errorCode(e.kind), e.message);
  const message = e instanceof Error ? e.message : String(e);
  return new CustomFunctions.Error(errorCode("value"), `ClinPay could not compute this: ${message}`);
}

/**
 * Every custom function runs its body through here: core errors become Excel errors, and a
 * non-finite number can never reach a cell.
 */
export function excel<T extends number | number[][]>(fn: () => T): T {
  let result: T;
  try {
    result = fn();
    const bad = typeof result === "number" ? !Number.isFinite(result) : result.some((row) => row.some((x) => !Number.isFinite(x)));
    if (bad) throw numError("the result is too large to compute; check the inputs for very large numbers");
  } catch (e) {
    throw toExcelError(e);
  }
  return result;
}

/** As excel(), for the functions that wait for the fee schedule on first use. */
export async function excelAsync<T extends number>(fn: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await fn();
    if (!Number.isFinite(result)) throw numError("the result is too large to compute; check the inputs for very large numbers");
  } catch (e) {
    throw toExcelError(e);
  }
  return result;
}

const EMPTY = (v: unknown) => v === null || v === undefined || v === "";

function describe(v: unknown): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return `text "${v.length > 40 ? v.slice(0, 40) + "…" : v}"`;
  if (Array.isArray(v)) return "a range";
  return String(v);
}

/** A required number. */
export function num(name: string, v: unknown, example: string): number {
  if (EMPTY(v)) throw valueError(`${name} is missing: type a number, e.g. ${example}`);
  return asNumber(name, v, example);
}

/** An optional number: null, undefined or "" (omitted, or a formula giving "") take the default. */
export function opt(name: string, v: unknown, fallback: number, example: string): number {
  return EMPTY(v) ? fallback : asNumber(name, v, example);
}

/** An optional number with no default value: omitted stays null. */
export function optOrNull(name: string, v: unknown, example: string): number | null {
  return EMPTY(v) ? null : asNumber(name, v, example);
}

function asNumber(name: string, v: unknown, example: string): number {
  // A one-cell range where a single value belongs.
  if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1) return num(name, v[0][0], example);
  if (typeof v !== "number") throw valueError(`${name} is ${describe(v)}, not a number: type a number, e.g. ${example}`);
  if (Number.isNaN(v)) throw valueError(`${name} is not a number: type a number, e.g. ${example}`);
  return v;
}

/** A date argument: an Excel date serial (a cell holding a date, or DATE(2025,7,1)). */
export function date(name: string, v: unknown): number {
  if (typeof v === "string" && !EMPTY(v)) {
    throw valueError(`${name} is ${describe(v)}, not a date: use a cell holding a date, or DATE(2025,7,1)`);
  }
  return num(name, v, "DATE(2025,7,1)");
}

export function optDate(name: string, v: unknown): number | null {
  return EMPTY(v) ? null : date(name, v);
}

/**
 * A range as a flat list, row by row (a row or a column of cells reads the same). A single value
 * is a one-cell range. Empty cells arrive as 0 from Excel; null, undefined and "" are kept as null
 * so the core can tell "nothing here" where it matters. Text or TRUE/FALSE is #VALUE!.
 */
export function range(name: string, v: unknown): Array<number | null> {
  if (EMPTY(v)) throw valueError(`${name} is missing: select a range of numbers, e.g. {0,120,160}`);
  const rows: unknown[][] = Array.isArray(v) ? (v as unknown[]).map((r) => (Array.isArray(r) ? r : [r])) : [[v]];
  const out: Array<number | null> = [];
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (EMPTY(cell)) out.push(null);
      else if (typeof cell === "number" && !Number.isNaN(cell)) out.push(cell);
      else throw valueError(`${name} has ${describe(cell)} in row ${r + 1}, column ${c + 1} of the range: every cell must be a number`);
    })
  );
  return out;
}

/** A range kept in its shape (NOSHOW_ADJUST), each cell a number; empty cells (null, "") are 0. */
export function grid(name: string, v: unknown): number[][] {
  if (EMPTY(v)) throw valueError(`${name} is missing: type a number or select a range, e.g. 100 or A2:A10`);
  if (!Array.isArray(v)) return [[asNumber(name, v, "100")]];
  return (v as unknown[]).map((row, r) =>
    (Array.isArray(row) ? row : [row]).map((cell, c) => {
      if (EMPTY(cell)) return 0;
      if (typeof cell === "number" && !Number.isNaN(cell)) return cell;
      throw valueError(`${name} has ${describe(cell)} in row ${r + 1}, column ${c + 1} of the range: every cell must be a number`);
    })
  );
}

/** A CPT/HCPCS code: a number (99214) or text ("G2211", " 99214 "). */
export function code(name: string, v: unknown): string | number {
  if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1) return code(name, v[0][0]);
  if (EMPTY(v)) throw valueError(`${name} is missing: type a CPT/HCPCS code, e.g. 99214 or "G2211"`);
  if (typeof v === "number" || typeof v === "string") return v;
  throw valueError(`${name} is ${describe(v)}, not a code: type a CPT/HCPCS code, e.g. 99214 or "G2211"`);
}

/** Optional text (a method name): omitted is null. */
export function optText(name: string, v: unknown, what = '"marginal", "cliff" or "flat"'): string | null {
  if (EMPTY(v)) return null;
  if (typeof v === "string") return v;
  throw valueError(`${name} is ${describe(v)}, not text: type ${what}`);
}
