/** The little XML the package post-processing needs: escaping, and reading attributes of the
 *  well-formed, machine-written parts ExcelJS produces (no general parser needed or wanted). */

/** Escapes markup and drops the characters XML 1.0 cannot hold at all (control characters,
 *  U+FFFE/U+FFFF): a chart category copied from user data must not break the chart part. */
export const escapeXml = (s: string): string =>
  s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/[<>&"']/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[ch]!);

export const unescapeXml = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, e: string) => {
    switch (e) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default:
        return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });

/** Attributes of every `<tag .../>` or `<tag ...>` start tag, unescaped. Namespace prefixes are
 *  kept in attribute names (r:id). */
export function startTags(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<${tag.replace(/[.:]/g, "\\$&")}(\\s[^>]*?)?/?>`, "g");
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attrs: Record<string, string> = {};
    const attrRe = /([\w:.-]+)\s*=\s*"([^"]*)"/g;
    for (let a = attrRe.exec(m[1] ?? ""); a; a = attrRe.exec(m[1] ?? "")) attrs[a[1]] = unescapeXml(a[2]);
    out.push(attrs);
  }
  return out;
}
