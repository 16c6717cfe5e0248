/**
 * Every sheet ClinPay builds, one definition each (src/sheets/definition.ts). The pane's
 * builders, the `clinpay` commands, `clinpay demo` and the list of sheet marks are made from this
 * list: adding a sheet is its core file, its sheet module and definition, one line here, its
 * samples and its tests.
 */
import type { SheetDefinition } from "./definition";
import { offerComparison } from "./defs/offer-comparison";
import { rvuLeakage } from "./defs/rvu-leakage";
import { targetTracker } from "./defs/target-tracker";
import { telehealthScorecard } from "./defs/telehealth-scorecard";

export const SHEETS: readonly SheetDefinition[] = [offerComparison, rvuLeakage, targetTracker, telehealthScorecard];

/** Every kind a built sheet's mark may name. */
export const SHEET_KINDS: readonly string[] = SHEETS.map((s) => s.kind);

/** The kind a mark's formula names ("=\"rvu-leakage\"" or "\"rvu-leakage\""), or undefined when
 *  it is not a ClinPay mark, so a user's own name of the same spelling is never trusted. */
export function parseSheetMark(formula: string): string | undefined {
  const m = /^=?\s*"([a-z-]+)"\s*$/.exec(formula);
  return m && SHEET_KINDS.includes(m[1]) ? m[1] : undefined;
}
