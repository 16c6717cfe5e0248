/**
 * A sheet ClinPay does not have, made up for test/unit/sheets/throwaway-sheet.test.ts and the pane's
 * test of it in Chromium: one input table (widgets: widget, count), one assumption (a price), a
 * plan module of its own. Handed to the functions that take the list of definitions, it must show
 * up everywhere the registry's sheets do, with no other edit.
 */
import { InputError } from "../../src/core/table";
import { field, has, numberField, notNegative, type SheetDefinition } from "../../src/sheets/definition";
import type { Problem } from "../../src/core/inputs/types";

/** The sample file its demo reads; "Insert sample data" makes it the table ClinPayWidgets. */
export const WIDGETS_FILE = "widgets.csv";
export const WIDGETS_CSV = "widget,count\nsprocket,3\ngizmo,4\n";
/** 3 + 4 widgets at the demo's price of 2.50. */
export const DEMO_TOTAL = 17.5;

const FIELDS = [{ key: "price", label: "Price per widget", type: "number" as const, required: false, help: "type what one widget costs, e.g. 2.50 (blank: 1)", flag: "price", sample: "2.50" }];

export const throwawaySheet: SheetDefinition<typeof import("./throwaway-plan")> = {
  kind: "widget-count",
  title: "Widget Count",
  summary: "How many widgets, and what they cost",
  command: { name: "widgets", summary: "Widget Count: a sheet that exists only in a test" },
  inputs: [
    {
      key: "widgets",
      label: "Widgets",
      required: true,
      columns: "widget, count",
      looksLike: has(/widget/i),
      cli: [{ flag: "widgets", help: "the widgets table, .csv or .xlsx (widget, count)" }],
      tableName: "widgets",
    },
  ],
  fields: FIELDS,
  load: () => import("./throwaway-plan"),
  plan({ tables, fields }, { widgetPlan }) {
    const problems: Problem[] = [];
    const price = numberField(fields, field(FIELDS, "price"), problems, notNegative) ?? 1;
    const t = tables.widgets!;
    const c = t.headers.findIndex((h) => h.trim().toLowerCase() === "count");
    if (c < 0) problems.push({ source: t.source, row: 1, column: "count", value: "", message: "is missing: add a count column" });
    if (problems.length > 0) throw new InputError(problems);
    const count = t.rows.reduce((s, r) => s + Number(r[c]), 0);
    return { plan: widgetPlan(count, price), detail: `${count} widgets`, summary: `Widgets ${count}, cost ${count * price}` };
  },
  demo: { file: "widget-count.xlsx", heading: "Widget Count: the widgets in samples/widgets.csv at 2.50 each", tables: { widgets: WIDGETS_FILE }, fields: { price: "2.50" } },
};
