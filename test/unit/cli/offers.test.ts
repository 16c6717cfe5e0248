import ExcelJS from "exceljs";
/** `clinpay offers` and `clinpay demo`: in-process through main(argv, io), plus one real spawn
 *  of bin/clinpay.js. Bad input must exit 2, name the row and column, and leave no file. */
import { execFile } from "child_process";
import * as fsSync from "fs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import JSZip from "jszip";
import { main } from "../../../src/cli/main";
import { commands } from "../../../src/cli/commands";
import { SHEETS } from "../../../src/sheets/registry";
import type { CliIO } from "../../../src/cli/command";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../../..");

interface Captured {
  code: number;
  out: string;
  err: string;
  progress: string[];
}

async function clinpay(...argv: string[]): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), progress: (l) => progress.push(l) };
  const code = await main(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n"), progress };
}

const HEADER =
  "offer,base_salary,hourly_rate,pay_per_unit,unit,units_per_hour,paid_hours_per_week,weeks_per_year,unpaid_hours_per_week,no_show_rate,paid_no_show_share,combine,advertised_annual";
const GOOD = [
  HEADER,
  "Per visit,0,0,95,visit,2.5,32,46,8,0.18,0,plus,320000",
  "Hybrid,150000,0,0,wrvu,3,36,47,10,0.12,0,plus,300000",
  "Floor,0,105,42,visit,2.8,40,48,6,0.15,0.5,greater_of,",
].join("\n");
const TIERS = ["offer,threshold,rate,method", "Hybrid,0,0,marginal", "Hybrid,2500,45,marginal", "Hybrid,4000,55,marginal"].join("\n");

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-cli-offers-"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const write = async (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  await fs.writeFile(file, content);
  return file;
};
/** Everything in the output folder: a failed run must leave neither the workbook nor a temp file. */
const outDirContents = async () => fs.readdir(path.join(dir, "out")).catch(() => [] as string[]);

describe("clinpay offers", () => {
  test("a good run writes the workbook and prints the summary table", async () => {
    const offers = await write("offers.csv", GOOD);
    const tiers = await write("tiers.csv", TIERS);
    const out = path.join(dir, "out", "offers.xlsx");
    const r = await clinpay("offers", "--offers", offers, "--tiers", tiers, "-o", out);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const zip = await JSZip.loadAsync(await fs.readFile(out));
    expect(Object.keys(zip.files).some((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toBe(true);
    expect(await outDirContents()).toEqual(["offers.xlsx"]);
    const lines = r.out.split("\n");
    // The answer first; Per visit is also the offer compared against (the first, none says "current").
    expect(lines[0]).toBe("Bottom line: Per visit pays most per real hour: $155.80/h, the offer you compare against; worst case: Inbox doubles, $129.83/h");
    expect(r.out).not.toMatch(/forget --tiers/);
    lines.splice(0, 2);
    expect(lines[0]).toMatch(/^Rank\s+Offer\s+Effective hourly\s+Advertised\s+Realistic annual\s+Gap to advertised\s+Worst scenario$/);
    // Best first: $95 a visit pays $155.80 per real hour and falls $33,328 short of $320,000.
    expect(lines[2]).toMatch(/^\s*1\s+Per visit\s+\$155\.80\s+\$320,000\s+\$286,672\s+\$33,328 short\s+Inbox doubles \(\$129\.83\)$/);
    expect(r.out).toMatch(/Floor .*—/);
    expect(r.progress.length).toBeGreaterThanOrEqual(2);
  });

  test("an offer paid per wRVU with pay_per_unit 0 and no tiers is warned about: did you forget --tiers?", async () => {
    const offers = await write("offers.csv", GOOD);
    const out = path.join(dir, "out", "offers.xlsx");
    const r = await clinpay("offers", "--offers", offers, "-o", out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Warning: "Hybrid" is paid per wRVU with Pay per unit 0 and no tier rows, so its production pays nothing: did you forget --tiers/);
    // The same words on the sheet, right under the Bottom line.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const texts: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => void (typeof c.value === "string" && texts.push(c.value))));
    expect(texts).toContain("Check");
    expect(texts.some((t) => /did you forget --tiers/.test(t))).toBe(true);
  });

  test("an .xlsx input is read from its table of that name or first sheet", async () => {
    const csv = await write("offers.csv", GOOD);
    const first = path.join(dir, "out", "first.xlsx");
    expect((await clinpay("offers", "--offers", csv, "-o", first)).code).toBe(0);
    // The built workbook's first sheet is not an Offers table: that is bad input, not a crash.
    const again = await clinpay("offers", "--offers", first, "-o", path.join(dir, "out", "again.xlsx"));
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/first\.xlsx \[Offer Comparison\]/);
    expect(await outDirContents()).toEqual(["first.xlsx"]);
  });

  const bad: [string, string | Buffer, RegExp][] = [
    ["a missing column", "offer,pay_per_unit,paid_hours_per_week\nPer visit,95,32\n", /offers\.csv row 1, column units_per_hour: this column is missing/],
    ["rate 15 instead of 0.15", GOOD.replace("0.18", "15"), /offers\.csv row 2, column no_show_rate: "15" — .*0\.15 or 15%/],
    ["a duplicate offer", GOOD + "\nper visit,0,0,90,visit,2,30,46,8,0.1,0,plus,", /offers\.csv row 5, column offer: "per visit" — .*already used on row 2/],
    ["text in a number column", GOOD.replace("150000", "lots"), /offers\.csv row 3, column base_salary: "lots" — is not a number/],
    ["an empty file", "", /offers\.csv.*empty/],
    ["PNG bytes named .csv", Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex"), /offers\.csv/],
    ["PDF bytes named .csv", Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "latin1"), /offers\.csv: is a PDF/],
  ];

  test.each(bad)("%s: exit 2, the problem named, nothing written", async (_, content, message) => {
    const offers = await write("offers.csv", content);
    const out = path.join(dir, "out", "offers.xlsx");
    await fs.mkdir(path.dirname(out));
    const r = await clinpay("offers", "--offers", offers, "-o", out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nothing was written/);
    expect(r.err).toMatch(message);
    expect(r.out).toBe("");
    expect(await outDirContents()).toEqual([]);
  });

  // SPEC §2 "More offer columns": each bad value refused at its row and column, with what to type.
  const TERMS = "offer,base_salary,units_per_hour,paid_hours_per_week";
  const badTerm: [string, string, RegExp][] = [
    ["quality_withhold", "1.2", /offers\.csv row 3, column quality_withhold: "1\.2" — quality_withhold must be between 0 and 1: type 0\.012 or 1\.2% for 1\.2 percent/],
    ["fte", "0", /offers\.csv row 3, column fte: "0" — must be more than 0 FTE: type the clinical FTE the offer's hours are, e\.g\. 0\.8 \(1 is full time\)/],
    ["fte", "1.6", /offers\.csv row 3, column fte: "1\.6" — must be at most 1\.5 FTE: type the clinical FTE/],
    ["commitment_years", "0", /offers\.csv row 3, column commitment_years: "0" — must be more than 0 years: type the years the one-time money assumes \(its clawback period\), e\.g\. 3, or 1 when there is none/],
    ["signing_bonus", "-5000", /offers\.csv row 3, column signing_bonus: "-5000" — cannot be negative: type 0 or more, without a minus sign/],
    ["relocation", "-$1,000", /offers\.csv row 3, column relocation: "-\$1,000" — cannot be negative: type 0 or more/],
    ["loan_repayment", "-1", /offers\.csv row 3, column loan_repayment: "-1" — cannot be negative/],
    ["tail_coverage", "-20000", /offers\.csv row 3, column tail_coverage: "-20000" — cannot be negative/],
    ["benefits_annual", "-300", /offers\.csv row 3, column benefits_annual: "-300" — cannot be negative/],
    ["call_pay_per_shift", "-1200", /offers\.csv row 3, column call_pay_per_shift: "-1200" — cannot be negative/],
    ["call_shifts_per_year", "-52", /offers\.csv row 3, column call_shifts_per_year: "-52" — cannot be negative: type 0 or more shifts a year/],
    ["call_hours_worked_per_shift", "30", /offers\.csv row 3, column call_hours_worked_per_shift: "30" — must be between 0 and 24 hours a shift: type the hours actually worked/],
    ["quality_earned", "80", /offers\.csv row 3, column quality_earned: "80" — .*type 0\.8 or 80%/],
  ];
  test.each(badTerm)("more terms: %s %s is refused at its row and column with what to type (exit 2, nothing written)", async (column, value, message) => {
    const offers = await write("offers.csv", [`${TERMS},${column}`, "Fine,200000,2,40,", `Bad,200000,2,40,"${value}"`].join("\n"));
    const r = await clinpay("offers", "--offers", offers, "-o", path.join(dir, "out", "o.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    // Only the bad cell: the row above leaves the column blank, which is its default.
    expect(r.err.split("\n").filter((l) => /row \d/.test(l))).toHaveLength(1);
    expect(r.out).toBe("");
    expect(await outDirContents()).toEqual([]);
  });

  test("a .pdf file: exit 2, nothing written", async () => {
    const pdf = await write("offers.pdf", Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "latin1"));
    const r = await clinpay("offers", "--offers", pdf, "-o", path.join(dir, "out", "o.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/offers\.pdf: is a PDF, not a table/);
    expect(await outDirContents()).toEqual([]);
  });

  test("every problem in offers and tiers is listed at once, with row and column", async () => {
    const offers = await write("offers.csv", GOOD.replace("0.18", "18"));
    const tiers = await write("tiers.csv", TIERS + "\nNobody,0,10,marginal\nHybrid,5000,60,cliff");
    const r = await clinpay("offers", "--offers", offers, "--tiers", tiers, "-o", path.join(dir, "out", "o.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/offers\.csv row 2, column no_show_rate/);
    expect(r.err).toMatch(/tiers\.csv row 5, column offer: "Nobody"/);
    expect(r.err).toMatch(/tiers\.csv row 6, column method/);
    expect(await outDirContents()).toEqual([]);
  });

  test("usage errors exit 2 and write nothing", async () => {
    const offers = await write("offers.csv", GOOD);
    expect((await clinpay("offers", "--offers", offers)).code).toBe(2);
    const csvOut = await clinpay("offers", "--offers", offers, "-o", path.join(dir, "out", "o.csv"));
    expect(csvOut.code).toBe(2);
    expect(csvOut.err).toMatch(/\.xlsx/);
    expect(await outDirContents()).toEqual([]);
  });
});

describe("--help", () => {
  test.each(commands.map((c) => c.name))("clinpay %s --help exits 0 and lists its options", async (name) => {
    const r = await clinpay(name, "--help");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`usage: clinpay ${name}`));
  });

  test("offers and demo are commands", () => {
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(["offers", "demo"]));
  });
});

describe("clinpay demo", () => {
  test("in process: builds every registered sheet's demo workbook from the samples and prints the table", async () => {
    const out = path.join(dir, "demo");
    const r = await clinpay("demo", "-o", out);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect((await fs.readdir(out)).sort()).toEqual(SHEETS.map((s) => s.demo.file).sort());
    expect(r.out).toMatch(/illustrative/);
    for (const name of ["Telehealth per-visit", "Hybrid base + wRVU tiers", "Hourly floor", "Current salaried job", "Health system job with call"]) expect(r.out).toContain(name);
    // The README quotes the demo's output: every line it shows (not its "..." elisions) is a line the demo prints.
    const readme = await fs.readFile(path.join(ROOT, "README.md"), "utf8");
    const quoted = /sheet's Bottom line and a summary:\n\n```\n([\s\S]*?)```/.exec(readme)![1].split("\n").filter((l) => l.trim() !== "" && l.trim() !== "...");
    expect(quoted.length).toBeGreaterThan(4);
    const printed = new Set(r.out.split("\n").map((l) => l.trimEnd()));
    for (const line of quoted) expect({ line, printed: printed.has(line.trimEnd()) }).toEqual({ line, printed: true });
  });

  // On lib/ as npm test's pretest built it. Building it here (tsc, a minute on a loaded machine)
  // also rewrote lib/ under the other workers' spawned CLIs.
  test("the real entry point: node bin/clinpay.js demo exits 0", async () => {
    if (!fsSync.existsSync(path.join(ROOT, "lib/cli/main.js"))) throw new Error("lib/ is missing: build it with `npx tsc -p tsconfig.cli.json` (npm test's pretest does this)");
    const out = path.join(dir, "spawned");
    const { stdout } = await run(process.execPath, [path.join(ROOT, "bin/clinpay.js"), "demo", "-o", out], { cwd: dir });
    expect(stdout).toMatch(/Rank\s+Offer/);
    const files = await fs.readdir(out);
    expect(files.sort()).toEqual(SHEETS.map((s) => s.demo.file).sort());
  });
});
