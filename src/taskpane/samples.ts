/**
 * "Insert sample data": the illustrative input tables on a sheet of their own, as real Excel
 * tables, so a first-time user can press Build before typing anything. Inserted once: when the
 * sheet or any of the tables is already there, the pane says so and adds nothing (the user may
 * have edited them, and table names are unique in a workbook anyway).
 */
import { sameSheetName } from "../render/excel";
import type { FormulaInput, WorkbookGateway } from "../render/gateway";
import { FMT } from "../sheets/plan";
import type { SampleData } from "./sample-data";

export const SAMPLE_SHEET = "ClinPay samples";

type SampleKey = "offers" | "tiers" | "targetTiers" | "appointments" | "timeLog";

interface SampleTable {
  key: SampleKey;
  name: string;
  heading: string;
}

/** Left to right within a band, bands top to bottom; the long logs last. */
const BANDS: SampleTable[][] = [
  [{ key: "offers", name: "ClinPayOffers", heading: "Offers (for Offer Comparison)" }],
  [
    { key: "tiers", name: "ClinPayTiers", heading: "Tiers (for Offer Comparison)" },
    { key: "targetTiers", name: "ClinPayTargetTiers", heading: "Bonus tiers (for Target Tracker)" },
  ],
  [
    { key: "appointments", name: "ClinPayAppointments", heading: "Appointment log (for RVU Leakage)" },
    { key: "timeLog", name: "ClinPayTimeLog", heading: "Time log (for RVU Leakage)" },
  ],
];

export const SAMPLE_TABLES: readonly string[] = BANDS.flat().map((t) => t.name);

export type SampleOutcome = { inserted: true; tables: string[] } | { inserted: false; existing: string[] };

const text = (s: string): FormulaInput[][] => [[s]];

/**
 * Adds the sample sheet and tables in one batch. If that batch fails, the half-made sheet is
 * deleted again, so a failed insert leaves the workbook as it was.
 */
export async function insertSamples(gw: WorkbookGateway, onProgress: (fraction: number, label: string) => void): Promise<SampleOutcome> {
  const [sheets, tables] = [await gw.listSheets(), await gw.listTables()];
  const taken = new Set(tables.map((t) => t.name.toUpperCase()));
  const existing = SAMPLE_TABLES.filter((n) => taken.has(n.toUpperCase()));
  if (sheets.some((s) => sameSheetName(s.name, SAMPLE_SHEET))) existing.unshift(`the sheet "${SAMPLE_SHEET}"`);
  if (existing.length > 0) return { inserted: false, existing };

  onProgress(0.1, "Loading the sample tables");
  const { SAMPLE_DATA } = await import(/* webpackChunkName: "samples" */ "./sample-data");
  onProgress(0.4, "Writing the sample tables");

  gw.addSheet(SAMPLE_SHEET);
  gw.writeBlock(SAMPLE_SHEET, 0, 0, text("ClinPay sample data"));
  gw.styleRange(SAMPLE_SHEET, 0, 0, 1, 1, "title");
  gw.writeBlock(SAMPLE_SHEET, 1, 0, text("Made up for illustration: no row is a real offer, clinician or patient. Put your own tables beside them to see your own numbers."));
  gw.styleRange(SAMPLE_SHEET, 1, 0, 1, 1, "meta");

  let row = 3;
  for (const band of BANDS) {
    let col = 0;
    let height = 0;
    for (const t of band) {
      const data: SampleData = SAMPLE_DATA[t.key]();
      const width = data.cells[0].length;
      gw.writeBlock(SAMPLE_SHEET, row, col, text(t.heading));
      gw.styleRange(SAMPLE_SHEET, row, col, 1, 1, "section");
      gw.addTable(SAMPLE_SHEET, t.name, row + 1, col, data.cells);
      for (const c of data.dateColumns) gw.setNumberFormat(SAMPLE_SHEET, row + 2, col + c, data.cells.length - 1, 1, FMT.date);
      col += width + 1;
      height = Math.max(height, data.cells.length + 1);
    }
    row += height + 2;
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
  return { inserted: true, tables: [...SAMPLE_TABLES] };
}
