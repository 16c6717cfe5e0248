/**
 * The table reader's one import for callers: problems (problems.ts), cell text and numbers
 * (cells.ts), dates (date-cells.ts), column schemas (columns.ts) and reading a table against a
 * schema (read-rows.ts).
 */
export * from "./problems";
export * from "./cells";
export * from "./date-cells";
export * from "./columns";
export * from "./read-rows";
