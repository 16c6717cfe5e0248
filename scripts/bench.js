#!/usr/bin/env node
/**
 * `npm run bench` (builds first): ClinPay's speed and size against its targets, printed as a table
 * and written to BENCHMARKS.md with the machine it ran on. Not part of `npm test`.
 *
 *   node scripts/bench.js [--quick] [--no-write]
 *
 * --quick: 1M-row build and LibreOffice skipped (a smoke run of the script itself).
 * --no-write: print only, leave BENCHMARKS.md alone.
 *
 * Every figure is measured in this run; ratios compare with a reference measured in the same
 * run on the same machine (never a number from elsewhere). Each measurement runs in its own child
 * process, so one's heap and JIT state never colour the next, and peak RSS is that child's own
 * (process.resourceUsage().maxRSS).
 *
 * Needs the build: lib/ (tsc -p tsconfig.cli.json) and dist/ (webpack --mode production).
 * The CLI builds are timed as users run them: `node bin/clinpay.js` in a fresh process, which
 * reports its own wall time and peak RSS (scripts/bench/rusage.js).
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const vm = require("vm");
const zlib = require("zlib");
const { rng, writeAppointmentLog, writeExportLog } = require("./bench/logs");

const ROOT = path.join(__dirname, "..");
const LIB = path.join(ROOT, "lib");
const DIST = path.join(ROOT, "dist");
const BUDGET_FILE = path.join(__dirname, "bench", "budget.json");

// ---------------------------------------------------------------------------------------------
// Children: each prints one JSON object on stdout.

/** Best of `runs` timings of fn (after one warm-up), in seconds. */
function best(fn, runs = 5) {
  fn();
  let min = Infinity;
  for (let k = 0; k < runs; k++) {
    const t0 = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return min;
}

/** Core math over 1M generated inputs, and the same formula written inline as the reference. */
function childCore() {
  const { effectiveHourly } = require(path.join(LIB, "core", "pay.js"));
  const { tierPayout } = require(path.join(LIB, "core", "tiers.js"));
  const N = 1_000_000;
  const rand = rng(7);
  const col = (f) => Float64Array.from({ length: N }, f);
  const u = col(() => 1 + rand() * 5);
  const p = col(() => 20 + rand() * 100);
  const h = col(() => 4 + rand() * 36);
  const un = col(() => rand() * 10);
  const ns = col(() => rand() * 0.3);
  const ps = col(() => rand() * 0.5);
  const fx = col(() => (rand() < 0.5 ? 0 : rand() * 2000));
  let sink = 0;

  const ehCore = () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += effectiveHourly(u[i], p[i], h[i], un[i], ns[i], ps[i], fx[i]);
    sink += s;
  };
  // What a hand-written spreadsheet-free loop does: the SPEC formula, no checks.
  const ehInline = () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += (u[i] * h[i] * (1 - ns[i] * (1 - ps[i])) * p[i] + fx[i]) / (h[i] + un[i]);
    sink += s;
  };
  let a = 0;
  let b = 0;
  for (let i = 0; i < 1000; i++) {
    a += effectiveHourly(u[i], p[i], h[i], un[i], ns[i], ps[i], fx[i]);
    b += (u[i] * h[i] * (1 - ns[i] * (1 - ps[i])) * p[i] + fx[i]) / (h[i] + un[i]);
  }
  if (Math.abs(a - b) > 1e-6 * Math.abs(b)) throw new Error(`effectiveHourly disagrees with the inline formula: ${a} vs ${b}`);

  const thresholds = [0, 100, 200, 300, 400, 500, 600, 700, 800, 900];
  const rates = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45];
  const vol = col(() => rand() * 1200);
  const tpCore = () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += tierPayout(vol[i], thresholds, rates, "marginal");
    sink += s;
  };
  const tpInline = () => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      const v = vol[i];
      let pay = 0;
      for (let k = 0; k < 10 && v > thresholds[k]; k++) {
        const top = k + 1 < 10 ? Math.min(v, thresholds[k + 1]) : v;
        pay += rates[k] * (top - thresholds[k]);
      }
      s += pay;
    }
    sink += s;
  };
  if (Math.abs(tierPayout(950, thresholds, rates) - (5 * 100 + 10 * 100 + 15 * 100 + 20 * 100 + 25 * 100 + 30 * 100 + 35 * 100 + 40 * 100 + 45 * 50)) > 1e-9) {
    throw new Error("tierPayout disagrees with the worked example");
  }
  const out = {
    n: N,
    effectiveHourly: N / best(ehCore),
    effectiveHourlyInline: N / best(ehInline),
    tierPayout: N / best(tpCore, 3),
    tierPayoutInline: N / best(tpInline, 3),
  };
  if (!Number.isFinite(sink)) throw new Error("non-finite sink");
  return out;
}

/** dist/functions.js loaded as the JS-only runtime would, then a 10,000-row recalc as Excel sends it. */
function childFunctions() {
  const registered = new Map();
  class CfError extends Error {
    constructor(code, message) {
      super(message || code);
      this.code = code;
    }
  }
  const ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" };
  const CustomFunctions = {
    associate(id, fn) {
      if (typeof id === "string") registered.set(id, fn);
      else for (const [k, f] of Object.entries(id)) registered.set(k, f);
    },
    Error: CfError,
    ErrorCode,
  };
  // Run in this child's own global, as the runtime runs it in its own: a vm.createContext global
  // intercepts every global lookup (Number, Math...), which made the same calls ~40× slower.
  globalThis.CustomFunctions = CustomFunctions;
  new vm.Script(fs.readFileSync(path.join(DIST, "functions.js"), "utf8"), { filename: "dist/functions.js" }).runInThisContext();
  const EH = registered.get("EFFECTIVE_HOURLY");
  const TP = registered.get("TIER_PAYOUT");
  if (!EH || !TP) throw new Error("dist/functions.js did not register EFFECTIVE_HOURLY and TIER_PAYOUT");
  const { effectiveHourly } = require(path.join(LIB, "core", "pay.js"));
  const { tierPayout } = require(path.join(LIB, "core", "tiers.js"));

  // 10,000 rows of =CLINPAY.EFFECTIVE_HOURLY(A2,B2,C2,D2,E2,F2) (fixed_pay omitted: null), and
  // =CLINPAY.TIER_PAYOUT(H2,$J$1:$S$1,$J$2:$S$2): Excel sends one invocation per cell, ranges as
  // number[][] with empty cells as 0.
  const ROWS = 10_000;
  const rand = rng(11);
  const rows = Array.from({ length: ROWS }, () => [1 + rand() * 5, 20 + rand() * 100, 4 + rand() * 36, rand() * 10, rand() * 0.3, rand() * 0.5, null]);
  const thresholds = [[0, 100, 200, 300, 400, 500, 600, 700, 800, 900]];
  const rates = [[0, 5, 10, 15, 20, 25, 30, 35, 40, 45]];
  const vols = Array.from({ length: ROWS }, () => rand() * 1200);
  let sink = 0;
  const ehBundle = () => {
    for (const r of rows) sink += EH(r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
  };
  const ehCore = () => {
    for (const r of rows) sink += effectiveHourly(r[0], r[1], r[2], r[3], r[4], r[5], 0);
  };
  const tpBundle = () => {
    for (const v of vols) sink += TP(v, thresholds, rates, null);
  };
  const tpCore = () => {
    for (const v of vols) sink += tierPayout(v, thresholds[0], rates[0], "marginal");
  };
  // A whole-column reference: 10,000 tiers in one range, each method once and NEXT_TIER_GAP, as
  // test/unit/functions/fuzz.test.ts checks them (that test asserts the answers, this the time).
  const GAP = registered.get("NEXT_TIER_GAP");
  const wide = [Array.from({ length: 10_000 }, (_, i) => i * 10)];
  const wideRates = [Array.from({ length: 10_000 }, (_, i) => (i % 7) + 0.5)];
  const tpWide = () => {
    for (const method of ["marginal", "cliff", "flat"]) sink += TP(100_005, wide, wideRates, method);
    sink += GAP(12_345, wide);
  };
  if (Math.abs(EH(4, 75, 8, 1.5, 0.15, null, null) - 214.7368421) > 1e-6) throw new Error("dist EFFECTIVE_HOURLY gives the wrong SPEC example");
  const out = {
    rows: ROWS,
    ehBundle: best(ehBundle, 20),
    ehCore: best(ehCore, 20),
    tpBundle: best(tpBundle, 20),
    tpCore: best(tpCore, 20),
    tpWide: best(tpWide, 5),
  };
  if (!Number.isFinite(sink)) throw new Error("non-finite sink");
  return out;
}

/**
 * Reading big and broken CSVs (the sizes test/unit/cli/fuzz-readers.test.ts checks at 4 MB for what
 * they read): `shape` is "log" (a 50 MB appointment log read in full), "parse" (parseCsv on
 * 100,000 rows × 8 columns, in memory), or a 50 MB file of one repeated unit that must be refused.
 * Peak RSS is this child's own.
 */
async function childReaders({ shape, file }) {
  const { readTable } = require(path.join(LIB, "cli", "read.js"));
  const { parseCsv } = require(path.join(LIB, "core", "csv.js"));
  const { parseAppointments } = require(path.join(LIB, "core", "inputs", "logs.js"));
  const { InputError } = require(path.join(LIB, "core", "table.js"));
  if (shape === "parse") {
    const line = '2025-01-06,completed,"video link failed, patient",system,99214,1.92,video,12.5\n';
    const text = "date,status,reason,cause_type,code,wrvu,visit_type,extra\n" + line.repeat(100_000);
    let rows = 0;
    const seconds = best(() => (rows = parseCsv(text, "big.csv").rows.length), 3);
    if (rows !== 100_000) throw new Error(`parseCsv read ${rows} rows`);
    return { seconds, maxRss: process.resourceUsage().maxRSS * 1024 };
  }
  const t0 = process.hrtime.bigint();
  let outcome;
  try {
    outcome = `${parseAppointments(await readTable(file, "appointments")).length} rows`;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    outcome = "refused";
  }
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, maxRss: process.resourceUsage().maxRSS * 1024, outcome };
}

/** The Office renderer (src/render/excel.ts) building the real RVU Leakage plan into the fake. */
async function childOffice({ csv }) {
  require("./bench/ts-hook");
  const { renderPlanToExcel } = require(path.join(ROOT, "src", "render", "excel.ts"));
  const { FakeWorkbook } = require(path.join(ROOT, "test", "helpers", "fake-workbook.ts"));
  const { buildFromFlags } = require(path.join(LIB, "cli", "sheet-command.js"));
  const { SHEETS } = require(path.join(LIB, "sheets", "registry.js"));
  const io = { out() {}, err() {}, progress() {} };
  const leakage = SHEETS.find((s) => s.kind === "rvu-leakage");
  const { plan } = await buildFromFlags(leakage, { appointments: csv }, io);
  const wb = new FakeWorkbook(["Sheet1"]);
  const t0 = process.hrtime.bigint();
  const res = await renderPlanToExcel(wb, plan);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const bytes = wb.requests.map((r) => r.bytes);
  return { syncs: res.syncs, roundTrips: wb.roundTrips, maxRequest: Math.max(...bytes), totalBytes: bytes.reduce((a, b) => a + b, 0), requests: bytes.length, seconds };
}

async function runChildMode(mode, arg) {
  const out = mode === "core" ? childCore() : mode === "functions" ? childFunctions() : mode === "readers" ? await childReaders(arg) : await childOffice(arg);
  process.stdout.write(JSON.stringify(out));
}

function spawnJson(args, timeoutMs) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26, timeout: timeoutMs });
  if (r.status === 0) {
    try {
      return JSON.parse(r.stdout);
    } catch {
      return { failed: `unreadable output: ${r.stdout.slice(0, 100)}` };
    }
  }
  const lines = `${r.stderr || ""}`.split("\n").map((l) => l.trim()).filter(Boolean);
  const why = (r.error && r.error.message) || lines.find((l) => /out of memory|^FATAL|Error/.test(l)) || lines[lines.length - 1] || `exit ${r.status ?? r.signal}`;
  return { failed: why.slice(0, 160) };
}

const child = (mode, arg = {}, timeoutMs = 600_000) => spawnJson([__filename, "--child", mode, JSON.stringify(arg)], timeoutMs);

// ---------------------------------------------------------------------------------------------
// LibreOffice: load + recalculate the built file, as an independent yardstick for the build time.

const RECALC_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Runs `node bin/clinpay.js …args` exactly as a user would, with scripts/bench/rusage.js preloaded
 * to report the process's own wall time and peak RSS. `expect` is the exit code it should end with.
 */
function runClinpay(args, work, expect = 0) {
  const report = path.join(work, `rusage-${process.hrtime.bigint()}.json`);
  const r = spawnSync(process.execPath, ["-r", path.join(__dirname, "bench", "rusage.js"), path.join(ROOT, "bin", "clinpay.js"), ...args], {
    encoding: "utf8",
    env: { ...process.env, CLINPAY_BENCH_RUSAGE: report },
    maxBuffer: 1 << 26,
    timeout: 15 * 60_000,
  });
  if (r.status !== expect) return { failed: `exit ${r.status ?? r.signal}: ${(r.stderr || "").split("\n").find((l) => l.trim()) ?? ""}`.slice(0, 120) };
  try {
    return JSON.parse(fs.readFileSync(report, "utf8"));
  } catch {
    return { failed: "no resource report" };
  }
}

function soffice() {
  const r = spawnSync("soffice", ["--version"], { encoding: "utf8", timeout: 60_000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Seconds soffice takes to open `file`, recalculate every formula ("always recalculate" profile)
 *  and save its first sheet as CSV, which costs little beside the load. */
function timeLibreOffice(file, work) {
  const profile = fs.mkdtempSync(path.join(work, "lo-profile-"));
  fs.mkdirSync(path.join(profile, "user"));
  fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), RECALC_XCU);
  const outDir = fs.mkdtempSync(path.join(work, "lo-out-"));
  const t0 = process.hrtime.bigint();
  const r = spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--nolockcheck", "--convert-to", "csv", "--outdir", outDir, file], {
    encoding: "utf8",
    timeout: 600_000,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const csv = path.join(outDir, path.basename(file).replace(/\.xlsx$/, ".csv"));
  if (r.status !== 0 || !fs.existsSync(csv)) throw new Error(`soffice failed on ${file}: ${(r.stderr || "").slice(0, 200)}`);
  const text = fs.readFileSync(csv, "utf8");
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(profile, { recursive: true, force: true });
  // A recalculated sheet shows no formula errors; LibreOffice writes them as Err:5xx or #NAME?.
  if (/Err:\d{3}|#NAME\?/.test(text)) throw new Error(`LibreOffice shows formula errors in ${file}`);
  return seconds;
}

// ---------------------------------------------------------------------------------------------
// Bundles

function bundleSizes() {
  const { files: budget, sheetChunks } = JSON.parse(fs.readFileSync(BUDGET_FILE, "utf8"));
  const files = fs.readdirSync(DIST).filter((f) => f.endsWith(".js")).sort();
  return files.map((f) => {
    const bytes = fs.readFileSync(path.join(DIST, f));
    // Each sheet's chunk (sheet-<kind>.js) shares one budget; the bundle test checks there is one per sheet.
    return { file: f, minified: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length, budget: budget[f] ?? (f.startsWith("sheet-") ? sheetChunks : undefined) };
  });
}

// ---------------------------------------------------------------------------------------------
// The machine

function machine() {
  let cpu = os.cpus()[0]?.model ?? "unknown";
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"));
    if (m) cpu = m[1].trim();
  } catch {
    /* not Linux */
  }
  const nproc = spawnSync("nproc", [], { encoding: "utf8" });
  return {
    cpus: nproc.status === 0 ? Number(nproc.stdout.trim()) : os.cpus().length,
    cpu,
    ramGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    libreoffice: soffice(),
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
}

// ---------------------------------------------------------------------------------------------
// The table

/** An appointment log (ClinPay's own headers) of at least `bytes`: the row count estimated, then raised until it is. */
function writeBigLog(file, bytes) {
  let rows = Math.ceil(bytes / 40);
  while (writeAppointmentLog(file, rows) < bytes) rows = Math.ceil(rows * 1.2);
}

const fmtInt = (n) => Math.round(n).toLocaleString("en-US");
const fmtM = (n) => `${(n / 1e6).toFixed(2)} M/s`;
const fmtS = (s) => (s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`);
const fmtMB = (b) => `${(b / 1048576).toFixed(0)} MB`;
const fmtKiB = (b) => `${(b / 1024).toFixed(1)} KiB`;
const ratio = (x, what) => `${x.toFixed(2)}× ${what}`;

function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") {
    runChildMode(argv[1], JSON.parse(argv[2] || "{}")).catch((e) => {
      console.error(e && e.stack ? e.stack : String(e));
      process.exit(1);
    });
    return;
  }
  const quick = argv.includes("--quick");
  const write = !argv.includes("--no-write");
  for (const need of [path.join(LIB, "cli", "main.js"), path.join(DIST, "functions.js")]) {
    if (!fs.existsSync(need)) {
      console.error(`${path.relative(ROOT, need)} is missing: run \`npm run build\` first (\`npm run bench\` does).`);
      process.exit(1);
    }
  }
  const started = Date.now();
  // What else the machine was doing: a shared CI box or a laptop mid-build slows every time figure.
  const loadAtStart = os.loadavg()[0];
  const rows = []; // [figure, measured, target, ratio, met]
  const add = (figure, measured, target, r = "", met = undefined) => rows.push([figure, measured, target, r, met === undefined ? "—" : met ? "yes" : "NO"]);
  const failed = (figure, target, why) => rows.push([figure, `not measured: ${why}`, target, "", "NO"]);
  const log = (s) => process.stderr.write(`bench: ${s}\n`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-bench-"));

  try {
    log("core math, 1M inputs");
    const core = child("core");
    if (core.failed) failed("EFFECTIVE_HOURLY core, calls/s (1M inputs)", "≥ 5 M/s", core.failed);
    else {
      add("EFFECTIVE_HOURLY core, calls/s (1M inputs)", fmtM(core.effectiveHourly), "≥ 5 M/s", ratio(core.effectiveHourly / core.effectiveHourlyInline, "inline formula"), core.effectiveHourly >= 5e6);
      add("TIER_PAYOUT core, 10 tiers, calls/s (1M inputs)", fmtM(core.tierPayout), "≥ 1 M/s (ours)", ratio(core.tierPayout / core.tierPayoutInline, "inline loop"), core.tierPayout >= 1e6);
    }

    log("dist/functions.js, 10,000-row recalc");
    const fx = child("functions");
    if (fx.failed) failed("dist/functions.js EFFECTIVE_HOURLY, 10,000 rows", "< 50 ms (ours)", fx.failed);
    else {
      add("dist/functions.js EFFECTIVE_HOURLY, 10,000 rows", fmtS(fx.ehBundle), "< 50 ms (ours)", ratio(fx.ehBundle / fx.ehCore, "core time"), fx.ehBundle < 0.05);
      add("dist/functions.js TIER_PAYOUT (1×10 ranges), 10,000 rows", fmtS(fx.tpBundle), "< 50 ms (ours)", ratio(fx.tpBundle / fx.tpCore, "core time"), fx.tpBundle < 0.05);
      add("dist/functions.js TIER_PAYOUT over 10,000 tiers (3 methods) + NEXT_TIER_GAP", fmtS(fx.tpWide), "< 2 s (ours)", "", fx.tpWide < 2);
    }

    log("CSV readers: 100,000 rows in memory, 50 MB files");
    const parse = child("readers", { shape: "parse" });
    if (parse.failed) failed("parseCsv, 100,000 rows × 8 columns", "< 1 s (ours)", parse.failed);
    else add("parseCsv, 100,000 rows × 8 columns", fmtS(parse.seconds), "< 1 s (ours)", "", parse.seconds < 1);
    if (!quick) {
      const big = path.join(work, "big-50mb.csv");
      writeBigLog(big, 50 * 1024 * 1024);
      const r = child("readers", { shape: "log", file: big });
      const label = "a 50 MB appointment log read in full (readTable + parse): time, peak RSS";
      if (r.failed) failed(label, "< 30 s, < 2.5 GB (ours)", r.failed);
      else add(label, `${fmtS(r.seconds)}, ${fmtMB(r.maxRss)}`, "< 30 s, < 2.5 GB (ours)", r.outcome, r.seconds < 30 && r.maxRss < 2.5 * 1024 ** 3);
      for (const [name, unit] of [["blank lines", "\r\n"], ["commas", ","], ["one giant cell", "x"], ["quotes", '"']]) {
        const file = path.join(work, "shape.csv");
        fs.writeFileSync(file, unit.repeat(Math.ceil((50 * 1024 * 1024) / unit.length)));
        const x = child("readers", { shape: "refuse", file });
        const what = `50 MB of ${name}, refused: time, peak RSS`;
        if (x.failed) failed(what, "< 60 s (ours)", x.failed);
        else add(what, `${fmtS(x.seconds)}, ${fmtMB(x.maxRss)}`, "< 60 s (ours)", x.outcome, x.outcome === "refused" && x.seconds < 60);
      }
      fs.rmSync(big, { force: true });
    }

    const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
    const logs = {};
    for (const n of sizes) {
      logs[n] = path.join(work, `appointments-${n}.csv`);
      writeAppointmentLog(logs[n], n);
    }
    for (const n of sizes) {
      log(`clinpay leakage, ${fmtInt(n)} rows`);
      const label = `clinpay leakage, ${fmtInt(n)} rows`;
      const target = n === 1_000_000 ? "≤ 500 MB" : n === 100_000 ? "< 5 s, < 500 MB" : "< 1 s (ours)";
      const out = path.join(work, `leakage-${n}.xlsx`);
      // Small builds take about a second, where a shared machine's noise is a third of it: the
      // fastest of three runs (the 1M build runs once).
      const runs = n < 1_000_000 ? 3 : 1;
      let r = runClinpay(["leakage", "--appointments", logs[n], "-o", out], work);
      for (let k = 1; k < runs && !r.failed; k++) {
        const again = runClinpay(["leakage", "--appointments", logs[n], "-o", out], work);
        if (!again.failed && again.seconds < r.seconds) r = again;
      }
      if (r.failed) {
        failed(label, target, r.failed);
        continue;
      }
      const met = n === 1_000_000 ? r.maxRss <= 500 * 1048576 : n === 100_000 ? r.seconds < 5 && r.maxRss < 500 * 1048576 : r.seconds < 1;
      add(`${label}: time, peak RSS`, `${fmtS(r.seconds)}, ${fmtMB(r.maxRss)}`, target, "", met);
      add(`${label}: .xlsx size`, `${fmtInt(fs.statSync(out).size)} bytes`, "—", ratio(fs.statSync(out).size / fs.statSync(logs[n]).size, "the CSV"));
      fs.rmSync(out, { force: true });
    }

    // The other sheets that read the whole log: the same sizes, one run each.
    for (const [command, extra] of [["telehealth", ["--change-date", "2026-04-01"]], ["targets", ["--wrvu-target", "5000"]]]) {
      for (const n of sizes.filter((k) => k >= 100_000)) {
        log(`clinpay ${command}, ${fmtInt(n)} rows`);
        const label = `clinpay ${command} --appointments, ${fmtInt(n)} rows: time, peak RSS`;
        const target = n === 1_000_000 ? "≤ 500 MB (ours)" : "< 5 s, < 500 MB (ours)";
        const out = path.join(work, `${command}-${n}.xlsx`);
        const r = runClinpay([command, "--appointments", logs[n], ...extra, "-o", out], work);
        if (r.failed) failed(label, target, r.failed);
        else add(label, `${fmtS(r.seconds)}, ${fmtMB(r.maxRss)}`, target, "", n === 1_000_000 ? r.maxRss <= 500 * 1048576 : r.seconds < 5 && r.maxRss < 500 * 1048576);
        fs.rmSync(out, { force: true });
      }
    }

    if (!quick) {
      log("clinpay leakage, 1,000,000-row Epic-shaped export");
      const label = "clinpay leakage, 1,000,000-row Epic-shaped export (aliases, modifiers, two providers, --provider all): time, peak RSS";
      const csv = path.join(work, "epic-1m.csv");
      writeExportLog(csv, 1_000_000);
      const r = runClinpay(["leakage", "--appointments", csv, "--provider", "all", "-o", path.join(work, "epic-1m.xlsx")], work);
      if (r.failed) failed(label, "≤ 500 MB", r.failed);
      else add(label, `${fmtS(r.seconds)}, ${fmtMB(r.maxRss)}`, "≤ 500 MB", "", r.maxRss <= 500 * 1048576);
      fs.rmSync(csv, { force: true });

      log("reading a 1,048,575-row .xlsx");
      const xlsxLabel = "reading a 1,048,575-row .xlsx log (clinpay leakage, refused as one past the sheet): time, peak RSS";
      const xlsx = path.join(work, "appointments-1048575.xlsx");
      const made = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(path.join(__dirname, "bench", "logs.js"))}).writeAppointmentXlsx(${JSON.stringify(xlsx)}, 1048575)`], { cwd: ROOT, encoding: "utf8" });
      if (made.status !== 0) failed(xlsxLabel, "≤ 500 MB", `could not write the workbook: ${made.stderr.slice(0, 120)}`);
      else {
        const x = runClinpay(["leakage", "--appointments", xlsx, "-o", path.join(work, "never.xlsx")], work, 2);
        if (x.failed) failed(xlsxLabel, "≤ 500 MB", x.failed);
        else add(xlsxLabel, `${fmtS(x.seconds)}, ${fmtMB(x.maxRss)}`, "≤ 500 MB", "", x.maxRss <= 500 * 1048576);
      }
      fs.rmSync(xlsx, { force: true });
    }

    // The file LibreOffice opens, built by the real entry point as a user would run it.
    const lo = quick ? null : soffice();
    if (!quick) {
      const label = "LibreOffice load + recalc of the 100,000-row build";
      if (!lo) failed(label, "—", "soffice not found");
      else {
        log("LibreOffice load + recalculate, 100,000 rows");
        try {
          const built = path.join(work, "leakage-100k.xlsx");
          const t0 = process.hrtime.bigint();
          const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "clinpay.js"), "leakage", "--appointments", logs[100_000], "-o", built], { encoding: "utf8" });
          const buildSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
          if (r.status !== 0) throw new Error(`clinpay leakage exited ${r.status}: ${r.stderr.slice(0, 200)}`);
          const tiny = path.join(work, "leakage-10.xlsx");
          writeAppointmentLog(path.join(work, "appointments-10.csv"), 10);
          spawnSync(process.execPath, [path.join(ROOT, "bin", "clinpay.js"), "leakage", "--appointments", path.join(work, "appointments-10.csv"), "-o", tiny]);
          const startup = Math.min(timeLibreOffice(tiny, work), timeLibreOffice(tiny, work));
          const full = timeLibreOffice(built, work);
          const net = Math.max(full - startup, 1e-3);
          add(`${label} (net of ${startup.toFixed(1)} s start-up)`, fmtS(net), "—");
          add("clinpay leakage 100,000 rows, whole process (node bin/clinpay.js)", fmtS(buildSeconds), "≤ 0.5× LibreOffice load + recalc", ratio(buildSeconds / net, "LibreOffice load + recalc"), buildSeconds <= 0.5 * net);
        } catch (e) {
          failed(label, "—", String(e.message || e).slice(0, 160));
        }
      }
    }

    log("Office renderer on the fake workbook, 100,000 rows");
    const office = child("office", { csv: logs[100_000] });
    if (office.failed) failed("Office renderer, 100,000-row RVU Leakage", "≤ 20 syncs, each request < 5 MB", office.failed);
    else {
      add("Office renderer, 100,000-row RVU Leakage: round trips", String(office.syncs), "≤ 20", "", office.syncs <= 20);
      add("Office renderer, 100,000-row RVU Leakage: largest request", `${(office.maxRequest / 1e6).toFixed(2)} MB`, "< 5 MB", ratio(office.maxRequest / 5e6, "the 5 MB limit"), office.maxRequest < 5e6);
    }

    log("bundle sizes");
    for (const b of bundleSizes()) {
      if (!b.budget) {
        add(`dist/${b.file}`, `${fmtKiB(b.minified)} min, ${fmtKiB(b.gzip)} gzip`, "no budget", "", false);
        continue;
      }
      add(`dist/${b.file} minified`, fmtKiB(b.minified), `≤ ${fmtKiB(b.budget.minified)}`, ratio(b.minified / b.budget.minified, "budget"), b.minified <= b.budget.minified);
      add(`dist/${b.file} gzip`, fmtKiB(b.gzip), `≤ ${fmtKiB(b.budget.gzip)}`, ratio(b.gzip / b.budget.gzip, "budget"), b.gzip <= b.budget.gzip);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  const m = machine();
  const head = ["figure", "measured", "target", "ratio", "met?"];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r) => r.map((cell, c) => cell.padEnd(widths[c])).join(" | ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const r of rows) console.log(line(r));
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  const machineLine = `${m.cpus} × ${m.cpu}, ${m.ramGiB.toFixed(1)} GiB RAM, ${m.os}, Node ${m.node}${m.libreoffice ? `, ${m.libreoffice}` : ""}`;
  const loadLine = `load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end (on ${m.cpus} cores: above ${m.cpus} other work was slowing every time figure)`;
  console.log(`\n${machineLine}; ${m.date}; bench took ${minutes} min; ${loadLine}`);
  const missed = rows.filter((r) => r[4] === "NO").length;
  if (missed) console.log(`${missed} figure(s) missed their target.`);

  if (write && !quick) {
    const md = [
      "# Benchmarks",
      "",
      "Written by `npm run bench` (scripts/bench.js) from one run; every number below was measured in",
      "that run. Targets marked (ours) are ClinPay's own; the others come from the performance issue.",
      "Ratios compare with a reference measured in the same run on the same machine.",
      "",
      `Machine: ${machineLine}.`,
      `Run: ${m.date}, ${minutes} min; ${loadLine}.`,
      "",
      `| ${head.join(" | ")} |`,
      `| ${head.map(() => "---").join(" | ")} |`,
      ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`),
      "",
      "How each figure is measured:",
      "",
      "- Core: lib/core's effectiveHourly and tierPayout (the math every sheet, function and CLI path",
      "  shares, argument checks included) called on 1,000,000 generated inputs, best of several runs",
      "  after a warm-up; the reference is the SPEC formula (or the marginal-tier loop) written inline",
      "  with no checks.",
      "- dist/functions.js: the production bundle run in a fresh Node process given only a",
      "  CustomFunctions global, as the JS-only runtime loads it, then 10,000 invocations as Excel sends a column of formulas",
      "  (scalars, omitted arguments as null, ranges as number[][]); the reference is the same",
      "  10,000 calls straight into lib/core.",
      "- clinpay leakage: `node bin/clinpay.js leakage …` as a user runs it (read and parse the file,",
      "  compute, plan, stream the .xlsx), one fresh process per size, with scripts/bench/rusage.js",
      "  preloaded to report that process's own wall time and maxRSS (10k and 100k rows: the fastest",
      "  of three runs). Logs are generated from fixed",
      "  seeds (scripts/bench/logs.js): ClinPay's own headers, an Epic Cadence-shaped export, and a",
      "  1,048,575-row .xlsx with date cells (one row more than the sheet can copy, so the run reads",
      "  it all and is refused: the figure is the streaming read).",
      "- CSV readers: parseCsv on 100,000 generated rows in memory (best of three), and lib/cli/read's",
      "  readTable with the appointment parser on a 50 MB log and on 50 MB of blank lines, commas, one",
      "  giant cell and quotes, each in a fresh process (its own peak RSS). `npm test` reads the same",
      "  shapes at 4 MB for what they hold; how long and how much memory is measured only here.",
      "- LibreOffice: soffice --headless opening the 100,000-row build with \"always recalculate\" and",
      "  saving a CSV, minus the same for a 10-row build (start-up); compared with",
      "  `node bin/clinpay.js leakage` building that file, start to exit.",
      "- Office renderer: src/render/excel.ts drawing the real 100,000-row RVU Leakage plan into the",
      "  in-memory fake workbook (test/helpers/fake-workbook.ts), which counts round trips and request",
      "  bytes the way Office.js would send them.",
      "- Bundles: dist/*.js as built by webpack --mode production, and gzip -9 of each; the budget is",
      "  scripts/bench/budget.json, which test/unit/build/bundle-budget.test.ts enforces in CI.",
      "",
    ].join("\n");
    fs.writeFileSync(path.join(ROOT, "BENCHMARKS.md"), md);
    console.log("Wrote BENCHMARKS.md");
  }
}

main();
