/**
 * A streaming XML tokenizer for the parts of an .xlsx: start tags (with their raw attributes),
 * end tags and text, fed in chunks of any size. Enough XML for SpreadsheetML as every writer
 * saves it — namespace prefixes (`x:c`), either quote, entities and character references,
 * CDATA, comments, processing instructions and a DOCTYPE (skipped, never expanded, so no
 * entity can grow the input) — and nothing else: no validation beyond what reading needs.
 */

export interface XmlHandler {
  /** A start tag: its local name (prefix dropped), its attribute text, and `<…/>`. */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Text between tags, entities decoded (whitespace between tags included). */
  text(value: string): void;
}

export class XmlError extends Error {}

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Entities and character references → text. An unknown entity is an error (the file is damaged). */
export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&([^;&\s]{1,10});/g, (_, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) throw new XmlError(`bad character reference &${e};`);
      return String.fromCodePoint(code);
    }
    const v = ENTITY[e];
    if (v === undefined) throw new XmlError(`unknown entity &${e};`);
    return v;
  });
}

/** The attributes of a start tag's attribute text, prefixes dropped (`r:id` → `id`). */
export function attributes(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw.length === 0) return out;
  for (const m of raw.matchAll(/([\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[2]] = decodeEntities(m[3] ?? m[4] ?? "");
  return out;
}

/** One attribute, without building the whole record (the hot path of a million-cell sheet). */
export function attribute(raw: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = raw.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = at === 0 ? " " : raw[at - 1];
    if (before !== " " && before !== "\t" && before !== "\n" && before !== "\r") continue;
    let i = from;
    while (raw[i] === " " || raw[i] === "\t" || raw[i] === "\n" || raw[i] === "\r") i++;
    if (raw[i] !== "=") continue;
    i++;
    while (raw[i] === " " || raw[i] === "\t" || raw[i] === "\n" || raw[i] === "\r") i++;
    const quote = raw[i];
    if (quote !== '"' && quote !== "'") return undefined;
    const end = raw.indexOf(quote, i + 1);
    if (end < 0) return undefined;
    return decodeEntities(raw.slice(i + 1, end));
  }
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const DQ = 34;
const SQ = 39;

/** Feeds chunks to an XmlHandler; call end() after the last. */
export class XmlScanner {
  private buf = "";
  /** An unfinished construct is looked at again only once the buffer has doubled, so a huge
   *  comment or CDATA section costs linear time, not a rescan per chunk. */
  private waitFor = 0;

  constructor(private readonly h: XmlHandler) {}

  write(chunk: string): void {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    if (this.buf.length < this.waitFor) return;
    this.buf = this.buf.slice(this.scan(this.buf));
    this.waitFor = this.buf.length * 2;
  }

  end(): void {
    if (this.buf.length > 0) this.buf = this.buf.slice(this.scan(this.buf));
    if (this.buf.indexOf("<") >= 0) throw new XmlError("the part ends inside a tag");
    this.buf = "";
    this.waitFor = 0;
  }

  /** Handles every complete construct in `s`; returns where the incomplete rest starts. */
  private scan(s: string): number {
    let i = 0;
    const n = s.length;
    while (i < n) {
      const lt = s.indexOf("<", i);
      if (lt < 0) {
        // Text running past this chunk: hand over all but a possibly cut entity.
        const amp = s.lastIndexOf("&");
        const cut = amp >= i && s.indexOf(";", amp) < 0 ? amp : n;
        if (cut > i) this.h.text(decodeEntities(s.slice(i, cut)));
        return cut;
      }
      if (lt > i) this.h.text(decodeEntities(s.slice(i, lt)));
      i = lt;
      const next = s.charCodeAt(lt + 1);
      if (Number.isNaN(next)) return lt;
      if (next === 33 /* ! */) {
        const done = this.special(s, lt);
        if (done < 0) return lt;
        i = done;
        continue;
      }
      if (next === 63 /* ? */) {
        const end = s.indexOf("?>", lt + 2);
        if (end < 0) return lt;
        i = end + 2;
        continue;
      }
      const gt = tagEnd(s, lt + 1);
      if (gt < 0) return lt;
      if (next === SLASH) {
        this.h.close(localName(s.slice(lt + 2, gt).trim()));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === SLASH;
        const inner = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
        let k = 0;
        while (k < inner.length && !isSpace(inner.charCodeAt(k))) k++;
        this.h.open(localName(inner.slice(0, k)), inner.slice(k), selfClosing);
      }
      i = gt + 1;
    }
    return i;
  }

  /** `<!-- -->`, `<![CDATA[ ]]>`, `<!DOCTYPE …>`: the index after it, or -1 when incomplete. */
  private special(s: string, lt: number): number {
    if (s.startsWith("<!--", lt)) {
      const end = s.indexOf("-->", lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (s.startsWith("<![CDATA[", lt)) {
      const end = s.indexOf("]]>", lt + 9);
      if (end < 0) return -1;
      this.h.text(s.slice(lt + 9, end));
      return end + 3;
    }
    if (s.length < lt + 9) return -1;
    // A DOCTYPE, with an internal subset in [ ] that may hold ">": skipped whole.
    let depth = 0;
    for (let k = lt + 2; k < s.length; k++) {
      const c = s[k];
      if (c === "[") depth++;
      else if (c === "]") depth--;
      else if (c === ">" && depth <= 0) return k + 1;
    }
    return -1;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The `>` closing the tag that starts before `from`, skipping quoted attribute values; -1 when not in `s` yet. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === GT) return k;
    else if (c === DQ || c === SQ) quote = c;
    else if (c === LT) throw new XmlError("a tag holds a <");
  }
  return -1;
}

function localName(qname: string): string {
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
}
