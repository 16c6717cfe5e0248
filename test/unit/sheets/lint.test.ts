import {
  ALLOWED_FUNCTIONS,
  FILE_PREFIXED,
  NOT_IN_EXCEL_2016,
  VOLATILE,
  lintFormula,
  lintFormulas,
  scanFormula,
} from "../../../src/sheets/lint";
import { checkPlanFits, type PlanCell, type SheetPlan } from "../../../src/sheets/plan";
import { InputError } from "../../../src/core/table";

const planWith = (formulas: string[]): SheetPlan => ({
  kind: "offer-comparison",
  name: "Lint me",
  blocks: [
    { row: 2, col: 1, style: "table", cells: [["h"], ...formulas.map((f): PlanCell[] => [{ f, v: 0 }])] },
    { row: 0, col: 0, style: "plain", cells: [["SUM(", "=XLOOKUP(1,A:A,B:B)", 3]] },
  ],
});

const BANNED_BY_BRIEF = [
  "LET", "LAMBDA", "FILTER", "SORT", "XLOOKUP", "IFS", "MAXIFS", "MINIFS", "SWITCH", "CONCAT", "TEXTJOIN",
];

describe("lintFormula", () => {
  test.each(BANNED_BY_BRIEF)("%s is rejected as not in Excel 2016", (name) => {
    const problems = lintFormula(`1+${name}(A1,B1)`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name} is not in Excel 2016`));
  });

  test("ClinPay custom functions and _xldudf are rejected, called or merely named", () => {
    expect(lintFormula("CLINPAY.EFFECTIVE_HOURLY(B2,B3,B4)")[0]).toMatch(/CLINPAY\.EFFECTIVE_HOURLY is a ClinPay custom function/);
    expect(lintFormula("clinpay.wrvu(99213)")[0]).toMatch(/clinpay\.wrvu is a ClinPay custom function/);
    expect(lintFormula("_xldudf_CLINPAY_WRVU(99213)")).toHaveLength(1);
    expect(lintFormula("A1+CLINPAY.RATE")[0]).toMatch(/CLINPAY\.RATE is a ClinPay custom function name/);
  });

  test("volatile and unknown functions are rejected with their reason", () => {
    expect(lintFormula("TODAY()-A1")[0]).toMatch(/TODAY is volatile/);
    expect(lintFormula("SUM(OFFSET(A1,1,1))")[0]).toMatch(/OFFSET is volatile/);
    expect(lintFormula("DATEDIF(A1,B1,\"d\")")[0]).toMatch(/DATEDIF is not on the list/);
    expect(lintFormula("FROBNICATE(1)")[0]).toMatch(/FROBNICATE is not on the list/);
  });

  test("file prefixes and a leading = are the renderer's business, not the plan's", () => {
    expect(lintFormula("_xlfn.RANK.EQ(A1,A1:A3)")[0]).toMatch(/plain name/);
    expect(lintFormula("=SUM(A1)")).toEqual(['starts with "=": plan formulas are written without it']);
  });

  test("allowed functions pass, in any case and nesting", () => {
    expect(
      lintFormula(
        'IFERROR(INDEX($B$2:$B$9,MATCH(MAX(C2:C9),C2:C9,0)),"")&TEXT(EOMONTH(DATE(2025,1,1),0),"yyyy-mm-dd")'
      )
    ).toEqual([]);
    expect(lintFormula("sumifs(C:C,A:A,\"x\")+Rank.Eq(A1,A1:A3)+ifna(1,2)+ROUND(SUMPRODUCT(A1:A3,B1:B3),2)")).toEqual([]);
    expect(lintFormula("COUNTIFS(A:A,\">0\")/COUNTA(A:A)+AVERAGEIFS(B:B,A:A,1)+ABS(-1)+EDATE(A1,1)")).toEqual([]);
  });

  test("names inside string literals and quoted sheet names are not calls", () => {
    expect(lintFormula('IF(A1="LET(x,1,x)","XLOOKUP(",CLINPAY_TEXT)')).toEqual([]);
    expect(lintFormula('"say ""FILTER(""" & A1')).toEqual([]);
    expect(lintFormula("SUM('FILTER(1) sheet'!A1:A3)")).toEqual([]);
    expect(lintFormula('"CLINPAY.WRVU(1)"')).toEqual([]);
    expect(lintFormula("SUM(Table1[LET(])")).toEqual([]);
  });

  test("cell references and numbers in exponent form are not names", () => {
    expect(lintFormula("A1*1.5E+3+LOG10(B2)+$C$3")).toEqual([]);
    expect(scanFormula("LOG10(2)+XLOOKUP (1,A:A,B:B)").calls.map((c) => c.name)).toEqual(["LOG10", "XLOOKUP"]);
  });

  test("the lists do not overlap", () => {
    for (const name of [...NOT_IN_EXCEL_2016, ...VOLATILE]) expect(ALLOWED_FUNCTIONS.has(name)).toBe(false);
    for (const name of FILE_PREFIXED) expect(ALLOWED_FUNCTIONS.has(name)).toBe(true);
  });
});

describe("lintFormulas", () => {
  test("names the sheet and cell of each problem and ignores text cells", () => {
    expect(lintFormulas(planWith(["SUM(B1:B2)", "LET(x,1,x)", "CLINPAY.WRVU(99213)+IFS(TRUE,1)"]))).toEqual([
      "Lint me!B5: LET is not in Excel 2016 (#NAME? there)",
      expect.stringMatching(/^Lint me!B6: CLINPAY\.WRVU is a ClinPay custom function/),
      "Lint me!B6: IFS is not in Excel 2016 (#NAME? there)",
    ]);
  });

  test("a clean plan has no problems", () => {
    expect(lintFormulas(planWith(["SUM(B1:B2)", "IF(B1>0,B1,0)"]))).toEqual([]);
  });

  test("its data sheets are linted too, and a formula past 8,192 characters is a problem wherever it is", () => {
    const long = `SUM(${Array.from({ length: 1000 }, (_, i) => `A${i + 1}`).join(",")})`;
    expect(long.length).toBeGreaterThan(4000);
    const tooLong = `${long}+${long}`;
    expect(tooLong.length).toBeGreaterThan(8192);
    const plan = { ...planWith(["SUM(B1:B2)"]), dataSheets: [{ ...planWith(["LET(x,1,x)", tooLong]), name: "Lint me data" }] };
    expect(lintFormulas(plan)).toEqual(["Lint me data!B4: LET is not in Excel 2016 (#NAME? there)", `Lint me data!B5: is ${tooLong.length} characters long; Excel allows 8192`]);
    // The renderers' guard refuses it before anything is drawn, naming the sheet.
    expect(() => checkPlanFits(plan)).toThrow(InputError);
    try {
      checkPlanFits(plan);
    } catch (e) {
      expect((e as InputError).problems[0]).toMatchObject({ source: "Lint me data", message: expect.stringMatching(/formula of [\d,]+ characters \(row 5, column 2\), past the 8,192 Excel allows/) });
    }
    expect(() => checkPlanFits(planWith([long]))).not.toThrow();
  });
});
