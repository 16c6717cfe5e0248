/**
 * Adding a sheet is one definition and one registry line: a throwaway definition
 * (test/helpers/throwaway-sheet.ts), handed with the registry's sheets to the functions that take
 * the list, shows up in the CLI (a command, the overview, its --help), `clinpay demo`, the sheet
 * marks and "Insert sample data", with no other edit. (The pane's builder list, pickers and fields:
 * test/browser/throwaway-pane.test.ts.)
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { main } from "../../../src/cli/main";
import { commandsFor } from "../../../src/cli/commands";
import { SAMPLES_DIR } from "../../../src/cli/commands/demo";
import type { CliIO } from "../../../src/cli/command";
import { SHEETS, parseSheetMark, sampleTables } from "../../../src/sheets/registry";
import { planSheet, sampleTableOf } from "../../../src/sheets/definition";
import { insertSamples } from "../../../src/taskpane/samples";
import { sampleData } from "../../../src/taskpane/sample-data";
import { parseCsv } from "../../../src/core/csv";
import { FakeWorkbook } from "../../helpers/fake-workbook";
import { DEMO_TOTAL, WIDGETS_CSV, WIDGETS_FILE, throwawaySheet } from "../../helpers/throwaway-sheet";

const sheets = [...SHEETS, throwawaySheet];
let dir: string;
/** A samples folder: the bundled files and the throwaway's. */
let samples: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-throwaway-"));
  samples = path.join(dir, "samples");
  fs.mkdirSync(samples);
  for (const f of fs.readdirSync(SAMPLES_DIR)) fs.copyFileSync(path.join(SAMPLES_DIR, f), path.join(samples, f));
  fs.writeFileSync(path.join(samples, WIDGETS_FILE), WIDGETS_CSV);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function clinpay(argv: string[], commands = commandsFor(sheets, samples)): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), progress: () => undefined };
  const code = await main(argv, io, commands);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The sheet mark in a written workbook's workbook.xml (the first sheet's). */
async function markOf(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file("xl/workbook.xml")!.async("string");
  return /<definedName name="ClinPay\.kind" localSheetId="0">([^<]*)<\/definedName>/.exec(xml)![1].replace(/&quot;/g, '"');
}

describe("a sheet definition handed to the list shows up everywhere", () => {
  test("the CLI: listed in the overview, a command with its own --help", async () => {
    const overview = await clinpay(["--help"]);
    expect(overview.code).toBe(0);
    expect(overview.out).toMatch(/^ {2}widgets +Widget Count: a sheet that exists only in a test$/m);
    for (const s of SHEETS) expect(overview.out).toContain(`  ${s.command.name.padEnd(10)} ${s.command.summary}`);

    const help = await clinpay(["widgets", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("usage: clinpay widgets --widgets FILE [--price N] -o OUT.xlsx");
    expect(help.out).toMatch(/--widgets FILE +the widgets table, \.csv or \.xlsx \(widget, count\) \(required\)/);
    expect(help.out).toMatch(/--price NUMBER +type what one widget costs, e\.g\. 2\.50 \(blank: 1\)/);

    // The registry's own CLI has no such command: the list handed in is what made it.
    expect((await clinpay(["widgets", "--help"], commandsFor())).code).toBe(2);
  });

  test("the CLI builds it: its summary, and a workbook marked with the definition's kind", async () => {
    const out = path.join(dir, "widgets.xlsx");
    const r = await clinpay(["widgets", "--widgets", path.join(samples, WIDGETS_FILE), "--price", "2.50", "-o", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Widgets 7, cost ${DEMO_TOTAL}`);
    const mark = await markOf(out);
    expect(mark).toBe('"widget-count"');
    // The marks come from the list too: the registry's own list does not know this kind.
    expect(parseSheetMark(mark, sheets)).toBe("widget-count");
    expect(parseSheetMark(mark)).toBeUndefined();
  });

  test("a bad assumption is said by its flag, as for the registry's sheets", async () => {
    const r = await clinpay(["widgets", "--widgets", path.join(samples, WIDGETS_FILE), "--price", "-3", "-o", path.join(dir, "never.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--price.*cannot be negative/);
    expect(fs.existsSync(path.join(dir, "never.xlsx"))).toBe(false);
  });

  test("clinpay demo writes its workbook and prints its heading and summary, after the registry's sheets", async () => {
    const out = path.join(dir, "demo");
    const r = await clinpay(["demo", "-o", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(sheets.map((s) => s.demo.file).sort());
    expect(r.out).toContain(`${throwawaySheet.demo.heading}\n\nWidgets 7, cost ${DEMO_TOTAL}`);
    expect(r.out.indexOf(throwawaySheet.demo.heading)).toBeGreaterThan(r.out.indexOf(SHEETS[SHEETS.length - 1].demo.heading));
    expect(await markOf(path.join(out, "widget-count.xlsx"))).toBe('"widget-count"');
  }, 120_000);

  test("Insert sample data adds its table, headed for it, beside the registry's, none overlapping", async () => {
    const tables = sampleTables(sheets);
    expect(tables.map((t) => t.name)).toEqual([...sampleTables().map((t) => t.name), "ClinPayWidgets"]);
    expect(tables[tables.length - 1]).toEqual({ name: "ClinPayWidgets", file: "widgets.csv", label: "Widgets", heading: "Widgets (for Widget Count)" });
    expect(sampleTableOf(throwawaySheet, throwawaySheet.inputs[0])).toBe("ClinPayWidgets");

    const wb = new FakeWorkbook(["Sheet1"]);
    const read = async (file: string) => sampleData(parseCsv(fs.readFileSync(path.join(samples, file), "utf8"), file));
    const outcome = await insertSamples(wb, () => undefined, tables, read);
    expect(outcome).toEqual({ inserted: true, tables: tables.map((t) => t.name) });
    const widgets = wb.tables.find((t) => t.name === "ClinPayWidgets")!;
    expect(widgets.values).toEqual([["widget", "count"], ["sprocket", 3], ["gizmo", 4]]);
    const sheet = wb.sheets.find((s) => s.name === "ClinPay samples")!;
    expect(sheet.cells.get(widgets.row - 1)?.get(widgets.col)).toEqual({ v: "Widgets (for Widget Count)" });

    // Each table with its heading row above it is a rectangle; no two share a cell.
    const rects = wb.tables.map((t) => ({ name: t.name, top: t.row - 1, bottom: t.row + t.values.length - 1, left: t.col, right: t.col + t.values[0].length - 1 }));
    for (const a of rects) {
      for (const b of rects) {
        if (a === b) continue;
        const overlap = a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
        expect(overlap ? `${a.name} overlaps ${b.name}` : "").toBe("");
      }
    }
  });

  test("planSheet marks the plan with the definition's kind, whatever its plan module wrote", async () => {
    const built = await planSheet(throwawaySheet, { tables: { widgets: { source: "w.csv", headers: ["widget", "count"], rows: [["a", "2"]] } }, fields: {}, builtAt: new Date() });
    expect(built.plan.kind).toBe("widget-count");
    expect(built.detail).toBe("2 widgets");
  });
});
