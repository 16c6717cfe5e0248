/**
 * The sheet-plan model: what a built sheet holds, declared once and drawn by either renderer
 * (src/render/excel.ts through Office.js, src/render/xlsx.ts through ExcelJS). Nothing here
 * knows Office.js or ExcelJS.
 *
 * Coordinates are 0-based (row 0 = Excel row 1, col 0 = column A). Formulas are written
 * without the leading "=" and use only functions both Excel 2016 and LibreOffice 7.4 compute.
 */
import { InputError } from "../core/table";
import type { Rect } from "./a1";

export type Scalar = string | number | boolean | null;

/** A live formula plus the value the core computed for it, written as the cached result so
 *  viewers that never recalculate still show the true number. */
export interface FormulaCell {
  f: string;
  v: Scalar;
}

export type PlanCell = Scalar | FormulaCell;

export const isFormula = (c: PlanCell): c is FormulaCell =>
  c !== null && typeof c === "object" && typeof (c as FormulaCell).f === "string";

/** A formula cell: its text (no leading "=") and the value the core computed for it; a
 *  figure the core leaves blank (null) is cached as "", as the formula's IF(...,"") gives. */
export const formula = (text: string, cached: Scalar | undefined): FormulaCell => ({ f: text, v: cached ?? "" });

/** How a block looks. Renderers map each to fonts and fills; plans never pick colours. */
export type BlockStyle =
  | "title" // sheet title, large and bold
  | "meta" // built date, source: small grey text
  | "section" // a heading above a block
  | "header" // a table's header row (first row of the block)
  | "table" // a table whose first row is its header
  | "labels" // label | value pairs (first column bold)
  | "assumptions" // label | editable input cell (inputs highlighted)
  | "note" // explanatory prose, wrapped
  | "answer" // "Bottom line" and its sentence, merged across the page and wrapped
  | "paragraph" // a label and a paragraph beside it, merged and wrapped
  | "aside" // a short remark beside a figure: small grey text, indented off the number
  | "plain";

/** How a column's cells sit in them, where the default (text left, numbers right) would let a
 *  number touch the text beside it: "indent" is left with a one-character indent. */
export type Align = "center" | "right" | "indent";

export interface Block {
  row: number;
  col: number;
  /** Rows of cells, row-major. Rows may be ragged; missing cells are left empty. */
  cells: PlanCell[][];
  style: BlockStyle;
  /** Excel number format for each column of the block (undefined: General). For "table"
   *  blocks the header row is never formatted with these. */
  formats?: (string | undefined)[];
  /** Alignment of each column of the block (undefined: Excel's default). Not applied to a
   *  "table" block's header row. */
  align?: (Align | undefined)[];
  /** For very large copied inputs: cell text that begins with = + - @ is user data and is
   *  always written as text (see render/safe-text). Plans never need to set this. */
}

export interface ChartSeries {
  /** Header cell naming the series, absolute A1 on this sheet, e.g. "$C$5". */
  nameRef: string;
  /** Values, absolute A1 range on this sheet, e.g. "$C$6:$C$12". */
  valuesRef: string;
}

export interface ChartPlan {
  type: "column" | "bar" | "line";
  title: string;
  /** Category labels, absolute A1 range on this sheet. */
  categoriesRef: string;
  series: ChartSeries[];
  /** Where the chart sits: top-left cell (0-based) and size in columns/rows. */
  at: { row: number; col: number; width: number; height: number };
  yAxisTitle?: string;
  /** Number format of the value axis, e.g. "$#,##0". */
  valueFormat?: string;
}

/** A sheet's kind, as its definition in src/sheets/registry.ts names it ("offer-comparison"). The
 *  list of kinds is the registry's list of definitions, so a kind cannot be built and unknown. */
export type SheetKind = string;

export interface SheetPlan {
  kind: SheetKind;
  /** The sheet's name as the user sees it, e.g. "Offer Comparison". */
  name: string;
  blocks: Block[];
  /** Column widths in characters, by column index; missing: the renderer's default. */
  columnWidths?: number[];
  /** Rows/columns frozen above/left of this cell (0-based counts). */
  freeze?: { rows: number; cols: number };
  charts?: ChartPlan[];
  /** Rectangles merged into one cell (a wrapped paragraph across the page). */
  merges?: Rect[];
  /** Row heights in points, by row index; missing: the renderer's default. */
  rowHeights?: (number | undefined)[];
  /** How the sheet prints. */
  print?: PrintPlan;
  /** The input rows this sheet copied, on sheets of their own named "<name> data", carrying the
   *  same mark; built, rebuilt and replaced together with this sheet. Its formulas read them by
   *  sheet-qualified reference ('RVU Leakage data'!$A$2:$A$900). */
  dataSheets?: SheetPlan[];
}

/** Printing: the area, one page wide, with page breaks only between sections, so no chart or
 *  short table is split across pages. */
export interface PrintPlan {
  area: Rect;
  orientation: "landscape" | "portrait";
  /** 0-based rows that start a new page. */
  rowBreaks: number[];
}

/** The Bottom line's sentence as the plan computed it (the text beside "Bottom line"). */
export function bottomLineOf(plan: SheetPlan): string | undefined {
  const block = plan.blocks.find((b) => b.style === "answer");
  const cell = block?.cells[0]?.[1];
  if (cell === undefined || cell === null) return undefined;
  return String(isFormula(cell) ? cell.v : cell);
}

/** The plan and its data sheets, in the order a workbook holds them: the analysis sheet first. */
export const sheetsOf = (plan: SheetPlan): SheetPlan[] => [plan, ...(plan.dataSheets ?? [])];

/** The name of the sheet holding a sheet's copied rows. */
export const dataSheetName = (sheet: string): string => `${sheet} data`;

/** The common number formats, so every plan and renderer spells them the same way. */
export const FMT = {
  money: '"$"#,##0',
  money2: '"$"#,##0.00',
  percent: "0.0%",
  hours: '#,##0.0" h"',
  hoursPerWeek: '#,##0.0" h/week"',
  hourly: '"$"#,##0.00"/h"',
  wrvu: '#,##0.0" wRVU"',
  wrvu2: '#,##0.00" wRVU"',
  visits: '#,##0" visits"',
  days: '#,##0" days"',
  wrvuPerWeek: '#,##0.0" wRVU/week"',
  /** A p-value: below 0.001 it shows as <0.001, never as 0.000. */
  pValue: '[<0.001]"<0.001";0.000',
  /** A difference of two rates in percentage points (the value is already × 100). */
  points: '+0.0" points";-0.0" points";0.0" points"',
  /** A relative difference, signed. */
  relative: "+0.0%;-0.0%;0.0%",
  number: "#,##0",
  number1: "#,##0.0",
  number2: "#,##0.00",
  date: "yyyy-mm-dd",
} as const;

/**
 * How a built sheet says "ClinPay made me": a sheet-scoped defined name `ClinPay.kind` whose
 * value is the text constant of the sheet's kind, e.g. ClinPay.kind = "offer-comparison".
 * A defined name rather than a cell or a document property because it follows the sheet through
 * renames, moves and copies, is never printed or overwritten by typing, and both Excel
 * (Office.js `worksheet.names`) and LibreOffice keep it when they save (checked in
 * test/workbook/render-xlsx.test.ts). A rebuild replaces a sheet only when it carries the mark.
 */
export const SHEET_MARK_NAME = "ClinPay.kind";

/** The mark's value as a formula without "=": the kind as a text constant. */
export const sheetMarkFormula = (kind: SheetKind): string => `"${kind}"`;

/** Excel's grid: 1,048,576 rows by 16,384 columns (XFD). */
const GRID = { rows: 1_048_576, cols: 16_384 };

/** Excel's limit on a formula's length, in characters. */
export const EXCEL_FORMULA_CHARS = 8192;

/**
 * No renderer draws past Excel's grid: a plan that would (thousands of offers, say) is refused as
 * an input problem naming the sheet, before anything is drawn. The RVU Leakage logs, the one
 * input that grows to a million rows, are refused earlier with their own message
 * (leakageFitProblems).
 */
export function checkPlanFits(plan: SheetPlan): void {
  for (const sheet of plan.dataSheets ?? []) checkPlanFits(sheet);
  checkFormulaLengths(plan);
  for (const b of plan.blocks) {
    const width = b.cells.reduce((w, r) => Math.max(w, r.length), 0);
    if (b.row + b.cells.length > GRID.rows || b.col + width > GRID.cols) {
      throw new InputError([
        {
          source: plan.name,
          row: 0,
          column: "",
          value: "",
          message: `would reach past Excel's ${GRID.rows.toLocaleString("en-US")} rows or ${GRID.cols.toLocaleString("en-US")} columns: build it from fewer rows (split the input and build one sheet per part)`,
        },
      ]);
    }
  }
}

/**
 * No formula past Excel's 8,192 characters: Excel refuses such a file and LibreOffice shows #N/A.
 * The sheets are built so no formula grows with the input's rows (test/unit/sheets/formula-length
 * holds each at its largest input); this is the last guard, so a plan that would still write one
 * is refused rather than drawn.
 */
function checkFormulaLengths(plan: SheetPlan): void {
  for (const b of plan.blocks) {
    b.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!isFormula(cell) || cell.f.length <= EXCEL_FORMULA_CHARS) return;
        throw new InputError([
          {
            source: plan.name,
            row: 0,
            column: "",
            value: "",
            message: `would hold a formula of ${cell.f.length.toLocaleString("en-US")} characters (row ${b.row + r + 1}, column ${c + b.col + 1}), past the ${EXCEL_FORMULA_CHARS.toLocaleString("en-US")} Excel allows: build it from fewer rows, and tell ClinPay's makers, since no input should need it`,
          },
        ]);
      })
    );
  }
}
