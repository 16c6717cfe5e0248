/** A1-reference helpers (0-based row/col in, Excel text out). */

export function colName(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "B3" for (2, 1). */
export const a1 = (row: number, col: number): string => `${colName(col)}${row + 1}`;

/** "$B$3" for (2, 1). */
export const abs = (row: number, col: number): string => `$${colName(col)}$${row + 1}`;

/** "$B$3:$B$9" for rows 2..8 of column 1. */
export const absRange = (r1: number, c1: number, r2: number, c2: number): string =>
  `${abs(r1, c1)}:${abs(r2, c2)}`;

/** Quote a sheet name for use in a reference: 'Offer Comparison'!A1. */
export const sheetRef = (sheet: string, ref: string): string =>
  `'${sheet.replace(/'/g, "''")}'!${ref}`;
