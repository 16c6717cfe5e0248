/**
 * The .xlsx reader (one streaming reader for every size): the table chosen (named table, sheet
 * by name, first visible sheet), the header row, cells, dates, blank rows and never-calculated
 * formulas, on workbooks ExcelJS writes. Expected values are written out by hand.
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readTable } from "../../../../src/cli/read";
import type { RawTable } from "../../../../src/core/inputs/types";

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

async function read(file: string, tableName?: string): Promise<RawTable> {
  const t = await readTable(file, tableName);
  expect(t.transient).toBe(true);
  return t;
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
  const t = await read(file);
  expect(t.headers).toEqual(["date", "status", "wrvu"]);
  expect(t.headerRow).toBe(3);
  expect(t.rows).toEqual([
    [utc(2026, 1, 5), "completed", 1.3],
    [null, null, null],
    [utc(2026, 1, 7), "no_show", true],
  ]);
});

test("the first visible sheet when the first one is hidden", async () => {
  const file = await save("hidden.xlsx", (wb) => {
    const hidden = wb.addWorksheet("Notes", { state: "hidden" });
    hidden.addRow(["not", "this"]);
    const ws = wb.addWorksheet("Appointments & more");
    ws.addRow(["date", "status"]);
    ws.addRow(["2026-01-05", "completed"]);
  });
  const t = await read(file);
  expect(t.source).toMatch(/\[Appointments & more\]$/);
  expect(t.rows).toEqual([["2026-01-05", "completed"]]);
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
  const t = await read(file, "appointments");
  expect(t.source).toMatch(/\[Appointments\]$/);
  expect(t.headerRow).toBe(3);
  expect(t.rows).toEqual([
    [utc(2026, 1, 5), "completed"],
    [utc(2026, 1, 6), "no_show"],
  ]);
  const time = await read(file, "time log");
  expect(time.headers).toEqual(["date", "minutes"]);
  expect(time.rows).toEqual([[utc(2026, 1, 5), 30]]);
});

test("formula cells: a calculated one reads its result, an uncalculated one is recorded", async () => {
  const file = await save("formulas.xlsx", (wb) => {
    const ws = wb.addWorksheet("Log");
    ws.addRow(["date", "status", "wrvu"]);
    ws.addRow(["2026-01-05", "completed", { formula: "1+0.3", result: 1.3 } as ExcelJS.CellFormulaValue]);
    ws.addRow(["2026-01-06", "completed", { formula: "C2*2" } as ExcelJS.CellFormulaValue]);
  });
  const t = await read(file);
  expect(t.rows[0][2]).toBe(1.3);
  expect(t.uncalculated).toEqual([{ row: 1, col: 2, formula: "=C2*2" }]);
});

test("a big workbook (4 MB and more, once read by another reader) reads the same", async () => {
  const small = await save("padded-src.xlsx", (wb) => {
    const ws = wb.addWorksheet("Log");
    ws.addRow(["date", "status"]);
    ws.addRow([utc(2026, 1, 5), "completed"]);
  });
  // Padding the workbook with a stored (uncompressed) part makes it big without a big sheet.
  const zip = await JSZip.loadAsync(fs.readFileSync(small));
  zip.file("customXml/padding.bin", randomBytes(4 * 1024 * 1024), { compression: "STORE" });
  const big = path.join(dir, "padded.xlsx");
  fs.writeFileSync(big, await zip.generateAsync({ type: "nodebuffer" }));
  const t = await read(big);
  expect(t.rows).toEqual([[utc(2026, 1, 5), "completed"]]);
});
