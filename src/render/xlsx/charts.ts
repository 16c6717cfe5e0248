/** ChartPlan → ChartModel: references qualified with the sheet name, caches filled from the
 *  plans' computed values. Runs before anything is written, so a bad reference fails the
 *  render instead of producing a chart Excel would repair away. */
import type { ChartPlan, SheetPlan } from "../../sheets/plan";
import type { ChartModel } from "./chart-xml";
import { parseRange, qualifiedRef, rangeCells, type CellLookup } from "./refs";

const CHART_TYPES = new Set(["column", "bar", "line"]);

export function resolveChart(chart: ChartPlan, plan: SheetPlan, cells: CellLookup): ChartModel {
  const where = `Chart "${chart.title}" on "${plan.name}"`;
  if (!CHART_TYPES.has(chart.type)) throw new Error(`${where}: unknown chart type "${chart.type}"`);
  const { at } = chart;
  if (!(at.width > 0 && at.height > 0 && at.row >= 0 && at.col >= 0))
    throw new Error(`${where}: position needs row, col >= 0 and width, height > 0`);
  if (chart.series.length === 0) throw new Error(`${where} has no series`);

  const catRange = parseRange(chart.categoriesRef, plan.name);
  const catCells = rangeCells(catRange, `${where}: categories`);
  const catPoints = catCells.map(([r, c]) => cells.value(catRange.sheet, r, c));
  const numeric = catPoints.every((p) => p === null || typeof p === "number");
  const firstCat = catCells[0];

  const series = chart.series.map((s) => {
    const nameRange = parseRange(s.nameRef, plan.name);
    if (nameRange.r1 !== nameRange.r2 || nameRange.c1 !== nameRange.c2)
      throw new Error(`${where}: series name ${s.nameRef} must be a single cell`);
    const valRange = parseRange(s.valuesRef, plan.name);
    const valCells = rangeCells(valRange, `${where}: values`);
    if (valCells.length !== catCells.length)
      throw new Error(
        `${where}: ${s.valuesRef} has ${valCells.length} values for ${catCells.length} categories`
      );
    const name = cells.value(nameRange.sheet, nameRange.r1, nameRange.c1);
    return {
      nameRef: qualifiedRef(nameRange),
      name: name === null ? "" : String(name),
      valuesRef: qualifiedRef(valRange),
      points: valCells.map(([r, c]) => {
        const p = cells.value(valRange.sheet, r, c);
        return typeof p === "number" && Number.isFinite(p) ? p : null;
      }),
      formatCode: cells.format(valRange.sheet, valCells[0][0], valCells[0][1]) ?? "General",
    };
  });

  return {
    type: chart.type,
    title: chart.title,
    categories: {
      ref: qualifiedRef(catRange),
      kind: numeric ? "num" : "str",
      points: catPoints.map((p) => (p === null || typeof p === "number" ? p : String(p))),
      formatCode: (numeric && cells.format(catRange.sheet, firstCat[0], firstCat[1])) || "General",
    },
    series,
    yAxisTitle: chart.yAxisTitle,
    valueFormat: chart.valueFormat,
  };
}
