/**
 * How a built sheet looks, once, as data: each cell's role (from its block's style and place in
 * the block) and each role's look. Both renderers translate this table — xlsx/styles.ts into
 * ExcelJS styles, excel-gateway.ts into Office.js range formats — so a sheet built in the pane
 * and one built by the CLI look the same (test/unit/render/style-table.test.ts compares them
 * cell by cell).
 */
import type { Block, BlockStyle } from "../sheets/plan";

export type CellRole = "title" | "meta" | "section" | "header" | "body" | "label" | "input" | "noteHeading" | "note" | "answerLabel" | "answer" | "prose" | "aside";

/** Colours as RRGGBB. */
export interface Look {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  /** A thin rule under the cell. */
  rule?: string;
  /** A thin box round the cell. */
  box?: string;
  /** Wrapped, from the cell's top: a paragraph, or a header too long for its column. */
  wrap?: boolean;
  /** From the cell's top (a label beside a paragraph several lines tall). */
  top?: boolean;
  /** Indented one character, so text never touches a number beside it. */
  indent?: boolean;
  /** Stays editable when the sheet is protected: the cells the user is invited to change. */
  unlocked?: boolean;
}

export const LOOKS: Readonly<Record<CellRole, Readonly<Look>>> = {
  title: { bold: true, size: 16 },
  meta: { italic: true, size: 9, color: "595959" },
  section: { bold: true, size: 12, color: "1F4E79" },
  // Wrapped: a header longer than its column's numbers takes two lines rather than a wider column.
  header: { bold: true, fill: "DDEBF7", rule: "9BC2E6", wrap: true },
  body: {},
  label: { bold: true, top: true },
  // The sheet's answer: the first thing read.
  answerLabel: { bold: true, size: 12, color: "1F4E79", top: true },
  answer: { bold: true, size: 12, fill: "EAF1FB", wrap: true },
  prose: { wrap: true },
  aside: { italic: true, size: 9, color: "595959", indent: true },
  // Light yellow: the conventional "you may type here" colour.
  input: { fill: "FFF2CC", box: "BFBFBF", unlocked: true },
  noteHeading: { bold: true, italic: true, color: "404040" },
  note: { italic: true, color: "404040", wrap: true },
};

/** The role of cell (r, c) of a block (0-based within it). */
export function roleOf(block: Pick<Block, "style" | "cells">, r: number, c: number): CellRole {
  return roleAt(block.style, block.cells.length, r, c);
}

function roleAt(style: BlockStyle, rows: number, r: number, c: number): CellRole {
  switch (style) {
    case "title":
    case "meta":
    case "section":
      return style;
    case "table":
    case "header":
      return style === "header" || r === 0 ? "header" : "body";
    case "labels":
    case "assumptions":
      return c === 0 ? "label" : style === "assumptions" ? "input" : "body";
    case "note":
      // noteBlock's first row is the "How to read this" heading.
      return r === 0 && rows > 1 ? "noteHeading" : "note";
    case "answer":
      return c === 0 ? "answerLabel" : "answer";
    case "paragraph":
      return c === 0 ? "label" : "prose";
    case "aside":
      return "aside";
    case "plain":
      return "body";
  }
}

export interface RoleRegion {
  role: CellRole;
  /** 0-based within the block. */
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * The block's cells as rectangles of one role each, for a renderer that styles ranges (Office.js)
 * rather than cells. Body regions are left out: a body has no look, and a 100,000-row table's body
 * styled would cost time and buy nothing. Agrees with roleOf cell for cell.
 */
export function roleRegions(style: BlockStyle, rows: number, cols: number): RoleRegion[] {
  if (rows <= 0 || cols <= 0) return [];
  const all = (role: CellRole): RoleRegion[] => [{ role, row: 0, col: 0, rows, cols }];
  switch (style) {
    case "title":
    case "meta":
    case "section":
    case "header":
    case "aside":
      return all(style === "header" ? "header" : style);
    case "answer":
    case "paragraph":
      return [{ role: style === "answer" ? "answerLabel" : "label", row: 0, col: 0, rows, cols: 1 }, ...(cols > 1 ? [{ role: style === "answer" ? ("answer" as const) : ("prose" as const), row: 0, col: 1, rows, cols: cols - 1 }] : [])];
    case "table":
      return [{ role: "header", row: 0, col: 0, rows: 1, cols }];
    case "labels":
      return [{ role: "label", row: 0, col: 0, rows, cols: 1 }];
    case "assumptions":
      return [{ role: "label", row: 0, col: 0, rows, cols: 1 }, ...(cols > 1 ? [{ role: "input" as const, row: 0, col: 1, rows, cols: cols - 1 }] : [])];
    case "note":
      return rows > 1 ? [{ role: "noteHeading", row: 0, col: 0, rows: 1, cols }, { role: "note", row: 1, col: 0, rows: rows - 1, cols }] : all("note");
    case "plain":
      return [];
  }
}
