/**
 * Every sheet ClinPay builds, one definition each (src/sheets/definition.ts): the only list. The
 * pane's builders, the `clinpay` commands and `clinpay demo`, "Insert sample data", the list of
 * sheet marks and the tests are all made from it: adding a sheet is its core file, its sheet
 * module and definition, one line here, its samples and its tests. The functions below take the
 * list, the registry by default, so a test can hand them one with a sheet of its own.
 */
import { sampleTableName, type SheetDefinition } from "./definition";
import { offerComparison } from "./defs/offer-comparison";
import { rvuLeakage } from "./defs/rvu-leakage";
import { targetTracker } from "./defs/target-tracker";
import { telehealthScorecard } from "./defs/telehealth-scorecard";
import { payAuditSheet } from "./defs/pay-audit";

export const SHEETS: readonly SheetDefinition[] = [offerComparison, rvuLeakage, targetTracker, telehealthScorecard, payAuditSheet];

/** Every kind a built sheet's mark may name. */
export const SHEET_KINDS: readonly string[] = SHEETS.map((s) => s.kind);

/** The kind a mark's formula names ("=\"rvu-leakage\"" or "\"rvu-leakage\""), or undefined when
 *  it is not a ClinPay mark, so a user's own name of the same spelling is never trusted. */
export function parseSheetMark(formula: string, sheets: readonly SheetDefinition[] = SHEETS): string | undefined {
  const m = /^=?\s*"([a-z-]+)"\s*$/.exec(formula);
  return m && sheets.some((s) => s.kind === m[1]) ? m[1] : undefined;
}

/** A table "Insert sample data" adds: a sample file some sheet's demo reads, as a named table. */
export interface SampleTable {
  /** The Excel table's name, e.g. ClinPayTimeLog. */
  name: string;
  /** The file in samples/, e.g. time-log.csv. */
  file: string;
  /** What it is, as the first input that reads it says it, e.g. "Time log". */
  label: string;
  /** The heading above it: what it is and which sheets read it. */
  heading: string;
}

/** Every sample file the sheets' demos read, once each (the appointment log serves three
 *  sheets), in registry order, headed by the first input that reads it. */
export function sampleTables(sheets: readonly SheetDefinition[] = SHEETS): SampleTable[] {
  const byFile = new Map<string, { label: string; titles: string[] }>();
  for (const def of sheets) {
    for (const input of def.inputs) {
      const file = def.demo.tables[input.key];
      if (file === undefined) continue;
      const seen = byFile.get(file) ?? { label: input.label, titles: [] };
      if (!seen.titles.includes(def.title)) seen.titles.push(def.title);
      byFile.set(file, seen);
    }
  }
  return [...byFile].map(([file, s]) => ({ name: sampleTableName(file), file, label: s.label, heading: `${s.label} (for ${s.titles.join(", ")})` }));
}
