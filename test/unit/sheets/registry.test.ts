/**
 * Every kind of sheet round-trips its mark: written by the CLI's .xlsx writer, the mark reads back
 * as that kind; drawn by the pane, the sheet lists as that kind; and a pane rebuild of a sheet the
 * CLI wrote replaces it in place rather than adding "Name (2)". Every pane builder is a kind. And
 * every registered sheet's demo plan carries its kind and passes the formula lint, so a new sheet
 * is checked without a line here.
 */
import JSZip from "jszip";
import { checkPlanFits, sheetMarkFormula, type SheetKind, type SheetPlan } from "../../../src/sheets/plan";
import { lintFormulas } from "../../../src/sheets/lint";
import { buildFromFlags } from "../../../src/cli/sheet-command";
import { demoFlags } from "../../../src/cli/commands/demo";
import { SHEETS, SHEET_KINDS, parseSheetMark } from "../../../src/sheets/registry";
import { renderXlsx } from "../../../src/render/xlsx";
import { renderPlanToExcel } from "../../../src/render/excel";
import { FakeWorkbook } from "../../helpers/fake-workbook";

const tiny = (kind: SheetKind): SheetPlan => ({ kind, name: `Sheet of ${kind}`.slice(0, 31), blocks: [{ row: 0, col: 0, style: "title", cells: [[kind]] }] });

test("the kinds are the registry's definitions, no two alike, and each names its own command and demo file", () => {
  expect(SHEET_KINDS).toEqual(SHEETS.map((s) => s.kind));
  expect(new Set(SHEET_KINDS).size).toBe(SHEET_KINDS.length);
  expect(new Set(SHEETS.map((s) => s.command.name)).size).toBe(SHEETS.length);
  expect(new Set(SHEETS.map((s) => s.demo.file)).size).toBe(SHEETS.length);
});

test.each(SHEET_KINDS.map((k) => [k] as [string]))("%s: the .xlsx mark reads back as its kind", async (kind) => {
  const zip = await JSZip.loadAsync(await renderXlsx([tiny(kind)]));
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const m = /<definedName name="ClinPay\.kind" localSheetId="0">([^<]*)<\/definedName>/.exec(wb);
  expect(parseSheetMark(m![1].replace(/&quot;/g, '"'))).toBe(kind);
});

test.each(SHEET_KINDS.map((k) => [k] as [string]))("%s: drawn by the pane it lists as its kind, and a CLI-built one is rebuilt in place", async (kind) => {
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

describe.each(SHEETS.map((d) => [d.kind, d] as const))("%s, built from its demo's samples", (kind, def) => {
  let plan: SheetPlan;
  beforeAll(async () => {
    plan = (await buildFromFlags(def, demoFlags(def), { out: () => undefined, err: () => undefined, progress: () => undefined }, new Date(Date.UTC(2026, 6, 1)))).plan;
  });

  test("is marked with its definition's kind", () => expect(plan.kind).toBe(kind));

  test("uses only functions Excel 2016 and LibreOffice 7.4 share, within Excel's grid", () => {
    expect(lintFormulas(plan)).toEqual([]);
    expect(() => checkPlanFits(plan)).not.toThrow();
  });
});
