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

/** A 0-based rectangle on a sheet. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** "B3" or "$B$3:D9" (a sheet prefix is ignored) to a rectangle; null when it is not an address. */
export function parseRange(address: string): Rect | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(address.replace(/^.*!/, ""));
  if (!m) return null;
  const col = (letters: string) => {
    let c = 0;
    for (const ch of letters.toUpperCase()) c = c * 26 + ch.charCodeAt(0) - 64;
    return c - 1;
  };
  const r1 = Number(m[2]) - 1;
  const c1 = col(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? col(m[3]) : c1;
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

/**
 * `formula` with every reference to sheet `from` ('from'!A1, as sheetRef writes it) pointing at
 * `to` instead; text inside string literals ("...") is left alone, so a criterion that happens to
 * spell the name is not changed.
 */
export function renameSheetRefs(formula: string, from: string, to: string): string {
  const find = sheetRef(from, "");
  const put = sheetRef(to, "");
  let out = "";
  let inString = false;
  for (let i = 0; i < formula.length; ) {
    const ch = formula[i];
    if (ch === '"') {
      inString = !inString;
      out += ch;
      i++;
    } else if (!inString && formula.startsWith(find, i)) {
      out += put;
      i += find.length;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
