/**
 * SPEC §3 "Every sheet: the answer first", checked on every registered sheet's plan (from its demo
 * data and the variants that change its layout): the Bottom line and the main chart in the first
 * screen, nothing overlapping, no text cut by its neighbour (measured with the Carlito font's own
 * widths, not the layout engine's estimate), copied rows on the data sheet, a print set-up.
 */
import JSZip from "jszip";
import { isFormula, type PlanCell, type SheetPlan } from "../../../src/sheets/plan";
import { LOOKS, roleOf } from "../../../src/render/style-table";
import { displayText } from "../../../src/sheets/fit";
import { renderXlsx } from "../../../src/render/xlsx";
import { APPOINTMENT_COPY_HEADERS } from "../../../src/sheets/log-copy";
import { SHEETS } from "../../../src/sheets/registry";
import { PRODUCTION_COPY_HEADERS } from "../../../src/sheets/target-production";
import { TIME_COPY_HEADERS } from "../../../src/sheets/rvu-leakage";
import { TELEHEALTH_LABELS } from "../../../src/sheets/telehealth-scorecard";
import { a1 } from "../../../src/sheets/a1";
import { carlito } from "../../helpers/font-metrics";
import { registeredPlans, type NamedPlan } from "../../helpers/registered-plans";

let plans: NamedPlan[];
beforeAll(async () => {
  plans = await registeredPlans();
});

const shown = (c: PlanCell | undefined) => (c !== null && c !== undefined && typeof c === "object" && isFormula(c) ? c.v : c);

/** The cell written at (row, col): the last block in plan order wins. */
function cellAt(plan: SheetPlan, row: number, col: number): PlanCell | undefined {
  let found: PlanCell | undefined;
  for (const b of plan.blocks) {
    const r = row - b.row;
    const c = col - b.col;
    if (r >= 0 && r < b.cells.length && c >= 0 && c < b.cells[r].length && b.cells[r][c] !== null) found = b.cells[r][c];
  }
  return found;
}

interface Rect {
  what: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Every block's and chart's rectangle. */
function rectangles(plan: SheetPlan): Rect[] {
  return [
    ...plan.blocks.map((b, i) => ({ what: `block ${i} (${b.style} at ${a1(b.row, b.col)})`, row: b.row, col: b.col, rows: b.cells.length, cols: b.cells.reduce((w, r) => Math.max(w, r.length), 0) })),
    ...(plan.charts ?? []).map((c) => ({ what: `chart "${c.title}"`, row: c.at.row, col: c.at.col, rows: c.at.height, cols: c.at.width })),
  ].filter((r) => r.rows > 0 && r.cols > 0);
}

/** Pairs of rectangles that share a cell. */
function overlaps(plan: SheetPlan): string[] {
  const rects = rectangles(plan);
  const out: string[] = [];
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i];
      const b = rects[j];
      if (a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols) out.push(`${a.what} overlaps ${b.what}`);
    }
  return out;
}

/** Pixels of a column `width` characters wide, as Excel draws it (7 px a character + 5). */
const columnPx = (plan: SheetPlan, col: number) => (plan.columnWidths?.[col] ?? 8.43) * 7 + 5;
/** A cell's margins, both sides, in pixels. */
const PADDING_PX = 4;

/**
 * Text that does not fit where it is drawn: a number or right-aligned text in its own column, other
 * text in its column and the empty cells to its right (not a chart, not a merged paragraph), a
 * wrapped header's longest word in its column. Merged paragraphs wrap, and are left out.
 */
function cutTexts(plan: SheetPlan): string[] {
  const fonts = carlito()!;
  const taken = new Set<string>();
  for (const b of plan.blocks)
    b.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        const v = shown(cell);
        if (cell !== null && cell !== undefined && (v !== "" || isFormula(cell as PlanCell))) taken.add(`${b.row + r},${b.col + c}`);
      })
    );
  const cover = [...(plan.merges ?? []), ...(plan.charts ?? []).map((c) => ({ row: c.at.row, col: c.at.col, rows: c.at.height, cols: c.at.width }))];
  for (const m of cover) for (let r = m.row; r < m.row + m.rows; r++) for (let c = m.col; c < m.col + m.cols; c++) taken.add(`${r},${c}`);
  const merged = new Set((plan.merges ?? []).map((m) => `${m.row},${m.col}`));
  const cut: string[] = [];
  for (const b of plan.blocks) {
    b.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        const v = shown(cell);
        if (v === null || v === undefined || v === "") return;
        const at = { row: b.row + r, col: b.col + c };
        if (merged.has(`${at.row},${at.col}`)) return;
        const role = roleOf(b, r, c);
        const look = LOOKS[role];
        const font = look.bold ? fonts.bold : fonts.regular;
        const header = role === "header";
        const text = displayText(v as string | number | boolean, header ? undefined : b.formats?.[c]);
        if (look.wrap || header) {
          const word = text.split(/\s+/).reduce((w, x) => (font.width(x, look.size ?? 11) > font.width(w, look.size ?? 11) ? x : w), "");
          if (font.width(word, look.size ?? 11) + PADDING_PX > columnPx(plan, at.col)) cut.push(`${a1(at.row, at.col)} "${word}" (a word of a wrapped cell)`);
          return;
        }
        const need = font.width(text, look.size ?? 11) + PADDING_PX + (look.indent || b.align?.[c] === "indent" ? 9 : 0);
        let room = columnPx(plan, at.col);
        const runsOn = typeof v === "string" && b.align?.[c] !== "right" && b.align?.[c] !== "center";
        for (let k = at.col + 1; runsOn && room < need && !taken.has(`${at.row},${k}`) && k < at.col + 40; k++) room += columnPx(plan, k);
        if (need > room) cut.push(`${a1(at.row, at.col)} "${text}" needs ${need.toFixed(0)} px, has ${room.toFixed(0)}`);
      })
    );
  }
  return cut;
}

test("the overlap check finds two blocks, or a block and a chart, sharing a cell", () => {
  const plan: SheetPlan = {
    kind: "x",
    name: "x",
    blocks: [
      { row: 0, col: 0, style: "plain", cells: [["a", "b"]] },
      { row: 0, col: 1, style: "plain", cells: [["c"]] },
      { row: 5, col: 0, style: "plain", cells: [["d"]] },
    ],
    charts: [{ type: "line", title: "t", categoriesRef: "$A$1", series: [], at: { row: 4, col: 0, width: 2, height: 2 } }],
  };
  expect(overlaps(plan)).toEqual(['block 0 (plain at A1) overlaps block 1 (plain at B1)', 'block 2 (plain at A6) overlaps chart "t"']);
});

test("the cut-text check finds a label wider than its column beside a value", () => {
  const plan: SheetPlan = { kind: "x", name: "x", columnWidths: [10, 10], blocks: [{ row: 0, col: 0, style: "labels", cells: [["System-caused share of telehealth no-shows", 0.5]] }] };
  expect(cutTexts(plan)).toHaveLength(1);
  expect(cutTexts({ ...plan, columnWidths: [45, 10] })).toEqual([]);
});

describe.each([0, 1, 2, 3, 4, 5, 6, 7])("registered sheet %#", (index) => {
  const get = () => plans[index];

  test("the Bottom line: in A1:A8, a sentence made by a formula beside it", () => {
    const { plan, label } = get();
    const rows = [0, 1, 2, 3, 4, 5, 6, 7].filter((r) => cellAt(plan, r, 0) === "Bottom line");
    expect({ label, rows: rows.length }).toEqual({ label, rows: 1 });
    const sentence = cellAt(plan, rows[0], 1);
    expect(isFormula(sentence!)).toBe(true);
    expect(String(shown(sentence)).length).toBeGreaterThan(40);
    // Merged across the visible width and wrapped.
    expect(plan.merges).toContainEqual({ row: rows[0], col: 1, rows: 1, cols: 11 });
  });

  test("3 to 6 headline figures and the main chart, all in the first 30 rows × 12 columns", () => {
    const { plan, label } = get();
    const glance = plan.blocks.find((b) => b.style === "section" && /^At a glance/.test(String(b.cells[0][0])))!;
    expect({ label, glance: glance.row }).toEqual({ label, glance: expect.any(Number) });
    let n = 0;
    while (plan.blocks.some((b) => b.style === "labels" && b.row === glance.row + 1 + n && b.col === 0)) n++;
    expect({ label, n: n >= 3 && n <= 6 }).toEqual({ label, n: true });
    expect(glance.row + n).toBeLessThan(30);
    const first = (plan.charts ?? []).filter((c) => c.at.row + c.at.height <= 30 && c.at.col + c.at.width <= 12);
    expect({ label, charts: first.length }).toEqual({ label, charts: 1 });
  });

  test("no two blocks, nor a block and a chart, overlap (on the sheet and its data sheets)", () => {
    const { plan } = get();
    expect(overlaps(plan)).toEqual([]);
    for (const d of plan.dataSheets ?? []) expect(overlaps(d)).toEqual([]);
  });

  test("no text is cut: every label, header word and figure fits its column or the empty cells beside it", () => {
    if (!carlito()) throw new Error("the Carlito fonts are missing: install fonts-crosextra-carlito (scripts/pretest.sh does)");
    const { plan, label } = get();
    expect({ label, cut: cutTexts(plan) }).toEqual({ label, cut: [] });
  });

  test("copied rows are on '<name> data', marked with the sheet's kind; the analysis sheet keeps none", () => {
    const { plan, kind } = get();
    const copied = [APPOINTMENT_COPY_HEADERS, PRODUCTION_COPY_HEADERS, TIME_COPY_HEADERS];
    const isCopy = (cells: PlanCell[][]) => copied.some((h) => h.every((x, i) => cells[0]?.[i] === x));
    expect(plan.blocks.filter((b) => isCopy(b.cells))).toEqual([]);
    // The analysis sheet does not grow with the log: 1,554 appointments fit in well under 200 rows.
    expect(Math.max(...plan.blocks.map((b) => b.row + b.cells.length))).toBeLessThan(200);
    for (const d of plan.dataSheets ?? []) {
      expect(d.name).toBe(`${plan.name} data`);
      expect(d.kind).toBe(kind);
      expect(d.blocks.some((b) => isCopy(b.cells))).toBe(true);
    }
  });

  test("a print area over everything, one page wide, breaks only outside charts; the file says the same", async () => {
    const { plan } = get();
    const print = plan.print!;
    for (const r of rectangles(plan)) {
      expect(r.row + r.rows).toBeLessThanOrEqual(print.area.row + print.area.rows);
      expect(r.col + r.cols).toBeLessThanOrEqual(print.area.col + print.area.cols);
    }
    for (const at of print.rowBreaks) for (const c of plan.charts ?? []) expect(at > c.at.row && at < c.at.row + c.at.height).toBe(false);
    const zip = await JSZip.loadAsync(await renderXlsx([plan]));
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet).toMatch(/<pageSetup[^>]*fitToWidth="1"[^>]*fitToHeight="0"/);
    expect(sheet).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    expect((await zip.file("xl/workbook.xml")!.async("string")).match(/_xlnm\.Print_Area" localSheetId="0">[^<]+</)?.[0]).toContain(`$A$1:`);
  });
});

test("every registered sheet was checked, in its demo and its variant", () => {
  expect(plans.map((p) => p.label)).toHaveLength(SHEETS.length * 2);
});

describe("Telehealth Scorecard with blank assumptions", () => {
  const blank = () => plans.find((p) => p.label === "telehealth-scorecard (blank assumptions)")!.plan;
  const figure = (plan: SheetPlan, label: string) => {
    for (const b of plan.blocks) if (b.cells[0]?.[0] === label && b.col === 0) return shown(b.cells[0][1]);
    throw new Error(`no ${label}`);
  };

  test("a condition whose input is blank is 'not checked', not counted, and the verdict names what to type", () => {
    const plan = blank();
    const L = TELEHEALTH_LABELS;
    expect([figure(plan, L.farBelowPeers), figure(plan, L.belowTarget), figure(plan, L.sixMonths), figure(plan, L.concerns)]).toEqual(["not checked", "not checked", "not checked", "no"]);
    expect(figure(plan, L.met)).toBe(0);
    expect(figure(plan, L.notChecked)).toBe(3);
    const bottom = String(shown(cellAt(plan, plan.blocks.find((b) => b.style === "answer")!.row, 1)));
    expect(bottom).toMatch(/^Not in the danger zone: 0 of the 4 conditions hold, and all four must \(3 are not checked; type Group wRVU per telehealth visit and Annual wRVU target to check\)\./);
  });

  test("the summary for your manager never mentions the danger zone", () => {
    for (const p of plans.filter((x) => x.kind === "telehealth-scorecard")) {
      const summary = p.plan.blocks.find((b) => b.style === "paragraph" && b.cells[0][0] === TELEHEALTH_LABELS.summary)!;
      const cell = summary.cells[0][1] as { f: string; v: string };
      expect(cell.v).toMatch(/system-caused/);
      expect(cell.v).not.toMatch(/danger|conditions/i);
      expect(cell.f).not.toMatch(/danger|conditions/i);
    }
  });
});
