/**
 * The .xlsx renderer: draws sheet plans with ExcelJS (cells, formulas with cached results,
 * formats, widths, frozen panes, styles) plus what ExcelJS cannot write itself: DrawingML charts
 * and the per-sheet ClinPay mark (see SHEET_MARK_NAME in plan.ts). One streaming path for both
 * entry points (xlsx/stream.ts), so a file and a buffer hold the same workbook and a
 * million-row log never sits in memory as a sheet.
 * Used by the CLI, so nothing here may touch the DOM or Office.js.
 */
import { Writable } from "stream";
import { checkPlanFits, sheetsOf, type SheetPlan } from "../sheets/plan";
import { absRange, sheetRef } from "../sheets/a1";
import { resolveChart } from "./xlsx/charts";
import type { SheetAdditions } from "./xlsx/package";
import { planLookup } from "./xlsx/refs";
import { streamXlsx } from "./xlsx/stream";
import { writeFileAtomically, type AtomicWriteOptions } from "./xlsx/atomic-file";

export interface RenderXlsxOptions extends AtomicWriteOptions {
  /** The workbook's author property; default "ClinPay". */
  creator?: string;
}

/** Excel's sheet-name rules, checked here because ExcelJS does not hold to them (its streaming
 *  writer takes any name; a name Excel refuses, or one cut short, breaks every reference). */
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

/** Checks everything that can be wrong with the plans before a byte is written: a bad sheet
 *  name or chart reference fails here, never half-way through a file. */
function prepare(given: SheetPlan[]): { plans: SheetPlan[]; additions: SheetAdditions[] } {
  if (given.length === 0) throw new Error("Nothing to render: a workbook needs at least one sheet");
  // Each plan's data sheets follow it.
  const plans = given.flatMap(sheetsOf);
  checkSheetNames(plans);
  plans.forEach(checkPlanFits);
  const lookup = planLookup(plans);
  const additions = plans.map((plan) => {
    const a = plan.print?.area;
    return {
      name: plan.name,
      kind: plan.kind,
      printArea: a && sheetRef(plan.name, absRange(a.row, a.col, a.row + a.rows - 1, a.col + a.cols - 1)),
      charts: (plan.charts ?? []).map((c) => ({ model: resolveChart(c, plan, lookup), at: c.at })),
    };
  });
  return { plans, additions };
}

/** The workbook holding one sheet per plan, in order, as .xlsx bytes. */
export async function renderXlsx(plans: SheetPlan[], opts: RenderXlsxOptions = {}): Promise<Buffer> {
  const { plans: sheets, additions } = prepare(plans);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await streamXlsx(sheets, additions, sink, opts.creator ?? "ClinPay");
  return Buffer.concat(chunks);
}

/**
 * Renders and writes `file` atomically (xlsx/atomic-file.ts): the bytes stream into a temporary
 * file beside it which is synced and renamed into place, so a failure (or a kill) part-way
 * leaves no half-written workbook at `file` and never clobbers an existing one with a broken one.
 */
export async function writeXlsxFile(plans: SheetPlan[], file: string, opts: RenderXlsxOptions = {}): Promise<void> {
  const { plans: sheets, additions } = prepare(plans);
  await writeFileAtomically(file, (out) => streamXlsx(sheets, additions, out, opts.creator ?? "ClinPay"), opts);
}

export { SHEET_MARK_NAME } from "../sheets/plan";
