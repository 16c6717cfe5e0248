/**
 * Sentences built by a formula from a sheet's figures (the Bottom line, the Summary for your
 * manager), so they follow every edit. Each piece is written twice from one description — as
 * formula text and as the cached text the core's numbers give — so the two cannot drift apart.
 * Numbers go through TEXT, so a workbook opened in another locale shows that locale's separators.
 */
import { serialToIso } from "../core/dates";
import { strLit } from "./criteria";
import { formula, type FormulaCell } from "./plan";

export interface Part {
  f: string;
  v: string;
}

/** A number as TEXT(x, "0.0…") shows it: rounded half away from zero on its 15-digit decimal value. */
export function fixed(x: number, digits: number): string {
  const d = Number(x.toPrecision(15));
  const scale = 10 ** digits;
  const r = (Math.sign(d) * Math.round(Math.abs(d) * scale)) / scale;
  return r.toFixed(digits);
}

/** `x` with thousands separators and `digits` decimals, as TEXT(x, "#,##0.0…") shows it. */
const grouped = (x: number, digits: number): string => {
  const [whole, frac] = fixed(Math.abs(x), digits).split(".");
  const sign = fixed(x, digits).startsWith("-") ? "-" : "";
  return sign + Number(whole).toLocaleString("en-US") + (frac ? `.${frac}` : "");
};

export const lit = (s: string): Part => ({ f: strLit(s), v: s });
export const join = (parts: Part[]): Part => ({ f: parts.map((p) => p.f).join("&"), v: parts.map((p) => p.v).join("") });

/** A figure's cell through TEXT, or "n/a" while it is blank. */
const shown = (ref: string, value: number | null, format: string, text: (n: number) => string): Part => ({
  f: `IF(${ref}="","n/a",TEXT(${ref},${strLit(format)}))`,
  v: value === null ? "n/a" : text(value),
});
/** 12.5% */
export const pct = (ref: string, v: number | null) => shown(ref, v, "0.0%", (n) => `${fixed(n * 100, 1)}%`);
/** 1.62 */
export const two = (ref: string, v: number | null) => shown(ref, v, "0.00", (n) => fixed(n, 2));
/** 1,234.5 */
export const one = (ref: string, v: number | null) => shown(ref, v, "#,##0.0", (n) => grouped(n, 1));
/** 1,235 */
export const whole = (ref: string, v: number | null) => shown(ref, v, "#,##0", (n) => grouped(n, 0));
/** $18,730 (a negative amount as -$1,200) */
export const dollars = (ref: string, v: number | null) =>
  shown(ref, v, '$#,##0;-$#,##0', (n) => `${fixed(n, 0).startsWith("-") ? "-" : ""}$${grouped(Math.abs(n), 0)}`);
/** $144.40 */
export const cents = (ref: string, v: number | null) =>
  shown(ref, v, '$#,##0.00;-$#,##0.00', (n) => `${fixed(n, 2).startsWith("-") ? "-" : ""}$${grouped(Math.abs(n), 2)}`);

/** A date as yyyy-mm-dd, from its parts (TEXT's date codes differ by locale; "00" does not). */
export const isoDate = (expr: string, v: number | null): Part => ({
  f: `YEAR(${expr})&"-"&TEXT(MONTH(${expr}),"00")&"-"&TEXT(DAY(${expr}),"00")`,
  v: v === null ? "" : serialToIso(v),
});

/** `parts` when `cond` holds (in the sheet) and `holds` (in the cache), else nothing. */
export const when = (cond: string, holds: boolean, parts: Part[]): Part => {
  const p = join(parts);
  return { f: `IF(${cond},${p.f},"")`, v: holds ? p.v : "" };
};

/** One of two sentences, by a condition the sheet and the cache both decide. */
export const either = (cond: string, holds: boolean, yes: Part[], no: Part[]): Part => {
  const a = join(yes);
  const b = join(no);
  return { f: `IF(${cond},${a.f},${b.f})`, v: holds ? a.v : b.v };
};

/** A p-value as the sheet's format shows it: below 0.001 it is "<0.001", never "0.000". */
export const pValue = (ref: string, v: number | null): Part => ({
  f: `IF(${ref}<0.001,"<0.001",TEXT(${ref},"0.000"))`,
  v: v === null ? "" : v < 0.001 ? "<0.001" : fixed(v, 3),
});

/** The sentence as a formula cell. */
export const sentence = (parts: Part[]): FormulaCell => {
  const p = join(parts);
  return formula(p.f, p.v);
};
