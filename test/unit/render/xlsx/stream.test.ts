/**
 * The streaming xlsx writer against the way the renderer used to build a workbook (ExcelJS's
 * in-memory writer, then the finished zip reopened to add the mark and the chart parts): same
 * cells, values, formulas, cached results, formats, styles, layout, charts and mark. Plus what
 * only a streaming writer can get wrong: failing part-way without hanging or leaving a file,
 * and really streaming (the sheet leaves before the last row is read).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { Writable } from "stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { renderXlsx, writeXlsxFile } from "../../../../src/render/xlsx";
import { planRows } from "../../../../src/render/xlsx/cells";
import { resolveChart } from "../../../../src/render/xlsx/charts";
import { setColumnWidths, sheetOptions } from "../../../../src/render/xlsx/layout";
import { addOverrides, addRelationship, addSheetMarks, drawingParts, insertDrawing, REL_DRAWING } from "../../../../src/render/xlsx/package";
import { planLookup } from "../../../../src/render/xlsx/refs";
import { streamXlsx } from "../../../../src/render/xlsx/stream";
import { StyleBook } from "../../../../src/render/xlsx/styles";
import { startTags } from "../../../../src/render/xlsx/xml";
import { labelledBlocks, metaBlock, noteBlock, tableBlock, titleBlock } from "../../../../src/sheets/blocks";
import { FMT, type ChartPlan, type PlanCell, type SheetPlan } from "../../../../src/sheets/plan";

/** Inputs B4:B6 (one left empty), a table A8:F12 with formulas of every cached kind, user text
 *  that looks like formulas, a note, and two charts over the table. */
function twoChartPlan(name: string): SheetPlan {
  const visits = [120, 95, 130];
  const pay = visits.map((v) => v * 85.5);
  const rows: PlanCell[][] = visits.map((v, i) => {
    const r = 9 + i;
    return [
      ["+1 clinic", "-2 clinic", "@home"][i],
      v,
      { f: `B${r}*$B$4`, v: pay[i] },
      { f: `RANK.EQ(C${r},$C$9:$C$11)`, v: pay.filter((p) => p > pay[i]).length + 1 },
      { f: `B${r}>100`, v: v > 100 },
      { f: `IF(B${r}>100,"busy",B${r}/0)`, v: v > 100 ? "busy" : "#DIV/0!" },
    ];
  });
  rows.push(["Total", { f: "SUM(B9:B11)", v: 345 }, { f: "SUM(C9:C11)", v: 345 * 85.5 }, null, null, NaN]);
  return {
    kind: "rvu-leakage",
    name,
    columnWidths: [22, 10, 12, 8, 8, 10],
    freeze: { rows: 8, cols: 1 },
    merges: [{ row: 15, col: 0, rows: 1, cols: 6 }],
    rowHeights: Object.assign([], { 15: 45 }),
    print: { area: { row: 0, col: 0, rows: 30, cols: 14 }, orientation: "landscape", rowBreaks: [13] },
    blocks: [
      titleBlock("Streaming check"),
      metaBlock(new Date(Date.UTC(2025, 5, 1)), "=cmd|' /C calc'!A0"),
      ...labelledBlocks(
        [
          { label: "$ per visit", value: 85.5, format: FMT.money2 },
          { label: "No-show rate", value: 0.12, format: FMT.percent },
          { label: "Left empty", value: null },
        ],
        3,
        0,
        "assumptions"
      ),
      tableBlock(["Site", "Visits", "Pay", "Rank", "Busy", "Label"], rows, 7, 0, [
        undefined,
        FMT.number,
        FMT.money2,
        FMT.number,
        undefined,
        undefined,
      ]),
      noteBlock(["Pay is visits times the $ per visit. Rank 1 is the best-paid site; Label divides by zero on quiet sites on purpose."], 14),
    ],
    charts: [
      overTable("column", "Pay by site", "C", 2, { valueFormat: FMT.money }),
      overTable("line", "Visits", "B", 15, { yAxisTitle: "Visits" }),
    ],
  };
}

/** A chart of one table column (B or C) by site, anchored at H(row+1). */
const overTable = (type: ChartPlan["type"], title: string, col: string, row: number, more: Partial<ChartPlan>): ChartPlan => ({
  type,
  title,
  categoriesRef: "$A$9:$A$11",
  series: [{ nameRef: `$${col}$8`, valuesRef: `$${col}$9:$${col}$11` }],
  at: { row, col: 7, width: 7, height: 11 },
  ...more,
});

const PLANS = (): SheetPlan[] => [
  twoChartPlan("First"),
  { kind: "target-tracker", name: "No charts", blocks: [{ row: 2, col: 1, style: "plain", cells: [["only", 1]] }] },
  { ...twoChartPlan("Third's"), kind: "offer-comparison", charts: twoChartPlan("x").charts!.slice(1) },
];

/** The workbook as the renderer built it before it streamed. */
async function inMemoryWorkbook(plans: SheetPlan[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "ClinPay";
  const styles = new StyleBook();
  for (const plan of plans) {
    const ws = wb.addWorksheet(plan.name, sheetOptions(plan));
    setColumnWidths(ws, plan);
    for (const [r, placed] of planRows(plan, styles))
      placed.forEach(({ col, value, style }) => Object.assign(ws.getCell(r + 1, col + 1), { value, style }));
    for (const row of plan.print?.rowBreaks ?? []) ws.getRow(row).addPageBreak();
    for (const m of plan.merges ?? []) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
    plan.rowHeights?.forEach((h, r) => h !== undefined && (ws.getRow(r + 1).height = h));
  }
  const zip = await JSZip.loadAsync(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  const read = (p: string) => zip.file(p)!.async("string");
  const printArea = (p: SheetPlan) => p.print && `'${p.name.replace(/'/g, "''")}'!$A$1:$${String.fromCharCode(64 + p.print.area.cols)}$${p.print.area.rows}`;
  zip.file("xl/workbook.xml", addSheetMarks(await read("xl/workbook.xml"), plans.map((p, index) => ({ index, kind: p.kind, printArea: printArea(p) }))));
  const lookup = planLookup(plans);
  const overrides: { part: string; type: string }[] = [];
  let chartsSoFar = 0;
  let drawingsSoFar = 0;
  for (const [i, plan] of plans.entries()) {
    if (!plan.charts?.length) continue;
    const models = plan.charts.map((c) => ({ model: resolveChart(c, plan, lookup), at: c.at }));
    const added = drawingParts(models, ++drawingsSoFar, chartsSoFar + 1);
    chartsSoFar += models.length;
    added.parts.forEach((p) => zip.file(p.path, p.xml));
    overrides.push(...added.overrides);
    const relsPath = `xl/worksheets/_rels/sheet${i + 1}.xml.rels`;
    const rel = addRelationship(zip.file(relsPath) ? await read(relsPath) : undefined, REL_DRAWING, added.target);
    zip.file(relsPath, rel.xml);
    zip.file(`xl/worksheets/sheet${i + 1}.xml`, insertDrawing(await read(`xl/worksheets/sheet${i + 1}.xml`), rel.id));
  }
  zip.file("[Content_Types].xml", addOverrides(await read("[Content_Types].xml"), overrides));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** Everything a reader sees in a workbook, as plain data: every cell's model (value, formula,
 *  cached result, type, style), merges, row heights, column widths, views and page setup per
 *  sheet; the defined names; and each sheet's drawing with its charts, as part texts. */
async function contents(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const zip = await JSZip.loadAsync(buf);
  const read = (p: string) => zip.file(p)!.async("string");
  // Relationship ids are only names; what they point at is the content.
  const rels = async (p: string): Promise<Record<string, string>[]> =>
    zip.file(p) ? startTags(await read(p), "Relationship").map(({ Id: _id, ...rel }) => rel) : [];
  const sheets = [];
  for (const [i, ws] of wb.worksheets.entries()) {
    const cells: Record<string, unknown> = {};
    const heights: Record<number, number | undefined> = {};
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      heights[n] = row.height;
      row.eachCell({ includeEmpty: true }, (cell) => {
        cells[cell.address] = JSON.parse(JSON.stringify(cell.model));
      });
    });
    const sheetRels = await rels(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`);
    const drawing = sheetRels.find((r) => r.Type === REL_DRAWING);
    const drawingPath = drawing && path.posix.join("xl/worksheets", drawing.Target);
    const charts = drawingPath ? await rels(drawingPath.replace(/([^/]+)$/, "_rels/$1.rels")) : [];
    sheets.push({
      name: ws.name,
      cells,
      heights,
      merges: [...ws.model.merges].sort(),
      widths: ws.columns?.map((c) => c.width),
      views: ws.views,
      pageSetup: ws.pageSetup,
      drawingRef: /<drawing r:id="[^"]+"\/>/.test(await read(`xl/worksheets/sheet${i + 1}.xml`)),
      sheetRels,
      drawing: drawingPath && (await read(drawingPath)),
      charts: await Promise.all(charts.map((c) => read(path.posix.join(path.posix.dirname(drawingPath!), c.Target)))),
      chartRels: charts,
    });
  }
  const types = startTags(await read("[Content_Types].xml"), "Override")
    .map((o) => `${o.PartName} ${o.ContentType}`)
    .sort();
  const definedNames = (await read("xl/workbook.xml")).match(/<definedName\b[^>]*>[^<]*<\/definedName>/g);
  return { sheets, types, definedNames };
}

describe("streamed workbook", () => {
  test("holds what the in-memory build held: cells, formats, styles, layout, charts, mark", async () => {
    const streamed = await contents(await renderXlsx(PLANS()));
    const reference = await contents(await inMemoryWorkbook(PLANS()));
    expect(streamed).toEqual(reference);

    // And the comparison is about something: the parts that had to be hooked in are there.
    const [first, second, third] = streamed.sheets;
    expect(first.charts).toHaveLength(2);
    expect(first.drawingRef).toBe(true);
    expect(second.drawingRef).toBe(false);
    expect(third.charts).toHaveLength(1);
    expect(third.charts[0]).toContain("<c:lineChart>");
    expect(streamed.definedNames).toHaveLength(5);
    expect(Object.keys(first.cells).length).toBeGreaterThan(40);
    expect(first.cells.E11).toMatchObject({ type: ExcelJS.ValueType.Formula, formula: "B11>100", result: true });
    expect(first.cells.F10).toMatchObject({ result: { error: "#DIV/0!" } });
    expect(first.cells.D9).toMatchObject({ formula: "_xlfn.RANK.EQ(C9,$C$9:$C$11)" });
    expect(first.merges.length).toBeGreaterThan(0);
  });

  test("a file written by writeXlsxFile holds the same as the buffer", () =>
    inTempDir(async (dir) => {
      const file = path.join(dir, "out.xlsx");
      await writeXlsxFile(PLANS(), file);
      expect(await contents(await fs.readFile(file))).toEqual(await contents(await renderXlsx(PLANS())));
    }));
});

async function inTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-stream-"));
  try {
    await run(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A long log whose row `bad` holds something that is not a plan cell. */
function logWithBadRow(rows: number, bad: number): SheetPlan {
  const cells: PlanCell[][] = Array.from({ length: rows }, (_, i) => [i, `visit ${i % 13}`, (i * 7919) % 1000]);
  cells[bad][1] = { not: "a cell" } as unknown as PlanCell;
  return {
    kind: "rvu-leakage",
    name: "Log",
    blocks: [{ row: 0, col: 0, style: "table", cells }],
    charts: [{ type: "column", title: "c", categoriesRef: "$B$2:$B$4", series: [{ nameRef: "$C$1", valuesRef: "$C$2:$C$4" }], at: { row: 1, col: 5, width: 4, height: 8 } }],
  };
}

describe("streaming failures", () => {
  test("a cell that cannot be written deep in a long log fails the write and leaves nothing", () =>
    inTempDir(async (dir) => {
      const plan = logWithBadRow(30_000, 25_000);
      await expect(writeXlsxFile([plan], path.join(dir, "out.xlsx"))).rejects.toThrow(/Not a plan cell/);
      expect(await fs.readdir(dir)).toEqual([]);
      await expect(renderXlsx([plan])).rejects.toThrow(/Not a plan cell/);
    }));

  test("a destination that fails part-way rejects rather than hangs", async () => {
    const plan = logWithBadRow(30_000, 0);
    plan.blocks[0].cells[0][1] = "fine";
    let seen = 0;
    const broken = new Writable({
      write(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        done(seen > 50_000 ? new Error("disk full") : null);
      },
    });
    await expect(streamXlsx([plan], [{ name: plan.name, kind: plan.kind, charts: [] }], broken, "ClinPay")).rejects.toThrow(/disk full/);
  });
});

test("the sheet reaches the destination while its rows are still being read", async () => {
  const rows = 40_000;
  let bytes = 0;
  let bytesAtLastRow: number | undefined;
  const cells: PlanCell[][] = Array.from({ length: rows }, (_, i) => [i, `code ${i % 97}`, (i * 7919) % 10007]);
  // The last row's formula reports when the writer gets to it (isFormula reads `f`).
  cells[rows - 1] = [
    {
      get f() {
        bytesAtLastRow ??= bytes;
        return "1+1";
      },
      v: 2,
    },
  ];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  const plan: SheetPlan = { kind: "rvu-leakage", name: "Log", blocks: [{ row: 0, col: 0, style: "plain", cells }] };
  await streamXlsx([plan], [{ name: "Log", kind: plan.kind, charts: [] }], sink, "ClinPay");
  // An in-memory build writes nothing before it has every row; a streaming one has sent most
  // of the sheet by then (all but the last batch, still in deflate).
  expect(bytesAtLastRow).toBeGreaterThan(bytes / 2);
});
