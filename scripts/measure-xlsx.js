#!/usr/bin/env node
/**
 * How long the xlsx renderer takes and how much memory it needs for a copied appointment log of
 * 10k, 100k and 1M rows × 8 columns (the RVU Leakage sheet's shape: a few figures over the log,
 * a small table with two charts, the log itself from column O). Each size and mode runs in its
 * own child process, so one run's heap never inflates the next one's peak RSS.
 *
 *   npm run build:cli && node scripts/measure-xlsx.js [--lib DIR] [--rows 10000,100000,1000000]
 *                                                    [--mode file,cli,buffer] [--runs N]
 *
 * --lib: the compiled sources (default lib/, from `tsc -p tsconfig.cli.json`); pointing it at
 *   another build compares two versions of the renderer.
 * --mode (default file,cli): file, writeXlsxFile on the plan above; buffer, renderXlsx into
 *   memory; cli, the whole `clinpay leakage --appointments log.csv` in one process (read, parse,
 *   metrics, plan, write) on the same log written as a CSV.
 * --runs: repeat each size and keep the fastest run (the machine may be busy).
 * Exits 1 when any run failed (its row says why, e.g. out of memory), else 0.
 *
 * Columns: seconds, wall clock (file/buffer: render and write only; cli: the whole command);
 * CPU s, user + system over the same span (steadier than wall clock on a shared machine, and it
 * can exceed it: deflate and the GC run on other threads); peak RSS of the whole process, plan
 * included as in the CLI; plan RSS, with just the plan built ("-" for cli, which builds its
 * own); and the file's bytes. Prints only what it measured.
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
// One seeded generator for every benchmark log, so every run and mode sees the same bytes.
const { rng } = require("./bench/logs");

const ROOT = path.join(__dirname, "..");

function args(argv) {
  const out = { lib: path.join(ROOT, "lib"), rows: [10000, 100000, 1000000], mode: ["file", "cli"], runs: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === "--lib") out.lib = path.resolve(v);
    else if (k === "--rows") out.rows = v.split(",").map(Number);
    else if (k === "--mode") out.mode = v.split(",");
    else if (k === "--runs") out.runs = Number(v);
    else if (k === "--child") out.child = JSON.parse(v);
    else continue;
    i++;
  }
  return out;
}

const STATUS = ["completed", "completed", "completed", "completed", "no_show", "late_cancel", "cancelled"];
const REASONS = ["video link failed", "patient forgot", "platform outage", "scheduling error", "sick"];
const CODES = ["99213", "99214", "99215", "98005", "90834"];
const VISIT = ["video", "audio", "in_person"];

const DAY0 = 46023; // 2026-01-01 as an Excel serial
const isoDate = (serial) => new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10);

/** The appointment log, one record at a time: date serial, status, reason, cause, code (text),
 *  wRVU, visit type. Seeded, so every run and every mode sees the same log. */
function* logRecords(n) {
  const rand = rng(20260101);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  for (let i = 1; i <= n; i++) {
    const status = pick(STATUS);
    const missed = status === "no_show" || status === "late_cancel";
    yield [
      DAY0 + Math.floor((i * 365) / n),
      status,
      missed ? pick(REASONS) : null,
      missed ? (rand() < 0.5 ? "system" : "patient") : null,
      pick(CODES),
      rand() < 0.3 ? Math.round(rand() * 400) / 100 : null,
      pick(VISIT),
    ];
  }
}

/** The log block as the leakage plan copies it: the record plus its source row. */
function logRows(n) {
  const rows = [["date", "status", "reason", "cause_type", "code", "wrvu", "visit_type", "source row"]];
  let i = 1;
  // A literal of eight, as the leakage plan builds its rows: spreading or pushing onto the
  // record would give each row spare capacity and inflate the plan's memory.
  for (const [date, status, reason, cause, code, wrvu, visit] of logRecords(n))
    rows.push([date, status, reason, cause, code, wrvu, visit, ++i]);
  return rows;
}

/** The same log as the CSV a user would hand `clinpay leakage`, written a chunk at a time. */
function writeLogCsv(n, file) {
  const fd = fs.openSync(file, "w");
  let chunk = "date,status,reason,cause_type,code,wrvu,visit_type\n";
  for (const [date, ...rest] of logRecords(n)) {
    chunk += [isoDate(date), ...rest.map((v) => (v === null ? "" : v))].join(",") + "\n";
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = "";
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

function benchPlan(n) {
  const first = 6;
  const last = first + n - 1;
  const col = (letter) => `$${letter}$${first}:$${letter}$${last}`;
  const statuses = ["completed", "no_show", "late_cancel", "cancelled"];
  const counts = statuses.map((s) => ({ f: `COUNTIF(${col("P")},"${s}")`, v: 0 }));
  return {
    kind: "rvu-leakage",
    name: "RVU Leakage",
    columnWidths: [28, 14, 12, 12],
    freeze: { rows: 5, cols: 0 },
    blocks: [
      { row: 0, col: 0, style: "title", cells: [["RVU Leakage (benchmark)"]] },
      { row: 1, col: 0, style: "meta", cells: [["Built by scripts/measure-xlsx.js"]] },
      { row: 3, col: 0, style: "labels", cells: [["Rows", { f: `COUNT(${col("O")})`, v: n }]], formats: [undefined, "#,##0"] },
      {
        row: 6,
        col: 0,
        style: "table",
        cells: [["Status", "Visits", "wRVUs"], ...statuses.map((s, i) => [s, counts[i], { f: `SUMIF(${col("P")},"${s}",${col("T")})`, v: 0 }])],
        formats: [undefined, "#,##0", "#,##0.00"],
      },
      { row: 4, col: 14, style: "table", cells: logRows(n), formats: ["yyyy-mm-dd", undefined, undefined, undefined, "@", "#,##0.00", undefined, "0"] },
      { row: 12, col: 0, style: "note", cells: [["How to read this"], ["Synthetic rows; only the renderer is measured."]] },
    ],
    charts: [
      { type: "column", title: "Visits by status", categoriesRef: "$A$8:$A$11", series: [{ nameRef: "$B$7", valuesRef: "$B$8:$B$11" }], at: { row: 15, col: 0, width: 6, height: 12 } },
      { type: "bar", title: "wRVUs by status", categoriesRef: "$A$8:$A$11", series: [{ nameRef: "$C$7", valuesRef: "$C$8:$C$11" }], at: { row: 15, col: 7, width: 6, height: 12 } },
    ],
  };
}

/** Runs the whole CLI in this process: read and parse the CSV, build the plan, write. */
async function runCli(lib, csv, file) {
  const { main } = require(path.join(lib, "cli", "main.js"));
  const errors = [];
  const io = { out: () => undefined, err: (line) => errors.push(line), progress: () => undefined };
  const code = await main(["leakage", "--appointments", csv, "-o", file], io);
  if (code !== 0) throw new Error(`clinpay leakage exited ${code}: ${errors.join(" ").slice(0, 200)}`);
}

async function child({ lib, rows, mode, csv }) {
  const { renderXlsx, writeXlsxFile } = require(path.join(lib, "render", "xlsx.js"));
  const plan = mode === "cli" ? null : benchPlan(rows);
  // Collected first, so the figure is the plan and not the garbage left from building it
  // (runChild passes --expose-gc; scripts/bench.js starts this child too).
  if (global.gc) global.gc();
  const planRss = plan ? process.memoryUsage().rss : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-measure-"));
  const u0 = process.resourceUsage();
  const cpu0 = (u0.userCPUTime + u0.systemCPUTime) / 1e6;
  const file = path.join(dir, "bench.xlsx");
  try {
    const t0 = process.hrtime.bigint();
    let bytes;
    if (mode === "buffer") bytes = (await renderXlsx([plan])).length;
    else {
      if (mode === "cli") await runCli(lib, csv, file);
      else await writeXlsxFile([plan], file);
      bytes = fs.statSync(file).size;
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const u = process.resourceUsage();
    const cpu = (u.userCPUTime + u.systemCPUTime) / 1e6 - cpu0;
    process.stdout.write(JSON.stringify({ seconds, cpu, bytes, planRss, maxRss: u.maxRSS * 1024 }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(lib, rows, mode, csv) {
  const r = spawnSync(process.execPath, ["--expose-gc", __filename, "--child", JSON.stringify({ lib, rows, mode, csv })], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
    timeout: 15 * 60 * 1000,
  });
  if (r.status === 0) return JSON.parse(r.stdout);
  const lines = (r.stderr || "").split("\n").map((l) => l.trim()).filter(Boolean);
  const why =
    (r.error && r.error.message) ||
    lines.find((l) => /out of memory|^FATAL|Error:/.test(l)) ||
    lines[lines.length - 1] ||
    `exit ${r.status ?? r.signal}`;
  return { failed: /heap out of memory/.test(why) ? "out of memory" : why.replace(/^FATAL ERROR:\s*/, "").slice(0, 60) };
}

function main() {
  const opt = args(process.argv.slice(2));
  if (opt.child) return child(opt.child);
  if (!fs.existsSync(path.join(opt.lib, "render", "xlsx.js"))) {
    console.error(`No compiled renderer in ${opt.lib}: run \`npm run build:cli\` first (or pass --lib DIR).`);
    process.exit(1);
  }
  const mb = (b) => (b / 1048576).toFixed(0);
  const head = ["rows", "mode", "seconds", "CPU s", "peak RSS MB", "plan RSS MB", "bytes"];
  const table = [head];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-measure-csv-"));
  let failures = 0;
  for (const rows of opt.rows) {
    const csv = path.join(tmp, `appointments-${rows}.csv`);
    if (opt.mode.includes("cli")) writeLogCsv(rows, csv);
    for (const mode of opt.mode) {
      let best;
      for (let i = 0; i < opt.runs; i++) {
        const r = runChild(opt.lib, rows, mode, csv);
        if (r.failed) {
          best = r;
          break;
        }
        if (!best || r.seconds < best.seconds) best = r;
      }
      if (best.failed) failures++;
      table.push(
        best.failed
          ? [rows.toLocaleString("en-US"), mode, `failed: ${best.failed}`, "", "", "", ""]
          : [
              rows.toLocaleString("en-US"),
              mode,
              best.seconds.toFixed(2),
              best.cpu.toFixed(2),
              mb(best.maxRss),
              best.planRss === null ? "-" : mb(best.planRss),
              best.bytes.toLocaleString("en-US"),
            ]
      );
    }
    fs.rmSync(csv, { force: true });
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const widths = head.map((_, c) => Math.max(...table.map((r) => r[c].length)));
  console.log(`xlsx renderer, ${opt.lib}, node ${process.version}, ${os.cpus().length} CPUs`);
  for (const r of table) console.log(r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "));
  if (failures) process.exitCode = 1;
}

main();
