/**
 * The .xlsx reader on packages written part by part (test/hostile/corpus.ts): each cell type as
 * the standard spells it, what a cell's text leaves out, formulas without a cached value, and
 * what makes a file damaged. Expected values are worked out by hand.
 */
import { readWorkbook, MAX_TABLE_CELLS, TooManyCells } from "../../../../src/cli/xlsx/workbook";
import { DamagedWorkbook } from "../../../../src/cli/xlsx/zip";
import { xlsxPackage } from "../../../hostile/corpus";

const read = async (sheetData: string, extra: Parameters<typeof xlsxPackage>[0] = { rows: [] }) => readWorkbook(await xlsxPackage({ ...extra, sheetData }), "f.xlsx");
const row = (r: number, cells: string) => `<row r="${r}">${cells}</row>`;
const HEADER = row(1, '<c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c>');

test("every cell type: shared and inline strings, numbers, booleans, errors, a formula's string result", async () => {
  const t = await read(
    HEADER +
      row(2, '<c r="A2" t="s"><v>0</v></c><c r="B2"><v>1.5e3</v></c>') +
      row(3, '<c r="A3" t="b"><v>1</v></c><c r="B3" t="b"><v>0</v></c>') +
      row(4, '<c r="A4" t="e"><v>#N/A</v></c><c r="B4" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>'),
    { rows: [], sharedStrings: "<si><t>shared</t></si>" }
  );
  expect(t.headers).toEqual(["a", "b"]);
  expect(t.rows).toEqual([
    ["shared", 1500],
    [true, false],
    ["#N/A", "xy"],
  ]);
});

test("a cell's text: rich-text runs joined, phonetic guides (rPh) left out, _x000D_ and _x005F_ decoded", async () => {
  const t = await read(HEADER + row(2, '<c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c>'), {
    rows: [],
    sharedStrings: "<si><r><t>Dr </t></r><r><rPr><b/></rPr><t>Sato</t></r><rPh sb=\"0\" eb=\"1\"><t>さとう</t></rPh></si><si><t>line_x000D_two _x005F_x0041_</t></si>",
  });
  expect(t.rows).toEqual([["Dr Sato", "line\rtwo _x0041_"]]);
});

test("formulas without a cached value are recorded, a shared formula's followers by the master's text", async () => {
  const t = await read(
    HEADER + row(2, '<c r="A2"><f t="shared" ref="A2:A3" si="0">B2*2</f></c><c r="B2"><v>3</v></c>') + row(3, '<c r="A3"><f t="shared" si="0"/></c><c r="B3"><f>1+1</f><v>2</v></c>')
  );
  expect(t.rows).toEqual([
    [null, 3],
    [null, 2],
  ]);
  expect(t.uncalculated).toEqual([
    { row: 0, col: 0, formula: "=B2*2" },
    { row: 1, col: 0, formula: "=B2*2" },
  ]);
});

test("rows without r follow the one before; a row without r takes its number from its first cell's", async () => {
  const t = await read(HEADER + '<row><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c></row>' + '<row><c r="A5"><v>5</v></c></row>' + "<row><c><v>6</v></c></row>");
  expect(t.rows).toEqual([
    ["x", 1],
    [null, null],
    [null, null],
    [5, null],
    [6, null],
  ]);
});

test("rows out of order, a cell past XFD and a shared string that is not there: damaged", async () => {
  await expect(read(HEADER + row(3, '<c r="A3"><v>1</v></c>') + row(2, '<c r="A2"><v>1</v></c>'))).rejects.toThrow(DamagedWorkbook);
  await expect(read(HEADER + row(2, '<c r="XFE2"><v>1</v></c>'))).rejects.toThrow(DamagedWorkbook);
  await expect(read(HEADER + row(2, '<c r="A2" t="s"><v>7</v></c>'))).rejects.toThrow(DamagedWorkbook);
});

test(`a table is kept to ${MAX_TABLE_CELLS.toLocaleString("en-US")} cells: a header 16,384 wide over empty rows stops`, async () => {
  const wide = Array.from({ length: 16_384 }, (_, i) => `<c t="inlineStr"><is><t>h${i}</t></is></c>`).join("");
  // One row holding a cell far down makes every row between count as a (blank) row.
  const sheet = `<row r="1">${wide}</row><row r="1048576"><c r="A1048576"><v>1</v></c></row>`;
  const e = await read(sheet).catch((x) => x);
  expect(e).toBeInstanceOf(TooManyCells);
  expect((e as TooManyCells).cols).toBe(16_384);
});
