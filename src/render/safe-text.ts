/**
 * Keeping user text as text when it goes through Office.js (spec §5: a cell whose text starts with
 * `=`, `+`, `-`, `@` copied from user data is written as text, never as a formula).
 *
 * Why an apostrophe: Office.js has no "write this string as a string" switch. `Range.values`
 * and `Range.formulas` both parse each string like typed input — the Excel.Range.values reference
 * says "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel
 * interprets this value as a formula" (@types/office-js, Excel.Range.values; learn.microsoft.com
 * /javascript/api/excel/excel.range#excel-excel-range-values-member). Typed input that starts
 * with `'` is Excel's own text marker: the quote is dropped, the rest is stored as a text constant
 * and the cell gets the quote-prefix flag. The API honours the same marker, which is exactly what
 * OfficeDev/office-js#6687 trips over from the other side: a cell entered as `'=AVERAGE(...)`
 * reads back through `range.formulas` without its quote, and writing that string back makes it a
 * live formula. So the guard is: prepend one apostrophe, and let Excel eat it.
 *
 * The xlsx renderer does not need this (ExcelJS writes a string as a shared string, never parsed).
 */

/** The characters spec §5 names, plus their full-width forms (an IME can produce those, and
 *  Excel accepts them as the start of a formula). */
const FORMULA_LEADS = new Set(["=", "+", "-", "@", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);

/** Excel eats one leading apostrophe of typed input; a user's own leading apostrophe would vanish. */
const QUOTE = "'";

const MONTH_DATE = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s,./-]*\d/i;
const BOOLEAN = /^(true|false)$/i;

/** True when the string starts (ignoring leading blanks, which Excel's parser also skips) with a
 *  character that turns typed input into a formula: the formula-injection set of spec §5. */
export function isFormulaLike(s: string): boolean {
  if (s.length === 0) return false;
  if (FORMULA_LEADS.has(s[0])) return true;
  const t = s.trimStart();
  return t.length > 0 && FORMULA_LEADS.has(t[0]);
}

/**
 * True when writing `s` through `range.formulas`/`range.values` would NOT leave exactly the text
 * `s` in the cell. That is the injection set (isFormulaLike) first of all, and then everything
 * else Excel's input parser reinterprets: a leading apostrophe (eaten), numbers and
 * number-like text ("0075" would lose its zeros, "12%" would become 0.12, "$5" would become 5),
 * dates and times ("2024-01-03", "1/2", "12:30", "Jan 5"), TRUE/FALSE and error literals ("#N/A").
 * It errs on the side of guarding: a guarded string that Excel would have kept as text anyway
 * ("3 visits") still shows exactly the same; the only cost is one byte and the quote-prefix flag.
 */
export function needsTextGuard(s: string): boolean {
  if (s.length === 0) return false;
  if (isFormulaLike(s)) return true;
  const t = s.trim();
  if (s[0] === QUOTE || t[0] === QUOTE) return true;
  if (t.length === 0) return false;
  const c = t[0];
  // Digits, a decimal point, currency, accounting negatives "(5)" and error literals "#N/A".
  if ((c >= "0" && c <= "9") || ".$€£¥(#".includes(c)) return true;
  return BOOLEAN.test(t) || MONTH_DATE.test(t);
}

/** The string to put in an Office.js formulas/values array so the cell ends up holding `s` as text. */
export function asLiteralText(s: string): string {
  return needsTextGuard(s) ? QUOTE + s : s;
}
