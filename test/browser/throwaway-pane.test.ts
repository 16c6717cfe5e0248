/**
 * The pane half of the throwaway-sheet test (test/unit/sheets/throwaway-sheet.test.ts has the CLI, the
 * demo and the sample tables): the real pane, handed the registry's sheets plus a definition that
 * exists only in this test, lists it among the builders, draws its table picker and its field,
 * inserts and preselects its sample table, and builds it, fetching its plan module as a chunk of
 * its own on the Build. The pane is bundled here by webpack (development mode) from
 * test/browser/throwaway-pane.ts, with the same loaders as the add-in.
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import type { AddressInfo } from "net";
import webpack from "webpack";
import { chromium, type Browser } from "playwright-core";
import { SHEETS } from "../../src/sheets/registry";

const ROOT = path.resolve(__dirname, "..", "..");
let out: string;
let server: http.Server;
let origin: string;
let browser: Browser;

/** The harness page, built as the add-in's pane is (ts-loader to ES modules, the sample CSV loader). */
async function bundle(dir: string): Promise<void> {
  const config: webpack.Configuration = {
    mode: "development",
    devtool: false,
    context: ROOT,
    entry: { pane: "./test/browser/throwaway-pane.ts" },
    output: { path: dir, filename: "[name].js", publicPath: "" },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        { test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "es2020" } } } },
        { test: /\.csv$/, include: path.join(ROOT, "samples"), use: path.join(ROOT, "scripts/csv-table-loader.js") },
      ],
    },
  };
  const stats = await new Promise<webpack.Stats>((resolve, reject) => webpack(config, (err, s) => (err || !s ? reject(err) : resolve(s))));
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  fs.writeFileSync(
    path.join(dir, "index.html"),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>pane</title></head><body><div id="cp-app" aria-busy="true"><p id="cp-status" class="cp-status" role="status">Loading…</p></div><script src="pane.js"></script></body></html>'
  );
}

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-throwaway-pane-"));
  await bundle(out);
  server = http.createServer((req, res) => {
    const file = path.join(out, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(out + path.sep) || !fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": file.endsWith(".html") ? "text/html; charset=utf-8" : "application/javascript; charset=utf-8" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

test("the pane lists the throwaway sheet, draws its picker and field, inserts its sample and builds it from a chunk of its own", async () => {
  const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
  const errors: string[] = [];
  const scripts: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => r.url().endsWith(".js") && scripts.push(new URL(r.url()).pathname));
  try {
    await page.goto(`${origin}/index.html`);
    await page.locator("#cp-status").filter({ hasText: "Ready" }).waitFor();

    // The builder list: the registry's sheets, then the throwaway one with its summary.
    const kinds = await page.locator('input[name="cp-kind"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(kinds).toEqual([...SHEETS.map((s) => s.kind), "widget-count"]);
    await page.getByRole("radio", { name: /Widget Count/ }).check();
    expect(await page.getByRole("radio", { name: /Widget Count/ }).evaluate((e) => e.closest("label")!.textContent)).toContain("How many widgets, and what they cost");
    expect(await page.locator("#cp-panel-widget-count").isVisible()).toBe(true);
    expect(await page.locator("#cp-build").innerText()).toBe("Build Widget Count");

    // Its picker and its field, with their help.
    const picker = page.getByLabel("Widgets", { exact: true });
    expect(await picker.getAttribute("id")).toBe("cp-in-widget-count-widgets");
    expect(await page.locator("#cp-in-widget-count-widgets-help").innerText()).toBe("Columns: widget, count.");
    const price = page.getByLabel("Price per widget (optional)", { exact: true });
    expect(await price.getAttribute("id")).toBe("cp-f-widget-count-price");
    expect(await page.locator("#cp-f-widget-count-price-help").innerText()).toBe("What one widget costs, e.g. 2.50 (blank: 1).");
    expect(await price.inputValue()).toBe("");

    // Insert sample data: its table among the registry's, picked for it, its sample price filled in.
    await page.getByRole("button", { name: "Insert sample data" }).click();
    await page.locator("#cp-status").filter({ hasText: "Inserted" }).waitFor();
    expect(await page.locator("#cp-status").innerText()).toContain("ClinPayWidgets");
    expect(await picker.inputValue()).toBe("t:ClinPayWidgets");
    expect(await price.inputValue()).toBe("2.50");
    expect(scripts.some((s) => s.includes("throwaway-plan"))).toBe(false);

    // Build: its plan module is fetched now, and the sheet carries the definition's kind.
    await page.locator("#cp-build").click();
    await page.locator("#cp-status").filter({ hasText: "Built “Widget Count” from 7 widgets" }).waitFor();
    expect(scripts.filter((s) => s.includes("throwaway-plan"))).toHaveLength(1);
    const sheet = await page.evaluate(() => {
      const fake = (window as unknown as { __clinpayFake: { snapshot(): { sheets: { name: string; mark: string | null; cells: [string, unknown][] }[] } } }).__clinpayFake;
      return fake.snapshot().sheets.find((s) => s.name === "Widget Count")!;
    });
    expect(sheet.mark).toBe("widget-count");
    expect(sheet.cells).toEqual(expect.arrayContaining([["B3", { v: 7 }], ["B4", { v: 2.5 }], ["B5", { f: "B3*B4" }]]));
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
}, 180_000);
