/**
 * Formula text for COUNTIFS/SUMIFS criteria built from user data. A criterion is not plain
 * text: a leading < > = is an operator and * ? ~ are wildcards (in Excel and in LibreOffice
 * reading .xlsx), so a reason like "<5 min late" or "link*" must be escaped to mean itself.
 */

/** A formula string literal: "say ""hi""". */
export const strLit = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/**
 * The criterion that matches cells equal to `text` (case-insensitively, as COUNTIFS compares):
 * `""` for blank cells, else `"=text"` with wildcards escaped by `~`. With `prefix`, it
 * matches text that starts with `text` and has at least one character more (`?*`), which is how
 * over-long text is grouped (a criterion holds at most 255 characters).
 */
export function equalsCriterion(text: string, prefix = false): string {
  if (text === "" && !prefix) return '""';
  return strLit(`=${text.replace(/[~*?]/g, "~$&")}${prefix ? "?*" : ""}`);
}
