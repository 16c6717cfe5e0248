/**
 * The bundled samples (samples/*.csv, the files `clinpay demo` and the README use) as cell
 * inputs for "Insert sample data", parsed at build time (scripts/csv-table-loader.js). Every CSV
 * in samples/ goes into one chunk of its own, loaded on the click: most sessions never need 40 kB
 * of made-up appointments, so the shared runtime does not parse them at start. Which files are
 * read is the registry's business (sampleTables), so a new sheet's sample needs no edit here.
 */
import { ymdToSerial } from "../core/dates";
import { asLiteralText } from "../render/safe-text";
import type { FormulaInput } from "../render/gateway";

export interface SampleData {
  /** Header row first. */
  cells: FormulaInput[][];
  /** Columns holding dates (written as serial numbers, to be shown with a date format). */
  dateColumns: number[];
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** A CSV cell as Excel would hold it had the user typed it: numbers and dates as numbers (so
 *  the table behaves like their own data), everything else as text that stays text. */
function cell(text: string, dateCol: () => void): FormulaInput {
  if (text === "") return null;
  const d = ISO.exec(text);
  if (d) {
    dateCol();
    return ymdToSerial(+d[1], +d[2], +d[3]);
  }
  if (NUMBER.test(text)) return Number(text);
  return asLiteralText(text);
}

/** A parsed CSV (header names and text cells) as the cells of a sample table. */
export function sampleData(t: { headers: string[]; rows: unknown[][] }): SampleData {
  const dates = new Set<number>();
  const rows = t.rows.map((r) => t.headers.map((_, c) => cell(String(r[c] ?? ""), () => dates.add(c))));
  return { cells: [t.headers.map((h) => asLiteralText(h)), ...rows], dateColumns: [...dates] };
}

/** samples/<file>, from the samples chunk. */
export async function loadSample(file: string): Promise<SampleData> {
  const csv: { default: { headers: string[]; rows: string[][] } } = await import(
    /* webpackChunkName: "samples", webpackMode: "lazy-once", webpackInclude: /\.csv$/ */ `../../samples/${file}`
  );
  return sampleData(csv.default);
}
