/**
 * The bundled samples (samples/*.csv, the files `clinpay demo` and the README use) as cell
 * inputs for "Insert sample data", parsed at build time. A chunk of its own, loaded on the click: most sessions never
 * need 40 kB of made-up appointments, so the shared runtime does not parse them at start.
 */
import offers from "../../samples/offers.csv";
import tiers from "../../samples/tiers.csv";
import targetTiers from "../../samples/target-tiers.csv";
import appointments from "../../samples/appointments.csv";
import timeLog from "../../samples/time-log.csv";
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

function table(t: { headers: string[]; rows: string[][] }): SampleData {
  const dates = new Set<number>();
  const rows = t.rows.map((r) => t.headers.map((_, c) => cell(String(r[c] ?? ""), () => dates.add(c))));
  return { cells: [t.headers.map((h) => asLiteralText(h)), ...rows], dateColumns: [...dates] };
}

export const SAMPLE_DATA: Record<"offers" | "tiers" | "targetTiers" | "appointments" | "timeLog", () => SampleData> = {
  offers: () => table(offers),
  tiers: () => table(tiers),
  targetTiers: () => table(targetTiers),
  appointments: () => table(appointments),
  timeLog: () => table(timeLog),
};
