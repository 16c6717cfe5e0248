/**
 * The lint's allow-list, checked against LibreOffice 7.4: every allowed function, written by
 * the xlsx renderer (with the _xlfn. prefix where a file needs it), recalculates to the value
 * worked out here by hand. The Excel 2016 half of the promise rests on the functions' ages
 * (Excel 2007 or older, or 2010/2013 with the file prefix); see src/sheets/lint.ts.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { writeXlsxFile } from "../../src/render/xlsx";
import { ALLOWED_FUNCTIONS, lintFormula, scanFormula } from "../../src/sheets/lint";
import type { PlanCell, Scalar, SheetPlan } from "../../src/sheets/plan";
import { findErrors, readSheet, recalcWithLibreOffice } from "../helpers/libreoffice";

/** Fixture cells the samples read: A1:A5 numbers, B1:B5 text, C1 a date, D1:D3 numbers,
 *  E1:E3 empty. */
const FIXTURE: PlanCell[][] = [
  [3, "a", 45658, 2],
  [1, "b", null, 4],
  [4, "a", null, 6],
  [1, "c"],
  [5, "a"],
];

const SAMPLES: Record<string, [string, Scalar]> = {
  ABS: ["ABS(-2.5)", 2.5],
  CEILING: ["CEILING(2.3,0.5)", 2.5],
  EXP: ["EXP(1)", Math.E],
  FLOOR: ["FLOOR(2.7,0.5)", 2.5],
  INT: ["INT(-2.5)", -3],
  LN: ["LN(10)", Math.LN10],
  LOG: ["LOG(8,2)", 3],
  LOG10: ["LOG10(1000)", 3],
  MOD: ["MOD(-7,3)", 2],
  MROUND: ["MROUND(17,5)", 15],
  PI: ["PI()", Math.PI],
  POWER: ["POWER(2,10)", 1024],
  PRODUCT: ["PRODUCT(A1:A5)", 60],
  QUOTIENT: ["QUOTIENT(17,5)", 3],
  ROUND: ["ROUND(2.345,2)", 2.35],
  ROUNDDOWN: ["ROUNDDOWN(2.349,2)", 2.34],
  ROUNDUP: ["ROUNDUP(2.341,2)", 2.35],
  SIGN: ["SIGN(-4)", -1],
  SQRT: ["SQRT(16)", 4],
  SUM: ["SUM(A1:A5)", 14],
  SUMIF: ['SUMIF(B1:B5,"a",A1:A5)', 12],
  SUMIFS: ['SUMIFS(A1:A5,B1:B5,"a",A1:A5,">3")', 9],
  SUMPRODUCT: ["SUMPRODUCT(A1:A3,D1:D3)", 34],
  TRUNC: ["TRUNC(-2.7)", -2],
  AVERAGE: ["AVERAGE(A1:A5)", 2.8],
  AVERAGEIF: ['AVERAGEIF(B1:B5,"a",A1:A5)', 4],
  AVERAGEIFS: ['AVERAGEIFS(A1:A5,B1:B5,"a",A1:A5,"<5")', 3.5],
  COUNT: ["COUNT(A1:B5)", 5],
  COUNTA: ["COUNTA(A1:B5)", 10],
  COUNTBLANK: ["COUNTBLANK(E1:E3)", 3],
  COUNTIF: ["COUNTIF(A1:A5,1)", 2],
  COUNTIFS: ['COUNTIFS(B1:B5,"a",A1:A5,">=4")', 2],
  LARGE: ["LARGE(A1:A5,2)", 4],
  MAX: ["MAX(A1:A5)", 5],
  MEDIAN: ["MEDIAN(A1:A5)", 3],
  MIN: ["MIN(A1:A5)", 1],
  // Φ(0) is exactly one half in both engines.
  NORMSDIST: ["NORMSDIST(0)", 0.5],
  PERCENTILE: ["PERCENTILE(A1:A5,0.5)", 3],
  RANK: ["RANK(4,A1:A5)", 2],
  "RANK.EQ": ["RANK.EQ(1,A1:A5)", 4],
  SMALL: ["SMALL(A1:A5,2)", 1],
  STDEV: ["STDEV(D1:D3)", 2],
  AND: ["AND(TRUE,A1>0)", true],
  FALSE: ["FALSE()", false],
  IF: ['IF(A1>2,"big","small")', "big"],
  IFERROR: ["IFERROR(1/0,-1)", -1],
  IFNA: ['IFNA(MATCH(9,A1:A5,0),"none")', "none"],
  NOT: ["NOT(FALSE)", true],
  OR: ["OR(FALSE,A1=3)", true],
  TRUE: ["TRUE()", true],
  CHOOSE: ['CHOOSE(2,"x","y","z")', "y"],
  COLUMN: ["COLUMN(D1)", 4],
  COLUMNS: ["COLUMNS(A1:D1)", 4],
  HLOOKUP: ["HLOOKUP(2,A1:D2,2,FALSE)", 4],
  INDEX: ["INDEX(B1:B5,3)", "a"],
  MATCH: ["MATCH(4,A1:A5,0)", 3],
  ROW: ["ROW(A7)", 7],
  ROWS: ["ROWS(A1:A5)", 5],
  VLOOKUP: ["VLOOKUP(4,A1:B5,2,FALSE)", "a"],
  DATE: ["DATE(2025,3,1)", 45717],
  DAY: ["DAY(C1)", 1],
  DAYS: ["DAYS(DATE(2025,3,1),C1)", 59],
  EDATE: ["EDATE(C1,2)", 45717],
  EOMONTH: ["EOMONTH(C1,1)", 45716],
  MONTH: ["MONTH(45717)", 3],
  NETWORKDAYS: ["NETWORKDAYS(C1,DATE(2025,1,31))", 23],
  WEEKDAY: ["WEEKDAY(C1)", 4],
  WORKDAY: ["WORKDAY(C1,5)", 45665],
  YEAR: ["YEAR(C1)", 2025],
  CONCATENATE: ['CONCATENATE("a","-",1)', "a-1"],
  EXACT: ['EXACT("a","A")', false],
  FIND: ['FIND("c","abcabc")', 3],
  LEFT: ['LEFT("clinpay",4)', "clin"],
  LEN: ['LEN("clinpay")', 7],
  LOWER: ['LOWER("ClinPay")', "clinpay"],
  MID: ['MID("clinpay",5,3)', "pay"],
  REPT: ['REPT("ab",3)', "ababab"],
  RIGHT: ['RIGHT("clinpay",3)', "pay"],
  SEARCH: ['SEARCH("P","clinpay")', 5],
  SUBSTITUTE: ['SUBSTITUTE("a-b-c","-","+")', "a+b+c"],
  TEXT: ['TEXT(0.125,"0.0%")', "12.5%"],
  TRIM: ['TRIM("  a  b ")', "a b"],
  UPPER: ['UPPER("ab")', "AB"],
  ISBLANK: ["ISBLANK(E1)", true],
  ISERROR: ["ISERROR(1/0)", true],
  ISNA: ["ISNA(MATCH(9,A1:A5,0))", true],
  ISNUMBER: ["ISNUMBER(A1)", true],
  ISTEXT: ["ISTEXT(B1)", true],
  NA: ['IFNA(NA(),"na")', "na"],
};

const SHEET = "Functions";
const FIRST_ROW = 10; // 0-based: samples from Excel row 11, label in G, formula in H

function functionsPlan(): SheetPlan {
  const names = Object.keys(SAMPLES);
  return {
    kind: "target-tracker",
    name: SHEET,
    blocks: [
      { row: 0, col: 0, style: "plain", cells: FIXTURE },
      {
        row: FIRST_ROW,
        col: 6,
        style: "plain",
        cells: names.map((n) => [n, { f: SAMPLES[n][0], v: SAMPLES[n][1] }]),
      },
    ],
  };
}

test("every allow-listed function has a sample that calls it, and the samples pass the lint", () => {
  expect(Object.keys(SAMPLES).sort()).toEqual([...ALLOWED_FUNCTIONS].sort());
  for (const [name, [formula]] of Object.entries(SAMPLES)) {
    expect(scanFormula(formula).calls.map((c) => c.name)).toContain(name);
    expect(lintFormula(formula)).toEqual([]);
  }
});

describe("allow-listed functions in LibreOffice", () => {
  let dir: string;
  let recalculated: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-fn-"));
    const file = path.join(dir, "functions.xlsx");
    await writeXlsxFile([functionsPlan()], file);
    [recalculated] = await recalcWithLibreOffice([file], path.join(dir, "lo"));
  });
  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  test("each recalculates to the expected value", async () => {
    const values = await readSheet(recalculated, SHEET);
    const wrong = Object.entries(SAMPLES)
      .map(([name, [formula, expected]], i) => {
        const got = values.get(`H${FIRST_ROW + 1 + i}`) ?? null;
        const ok =
          typeof expected === "number" && typeof got === "number"
            ? Math.abs(got - expected) <= 1e-9 * Math.max(1, Math.abs(expected))
            : got === expected;
        return ok ? undefined : `${name}: ${formula} gave ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`;
      })
      .filter(Boolean);
    expect(wrong).toEqual([]);
  });

  test("none is unknown (#NAME?) or an error", async () => {
    expect(await findErrors(recalculated)).toEqual([]);
  });
});
