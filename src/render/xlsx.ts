/**
 * The .xlsx renderer: draws sheet plans with ExcelJS (cells, formulas with cached results,
 * formats, widths, frozen panes, styles) plus what ExcelJS cannot write itself: DrawingML charts
 * and the per-sheet ClinPay mark (see SHEET_MARK_NAME in plan.ts). One streaming path for both
 * entry points (xlsx/stream.ts), so a file and a buffer hold the same workbook and a
 * million-row log never sits in memory as a sheet.
 * Used by the CLI, so nothing here may touch the DOM or Office.js.
 */
import { randomBytes } from "crypto";
import { createWriteStream, promises as fs } from "fs";
import * as path from "path";
import { Writable } from "stream";
import { finished } from "stream/promises";
import { checkPlanFits, sheetsOf, type SheetPlan } from "../sheets/plan";
import { absRange, sheetRef } from "../sheets/a1";
import { resolveChart } from "./xlsx/charts";
import type { SheetAdditions } from "./xlsx/package";
import { planLookup } from "./xlsx/refs";
import { streamXlsx } from "./xlsx/stream";

export interface RenderXlsxOptions {
  /** The workbook's author property; default "ClinPay". */
  creator?: string;
  /** Told when the temporary file beside the output appears (true) and is gone (false), so a
   *  signal handler can remove it if the process is stopped in between. */
  onTemp?: (tmp: string, exists: boolean) => void;
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

/** True while a process with this id exists (EPERM: it does, under another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes temp files of `file` left by runs that were killed mid-write (SIGKILL, a crash, power
 * loss): a dying process cannot remove its own, and each would stay hidden beside the output for
 * good. Only `.name.<pid>.<hex>.tmp` files whose process is gone; best effort, never fatal.
 */
async function sweepStaleTemps(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (!m || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
    await fs.rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
}

/**
 * Renders and writes `file` atomically: the bytes stream into a temporary file beside it which
 * is synced and renamed into place, so a failure (or a kill) part-way leaves no half-written
 * workbook at `file` and never clobbers an existing one with a broken one.
 */
export async function writeXlsxFile(plans: SheetPlan[], file: string, opts: RenderXlsxOptions = {}): Promise<void> {
  const { plans: sheets, additions } = prepare(plans);
  await sweepStaleTemps(file);
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  );
  opts.onTemp?.(tmp, true);
  try {
    const handle = await fs.open(tmp, "wx");
    try {
      // On the bare descriptor, so the handle outlives the stream and the bytes can be synced
      // before the rename (a stream made by handle.createWriteStream keeps close() waiting).
      const out = createWriteStream("", { fd: handle.fd, autoClose: false });
      try {
        await streamXlsx(sheets, additions, out, opts.creator ?? "ClinPay");
      } catch (err) {
        // Ended, never destroyed: destroy closes the descriptor under the handle, and a write
        // still in flight could then land in whatever file reuses its number.
        out.end();
        await finished(out).catch(() => undefined);
        throw err;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  } finally {
    opts.onTemp?.(tmp, false);
  }
}

export { SHEET_MARK_NAME } from "../sheets/plan";
