/**
 * Ctrl-C and kill mid-write, on the real entry point (bin/clinpay.js → lib/, built by npm test's
 * pretest): the run ends with the shell's code (130 for SIGINT, 143 for SIGTERM), says so in one
 * line, leaves no temp file, and a workbook already at the output path stays byte for byte.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { tempPattern, writeLog } from "../helpers/big-log";
import { SHEETS } from "../../src/sheets/registry";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/clinpay.js");

let dir: string;
let log: string;
beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, "lib/cli/main.js"))) throw new Error("lib/ is missing: build it with `npx tsc -p tsconfig.cli.json` (npm test's pretest does this)");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-signal-"));
  log = path.join(dir, "appointments.csv");
  // Big enough that the workbook takes a while to write (the kill lands as soon as its temp file
  // appears); no bigger, since every row is parsed before the write starts.
  writeLog(log, 60_000);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const hasTemp = (out: string) => fs.readdirSync(path.dirname(out)).some((n) => tempPattern(out).test(n));

test.each([
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const)("%s while the workbook is being written: exit %i, no temp file, the earlier workbook kept", async (signal, code) => {
  const out = path.join(dir, signal, "leakage.xlsx");
  fs.mkdirSync(path.dirname(out));
  fs.writeFileSync(out, "the workbook from an earlier run");
  const child = spawn(process.execPath, [BIN, "leakage", "--appointments", log, "-o", out], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (c, s) => resolve({ code: c, signal: s })));
  let sent = false;
  while (!sent) {
    if (child.exitCode !== null) throw new Error(`the build finished before a temp file appeared; make the log bigger. stderr: ${stderr}`);
    if (hasTemp(out)) {
      child.kill(signal);
      sent = true;
    } else await new Promise((r) => setTimeout(r, 2));
  }
  expect(await exited).toEqual({ code, signal: null });
  expect(stderr.trim()).toBe(`clinpay: stopped (${signal}); the workbook being written was not saved`);
  expect(fs.readdirSync(path.dirname(out))).toEqual(["leakage.xlsx"]);
  expect(fs.readFileSync(out, "utf8")).toBe("the workbook from an earlier run");
});

test("a reader that closes the pipe early (clinpay demo | head -1): the workbooks are written, no error is said", async () => {
  const out = path.join(dir, "piped");
  const child = spawn(process.execPath, [BIN, "demo", "-o", out], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  // Like head -1: read the first chunk, then close the read end.
  child.stdout!.once("data", () => child.stdout!.destroy());
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  expect(fs.readdirSync(out).sort()).toEqual(SHEETS.map((s) => s.demo.file).sort());
}); // jest.config's 180 s: every sheet in a fresh process took 86-149 s on a loaded 2-core CI machine
