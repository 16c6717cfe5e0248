/**
 * The size budget for every script the add-in ships (scripts/bench/budget.json), checked against
 * the production build in dist/ (npm test's pretest builds it). functions.js loads at every Excel
 * start, in the shared runtime and alone in the JS-only one, so bytes there are start-up time for
 * every user; a new chunk must get a budget before it ships. Each registered sheet's plan module is
 * a chunk of its own (dist/sheet-<kind>.js, loaded on its first Build), under one shared budget.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { SHEETS } from "../../../src/sheets/registry";

const ROOT = path.resolve(__dirname, "../../..");
const DIST = path.join(ROOT, "dist");
const BUDGET = path.join(ROOT, "scripts/bench/budget.json");

interface Budget {
  minified: number;
  gzip: number;
}

const budgets = JSON.parse(fs.readFileSync(BUDGET, "utf8"));
/** The entry scripts and the samples chunk, by name; and one budget for every sheet's chunk. */
const budget: Record<string, Budget> = { ...budgets.files };
for (const s of SHEETS) budget[`sheet-${s.kind}.js`] = budgets.sheetChunks;
/** Data the add-in fetches on first use (the CMS fee schedule): budgeted like the scripts. */
const data: Record<string, Budget> = budgets.data;

function scripts(): string[] {
  if (!fs.existsSync(path.join(DIST, "functions.js"))) {
    throw new Error("dist/ is not built: run `npm run build` (npm test's pretest does it)");
  }
  return fs.readdirSync(DIST).filter((f) => f.endsWith(".js")).sort();
}

describe("bundle budget (scripts/bench/budget.json)", () => {
  test("dist/ holds a production build, not a development one", () => {
    for (const f of scripts()) {
      // webpack's development output frames every module in /******/ banners and keeps comments.
      expect([f, fs.readFileSync(path.join(DIST, f), "utf8").includes("/******/")]).toEqual([f, false]);
    }
  });

  test("every script in dist/ has a budget, and every budget a script: each registered sheet has its own chunk", () => {
    // A sheet whose plan module is imported statically anywhere in the pane has no chunk (webpack
    // drops an empty one), and its code is back in taskpane.js: this is where that shows.
    expect(scripts()).toEqual(Object.keys(budget).sort());
  });

  test("every fetched data file in dist/ has a budget", () => {
    const json = fs.readdirSync(DIST).filter((f) => f.endsWith(".json") && f !== "functions.json").sort();
    expect(json).toEqual(Object.keys(data).sort());
  });

  test.each(Object.keys({ ...budget, ...data }))("%s fits its budget, minified and gzipped", (file) => {
    const bytes = fs.readFileSync(path.join(DIST, file));
    const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
    const b = budget[file] ?? data[file];
    const over: string[] = [];
    if (bytes.length > b.minified) over.push(`minified ${bytes.length} bytes > ${b.minified}`);
    if (gzip > b.gzip) over.push(`gzip ${gzip} bytes > ${b.gzip}`);
    if (over.length) throw new Error(`dist/${file} is over budget: ${over.join("; ")} (scripts/bench/budget.json)`);
  });
});
