/**
 * The `RVU year` assumption (SPEC §3 "The RVU year, everywhere codes are priced"), as every sheet
 * that prices codes shows it: blank prices each service at its own year's CMS values, a year of
 * the table pins every service to it. The remark beside it is a formula, so it says what the cell
 * now does, and names a typed year the table does not hold.
 */
import { strLit } from "./criteria";
import { formula } from "./plan";
import type { Figure } from "./sections";

export const RVU_YEAR_LABEL = "RVU year";

const BLANK = "blank: each service at its own year's CMS values";

/** The figure: the pinned year (or blank) and a live remark. `ref` is its own value cell. */
export function rvuYearFigure(ref: string, years: readonly number[], pinned: number | null | undefined): Figure {
  const list = `{${years.join(",")}}`;
  const yearsText = years.join(" or ");
  const notInTable = `not a year of the CMS table: type ${yearsText}, or leave it blank`;
  const aside = formula(
    `IF(${ref}="",${strLit(BLANK)},IF(ISNUMBER(MATCH(${ref},${list},0)),"every service at "&${ref}&"'s CMS values",${strLit(notInTable)}))`,
    pinned === null || pinned === undefined ? BLANK : `every service at ${pinned}'s CMS values`
  );
  return { label: RVU_YEAR_LABEL, value: pinned ?? null, format: "0", aside };
}
