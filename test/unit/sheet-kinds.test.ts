/**
 * Every kind of sheet round-trips its mark: written by the CLI's .xlsx writer, the mark reads back
 * as that kind; drawn by the pane, the sheet lists as that kind; and a pane rebuild of a sheet the
 * CLI wrote replaces it in place rather than adding "Name (2)". Every pane builder is a kind.
 */
import JSZip from "jszip";
import { SHEET_KINDS, parseSheetMark, sheetMarkFormula, type SheetKind, type SheetPlan } from "../../src/sheets/plan";
import { renderXlsx } from "../../src/render/xlsx";
import { renderPlanToExcel } from "../../src/render/excel";
import { BUILDERS } from "../../src/taskpane/builders";
import { FakeWorkbook } from "../helpers/fake-workbook";

const tiny = (kind: SheetKind): SheetPlan => ({ kind, name: `Sheet of ${kind}`.slice(0, 31), blocks: [{ row: 0, col: 0, style: "title", cells: [[kind]] }] });

test("every pane builder builds a registered kind, and no two share one", () => {
  const kinds = BUILDERS.map((b) => b.kind);
  expect(kinds.every((k) => (SHEET_KINDS as readonly string[]).includes(k))).toBe(true);
  expect(new Set(kinds).size).toBe(kinds.length);
});

test.each(SHEET_KINDS.map((k) => [k]))("%s: the .xlsx mark reads back as its kind", async (kind) => {
  const zip = await JSZip.loadAsync(await renderXlsx([tiny(kind)]));
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const m = /<definedName name="ClinPay\.kind" localSheetId="0">([^<]*)<\/definedName>/.exec(wb);
  expect(parseSheetMark(m![1].replace(/&quot;/g, '"'))).toBe(kind);
});

test.each(SHEET_KINDS.map((k) => [k]))("%s: drawn by the pane it lists as its kind, and a CLI-built one is rebuilt in place", async (kind) => {
  const fresh = new FakeWorkbook(["Sheet1"]);
  await renderPlanToExcel(fresh, tiny(kind));
  expect((await fresh.listSheets()).find((s) => s.name === tiny(kind).name)?.mark).toBe(kind);

  // The mark a CLI-built sheet carries when opened in Excel: the sheet-scoped name's formula.
  const opened = new FakeWorkbook(["Sheet1"]);
  opened.seedSheet(tiny(kind).name, { A1: "old" }, parseSheetMark(sheetMarkFormula(kind)) ?? null);
  const result = await renderPlanToExcel(opened, tiny(kind));
  expect(result.sheetName).toBe(tiny(kind).name);
  expect((await opened.listSheets()).map((s) => s.name)).toEqual(["Sheet1", tiny(kind).name]);
});
