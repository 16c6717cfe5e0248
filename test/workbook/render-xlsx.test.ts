/**
 * The xlsx renderer against a real spreadsheet engine: LibreOffice recalculates what we wrote
 * and must arrive at the values the plan cached, keep user text as text, keep the ClinPay mark
 * and keep (and print) the charts.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { writeXlsxFile } from "../../src/render/xlsx";
import { a1 } from "../../src/sheets/a1";
import { labelledBlocks, metaBlock, noteBlock, tableBlock, titleBlock } from "../../src/sheets/blocks";
import { lintFormulas } from "../../src/sheets/lint";
import { FMT, isFormula, type PlanCell, type Scalar, type SheetPlan } from "../../src/sheets/plan";
import { convertToPdf, findErrors, readFormulas, readSheet, recalcWithLibreOffice } from "../helpers/libreoffice";

const SHEET = "Recalc check";
const INJECTIONS = ['=HYPERLINK("http://example.invalid","click")', "+1", "-2", "@SUM(A1)", "=1+1"];

/** Assumptions B4:B7, a monthly table A10:I15 over them, figures A17:B22 over the table.
 *  Cached values are worked out by hand here, independently of any spreadsheet. */
function recalcPlan(): SheetPlan {
  const start = 45658; // 2025-01-01
  const months = [45658, 45689, 45717, 45748];
  const visits = [120, 95, 130, 110];
  const rate = 85.5;
  const noShowRate = 0.12;
  const noShows = visits.map((v) => Math.round(v * noShowRate)); // 14, 11, 16, 13
  const paid = visits.map((v, i) => v - noShows[i]);
  const pay = paid.map((p) => p * rate);
  const payTotal = pay.reduce((a, b) => a + b, 0);
  const rank = pay.map((p) => pay.filter((q) => q > p).length + 1);
  const labels = ["2025-01 high", "2025-02 low", "2025-03 high", "2025-04 low"];
  const flags = visits.map((v, i) => v > 100 && noShows[i] < 15);
  const rows: PlanCell[][] = months.map((m, i) => {
    const r = 11 + i;
    return [
      { f: `EDATE($B$4,${i})`, v: m },
      visits[i],
      { f: `ROUND(B${r}*$B$7,0)`, v: noShows[i] },
      { f: `B${r}-C${r}`, v: paid[i] },
      { f: `D${r}*$B$6`, v: pay[i] },
      { f: `E${r}/SUM($E$11:$E$14)`, v: pay[i] / payTotal },
      { f: `RANK.EQ(E${r},$E$11:$E$14)`, v: rank[i] },
      { f: `TEXT(A${r},"yyyy-mm")&" "&IF(E${r}>9000,"high","low")`, v: labels[i] },
      { f: `AND(B${r}>100,C${r}<15)`, v: flags[i] },
    ];
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  rows.push([
    "Total",
    { f: "SUM(B11:B14)", v: sum(visits) },
    { f: "SUM(C11:C14)", v: sum(noShows) },
    { f: "SUM(D11:D14)", v: sum(paid) },
    { f: "SUM(E11:E14)", v: payTotal },
    { f: "SUM(F11:F14)", v: 1 },
  ]);
  return {
    kind: "rvu-leakage",
    name: SHEET,
    columnWidths: [24, 10, 10, 10, 12, 8, 6, 16, 8],
    freeze: { rows: 10, cols: 1 },
    blocks: [
      titleBlock("Recalculation check"),
      metaBlock(new Date(Date.UTC(2025, 4, 1)), "test"),
      ...labelledBlocks(
        [
          { label: "Start", value: start, format: FMT.date },
          { label: "Months", value: 3, format: FMT.number },
          { label: "$ per visit", value: rate, format: FMT.money2 },
          { label: "No-show rate", value: noShowRate, format: FMT.percent },
        ],
        3,
        0,
        "assumptions"
      ),
      tableBlock(
        ["Month", "Visits", "No-shows", "Paid visits", "Pay", "Share", "Rank", "Label", "Busy"],
        rows,
        9,
        0,
        [FMT.date, FMT.number, FMT.number, FMT.number, FMT.money2, FMT.percent, FMT.number, undefined, undefined]
      ),
      ...labelledBlocks(
        [
          { label: "Months in period", value: { f: 'COUNTIFS(A11:A14,"<="&EDATE($B$4,$B$5-1))', v: 3 } },
          { label: "Pay in high months", value: { f: 'SUMIFS(E11:E14,H11:H14,"*high")', v: pay[0] + pay[2] }, format: FMT.money2 },
          { label: "Best month", value: { f: "INDEX(A11:A14,MATCH(MAX(E11:E14),E11:E14,0))", v: months[2] }, format: FMT.date },
          { label: "Period end", value: { f: "EOMONTH($B$4,$B$5-1)", v: 45747 }, format: FMT.date },
          { label: "No-show share", value: { f: "IFNA(AVERAGE(C11:C14)/AVERAGE(B11:B14),0)", v: sum(noShows) / sum(visits) }, format: FMT.percent },
          { label: "Missing", value: { f: 'IFERROR(1/0,"n/a")', v: "n/a" } },
        ],
        16,
        0,
        "labels"
      ),
      { row: 23, col: 0, style: "plain", cells: INJECTIONS.map((s) => [s]) },
      noteBlock(["Pay is paid visits times the $ per visit; no-shows are visits times the no-show rate, rounded."], 29),
    ],
    charts: [
      {
        type: "column",
        title: "Pay by month",
        categoriesRef: "$H$11:$H$14",
        series: [{ nameRef: "$E$10", valuesRef: "$E$11:$E$14" }],
        at: { row: 16, col: 3, width: 6, height: 12 },
        valueFormat: FMT.money,
      },
      {
        type: "line",
        title: "Visits and no-shows",
        categoriesRef: "$A$11:$A$14",
        series: [
          { nameRef: "$B$10", valuesRef: "$B$11:$B$14" },
          { nameRef: "$C$10", valuesRef: "$C$11:$C$14" },
        ],
        at: { row: 16, col: 10, width: 7, height: 12 },
        yAxisTitle: "Visits",
      },
    ],
  };
}

/** A cached value LibreOffice must overwrite if it really recalculates. */
const staleCachePlan = (): SheetPlan => ({
  kind: "target-tracker",
  name: "Stale",
  blocks: [{ row: 0, col: 0, style: "plain", cells: [[2, { f: "A1*21", v: 0 }]] }],
});

function formulaCells(plan: SheetPlan): { address: string; cached: Scalar }[] {
  const out: { address: string; cached: Scalar }[] = [];
  for (const b of plan.blocks)
    b.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (isFormula(cell)) out.push({ address: a1(b.row + r, b.col + c), cached: cell.v });
      })
    );
  return out;
}

function sameValue(actual: unknown, expected: Scalar): boolean {
  if (typeof expected === "number" && typeof actual === "number")
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  return actual === expected;
}

describe("xlsx renderer in LibreOffice", () => {
  let dir: string;
  let original: string;
  let recalculated: string;
  let stale: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-wb-"));
    original = path.join(dir, "recalc.xlsx");
    await writeXlsxFile([recalcPlan()], original);
    await writeXlsxFile([staleCachePlan()], path.join(dir, "stale.xlsx"));
    [recalculated, stale] = await recalcWithLibreOffice(
      [original, path.join(dir, "stale.xlsx")],
      path.join(dir, "lo")
    );
  });

  afterAll(async () => {
    // CLINPAY_KEEP_OUTPUT=1 keeps the files (workbooks, PDF) to look at the charts by eye.
    if (dir && !process.env.CLINPAY_KEEP_OUTPUT) await fs.rm(dir, { recursive: true, force: true });
    else if (dir) console.log(`kept ${dir}`);
  });

  test("the plan itself passes the formula lint", () => {
    expect(lintFormulas(recalcPlan())).toEqual([]);
  });

  test("LibreOffice really recalculates (a wrong cached value is replaced)", async () => {
    expect((await readSheet(stale, "Stale")).get("B1")).toBe(42);
  });

  test("every formula's recalculated value equals the value the plan cached", async () => {
    const values = await readSheet(recalculated, SHEET);
    const cells = formulaCells(recalcPlan());
    expect(cells.length).toBe(43);
    const mismatches = cells
      .filter(({ address, cached }) => !sameValue(values.get(address) ?? null, cached))
      .map(({ address, cached }) => `${address}: cached ${JSON.stringify(cached)}, LibreOffice ${JSON.stringify(values.get(address))}`);
    expect(mismatches).toEqual([]);
  });

  test("no error values anywhere", async () => {
    expect(await findErrors(recalculated)).toEqual([]);
  });

  test("user text starting with = + - @ is still text after LibreOffice saves it", async () => {
    const values = await readSheet(recalculated, SHEET);
    const formulas = await readFormulas(recalculated, SHEET);
    INJECTIONS.forEach((s, i) => {
      expect(values.get(`A${24 + i}`)).toBe(s);
      expect(formulas.has(`A${24 + i}`)).toBe(false);
    });
  });

  test("the ClinPay mark survives LibreOffice's save", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(recalculated));
    const wb = await zip.file("xl/workbook.xml")!.async("string");
    expect(wb).toMatch(/<definedName[^>]*localSheetId="0"[^>]*name="ClinPay\.kind"[^>]*>&quot;rvu-leakage&quot;<\/definedName>/);
  });

  test("both charts survive LibreOffice's import and export with their ranges", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(recalculated));
    const charts = await Promise.all(
      Object.keys(zip.files)
        .filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))
        .map(async (p) => (await zip.file(p)!.async("string")).replace(/&apos;/g, "'"))
    );
    expect(charts).toHaveLength(2);
    const bar = charts.find((c) => c.includes("<c:barChart>"));
    const line = charts.find((c) => c.includes("<c:lineChart>"));
    expect(bar).toContain("'Recalc check'!$E$11:$E$14");
    expect(bar).toContain("Pay by month");
    expect(line).toContain("'Recalc check'!$C$11:$C$14");
  });

  test("exports to PDF (LibreOffice draws the charts)", async () => {
    const pdf = await convertToPdf(original, path.join(dir, "pdf"));
    const bytes = await fs.readFile(pdf);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(10_000);
  });
});
