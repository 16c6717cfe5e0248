/**
 * The built task pane (dist/taskpane.html) in Chromium, against the in-memory workbook
 * (test/helpers/fake-workbook.ts, compiled with TypeScript's transpileModule and injected as
 * window.__clinpayTestGateway before any page script runs). What a user does: insert the sample
 * tables, pick them, Build, watch the progress bar and read the result; feed a bad table, read
 * the problems list (row, column, value, what to type) and go to the cell; all keyboard-usable,
 * at the pane's 320 px, in light and dark. Office.js is the real @microsoft/office-js dist,
 * served in place of its CDN URL; any other request that is not to the local server fails the
 * test. Needs `npm run build` (npm test's pretest) and Debian's /usr/bin/chromium.
 */
import { bundledFees } from "../../src/core/data/bundled-fees";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import * as ts from "typescript";
import { chromium, type Browser, type Page } from "playwright-core";
import { decodePng, pixelStats, type PixelStats } from "./png";
import { parseCsv } from "../../src/core/csv";
import { ymdToSerial } from "../../src/core/dates";
import { parseTargetTiers, readOfferInputs } from "../../src/core/inputs/offers";
import { parseAppointments, parseTimeLog, readAppointmentLog } from "../../src/core/inputs/logs";
import { leakageMetrics } from "../../src/core/leakage";
import { DEFAULT_DOLLARS_PER_WRVU, DEFAULT_EFFECTIVE_HOURLY } from "../../src/core/defaults";
import { buildOfferComparisonPlan } from "../../src/sheets/offer-comparison";
import { buildLeakagePlan } from "../../src/sheets/rvu-leakage";
import { buildTargetPlan } from "../../src/sheets/target-tracker";
import { buildTelehealthPlan } from "../../src/sheets/telehealth-scorecard";
import { summedProduction } from "../../src/sheets/target-production";
import { readProductionTable } from "../../src/core/inputs/production";
import { isFormula, type PlanCell, type SheetPlan } from "../../src/sheets/plan";
import { a1 } from "../../src/sheets/a1";
import { asLiteralText } from "../../src/render/safe-text";
import { parseTypedInput, type FakeCell } from "../helpers/fake-workbook";
import { COMMAND_ACTIONS } from "../../src/commands/commands";
import { SHEETS, sampleTables } from "../../src/sheets/registry";

// Each test opens one or two panes, each loading Office.js and the bundles in Chromium: on a
// 2-core machine other jobs were loading (load average 7 to 10) the first build test took 69 to
// 131 s, near jest.config's 180 s. This budget holds there with room.
jest.setTimeout(360_000);

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const OFFICE_DIST = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const OFFICE_HOST = "appsforoffice.microsoft.com";
const OFFICE_PATH = "/lib/1/hosted/";
const SHOTS = path.join(ROOT, "test-results", "taskpane");
const PANE_WIDTH = 320;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".map": "application/json",
};

let server: http.Server;
let origin: string;
let browser: Browser;
let fakeScript: string;
/** Requests that were neither local nor Office.js served locally, and page errors, since the last
 *  test ended: every test is checked for both on its own (afterEach), whatever ran before it. */
const offending: string[] = [];
const pageErrors: string[] = [];

/** The fake workbook and a1 as one browser script: CommonJS modules in a tiny loader, then the
 *  gateway hook, plus a gate a test can close to hold the next call of a method mid-build. */
function buildFakeScript(): string {
  const compile = (file: string) =>
    ts.transpileModule(fs.readFileSync(path.join(ROOT, file), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019, esModuleInterop: true },
      fileName: file,
    }).outputText;
  const mod = (name: string, file: string) =>
    `modules[${JSON.stringify(name)}] = (function () { var module = { exports: {} }, exports = module.exports;\n` +
    `(function (exports, require, module) {\n${compile(file)}\n})(exports, load, module);\nreturn module.exports; })();\n`;
  return `(function () {
  var modules = {};
  function load(p) { var m = modules[p.split("/").pop()]; if (!m) throw new Error("fake loader: no module " + p); return m; }
  ${mod("a1", "src/sheets/a1.ts")}
  ${mod("fake-workbook", "test/helpers/fake-workbook.ts")}
  var fake = new modules["fake-workbook"].FakeWorkbook(["Sheet1"]);
  var gates = {};
  window.__clinpayHold = function (method) {
    var original = fake[method];
    var release;
    var opened = new Promise(function (r) { release = r; });
    gates[method] = { reached: false, release: function () { fake[method] = original; release(); } };
    fake[method] = function () {
      var args = arguments, self = this;
      gates[method].reached = true;
      return opened.then(function () { return original.apply(self, args); });
    };
  };
  window.__clinpayHeld = function (method) { return !!(gates[method] && gates[method].reached); };
  window.__clinpayRelease = function (method) { gates[method].release(); };
  window.__clinpayFake = fake;
  window.__clinpayTestGateway = fake;
})();`;
}

function serve(req: http.IncomingMessage, res: http.ServerResponse): void {
  const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  const file = path.join(DIST, pathname);
  if (!file.startsWith(DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
  fs.createReadStream(file).pipe(res);
}

beforeAll(async () => {
  for (const f of ["taskpane.html", "taskpane.js", "taskpane.css", "functions.js"]) {
    if (!fs.existsSync(path.join(DIST, f))) throw new Error(`dist/${f} is missing: run \`npm run build\` (or npx webpack --mode production) first`);
  }
  fakeScript = buildFakeScript();
  server = http.createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterEach(() => {
  const seen = { offending: offending.splice(0), pageErrors: pageErrors.splice(0) };
  expect(seen).toEqual({ offending: [], pageErrors: [] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

interface PaneHandle {
  page: Page;
  /** Every request this pane's page made. */
  requests: string[];
  close(): Promise<void>;
}

/** The pane at 320 px with the fake workbook injected, loaded and showing "Ready". */
async function openPane(colorScheme: "light" | "dark" = "light"): Promise<PaneHandle> {
  const context = await browser.newContext({ viewport: { width: PANE_WIDTH, height: 900 }, colorScheme, serviceWorkers: "block" });
  await context.addInitScript({ content: fakeScript });
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin) return route.continue();
    if (url.protocol === "https:" && url.hostname === OFFICE_HOST && url.pathname.startsWith(OFFICE_PATH)) {
      // Office.js from the npm package instead of Microsoft's CDN: the same files, never the network.
      const file = path.join(OFFICE_DIST, url.pathname.slice(OFFICE_PATH.length));
      if (file.startsWith(OFFICE_DIST + path.sep) && fs.existsSync(file)) {
        return route.fulfill({ path: file, contentType: TYPES[path.extname(file)] ?? "application/octet-stream" });
      }
      offending.push(`${url.href} (not in @microsoft/office-js/dist)`);
      return route.fulfill({ status: 404 });
    }
    offending.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  // context.route never sees WebSockets, so any socket the page opens is an offence of its own.
  page.on("websocket", (ws) => offending.push(`${ws.url()} (WebSocket)`));
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`${origin}/taskpane.html`);
  await page.locator("#cp-status").filter({ hasText: "Ready" }).waitFor();
  return {
    page,
    requests,
    async close() {
      // Office.js outside Office starts its telemetry frame 3 s after loading: stay past that (by
      // the page's own clock, from its navigation), so the no-network check would see it.
      await page.waitForFunction(() => performance.now() > 4000, undefined, { polling: 250 });
      await context.close();
    },
  };
}

async function screenshot(page: Page, name: string): Promise<PixelStats> {
  const file = path.join(SHOTS, `${name}.png`);
  const png = await page.screenshot({ path: file, fullPage: true });
  const stats = pixelStats(decodePng(png));
  // Not blank: many pixels off the background, real contrast and more than a couple of colours.
  expect(stats.inked).toBeGreaterThan(0.03);
  expect(stats.stdev).toBeGreaterThan(15);
  expect(stats.colours).toBeGreaterThan(20);
  return stats;
}

type SheetSnapshot = { name: string; mark: string | null; cells: [string, FakeCell][] };

async function workbook(page: Page): Promise<{ active: string; sheets: SheetSnapshot[]; tables: { name: string; sheet: string; row: number }[]; selections: { sheet: string; address: string }[] }> {
  return page.evaluate(() => {
    const fake = (window as unknown as { __clinpayFake: { snapshot(): { active: string; sheets: SheetSnapshot[] }; tables: { name: string; sheet: string; row: number }[]; selections: { sheet: string; address: string }[] } }).__clinpayFake;
    const snap = fake.snapshot();
    return { active: snap.active, sheets: snap.sheets, tables: fake.tables.map((t) => ({ name: t.name, sheet: t.sheet, row: t.row })), selections: fake.selections };
  });
}

/** What the fake holds after the renderer writes a plan cell (formula, guarded text, number). */
function landed(c: PlanCell | undefined): FakeCell | null {
  if (c === null || c === undefined) return null;
  if (isFormula(c)) return { f: c.f };
  if (typeof c === "string") return c === "" ? null : parseTypedInput(asLiteralText(c));
  return { v: c };
}

const sampleCsv = (f: string) => parseCsv(fs.readFileSync(path.join(ROOT, "samples", f), "utf8"), f);

const cellAt = (sheet: SheetSnapshot, ref: string): FakeCell | undefined => sheet.cells.find(([r]) => r === ref)?.[1];

/**
 * The built sheet holds exactly what the renderer writes for `plan` (the CLI's path: CSV, parse,
 * plan), cell for cell, apart from the meta line, which names the pane's tables (`source`) and
 * the build date instead.
 */
function expectSheetIsPlan(sheet: SheetSnapshot, plan: SheetPlan, source: string): void {
  const expected = new Map<string, FakeCell>();
  const meta = new Set<string>();
  for (const b of plan.blocks) {
    b.cells.forEach((row, r) =>
      row.forEach((c, j) => {
        const ref = a1(b.row + r, b.col + j);
        if (b.style === "meta") meta.add(ref);
        const cell = landed(c);
        if (cell) expected.set(ref, cell);
      })
    );
  }
  const metaTexts = sheet.cells.filter(([ref]) => meta.has(ref)).map(([, c]) => ("v" in c ? String(c.v) : ""));
  expect(metaTexts.some((t) => t.includes(`by ClinPay from ${source}`))).toBe(true);
  for (const ref of meta) expected.delete(ref);
  const actual = new Map(sheet.cells.filter(([ref]) => !meta.has(ref)));
  const diff: string[] = [];
  for (const [ref, cell] of expected) if (JSON.stringify(actual.get(ref)) !== JSON.stringify(cell)) diff.push(`${ref}: ${JSON.stringify(actual.get(ref))} != ${JSON.stringify(cell)}`);
  for (const ref of actual.keys()) if (!expected.has(ref)) diff.push(`${ref}: unexpected ${JSON.stringify(actual.get(ref))}`);
  expect(diff.slice(0, 10)).toEqual([]);
  expect(actual.size).toBe(expected.size);
}

const BAD_OFFERS = [
  ["offer", "base_salary", "hourly_rate", "pay_per_unit", "unit", "units_per_hour", "paid_hours_per_week", "weeks_per_year", "unpaid_hours_per_week", "no_show_rate"],
  ["Clinic A", 0, 0, 95, "visit", "three", 38, 46, 6, 0.2],
  ["Clinic B", 150000, 0, 40, "visit", 2.5, 36, 47, 10, 15],
];

/** The bad table at B3 of a sheet "My data": a table MyOffers over the same cells. */
async function seedBadOffers(page: Page): Promise<void> {
  await page.evaluate((rows) => {
    const fake = (window as unknown as { __clinpayFake: { seedSheet(n: string, c: Record<string, unknown>): void; tables: unknown[] } }).__clinpayFake;
    const cells: Record<string, unknown> = {};
    rows.forEach((r, i) => r.forEach((v, j) => (cells[`${String.fromCharCode(66 + j)}${3 + i}`] = v)));
    fake.seedSheet("My data", cells);
    fake.tables.push({ name: "MyOffers", sheet: "My data", row: 2, col: 1, values: rows });
  }, BAD_OFFERS);
}

describe("task pane in Chromium against the fake workbook", () => {
  test("insert sample data, pick the tables, Build Offer Comparison: progress bar, result, the sheet with its mark and cells", async () => {
    const pane = await openPane();
    const { page } = pane;
    try {
      await page.locator("#cp-no-tables").waitFor();
      expect(await page.locator("#cp-app").getAttribute("aria-busy")).toBe("false");
      await page.getByRole("button", { name: "Insert sample data" }).click();
      await page.locator("#cp-status").filter({ hasText: "Inserted" }).waitFor();
      let wb = await workbook(page);
      expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "ClinPay samples"]);
      // One table per sample file the registered sheets' demos read.
      expect(wb.tables.map((t) => t.name).sort()).toEqual(sampleTables().map((t) => t.name).sort());
      expect(wb.tables.map((t) => t.name)).toEqual(expect.arrayContaining(["ClinPayAppointments", "ClinPayOffers", "ClinPayTargetTiers", "ClinPayTiers", "ClinPayTimeLog"]));
      expect(await page.locator("#cp-no-tables").isHidden()).toBe(true);

      // Pick the tables as a user would (they are preselected; choose them anyway).
      await page.getByRole("radio", { name: /Offer Comparison/ }).check();
      await page.getByLabel("Offers", { exact: true }).selectOption({ label: "ClinPayOffers (ClinPay samples)" });
      await page.getByLabel("Tiers (optional)", { exact: true }).selectOption({ label: "ClinPayTiers (ClinPay samples)" });
      expect(await page.getByLabel("Scenarios (optional)", { exact: true }).inputValue()).toBe("");

      // Record every value the progress bar takes, and hold the renderer's first write batch.
      await page.evaluate(() => {
        const seen: number[] = [];
        (window as unknown as { __progress: number[] }).__progress = seen;
        const bar = document.querySelector('[role="progressbar"]')!;
        new MutationObserver(() => seen.push(Number(bar.getAttribute("aria-valuenow")))).observe(bar, { attributes: true, attributeFilter: ["aria-valuenow"] });
        (window as unknown as { __clinpayHold(m: string): void }).__clinpayHold("sync");
      });
      await page.getByRole("button", { name: "Build Offer Comparison" }).click();
      await page.waitForFunction(() => (window as unknown as { __clinpayHeld(m: string): boolean }).__clinpayHeld("sync"));
      const bar = page.getByRole("progressbar", { name: "Build progress" });
      expect(await bar.isVisible()).toBe(true);
      const midway = Number(await bar.getAttribute("aria-valuenow"));
      expect(midway).toBeGreaterThan(0);
      expect(midway).toBeLessThan(100);
      expect(await page.locator("#cp-app").getAttribute("aria-busy")).toBe("true");
      await screenshot(page, "building-light");
      await page.evaluate(() => (window as unknown as { __clinpayRelease(m: string): void }).__clinpayRelease("sync"));

      await page.locator("#cp-status").filter({ hasText: "Built “Offer Comparison”" }).waitFor();
      const status = await page.locator("#cp-status").innerText();
      expect(status).toMatch(/from 6 offers in 5 scenarios/);
      // The result says the answer first: the sheet's Bottom line, as computed.
      expect(status).toMatch(
        /^Telehealth per-visit pays most per real hour: \$144\.40\/h, \$40\.05\/h \(\$83,300 a year\) more than Current salaried job; worst case: No-shows \+10 points, \$126\.35\/h; with benefits and one-time money, Health system job with call pays most in total: \$171\.62\/h Built/
      );
      expect(await bar.getAttribute("aria-valuenow")).toBe("100");
      const seen: number[] = await page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
      expect(seen.length).toBeGreaterThan(3);
      expect(seen).toEqual([...seen].sort((x, y) => x - y));
      expect(seen[seen.length - 1]).toBe(100);
      expect(await page.locator("#cp-app").getAttribute("aria-busy")).toBe("false");

      // The sheet: ClinPay's mark, active, and every cell the CLI path (CSV → parse → plan) would
      // write, except the meta line that names the source and date.
      wb = await workbook(page);
      const sheet = wb.sheets.find((s) => s.name === "Offer Comparison")!;
      expect(sheet).toBeDefined();
      expect(sheet.mark).toBe("offer-comparison");
      expect(wb.active).toBe("Offer Comparison");
      const inputs = readOfferInputs({ offers: sampleCsv("offers.csv"), tiers: sampleCsv("tiers.csv") });
      const offerSource = "ClinPayOffers, ClinPayTiers, default scenarios";
      expectSheetIsPlan(sheet, buildOfferComparisonPlan({ ...inputs, source: offerSource, builtAt: new Date() }), offerSource);
      // Key cells by eye: the title and the results header SPEC §3 names.
      expect(cellAt(sheet, "A1")).toEqual({ v: "Offer Comparison" });
      const values = new Set(sheet.cells.map(([, c]) => ("v" in c ? c.v : null)));
      for (const h of ["Offer", "Scenario", "Annual pay", "Effective hourly", "Annual units", "Advertised", "Gap to advertised", "Total compensation", "Total effective hourly", "Annual pay at 1.0 FTE", "Call pay per shift"]) expect(values.has(h)).toBe(true);

      await screenshot(page, "built-light");

      // The other two sheets from the other sample tables (preselected) and the sample figures.
      await page.getByRole("radio", { name: /RVU Leakage/ }).check();
      expect(await page.locator("#cp-in-rvu-leakage-appointments").inputValue()).toBe("t:ClinPayAppointments");
      expect(await page.getByLabel("Time log (optional)", { exact: true }).inputValue()).toBe("t:ClinPayTimeLog");
      await page.getByRole("button", { name: "Build RVU Leakage" }).click();
      await page.locator("#cp-status").filter({ hasText: "Built “RVU Leakage” from 1,554 appointments and 78 time-log rows" }).waitFor();
      const leakage = (await workbook(page)).sheets.find((s) => s.name === "RVU Leakage")!;
      expect(leakage.mark).toBe("rvu-leakage");
      // "source row" in the copied logs is the row in the user's sheet, so the CSV reads as if it
      // sat where the sample table does.
      const at = async (name: string) => (await workbook(page)).tables.find((t) => t.name === name)!.row + 1;
      const appointments = parseAppointments({ ...sampleCsv("appointments.csv"), headerRow: await at("ClinPayAppointments") });
      const time = parseTimeLog({ ...sampleCsv("time-log.csv"), headerRow: await at("ClinPayTimeLog") });
      const leakageSource = "ClinPayAppointments and ClinPayTimeLog";
      expectSheetIsPlan(
        leakage,
        buildLeakagePlan({ appointments, time, source: leakageSource, builtAt: new Date(), dollarsPerWrvu: DEFAULT_DOLLARS_PER_WRVU, effectiveHourly: DEFAULT_EFFECTIVE_HOURLY, fees: bundledFees(), defaults: { dollarsPerWrvu: true, effectiveHourly: true } }),
        leakageSource
      );

      await page.getByRole("radio", { name: /Target Tracker/ }).check();
      expect(await page.getByLabel("wRVU target", { exact: true }).inputValue()).toBe("5000");
      expect(await page.getByLabel("Log or wRVU report (optional)", { exact: true }).inputValue()).toBe("t:ClinPayAppointments");
      expect(await page.getByLabel("Bonus tiers (optional)", { exact: true }).inputValue()).toBe("t:ClinPayTargetTiers");
      await page.getByRole("button", { name: "Build Target Tracker" }).click();
      await page.locator("#cp-status").filter({ hasText: "Built “Target Tracker”" }).waitFor();
      const tracker = (await workbook(page)).sheets.find((s) => s.name === "Target Tracker")!;
      expect(tracker.mark).toBe("target-tracker");
      // YTD summed from the sample log's completed visits, As of its last date, as the CLI's demo does.
      const logTable = { ...sampleCsv("appointments.csv"), source: "ClinPayAppointments", headerRow: await at("ClinPayAppointments") };
      const read = readProductionTable(logTable, "auto");
      const pace = { wrvuTarget: 5000, periodStart: ymdToSerial(2026, 1, 1), asOf: read.last!, daysInPeriod: 365 };
      const summed = summedProduction(read, "ClinPayAppointments", bundledFees(), pace, true);
      const trackerSource = "ClinPayAppointments and ClinPayTargetTiers";
      expectSheetIsPlan(
        tracker,
        buildTargetPlan({
          wrvuTarget: 5000,
          ytd: summed.production.figures.ytd,
          asOf: read.last!,
          periodStart: pace.periodStart,
          dollarsPerWrvu: DEFAULT_DOLLARS_PER_WRVU,
          tiers: parseTargetTiers(sampleCsv("target-tiers.csv")),
          builtAt: new Date(),
          source: trackerSource,
          defaults: { dollarsPerWrvu: true, periodStart: true, baseSalary: true },
          production: summed.production,
          inferred: summed.inferred,
        }),
        trackerSource
      );
      await page.getByRole("radio", { name: /Offer Comparison/ }).check();

      // Insert again: said so, nothing duplicated.
      await page.getByRole("button", { name: "Insert sample data" }).click();
      await page.locator("#cp-status").filter({ hasText: "already in this workbook" }).waitFor();
      const again = await workbook(page);
      expect(again.tables).toHaveLength(sampleTables().length);
      // Each log sheet's copied rows on its data sheet, right after it.
      expect(again.sheets.map((s) => s.name)).toEqual(["Sheet1", "ClinPay samples", "Offer Comparison", "RVU Leakage", "RVU Leakage data", "Target Tracker", "Target Tracker data"]);
    } finally {
      await pane.close();
    }
  });

  test("a bad table lists every problem (row, column, value, what to type); a problem goes to its cell; nothing is built", async () => {
    const pane = await openPane();
    const { page } = pane;
    try {
      await seedBadOffers(page);
      await page.getByRole("button", { name: "Refresh the list of tables" }).click();
      await page.locator("#cp-status").filter({ hasText: "1 table in this workbook" }).waitFor();
      await page.getByLabel("Offers", { exact: true }).selectOption({ label: "MyOffers (My data)" });
      const before = await workbook(page);

      await page.getByRole("button", { name: "Build Offer Comparison" }).click();
      const problems = page.getByRole("region", { name: /things to fix/ });
      await problems.waitFor();
      expect(await problems.getByRole("heading").innerText()).toBe("2 things to fix");
      // The heading takes focus so keyboard users land on the list.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("cp-problems-heading");
      const items = problems.getByRole("button");
      expect(await items.count()).toBe(2);
      const first = await items.nth(0).innerText();
      const second = await items.nth(1).innerText();
      expect(first).toContain("MyOffers · row 4 · column units_per_hour");
      expect(first).toContain("“three”");
      expect(first).toMatch(/type a number such as 3/);
      expect(first).toContain("Go to cell 'My data'!G4");
      expect(second).toContain("MyOffers · row 5 · column no_show_rate");
      expect(second).toContain("“15”");
      expect(second).toMatch(/between 0 and 1/);
      expect(second).toMatch(/0\.15/);
      expect(second).toContain("Go to cell 'My data'!K5");
      expect(await page.locator("#cp-status").innerText()).toMatch(/not built: 2 problems/);
      expect(await page.getByRole("progressbar").count()).toBe(0); // hidden
      expect(await workbook(page)).toEqual(before);

      await screenshot(page, "problems-light");

      // Click one; the keyboard (Tab to it, Enter) for the other.
      await items.nth(1).click();
      await page.locator("#cp-status").filter({ hasText: "Selected 'My data'!K5" }).waitFor();
      await page.locator("#cp-problems-heading").focus();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toContain("units_per_hour");
      await page.keyboard.press("Enter");
      await page.locator("#cp-status").filter({ hasText: "Selected 'My data'!G4" }).waitFor();
      const after = await workbook(page);
      expect(after.selections).toEqual([
        { sheet: "My data", address: "K5" },
        { sheet: "My data", address: "G4" },
      ]);
      expect(after.sheets.map((s) => s.name)).toEqual(["Sheet1", "My data"]);

      // The same cells picked as a selection instead of a table: remembered by address, the same
      // problems at the same cells, even after the selection moved to the cell to fix.
      await page.evaluate(() => {
        (window as unknown as { __clinpayFake: { selection: unknown } }).__clinpayFake.selection = { sheet: "My data", row: 2, col: 1, rows: 3, cols: 10 };
      });
      await page.getByLabel("Offers", { exact: true }).selectOption({ label: "Use the cells selected in the sheet…" });
      await page.locator("#cp-status").filter({ hasText: "using 'My data'!B3:K5 (2 rows under the header)" }).waitFor();
      expect(await page.getByLabel("Offers", { exact: true }).locator("option:checked").innerText()).toBe("Selected cells: 'My data'!B3:K5");
      await page.getByRole("button", { name: "Build Offer Comparison" }).click();
      await page.locator("#cp-status").filter({ hasText: "not built" }).waitFor();
      const fromRange = await problems.getByRole("button").allInnerTexts();
      expect(fromRange[1]).toContain("'My data'!B3:K5 · row 5 · column no_show_rate");
      await problems.getByRole("button").nth(1).click();
      await page.locator("#cp-status").filter({ hasText: "Selected 'My data'!K5" }).waitFor();
      expect((await workbook(page)).selections.slice(-1)).toEqual([{ sheet: "My data", address: "K5" }]);
    } finally {
      await pane.close();
    }
  });

  test("a missing table and the assumptions the pane asks for are checked too; a problem there goes to its list or field", async () => {
    const pane = await openPane();
    const { page } = pane;
    try {
      // No Offers table chosen: said so, and the problem goes to the list to choose from.
      await page.getByRole("button", { name: "Build Offer Comparison" }).click();
      const missing = page.getByRole("region", { name: /thing to fix/ });
      await missing.waitFor();
      expect(await missing.getByRole("button").innerText()).toContain("Tables · Offers");
      await missing.getByRole("button").click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("cp-in-offer-comparison-offers");

      await page.getByRole("radio", { name: /Target Tracker/ }).check();
      await page.getByLabel("wRVU target", { exact: true }).fill("0");
      await page.getByLabel("YTD wRVUs").fill("1,150");
      await page.getByRole("button", { name: "Build Target Tracker" }).click();
      const problems = page.getByRole("region", { name: /things to fix/ });
      await problems.waitFor();
      const texts = await problems.getByRole("button").allInnerTexts();
      expect(texts).toHaveLength(2);
      expect(texts[0]).toContain("Assumptions · wRVU target");
      expect(texts[0]).toContain("must be more than 0");
      expect(texts[1]).toContain("Assumptions · As of");
      await problems.getByRole("button").nth(1).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("cp-f-target-tracker-asOf");
      await screenshot(page, "assumptions-light");

      await page.getByLabel("wRVU target", { exact: true }).fill("5000");
      await page.getByLabel("As of").fill("2026-03-31");
      await page.getByRole("button", { name: "Build Target Tracker" }).press("Enter");
      await page.locator("#cp-status").filter({ hasText: "Built “Target Tracker”" }).waitFor();
      const sheet = (await workbook(page)).sheets.find((s) => s.name === "Target Tracker")!;
      expect(sheet.mark).toBe("target-tracker");
      expect(await problems.isHidden()).toBe(true);
    } finally {
      await pane.close();
    }
  });

  test("an export's unknown header and two unknown statuses are mapped in the pane, built, and built again from the mapping saved in the workbook", async () => {
    const serial = (d: number) => ymdToSerial(2026, 1, d);
    const EXPORT = [
      ["Visit Day", "Appt Status", "CPT"],
      [serial(5), "Completed", "99213"],
      [serial(6), "Wrapped Up", "99214"],
      [serial(7), "Walked Out", "99213"],
      [serial(8), "Wrapped Up", "99214"],
      [serial(9), "No Show", "99213"],
    ];
    const seed = async (page: Page, settings: Record<string, string> = {}) =>
      page.evaluate(
        ({ rows, settings }) => {
          const fake = (window as unknown as { __clinpayFake: { seedSheet(n: string, c: Record<string, unknown>): void; tables: unknown[]; settings: Map<string, string> } }).__clinpayFake;
          const cells: Record<string, unknown> = {};
          rows.forEach((r, i) => r.forEach((v, j) => (cells[`${String.fromCharCode(65 + j)}${1 + i}`] = v)));
          fake.seedSheet("Export", cells);
          fake.tables.push({ name: "EpicExport", sheet: "Export", row: 0, col: 0, values: rows });
          for (const [k, v] of Object.entries(settings)) fake.settings.set(k, v);
        },
        { rows: EXPORT, settings }
      );
    const pickLog = async (page: Page) => {
      await page.locator('input[name="cp-kind"][value="rvu-leakage"]').check();
      await page.getByRole("button", { name: "Refresh the list of tables" }).first().click();
      await page.locator("#cp-status").filter({ hasText: "1 table in this workbook" }).waitFor();
      await page.locator("#cp-in-rvu-leakage-appointments").selectOption({ label: "EpicExport (Export)" });
      await page.locator("#cp-map-rvu-leakage").waitFor({ state: "visible" });
    };
    const settingsOf = (page: Page) => page.evaluate(() => [...(window as unknown as { __clinpayFake: { settings: Map<string, string> } }).__clinpayFake.settings.entries()]);

    // The sheet the CLI's path builds from the same rows and the same mapping.
    const raw = { source: "EpicExport", headers: EXPORT[0] as string[], rows: EXPORT.slice(1) };
    const mapping = { source: "test", lines: [
      { what: "column" as const, from: "Visit Day", to: "date", row: 0 },
      { what: "status" as const, from: "Wrapped Up", to: "completed", row: 0 },
      { what: "status" as const, from: "Walked Out", to: "no_show", row: 0 },
    ] };
    const log = readAppointmentLog(raw, { mapping });
    const metrics = leakageMetrics(log.appointments, null, { dollarsPerWrvu: DEFAULT_DOLLARS_PER_WRVU, effectiveHourly: DEFAULT_EFFECTIVE_HOURLY, fees: bundledFees() });
    const expected = buildLeakagePlan({ appointments: log.appointments, time: null, source: "EpicExport", builtAt: new Date(), dollarsPerWrvu: DEFAULT_DOLLARS_PER_WRVU, effectiveHourly: DEFAULT_EFFECTIVE_HOURLY, fees: bundledFees(), metrics, inferred: log.inferred, defaults: { dollarsPerWrvu: true, effectiveHourly: true } });
    expect(metrics.scheduled).toBe(5);
    expect(metrics.noShows).toBe(2);

    let saved: [string, string][] = [];
    const first = await openPane();
    try {
      const { page } = first;
      await seed(page);
      await pickLog(page);
      const step = page.locator("#cp-map-rvu-leakage");
      // Read from the aliases: Appt Status is status, CPT is code; Visit Day is nobody's alias.
      expect(await page.getByLabel("status", { exact: true }).inputValue()).toBe("Appt Status");
      expect(await page.getByLabel("code", { exact: true }).inputValue()).toBe("CPT");
      expect(await page.getByLabel("date", { exact: true }).inputValue()).toBe("");
      // Each unknown word once, with its count; known words (Completed, No Show) are not asked.
      const words = step.locator("label").filter({ hasText: /^“/ });
      expect(await words.allInnerTexts()).toEqual(["“Wrapped Up” in status (2 rows)", "“Walked Out” in status (1 row)"]);
      await screenshot(page, "mapping-light");

      // Unmapped, the build says what is missing and builds nothing.
      await page.getByRole("button", { name: "Build RVU Leakage" }).click();
      await page.locator("#cp-status").filter({ hasText: "not built" }).waitFor();

      await page.getByLabel("date", { exact: true }).selectOption("Visit Day");
      // By keyboard, as a user without a mouse would: "completed" is the first meaning listed.
      await page.getByLabel("“Wrapped Up” in status (2 rows)").focus();
      await page.keyboard.press("ArrowDown");
      expect(await page.getByLabel("“Wrapped Up” in status (2 rows)").inputValue()).toBe("completed");
      await page.getByLabel("“Walked Out” in status (1 row)").selectOption("no_show");
      // The --map file's text (a textarea's value has its line ends as \n).
      expect(await page.locator("#cp-map-rvu-leakage-csv").inputValue()).toBe("what,from,to\ncolumn,Visit Day,date\nstatus,Wrapped Up,completed\nstatus,Walked Out,no_show\n");

      await page.getByRole("button", { name: "Build RVU Leakage" }).click();
      await page.locator("#cp-status").filter({ hasText: "Built “RVU Leakage”" }).waitFor();
      const built = (await workbook(page)).sheets.find((s) => s.name === "RVU Leakage")!;
      expect(built.mark).toBe("rvu-leakage");
      expectSheetIsPlan(built, expected, "EpicExport");
      saved = await settingsOf(page);
      // Saved by the export's header row (so next month's export of the same shape is offered it), not by table name.
      expect(saved.map(([k]) => k)).toEqual([expect.stringMatching(/^ClinPay\.mapping:[0-9a-z]+:\d+$/)]);
    } finally {
      await first.close();
    }

    // Another day, the same workbook (its settings travel with it): pick the log and Build, no mapping again.
    const second = await openPane();
    try {
      const { page } = second;
      await seed(page, Object.fromEntries(saved));
      await pickLog(page);
      expect(await page.getByLabel("date", { exact: true }).inputValue()).toBe("Visit Day");
      expect(await page.getByLabel("“Walked Out” in status (1 row)").inputValue()).toBe("no_show");
      await page.getByRole("button", { name: "Build RVU Leakage" }).click();
      await page.locator("#cp-status").filter({ hasText: "Built “RVU Leakage”" }).waitFor();
      expectSheetIsPlan((await workbook(page)).sheets.find((s) => s.name === "RVU Leakage")!, expected, "EpicExport");
    } finally {
      await second.close();
    }
  });

  test("Target Tracker from a wRVU report with two providers: the report is picked instead of typing YTD, a provider chosen, the months built", async () => {
    const report = parseCsv(fs.readFileSync(path.join(ROOT, "test/fixtures/exports/epic-wrvu-report.csv"), "utf8"), "EpicWrvu");
    const rows = [report.headers, ...report.rows];
    const pane = await openPane();
    const { page } = pane;
    try {
      await page.evaluate((rows) => {
        const fake = (window as unknown as { __clinpayFake: { seedSheet(n: string, c: Record<string, unknown>): void; tables: unknown[] } }).__clinpayFake;
        const cells: Record<string, unknown> = {};
        rows.forEach((r, i) => r.forEach((v, j) => (cells[`${String.fromCharCode(65 + j)}${1 + i}`] = v)));
        fake.seedSheet("Report", cells);
        fake.tables.push({ name: "EpicWrvu", sheet: "Report", row: 0, col: 0, values: rows });
      }, rows);
      await page.locator('input[name="cp-kind"][value="target-tracker"]').check();
      await page.getByRole("button", { name: "Refresh the list of tables" }).first().click();
      await page.locator("#cp-status").filter({ hasText: "1 table in this workbook" }).waitFor();
      await page.getByLabel("Log or wRVU report (optional)", { exact: true }).selectOption({ label: "EpicWrvu (Report)" });
      await page.locator("#cp-map-target-tracker").waitFor({ state: "visible" });
      // A report's columns, read from Epic's headers; no status words to map.
      expect(await page.getByLabel("wrvu", { exact: true }).inputValue()).toBe("Adj Work RVU");
      expect(await page.getByLabel("units", { exact: true }).inputValue()).toBe("Provider - Performing Units");
      await page.getByLabel("wRVU target", { exact: true }).fill("400");
      // Two providers and no choice: not built, said so.
      await page.getByRole("button", { name: "Build Target Tracker" }).click();
      await page.locator("#cp-status").filter({ hasText: "not built" }).waitFor();
      await page.getByLabel(/^Provider \(2 in this log\)/).selectOption("SMITH, JANE MD");
      await page.getByRole("button", { name: "Build Target Tracker" }).click();
      await page.locator("#cp-status").filter({ hasText: "Built “Target Tracker” from 69 report lines (129.8 wRVUs to 2026-04-24)" }).waitFor();
      const sheet = (await workbook(page)).sheets.find((s) => s.name === "Target Tracker")!;
      const read = readProductionTable(report, "auto", { provider: "SMITH, JANE MD" });
      const pace = { wrvuTarget: 400, periodStart: ymdToSerial(2026, 1, 1), asOf: ymdToSerial(2026, 4, 24), daysInPeriod: 365 };
      const summed = summedProduction(read, "EpicWrvu", bundledFees(), pace, true);
      expect(summed.production.figures.monthsBelowPace).toBe(2);
      expectSheetIsPlan(
        sheet,
        buildTargetPlan({
          wrvuTarget: 400, ytd: summed.production.figures.ytd, asOf: pace.asOf, periodStart: pace.periodStart, dollarsPerWrvu: DEFAULT_DOLLARS_PER_WRVU,
          builtAt: new Date(), source: "EpicWrvu", defaults: { dollarsPerWrvu: true, periodStart: true, baseSalary: true }, production: summed.production, inferred: summed.inferred,
        }),
        "EpicWrvu"
      );
    } finally {
      await pane.close();
    }
  });

  test("Pay Audit: each export matched in its own step — a word of my record mapped, a provider of their group statement chosen — and built", async () => {
    const serial = (d: number) => ymdToSerial(2026, 1, d);
    const MINE = [
      ["Visit Date", "Encounter ID", "Status", "CPT Code"],
      [serial(5), "E1", "Wrapped Up", "99214"],
      [serial(6), "E2", "Wrapped Up", "99213"],
      [serial(7), "E3", "Wrapped Up", "99214"],
    ];
    const STATEMENT = [
      ["Service Date", "Encounter", "CPT", "Work RVU", "Rendering Provider"],
      [serial(5), "E1", "99214", 1.92, "KIM, HANNAH MD"],
      [serial(6), "E2", "99213", 1.3, "KIM, HANNAH MD"],
      [serial(7), "L7", "99215", 2.8, "LEE, PAUL DO"],
    ];
    const pane = await openPane();
    const { page } = pane;
    try {
      await page.evaluate(
        ({ mine, statement }) => {
          const fake = (window as unknown as { __clinpayFake: { seedSheet(n: string, c: Record<string, unknown>): void; tables: unknown[] } }).__clinpayFake;
          for (const [sheet, name, rows] of [["Mine", "MyVisits", mine], ["Statement", "GroupStatement", statement]] as const) {
            const cells: Record<string, unknown> = {};
            rows.forEach((r, i) => r.forEach((v, j) => (cells[`${String.fromCharCode(65 + j)}${1 + i}`] = v)));
            fake.seedSheet(sheet, cells);
            fake.tables.push({ name, sheet, row: 0, col: 0, values: rows });
          }
        },
        { mine: MINE, statement: STATEMENT }
      );
      await page.locator('input[name="cp-kind"][value="pay-audit"]').check();
      await page.getByRole("button", { name: "Refresh the list of tables" }).first().click();
      await page.locator("#cp-status").filter({ hasText: "2 tables in this workbook" }).waitFor();
      await page.locator("#cp-in-pay-audit-mine").selectOption({ label: "MyVisits (Mine)" });
      await page.locator("#cp-in-pay-audit-statement").selectOption({ label: "GroupStatement (Statement)" });
      const mineStep = page.locator("#cp-map-pay-audit");
      const theirStep = page.locator("#cp-map-pay-audit-statement");
      await theirStep.waitFor({ state: "visible" });
      // Both steps stay: picking the statement does not replace my record's.
      expect(await mineStep.isVisible()).toBe(true);
      expect(await mineStep.locator("legend").innerText()).toBe("Match your export: My record");
      expect(await theirStep.locator("legend").innerText()).toBe("Match your export: Their statement");
      await mineStep.getByLabel("“Wrapped Up” in status (3 rows)").selectOption("completed");
      // Only the statement names providers; my record has no provider list to fill.
      expect(await mineStep.locator("#cp-map-pay-audit-provider").count()).toBe(0);
      await page.locator("#cp-map-pay-audit-statement-provider").selectOption("KIM, HANNAH MD");
      await page.getByRole("button", { name: "Build Pay Audit" }).click();
      // Worked by hand: E3 (99214, 1.92 wRVUs, unchanged in 2026) is missing; 1.92 × $50 = $96.
      await page.locator("#cp-status").filter({ hasText: "Built “Pay Audit”" }).waitFor();
      const said = await page.locator("#cp-status").innerText();
      expect(said).toMatch(/^They owe you 1\.92 wRVUs \(\$96\)/);
      expect(said).not.toMatch(/LEE|99215/);
      // The choices of both steps, kept for the next export of each shape.
      const keys = await page.evaluate(() => [...(window as unknown as { __clinpayFake: { settings: Map<string, string> } }).__clinpayFake.settings.keys()]);
      expect(keys).toHaveLength(2);
    } finally {
      await pane.close();
    }
  });

  test("Telehealth Scorecard from the sample log: the sample assumptions filled in, built, the plan the core builds; light and dark", async () => {
    const light = await openPane("light");
    const dark = await openPane("dark");
    try {
      for (const { page } of [light, dark]) {
        await page.getByRole("button", { name: "Insert sample data" }).click();
        await page.locator("#cp-status").filter({ hasText: "Inserted" }).waitFor();
        await page.getByRole("radio", { name: /Telehealth Scorecard/ }).check();
        expect(await page.locator("#cp-in-telehealth-scorecard-appointments").inputValue()).toBe("t:ClinPayAppointments");
        expect(await page.getByLabel("Change started on").inputValue()).toBe("2026-04-01");
        await page.getByRole("button", { name: "Build Telehealth Scorecard" }).click();
        await page.locator("#cp-status").filter({ hasText: "Built “Telehealth Scorecard”" }).waitFor();
      }
      const { page } = light;
      const sheet = (await workbook(page)).sheets.find((x) => x.name === "Telehealth Scorecard")!;
      expect(sheet.mark).toBe("telehealth-scorecard");
      const headerRow = (await workbook(page)).tables.find((t) => t.name === "ClinPayAppointments")!.row + 1;
      const log = readAppointmentLog({ ...sampleCsv("appointments.csv"), headerRow });
      const assumptions = { changeDate: ymdToSerial(2026, 4, 1), groupNoShowRate: 0.15, groupWrvuPerVisit: 1.6, farBelow: 0.2, annualTarget: 4800, writtenConcerns: false, dollarsPerWrvu: DEFAULT_DOLLARS_PER_WRVU };
      expectSheetIsPlan(
        sheet,
        buildTelehealthPlan({ appointments: log.appointments, assumptions, fees: bundledFees(), source: "ClinPayAppointments", builtAt: new Date(), defaults: { dollarsPerWrvu: true, farBelow: true } }),
        "ClinPayAppointments"
      );
      await screenshot(light.page, "telehealth-light");
      const d = await screenshot(dark.page, "telehealth-dark");
      expect(d.mean).toBeLessThan((await screenshot(light.page, "telehealth-light")).mean);
      for (const { page: p } of [light, dark]) expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PANE_WIDTH);
    } finally {
      await light.close();
      await dark.close();
    }
  });

  test("every registered sheet builds in the pane from the sample data, its plan chunk fetched on its first Build", async () => {
    const pane = await openPane();
    const { page } = pane;
    const scripts: string[] = [];
    page.on("request", (r) => scripts.push(new URL(r.url()).pathname));
    try {
      await page.getByRole("button", { name: "Insert sample data" }).click();
      await page.locator("#cp-status").filter({ hasText: "Inserted" }).waitFor();
      expect(scripts.filter((s) => s.startsWith("/sheet-"))).toEqual([]);
      for (const def of SHEETS) {
        await page.locator(`input[name="cp-kind"][value="${def.kind}"]`).check();
        await page.locator("#cp-build").click();
        await page.locator("#cp-status.cp-status-success, #cp-status.cp-status-error").waitFor();
        // The result says the sheet's Bottom line first, then what it was built from.
        expect([def.kind, await page.locator("#cp-status").innerText()]).toEqual([def.kind, expect.stringMatching(/^\S.* Built “/)]);
        expect(scripts.filter((s) => s === `/sheet-${def.kind}.js`)).toHaveLength(1);
        const marks = (await workbook(page)).sheets.map((s) => s.mark);
        expect(marks).toContain(def.kind);
        // The status line is reset by the next Build's "Building…", so the wait above sees this one's end.
        await page.locator("#cp-status").evaluate((el) => el.setAttribute("class", "cp-status"));
      }
    } finally {
      await pane.close();
    }
  });

  test("dark theme: the same pane, readable, in the dark palette", async () => {
    const light = await openPane("light");
    const dark = await openPane("dark");
    try {
      for (const { page } of [light, dark]) {
        await seedBadOffers(page);
        await page.getByRole("button", { name: "Refresh the list of tables" }).click();
        await page.getByLabel("Offers", { exact: true }).selectOption({ label: "MyOffers (My data)" });
        await page.getByRole("button", { name: "Build Offer Comparison" }).click();
        await page.getByRole("region", { name: /things to fix/ }).waitFor();
      }
      const l = await screenshot(light.page, "problems-light-2");
      const d = await screenshot(dark.page, "problems-dark");
      expect(d.mean).toBeLessThan(l.mean - 100);
      const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe("rgb(31, 31, 31)");
      // Nothing wider than the pane: no sideways scrolling at 320 px.
      for (const { page } of [light, dark]) {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PANE_WIDTH);
      }
    } finally {
      await light.close();
      await dark.close();
    }
  });

  // It opens its own pane: run alone (jest -t) or after the others, it checks the same thing. Every
  // other test's requests and page errors are checked after it, by afterEach.
  test("no request leaves the machine, and no page error: the pane loads its own files and Office.js served locally", async () => {
    const pane = await openPane();
    await pane.close(); // past the 3 s at which Office.js outside Office starts its telemetry frame
    expect(pane.requests.some((u) => u.startsWith(`${origin}/taskpane.js`))).toBe(true);
    expect(pane.requests.some((u) => u.startsWith(`${origin}/functions.js`))).toBe(true);
    expect(pane.requests.some((u) => u.startsWith(`https://${OFFICE_HOST}${OFFICE_PATH}office.js`))).toBe(true);
  });
});

describe("ribbon and shared runtime", () => {
  test("commands.ts registers exactly the ExecuteFunction actions the manifest names", () => {
    const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
    const named = [...manifest.matchAll(/<Action\s+xsi:type="ExecuteFunction"\s*>\s*<FunctionName>([^<]*)<\/FunctionName>/g)].map((m) => m[1]).sort();
    expect(Object.keys(COMMAND_ACTIONS).sort()).toEqual(named);
    // The Home-tab button opens the pane itself.
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">\s*<TaskpaneId>ClinPay.Taskpane<\/TaskpaneId>\s*<SourceLocation resid="Taskpane.Url" \/>/);
  });

  test("the pane page loads the functions bundle first: pane and functions share one runtime", () => {
    const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
    const f = html.search(/src="?functions\.js/);
    const t = html.search(/src="?taskpane\.js/);
    expect(f).toBeGreaterThan(0);
    expect(t).toBeGreaterThan(f);
  });
});
