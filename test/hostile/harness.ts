/**
 * The hostile-input suite's harness: run the CLI in-process on a scratch folder, then say what
 * changed in it. Every case asserts the exit code and the message, and that the folder holds
 * exactly what it held before (inputs and an earlier output byte for byte, no temp file), plus
 * the workbook when the run is meant to succeed. A refused run finds an earlier output at its
 * -o path (placed there when there is none) and must leave it as it was.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import type { CliIO } from "../../src/cli/command";

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function clinpay(argv: string[]): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIO = { out: (l) => stdout.push(l), err: (l) => stderr.push(l), progress: () => undefined };
  const code = await main(argv, io);
  return { code, out: stdout.join("\n"), err: stderr.join("\n") };
}

/** Every file under `dir` (hidden ones too) → sha256 of its bytes; folders end in "/"; a pipe or a link by what it is. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isDirectory()) {
        out[rel + "/"] = "";
        walk(p);
      } else if (e.isFile()) out[rel] = createHash("sha256").update(fs.readFileSync(p)).digest("hex");
      else out[rel] = e.isFIFO() ? "(named pipe)" : e.isSymbolicLink() ? `-> ${fs.readlinkSync(p)}` : "(special file)"; // never read: a pipe would block
    }
  };
  walk(dir);
  return out;
}

/** A fresh scratch folder holding `files` (name → text or bytes). */
export function scratch(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-hostile-"));
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
  }
  return dir;
}

/** What every refused run must show: its code, its message, one plain report and an unchanged folder. */
export async function expectRefused(dir: string, argv: string[], code: 1 | 2, message: RegExp): Promise<Run> {
  placeEarlierOutput(dir, argv);
  const before = snapshot(dir);
  const r = await clinpay(argv);
  expect({ code: r.code, err: r.err }).toEqual({ code, err: expect.stringMatching(message) });
  expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack frame
  expect(r.err).not.toMatch(/please report this/i);
  expect(r.out).toBe("");
  expect(snapshot(dir)).toEqual(before);
  return r;
}

/** Where -o points inside the scratch folder, a workbook "from an earlier run" that must survive. */
function placeEarlierOutput(dir: string, argv: string[]): void {
  const i = argv.findIndex((a) => a === "-o" || a === "--out");
  const out = i >= 0 ? argv[i + 1] : undefined;
  if (!out || !path.resolve(out).startsWith(dir + path.sep) || fs.existsSync(out)) return;
  const parent = path.dirname(out);
  if (fs.existsSync(parent) && fs.statSync(parent).isDirectory()) fs.writeFileSync(out, "an earlier build");
}

export const APPT_HEADER = "date,status,reason,cause_type,code,wrvu,visit_type";
