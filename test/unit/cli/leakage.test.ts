/**
 * `clinpay leakage` and `clinpay targets` end to end: good runs write a workbook and print the
 * key figures; bad logs exit 2, name the row and column, and leave no file behind. In-process
 * through main(argv, io), plus one spawn of the real entry point (bin/clinpay.js).
 */
import { execFileSync, spawnSync } from "child_process";
import { existsSync, promises as fs, readdirSync, statSync } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../../src/cli/main";
import type { CliIO } from "../../../src/cli/command";

const ROOT = path.resolve(__dirname, "../../..");
const SAMPLES = path.join(ROOT, "samples");

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), progress: () => undefined };
}

async function run(argv: string[]) {
  const io = capture();
  const code = await main(argv, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

const GOOD_APPTS = [
  "date,status,reason,cause_type,code,wrvu,visit_type",
  "2026-01-05,completed,,,99213,,video",
  "2026-01-05,no_show,video link failed,system,99214,,video",
  "2026-01-06,late_cancel,patient preference,,,,audio",
  "2026-01-07,cancelled,rescheduled,patient,99213,,video",
];
const GOOD_TIME = ["date,activity,minutes,paid", "2026-01-05,portal messages,60,no", "2026-01-06,charting,30,yes"];

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-cli-leakage-"));
});
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function file(name: string, lines: string[]): Promise<string> {
  const p = path.join(dir, name);
  await fs.writeFile(p, lines.join("\n") + "\n");
  return p;
}

describe("clinpay leakage", () => {
  test("builds the sample logs and prints the key figures", async () => {
    const out = path.join(dir, "sample.xlsx");
    const r = await run(["leakage", "--appointments", path.join(SAMPLES, "appointments.csv"), "--time", path.join(SAMPLES, "time-log.csv"), "-o", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Scheduled [\d,]+, completed [\d,]+, no-shows [\d,]+ \(no-show rate [\d.]+%\)/);
    expect(r.out).toMatch(/System-caused no-shows/);
    expect(r.out).toMatch(/ClinPay's default: type yours in the sheet's Assumptions, or pass --dollars-per-wrvu/);
    expect(r.out).toMatch(/Unpaid hours [\d.]+ \([\d.]+ a week; [\d,]+ time-log rows not marked paid, over [\d,]+ days\)/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    // The copied logs on a sheet of their own, beside the analysis.
    expect(wb.worksheets.map((w) => w.name)).toEqual(["RVU Leakage", "RVU Leakage data"]);
  });

  test("flags land in the Assumptions cells", async () => {
    const out = path.join(dir, "flags.xlsx");
    const appts = await file("flags-appts.csv", GOOD_APPTS);
    const r = await run(["leakage", "--appointments", appts, "--dollars-per-wrvu", "61.25", "--effective-hourly", "$180", "-o", out]);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/default/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("RVU Leakage")!;
    const right = (label: string) => {
      let v: unknown;
      ws.getColumn(1).eachCell((c, r) => {
        if (c.value === label) v = ws.getCell(r, 2).value;
      });
      return v;
    };
    expect(right("$ per wRVU")).toBe(61.25);
    expect(right("Effective hourly")).toBe(180);
    expect(right("Unpaid hours")).toBe("no time log given");
  });

  const bad: [string, string[], string[] | null, RegExp[]][] = [
    ["an unknown status", [...GOOD_APPTS.slice(0, 2), "2026-01-05,showed up,,,99213,,video"], null, [/appts\.csv row 3, column status/, /"showed up"/]],
    ["negative minutes", GOOD_APPTS, [...GOOD_TIME, "2026-01-07,results,-15,no"], [/time\.csv row 4, column minutes/, /negative/]],
    ["a date that is not a date", [...GOOD_APPTS, "2026-02-30,completed,,,99213,,video"], null, [/appts\.csv row 6, column date/, /not a date/]],
    ["a missing column", ["date,reason,code", "2026-01-05,,99213"], null, [/appts\.csv row 1, column status/, /missing/]],
    ["problems in both files at once", [...GOOD_APPTS, "yesterday,completed,,,99213,,video"], [...GOOD_TIME, "2026-01-07,results,lots,no"], [/appts\.csv row 6, column date/, /time\.csv row 4, column minutes/]],
  ];
  test.each(bad)("%s: exit 2, row and column named, nothing written", async (_name, appts, time, messages) => {
    const sub = await fs.mkdtemp(path.join(dir, "bad-"));
    const a = path.join(sub, "appts.csv");
    await fs.writeFile(a, appts.join("\n") + "\n");
    const argv = ["leakage", "--appointments", a];
    if (time) {
      const t = path.join(sub, "time.csv");
      await fs.writeFile(t, time.join("\n") + "\n");
      argv.push("--time", t);
    }
    const out = path.join(sub, "out", "leakage.xlsx");
    const r = await run([...argv, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/nothing was written/);
    for (const m of messages) expect(r.err).toMatch(m);
    expect(existsSync(out)).toBe(false);
    // Not even the output folder or a temporary file.
    expect((await fs.readdir(sub)).sort()).toEqual(time ? ["appts.csv", "time.csv"] : ["appts.csv"]);
  });

  test("usage problems exit 2", async () => {
    const appts = await file("usage.csv", GOOD_APPTS);
    expect((await run(["leakage", "--appointments", appts, "-o", path.join(dir, "x.csv")])).code).toBe(2);
    expect((await run(["leakage", "--appointments", appts, "--dollars-per-wrvu", "-5", "-o", path.join(dir, "x.xlsx")])).err).toMatch(/cannot be negative/);
    expect((await run(["leakage", "-o", path.join(dir, "x.xlsx")])).err).toMatch(/--appointments is required/);
    // What parseArgs would let through or read loosely, refused with a message.
    const flagged = async (...extra: string[]) => (await run(["leakage", "--appointments", appts, ...extra, "-o", path.join(dir, "x.xlsx")])).err;
    expect(await flagged("--dollars-per-wrvu=")).toMatch(/--dollars-per-wrvu is empty: give it a value/);
    expect(await flagged("--dollars-per-wrvu", "0x10")).toMatch(/--dollars-per-wrvu: "0x10" — is not a number: what your contract pays per wRVU/);
    expect(await flagged("--dollars-per-wrvu", "40", "--dollars-per-wrvu", "50")).toMatch(/--dollars-per-wrvu is given twice/);
    expect(await flagged("--nope")).toMatch(/unknown option --nope/);
    expect(await flagged("stray")).toMatch(/unexpected argument "stray"/);
    expect((await run(["leakage", "--appointments", appts, "-o"])).err).toMatch(/--out needs a value/);
    expect((await run(["--version"])).out).toMatch(/^clinpay \d+\.\d+\.\d+$/);
    expect(existsSync(path.join(dir, "x.xlsx"))).toBe(false);
  });

  test("--help lists every flag", async () => {
    const r = await run(["leakage", "--help"]);
    expect(r.code).toBe(0);
    for (const flag of ["--appointments", "--time", "--dollars-per-wrvu", "--effective-hourly", "-o, --out"]) expect(r.out).toContain(flag);
  });
});

describe("clinpay targets", () => {
  test("builds from flags and a tiers file", async () => {
    const out = path.join(dir, "targets.xlsx");
    const r = await run(["targets", "--wrvu-target", "5,000", "--ytd", "1150", "--as-of", "2026-03-31", "--tiers", path.join(SAMPLES, "target-tiers.csv"), "-o", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Projected annual wRVUs 4,664 against a target of 5,000 \(gap 336/);
    expect(r.out).toMatch(/Pace needed per week 98\.0 wRVUs/);
    expect(existsSync(out)).toBe(true);
  });

  test("the period being over is said, not an error", async () => {
    const r = await run(["targets", "--wrvu-target", "5000", "--ytd", "5100", "--as-of", "2026-12-31", "-o", path.join(dir, "over.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/period is over/);
  });

  test.each([
    [["--as-of", "2026-02-30"], /--as-of: "2026-02-30" — is not a date: February 2026 has no day 30/],
    [["--as-of", "2026-03-31", "--period-start", "2026-04-01"], /before the period start/],
    [["--as-of", "2026-03-31", "--period-start", "2025-03-01"], /--period-start: "2025-03-01" — starts a period that ends 2026-02-28, before --as-of 2026-03-31/],
    [["--as-of", "2026-03-31", "--wrvu-target", "0"], /--wrvu-target: "0" — must be more than 0/],
  ])("bad figures exit 2: %j", async (extra, message) => {
    const out = path.join(dir, "bad-targets.xlsx");
    // A flag given twice is refused, so the bad value replaces the base one rather than following it.
    const base = extra.includes("--wrvu-target") ? ["targets", "--ytd", "100", "-o", out] : ["targets", "--wrvu-target", "5000", "--ytd", "100", "-o", out];
    const r = await run([...base, ...extra]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  test.each([
    [["--ytd", "100", "--production", "REPORT"], /--ytd: "100" — is given and so is report\.csv: YTD wRVUs is typed or summed from a log or report, not both/],
    [["--appointments", "REPORT", "--production", "REPORT"], /give one of --appointments and --production, not both/],
    [["--ytd", "100"], /--as-of: is empty: type the date the YTD figure runs to/],
    [[], /--ytd: is empty: .*or give a log or wRVU report to sum them/],
  ])("where YTD comes from is one of --ytd, --appointments, --production: %j", async (extra, message) => {
    const out = path.join(dir, "ytd-source.xlsx");
    const report = await file("report.csv", ["Date,wRVU", "2026-01-05,1.92"]);
    const r = await run(["targets", "--wrvu-target", "5000", ...extra.map((a) => (a === "REPORT" ? report : a)), "-o", out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  test("--clinical-fte and the four --survey points: the year at full time placed on the survey", async () => {
    const out = path.join(dir, "survey.xlsx");
    const survey = ["--survey-p25", "4300", "--survey-p50", "5200", "--survey-p75", "6300", "--survey-p90", "7600"];
    const r = await run(["targets", "--wrvu-target", "5000", "--ytd", "1150", "--as-of", "2026-03-31", "--clinical-fte", "0.8", ...survey, "-o", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    // 1,150 × 365 ÷ 90 = 4,663.9 at 0.8 FTE = 5,829.9 at 1.0; 50 + (5,829.86 − 5,200) ÷ 1,100 × 25 = 64.3.
    expect(r.out).toMatch(/Projected wRVUs at 1\.0 FTE 5,830 \(4,664 at 0\.8 FTE\); survey percentile 64\.3/);
    expect(r.out).toMatch(/Bottom line: .* At 1\.0 FTE that is 5,830 wRVUs a year, percentile 64\.3 of your survey\./);
    expect(existsSync(out)).toBe(true);
  });

  test.each([
    [["--survey-p25", "4300"], ["--survey-p50", "--survey-p75", "--survey-p90"]],
    [["--survey-p25", "4300", "--survey-p75", "6300", "--survey-p90", "7600"], ["--survey-p50"]],
    [["--survey-p90", "7600"], ["--survey-p25", "--survey-p50", "--survey-p75"]],
  ])("a partial survey is refused naming each missing point: %j", async (given, missing) => {
    const out = path.join(dir, "partial-survey.xlsx");
    const r = await run(["targets", "--wrvu-target", "5000", "--ytd", "1150", "--as-of", "2026-03-31", ...given, "-o", out]);
    expect(r.code).toBe(2);
    const lines = r.err.split("\n").filter((l) => l.startsWith("--survey"));
    expect(lines.map((l) => l.split(":")[0])).toEqual(missing);
    for (const l of lines) expect(l).toMatch(/is empty while .* given, and a survey percentile needs all four points: type your survey's \d+th percentile .*, or leave all four blank/);
    expect(existsSync(out)).toBe(false);
  });

  test.each([
    [["--survey-p25", "4300", "--survey-p50", "4300", "--survey-p75", "6300", "--survey-p90", "7600"], /--survey-p50: "4300" — must be above --survey-p25 \(4,300\): a survey's points rise/],
    [["--survey-p25", "4300", "--survey-p50", "5200", "--survey-p75", "8000", "--survey-p90", "7600"], /--survey-p90: "7600" — must be above --survey-p75 \(8,000\)/],
    [["--survey-p25", "-1", "--survey-p50", "5200", "--survey-p75", "6300", "--survey-p90", "7600"], /--survey-p25: "-1" — cannot be negative/],
    [["--clinical-fte", "0"], /--clinical-fte: "0" — must be more than 0 and at most 1\.5: type the clinical FTE/],
    [["--clinical-fte", "1.6"], /--clinical-fte: "1\.6" — must be more than 0 and at most 1\.5/],
  ])("survey points that do not rise, and an FTE out of range, are refused: %j", async (extra, message) => {
    const out = path.join(dir, "bad-survey.xlsx");
    const r = await run(["targets", "--wrvu-target", "5000", "--ytd", "1150", "--as-of", "2026-03-31", ...extra, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  test("a production report with a bad wRVU and no code column names its row and column; nothing is written", async () => {
    const report = await file("report.csv", ["Date,Adj Work RVU", "2026-01-05,1.92", "2026-01-06,one point nine", "2026-01-07,-1.92"]);
    const out = path.join(dir, "bad-report.xlsx");
    const r = await run(["targets", "--wrvu-target", "5000", "--production", report, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/report\.csv row 3, column wrvu: "one point nine"/);
    expect(r.err.split("\n").filter((l) => /row \d/.test(l))).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  test("from the sample log, As of is its last date and YTD the sum of its completed visits", async () => {
    const out = path.join(dir, "from-log.xlsx");
    const r = await run(["targets", "--wrvu-target", "5000", "--appointments", path.join(SAMPLES, "appointments.csv"), "-o", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/YTD wRVUs [\d,.]+: the sum of [\d,]+ completed visits of appointments\.csv, 2026-01-01 to 2026-06-30/);
    expect(r.out).toMatch(/Months below pace \d of 6/);
    expect(existsSync(out)).toBe(true);
  });

  test("a bad tiers file names its row and column", async () => {
    const tiers = await file("bad-tiers.csv", ["threshold,rate,method", "0,0,marginal", "4800,fifty,marginal"]);
    const out = path.join(dir, "bad-tiers.xlsx");
    const r = await run(["targets", "--wrvu-target", "5000", "--ytd", "100", "--as-of", "2026-03-31", "--tiers", tiers, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad-tiers\.csv row 3, column rate/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("the real entry point", () => {
  // lib/ is what bin/clinpay.js loads; build it when it is missing or older than the sources.
  beforeAll(() => {
    const lib = path.join(ROOT, "lib/cli/commands/leakage.js");
    const newestSource = ["src/cli", "src/core", "src/sheets", "src/render"]
      .flatMap((d) => readdirSync(path.join(ROOT, d), { recursive: true }).map((f) => path.join(ROOT, d, String(f))))
      .filter((f) => f.endsWith(".ts"))
      .reduce((t, f) => Math.max(t, statSync(f).mtimeMs), 0);
    if (!existsSync(lib) || statSync(lib).mtimeMs < newestSource) {
      execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: ROOT, stdio: "pipe" });
    }
  }, 180_000);

  test("node bin/clinpay.js leakage: exit 0 with a workbook, exit 2 on a bad log", async () => {
    const out = path.join(dir, "spawned.xlsx");
    const ok = spawnSync(process.execPath, ["bin/clinpay.js", "leakage", "--appointments", "samples/appointments.csv", "--time", "samples/time-log.csv", "-o", out], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Wrote /);
    expect(existsSync(out)).toBe(true);

    const badFile = await file("spawn-bad.csv", [...GOOD_APPTS, "2026-01-08,no_show,,martian,99213,,video"]);
    const badOut = path.join(dir, "spawned-bad.xlsx");
    const bad = spawnSync(process.execPath, ["bin/clinpay.js", "leakage", "--appointments", badFile, "-o", badOut], { cwd: ROOT, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/spawn-bad\.csv row 6, column cause_type/);
    expect(existsSync(badOut)).toBe(false);
  });
});
