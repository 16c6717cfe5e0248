/**
 * The streaming .xlsx reader (big files) reads exactly what the whole-workbook reader reads:
 * the same table chosen (named table, sheet by name, first visible sheet), the same header row,
 * cells, dates, blank rows and never-calculated formulas. Each workbook is read both ways.
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readTable, STREAM_XLSX_FROM_BYTES } from "../../src/cli/read";
import { streamWorkbook } from "../../src/cli/xlsx-stream";
import type { RawTable } from "../../src/core/inputs/types";

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-stream-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

async function save(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const comparable = (t: RawTable) => ({ source: t.source, headers: t.headers, rows: t.rows, headerRow: t.headerRow ?? 1, uncalculated: t.uncalculated ?? [] });

async function bothWays(file: string, tableName?: string) {
  const whole = await readTable(file, tableName);
  const streamed = await streamWorkbook(fs.readFileSync(file), file, tableName);
  expect(streamed).toBeDefined();
  expect(streamed!.transient).toBe(true);
  expect(comparable(streamed!)).toEqual(comparable(whole));
  return streamed!;
}

test("a plain sheet: header below blank rows and right of column A, dates, numbers, a blank row inside", async () => {
  const file = await save("plain.xlsx", (wb) => {
    const ws = wb.addWorksheet("Log");
    ws.getCell("C3").value = "date";
    ws.getCell("D3").value = "status";
    ws.getCell("E3").value = "wrvu";
    ws.getCell("C4").value = utc(2026, 1, 5);
    ws.getCell("D4").value = "completed";
    ws.getCell("E4").value = 1.3;
    ws.getCell("C6").value = utc(2026, 1, 7);
    ws.getCell("D6").value = { richText: [{ text: "no_" }, { text: "show" }] };
    ws.getCell("E6").value = true;
  });
  const t = await bothWays(file);
  expect(t.headers).toEqual(["date", "status", "wrvu"]);
  expect(t.rows).toHaveLength(3);
});

test("the first visible sheet when the first one is hidden", async () => {
  const file = await save("hidden.xlsx", (wb) => {
    const hidden = wb.addWorksheet("Notes", { state: "hidden" });
    hidden.addRow(["not", "this"]);
    const ws = wb.addWorksheet("Appointments & more");
    ws.addRow(["date", "status"]);
    ws.addRow(["2026-01-05", "completed"]);
  });
  expect((await bothWays(file)).source).toMatch(/\[Appointments & more\]$/);
});

test("a named table on the second sheet, totals row left out; and a sheet asked for by name", async () => {
  const file = await save("table.xlsx", (wb) => {
    wb.addWorksheet("Cover").addRow(["ClinPay input"]);
    const ws = wb.addWorksheet("Data");
    ws.addRow(["ignore me"]);
    ws.addTable({
      name: "Appointments",
      ref: "B3",
      headerRow: true,
      totalsRow: true,
      columns: [{ name: "date" }, { name: "status", totalsRowFunction: "count" }],
      rows: [
        [utc(2026, 1, 5), "completed"],
        [utc(2026, 1, 6), "no_show"],
      ],
    });
    const other = wb.addWorksheet("time log");
    other.addRow(["date", "minutes"]);
    other.addRow([utc(2026, 1, 5), 30]);
  });
  const t = await bothWays(file, "appointments");
  expect(t.source).toMatch(/\[Appointments\]$/);
  expect(t.rows).toHaveLength(2);
  expect((await bothWays(file, "time log")).headers).toEqual(["date", "minutes"]);
});

test("formula cells: a calculated one reads its result, an uncalculated one is recorded", async () => {
  const file = await save("formulas.xlsx", (wb) => {
    const ws = wb.addWorksheet("Log");
    ws.addRow(["date", "status", "wrvu"]);
    ws.addRow(["2026-01-05", "completed", { formula: "1+0.3", result: 1.3 } as ExcelJS.CellFormulaValue]);
    ws.addRow(["2026-01-06", "completed", { formula: "C2*2" } as ExcelJS.CellFormulaValue]);
  });
  const t = await bothWays(file);
  expect(t.rows[0][2]).toBe(1.3);
  expect(t.uncalculated).toEqual([{ row: 1, col: 2, formula: "=C2*2" }]);
});

test(`readTable streams a workbook of ${STREAM_XLSX_FROM_BYTES / 1048576} MB or more`, async () => {
  const small = await save("padded-src.xlsx", (wb) => {
    const ws = wb.addWorksheet("Log");
    ws.addRow(["date", "status"]);
    ws.addRow([utc(2026, 1, 5), "completed"]);
  });
  // Padding the workbook with a stored (uncompressed) part makes it big without a big sheet.
  const zip = await JSZip.loadAsync(fs.readFileSync(small));
  zip.file("customXml/padding.bin", randomBytes(STREAM_XLSX_FROM_BYTES), { compression: "STORE" });
  const big = path.join(dir, "padded.xlsx");
  fs.writeFileSync(big, await zip.generateAsync({ type: "nodebuffer" }));
  expect(fs.statSync(big).size).toBeGreaterThanOrEqual(STREAM_XLSX_FROM_BYTES);
  const t = await readTable(big);
  expect(t.transient).toBe(true);
  expect(t.rows).toEqual([[utc(2026, 1, 5), "completed"]]);
});
