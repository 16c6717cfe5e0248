/**
 * Grouping free text (reasons, activities, codes) the way the sheets' COUNTIFS compare it: case
 * ignored, runs of spaces squeezed, long text by its first LONG_TEXT characters; and the fold of
 * a long list into its biggest TABLE_ROWS groups and one "other" row.
 */
import { cleanText, matchKey } from "./cms-block";

/** Reasons and activities longer than this are grouped by their first LONG_TEXT characters
 *  (an Excel criterion holds at most 255 characters). */
export const LONG_TEXT = 100;

/**
 * Tables list at most this many groups, biggest first; the rest fold into one last "other"
 * row. A free-text reason column can hold thousands of distinct values, and every listed row
 * costs the sheet a dozen COUNTIFS passes over the whole log.
 */
export const TABLE_ROWS = 15;

/** The first TABLE_ROWS rows (already biggest first), then the rest summed into one row. */
export function foldRest<T extends { other: number }>(rows: T[], sum: (rest: T[]) => T): T[] {
  if (rows.length <= TABLE_ROWS) return rows;
  const rest = rows.slice(TABLE_ROWS);
  return [...rows.slice(0, TABLE_ROWS), { ...sum(rest), other: rest.length }];
}

/** Grouping key for free text (reasons, activities): long text groups by its prefix. */
export function textGroup(s: string): { key: string; prefix: boolean } {
  const t = cleanText(s);
  if (t.length > LONG_TEXT) return { key: `${matchKey(t.slice(0, LONG_TEXT))}\u0000*`, prefix: true };
  return { key: matchKey(t), prefix: false };
}

export type GroupNoun = "reasons" | "activities" | "codes";
/** The label of a group whose text was blank. */
export const NO_TEXT: Record<GroupNoun, string> = { reasons: "(no reason given)", activities: "(no activity given)", codes: "(no code)" };
/** The last row of a table that lists only its TABLE_ROWS biggest groups. */
export const otherLabel = (n: number, what: GroupNoun): string => `All ${n} other ${what}`;

/** A grouped table's row label: the fold of the rest, the blank group, a long text's prefix (with …), or the text. */
export function groupLabel(text: string, group: { other: number; prefix: boolean }, what: GroupNoun): string {
  if (group.other > 0) return otherLabel(group.other, what);
  if (text === "") return NO_TEXT[what];
  return group.prefix ? `${text}…` : text;
}
