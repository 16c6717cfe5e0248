/**
 * The same plan drawn by both renderers looks the same, cell by cell: the .xlsx the CLI writes
 * (read back with ExcelJS) and the sheet the pane draws through Office.js (the fake workbook's
 * styled ranges, each role's look from the shared style table that excel-gateway.ts applies —
 * its translation is checked over office-addin-mock in render-excel-gateway.test.ts). Compared:
 * bold, italic, size, font colour, fill, the rule or box, and the number format, of every cell
 * that holds something, and of empty header and input cells.
 */
import ExcelJS from "exceljs";
import { renderXlsx } from "../../../src/render/xlsx";
import { renderPlanToExcel } from "../../../src/render/excel";
import { LOOKS, roleOf, roleRegions, type Look } from "../../../src/render/style-table";
import type { SheetPlan } from "../../../src/sheets/plan";
import { FakeWorkbook } from "../../helpers/fake-workbook";
import { buildFromFlags } from "../../../src/cli/sheet-command";
import { demoFlags } from "../../../src/cli/commands/demo";
import { SHEETS } from "../../../src/sheets/registry";
import type { CliIO } from "../../../src/cli/command";

const io: CliIO = { out: () => undefined, err: () => undefined, progress: () => undefined };

interface Seen {
  bold: boolean;
  italic: boolean;
  size: number | null;
  color: string | null;
  fill: string | null;
  rule: string | null;
  box: string | null;
  numFmt: string | null;
}

const NONE: Seen = { bold: false, italic: false, size: null, color: null, fill: null, rule: null, box: null, numFmt: null };

function fromLook(look: Look): Partial<Seen> {
  return {
    ...(look.bold ? { bold: true } : {}),
    ...(look.italic ? { italic: true } : {}),
    ...(look.size ? { size: look.size } : {}),
    ...(look.color ? { color: look.color } : {}),
    ...(look.fill ? { fill: look.fill } : {}),
    ...(look.box ? { box: look.box } : look.rule ? { rule: look.rule } : {}),
  };
}

/** What the pane's renderer leaves on each cell: the styled ranges, then the number formats. */
async function drawnInExcel(plan: SheetPlan): Promise<Map<string, Seen>> {
  const wb = new FakeWorkbook(["Sheet1"]);
  await renderPlanToExcel(wb, plan);
  const sheet = wb.sheets.find((s) => s.name === plan.name)!;
  const out = new Map<string, Seen>();
  for (const s of sheet.styles) {
    for (const region of roleRegions(s.style, s.rows, s.cols)) {
      for (let r = 0; r < region.rows; r++) {
        for (let c = 0; c < region.cols; c++) {
          const key = `${s.row + region.row + r},${s.col + region.col + c}`;
          out.set(key, { ...(out.get(key) ?? NONE), ...fromLook(LOOKS[region.role]) });
        }
      }
    }
  }
  for (const [key, fmt] of sheet.formats) out.set(key, { ...(out.get(key) ?? NONE), numFmt: fmt });
  return out;
}

const rgb = (c: { argb?: string } | undefined) => (c?.argb ? c.argb.slice(-6).toUpperCase() : null);

/** What the CLI's .xlsx holds on each cell, read back as Excel would. */
async function writtenToXlsx(plan: SheetPlan): Promise<Map<string, Seen>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx([plan])) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const out = new Map<string, Seen>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const font = cell.font ?? {};
      const fill = cell.fill && cell.fill.type === "pattern" ? rgb(cell.fill.fgColor) : null;
      const b = cell.border ?? {};
      const box = b.top && b.left && b.right && b.bottom ? rgb(b.top.color) : null;
      out.set(`${r - 1},${c - 1}`, {
        bold: !!font.bold,
        italic: !!font.italic,
        size: font.size && font.size !== 11 ? font.size : null,
        color: rgb(font.color as { argb?: string } | undefined),
        fill,
        rule: !box && b.bottom ? rgb(b.bottom.color) : null,
        box,
        numFmt: cell.numFmt && cell.numFmt !== "General" ? cell.numFmt : null,
      });
    });
  });
  return out;
}

/** The cells whose look a reader can see: anything written, and empty header and input cells. */
function visibleCells(plan: SheetPlan): string[] {
  const keys: string[] = [];
  for (const b of plan.blocks) {
    const width = b.cells.reduce((w, r) => Math.max(w, r.length), 0);
    b.cells.forEach((row, r) => {
      for (let c = 0; c < width; c++) {
        const filled = c < row.length && row[c] !== null && row[c] !== undefined && row[c] !== "";
        const role = roleOf(b, r, c);
        if (filled || role === "header" || role === "input") keys.push(`${b.row + r},${b.col + c}`);
      }
    });
  }
  return keys;
}

/** Every registered sheet's demo plan, plus the Target Tracker from typed figures (no copied rows). */
async function plans(): Promise<SheetPlan[]> {
  const builtAt = new Date(Date.UTC(2026, 2, 31));
  const out: SheetPlan[] = [];
  for (const def of SHEETS) out.push((await buildFromFlags(def, demoFlags(def), io, builtAt)).plan);
  const targets = SHEETS.find((d) => d.kind === "target-tracker")!;
  const typed: Record<string, string | true> = { ...demoFlags(targets), ytd: "1150", "as-of": "2026-03-31" };
  delete typed.appointments;
  out.push((await buildFromFlags(targets, typed, io, builtAt)).plan);
  return out;
}

test("every sheet looks the same drawn by the pane's renderer and written by the CLI's", async () => {
  for (const plan of await plans()) {
    const excel = await drawnInExcel(plan);
    const xlsx = await writtenToXlsx(plan);
    const diffs: string[] = [];
    for (const key of visibleCells(plan)) {
      const a = excel.get(key) ?? NONE;
      const b = xlsx.get(key) ?? NONE;
      if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${plan.name} ${key}: pane ${JSON.stringify(a)} ≠ CLI ${JSON.stringify(b)}`);
    }
    expect(diffs.slice(0, 8)).toEqual([]);
  }
});
