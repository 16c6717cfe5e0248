/** CSV bytes → text: which encoding, and where the bytes that are not UTF-8 sit in a UTF-8 file. */
import { cellAround, cp1252Char, decodeText, rowsAt } from "../../../src/cli/text-encoding";

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("decodeText", () => {
  test("UTF-8, with and without a BOM", () => {
    expect(decodeText(bytes("a,b\nMüller,1\n"))).toEqual({ text: "a,b\nMüller,1\n", encoding: "utf-8", stray: [] });
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], "a,b\n"))).toEqual({ text: "a,b\n", encoding: "utf-8", stray: [] });
  });

  test("UTF-16 with a BOM, little- and big-endian", () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a\tb\né\n", "utf16le")])).text).toBe("a\tb\né\n");
    const be = Buffer.from("a\tb\n", "utf16le").swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ text: "a\tb\n", encoding: "utf-16be", stray: [] });
  });

  test("no UTF-8 sequence at all: Windows-1252, its 0x80-0x9F characters included", () => {
    // M\xFCller, \x80 (euro), \x93quoted\x94
    expect(decodeText(bytes("a\nM", [0xfc], "ller ", [0x80], " ", [0x93], "q", [0x94], "\n"))).toEqual({ text: "a\nMüller € “q”\n", encoding: "windows-1252", stray: [] });
  });

  test("UTF-8 with stray bytes: each read as its Windows-1252 character, its place in the text recorded", () => {
    const d = decodeText(bytes("h\nDr Müller\nvid", [0xe9], "o,", [0x92], "s\n"));
    expect(d.text).toBe("h\nDr Müller\nvidéo,’s\n");
    expect(d.encoding).toBe("utf-8");
    expect(d.stray).toEqual([
      { at: 15, byte: 0xe9 },
      { at: 18, byte: 0x92 },
    ]);
    expect(d.text[15]).toBe("é");
    expect(d.text[18]).toBe("’");
  });

  test("overlong forms and surrogates are not UTF-8", () => {
    // C0 80 (overlong NUL), ED A0 80 (a surrogate): five stray bytes beside one real é
    const d = decodeText(bytes("é", [0xc0, 0x80], [0xed, 0xa0, 0x80]));
    expect(d.stray.map((s) => s.byte)).toEqual([0xc0, 0x80, 0xed, 0xa0, 0x80]);
  });

  test("binary (NUL bytes) is left for the CSV reader to call binary", () => {
    expect(decodeText(bytes("é", [0x00, 0xff])).stray).toEqual([]);
  });

  test("cp1252Char: the five bytes Windows-1252 leaves undefined are C1 controls", () => {
    expect([0x80, 0x81, 0x8d, 0x9f, 0xa0, 0xff].map(cp1252Char)).toEqual(["€", "\u0081", "\u008d", "Ÿ", "\u00a0", "ÿ"]);
  });
});

describe("rowsAt and cellAround", () => {
  test("rows as the CSV reader numbers them: quoted line breaks stay in their cell, CRLF is one break", () => {
    const text = 'h1,h2\r\n"two\nlines",x\r\nlast,é\n';
    expect(rowsAt(text, [0, text.indexOf("x"), text.indexOf("é")])).toEqual([1, 2, 3]);
  });

  test("an Excel sep= line is not a row", () => {
    const text = "sep=;\nh1;h2\na;é\n";
    expect(rowsAt(text, [text.indexOf("é")])).toEqual([2]); // h1;h2 is row 1
  });

  test("cellAround: the cell's text, to its delimiters", () => {
    const text = 'a,"Dr Müller, MD",vidéo link failed,x';
    expect(cellAround(text, text.indexOf("é"))).toBe("vidéo link failed");
    expect(cellAround(text, text.indexOf("ü"))).toBe("Dr Müller");
  });
});
