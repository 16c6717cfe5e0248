/** The `RVU year` field every definition that prices codes declares (SPEC §3): a pane field and `--rvu-year`. */
import type { Problem } from "../../core/inputs/types";
import { numberField, type FieldSpec } from "../definition";

export const RVU_YEAR_FIELD: FieldSpec = {
  key: "rvuYear",
  label: "RVU year",
  type: "number",
  required: false,
  help: "the CMS fee-schedule year to price every service at, e.g. 2025 if your contract names it (blank: each service at its own year's values)",
  placeholder: "each service's own year",
  flag: "rvu-year",
  metavar: "YYYY",
};

/** The RVU year typed, checked against the years the fee schedule holds; undefined when blank (or wrong: then a problem). */
export function rvuYearOf(fields: Record<string, string>, years: readonly number[] | undefined, problems: Problem[]): number | undefined {
  const known = years ?? [];
  return numberField(fields, RVU_YEAR_FIELD, problems, (n) =>
    known.includes(n) ? null : `is not a year of ClinPay's CMS table: type ${known.join(" or ")}, or leave it blank for each service's own year`
  );
}
