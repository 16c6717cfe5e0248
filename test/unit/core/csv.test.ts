import * as fs from "fs";
import { problemsOf } from "../../helpers/expect-error";
import * as path from "path";
import fc from "fast-check";
import { detectDelimiter, parseCsv } from "../../../src/core/csv";
import { InputError } from "../../../src/core/table";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../../fixtures/inputs", name), "utf8");


describe("parseCsv", () => {
  test("plain comma file: trimmed headers, string cells, header row 1", () => {
    const t = parseCsv(" a , b ,c\n1,2,3\nx,,z\n", "t.csv");
    expect(t).toEqual({ source: "t.csv", headers: ["a", "b", "c"], rows: [["1", "2", "3"], ["x", "", "z"]], headerRow: 1, delimiter: ",", decimalCommaSeen: false });
    expect(t.decimalComma).toBeUndefined();
  });

  test("quoted commas, doubled quotes and quoted newlines stay in one cell", () => {
    const t = parseCsv('name,note\n"Smith, Jo","said ""hi"""\n"two\nlines","a\r\nb"\n', "q.csv");
    expect(t.rows).toEqual([
      ["Smith, Jo", 'said "hi"'],
      ["two\nlines", "a\r\nb"],
    ]);
  });

  test("an empty quoted cell and a quoted cell at end of file without newline", () => {
    expect(parseCsv('a,b\n"","x"', "e.csv").rows).toEqual([["", "x"]]);
  });

  test("CRLF, LF and CR line endings give the same table", () => {
    const expected = [["1", "2"], ["3", "4"]];
    for (const nl of ["\r\n", "\n", "\r"]) {
      const t = parseCsv(["a,b", "1,2", "3,4", ""].join(nl), "x");
      expect(t.headers).toEqual(["a", "b"]);
      expect(t.rows).toEqual(expected);
    }
  });

  test("line endings mixed in one file (exports pasted together) still end rows; a quoted CRLF stays in its cell", () => {
    const t = parseCsv('a,b\r\n1,2\n3,4\r5,"x\r\ny"\n', "mixed.csv");
    expect(t.rows).toEqual([["1", "2"], ["3", "4"], ["5", "x\r\ny"]]);
  });

  test("text after a closing quote (\"a\"b) is refused at its row and column, not guessed", () => {
    const problems = problemsOf(() => parseCsv('name,note\nSmith,ok\nJones,"said"so,x\n', "q.csv"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ source: "q.csv", row: 3, column: "note" });
    expect(problems[0].message).toMatch(/not where CSV allows one/);
  });

  test("strips a UTF-8 BOM from the first header (fixture)", () => {
    const t = parseCsv(fixture("offers-bom.csv"), "offers-bom.csv");
    expect(t.headers[0]).toBe("offer");
    expect(t.rows).toEqual([["Clinic A", "3", "32"]]);
  });

  test("detects ; and tab delimiters from the header, not from data", () => {
    expect(parseCsv("a;b;c\n1,5;2;3\n", "s").rows).toEqual([["1,5", "2", "3"]]);
    expect(parseCsv("a\tb\n1,2\t3\n", "t").rows).toEqual([["1,2", "3"]]);
    // Commas inside a quoted header cell do not count.
    expect(detectDelimiter('"a, b, c";d;e\n1,2,3,4,5,6')).toBe(";");
    expect(detectDelimiter("only\n1,2,3")).toBe(",");
  });

  test("the delimiter is judged over the first lines, so title rows and decimal commas do not hide a semicolon file", () => {
    // Title rows hold no delimiter; "1,92" and "99214, G2211" put commas in some lines, never the same number on each.
    const text = "Report: Visits\nGenerated 2026-07-01\n\nDatum;Status;CPT;wRVU;Arzt\n06/01/2026;Completed;99214;1,92;Dr A\n13/01/2026;No Show;99213;1,30;Dr A\n14/01/2026;Completed;99214, G2211;;Dr A\nTotal;;;3,22;\n";
    expect(detectDelimiter(text)).toBe(";");
    const t = parseCsv(text, "eu.csv");
    expect(t.decimalComma).toBe(true);
    // A comma file whose cells hold a semicolon now and then stays a comma file.
    expect(detectDelimiter("Title\ndate,reason,code\n2026-01-02,late; sick,99213\n2026-01-03,ok,99214\n2026-01-04,fine,99214\n")).toBe(",");
  });

  test("a ;-delimited file records the decimal-comma convention; , files do not, tab files do unless their numbers use dots", () => {
    expect(parseCsv("a;b\n0,15;1\n", "s").decimalComma).toBe(true);
    expect(parseCsv("a,b\n1,2\n", "c").decimalComma).toBeUndefined();
    // SPEC §2: decimal commas in any file not delimited by commas, unless its numbers show dot decimals.
    expect(parseCsv("a\tb\n1\t2\n", "t").decimalComma).toBe(true);
    expect(parseCsv("a\tb\n1.92\t$1,200\n", "t").decimalComma).toBeUndefined();
    expect(parseCsv("a\tb\n1,92\t2\n", "t")).toMatchObject({ decimalComma: true, decimalCommaSeen: true, delimiter: "\t" });
  });

  test("semicolon fixture: quoted ; in a cell, decimal commas kept as text", () => {
    const t = parseCsv(fixture("offers-semicolon.csv"), "offers-semicolon.csv");
    expect(t.headers).toHaveLength(6);
    expect(t.rows[0]).toEqual(["Klinik Nord", "1.234,5", "2,5", "32", "0,15", "46,5"]);
    expect(t.rows[1][0]).toBe("Praxis; Süd");
  });

  test("an Excel sep= line picks the delimiter and is not a row", () => {
    const t = parseCsv("sep=;\na;b\n1;2\n", "s");
    expect(t.headers).toEqual(["a", "b"]);
    expect(t.headerRow).toBe(1);
    expect(t.decimalComma).toBe(true);
  });

  test("trailing blank lines are dropped; blank lines in the middle keep row numbering", () => {
    const t = parseCsv("a,b\n1,2\n\n3,4\n\n\n,\n", "x");
    expect(t.rows).toEqual([["1", "2"], [""], ["3", "4"]]);
  });

  test("blank lines before the header move headerRow", () => {
    const t = parseCsv("\n,,\nh1,h2\n1,2\n", "x");
    expect(t.headerRow).toBe(3);
    expect(t.headers).toEqual(["h1", "h2"]);
  });

  test("a delimiter at the end of a line or the file is one more empty cell", () => {
    expect(parseCsv("a,b,\n1,2,\n3,4,", "x").rows).toEqual([["1", "2", ""], ["3", "4", ""]]);
  });

  test("an empty text is an empty table (the schema reports it)", () => {
    expect(parseCsv("", "e.csv")).toMatchObject({ headers: [], rows: [] });
    expect(parseCsv(fixture("empty.csv"), "e.csv")).toMatchObject({ headers: [], rows: [] });
    expect(parseCsv("\r\n\r\n", "e.csv")).toMatchObject({ headers: [], rows: [] });
  });

  test("an unterminated quote is a problem naming the row, column and line", () => {
    const problems = problemsOf(() => parseCsv('a,b\n1,2\n3,"oops\n4,5\n', "bad.csv"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ source: "bad.csv", row: 3, column: "b" });
    expect(problems[0].message).toMatch(/never closed/);
    expect(problems[0].message).toMatch(/line 3/);
  });

  test("binary content is refused: NUL bytes, or many replacement characters", () => {
    expect(problemsOf(() => parseCsv("a,b\n1,\u00002\n", "bin.csv"))[0].message).toMatch(/binary/);
    const mangled = "%PDF-1.4\n" + "\ufffd\ufffdx\ufffd\n".repeat(50);
    expect(problemsOf(() => parseCsv(mangled, "doc.pdf"))[0]).toMatchObject({ source: "doc.pdf", row: 0 });
    // One mangled accent in a real export is not binary.
    expect(parseCsv("name,x\nJos\ufffd,1\n", "ok.csv").rows).toEqual([["Jos\ufffd", "1"]]);
  });

  test("quoted newline fixture: the record after a multi-line cell keeps its spreadsheet row", () => {
    const t = parseCsv(fixture("appointments-quoted-newline.csv"), "a.csv");
    expect(t.rows).toHaveLength(2);
    expect(t.rows[1][2]).toBe("video link failed,\npatient could not join");
    expect(t.rows[1][3]).toBe("system");
  });

  // How fast: `npm run bench` ("parseCsv, 100,000 rows × 8 columns"), never a timing assert here.
  test("100,000 rows × 8 columns parse, every row and quoted cell kept", () => {
    const line = '2025-01-06,completed,"video link failed, patient",system,99214,1.92,video,12.5\n';
    const text = "date,status,reason,cause_type,code,wrvu,visit_type,extra\n" + line.repeat(100_000);
    const t = parseCsv(text, "big.csv");
    expect(t.rows).toHaveLength(100_000);
    expect(t.rows[99_999][2]).toBe("video link failed, patient");
  });
});

// Serialise the way a careful writer would: quote any cell holding a delimiter, a quote or a
// line break (or that could be taken for an Excel "sep=" line), doubling inner quotes.
function serialise(rows: string[][], delimiter: string, newline: string): string {
  const quote = (cell: string) =>
    /[",;\t\r\n]/.test(cell) || /^sep=/i.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  return rows.map((r) => r.map(quote).join(delimiter)).join(newline) + newline;
}

describe("parseCsv round trip (property)", () => {
  const cell = fc.string({
    unit: fc.constantFrom("a", "B", "1", ".", " ", ",", ";", '"', "\n", "\r", "\t", "é", "€", "-", "="),
    maxLength: 8,
  });
  const table = fc.integer({ min: 1, max: 5 }).chain((cols) =>
    fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 8 })
  );
  const nonBlank = (r: string[]) => r.some((c) => c.trim() !== "");

  for (const delimiter of [",", ";"]) {
    test(`any table of strings survives serialising with "${delimiter}"`, () => {
      fc.assert(
        fc.property(table, fc.constantFrom("\n", "\r\n"), (rows, newline) => {
          // The header must be a real row and the table must not end in blank rows, which
          // parseCsv drops on purpose.
          fc.pre(nonBlank(rows[0]) && nonBlank(rows[rows.length - 1]));
          const t = parseCsv(serialise(rows, delimiter, newline), "p.csv");
          expect(t.headers).toEqual(rows[0].map((h) => h.trim()));
          expect(t.rows).toEqual(rows.slice(1));
          expect(t.headerRow).toBe(1);
        }),
        { numRuns: 500 }
      );
    });
  }
});
