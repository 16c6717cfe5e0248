/**
 * The built workbooks open cleanly in Excel: every part of every sheet `clinpay demo` writes, and
 * of an export-shaped build, is valid against the ECMA-376 schemas (../shared/ooxml-xsd).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import type { CliIO } from "../../src/cli/command";
import { SHEETS } from "../../src/sheets/registry";
import { haveSchemas, schemaProblems, stripIgnorable } from "../helpers/ooxml-schema";

const quiet: CliIO = { out: () => undefined, err: () => undefined, progress: () => undefined };
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-ooxml-"));
});
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test("markup compatibility is stripped as a consumer would ignore it", () => {
  const xml = '<r xmlns:mc="m" mc:Ignorable="x14ac" xmlns:x14ac="a"><c x14ac:dyDescent="5" xml:space="preserve"/><x14ac:e/><mc:AlternateContent><mc:Choice>no</mc:Choice><mc:Fallback><f/></mc:Fallback></mc:AlternateContent></r>';
  expect(stripIgnorable(xml)).toBe('<r xmlns:mc="m" xmlns:x14ac="a"><c/><f/></r>');
});

(haveSchemas() ? test : test.skip)("every part of every demo workbook and an export-shaped build is schema-valid", async () => {
  expect(await main(["demo", "-o", dir], quiet)).toBe(0);
  const epic = path.join(dir, "epic.xlsx");
  const fixture = path.resolve(__dirname, "../fixtures/exports/epic-cadence.csv");
  expect(await main(["leakage", "--appointments", fixture, "--provider", "all", "-o", epic], quiet)).toBe(0);
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith(".xlsx")).map((f) => path.join(dir, f));
  expect(files.map((f) => path.basename(f)).sort()).toEqual([...SHEETS.map((d) => d.demo.file), "epic.xlsx"].sort());
  const problems = (await Promise.all(files.map(schemaProblems))).flat();
  expect(problems).toEqual([]);
});
