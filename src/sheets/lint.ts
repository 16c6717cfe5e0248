/**
 * Formula lint for sheet plans: every formula a plan writes must compute the same in Excel 2016
 * and LibreOffice 7.4 (SPEC §3), so an advisor without the add-in, or CI recalculating in
 * LibreOffice, sees the numbers the core computed.
 */
import { a1 } from "./a1";
import { EXCEL_FORMULA_CHARS, isFormula, sheetsOf, type SheetPlan } from "./plan";

/**
 * Functions both Excel 2016 and LibreOffice 7.4 compute from an .xlsx. All are Excel 2007 or
 * older except those marked in FILE_PREFIXED (Excel 2010/2013), which the xlsx renderer writes
 * as `_xlfn.NAME`, the only spelling either program reads from a file. Every entry has a sample
 * that test/workbook/render-xlsx-functions.test.ts recalculates in LibreOffice, so adding a name
 * here needs a sample there.
 *
 * Left out on purpose although both programs have them:
 * - volatile functions (see VOLATILE): their value moves on every recalculation, so the
 *   cached value never matches and two readers see different numbers;
 * - locale-dependent parsers (VALUE, DATEVALUE, TIMEVALUE): the same text parses differently
 *   in a German or French LibreOffice;
 * - DATEDIF (undocumented in Excel), YEARFRAC (basis 1 differs between the programs).
 */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  // math
  "ABS", "CEILING", "EXP", "FLOOR", "INT", "LN", "LOG", "LOG10", "MOD", "MROUND", "PI", "POWER",
  "PRODUCT", "QUOTIENT", "ROUND", "ROUNDDOWN", "ROUNDUP", "SIGN", "SQRT", "SUM", "SUMIF",
  "SUMIFS", "SUMPRODUCT", "TRUNC",
  // statistics
  "AVERAGE", "AVERAGEIF", "AVERAGEIFS", "COUNT", "COUNTA", "COUNTBLANK", "COUNTIF", "COUNTIFS",
  "LARGE", "MAX", "MEDIAN", "MIN", "NORMSDIST", "PERCENTILE", "RANK", "RANK.EQ", "SMALL", "STDEV",
  // logic
  "AND", "FALSE", "IF", "IFERROR", "IFNA", "NOT", "OR", "TRUE",
  // lookup
  "CHOOSE", "COLUMN", "COLUMNS", "HLOOKUP", "INDEX", "MATCH", "ROW", "ROWS", "VLOOKUP",
  // dates (Excel serial numbers)
  "DATE", "DAY", "DAYS", "EDATE", "EOMONTH", "MONTH", "NETWORKDAYS", "WEEKDAY", "WORKDAY", "YEAR",
  // text
  "CONCATENATE", "EXACT", "FIND", "LEFT", "LEN", "LOWER", "MID", "REPT", "RIGHT", "SEARCH",
  "SUBSTITUTE", "TEXT", "TRIM", "UPPER",
  // information
  "ISBLANK", "ISERROR", "ISNA", "ISNUMBER", "ISTEXT", "NA",
]);

/** Allowed functions newer than Excel 2007: a file must spell them `_xlfn.NAME`. */
export const FILE_PREFIXED: ReadonlySet<string> = new Set(["RANK.EQ", "IFNA", "DAYS"]);

/** Added after Excel 2016 (Excel 2019 / Microsoft 365): `#NAME?` in Excel 2016. */
export const NOT_IN_EXCEL_2016: ReadonlySet<string> = new Set([
  "LET", "LAMBDA", "FILTER", "SORT", "SORTBY", "UNIQUE", "SEQUENCE", "RANDARRAY", "XLOOKUP",
  "XMATCH", "IFS", "MAXIFS", "MINIFS", "SWITCH", "CONCAT", "TEXTJOIN", "TAKE", "DROP", "VSTACK",
  "HSTACK", "TOCOL", "TOROW", "CHOOSECOLS", "CHOOSEROWS", "WRAPROWS", "WRAPCOLS", "EXPAND",
  "TEXTBEFORE", "TEXTAFTER", "TEXTSPLIT", "MAP", "REDUCE", "SCAN", "MAKEARRAY", "BYROW", "BYCOL",
  "ISOMITTED", "ARRAYTOTEXT", "VALUETOTEXT", "GROUPBY", "PIVOTBY", "PERCENTOF", "REGEXTEST",
  "REGEXEXTRACT", "REGEXREPLACE", "TRIMRANGE", "IMAGE", "STOCKHISTORY", "FORECAST.ETS",
]);

export const VOLATILE: ReadonlySet<string> = new Set([
  "TODAY", "NOW", "RAND", "RANDBETWEEN", "OFFSET", "INDIRECT", "CELL", "INFO",
]);

/** Excel's limit on a formula's length, in characters. */
const MAX_FORMULA_LENGTH = EXCEL_FORMULA_CHARS;

export interface FunctionCall {
  /** Upper-case name as written, e.g. "SUMIFS", "RANK.EQ", "CLINPAY.WRVU", "_XLFN.IFNA". */
  name: string;
  /** Index of the name's first character in the formula. */
  index: number;
  /** The name as written (original case), for rewriting. */
  text: string;
}

export interface FormulaTokens {
  calls: FunctionCall[];
  /** Every identifier outside string literals and quoted sheet names, called or not. */
  identifiers: string[];
}

const isIdentStart = (ch: string) => /[A-Za-z_\\]/.test(ch);
const isIdentPart = (ch: string) => /[A-Za-z0-9_.\\]/.test(ch);

/**
 * The function calls in a formula: identifiers followed by "(" that are not inside a string
 * literal ("..."), a quoted sheet name ('...'), or brackets ([...], structured and external
 * references). Only as much lexing as that needs.
 */
export function scanFormula(formula: string): FormulaTokens {
  const calls: FunctionCall[] = [];
  const identifiers: string[] = [];
  const n = formula.length;
  let i = 0;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A doubled quote is an escaped quote inside the literal.
      i++;
      while (i < n) {
        if (formula[i] === ch) {
          if (formula[i + 1] === ch) i += 2;
          else break;
        } else i++;
      }
      i++;
    } else if (ch === "[") {
      let depth = 0;
      while (i < n) {
        if (formula[i] === "[") depth++;
        else if (formula[i] === "]" && --depth === 0) break;
        i++;
      }
      i++;
    } else if (/[0-9]/.test(ch)) {
      // Numbers, so the E of 1.5E+3 is not read as a name.
      const m = /^[0-9]*\.?[0-9]*(?:[eE][+-]?[0-9]+)?/.exec(formula.slice(i, i + 64));
      i += Math.max(1, m ? m[0].length : 1);
    } else if (isIdentStart(ch)) {
      const start = i;
      while (i < n && isIdentPart(formula[i])) i++;
      const text = formula.slice(start, i);
      identifiers.push(text.toUpperCase());
      let j = i;
      while (j < n && (formula[j] === " " || formula[j] === "\n")) j++;
      if (formula[j] === "(") calls.push({ name: text.toUpperCase(), index: start, text });
    } else {
      i++;
    }
  }
  return { calls, identifiers };
}

/** Why a function call is not allowed, or undefined when it is. */
export function functionProblem(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (upper.startsWith("CLINPAY.") || upper.includes("_XLDUDF"))
    return `${name} is a ClinPay custom function: built sheets use native formulas only, so people without the add-in see numbers, not #NAME?`;
  if (upper.startsWith("_XLFN.") || upper.startsWith("_XLWS."))
    return `${name}: write the function's plain name; the xlsx renderer adds the file prefix itself`;
  if (NOT_IN_EXCEL_2016.has(upper)) return `${name} is not in Excel 2016 (#NAME? there)`;
  if (VOLATILE.has(upper))
    return `${name} is volatile: it changes on every recalculation, so readers see different numbers`;
  if (!ALLOWED_FUNCTIONS.has(upper))
    return `${name} is not on the list of functions Excel 2016 and LibreOffice 7.4 both compute (src/sheets/lint.ts)`;
  return undefined;
}

/** Problems with one formula (written without "="), each a sentence. */
export function lintFormula(formula: string): string[] {
  const problems: string[] = [];
  if (formula.startsWith("=")) problems.push('starts with "=": plan formulas are written without it');
  if (formula.length > MAX_FORMULA_LENGTH)
    problems.push(`is ${formula.length} characters long; Excel allows ${MAX_FORMULA_LENGTH}`);
  const { calls, identifiers } = scanFormula(formula);
  const seen = new Set<string>();
  for (const call of calls) {
    if (seen.has(call.name)) continue;
    seen.add(call.name);
    const p = functionProblem(call.text);
    if (p) problems.push(p);
  }
  // A custom function's name can also appear uncalled (a name reference); still #NAME? without
  // the add-in.
  for (const id of identifiers) {
    if (seen.has(id)) continue;
    if (id.startsWith("CLINPAY.") || id.includes("_XLDUDF")) {
      seen.add(id);
      problems.push(`${id} is a ClinPay custom function name: built sheets use native formulas only`);
    }
  }
  return problems;
}

/** Every formula problem in a plan and its data sheets, as "Sheet!A1: why". Empty when the plan is clean. */
export function lintFormulas(plan: SheetPlan): string[] {
  const out: string[] = [];
  for (const sheet of sheetsOf(plan)) {
    for (const block of sheet.blocks) {
      block.cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!isFormula(cell)) return;
          for (const p of lintFormula(cell.f)) out.push(`${sheet.name}!${a1(block.row + r, block.col + c)}: ${p}`);
        })
      );
    }
  }
  return out;
}
