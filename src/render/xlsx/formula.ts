/** Plan formulas use the names Excel shows; an .xlsx file must spell functions added after
 *  Excel 2007 as `_xlfn.NAME`, or Excel and LibreOffice both read them as unknown (#NAME?). */
import { FILE_PREFIXED, NOT_IN_EXCEL_2016, scanFormula } from "../../sheets/lint";

/** Excel 2010/2013 functions (plus the lint's list), so even a formula the lint would reject
 *  lands in the file the way Excel itself would save it. */
const XLFN: ReadonlySet<string> = new Set([
  ...FILE_PREFIXED,
  ...NOT_IN_EXCEL_2016,
  "AGGREGATE", "BINOM.DIST", "CEILING.MATH", "CEILING.PRECISE", "CHISQ.DIST", "CHISQ.TEST",
  "CONFIDENCE.NORM", "CONFIDENCE.T", "COVARIANCE.P", "COVARIANCE.S", "EXPON.DIST", "FLOOR.MATH",
  "FLOOR.PRECISE", "FORMULATEXT", "IFNA", "ISFORMULA", "ISOWEEKNUM", "MODE.MULT", "MODE.SNGL",
  "NETWORKDAYS.INTL", "NORM.DIST", "NORM.INV", "NORM.S.DIST", "NORM.S.INV", "NUMBERVALUE",
  "PERCENTILE.EXC", "PERCENTILE.INC", "PERCENTRANK.EXC", "PERCENTRANK.INC", "POISSON.DIST",
  "QUARTILE.EXC", "QUARTILE.INC", "RANK.AVG", "RANK.EQ", "SHEET", "SHEETS", "STDEV.P", "STDEV.S",
  "T.DIST", "T.INV", "T.TEST", "VAR.P", "VAR.S", "WORKDAY.INTL", "XOR", "DAYS",
]);

/** The formula as it goes into the file: no leading "=", newer functions prefixed. */
export function toFileFormula(formula: string): string {
  const f = formula.startsWith("=") ? formula.slice(1) : formula;
  const calls = scanFormula(f).calls.filter((c) => XLFN.has(c.name));
  if (calls.length === 0) return f;
  let out = "";
  let at = 0;
  for (const c of calls) {
    out += f.slice(at, c.index) + "_xlfn.";
    at = c.index;
  }
  return out + f.slice(at);
}
