import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { readTable } from "../../../src/cli/read";
import { InputError } from "../../../src/core/table";
import { parseOffers } from "../../../src/core/inputs/offers";
import { parseAppointments } from "../../../src/core/inputs/logs";
import type { Problem } from "../../../src/core/inputs/types";

const fixtures = path.join(__dirname, "../../fixtures/inputs");
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-read-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function problemsOf(p: Promise<unknown>): Promise<Problem[]> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.problems;
  }
  throw new Error("expected an InputError");
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("readTable: CSV", () => {
  test("reads a CSV fixture with the path as its source", async () => {
    const file = path.join(fixtures, "offers-good.csv");
    const t = await readTable(file);
    expect(t.source).toBe(file);
    expect(t.headers[0]).toBe("Offer");
    expect(t.rows).toHaveLength(3);
    expect(parseOffers(t).map((o) => o.offer)).toEqual(["Clinic A", "Telehealth B", "RVU Group"]);
  });

  test("semicolon fixture keeps its decimal-comma flag", async () => {
    const t = await readTable(path.join(fixtures, "offers-semicolon.csv"));
    expect(t.decimalComma).toBe(true);
    expect(parseOffers(t)[0].noShowRate).toBe(0.15);
  });

  test("Windows-1252 text (Excel's plain CSV) and UTF-16 text (Excel's Unicode Text) decode", async () => {
    const cp1252 = Buffer.concat([Buffer.from("offer,units_per_hour,paid_hours_per_week\nClinique "), Buffer.from([0xe9]), Buffer.from(",3,32\n")]);
    const t1 = await readTable(write("latin.csv", cp1252));
    expect(t1.rows[0][0]).toBe("Clinique é");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("offer\tunits_per_hour\tpaid_hours_per_week\r\nSüd\t3\t32\r\n", "utf16le")]);
    const t2 = await readTable(write("unicode.txt", utf16));
    expect(t2.headers).toEqual(["offer", "units_per_hour", "paid_hours_per_week"]);
    expect(t2.rows[0][0]).toBe("Süd");
  });

  test("a CSV-shaped .txt is read; a .txt of prose is not", async () => {
    const ok = await readTable(write("offers.txt", "offer,units_per_hour\nA,3\n"));
    expect(ok.headers).toEqual(["offer", "units_per_hour"]);
    const problems = await problemsOf(readTable(write("letter.txt", "Dear doctor\nPlease find attached.\n")));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/does not look like a table.*\.csv.*\.xlsx/);
  });

  test("a missing file is a problem naming it", async () => {
    const file = path.join(dir, "nope.csv");
    const problems = await problemsOf(readTable(file));
    expect(problems).toEqual([expect.objectContaining({ source: file, row: 0 })]);
    expect(problems[0].message).toMatch(/file not found/);
  });

  test("a folder is a problem", async () => {
    const problems = await problemsOf(readTable(dir));
    expect(problems[0].message).toMatch(/folder/);
  });

  test("a PDF, an old .xls and a binary file are problems that say what to supply", async () => {
    const pdf = await problemsOf(readTable(write("offers.csv.pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")));
    expect(pdf[0].message).toMatch(/is a PDF.*\.csv.*\.xlsx/);
    const xls = await problemsOf(readTable(write("old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]))));
    expect(xls[0].message).toMatch(/old-style \.xls/);
    const bin = await problemsOf(readTable(write("image.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))));
    expect(bin[0].message).toMatch(/binary/);
  });

  test("a first line wider than an Excel sheet (16,385 columns) is refused before it is parsed; 16,384 are read", async () => {
    const header = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(",");
    const wide = await problemsOf(readTable(write("wide.csv", `${header(16_385)}\n${"1,".repeat(16_384)}1\n`)));
    expect(wide[0].message).toMatch(/^its first line has 16,385 columns, and a table holds at most 16,384/);
    // A comma inside quotes is no column.
    const quoted = await readTable(write("quoted.csv", `"${",".repeat(20_000)}",b\nx,y\n`));
    expect(quoted.headers).toEqual([",".repeat(20_000), "b"]);
    expect((await readTable(write("widest.csv", `${header(16_384)}\n`))).headers).toHaveLength(16_384);
  });
});

describe("readTable: XLSX", () => {
  let file: string;
  beforeAll(async () => {
    const buf = await workbook((wb) => {
      const notes = wb.addWorksheet("Notes");
      notes.getCell("B4").value = "Offer";
      notes.getCell("C4").value = { richText: [{ text: "Units " }, { text: "per hour" }] };
      notes.getCell("D4").value = "Paid hours per week";
      notes.getCell("E4").value = "No-show rate";
      notes.getCell("F4").value = "advertised_annual";
      notes.getRow(5).values = [null, { text: "Clinic A", hyperlink: "https://example.com" }, 3, { formula: "30+2", result: 32 }, 0.15, null] as ExcelJS.CellValue[];
      notes.getRow(6).values = [null, "Clinic B", 15, 40, 15, { formula: "1/0", result: { error: "#DIV/0!" } }] as ExcelJS.CellValue[];
      notes.getCell("H6").value = "a note beside the table";
      const data = wb.addWorksheet("Log");
      data.getCell("A1").value = "Some title above";
      data.addTable({
        name: "Appointments",
        ref: "B3",
        headerRow: true,
        totalsRow: true,
        columns: [{ name: "date", totalsRowLabel: "Total" }, { name: "status" }, { name: "code" }, { name: "wrvu", totalsRowFunction: "sum" }],
        rows: [
          [new Date(Date.UTC(2025, 0, 1)), "completed", 99214, 1.92],
          [new Date(Date.UTC(2025, 0, 2)), "No Show", "g2211", null],
        ],
      });
    });
    file = write("book.xlsx", buf);
  });

  test("first sheet: the header is the first non-empty row; values normalised", async () => {
    const t = await readTable(file);
    expect(t.source).toBe(`${file} [Notes]`);
    expect(t.headerRow).toBe(4);
    // The table spans every column used in its first 30 rows (a title in A1 must not narrow it), so the note in H6 widens it.
    expect(t.headers).toEqual(["Offer", "Units per hour", "Paid hours per week", "No-show rate", "advertised_annual", "", ""]);
    expect(t.rows[0]).toEqual(["Clinic A", 3, 32, 0.15, null, null, null]);
    expect(t.rows[1]).toEqual(["Clinic B", 15, 40, 15, "#DIV/0!", null, "a note beside the table"]);
  });

  test("problems from a sheet name the sheet and its real row numbers", async () => {
    const t = await readTable(file);
    let problems: Problem[] = [];
    try {
      parseOffers(t);
    } catch (e) {
      problems = (e as InputError).problems;
    }
    expect(problems.map((p) => [p.source, p.row, p.column, p.value])).toEqual([
      [`${file} [Notes]`, 6, "no_show_rate", "15"],
      [`${file} [Notes]`, 6, "advertised_annual", "#DIV/0!"],
    ]);
  });

  test("a named Excel table, wherever it is, without its totals row", async () => {
    const t = await readTable(file, "appointments");
    expect(t.source).toBe(`${file} [Appointments]`);
    expect(t.headerRow).toBe(3);
    expect(t.headers).toEqual(["date", "status", "code", "wrvu"]);
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0][0]).toBeInstanceOf(Date);
    const appts = parseAppointments(t);
    expect(appts.map((a) => [a.row, a.date, a.status, a.code, a.wrvu])).toEqual([
      [4, 45658, "completed", "99214", 1.92],
      [5, 45659, "no_show", "G2211", null],
    ]);
  });

  test("a sheet of the given name when no table has it; the first sheet when neither", async () => {
    expect((await readTable(file, "Log")).source).toBe(`${file} [Log]`);
    // The title's row is read as the header row here (B3's table is found by the export reader's own header search), spanning columns A-E.
    expect((await readTable(file, "Log")).headers).toEqual(["Some title above", "", "", "", ""]);
    expect((await readTable(file, "Offers")).source).toBe(`${file} [Notes]`);
  });

  test("an empty first sheet gives an empty table (reported by the parser)", async () => {
    const empty = write("empty.xlsx", await workbook((wb) => wb.addWorksheet("Sheet1")));
    const t = await readTable(empty);
    expect(t.headers).toEqual([]);
    let problems: Problem[] = [];
    try {
      parseOffers(t);
    } catch (e) {
      problems = (e as InputError).problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/is empty/);
  });

  test("a truncated workbook and a fake .xlsx are problems, not crashes", async () => {
    const whole = fs.readFileSync(file);
    const cut = write("cut.xlsx", whole.subarray(0, Math.floor(whole.length / 2)));
    const problems = await problemsOf(readTable(cut));
    expect(problems).toEqual([expect.objectContaining({ source: cut, row: 0 })]);
    expect(problems[0].message).toMatch(/could not be opened as an Excel workbook/);
    const fake = await problemsOf(readTable(write("fake.xlsx", "offer,units\nA,1\n")));
    expect(fake[0].message).toMatch(/not a readable Excel workbook/);
  });
});
