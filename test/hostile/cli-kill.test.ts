/**
 * `clinpay leakage` killed with SIGKILL while it writes: no signal handler, no finally block, no
 * clean-up runs, exactly as when a laptop dies or the OOM killer strikes. What must hold is what
 * writeXlsxFile promises: the output path holds either nothing or a complete workbook — never a
 * partial one — a workbook already there from an earlier run survives byte for byte, and the
 * next run removes the hidden temp file the killed one could not.
 *
 * Spawns the real entry point (bin/clinpay.js → lib/), which `npm test`'s pretest builds; this
 * test does not build it, so a missing lib/ fails with the command to run.
 */
import { spawn, spawnSync, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { tempPattern, writeLog } from "../helpers/big-log";
import { tempNameFor } from "../../src/render/xlsx/atomic-file";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/clinpay.js");
const ROWS = 120_000;
/** A build of ROWS rows in a fresh process takes a few seconds on a quiet machine and was measured
 *  at 10-15 times that on a loaded 2-core CI machine: this budget holds there, with room. */
const BUDGET = 300_000;

let dir: string;
let log: string;

function tempFileOf(out: string): { name: string; size: number; pid: number } | undefined {
  const re = tempPattern(out);
  for (const name of fs.readdirSync(path.dirname(out))) {
    const m = re.exec(name);
    if (!m) continue;
    try {
      return { name, size: fs.statSync(path.join(path.dirname(out), name)).size, pid: Number(m[1]) };
    } catch {
      return undefined; // renamed between the listing and the stat
    }
  }
  return undefined;
}

function leakage(out: string): ChildProcess {
  return spawn(process.execPath, [BIN, "leakage", "--appointments", log, "-o", out], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });

/**
 * Runs the build and SIGKILLs it once its temp file holds at least `minBytes` (0: as soon as it
 * exists). Resolves with the temp file as last seen before the kill.
 */
async function killDuringWrite(out: string, minBytes: number): Promise<{ name: string; size: number; pid: number }> {
  const child = leakage(out);
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const done = exited(child);
  let finished = false;
  void done.then(() => (finished = true));
  for (;;) {
    if (finished) throw new Error(`the build ended before its temp file reached ${minBytes} bytes; make the log bigger. stderr: ${stderr}`);
    const tmp = tempFileOf(out);
    if (tmp && tmp.size >= minBytes) {
      child.kill("SIGKILL");
      await done;
      return tmp;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function isCompleteWorkbook(file: string): Promise<boolean> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const sheet = await zip.file("xl/worksheets/sheet1.xml")?.async("string");
  return !!sheet && sheet.trimEnd().endsWith("</worksheet>") && !!zip.file("[Content_Types].xml");
}

let fullSize = 0;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, "lib/cli/main.js"))) {
    throw new Error("lib/ is missing, so bin/clinpay.js cannot run: build it with `npx tsc -p tsconfig.cli.json` (npm test's pretest does this)");
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-kill-"));
  log = path.join(dir, "appointments.csv");
  writeLog(log, ROWS);
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("clinpay leakage killed mid-write", () => {
  test("uninterrupted, the same build writes a complete workbook and leaves no temp file", async () => {
    const out = path.join(dir, "whole", "leakage.xlsx");
    fs.mkdirSync(path.dirname(out));
    const r = spawnSync(process.execPath, [BIN, "leakage", "--appointments", log, "-o", out], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(await isCompleteWorkbook(out)).toBe(true);
    expect(fs.readdirSync(path.dirname(out))).toEqual(["leakage.xlsx"]);
    fullSize = fs.statSync(out).size;
  }, BUDGET);

  test.each([0, 0.25, 0.6, 0.95])("SIGKILL once the temp file holds %p of the workbook: no partial workbook at the output path", async (fraction) => {
    expect(fullSize).toBeGreaterThan(0);
    const out = path.join(dir, `kill-${fraction}`, "leakage.xlsx");
    fs.mkdirSync(path.dirname(out));
    const tmp = await killDuringWrite(out, Math.floor(fullSize * fraction));
    const left = fs.readdirSync(path.dirname(out));

    if (fs.existsSync(out)) {
      // The last few bytes, the sync and the rename can beat the kill near the end; then the
      // rename was the last step, and the workbook there must be whole.
      expect(fraction).toBeGreaterThanOrEqual(0.9);
      expect(await isCompleteWorkbook(out)).toBe(true);
      expect(left).toEqual(["leakage.xlsx"]);
      return;
    }
    // A dying process cleans nothing up, so its hidden temp file may stay; nothing else does.
    for (const name of left) expect(name).toMatch(tempPattern(out));
    expect(left).toEqual([tmp.name]);
    expect(tmp.size).toBeLessThan(fullSize);
  }, BUDGET);

  test("a workbook already at the output path survives a killed rebuild byte for byte", async () => {
    const out = path.join(dir, "existing", "leakage.xlsx");
    fs.mkdirSync(path.dirname(out));
    fs.copyFileSync(path.join(dir, "whole", "leakage.xlsx"), out);
    const before = fs.readFileSync(out);
    await killDuringWrite(out, Math.floor(fullSize / 2));
    expect(fs.readFileSync(out).equals(before)).toBe(true);
    expect(await isCompleteWorkbook(out)).toBe(true);
  }, BUDGET);

  test("the next run removes the killed run's temp file and writes a complete workbook", async () => {
    const out = path.join(dir, "again", "leakage.xlsx");
    fs.mkdirSync(path.dirname(out));
    const dead = await killDuringWrite(out, Math.floor(fullSize / 3));
    expect(fs.existsSync(path.join(path.dirname(out), dead.name))).toBe(true);
    // A temp file of a process that is still running (this one) is someone's write in progress.
    const live = path.basename(tempNameFor(out, process.pid, "0123456789ab"));
    fs.writeFileSync(path.join(path.dirname(out), live), "in progress");
    const r = spawnSync(process.execPath, [BIN, "leakage", "--appointments", log, "-o", out], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(await isCompleteWorkbook(out)).toBe(true);
    expect(fs.readdirSync(path.dirname(out)).sort()).toEqual([live, "leakage.xlsx"].sort());
  }, BUDGET);
});
