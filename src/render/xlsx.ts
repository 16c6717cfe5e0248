/**
 * The .xlsx renderer: draws sheet plans with ExcelJS (cells, formulas with cached results,
 * formats, widths, frozen panes, styles), then adds what ExcelJS cannot write on the zip
 * itself: DrawingML charts and the per-sheet ClinPay mark (see SHEET_MARK_NAME in plan.ts).
 * Used by the CLI, so nothing here may touch the DOM or Office.js.
 */
import { randomBytes } from "crypto";
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { SheetPlan } from "../sheets/plan";
import { writeCells } from "./xlsx/cells";
import { resolveChart } from "./xlsx/charts";
import { applyLayout } from "./xlsx/layout";
import { finishPackage, type SheetAdditions } from "./xlsx/package";
import { planLookup } from "./xlsx/refs";
import { StyleBook } from "./xlsx/styles";

export interface RenderXlsxOptions {
  /** The workbook's author property; default "ClinPay". */
  creator?: string;
}

/** Excel's sheet-name rules, checked here because ExcelJS silently truncates long names, which
 *  would break every reference to the sheet. */
function checkSheetNames(plans: SheetPlan[]): void {
  const seen = new Set<string>();
  for (const p of plans) {
    if (!p.name || p.name.length > 31 || /[*?:/\\[\]]/.test(p.name) || /^'|'$/.test(p.name) || p.name === "History")
      throw new Error(`"${p.name}" cannot be a sheet name: 1 to 31 characters, none of * ? : \\ / [ ], not starting or ending with '`);
    const key = p.name.toLowerCase();
    if (seen.has(key)) throw new Error(`Two sheets are both named "${p.name}"`);
    seen.add(key);
  }
}

/** The workbook holding one sheet per plan, in order, as .xlsx bytes. */
export async function renderXlsx(plans: SheetPlan[], opts: RenderXlsxOptions = {}): Promise<Buffer> {
  if (plans.length === 0) throw new Error("Nothing to render: a workbook needs at least one sheet");
  checkSheetNames(plans);
  // Charts first: a bad reference fails before any work is done.
  const lookup = planLookup(plans);
  const additions: SheetAdditions[] = plans.map((plan) => ({
    name: plan.name,
    kind: plan.kind,
    charts: (plan.charts ?? []).map((c) => ({ model: resolveChart(c, plan, lookup), at: c.at })),
  }));

  const wb = new ExcelJS.Workbook();
  wb.creator = opts.creator ?? "ClinPay";
  wb.lastModifiedBy = wb.creator;
  wb.created = wb.modified = new Date();
  const styles = new StyleBook();
  for (const plan of plans) {
    const ws = wb.addWorksheet(plan.name);
    writeCells(ws, plan, styles);
    applyLayout(ws, plan);
  }
  const raw = await wb.xlsx.writeBuffer();
  return finishPackage(Buffer.from(raw as ArrayBuffer), additions);
}

/**
 * Renders and writes `file` atomically: the bytes go to a temporary file beside it which is
 * renamed into place, so a failure (or a kill) part-way leaves no half-written workbook at
 * `file` and never clobbers an existing one with a broken one.
 */
export async function writeXlsxFile(plans: SheetPlan[], file: string, opts: RenderXlsxOptions = {}): Promise<void> {
  const bytes = await renderXlsx(plans, opts);
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  );
  try {
    const handle = await fs.open(tmp, "wx");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

export { SHEET_MARK_NAME } from "../sheets/plan";
