/**
 * The real Office.js gateway (src/render/excel-gateway.ts) against office-addin-mock.
 *
 * The mock models objects, properties, load/sync and methods we hand it, but no *Collection
 * behaviour (items, getItemOrNullObject ...), so listSheets/listTables are not exercised here;
 * what is: that each gateway call becomes the right Office call with the right payload — one
 * formulas array per block, scalar number formats, widths in points, freeze, marks, styles,
 * charts — that nothing is sent before sync, and that reads are chunked.
 */
import { OfficeMockObject } from "office-addin-mock";
import { LOOKS } from "../../../src/render/style-table";
import { ExcelGateway, charsToPoints, rangeAddress } from "../../../src/render/excel-gateway";
import { renderPlanToExcel } from "../../../src/render/excel";
import type { SheetInfo } from "../../../src/render/gateway";
import { FMT, type SheetPlan } from "../../../src/sheets/plan";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

interface Harness {
  ctx: Excel.RequestContext;
  log: string[];
  ranges: { sheet: string; address: string; r: Any }[];
  sheetProxies: { name: string; ws: Any }[];
  charts: Any[];
  nameItems: Any[];
  /** workbook.settings as the mock holds them. */
  settings: Map<string, string>;
  syncs: () => number;
}

function harness(tableData?: unknown[][]): Harness {
  const log: string[] = [];
  const ranges: Harness["ranges"] = [];
  const sheetProxies: Harness["sheetProxies"] = [];
  const charts: Any[] = [];
  const nameItems: Any[] = [];
  const created: Any[] = [];
  const settings = new Map<string, string>();
  let syncs = 0;
  const track = <T,>(m: T): T => (created.push(m), m);

  const newRange = (sheet: string, address: string): Any => {
    const edges: Record<string, Any> = {};
    const r = track(new OfficeMockObject({ format: { font: {}, fill: {}, protection: {}, borders: { getItem: (edge: string) => (edges[edge] ??= { edge }) } }, merge: (across: boolean) => log.push(`merge ${sheet} ${address} ${across}`) })) as Any;
    r.edges = edges;
    ranges.push({ sheet, address, r });
    return r;
  };
  const newSheet = (name: string): Any => {
    const ws: Any = track(
      new OfficeMockObject({
        getRange: (address: string) => newRange(name, address),
        getRangeByIndexes: (row: number, col: number, rows: number, cols: number) => {
          log.push(`read ${name} ${row},${col} ${rows}x${cols}`);
          const data = (tableData ?? []).slice(row, row + rows).map((r) => r.slice(col, col + cols));
          return track(new OfficeMockObject({ values: data }));
        },
        freezePanes: {
          freezeAt: (a: string) => log.push(`freezeAt ${a}`),
          freezeRows: (n: number) => log.push(`freezeRows ${n}`),
          freezeColumns: (n: number) => log.push(`freezeColumns ${n}`),
          unfreeze: () => log.push("unfreeze"),
        },
        customProperties: { add: (k: string, v: string) => log.push(`property ${name} ${k}=${v}`) },
        names: {
          add: (k: string, f: string) => {
            log.push(`name ${name} ${k} ${f}`);
            const item = { visible: true };
            nameItems.push(item);
            return item;
          },
        },
        charts: {
          add: (type: string, source: Any, seriesBy: string) => {
            const series: Any[] = [];
            const newSeries = (nm?: string) => {
              const s: Any = { name: nm, setValues: (r: Any) => (s.values = r), setXAxisValues: (r: Any) => (s.x = r) };
              series.push(s);
              return s;
            };
            newSeries();
            const chart: Any = {
              type,
              source,
              seriesBy,
              series,
              title: {},
              legend: {},
              axes: { valueAxis: { title: {} } },
              setPosition: (a: string, b: string) => (chart.position = [a, b]),
            };
            chart.series = Object.assign(series, { getItemAt: (i: number) => series[i], add: newSeries });
            charts.push(chart);
            return chart;
          },
        },
        delete: () => log.push(`delete ${name}`),
        activate: () => log.push(`activate ${name}`),
        pageLayout: { setPrintArea: (a: string) => log.push(`print area ${name} ${a}`) },
        horizontalPageBreaks: { add: (a: string) => log.push(`page break ${name} ${a}`) },
      })
    );
    sheetProxies.push({ name, ws });
    return ws;
  };

  const ctx = new OfficeMockObject({
    workbook: {
      worksheets: {
        getItem: (n: string) => newSheet(n),
        add: (n: string) => {
          log.push(`add ${n}`);
          return newSheet(n);
        },
      },
      tables: {
        getItem: (n: string) =>
          track(
            new OfficeMockObject({
              worksheet: { name: "Log" },
              getRange: () => track(new OfficeMockObject({ rowIndex: 0, columnIndex: 1, rowCount: (tableData ?? []).length, columnCount: 2 })),
              name: n,
            })
          ),
      },
      application: { suspendApiCalculationUntilNextSync: () => log.push("suspend") },
      settings: {
        // A plain object: OfficeMockObject treats isNullObject as a property to load, which
        // Office.js fills in at sync for any loaded object.
        getItemOrNullObject: (k: string) => ({ value: settings.get(k), isNullObject: !settings.has(k), load: () => undefined }),
        add: (k: string, v: string) => {
          log.push(`setting ${k}`);
          settings.set(k, v);
        },
      },
    },
    // The mock's own sync only reaches objects in its tree; these come from our factories.
    sync: async () => {
      syncs++;
      log.push("sync");
      for (const m of created) await (m as Any).sync();
      await new Promise((r) => setTimeout(r, 0));
    },
  });
  return { ctx: ctx as unknown as Excel.RequestContext, log, ranges, sheetProxies, charts, nameItems, settings, syncs: () => syncs };
}

const modern = { isSetSupported: () => true };

describe("ExcelGateway over office-addin-mock", () => {
  test("a block is ONE range write of a formulas array mixing constants, formulas and guarded text; nothing before sync", async () => {
    const h = harness();
    const gw = new ExcelGateway(h.ctx, modern);
    const data = [
      ["Offer", "Annual pay", "Effective hourly"],
      ["'=HYPERLINK(\"http://x\")", 250000, "=B9/($B$5*52)"],
      ["Rural ED", null, "=B10/($B$5*52)"],
    ];
    gw.writeBlock("Offer Comparison", 7, 0, data);
    expect(h.ranges).toHaveLength(1);
    expect(h.ranges[0].address).toBe("A8:C10");
    expect(h.ranges[0].r.formulas).toEqual(data);
    expect(h.syncs()).toBe(0);
    await gw.sync();
    expect(h.syncs()).toBe(1);
  });

  test("number formats go as one scalar per range, not a rows×cols array", () => {
    const h = harness();
    new ExcelGateway(h.ctx, modern).setNumberFormat("Log", 3, 0, 100_000, 1, FMT.date);
    expect(h.ranges[0].address).toBe("A4:A100003");
    expect(h.ranges[0].r.numberFormat).toBe(FMT.date);
  });

  test("widths in points, freeze, suspend calculation, sheet operations", () => {
    const h = harness();
    const gw = new ExcelGateway(h.ctx, modern);
    gw.setColumnWidth("S", 2, 16);
    expect(h.ranges[0].address).toBe("C:C");
    expect(h.ranges[0].r.format.columnWidth).toBe(charsToPoints(16));
    expect(charsToPoints(8.43)).toBeCloseTo(48, 0); // Excel's default column: 64 px = 48 pt
    gw.freezePanes("S", 8, 1);
    gw.freezePanes("S", 3, 0);
    gw.freezePanes("S", 0, 2);
    gw.suspendCalculation();
    gw.addSheet("~tmp");
    gw.renameSheet("~tmp", "Offer Comparison");
    gw.setSheetPosition("Offer Comparison", 2);
    gw.activateSheet("Offer Comparison");
    gw.deleteSheet("Old");
    expect(h.log).toEqual(["freezeAt A1:A8", "freezeRows 3", "freezeColumns 2", "suspend", "add ~tmp", "activate Offer Comparison", "delete Old"]);
    const renamed = h.sheetProxies.find((p) => p.name === "~tmp" && p.ws.name === "Offer Comparison");
    expect(renamed).toBeDefined();
    expect(h.sheetProxies.find((p) => p.name === "Offer Comparison" && p.ws.position === 2)).toBeDefined();
  });

  test("alignment, merges, row heights and the print set-up (ExcelApi 1.9; skipped below it)", () => {
    const h = harness();
    const gw = new ExcelGateway(h.ctx, modern);
    gw.setAlignment("S", 4, 2, 10, 1, "center");
    gw.setAlignment("S", 4, 3, 10, 1, "indent");
    expect([h.ranges[0].address, h.ranges[0].r.format.horizontalAlignment]).toEqual(["C5:C14", "Center"]);
    expect([h.ranges[1].address, h.ranges[1].r.format.horizontalAlignment, h.ranges[1].r.format.indentLevel]).toEqual(["D5:D14", "Left", 1]);
    gw.mergeCells("S", 3, 1, 1, 11);
    gw.setRowHeight("S", 3, 45);
    expect(h.ranges[3].address).toBe("4:4");
    expect(h.ranges[3].r.format.rowHeight).toBe(45);
    gw.setPrintLayout("S", { area: { row: 0, col: 0, rows: 90, cols: 12 }, orientation: "landscape", rowBreaks: [30, 61] });
    const ws = h.sheetProxies.filter((p) => p.name === "S").map((p) => p.ws).find((w) => w.pageLayout.orientation);
    expect([ws.pageLayout.orientation, ws.pageLayout.paperSize, ws.pageLayout.zoom]).toEqual(["Landscape", "Letter", { horizontalFitToPages: 1, verticalFitToPages: 0 }]);
    expect(h.log).toEqual(["merge S B4:L4 false", "print area S A1:L90", "page break S A31", "page break S A62"]);
    const old = harness();
    new ExcelGateway(old.ctx, { isSetSupported: (set, v) => set === "ExcelApi" && Number(v) < 1.9 }).setPrintLayout("S", { area: { row: 0, col: 0, rows: 9, cols: 2 }, orientation: "portrait", rowBreaks: [] });
    expect(old.log).toEqual([]);
  });

  test("the mark is a custom property on ExcelApi 1.12, a hidden sheet-scoped name below it", () => {
    const h = harness();
    new ExcelGateway(h.ctx, modern).markSheet("S", "offer-comparison");
    expect(h.log).toEqual(["property S ClinPay=offer-comparison"]);

    const old = harness();
    new ExcelGateway(old.ctx, { isSetSupported: (_s, v) => Number(v.split(".")[1]) < 12 }).markSheet("S", "offer-comparison");
    expect(old.log).toEqual(['name S ClinPay.kind ="offer-comparison"']);
    expect(old.nameItems[0].visible).toBe(false);
  });

  test("styles: a table styles its header row only; assumptions highlight the input column", () => {
    const h = harness();
    const gw = new ExcelGateway(h.ctx, modern);
    gw.styleRange("S", 7, 0, 100_001, 8, "table");
    gw.styleRange("S", 4, 0, 2, 2, "assumptions");
    expect(h.ranges.map((r) => r.address)).toEqual(["A8:H8", "A5:A6", "B5:B6"]);
    // Each as the shared style table says (src/render/style-table.ts), which the xlsx renderer also reads.
    const [header, label, input] = h.ranges.map((x) => x.r);
    expect([header.format.font.bold, header.format.fill.color, header.edges.EdgeBottom]).toEqual([true, `#${LOOKS.header.fill}`, { edge: "EdgeBottom", style: "Continuous", color: `#${LOOKS.header.rule}` }]);
    expect(label.format.font.bold).toBe(true);
    expect(input.format.fill.color).toBe(`#${LOOKS.input.fill}`);
    expect(Object.keys(input.edges).sort()).toEqual(["EdgeBottom", "EdgeLeft", "EdgeRight", "EdgeTop", "InsideHorizontal"]);
    expect(input.format.protection.locked).toBe(false);
  });

  test("a chart: added from the first series, more series added, categories, title, position, axis", () => {
    const h = harness();
    new ExcelGateway(h.ctx, modern).addChart("S", {
      type: "column",
      title: "Effective hourly by offer and scenario",
      categoriesRef: "$A$9:$A$11",
      series: [
        { name: "Base", nameRef: "$C$8", valuesRef: "$C$9:$C$11" },
        { name: "Worst", nameRef: "$D$8", valuesRef: "$D$9:$D$11" },
      ],
      at: { row: 1, col: 5, width: 8, height: 15 },
      yAxisTitle: "$ per hour",
      valueFormat: FMT.money,
    });
    const c = h.charts[0];
    expect(c.type).toBe("ColumnClustered");
    expect(c.seriesBy).toBe("Columns");
    expect(h.ranges.find((r) => r.r === c.source)?.address).toBe("$C$9:$C$11");
    expect(c.title.text).toBe("Effective hourly by offer and scenario");
    expect(c.series.map((s: Any) => s.name)).toEqual(["Base", "Worst"]);
    const addr = (r: Any) => h.ranges.find((x) => x.r === r)?.address;
    expect(c.series.map((s: Any) => addr(s.x))).toEqual(["$A$9:$A$11", "$A$9:$A$11"]);
    expect(addr(c.series[1].values)).toBe("$D$9:$D$11");
    expect(c.position).toEqual(["F2", "M16"]);
    expect(c.axes.valueAxis.title.text).toBe("$ per hour");
    expect(c.axes.valueAxis.numberFormat).toBe(FMT.money);
  });

  test("a table is read in row chunks so no response is too big", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ["x", `name ${i}`, i]);
    const h = harness(rows);
    const values = await new ExcelGateway(h.ctx, { ...modern, maxCellsPerRead: 4 }).readTableValues("Appointments");
    expect(values).toEqual(rows.map((r) => r.slice(1, 3)));
    expect(h.log.filter((l) => l.startsWith("read"))).toEqual(["read Log 0,1 2x2", "read Log 2,1 2x2", "read Log 4,1 1x2"]);
    expect(h.syncs()).toBe(4);
  });

  test("a setting is saved with workbook.settings.add and read back with getItemOrNullObject; a missing one is null", async () => {
    const h = harness();
    const gw = new ExcelGateway(h.ctx, modern);
    expect(await gw.readSetting("ClinPay.mapping:Log")).toBeNull();
    gw.writeSetting("ClinPay.mapping:Log", '{"lines":[]}');
    expect(h.log).toContain("setting ClinPay.mapping:Log");
    expect(await gw.readSetting("ClinPay.mapping:Log")).toBe('{"lines":[]}');
  });

  test("rangeAddress", () => {
    expect(rangeAddress(0, 0, 1, 1)).toBe("A1");
    expect(rangeAddress(7, 25, 3, 3)).toBe("Z8:AB10");
  });
});

describe("renderPlanToExcel through the real gateway (mocked Office)", () => {
  test("a plan becomes: add temp sheet, mark, one formulas write per block, formats, commit rename — in a handful of syncs", async () => {
    const h = harness();
    class Gw extends ExcelGateway {
      // listSheets needs WorksheetCollection.items, which the mock cannot model.
      async listSheets(): Promise<SheetInfo[]> {
        return [{ name: "Sheet1", mark: null, position: 0, active: true }];
      }
    }
    const plan: SheetPlan = {
      kind: "rvu-leakage",
      name: "RVU Leakage",
      blocks: [
        { row: 0, col: 0, cells: [["RVU Leakage"]], style: "title" },
        {
          row: 2,
          col: 0,
          cells: [
            ["Reason", "Count", "Share"],
            ['=HYPERLINK("http://x")', 3, { f: "B4/SUM($B$4:$B$5)", v: 0.75 }],
            ["@SUM(A1)", 1, { f: "B5/SUM($B$4:$B$5)", v: 0.25 }],
          ],
          style: "table",
          formats: [undefined, FMT.number, FMT.percent],
        },
      ],
    };
    const res = await renderPlanToExcel(new Gw(h.ctx, modern), plan);
    expect(res.sheetName).toBe("RVU Leakage");
    expect(res.syncs).toBe(h.syncs() + 1); // + the stubbed listSheets

    const temp = h.log.find((l) => l.startsWith("add "))!.slice(4);
    expect(temp).toMatch(/^~ClinPay build /);
    expect(h.log).toContain(`property ${temp} ClinPay=rvu-leakage`);
    expect(h.log).toContain("suspend");
    const writes = h.ranges.filter((r) => r.r.formulas !== undefined && typeof r.r.formulas !== "string");
    expect(writes.map((w) => [w.sheet, w.address])).toEqual([
      [temp, "A1"],
      [temp, "A3:C5"],
    ]);
    expect(writes[1].r.formulas).toEqual([
      ["Reason", "Count", "Share"],
      ["'=HYPERLINK(\"http://x\")", 3, "=B4/SUM($B$4:$B$5)"],
      ["'@SUM(A1)", 1, "=B5/SUM($B$4:$B$5)"],
    ]);
    const fmt = h.ranges.filter((r) => typeof r.r.numberFormat === "string").map((r) => [r.address, r.r.numberFormat]);
    expect(fmt).toEqual([
      ["B4:B5", FMT.number],
      ["C4:C5", FMT.percent],
    ]);
    expect(h.sheetProxies.some((p) => p.name === temp && p.ws.name === "RVU Leakage")).toBe(true);
    expect(h.log.indexOf(`activate ${temp}`)).toBeGreaterThan(h.log.indexOf("sync"));
    expect(h.log.filter((l) => l === "sync")).toHaveLength(2);
  });
});
