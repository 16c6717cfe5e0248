import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { renderXlsx, writeXlsxFile } from "../../../src/render/xlsx";
import { planRows, toCellValue, MAX_CELL_TEXT } from "../../../src/render/xlsx/cells";
import { toFileFormula } from "../../../src/render/xlsx/formula";
import { insertDrawing } from "../../../src/render/xlsx/package";
import { StyleBook } from "../../../src/render/xlsx/styles";
import { labelledBlocks, metaBlock, noteBlock, tableBlock, titleBlock } from "../../../src/sheets/blocks";
import { FMT, type SheetPlan } from "../../../src/sheets/plan";
import { parseSheetMark } from "../../../src/sheets/registry";

const INJECTIONS = ['=HYPERLINK("http://example.invalid","click")', "+1", "-2", "@SUM(A1)"];

/** Assumptions in B4:B6, a table A8:E12 computed from them, a chart of its annual pay. */
function toyPlan(name = "Toy Sheet"): SheetPlan {
  const hours = 40;
  const weeks = 48;
  const noShow = 0.1;
  const rates = [100, 120, 90];
  const annual = rates.map((r) => r * hours * weeks * (1 - noShow));
  const total = annual.reduce((a, b) => a + b, 0);
  const ranks = annual.map((a) => annual.filter((b) => b > a).length + 1);
  return {
    kind: "offer-comparison",
    name,
    columnWidths: [30, 12, 14, 10, 8],
    // The note's paragraph, merged across the page and given room for its lines (as the layout engine plans it).
    merges: [{ row: 19, col: 0, rows: 1, cols: 7 }],
    rowHeights: Object.assign([], { 19: 32 }),
    freeze: { rows: 8, cols: 1 },
    blocks: [
      titleBlock("Toy comparison"),
      metaBlock(new Date(Date.UTC(2025, 0, 2)), "toy.csv"),
      ...labelledBlocks(
        [
          { label: "Paid hours per week", value: hours, format: FMT.number },
          { label: "Weeks per year", value: weeks, format: FMT.number },
          { label: "No-show rate", value: noShow, format: FMT.percent },
        ],
        3,
        0,
        "assumptions"
      ),
      tableBlock(
        ["Offer", "Rate", "Annual pay", "Share", "Rank"],
        [
          ...rates.map((rate, i) => [
            INJECTIONS[i + 1] ?? `Offer ${i}`,
            rate,
            { f: `B${9 + i}*$B$4*$B$5*(1-$B$6)`, v: annual[i] },
            { f: `IFERROR(C${9 + i}/$C$12,0)`, v: annual[i] / total },
            { f: `RANK.EQ(C${9 + i},$C$9:$C$11)`, v: ranks[i] },
          ]),
          ["Total", null, { f: "SUM(C9:C11)", v: total }, { f: "SUM(D9:D11)", v: 1 }],
        ],
        7,
        0,
        [undefined, FMT.money2, FMT.money, FMT.percent, FMT.number]
      ),
      { row: 13, col: 0, style: "plain", cells: INJECTIONS.map((s) => [s]) },
      noteBlock(
        [
          "Annual pay is the rate times paid hours times weeks, less the share of visits lost to no-shows. Change the yellow cells to see your own numbers.",
        ],
        18
      ),
    ],
    charts: [
      {
        type: "column",
        title: "Annual pay by offer",
        categoriesRef: "$A$9:$A$11",
        series: [{ nameRef: "$C$8", valuesRef: "$C$9:$C$11" }],
        at: { row: 2, col: 6, width: 8, height: 15 },
        yAxisTitle: "$ per year",
        valueFormat: FMT.money,
      },
    ],
  };
}

async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

const str = (zip: JSZip, p: string): Promise<string> => {
  const f = zip.file(p);
  if (!f) throw new Error(`missing part ${p}`);
  return f.async("string");
};

/** Top-level element names of a worksheet part, in document order. */
function topLevel(xml: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else {
      if (depth === 1) names.push(m[2]);
      if (!m[3]) depth++;
    }
  }
  return names;
}

/** CT_Worksheet's sequence (ECMA-376 Part 1, 18.3.1.99). */
const WORKSHEET_ORDER = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
  "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
  "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
  "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
  "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
  "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
  "tableParts", "extLst",
];

describe("renderXlsx: cells", () => {
  let buf: Buffer;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    buf = await renderXlsx([toyPlan()]);
    ws = (await loadWorkbook(buf)).getWorksheet("Toy Sheet")!;
  });

  test("values, formulas and their cached results", () => {
    expect(ws.getCell("A1").value).toBe("Toy comparison");
    expect(ws.getCell("A4").value).toBe("Paid hours per week");
    expect(ws.getCell("B4").value).toBe(40);
    expect(ws.getCell("B6").value).toBe(0.1);
    expect(ws.getCell("C9").value).toEqual({ formula: "B9*$B$4*$B$5*(1-$B$6)", result: 172800 });
    expect(ws.getCell("C12").value).toEqual({ formula: "SUM(C9:C11)", result: 172800 + 207360 + 155520 });
    expect((ws.getCell("D10").value as ExcelJS.CellFormulaValue).result).toBeCloseTo(207360 / 535680, 12);
  });

  test("functions newer than Excel 2007 are written with the _xlfn. prefix files need", () => {
    expect(ws.getCell("E9").value).toEqual({ formula: "_xlfn.RANK.EQ(C9,$C$9:$C$11)", result: 2 });
  });

  test("number formats per block column; the header row keeps General", () => {
    expect(ws.getCell("B4").numFmt).toBe(FMT.number);
    expect(ws.getCell("B6").numFmt).toBe(FMT.percent);
    expect(ws.getCell("B9").numFmt).toBe(FMT.money2);
    expect(ws.getCell("C9").numFmt).toBe(FMT.money);
    expect(ws.getCell("D11").numFmt).toBe(FMT.percent);
    expect(ws.getCell("C8").numFmt).toBeUndefined();
  });

  test("column widths, frozen panes, printed one page wide", () => {
    expect(ws.getColumn(1).width).toBe(30);
    expect(ws.getColumn(3).width).toBe(14);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 8 });
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  });

  test("styles: big bold title, header fill and rule, yellow inputs, italic wrapped note", () => {
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, size: 16 });
    const header = ws.getCell("C8");
    expect(header.font?.bold).toBe(true);
    expect(header.fill).toMatchObject({ type: "pattern", pattern: "solid" });
    expect(header.border?.bottom?.style).toBe("thin");
    expect(ws.getCell("A9").font?.bold).toBeFalsy();
    const input = ws.getCell("B5");
    expect(input.fill).toMatchObject({ pattern: "solid", fgColor: { argb: "FFFFF2CC" } });
    expect(input.protection?.locked).toBe(false);
    const label = ws.getCell("A5");
    expect((label.fill as ExcelJS.FillPattern | undefined)?.pattern ?? "none").toBe("none");
    expect(label.font?.bold).toBe(true);
    const note = ws.getCell("A20");
    expect(note.font?.italic).toBe(true);
    expect(note.alignment?.wrapText).toBe(true);
    expect(ws.getCell("A19").font).toMatchObject({ bold: true, italic: true });
  });

  test("a paragraph is merged across the columns the plan names and gets the height it plans", () => {
    expect(ws.getCell("B20").isMerged).toBe(true);
    expect(ws.getCell("B20").master.address).toBe("A20");
    expect(ws.getRow(20).height).toBeGreaterThanOrEqual(30);
  });

  test("user text starting with = + - @ is a string cell in the xml, never a formula", async () => {
    for (const [i, s] of INJECTIONS.entries()) expect(ws.getCell(`A${14 + i}`).value).toBe(s);
    const zip = await JSZip.loadAsync(buf);
    const sheet = await str(zip, "xl/worksheets/sheet1.xml");
    const shared = await str(zip, "xl/sharedStrings.xml");
    const sst = [...shared.matchAll(/<si>(.*?)<\/si>/gs)].map((m) => m[1].replace(/<[^>]+>/g, ""));
    for (const [i, s] of INJECTIONS.entries()) {
      const cell = new RegExp(`<c r="A${14 + i}"([^>]*)>(.*?)</c>`).exec(sheet);
      expect(cell).not.toBeNull();
      expect(cell![1]).toMatch(/t="s"/);
      expect(cell![2]).not.toMatch(/<f>/);
      const index = Number(/<v>(\d+)<\/v>/.exec(cell![2])![1]);
      expect(sst[index].replace(/&quot;/g, '"')).toBe(s);
    }
    // Offer names from user data in the table too (A9 is "+1").
    expect(/<c r="A9"[^>]*t="s"/.test(sheet)).toBe(true);
  });

  test("the sheet is marked as ClinPay's with a sheet-scoped defined name", async () => {
    const zip = await JSZip.loadAsync(buf);
    const wb = await str(zip, "xl/workbook.xml");
    const m = /<definedName name="ClinPay\.kind" localSheetId="0">([^<]*)<\/definedName>/.exec(wb);
    expect(m).not.toBeNull();
    expect(parseSheetMark(m![1].replace(/&quot;/g, '"'))).toBe("offer-comparison");
    // definedNames sits after sheets and before calcPr (CT_Workbook order).
    expect(wb.indexOf("</sheets>")).toBeLessThan(wb.indexOf("<definedNames>"));
    expect(wb.indexOf("</definedNames>")).toBeLessThan(wb.indexOf("<calcPr"));
  });
});

describe("renderXlsx: charts", () => {
  let zip: JSZip;
  beforeAll(async () => {
    zip = await JSZip.loadAsync(await renderXlsx([toyPlan()]));
  });

  test("a chart part with sheet-qualified references and caches from the plan", async () => {
    const chart = await str(zip, "xl/charts/chart1.xml");
    expect(chart).toContain('<c:barDir val="col"/>');
    expect(chart).toContain('<c:grouping val="clustered"/>');
    expect(chart).toContain("<c:f>&apos;Toy Sheet&apos;!$C$8</c:f>");
    expect(chart).toContain("<c:f>&apos;Toy Sheet&apos;!$A$9:$A$11</c:f>");
    expect(chart).toContain("<c:f>&apos;Toy Sheet&apos;!$C$9:$C$11</c:f>");
    expect(chart).toMatch(/<c:tx><c:strRef>.*<c:v>Annual pay<\/c:v>/);
    expect(chart).toContain('<c:pt idx="0"><c:v>+1</c:v></c:pt>');
    expect(chart).toContain('<c:pt idx="1"><c:v>207360</c:v></c:pt>');
    expect(chart).toContain("<a:t>Annual pay by offer</a:t>");
    expect(chart).toContain("<a:t>$ per year</a:t>");
    expect(chart).toContain("<c:catAx>");
    expect(chart).toContain("<c:valAx>");
    expect(chart).toContain("<c:legend>");
  });

  test("chart is wired: sheet → drawing → chart, and content types declared", async () => {
    const sheet = await str(zip, "xl/worksheets/sheet1.xml");
    const drawingId = /<drawing r:id="(rId\d+)"\/>/.exec(sheet)![1];
    const sheetRels = await str(zip, "xl/worksheets/_rels/sheet1.xml.rels");
    expect(sheetRels).toMatch(
      new RegExp(`<Relationship Id="${drawingId}" Type="[^"]*/relationships/drawing" Target="../drawings/drawing1.xml"/>`)
    );
    const drawing = await str(zip, "xl/drawings/drawing1.xml");
    expect(drawing).toContain("<xdr:from><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row>");
    expect(drawing).toContain("<xdr:to><xdr:col>14</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>17</xdr:row>");
    const chartId = /<c:chart [^>]*r:id="(rId\d+)"\/>/.exec(drawing)![1];
    const drawingRels = await str(zip, "xl/drawings/_rels/drawing1.xml.rels");
    expect(drawingRels).toMatch(
      new RegExp(`<Relationship Id="${chartId}" Type="[^"]*/relationships/chart" Target="../charts/chart1.xml"/>`)
    );
    const types = await str(zip, "[Content_Types].xml");
    expect(types).toContain(
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>'
    );
    expect(types).toContain(
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>'
    );
  });

  test("worksheet children stay in CT_Worksheet order with the drawing in place", async () => {
    const names = topLevel(await str(zip, "xl/worksheets/sheet1.xml"));
    expect(names).toContain("drawing");
    expect(names).toContain("mergeCells");
    const positions = names.map((n) => WORKSHEET_ORDER.indexOf(n));
    expect(positions).not.toContain(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  test("insertDrawing goes before legacyDrawing/tableParts/extLst, not into nested extLst", () => {
    const xml =
      '<worksheet xmlns:r="r"><sheetData/><conditionalFormatting><cfRule><extLst><ext/></extLst></cfRule></conditionalFormatting>' +
      '<pageMargins/><pageSetup/><legacyDrawing r:id="rId1"/><tableParts count="0"/><extLst/></worksheet>';
    const out = insertDrawing(xml, "rId9");
    expect(out).toContain('<pageSetup/><drawing r:id="rId9"/><legacyDrawing');
    expect(insertDrawing("<worksheet><sheetData></sheetData><pageMargins/></worksheet>", "rId2")).toBe(
      `<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData></sheetData><pageMargins/><drawing r:id="rId2"/></worksheet>`
    );
  });

  test("several sheets: each marked with its own index, charts numbered, names with quotes escaped", async () => {
    const second: SheetPlan = {
      ...toyPlan("O'Brien's offers"),
      kind: "rvu-leakage",
      charts: [
        { ...toyPlan().charts![0], type: "line", title: "Line" },
        { ...toyPlan().charts![0], type: "bar", title: "Bars", at: { row: 20, col: 6, width: 6, height: 10 } },
      ],
    };
    const z = await JSZip.loadAsync(await renderXlsx([toyPlan(), second]));
    const wb = await str(z, "xl/workbook.xml");
    expect(wb).toContain('<definedName name="ClinPay.kind" localSheetId="0">&quot;offer-comparison&quot;</definedName>');
    expect(wb).toContain('<definedName name="ClinPay.kind" localSheetId="1">&quot;rvu-leakage&quot;</definedName>');
    expect(await str(z, "xl/charts/chart2.xml")).toContain("<c:lineChart>");
    const bars = await str(z, "xl/charts/chart3.xml");
    expect(bars).toContain('<c:barDir val="bar"/>');
    expect(bars).toContain("<c:f>&apos;O&apos;&apos;Brien&apos;&apos;s offers&apos;!$C$9:$C$11</c:f>");
    const drawing2 = await str(z, "xl/drawings/drawing2.xml");
    expect(drawing2.match(/<xdr:twoCellAnchor>/g)).toHaveLength(2);
    expect(await str(z, "xl/worksheets/_rels/sheet2.xml.rels")).toContain("../drawings/drawing2.xml");
  });

  test("chart text from user data cannot break the chart part", async () => {
    const plan = toyPlan();
    const table = plan.blocks.find((b) => b.style === "table")!;
    table.cells[1][0] = "A & B <co>\u0001\u0007";
    const chart = await str(await JSZip.loadAsync(await renderXlsx([plan])), "xl/charts/chart1.xml");
    expect(chart).toContain('<c:pt idx="0"><c:v>A &amp; B &lt;co&gt;</c:v></c:pt>');
    expect(chart).not.toMatch(/[\u0000-\u0008]/);
  });

  test("bad chart references fail the render with a message naming the chart", async () => {
    const plan = toyPlan();
    plan.charts![0].series[0].valuesRef = "$C$9:$D$11";
    await expect(renderXlsx([plan])).rejects.toThrow(/Annual pay by offer.*single row or column/);
    plan.charts![0].series[0].valuesRef = "$C$9:$C$10";
    await expect(renderXlsx([plan])).rejects.toThrow(/2 values for 3 categories/);
    plan.charts![0].series[0].valuesRef = "'Nowhere'!$C$9:$C$11";
    await expect(renderXlsx([plan])).rejects.toThrow(/Nowhere/);
  });
});

describe("sheet mark", () => {
  test("parseSheetMark reads both renderers' spelling and nothing else", () => {
    expect(parseSheetMark('"target-tracker"')).toBe("target-tracker");
    expect(parseSheetMark('="rvu-leakage"')).toBe("rvu-leakage");
    expect(parseSheetMark('"my-own-thing"')).toBeUndefined();
    expect(parseSheetMark("=Sheet1!$A$1")).toBeUndefined();
  });

  test("an empty plan list is refused rather than written as a workbook Excel cannot open", async () => {
    await expect(renderXlsx([])).rejects.toThrow(/at least one sheet/);
  });
});

describe("cell values", () => {
  test("non-finite numbers become #NUM!, error-looking cached results become errors", () => {
    expect(toCellValue(NaN)).toEqual({ error: "#NUM!" });
    expect(toCellValue(Infinity)).toEqual({ error: "#NUM!" });
    expect(toCellValue({ f: "1/0", v: "#DIV/0!" })).toEqual({ formula: "1/0", result: { error: "#DIV/0!" } });
    expect(toCellValue({ f: "A1", v: null })).toEqual({ formula: "A1", result: undefined });
    // As a plain scalar it is user text and stays text.
    expect(toCellValue("#DIV/0!")).toBe("#DIV/0!");
  });

  test("text is cut at Excel's cell limit and stripped of characters XML cannot hold", () => {
    expect((toCellValue("x".repeat(40000)) as string).length).toBe(MAX_CELL_TEXT);
    expect(toCellValue("a\uFFFEb\uFFFF")).toBe("ab");
  });

  test("toFileFormula prefixes newer functions outside strings only and drops a leading =", () => {
    expect(toFileFormula("=SUM(A1)")).toBe("SUM(A1)");
    expect(toFileFormula('IFNA(RANK.EQ(A1,A:A),"RANK.EQ(")')).toBe('_xlfn.IFNA(_xlfn.RANK.EQ(A1,A:A),"RANK.EQ(")');
    expect(toFileFormula("rank.eq(A1,B1:B3)+RANK(A1,B1:B3)")).toBe("_xlfn.rank.eq(A1,B1:B3)+RANK(A1,B1:B3)");
  });

  test("planRows: ascending rows, ascending columns, later block wins an overlap", () => {
    const plan: SheetPlan = {
      kind: "target-tracker",
      name: "x",
      blocks: [
        { row: 5, col: 0, style: "plain", cells: [["late"]] },
        { row: 0, col: 2, style: "plain", cells: [["c1"], ["c2"]] },
        { row: 0, col: 0, style: "plain", cells: [["a1", "b1", "hidden"], ["a2"]] },
      ],
    };
    const rows = [...planRows(plan, new StyleBook())].map(([r, cells]) => [r, cells.map((c) => [c.col, c.value])]);
    expect(rows).toEqual([
      [0, [[0, "a1"], [1, "b1"], [2, "hidden"]]],
      [1, [[0, "a2"], [2, "c2"]]],
      [5, [[0, "late"]]],
    ]);
  });
});

describe("writeXlsxFile", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-xlsx-"));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test("writes a workbook ExcelJS can open", async () => {
    const file = path.join(dir, "out.xlsx");
    await writeXlsxFile([toyPlan()], file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet("Toy Sheet")!.getCell("B4").value).toBe(40);
    expect(await fs.readdir(dir)).toEqual(["out.xlsx"]);
  });

  test("leaves nothing when rendering throws", async () => {
    const plan = toyPlan();
    plan.charts![0].categoriesRef = "not a ref";
    await expect(writeXlsxFile([plan], path.join(dir, "out.xlsx"))).rejects.toThrow(/not an A1/);
    await expect(writeXlsxFile([toyPlan("bad/name")], path.join(dir, "out.xlsx"))).rejects.toThrow(/sheet name/);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  test("a failed rename removes the temporary file and keeps what was there", async () => {
    const target = path.join(dir, "taken");
    await fs.mkdir(target);
    await fs.writeFile(path.join(target, "keep"), "x");
    await expect(writeXlsxFile([toyPlan()], target)).rejects.toThrow();
    expect(await fs.readdir(dir)).toEqual(["taken"]);
    expect(await fs.readdir(target)).toEqual(["keep"]);
  });
});
