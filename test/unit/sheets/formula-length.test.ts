/**
 * Issue 18, family 5: no formula longer than Excel's 8,192 characters, by construction. Every
 * registered sheet is built at the largest input it accepts (test/helpers/largest-inputs.ts), its
 * data sheets named as long as Excel allows, and every formula of the sheet and its data sheets is
 * measured — with the lint that every plan passes (src/sheets/lint.ts), and the renderers' own
 * check (checkPlanFits), which refuses a plan that would write one.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { buildFromFlags } from "../../../src/cli/sheet-command";
import { SHEETS } from "../../../src/sheets/registry";
import { lintFormulas } from "../../../src/sheets/lint";
import { renameSheetRefs } from "../../../src/sheets/a1";
import { EXCEL_FORMULA_CHARS, checkPlanFits, isFormula, sheetsOf, type SheetPlan } from "../../../src/sheets/plan";
import type { CliIO } from "../../../src/cli/command";
import type { ParsedFlags } from "../../../src/cli/args";
import { LONGEST_SHEET_NAME, largestInputs } from "../../helpers/largest-inputs";
import { MAX_OFFERS } from "../../../src/core/limits";

const io: CliIO = { out: () => undefined, err: () => undefined, progress: () => undefined };

/** The longest formula of a plan and its data sheets, with every data sheet renamed to the longest name Excel allows. */
function longest(plan: SheetPlan): { chars: number; at: string } {
  let best = { chars: 0, at: "" };
  for (const sheet of sheetsOf(plan)) {
    for (const b of sheet.blocks)
      b.cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!isFormula(cell)) return;
          const f = (plan.dataSheets ?? []).reduce((text, d) => renameSheetRefs(text, d.name, LONGEST_SHEET_NAME), cell.f);
          if (f.length > best.chars) best = { chars: f.length, at: `${sheet.name}!R${b.row + r + 1}C${b.col + c + 1}` };
        })
      );
  }
  return best;
}

let dir: string;
let flags: Record<string, ParsedFlags>;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-largest-"));
  flags = await largestInputs(dir);
});
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test.each(SHEETS.map((d) => [d.kind, d] as const))("%s at its largest input: no formula past 8,192 characters", async (kind, def) => {
  const given = flags[kind];
  if (!given) throw new Error(`${kind} has no largest input in test/helpers/largest-inputs.ts: add the input that makes its formulas longest`);
  const { plan } = await buildFromFlags(def, given, io, new Date(Date.UTC(2026, 11, 31)));
  const worst = longest(plan);
  // Far below the limit, not just under it: no formula may grow with the input's rows.
  expect({ kind, ...worst, under: worst.chars < EXCEL_FORMULA_CHARS / 2 }).toEqual({ kind, ...worst, under: true });
  expect(lintFormulas(plan)).toEqual([]);
  expect(() => checkPlanFits(plan)).not.toThrow();
}, 120000);

test("the offers are at the row limit, and the logs outnumber what their tables list", async () => {
  const offers = (await fs.readFile(String(flags["offer-comparison"].offers), "utf8")).trim().split("\n");
  expect(offers).toHaveLength(1 + MAX_OFFERS);
  const log = await fs.readFile(String(flags["rvu-leakage"].appointments), "utf8");
  const reasons = new Set(log.split("\n").slice(1).map((l) => l.split('"')[1]).filter(Boolean));
  expect(reasons.size).toBeGreaterThan(300);
});
