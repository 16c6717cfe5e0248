/**
 * Hostile input, round 3 (issue 18): silent date shifts, text decoded in the wrong encoding,
 * outputs that lose their permissions, patient rows copied to a temp folder, temp files swept by
 * another machine, subnormal numbers, valid workbooks called damaged, and odd output paths. One
 * describe per family; each case failed on the code before the issue (checked by running it
 * there). Families 4 (two aliases of one column) and 5 (formulas past 8,192 characters) have
 * their cases with the readers and the sheets they belong to.
 *
 * Dates are checked through `clinpay targets --appointments`: its summary names the log's last
 * date (As of) and how many completed visits fell inside the year, so a date read four years
 * early, or as 1905, shows.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { APPT_HEADER, clinpay, expectRefused, scratch, snapshot } from "./harness";
import { xlsxPackage, zipBomb, type XCell } from "./corpus";
import * as offerPlan from "../../src/sheets/offer-comparison";
import { tempNameFor } from "../../src/render/xlsx/atomic-file";

const ROOT = path.resolve(__dirname, "../..");
const SAMPLES = path.join(ROOT, "samples");
const LOG_HEADERS = ["date", "status", "code"];

/** `targets --appointments FILE`: exit 0, and the summary's As of and count of visits summed. */
async function datesRead(file: string): Promise<{ asOf: string; visits: number; outside: boolean }> {
  const r = await clinpay(["targets", "--wrvu-target", "5000", "--appointments", file, "-o", path.join(path.dirname(file), "t.xlsx")]);
  expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
  return {
    asOf: /As of is the last date in the rows \((\d{4}-\d\d-\d\d)\)/.exec(r.out)?.[1] ?? "",
    visits: Number(/the sum of ([\d,]+) completed visits/.exec(r.out)?.[1].replace(/,/g, "") ?? NaN),
    outside: /dated before Period start/.test(r.out),
  };
}

describe("1. ISO 8601 date cells (t=\"d\")", () => {
  test("a log whose dates are ISO cells reads those dates, not 1905-07-18", async () => {
    const d = (iso: string): XCell => ({ v: iso, t: "d" });
    const dir = scratch({
      "log.xlsx": await xlsxPackage({
        rows: [LOG_HEADERS, [d("2026-01-05T00:00:00"), "completed", "99213"], [d("2026-03-16T09:30:00"), "completed", "99214"], [d("2026-06-30"), "completed", "99213"]],
      }),
    });
    expect(await datesRead(path.join(dir, "log.xlsx"))).toEqual({ asOf: "2026-06-30", visits: 3, outside: false });
  });
});

describe("2. the 1904 date system", () => {
  // 1904 serials: days since 1904-01-01, so a 1900-system serial minus 1462 (2026-03-02 is 46083 in 1900).
  const s1904 = (y: number, m: number, d: number) => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1904, 0, 1)) / 86_400_000);

  test("General-formatted serials and CJK built-in date formats (ids 31, 57) in a 1904 workbook: the right days", async () => {
    const dir = scratch({
      "log.xlsx": await xlsxPackage({
        date1904: true,
        styles: [14, 31, 57], // s=1: m/d/yyyy; s=2 and s=3: built-in CJK date formats, by id only
        rows: [
          LOG_HEADERS,
          [s1904(2026, 3, 2), "completed", "99213"], // General
          [{ v: s1904(2026, 4, 15), s: 1 }, "completed", "99213"],
          [{ v: s1904(2026, 5, 20), s: 2 }, "completed", "99214"],
          [{ v: s1904(2026, 6, 30), s: 3 }, "completed", "99213"],
        ],
      }),
    });
    expect(s1904(2026, 3, 2)).toBe(46083 - 1462);
    expect(await datesRead(path.join(dir, "log.xlsx"))).toEqual({ asOf: "2026-06-30", visits: 4, outside: false });
  });
});

describe("3. encodings", () => {
  test("a UTF-8 log with one stray Windows-1252 byte: read as UTF-8, that row named in a warning", async () => {
    const lines = [
      APPT_HEADER,
      "2026-01-05,completed,,,99213,,video",
      "2026-01-06,no_show,Dr Müller's link failed,system,99214,,video",
      "2026-01-07,no_show,vid\u0000o link failed,system,99213,,video",
    ];
    const bytes = Buffer.from(lines.join("\n") + "\n", "utf8");
    bytes[bytes.indexOf(0)] = 0xe9; // é in Windows-1252; not UTF-8 on its own
    const dir = scratch({ "appointments.csv": bytes });
    const out = path.join(dir, "o.xlsx");
    const r = await clinpay(["leakage", "--appointments", path.join(dir, "appointments.csv"), "-o", out]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `clinpay leakage: warning: ${path.join(dir, "appointments.csv")} row 4: "vidéo link failed" — a byte (0xE9) in this UTF-8 file is not UTF-8; read as the Windows-1252 "é": check that text, and save the file as CSV UTF-8 to be sure`
    );
    const texts = await workbookTexts(out);
    expect(texts).toContain("Dr Müller's link failed");
    expect(texts).toContain("vidéo link failed");
    expect(texts.filter((t) => /Ã|Â/.test(t))).toEqual([]);
  });

  test("Excel's Unicode Text (UTF-16LE with a BOM, tab-separated) reads its accents", async () => {
    const text = ["date\tstatus\treason\tcause_type\tcode", "2026-01-05\tcompleted\t\t\t99213", "2026-01-06\tno_show\tvidéo coupée\tsystem\t99214"].join("\r\n") + "\r\n";
    const dir = scratch({ "appointments.txt": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]) });
    const out = path.join(dir, "o.xlsx");
    expect(await clinpay(["leakage", "--appointments", path.join(dir, "appointments.txt"), "-o", out])).toMatchObject({ code: 0, err: "" });
    expect(await workbookTexts(out)).toContain("vidéo coupée");
  });
});

/** Every text cell of every sheet of a workbook. */
async function workbookTexts(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => typeof c.value === "string" && out.push(c.value))));
  return out;
}

describe("6. an output rebuilt keeps what it was", () => {
  const offers = (dir: string, out: string) => ["offers", "--offers", path.join(dir, "offers.csv"), "-o", out];

  test("a 0600 workbook owned by another user stays 0600 and theirs", async () => {
    const dir = scratch({ "offers.csv": fs.readFileSync(path.join(SAMPLES, "offers.csv")), "offers.xlsx": "an earlier build" });
    const out = path.join(dir, "offers.xlsx");
    fs.chmodSync(out, 0o600);
    const root = process.getuid?.() === 0;
    if (root) fs.chownSync(out, 1000, 1000); // only an administrator can give a file away: then it must stay given
    const r = await clinpay(offers(dir, out));
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
    const st = fs.statSync(out);
    expect(st.mode & 0o777).toBe(0o600);
    if (root) expect([st.uid, st.gid]).toEqual([1000, 1000]);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });

  test("a symbolic link stays a link to the rebuilt workbook; a hard link is said to keep the earlier one", async () => {
    const dir = scratch({ "offers.csv": fs.readFileSync(path.join(SAMPLES, "offers.csv")), "real.xlsx": "an earlier build", "hard.xlsx": "an earlier build" });
    fs.symlinkSync(path.join(dir, "real.xlsx"), path.join(dir, "link.xlsx"));
    fs.linkSync(path.join(dir, "hard.xlsx"), path.join(dir, "hard-copy.xlsx"));
    expect(await clinpay(offers(dir, path.join(dir, "link.xlsx")))).toMatchObject({ code: 0, err: "" });
    expect(fs.lstatSync(path.join(dir, "link.xlsx")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, "real.xlsx")).subarray(0, 2).toString()).toBe("PK");

    const r = await clinpay(offers(dir, path.join(dir, "hard.xlsx")));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^clinpay: note: .*hard\.xlsx had 1 other hard link to the same file; it keeps the earlier workbook/);
    expect(fs.readFileSync(path.join(dir, "hard-copy.xlsx"), "utf8")).toBe("an earlier build");
  });
});

describe("7. no copy of patient rows outside the output's folder", () => {
  /** A ≥ 4 MB workbook (the size that once switched to a streaming reader) whose shared strings
   *  come after its sheet: that reader then parked the sheet's rows in TMPDIR. */
  const bigLog = () =>
    xlsxPackage({
      order: "strings-last",
      padding: 4 * 1024 * 1024,
      styles: [14],
      rows: [LOG_HEADERS, ...Array.from({ length: 50 }, (_, i) => [{ v: 46027 + i, s: 1 }, i % 5 ? "completed" : "no_show", "99213"])],
    });

  // A child process on the real entry point (lib/, built by npm test's pretest): TMPDIR is read
  // from the process environment, which a test worker's process.env does not reach.
  test.each([
    ["missing", (tmp: string) => path.join(tmp, "gone")],
    ["a file, not a folder", (tmp: string) => (fs.writeFileSync(path.join(tmp, "file"), "x"), path.join(tmp, "file"))],
    ["an empty folder", (tmp: string) => (fs.mkdirSync(path.join(tmp, "empty")), path.join(tmp, "empty"))],
  ])("TMPDIR %s: a good workbook still builds, and nothing is written to TMPDIR", async (_label, tmpdir) => {
    if (!fs.existsSync(path.join(ROOT, "lib/cli/main.js"))) throw new Error("lib/ is missing: build it with `npx tsc -p tsconfig.cli.json` (npm test's pretest does this)");
    const dir = scratch({ "log.xlsx": await bigLog() });
    const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-tmpdir-"));
    const TMPDIR = tmpdir(tmpRoot);
    const before = snapshot(tmpRoot);
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin/clinpay.js"), "leakage", "--appointments", path.join(dir, "log.xlsx"), "-o", path.join(dir, "o.xlsx")], { encoding: "utf8", env: { ...process.env, TMPDIR } });
    expect({ code: r.status, err: r.stderr }).toEqual({ code: 0, err: "" });
    expect(snapshot(tmpRoot)).toEqual(before);
  });

  test("a zip bomb (a few hundred kB unpacking to 120 MB): exit 2 after a bounded read, nothing written", async () => {
    const dir = scratch({ "log.xlsx": await zipBomb(120 * 1024 * 1024) });
    const size = fs.statSync(path.join(dir, "log.xlsx")).size;
    expect(size).toBeLessThan(1024 * 1024);
    // The bound: 64 MiB plus 50 times the file's size.
    const mb = Math.round((64 * 1024 * 1024 + 50 * size) / 1048576);
    await expectRefused(dir, ["leakage", "--appointments", path.join(dir, "log.xlsx"), "-o", path.join(dir, "o.xlsx")], 2, new RegExp(`log\\.xlsx: unpacks to more than ${mb} MB, far more than a workbook of its size holds`));
  });
});

describe("8. temp files on a folder shared by several machines", () => {
  const sampleArgs = (dir: string) => ["offers", "--offers", path.join(dir, "offers.csv"), "-o", path.join(dir, "offers.xlsx")];
  const deadPid = () => {
    for (let pid = 4_000_000; ; pid++) {
      try {
        process.kill(pid, 0);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ESRCH") return pid;
      }
    }
  };

  test("another machine's temp files are left alone; this machine's dead ones are swept", async () => {
    const pid = deadPid();
    const dir = scratch({ "offers.csv": fs.readFileSync(path.join(SAMPLES, "offers.csv")) });
    const ours = path.basename(tempNameFor(path.join(dir, "offers.xlsx"), pid, "0123456789ab"));
    const theirs = ours.replace(/~[^~]+~/, "~some-other-host~");
    // The name the code before this issue gave its temp files: no host, so never provably stale here.
    const older = `.offers.xlsx.${pid}.0123abcd.tmp`;
    for (const name of [ours, theirs, older]) fs.writeFileSync(path.join(dir, name), "a write in progress");
    expect(await clinpay(sampleArgs(dir))).toMatchObject({ code: 0, err: "" });
    expect(fs.readdirSync(dir).sort()).toEqual([theirs, older, "offers.csv", "offers.xlsx"].sort());
  });

  test("a temp file removed mid-write (by another machine) is said as such, not as a missing folder", async () => {
    const dir = scratch({ "offers.csv": fs.readFileSync(path.join(SAMPLES, "offers.csv")) });
    const rename = fs.promises.rename;
    const spy = jest.spyOn(fs.promises, "rename").mockImplementation(async (from, to) => {
      await fs.promises.rm(from, { force: true });
      return rename(from, to);
    });
    try {
      await expectRefused(dir, sampleArgs(dir), 1, /^clinpay offers: cannot write .*offers\.xlsx: the temporary file ClinPay was writing beside it was removed \(by another program, or by another computer sharing .*\); nothing was written: run it again$/);
    } finally {
      spy.mockRestore();
    }
  });

  test("temp names carry the host, the process and 12 random hex digits", () => {
    const name = path.basename(tempNameFor("/x/offers.xlsx"));
    expect(name).toMatch(new RegExp(`^\\.offers\\.xlsx~${os.hostname().replace(/[^A-Za-z0-9-]/g, "-").slice(0, 32)}~${process.pid}~[0-9a-f]{12}\\.tmp$`));
    expect(path.basename(tempNameFor("/x/offers.xlsx"))).not.toBe(name);
  });
});

describe("9. a floor for numbers, beside the ceiling", () => {
  test.each([
    ["a wRVU", "appointments.csv", [APPT_HEADER, "2026-01-05,completed,,,99213,1e-320,video"].join("\n"), [], /appointments\.csv row 2, column wrvu: "1e-320" — is too small: ClinPay takes numbers from 0\.000000001/],
    ["a flag", "appointments.csv", [APPT_HEADER, "2026-01-05,completed,,,99213,,video"].join("\n"), ["--dollars-per-wrvu", "1e-320"], /--dollars-per-wrvu: "1e-320" — is too small/],
  ])("%s of 1e-320: exit 2, not Infinity an hour", async (_label, name, body, flags, message) => {
    const dir = scratch({ [name]: body + "\n" });
    await expectRefused(dir, ["leakage", "--appointments", path.join(dir, name), ...flags, "-o", path.join(dir, "o.xlsx")], 2, message);
  });

  test("an offer's units per hour of 1e-320: exit 2", async () => {
    const [header, first] = fs.readFileSync(path.join(SAMPLES, "offers.csv"), "utf8").split(/\r?\n/);
    const cells = first.split(",");
    cells[header.split(",").indexOf("units_per_hour")] = "1e-320";
    const dir = scratch({ "offers.csv": `${header}\n${cells.join(",")}\n` });
    await expectRefused(dir, ["offers", "--offers", path.join(dir, "offers.csv"), "-o", path.join(dir, "o.xlsx")], 2, /offers\.csv row 2, column units_per_hour: "1e-320" — is too small/);
  });
});

describe("10. valid workbooks are read, however they are laid out", () => {
  const rows = [LOG_HEADERS, [{ v: 46027, s: 1 }, "completed", "99213"], [{ v: 46203, s: 1 }, "completed", "99214"]];

  test("rows and cells without r attributes", async () => {
    const dir = scratch({ "log.xlsx": await xlsxPackage({ noR: true, styles: [14], rows }) });
    expect(await datesRead(path.join(dir, "log.xlsx"))).toEqual({ asOf: "2026-06-30", visits: 2, outside: false });
  });

  test("a 4 MB workbook whose workbook.xml comes after its sheet", async () => {
    const dir = scratch({ "log.xlsx": await xlsxPackage({ order: "sheet-first", padding: 4 * 1024 * 1024, styles: [14], rows }) });
    expect(await datesRead(path.join(dir, "log.xlsx"))).toEqual({ asOf: "2026-06-30", visits: 2, outside: false });
  });
});

describe("11. odd output paths and sizes", () => {
  const offersArgs = (dir: string, out: string) => ["offers", "--offers", path.join(dir, "offers.csv"), "-o", out];

  test("-o naming a named pipe: exit 1, the pipe is not replaced", async () => {
    const dir = scratch({ "offers.csv": fs.readFileSync(path.join(SAMPLES, "offers.csv")) });
    const fifo = path.join(dir, "pipe.xlsx");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    await expectRefused(dir, offersArgs(dir, fifo), 1, /^clinpay offers: cannot write .*pipe\.xlsx: it is a named pipe \(FIFO\), not a file, and ClinPay does not replace it/);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
  });

  test("a legal 240-character name builds (the temp name stays within 255 bytes)", async () => {
    const dir = scratch({ "offers.csv": fs.readFileSync(path.join(SAMPLES, "offers.csv")) });
    const name = `${"é".repeat(60)}${"o".repeat(115)}.xlsx`; // 240 bytes in UTF-8
    expect(Buffer.byteLength(name)).toBe(240);
    expect(await clinpay(offersArgs(dir, path.join(dir, name)))).toMatchObject({ code: 0, err: "" });
    expect(fs.readdirSync(dir).sort()).toEqual(["offers.csv", name].sort());
  });

  test.each([256, 50_000])("%i offers are refused before anything is built", async (n) => {
    const [header, first] = fs.readFileSync(path.join(SAMPLES, "offers.csv"), "utf8").split(/\r?\n/);
    const rest = first.split(",").slice(1).join(",");
    const body = [header, ...Array.from({ length: n }, (_, i) => `Offer ${i + 1},${rest}`)].join("\n") + "\n";
    const dir = scratch({ "offers.csv": body });
    const built = jest.spyOn(offerPlan, "buildOfferComparison");
    try {
      await expectRefused(dir, offersArgs(dir, path.join(dir, "o.xlsx")), 2, new RegExp(`offers\\.csv: has ${n.toLocaleString("en-US")} offers; Offer Comparison compares at most 255 \\(Annual pay by volume draws a line per offer, and an Excel chart holds 255\\)`));
      expect(built).not.toHaveBeenCalled();
    } finally {
      built.mockRestore();
    }
  });
});
