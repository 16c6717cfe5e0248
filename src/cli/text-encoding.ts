/**
 * The bytes of a CSV as the text they were saved as: UTF-8 (with or without BOM), UTF-16 with a
 * BOM (Excel's "Unicode Text"), or Windows-1252 (Excel's plain "CSV" on Windows).
 *
 * A UTF-8 file with a stray byte that is not UTF-8 (one cell pasted from an old system) stays
 * UTF-8: each such byte is read as the Windows-1252 character it most likely is, and the rows
 * holding one are named in a warning. Reading the whole file as Windows-1252 because of one
 * byte would turn every other accent into two characters ("Dr MÃ¼ller") without a word.
 */
import { TextDecoder } from "util";

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** A byte that was not UTF-8 in a file that otherwise is: where its character is in the text. */
export interface StrayByte {
  /** Index in the decoded text. */
  at: number;
  byte: number;
}

export interface DecodedText {
  text: string;
  encoding: Encoding;
  stray: StrayByte[];
}

/** Windows-1252's characters for 0x80-0x9F (the rest of its upper half is Latin-1); the five
 *  bytes it leaves undefined map to the C1 controls, as the WHATWG encoding standard does. */
const CP1252_80_9F = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

export function cp1252Char(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? CP1252_80_9F[byte - 0x80] : String.fromCharCode(byte);
}

function decodeCp1252(buf: Buffer): string {
  const latin1 = buf.toString("latin1");
  return /[\x80-\x9f]/.test(latin1) ? latin1.replace(/[\x80-\x9f]/g, (c) => cp1252Char(c.charCodeAt(0))) : latin1;
}

/** The length of the valid UTF-8 sequence starting at i (RFC 3629: no overlong forms, no
 *  surrogates, nothing past U+10FFFF), or 0 when the byte there does not start one. */
function utf8Length(b: Buffer, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number) => i + k < b.length && (b[i + k] & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const c1 = b[i + 1];
    if (!cont(1) || !cont(2) || (c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return 0;
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const c1 = b[i + 1];
    if (!cont(1) || !cont(2) || !cont(3) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return 0;
    return 4;
  }
  return 0;
}

export function decodeText(buf: Buffer): DecodedText {
  const plain = (text: string, encoding: Encoding): DecodedText => ({ text, encoding, stray: [] });
  if (buf[0] === 0xff && buf[1] === 0xfe) return plain(new TextDecoder("utf-16le").decode(buf.subarray(2)), "utf-16le");
  if (buf[0] === 0xfe && buf[1] === 0xff) return plain(new TextDecoder("utf-16be").decode(buf.subarray(2)), "utf-16be");
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let multibyte = bom > 0 ? 1 : 0;
  const bad: number[] = [];
  for (let i = bom; i < buf.length; ) {
    if (buf[i] < 0x80) {
      i++;
      continue;
    }
    const len = utf8Length(buf, i);
    if (len === 0) {
      bad.push(i);
      i++;
    } else {
      multibyte++;
      i += len;
    }
  }
  const body = buf.subarray(bom);
  if (bad.length === 0) return plain(body.toString("utf8"), "utf-8");
  // Binary: let the CSV reader say so, rather than dress it up as Windows-1252 text.
  if (buf.includes(0)) return plain(body.toString("utf8"), "utf-8");
  if (multibyte === 0) return plain(decodeCp1252(buf), "windows-1252");
  return mixed(buf, bom, bad);
}

/** UTF-8 text with a few bytes that are not: those read as Windows-1252, each one recorded. */
function mixed(buf: Buffer, start: number, bad: number[]): DecodedText {
  const parts: string[] = [];
  const stray: StrayByte[] = [];
  let length = 0;
  let from = start;
  for (const at of bad) {
    const run = buf.toString("utf8", from, at);
    parts.push(run);
    length += run.length;
    const ch = cp1252Char(buf[at]);
    stray.push({ at: length, byte: buf[at] });
    parts.push(ch);
    length += ch.length;
    from = at + 1;
  }
  parts.push(buf.toString("utf8", from));
  return { text: parts.join(""), encoding: "utf-8", stray };
}

/**
 * The spreadsheet row (header = 1, as the CSV reader numbers them) of each position in `text`:
 * line breaks inside quotes stay in their cell, and an Excel `sep=` first line is not a row.
 */
export function rowsAt(text: string, positions: number[]): number[] {
  const sepLine = /^\ufeff?sep=[,;\t][ \t]*(\r\n|\n|\r)/i.test(text.slice(0, 12));
  const out: number[] = [];
  let row = sepLine ? 0 : 1;
  let inQuotes = false;
  let k = 0;
  for (let i = 0; i < text.length && k < positions.length; i++) {
    while (k < positions.length && positions[k] === i) {
      out.push(row);
      k++;
    }
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10))) row++;
  }
  while (out.length < positions.length) out.push(row);
  return out;
}

/** The cell text around a position (to the nearest delimiter, quote or line break), for messages. */
export function cellAround(text: string, at: number): string {
  const stop = /[,;\t"\r\n]/;
  let a = at;
  let b = at + 1;
  while (a > 0 && at - a < 30 && !stop.test(text[a - 1])) a--;
  while (b < text.length && b - at < 30 && !stop.test(text[b])) b++;
  return text.slice(a, b).trim();
}
