/**
 * Hostile input and faults, one case per family a careful tester ran against the CLI (issue 13),
 * and the families that already held, so they stay held. Each refused case checks the exit code
 * (2 input, 1 environment), the message, that no stack trace and no "please report" line is
 * printed, and that the scratch folder — inputs, an earlier output, no temp file — is unchanged.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import * as xlsxRender from "../../src/render/xlsx";
import { commands } from "../../src/cli/commands";
import { APPT_HEADER, clinpay, expectRefused, scratch, snapshot } from "./harness";
import { findErrors, recalcWithLibreOffice } from "../helpers/libreoffice";

const ROOT = path.resolve(__dirname, "../..");
const SAMPLES = path.join(ROOT, "samples");
const NASTY = path.join(ROOT, "test/fixtures/nasty");
const sample = (name: string) => fs.readFileSync(path.join(SAMPLES, name));

const log = (...rows: string[]) => [APPT_HEADER, ...rows].join("\n") + "\n";
const OK_ROWS = ["2026-01-05,completed,,,99213,,video", "2026-01-06,no_show,link failed,system,99214,,video"];

/** An .xlsx whose first sheet holds `rows` under `headers`; cells may be Dates or formula objects. */
async function workbook(headers: string[], rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Log");
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const TIME_HEADERS = ["date", "activity", "minutes", "paid"];

describe("dates at and past the ends of Excel's calendar", () => {
  test("an appointment on 9999-12-31 builds, and LibreOffice shows no error value", async () => {
    const dir = scratch({ "appointments.csv": log("9999-12-31,completed,,,99213,,video", "9999-12-02,no_show,x,patient,99213,,video") });
    const out = path.join(dir, "out", "leakage.xlsx");
    const r = await clinpay(["leakage", "--appointments", path.join(dir, "appointments.csv"), "-o", out]);
    expect(r).toMatchObject({ code: 0, err: "" });
    const [recalculated] = await recalcWithLibreOffice([out]);
    expect(await findErrors(recalculated)).toEqual([]);
  });

  test.each([
    ["1899-12-31", utc(1899, 12, 31), /row 2, column date: .*is before 1900-03-01/],
    ["1800-01-01", utc(1800, 1, 1), /row 2, column date: .*is before 1900-03-01/],
  ])(".xlsx time-log date cell %s: exit 2 on the same rule as the CSV", async (_label, when, message) => {
    const dir = scratch({
      "appointments.csv": log(...OK_ROWS),
      "time.xlsx": await workbook(TIME_HEADERS, [[when, "charting", 30, "no"]]),
    });
    await expectRefused(dir, ["leakage", "--appointments", path.join(dir, "appointments.csv"), "--time", path.join(dir, "time.xlsx"), "-o", path.join(dir, "o.xlsx")], 2, message);
  });

  test("a CSV date 1900-02-28 (before Excel's phantom 29 February): exit 2", async () => {
    const dir = scratch({ "appointments.csv": log("1900-02-28,completed,,,99213,,video") });
    await expectRefused(dir, ["leakage", "--appointments", path.join(dir, "appointments.csv"), "-o", path.join(dir, "o.xlsx")], 2, /row 2, column date: "1900-02-28" — is before 1900-03-01/);
  });

  test(".xlsx appointment date cell 9999-12-31 builds", async () => {
    const dir = scratch({ "appointments.xlsx": await workbook(APPT_HEADER.split(","), [[utc(9999, 12, 31), "completed", "", "", "99213", null, "video"]]) });
    const r = await clinpay(["leakage", "--appointments", path.join(dir, "appointments.xlsx"), "-o", path.join(dir, "o.xlsx")]);
    expect(r).toMatchObject({ code: 0, err: "" });
  });

  test.each([
    [["--as-of", "9999-12-31"], /--as-of: "9999-12-31" — .*would end after 9999-12-31/],
    [["--as-of", "1900-03-01"], /--as-of: "1900-03-01" — the period would start .*1900-01-01, before 1900-03-01/],
    [["--as-of", "2026-03-31", "--period-start", "1900-01-15"], /--period-start: "1900-01-15" — is before 1900-03-01/],
  ])("targets %j: exit 2, nothing computed", async (args, message) => {
    const dir = scratch();
    await expectRefused(dir, ["targets", "--wrvu-target", "5000", "--ytd", "100", ...args, "-o", path.join(dir, "t.xlsx")], 2, message);
  });

  test("a log whose dates straddle more than a century names the outlier rows", async () => {
    const dir = scratch({ "appointments.csv": log(...OK_ROWS, "1926-01-07,completed,,,99213,,video", "2026-01-08,completed,,,99213,,video") });
    const r = await expectRefused(dir, ["leakage", "--appointments", path.join(dir, "appointments.csv"), "-o", path.join(dir, "o.xlsx")], 2, /row 4, column date: "1926-01-07" — is more than 50 years from the log's other dates \(most are around 2026\)/);
    expect(r.err.match(/ row \d+/g)).toEqual([" row 4"]);
  });

  test("two dates 1900-03-01 and 9999-11-15 (the 97,254-month table) are refused, not built", async () => {
    const dir = scratch({ "appointments.csv": log("1900-03-01,completed,,,99213,,video", "9999-11-15,no_show,x,patient,99213,,video", "2026-01-05,completed,,,99213,,video") });
    await expectRefused(dir, ["leakage", "--appointments", path.join(dir, "appointments.csv"), "-o", path.join(dir, "o.xlsx")], 2, /row 2, column date: .*more than 50 years[\s\S]*row 3, column date/);
  });
});

describe("output paths", () => {
  const offersArgs = (dir: string, out: string) => ["offers", "--offers", path.join(dir, "offers.csv"), "-o", out];

  test("-o naming an existing folder: exit 1, one sentence", async () => {
    const dir = scratch({ "offers.csv": sample("offers.csv") });
    fs.mkdirSync(path.join(dir, "book.xlsx"));
    await expectRefused(dir, offersArgs(dir, path.join(dir, "book.xlsx")), 1, /^clinpay offers: cannot write .*book\.xlsx: it is a folder; give a file name such as .*book\.xlsx\/clinpay\.xlsx$/);
  });

  test("-o in a folder the user cannot write: exit 1", async () => {
    const dir = scratch({ "offers.csv": sample("offers.csv") });
    // As root a mode-555 folder is still writable; sysfs is not, for anyone.
    const locked = process.getuid?.() === 0 ? "/sys/clinpay-test" : path.join(dir, "locked");
    if (locked.startsWith(dir)) fs.mkdirSync(locked, { mode: 0o555 });
    await expectRefused(dir, offersArgs(dir, path.join(locked, "offers.xlsx")), 1, /^clinpay offers: cannot write .*offers\.xlsx: (permission denied in|.* is on a read-only disk)/);
  });

  test("-o under a file: exit 1", async () => {
    const dir = scratch({ "offers.csv": sample("offers.csv"), "notes.txt": "a file" });
    await expectRefused(dir, offersArgs(dir, path.join(dir, "notes.txt", "offers.xlsx")), 1, /^clinpay offers: cannot write .*: a part of that path is a file, not a folder; choose another folder$/);
  });

  test("demo -o naming a file: exit 1", async () => {
    const dir = scratch({ out: "not a folder" });
    await expectRefused(dir, ["demo", "-o", path.join(dir, "out")], 1, /^clinpay demo: cannot write into .*out: it \(or a folder above it\) is a file, not a folder/);
  });

  test("a full disk: exit 1 in one sentence, no temp file, the earlier workbook kept", async () => {
    const dir = scratch({ "offers.csv": sample("offers.csv"), "offers.xlsx": "an earlier build" });
    const spy = jest.spyOn(xlsxRender, "writeXlsxFile").mockRejectedValue(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
    try {
      await expectRefused(dir, offersArgs(dir, path.join(dir, "offers.xlsx")), 1, /^clinpay offers: cannot write .*offers\.xlsx: the disk is full; free some space and run it again \(nothing was written\)$/);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("-o that is one of the inputs", () => {
  let dir: string;
  beforeAll(async () => {
    const offers = fs.readFileSync(path.join(SAMPLES, "offers.csv"), "utf8").trim().split(/\r?\n/).map((l) => l.split(","));
    dir = scratch({ "offers.xlsx": await workbook(offers[0], offers.slice(1)) });
    fs.mkdirSync(path.join(dir, "sub"));
    fs.symlinkSync(path.join(dir, "offers.xlsx"), path.join(dir, "link.xlsx"));
  });

  test.each([
    ["the same path", "offers.xlsx"],
    ["another spelling of it", "sub/../offers.xlsx"],
    ["a link to it", "link.xlsx"],
  ])("%s: exit 2 and the input is untouched", async (_label, out) => {
    await expectRefused(dir, ["offers", "--offers", path.join(dir, "offers.xlsx"), "-o", path.join(dir, out)], 2, /-o .* is the --offers file: writing it would replace your data/);
  });
});

describe("sizes Excel cannot hold", () => {
  test("a log of 1,048,572 appointments (one past what the sheet can hold): exit 2 before building", () => {
    const dir = scratch();
    const file = path.join(dir, "appointments.csv");
    fs.writeFileSync(file, "date,status,code\n" + "2026-01-05,completed,99213\n".repeat(1_048_572));
    const before = snapshot(dir);
    // A child process, so the million rows do not weigh on this test worker.
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin/clinpay.js"), "leakage", "--appointments", file, "-o", path.join(dir, "o.xlsx")], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/appointments\.csv: has 1,048,572 appointments; the RVU Leakage data sheet copies them from row 6 and an Excel sheet ends at row 1,048,576, so at most 1,048,571 fit/);
    expect(snapshot(dir)).toEqual(before);
  });

  test.each([
    ["a wRVU", log("2026-01-05,completed,,,99213,1e308,video"), "appointments.csv", /row 2, column wrvu: "1e308" — is too large/],
    ["minutes", "date,activity,minutes,paid\n2026-01-05,charting,1e308,no\n", "time.csv", /time\.csv row 2, column minutes: "1e308" — is too large/],
  ])("%s near 1e308: exit 2, not a sheet of #NUM!", async (_label, body, name, message) => {
    const files: Record<string, string> = { "appointments.csv": log(...OK_ROWS), [name]: body };
    const dir = scratch(files);
    const args = ["leakage", "--appointments", path.join(dir, "appointments.csv"), "-o", path.join(dir, "o.xlsx")];
    if (name === "time.csv") args.push("--time", path.join(dir, "time.csv"));
    await expectRefused(dir, args, 2, message);
  });

  test("an offer's salary near 1e308: exit 2", async () => {
    const [header, first] = fs.readFileSync(path.join(SAMPLES, "offers.csv"), "utf8").split(/\r?\n/);
    const cells = first.split(",");
    cells[header.split(",").indexOf("base_salary")] = "1e308";
    const dir = scratch({ "offers.csv": `${header}\n${cells.join(",")}\n` });
    await expectRefused(dir, ["offers", "--offers", path.join(dir, "offers.csv"), "-o", path.join(dir, "o.xlsx")], 2, /offers\.csv row 2, column base_salary: "1e308" — is too large/);
  });

  test.each([
    [["--dollars-per-wrvu", "1e308"], /--dollars-per-wrvu: "1e308" — is too large/],
    [["--dollars-per-wrvu="], /--dollars-per-wrvu is empty/],
    [["--dollars-per-wrvu", "0x10"], /--dollars-per-wrvu: "0x10" — is not a number/],
    [["--dollars-per-wrvu", "40", "--dollars-per-wrvu", "50"], /--dollars-per-wrvu is given twice/],
  ])("flag %j: exit 2", async (flags, message) => {
    const dir = scratch({ "appointments.csv": log(...OK_ROWS) });
    await expectRefused(dir, ["leakage", "--appointments", path.join(dir, "appointments.csv"), ...flags, "-o", path.join(dir, "o.xlsx")], 2, message);
  });

  test("targets --wrvu-target 1e308 --ytd 1e308: exit 2", async () => {
    const dir = scratch();
    await expectRefused(dir, ["targets", "--wrvu-target", "1e308", "--ytd", "1e308", "--as-of", "2026-06-01", "-o", path.join(dir, "t.xlsx")], 2, /--wrvu-target: "1e308" — is too large/);
  });

  test("two offer names longer than a cell holds are refused, each by its row, never merged", async () => {
    const long = "A".repeat(40_000);
    const [header, first, second] = fs.readFileSync(path.join(SAMPLES, "offers.csv"), "utf8").split(/\r?\n/);
    const rename = (line: string, name: string) => [name, ...line.split(",").slice(1)].join(",");
    const dir = scratch({ "offers.csv": [header, rename(first, `${long}x`), rename(second, `${long}y`)].join("\n") + "\n" });
    const r = await expectRefused(dir, ["offers", "--offers", path.join(dir, "offers.csv"), "-o", path.join(dir, "o.xlsx")], 2, /row 2, column offer: .*is 40,001 characters long, and an Excel cell holds at most 32,767: shorten it/);
    expect(r.err).toMatch(/row 3, column offer: "A+…" — is 40,001 characters long/);
  });

  test("a 50 MB reason: exit 2 with a short message", async () => {
    const dir = scratch({ "appointments.csv": log(...OK_ROWS, `2026-01-07,no_show,${"r".repeat(50_000_000)},patient,99213,,video`) });
    const r = await expectRefused(dir, ["leakage", "--appointments", path.join(dir, "appointments.csv"), "-o", path.join(dir, "o.xlsx")], 2, /row 4, column reason: "r{20,}…" — is 50,000,000 characters long/);
    expect(r.err.length).toBeLessThan(2_000);
  });
});

describe("what the input does not say", () => {
  test("a formula with no calculated value in an optional column: exit 2, not a silent 0", async () => {
    const dir = scratch({
      "appointments.xlsx": await workbook(APPT_HEADER.split(","), [
        ["2026-01-05", "completed", "", "", "99213", 1.3, "video"],
        ["2026-01-06", "completed", "", "", "99214", { formula: "F2*2" } as ExcelJS.CellFormulaValue, "video"],
      ]),
    });
    await expectRefused(dir, ["leakage", "--appointments", path.join(dir, "appointments.xlsx"), "-o", path.join(dir, "o.xlsx")], 2, /row 3, column wrvu: "=F2\*2" — is a formula that was never calculated/);
  });

  test("--offers \"\": exit 2 saying it is empty", async () => {
    const dir = scratch();
    await expectRefused(dir, ["offers", "--offers", "", "-o", path.join(dir, "o.xlsx")], 2, /--offers is empty: give it a value/);
  });
});

describe("families that already held", () => {
  test.each([
    ["binary-junk.csv", /binary-junk\.csv/],
    ["zip-not-workbook.xlsx", /could not be opened as an Excel workbook|is not a readable Excel workbook|has no worksheets/],
    ["appointments-truncated-in-quote.csv", /appointments-truncated-in-quote\.csv/],
    ["empty-0-bytes.csv", /is empty/],
  ])("%s: exit 2 naming the file", async (name, message) => {
    const dir = scratch({ [name]: fs.readFileSync(path.join(NASTY, name)) });
    await expectRefused(dir, ["leakage", "--appointments", path.join(dir, name), "-o", path.join(dir, "o.xlsx")], 2, message);
  });

  test("wildcard and formula text in a reason builds, kept as text", async () => {
    const dir = scratch({ "appointments.csv": log(...OK_ROWS, '2026-01-07,no_show,"=HYPERLINK(""http://x"")",patient,99213,,video', "2026-01-08,no_show,video*,system,99213,,video") });
    const out = path.join(dir, "o.xlsx");
    expect(await clinpay(["leakage", "--appointments", path.join(dir, "appointments.csv"), "-o", out])).toMatchObject({ code: 0 });
    const [recalculated] = await recalcWithLibreOffice([out]);
    expect(await findErrors(recalculated)).toEqual([]);
  });
});

describe("the last-resort handler", () => {
  test("an error ClinPay did not foresee: exit 70, one line asking for a report, no stack", async () => {
    const offers = commands.find((c) => c.name === "offers")!;
    const spy = jest.spyOn(offers, "run").mockRejectedValue(new TypeError("Cannot read properties of undefined (reading 'x')"));
    try {
      const dir = scratch({ "offers.csv": sample("offers.csv") });
      const r = await clinpay(["offers", "--offers", path.join(dir, "offers.csv"), "-o", path.join(dir, "o.xlsx")]);
      expect(r.code).toBe(70);
      expect(r.err).toBe(
        "clinpay offers: something went wrong that ClinPay did not expect (Cannot read properties of undefined (reading 'x')); no workbook was written. Please report this to the ClinPay developers with the command you ran."
      );
    } finally {
      spy.mockRestore();
    }
  });
});
