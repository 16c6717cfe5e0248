/** `clinpay` run in-process as a user would type it: its exit code and what it printed. */
import * as path from "path";
import { main } from "../../src/cli/main";
import type { CliIO } from "../../src/cli/command";

export async function clinpay(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), progress: () => undefined };
  const code = await main(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** One command over several named argument lists, each into `<dir>/<name>.xlsx`; any failure throws. */
export async function buildEach(command: string, jobs: [string, string[]][], dir: string): Promise<{ files: string[]; summaries: Record<string, string> }> {
  const files: string[] = [];
  const summaries: Record<string, string> = {};
  for (const [name, args] of jobs) {
    const out = path.join(dir, `${name}.xlsx`);
    const r = await clinpay([command, ...args, "-o", out]);
    if (r.code !== 0) throw new Error(`${name}: exit ${r.code}\n${r.err}`);
    summaries[name] = r.out;
    files.push(out);
  }
  return { files, summaries };
}
