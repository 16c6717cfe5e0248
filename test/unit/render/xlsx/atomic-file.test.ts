/** Atomic writes: temp names, what is swept, what a replaced file keeps, and what is never replaced. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { hostTag, sweepStaleTemps, tempNameFor, writeFileAtomically } from "../../../../src/render/xlsx/atomic-file";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-atomic-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (file: string, text: string, notes: string[] = []) =>
  writeFileAtomically(file, async (out) => {
    out.end(text);
    await new Promise((r) => out.once("finish", r));
  }, { onNote: (n) => notes.push(n) });

/** A process id no process has here right now. */
function deadPid(): number {
  for (let pid = 4_000_000; ; pid++) {
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ESRCH") return pid;
    }
  }
}

describe("temp names", () => {
  test(".name~host~pid~12 hex.tmp beside the file", () => {
    expect(tempNameFor("/a/b/offers.xlsx", 42, "0123456789ab")).toBe(`/a/b/.offers.xlsx~${hostTag()}~42~0123456789ab.tmp`);
  });

  test("never past 255 bytes, the name cut on a character boundary", () => {
    for (const name of ["o".repeat(250) + ".xlsx", "é".repeat(125) + ".xlsx", "😀".repeat(62) + ".xlsx"]) {
      const tmp = path.basename(tempNameFor(`/x/${name}`, 4_294_967, "0123456789ab"));
      expect(Buffer.byteLength(tmp)).toBeLessThanOrEqual(255);
      expect(tmp).not.toContain("\ufffd");
      expect(tmp.endsWith(`~${hostTag()}~4294967~0123456789ab.tmp`)).toBe(true);
    }
  });

  test("the host tag keeps letters, digits and hyphens only", () => {
    expect(hostTag()).toMatch(/^[A-Za-z0-9-]{1,32}$/);
  });
});

describe("sweepStaleTemps", () => {
  test("removes this host's temp files of dead processes; keeps live ones, other hosts' and other files", async () => {
    const dead = deadPid();
    const name = (host: string, pid: number) => `.out.xlsx~${host}~${pid}~0123456789ab.tmp`;
    const files = [name(hostTag(), dead), name(hostTag(), process.pid), name("elsewhere", dead), ".out.xlsx.123.0123abcd.tmp", "out.xlsx", `x~${hostTag()}~${dead}~0123456789ab.tmp`];
    for (const f of files) fs.writeFileSync(path.join(dir, f), "x");
    await sweepStaleTemps(dir);
    expect(fs.readdirSync(dir).sort()).toEqual(files.slice(1).sort());
  });
});

describe("writeFileAtomically", () => {
  test("a new file gets the umask's mode; a replaced one keeps its mode (0600 stays 0600)", async () => {
    const file = path.join(dir, "out.xlsx");
    fs.writeFileSync(file, "old");
    fs.chmodSync(file, 0o600);
    await write(file, "new");
    expect(fs.readFileSync(file, "utf8")).toBe("new");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(["out.xlsx"]);
  });

  test("a symbolic link is written through; a hard link is named in a note and keeps the old bytes", async () => {
    fs.writeFileSync(path.join(dir, "real.xlsx"), "old");
    fs.symlinkSync("real.xlsx", path.join(dir, "link.xlsx"));
    await write(path.join(dir, "link.xlsx"), "new");
    expect(fs.readlinkSync(path.join(dir, "link.xlsx"))).toBe("real.xlsx");
    expect(fs.readFileSync(path.join(dir, "real.xlsx"), "utf8")).toBe("new");

    fs.linkSync(path.join(dir, "real.xlsx"), path.join(dir, "other.xlsx"));
    const notes: string[] = [];
    await write(path.join(dir, "real.xlsx"), "newer", notes);
    expect(fs.readFileSync(path.join(dir, "other.xlsx"), "utf8")).toBe("new");
    expect(notes).toEqual([expect.stringMatching(/real\.xlsx had 1 other hard link to the same file; it keeps the earlier workbook/)]);
  });

  test("a named pipe is never replaced: ENOTFILE, and no temp file is left", async () => {
    const fifo = path.join(dir, "pipe.xlsx");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    await expect(write(fifo, "x")).rejects.toMatchObject({ code: "ENOTFILE", message: expect.stringMatching(/is a named pipe \(FIFO\)$/) });
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(["pipe.xlsx"]);
  });

  test("the temp file is owner-only while it replaces a file, whatever the umask", async () => {
    const file = path.join(dir, "out.xlsx");
    fs.writeFileSync(file, "old");
    fs.chmodSync(file, 0o640);
    let tmpMode = -1;
    await writeFileAtomically(file, async (out) => {
      const tmp = fs.readdirSync(dir).find((n) => n.endsWith(".tmp"))!;
      tmpMode = fs.statSync(path.join(dir, tmp)).mode & 0o777;
      out.end("new");
      await new Promise((r) => out.once("finish", r));
    });
    expect(tmpMode).toBe(0o600);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  });
});
