/**
 * "Insert sample data": the illustrative input tables on a sheet of their own, as real Excel
 * tables, so a first-time user can press Build before typing anything. They are the sample files
 * the registered sheets' demos read (sampleTables), so a new sheet's samples join by themselves. Inserted once: when the
 * sheet or any of the tables is already there, the pane says so and adds nothing (the user may
 * have edited them, and table names are unique in a workbook anyway).
 */
import { sameSheetName } from "../render/excel";
import type { FormulaInput, WorkbookGateway } from "../render/gateway";
import { FMT } from "../sheets/plan";
import { sampleTables, type SampleTable } from "../sheets/registry";
import { loadSample, type SampleData } from "./sample-data";

export const SAMPLE_SHEET = "ClinPay samples";

/** Reads one sample file (samples/<file>) as cells; the pane's is loadSample, a test may give its own. */
export type SampleLoader = (file: string) => Promise<SampleData>;

export type SampleOutcome = { inserted: true; tables: string[] } | { inserted: false; existing: string[] };

const text = (s: string): FormulaInput[][] => [[s]];

/** Bands are filled left to right up to this many columns; then a new band starts below. */
const BAND_COLUMNS = 20;

interface Placed {
  table: SampleTable;
  data: SampleData;
  row: number;
  col: number;
}

/** Shortest tables first, left to right in bands, so the long logs come last and nothing overlaps. */
function layout(tables: { table: SampleTable; data: SampleData }[], firstRow: number): Placed[] {
  const byHeight = tables.map((t, i) => ({ ...t, i })).sort((a, b) => a.data.cells.length - b.data.cells.length || a.i - b.i);
  const placed: Placed[] = [];
  let row = firstRow;
  let col = 0;
  let height = 0;
  for (const { table, data } of byHeight) {
    const width = data.cells[0].length;
    if (col > 0 && col + width > BAND_COLUMNS) {
      row += height + 2;
      col = 0;
      height = 0;
    }
    placed.push({ table, data, row, col });
    col += width + 1;
    height = Math.max(height, data.cells.length + 1);
  }
  return placed;
}

/**
 * Adds the sample sheet and tables in one batch. If that batch fails, the half-made sheet is
 * deleted again, so a failed insert leaves the workbook as it was.
 */
export async function insertSamples(
  gw: WorkbookGateway,
  onProgress: (fraction: number, label: string) => void,
  tables: readonly SampleTable[] = sampleTables(),
  load: SampleLoader = loadSample
): Promise<SampleOutcome> {
  const names = tables.map((t) => t.name);
  const [sheets, inWorkbook] = [await gw.listSheets(), await gw.listTables()];
  const taken = new Set(inWorkbook.map((t) => t.name.toUpperCase()));
  const existing = names.filter((n) => taken.has(n.toUpperCase()));
  if (sheets.some((s) => sameSheetName(s.name, SAMPLE_SHEET))) existing.unshift(`the sheet "${SAMPLE_SHEET}"`);
  if (existing.length > 0) return { inserted: false, existing };

  onProgress(0.1, "Loading the sample tables");
  const loaded = await Promise.all(tables.map(async (table) => ({ table, data: await load(table.file) })));
  onProgress(0.4, "Writing the sample tables");

  gw.addSheet(SAMPLE_SHEET);
  gw.writeBlock(SAMPLE_SHEET, 0, 0, text("ClinPay sample data"));
  gw.styleRange(SAMPLE_SHEET, 0, 0, 1, 1, "title");
  gw.writeBlock(SAMPLE_SHEET, 1, 0, text("Made up for illustration: no row is a real offer, clinician or patient. Put your own tables beside them to see your own numbers."));
  gw.styleRange(SAMPLE_SHEET, 1, 0, 1, 1, "meta");

  for (const { table, data, row, col } of layout(loaded, 3)) {
    gw.writeBlock(SAMPLE_SHEET, row, col, text(table.heading));
    gw.styleRange(SAMPLE_SHEET, row, col, 1, 1, "section");
    gw.addTable(SAMPLE_SHEET, table.name, row + 1, col, data.cells);
    for (const c of data.dateColumns) gw.setNumberFormat(SAMPLE_SHEET, row + 2, col + c, data.cells.length - 1, 1, FMT.date);
  }
  gw.setColumnWidth(SAMPLE_SHEET, 0, 24);
  gw.activateSheet(SAMPLE_SHEET);
  try {
    await gw.sync();
  } catch (err) {
    try {
      if ((await gw.listSheets()).some((s) => s.name === SAMPLE_SHEET)) {
        gw.deleteSheet(SAMPLE_SHEET);
        await gw.sync();
      }
    } catch {
      // The original error says more than a failed clean-up would.
    }
    throw err;
  }
  onProgress(1, "Sample tables inserted");
  return { inserted: true, tables: names };
}
