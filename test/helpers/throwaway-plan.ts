/** The throwaway sheet's plan module (test/helpers/throwaway-sheet.ts), loaded by its definition's load(). */
import type { SheetPlan } from "../../src/sheets/plan";

/** Its kind is deliberately not the definition's: planSheet must mark the sheet with the definition's. */
export function widgetPlan(count: number, price: number): SheetPlan {
  return {
    kind: "not-the-definitions-kind",
    name: "Widget Count",
    blocks: [
      { row: 0, col: 0, style: "title", cells: [["Widget Count"]] },
      { row: 2, col: 0, style: "labels", cells: [["Widgets", count], ["Price per widget", price], ["Cost", { f: "B3*B4", v: count * price }]] },
    ],
  };
}
