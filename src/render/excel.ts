/**
 * Draws a SheetPlan into the open workbook through a WorkbookGateway (Office.js in the add-in,
 * an in-memory fake in tests).
 *
 * Three promises users count on (spec §3, §5) shape this file:
 *  - Nothing half-built: everything goes into a NEW sheet under a temporary name. The previous
 *    sheet ClinPay built stays untouched until one final batch swaps the two; any failure before
 *    or during that batch is undone, so the workbook is as it was.
 *  - A user's sheet is never touched: only sheets carrying ClinPay's mark are replaced; when the
 *    user owns the name, the new sheet takes the next free one ("Offer Comparison (2)").
 *  - Big inputs do not freeze Excel: cells go out as whole 2-D blocks, split by rows so no request
 *    carries more than maxRequestBytes, calculation held during each write, progress reported.
 */
import { checkPlanFits, dataSheetName, isFormula, type Block, type PlanCell, type SheetPlan } from "../sheets/plan";
import { colName, parseRange, renameSheetRefs } from "../sheets/a1";
import type { ChartSpec, FormulaInput, SheetInfo, WorkbookGateway } from "./gateway";
import { asLiteralText } from "./safe-text";
import { planLookup } from "./xlsx/refs";

export interface RenderOptions {
  /** Called after every chunk of cells and at the end; fraction runs 0..1 and ends at exactly 1. */
  onProgress?(fraction: number, label: string): void;
  /** Upper bound for the payload of one request. Excel on the web rejects requests over 5 MB;
   *  the default leaves a megabyte for what the estimate does not see. */
  maxRequestBytes?: number;
}

export interface RenderResult {
  /** The name the built sheet ended up with. */
  sheetName: string;
  /** Round trips this build took (syncs plus reads), including any clean-up. */
  syncs: number;
}

export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

/** What one queued operation costs beyond its data (object path, method, address, JSON glue). An
 *  over-estimate on purpose: the real envelope is a few hundred bytes at most. */
export const OP_OVERHEAD_BYTES = 256;

const MAX_SHEET_NAME = 31;
const TEMP_PREFIX = "~ClinPay build ";
const BACKUP_PREFIX = "~ClinPay old ";

/** UTF-8 size of the JSON Office would send for `x`. Over-counts astral characters (6 bytes
 *  for 4), which only errs toward smaller requests. */
export function jsonBytes(x: unknown): number {
  const s = JSON.stringify(x) ?? "";
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 ? 2 : 1;
  }
  return n;
}

/** Excel compares sheet names without regard to case. */
export const sameSheetName = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();

/** A name Excel accepts: at most 31 characters, none of : \ / ? * [ ], not starting or ending
 *  with an apostrophe. Plans use fixed names, so this only matters if one ever breaks the rule. */
export function validSheetName(name: string): string {
  let s = name.replace(/[:\\/?*[\]]/g, "-").replace(/^'+|'+$/g, "").trim();
  if (s.length === 0) s = "ClinPay";
  return s.slice(0, MAX_SHEET_NAME).replace(/'+$/, "");
}

const numbered = (base: string, n: number): string => {
  const suffix = ` (${n})`;
  return base.slice(0, MAX_SHEET_NAME - suffix.length).replace(/'+$/, "") + suffix;
};

/** "Offer Comparison (3)" -> 3 when it is a numbered variant of `base`, else null. */
function variantNumber(name: string, base: string): number | null {
  if (sameSheetName(name, base)) return 1;
  const m = / \((\d+)\)$/.exec(name);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 2 && sameSheetName(numbered(base, n), name) ? n : null;
}

/** The sheet a rebuild replaces: one ClinPay marked with this kind, named as the plan or one of
 *  its numbered variants (the exact name first). A marked sheet the user renamed to something else
 *  is left alone — they renamed it to keep it. */
export function findPreviousBuild(sheets: SheetInfo[], kind: string, base: string): SheetInfo | undefined {
  let best: { s: SheetInfo; n: number } | undefined;
  for (const s of sheets) {
    if (s.mark !== kind) continue;
    const n = variantNumber(s.name, base);
    if (n !== null && (!best || n < best.n)) best = { s, n };
  }
  return best?.s;
}

/** `base`, or the first free "base (n)". */
export function freeSheetName(base: string, taken: string[]): string {
  const isTaken = (n: string) => taken.some((t) => sameSheetName(t, n));
  if (!isTaken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = numbered(base, n);
    if (!isTaken(candidate)) return candidate;
  }
}

function uniqueName(prefix: string, taken: string[]): string {
  for (;;) {
    const candidate = prefix + Math.random().toString(36).slice(2, 8);
    if (!taken.some((t) => sameSheetName(t, candidate))) return candidate;
  }
}

/** One plan cell as Office's formulas array wants it. */
function toInput(cell: PlanCell | undefined, sheet: string, row: number, col: number, rename: (f: string) => string): FormulaInput {
  if (cell === null || cell === undefined) return null;
  if (isFormula(cell)) return "=" + rename(cell.f);
  if (typeof cell === "string") return cell === "" ? null : asLiteralText(cell);
  if (typeof cell === "number" && !Number.isFinite(cell)) {
    // JSON would silently send null; a missing number is a bug upstream, not something to hide.
    throw new Error(`ClinPay: cell ${colName(col)}${row + 1} of "${sheet}" is ${cell}, not a number Excel can hold.`);
  }
  return cell;
}

/** Queues operations against a byte budget and sends them when the next one would not fit. */
class Batch {
  pending = 0;
  private calcHeld = false;

  constructor(
    private readonly gw: WorkbookGateway,
    private readonly max: number,
    private readonly counter: { syncs: number }
  ) {}

  /** Make room for an operation of `bytes` (overhead included by the caller). */
  async room(bytes: number, holdCalc = false): Promise<void> {
    const need = bytes + (holdCalc && !this.calcHeld ? OP_OVERHEAD_BYTES : 0);
    if (this.pending > 0 && this.pending + need > this.max) await this.flush();
    if (holdCalc && !this.calcHeld) {
      // Only lasts until the next sync, so it is re-queued at the start of every write batch.
      this.gw.suspendCalculation();
      this.calcHeld = true;
      this.pending += OP_OVERHEAD_BYTES;
    }
    this.pending += bytes;
  }

  /** Bytes a chunk may take so it still fits in the current request; sends the request first
   *  when less than a quarter of it is left (a sliver of a chunk is not worth a round trip). */
  async roomForChunk(): Promise<number> {
    const reserve = 4 * OP_OVERHEAD_BYTES; // suspend-calculation, a format, a style
    if (this.pending > 0 && this.max - this.pending - reserve < this.max / 4) await this.flush();
    return this.max - this.pending - reserve;
  }

  async flush(): Promise<void> {
    // Reset first: whether or not the sync throws, Office has dropped the queue.
    this.pending = 0;
    this.calcHeld = false;
    this.counter.syncs++;
    await this.gw.sync();
  }
}

function blockWidth(block: Block): number {
  let w = 0;
  for (const r of block.cells) if (r.length > w) w = r.length;
  return w;
}

/** Chart series names are text in Office.js, so they are read off the plan's header cells
 *  (the cell as written: where blocks overlap, the later block's value). */
function chartSpec(plan: SheetPlan, chart: NonNullable<SheetPlan["charts"]>[number]): ChartSpec {
  const cells = planLookup([plan]);
  return {
    ...chart,
    series: chart.series.map((s) => {
      const at = parseRange(s.nameRef);
      const v = at ? cells.value(plan.name, at.row, at.col) : null;
      return { name: v === null || v === "" ? s.nameRef : String(v), nameRef: s.nameRef, valuesRef: s.valuesRef };
    }),
  };
}

/** One sheet of the build: the sheet it replaces (if any) and the names it goes by on the way. */
interface Swap {
  /** The plan drawn; none for an old data sheet this build no longer has (it is removed). */
  plan?: SheetPlan;
  /** The name it is built under, then renamed from at commit. */
  temp?: string;
  finalName: string;
  previous?: SheetInfo;
  /** The name the previous sheet is moved aside to at commit, then deleted. */
  backup?: string;
}

interface BuildState {
  before: SheetInfo[];
  kind: string;
  /** The analysis sheet first, then its data sheets, then old data sheets to remove. */
  swaps: Swap[];
  phase: "build" | "commit";
}

/**
 * The names of every sheet of the build: the analysis sheet takes the name of the ClinPay sheet
 * it replaces, else the first free one; each data sheet is "<that name> data" (replacing a marked
 * sheet of that name, else the first free variant). A marked data sheet of the old build that
 * this one no longer has is retired with it.
 */
function planSwaps(before: SheetInfo[], plan: SheetPlan): Swap[] {
  const taken = before.map((s) => s.name);
  const claim = (name: string) => (taken.push(name), name);
  const swapFor = (p: SheetPlan, base: string): Swap => {
    const previous = findPreviousBuild(before, p.kind, base);
    const finalName = previous ? previous.name : claim(freeSheetName(base, taken));
    return { plan: p, finalName, previous };
  };
  const main = swapFor(plan, validSheetName(plan.name));
  const data = (plan.dataSheets ?? []).map((d) => swapFor(d, validSheetName(d.name.replace(plan.name, main.finalName))));
  const kept = new Set([main, ...data].map((s) => s.previous?.name));
  const retired = before
    .filter((s) => s.mark === plan.kind && !kept.has(s.name) && findPreviousBuild([s], plan.kind, validSheetName(dataSheetName(main.finalName))))
    .map((s): Swap => ({ finalName: s.name, previous: s }));
  const swaps = [main, ...data, ...retired];
  for (const s of swaps) {
    if (s.plan) s.temp = claim(uniqueName(TEMP_PREFIX, taken));
    if (s.previous) s.backup = claim(uniqueName(BACKUP_PREFIX, taken));
  }
  return swaps;
}

/**
 * Put the workbook back after a failed round trip. Office may have applied any prefix of the
 * failed batch, so the state is read rather than assumed. Returns true when the commit batch in
 * fact went through (only its response was lost): then the build stands.
 */
async function recover(gw: WorkbookGateway, st: BuildState, counter: { syncs: number }): Promise<boolean> {
  counter.syncs++;
  const now = await gw.listSheets();
  const find = (n: string | undefined) => (n === undefined ? undefined : now.find((s) => sameSheetName(s.name, n)));
  // The commit batch renames every old sheet aside, then every new one into place, and only then
  // deletes the old ones (its only irreversible steps); the temp sheets were confirmed to exist
  // before it began. So with no temp sheet left every rename ran, and once an old sheet is gone
  // there is no way back: the build stands, and what is left of the commit (old sheets not yet
  // deleted) is finished rather than undone. Before that, everything is undone.
  const backups = st.swaps.filter((s) => s.backup);
  const pastNoReturn = st.swaps.every((s) => !find(s.temp)) && (backups.length === 0 || backups.some((s) => !find(s.backup)));
  if (st.phase === "commit" && pastNoReturn) {
    const left = st.swaps.filter((s) => find(s.backup));
    if (left.length > 0) {
      for (const s of left) gw.deleteSheet(s.backup!);
      counter.syncs++;
      await gw.sync();
    }
    return true;
  }
  for (const s of st.swaps) {
    if (find(s.temp)) gw.deleteSheet(s.temp!);
    if (s.backup && find(s.backup)) {
      // The old sheet was moved aside, so a sheet under the final name can only be the new one.
      if (find(s.finalName)) gw.deleteSheet(s.finalName);
      gw.renameSheet(s.backup, s.finalName);
    } else if (!s.previous) {
      const f = find(s.finalName);
      const wasThere = st.before.some((b) => sameSheetName(b.name, s.finalName));
      if (f && !wasThere && f.mark === st.kind) gw.deleteSheet(s.finalName);
    }
  }
  const active = st.before.find((s) => s.active);
  if (active) gw.activateSheet(active.name);
  counter.syncs++;
  await gw.sync();
  return false;
}

/** The plan's cells as Office's formulas arrays, a request at a time; formulas that read a data
 *  sheet point at the name it is built under. */
async function writeBlocks(gw: WorkbookGateway, batch: Batch, sheet: string, plan: SheetPlan, shown: string, rename: (f: string) => string, rows: { done: number; report(label: string): void }): Promise<void> {
  for (const block of plan.blocks) {
    const width = blockWidth(block);
    const n = block.cells.length;
    if (width === 0) {
      rows.done += n;
      continue;
    }
    let start = 0;
    while (start < n) {
      // Fill what is left of the current request before starting a new one.
      const chunkBudget = await batch.roomForChunk();
      const out: FormulaInput[][] = [];
      let bytes = OP_OVERHEAD_BYTES;
      for (let r = start; r < n; r++) {
        const src = block.cells[r];
        const row: FormulaInput[] = new Array(width);
        for (let c = 0; c < width; c++) row[c] = toInput(src[c], shown, block.row + r, block.col + c, rename);
        const rb = jsonBytes(row) + 1;
        // A single row over budget still goes, alone: rows are never split across requests.
        if (out.length > 0 && bytes + rb > chunkBudget) break;
        out.push(row);
        bytes += rb;
      }
      await batch.room(bytes, true);
      gw.writeBlock(sheet, block.row + start, block.col, out);
      start += out.length;
      rows.done += out.length;
      rows.report(n > 1000 ? "rows" : "cells");
    }
    await formatBlock(gw, batch, sheet, block);
  }
}

/** A block's number formats and alignments (adjacent columns alike share one operation), and its look. */
async function formatBlock(gw: WorkbookGateway, batch: Batch, sheet: string, block: Block): Promise<void> {
  const n = block.cells.length;
  const headerRows = block.style === "table" ? 1 : 0;
  const dataRows = n - headerRows;
  const runs = <T>(values: (T | undefined)[], apply: (c: number, cols: number, v: T) => void) => {
    for (let c = 0; c < values.length && dataRows > 0; ) {
      const v = values[c];
      let end = c + 1;
      while (v !== undefined && end < values.length && values[end] === v) end++;
      if (v !== undefined) apply(c, end - c, v);
      c = end;
    }
  };
  const ops: (() => void)[] = [];
  runs(block.formats ?? [], (c, cols, fmt) => ops.push(() => gw.setNumberFormat(sheet, block.row + headerRows, block.col + c, dataRows, cols, fmt)));
  runs(block.align ?? [], (c, cols, align) => ops.push(() => gw.setAlignment(sheet, block.row + headerRows, block.col + c, dataRows, cols, align)));
  for (const op of ops) {
    await batch.room(2 * OP_OVERHEAD_BYTES);
    op();
  }
  const width = blockWidth(block);
  if (n > 0 && width > 0) {
    await batch.room(OP_OVERHEAD_BYTES);
    gw.styleRange(sheet, block.row, block.col, n, width, block.style);
  }
}

/** Widths, merges, heights, frozen panes, charts and the print set-up of one sheet. */
async function writeSheetLayout(gw: WorkbookGateway, batch: Batch, sheet: string, plan: SheetPlan): Promise<void> {
  const queue = async (bytes: number, op: () => void) => {
    await batch.room(bytes);
    op();
  };
  for (const [col, w] of (plan.columnWidths ?? []).entries()) {
    if (w === undefined || w === null || !(w > 0)) continue;
    await queue(OP_OVERHEAD_BYTES, () => gw.setColumnWidth(sheet, col, w));
  }
  for (const m of plan.merges ?? []) await queue(OP_OVERHEAD_BYTES, () => gw.mergeCells(sheet, m.row, m.col, m.rows, m.cols));
  for (const [row, h] of (plan.rowHeights ?? []).entries()) {
    if (h !== undefined && h !== null) await queue(OP_OVERHEAD_BYTES, () => gw.setRowHeight(sheet, row, h));
  }
  if (plan.freeze && (plan.freeze.rows > 0 || plan.freeze.cols > 0)) await queue(OP_OVERHEAD_BYTES, () => gw.freezePanes(sheet, plan.freeze!.rows, plan.freeze!.cols));
  for (const chart of plan.charts ?? []) {
    const spec = chartSpec(plan, chart);
    await queue(OP_OVERHEAD_BYTES * (2 + spec.series.length) + jsonBytes(spec), () => gw.addChart(sheet, spec));
  }
  const print = plan.print;
  if (print) await queue(OP_OVERHEAD_BYTES * (3 + print.rowBreaks.length), () => gw.setPrintLayout(sheet, print));
}

/**
 * Build `plan` (and its data sheets) as sheets of the open workbook. Resolves with the analysis
 * sheet's final name; rejects with the original error after putting the workbook back as it was.
 */
export async function renderPlanToExcel(
  gw: WorkbookGateway,
  plan: SheetPlan,
  opts: RenderOptions = {}
): Promise<RenderResult> {
  checkPlanFits(plan);
  const max = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  if (!(max > 4 * OP_OVERHEAD_BYTES)) throw new RangeError(`maxRequestBytes must exceed ${4 * OP_OVERHEAD_BYTES}`);
  const progress = opts.onProgress ?? (() => undefined);
  const counter = { syncs: 1 };

  const before = await gw.listSheets();
  const st: BuildState = { before, kind: plan.kind, swaps: planSwaps(before, plan), phase: "build" };
  const built = st.swaps.filter((s): s is Swap & { plan: SheetPlan; temp: string } => s.plan !== undefined);
  const main = built[0];
  // Formulas that read another sheet of the build (the analysis sheet reads its data sheet, and a
  // data sheet's prices read the analysis sheet's RVU year) are written against the name it is
  // built under; renaming it at commit carries them to its final name, as renaming does in Excel.
  const rename = (f: string) => built.reduce((text, s) => renameSheetRefs(text, s.plan.name, s.temp), f);

  const batch = new Batch(gw, max, counter);
  const totalRows = built.reduce((n, s) => n + s.plan.blocks.reduce((k, b) => k + b.cells.length, 0), 0);
  const rows = {
    done: 0,
    report(unit: string) {
      progress(totalRows === 0 ? 0.9 : (0.9 * this.done) / totalRows, unit === "rows" ? `Writing rows ${this.done.toLocaleString("en-US")} of ${totalRows.toLocaleString("en-US")}` : "Writing cells");
    },
  };

  try {
    for (const s of built) {
      await batch.room(2 * OP_OVERHEAD_BYTES);
      gw.addSheet(s.temp);
      // Marked from the start so a build cut short by a crash leaves a sheet that is visibly ClinPay's.
      gw.markSheet(s.temp, s.plan.kind);
    }
    for (const s of built) {
      await writeBlocks(gw, batch, s.temp, s.plan, s.finalName, rename, rows);
      await writeSheetLayout(gw, batch, s.temp, s.plan);
    }
    progress(0.95, "Finishing");
    // The temp sheets must be known to exist before the commit batch, so that after a failed
    // commit "temp sheet gone" can only mean it was renamed.
    await batch.flush();

    st.phase = "commit";
    // Order matters: every prefix of this batch must be undoable. The old sheets are only moved
    // aside (renames keep their cells, marks and positions) and deleted as the very last step.
    let moved = 0;
    for (const s of [...st.swaps].filter((x) => x.previous).sort((a, b) => a.previous!.position - b.previous!.position)) {
      gw.renameSheet(s.previous!.name, s.backup!);
      if (s.temp) gw.setSheetPosition(s.temp, s.previous!.position + moved++);
    }
    gw.activateSheet(main.temp);
    for (const s of built) gw.renameSheet(s.temp, s.finalName);
    for (const s of st.swaps) if (s.backup) gw.deleteSheet(s.backup);
    // Leftovers of this kind from an earlier build whose clean-up could not reach Excel (a build
    // sheet, or a moved-aside old one): this build supersedes them. Queued after the steps that
    // recover() reads to decide whether the commit ran, so that reading is unchanged.
    for (const s of before) {
      if (s.mark === plan.kind && (s.name.startsWith(TEMP_PREFIX) || s.name.startsWith(BACKUP_PREFIX))) gw.deleteSheet(s.name);
    }
    await batch.flush();
  } catch (err) {
    let committed = false;
    try {
      committed = await recover(gw, st, counter);
    } catch (cleanupErr) {
      const e = new Error(
        `ClinPay could not build "${main.finalName}" and could not remove its unfinished sheet "${main.temp}": ` +
          `${(err as Error)?.message ?? err}; clean-up failed with: ${(cleanupErr as Error)?.message ?? cleanupErr}`
      );
      (e as Error & { cause?: unknown }).cause = err;
      throw e;
    }
    if (!committed) throw err;
  }
  progress(1, `Built "${main.finalName}"`);
  return { sheetName: main.finalName, syncs: counter.syncs };
}
