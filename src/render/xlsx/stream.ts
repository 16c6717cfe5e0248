/**
 * Plans → .xlsx bytes on a stream, through ExcelJS's streaming WorkbookWriter: rows go out in
 * ascending order and are freed once written, so memory stays flat however long a copied log
 * is (a 1,000,000-row log must build). The parts ExcelJS cannot write — chart parts and the
 * ClinPay mark — go into the same zip while it is being built, because reopening the finished
 * file (as JSZip would) inflates a million-row sheet in memory.
 *
 * Hooks into ExcelJS 4.4 (pinned in package.json) beyond its typings, each checked by the
 * renderer tests: the writer's archiver (`zip`), the sheet's own stream and relationship writer,
 * and the fact that a sheet's commit writes everything from `</sheetData>` on in one go.
 */
import { once, type EventEmitter } from "events";
import type { Writable } from "stream";
import ExcelJS from "exceljs";
import type { SheetPlan } from "../../sheets/plan";
import { planRows } from "./cells";
import { rowLayout, setColumnWidths, sheetOptions } from "./layout";
import { addOverrides, addSheetMarks, drawingParts, insertDrawing, REL_DRAWING, type SheetAdditions } from "./package";
import { StyleBook } from "./styles";

/** Rows between checks on the zip's backlog: some 70 KB of xml for an 8-column log. Letting
 *  megabytes queue up for deflate measured no faster on two CPUs, only bigger. */
const ROWS_PER_BATCH = 256;

/** The level the renderer has always used. Level 1 measured no faster for a 100k-row log (the
 *  rows cost more than deflate, which runs on another thread) and a third bigger. */
const ZLIB_LEVEL = 6;

interface Archive {
  append(source: unknown, data: { name: string }): unknown;
  abort(): unknown;
  unpipe(destination: Writable): unknown;
  on(event: "error", listener: (err: Error) => void): unknown;
}

/** What a sheet's stream and relationship writer look like inside ExcelJS 4.4. */
interface SheetInternals {
  stream: {
    write(chunk: unknown): unknown;
    end(...args: unknown[]): unknown;
    /** Where its bytes go: the zip entry's input, which never gets to push back. */
    pipes?: (EventEmitter & { _writableState?: { needDrain?: boolean } })[];
  };
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
}

const internals = (ws: ExcelJS.Worksheet) => ws as unknown as SheetInternals;

/** A chunk of sheet xml as ExcelJS writes it: a string, a Buffer, or its own reused StringBuf. */
function chunkText(chunk: unknown): string {
  if (typeof chunk === "string") return chunk;
  if (Buffer.isBuffer(chunk)) return chunk.toString("utf8");
  const buf = (chunk as { toBuffer?: () => Buffer }).toBuffer?.();
  if (!buf) throw new Error("Unexpected chunk in ExcelJS's sheet stream");
  return buf.toString("utf8");
}

/**
 * Commits the sheet with `<drawing r:id>` in place, which ExcelJS has no way to write. The rows
 * are already out, so all commit writes is the end of the part (from `</sheetData>` on: merges,
 * page setup, a few hundred bytes): that is held back and written once, with the drawing where
 * the schema wants it.
 */
function commitWithDrawing(ws: ExcelJS.Worksheet, relId: string): void {
  const stream = internals(ws).stream;
  const { write, end } = stream;
  let tail = "";
  stream.write = (chunk: unknown) => {
    tail += chunkText(chunk);
    return true;
  };
  stream.end = (...args: unknown[]) => {
    stream.write = write;
    stream.end = end;
    write.call(stream, insertDrawing(tail, relId));
    return end.apply(stream, args);
  };
  ws.commit();
}

/**
 * ExcelJS writes a sheet's xml into the zip entry without waiting for deflate (it ignores the
 * entry's "wait"), so a loop over a million rows would hold the whole sheet in memory before the
 * zip read any of it. Between batches, when the entry asked to wait, let its input drain (or the
 * write fail).
 */
async function zipCaughtUp(ws: ExcelJS.Worksheet, failed: Promise<never>): Promise<void> {
  const input = internals(ws).stream.pipes?.[0];
  if (input?._writableState?.needDrain) await Promise.race([once(input, "drain"), failed]);
}

async function writeSheet(ws: ExcelJS.Worksheet, plan: SheetPlan, styles: StyleBook, failed: Promise<never>): Promise<void> {
  setColumnWidths(ws, plan);
  const layout = rowLayout(plan);
  let n = 0;
  for (const [r, cells] of planRows(plan, styles)) {
    const row = ws.getRow(r + 1);
    for (const pc of cells) {
      const cell = row.getCell(pc.col + 1);
      cell.value = pc.value;
      // Shared object on purpose (see StyleBook).
      cell.style = pc.style as ExcelJS.Style;
    }
    layout(ws, row);
    row.commit();
    if (++n % ROWS_PER_BATCH === 0) await zipCaughtUp(ws, failed);
  }
}

/**
 * Writes the workbook, one sheet per plan in order, to `out` and resolves once `out` has
 * finished. Plans and charts must already be checked (prepare in ../xlsx.ts): this only writes.
 * On failure the zip is abandoned part-way; the caller discards whatever reached `out`.
 */
export async function streamXlsx(
  plans: SheetPlan[],
  additions: SheetAdditions[],
  out: Writable,
  creator: string
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    // Shared strings as before: a log repeats a handful of statuses and codes, so the table stays
    // small and the file smallest, and user text is a t="s" cell, never parsed. Inline t="str"
    // cells would not hold the table in memory for a log of unique texts, but LibreOffice trims
    // their leading and trailing spaces.
    useSharedStrings: true,
    zip: { zlib: { level: ZLIB_LEVEL } },
  });
  wb.creator = wb.lastModifiedBy = creator;
  wb.created = wb.modified = new Date();
  const zip = (wb as unknown as { zip: Archive }).zip;
  const failed = new Promise<never>((_, reject) => {
    zip.on("error", reject);
    out.on("error", reject);
  });
  // Observed through the races below; unobserved it would be an unhandled rejection.
  failed.catch(() => undefined);

  // ExcelJS writes the workbook part and the content types from its own model, which has no
  // sheet-scoped constant names and no charts: edit their xml on the way into the zip.
  const overrides: { part: string; type: string }[] = [];
  const edits = new Map<string, (xml: string) => string>([
    ["xl/workbook.xml", (xml) => addSheetMarks(xml, additions.map((a, index) => ({ index, kind: a.kind, printArea: a.printArea })))],
    ["[Content_Types].xml", (xml) => (overrides.length ? addOverrides(xml, overrides) : xml)],
  ]);
  const append = zip.append.bind(zip);
  zip.append = (source, data) => {
    const name = data.name.replace(/^\/+/, "");
    const edit = edits.get(name);
    if (edit && typeof source === "string") {
      edits.delete(name);
      return append(edit(source), data);
    }
    return append(source, data);
  };

  try {
    const styles = new StyleBook();
    let drawingN = 0;
    let chartN = 0;
    for (const [i, plan] of plans.entries()) {
      const ws = wb.addWorksheet(plan.name, sheetOptions(plan));
      const charts = additions[i].charts;
      let drawingRelId: string | undefined;
      if (charts.length) {
        const drawing = drawingParts(charts, ++drawingN, chartN + 1);
        chartN += charts.length;
        for (const p of drawing.parts) zip.append(p.xml, { name: p.path });
        overrides.push(...drawing.overrides);
        drawingRelId = internals(ws)._sheetRelsWriter.addRelationship({ Type: REL_DRAWING, Target: drawing.target });
      }
      await writeSheet(ws, plan, styles, failed);
      if (drawingRelId) commitWithDrawing(ws, drawingRelId);
      else ws.commit();
    }
    await Promise.race([wb.commit(), failed]);
    if (edits.size) throw new Error(`ExcelJS wrote no ${[...edits.keys()].join(" or ")}: the mark or charts would be missing`);
  } catch (err) {
    zip.unpipe(out);
    zip.abort();
    throw err;
  }
}
