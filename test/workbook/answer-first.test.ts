/**
 * The answer first, as LibreOffice computes and prints it: each sheet's Bottom line, recalculated
 * from small inputs whose sentence is worked by hand here; and each demo sheet printed to PDF on at
 * most 3 pages, with no page break of LibreOffice's own (every break is one the plan placed between
 * sections, so no chart is split).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { clinpay } from "../helpers/cli-run";
import { readSheet, recalcWithLibreOffice } from "../helpers/libreoffice";
import { registeredPlans } from "../helpers/registered-plans";
import { writeXlsxFile } from "../../src/render/xlsx";
import { Grid } from "./sheet-grid";
// The look script's helpers: the print copy (data sheets cut to their first rows), PDF and page count.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const look = require("../../scripts/look.js") as {
  printCopy(xlsx: string, out: string): Promise<void>;
  toPdf(files: string[], outDir: string): string[];
  firstSheetPages(pdf: string): number;
};

let dir: string;
const bottom = new Map<string, string>();

const OFFERS = [
  "offer,base_salary,pay_per_unit,unit,units_per_hour,paid_hours_per_week,weeks_per_year,unpaid_hours_per_week,no_show_rate",
  "Current job,200000,0,visit,2,40,46,10,0",
  "Visit job,0,100,visit,2,40,46,6,0.1",
].join("\n");
const SCENARIOS = ["scenario,volume_factor,months,no_show_add,unpaid_factor,wrvu_factor", "Expected,1,12,0,1,1", "Half volume,0.5,12,0,1,1"].join("\n");
const LOG = [
  "date,status,cause_type,wrvu,visit_type",
  "2026-01-01,completed,,1,video",
  "2026-01-02,completed,,1,video",
  "2026-01-03,completed,,1,video",
  "2026-01-04,completed,,1,in_person",
  "2026-01-05,no_show,system,2,video",
  "2026-01-06,no_show,,2,in_person",
  "2026-01-07,late_cancel,,1,in_person",
  "2026-01-10,cancelled,,1,in_person",
].join("\n");
const TIME = ["date,activity,minutes,paid", "2026-01-01,inbox,60,no", "2026-01-04,inbox,30,yes", "2026-01-07,charting,120,no"].join("\n");

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-answer-"));
  const file = async (name: string, text: string) => {
    const p = path.join(dir, name);
    await fs.writeFile(p, text);
    return p;
  };
  const offers = await file("offers.csv", OFFERS);
  const scenarios = await file("scenarios.csv", SCENARIOS);
  const log = await file("log.csv", LOG);
  const time = await file("time.csv", TIME);
  const jobs: [string, string[]][] = [
    ["offers", ["offers", "--offers", offers, "--scenarios", scenarios]],
    ["leakage", ["leakage", "--appointments", log, "--time", time, "--effective-hourly", "100"]],
    ["behind", ["targets", "--wrvu-target", "5000", "--ytd", "1000", "--as-of", "2026-03-31"]],
    ["on-pace", ["targets", "--wrvu-target", "5000", "--ytd", "1220", "--as-of", "2026-03-31"]],
    ["ahead", ["targets", "--wrvu-target", "5000", "--ytd", "1300", "--as-of", "2026-03-31"]],
    ["telehealth", ["telehealth", "--appointments", log]],
  ];
  const files: string[] = [];
  for (const [name, args] of jobs) {
    const out = path.join(dir, `${name}.xlsx`);
    const r = await clinpay([...args, "-o", out]);
    if (r.code !== 0) throw new Error(`${name}: ${r.err}`);
    files.push(out);
  }
  const recalculated = await recalcWithLibreOffice(files, path.join(dir, "recalc"));
  const sheets = { offers: "Offer Comparison", leakage: "RVU Leakage", behind: "Target Tracker", "on-pace": "Target Tracker", ahead: "Target Tracker", telehealth: "Telehealth Scorecard" } as const;
  for (const [i, [name]] of jobs.entries()) bottom.set(name, String(new Grid(await readSheet(recalculated[i], sheets[name as keyof typeof sheets])).figure("Bottom line")));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("Offer Comparison: the best per real hour, by how much per hour and a year, and its worst case", () => {
  // Current job: 200,000 ÷ ((40 + 10) × 46 = 2,300 h) = $86.96/h.
  // Visit job: 2 × 40 × 46 × 0.9 = 3,312 visits × $100 = 331,200 ÷ ((40 + 6) × 46 = 2,116 h) = $156.52/h,
  // $69.57/h more; × 2,080 h = 144,695.65, to the $100: $144,700. Half volume: 165,600 ÷ 2,116 = $78.26/h.
  expect(bottom.get("offers")).toBe("Visit job pays most per real hour: $156.52/h, $69.57/h ($144,700 a year) more than Current job; worst case: Half volume, $78.26/h");
});

test("RVU Leakage: wRVUs and dollars lost over the log's dates and a year, the system-caused share, unpaid time", () => {
  // No-shows: 2 no_show (2 wRVUs each, one system-caused) and 1 late_cancel (1): 5.0 wRVUs × $50 = $250
  // over 2026-01-01 to 2026-01-10 (10 days): × 365 ÷ 10 = $9,125 a year; 1 of 3 system-caused = 33.3%.
  // Unpaid: 180 minutes = 3 h over 2026-01-01 to 2026-01-07 (7 days) = 3.0 h a week; × $100 = $300 × 365 ÷ 7 = $15,643.
  expect(bottom.get("leakage")).toBe(
    "No-shows cost 5.0 wRVUs ($250) from 2026-01-01 to 2026-01-10, $9,125 a year; 33.3% of them were system-caused. Unpaid work: 3.0 hours a week, worth $15,643 a year."
  );
});

test("Target Tracker: Behind, On pace (within 2%) or Ahead, with the pace, the catch-up ratio and the bonus", () => {
  // 1,000 wRVUs in 90 days: × 365 ÷ 90 = 4,055.6 projected, 944.4 short of 5,000 (18.9%: Behind).
  // Pace: 4,000 ÷ (275 ÷ 7) = 101.8 a week; so far 1,000 ÷ (90 ÷ 7) = 77.8 a week: ratio 1.31. No bonus under target.
  expect(bottom.get("behind")).toBe(
    "Behind: projected 4,056 wRVUs against a target of 5,000 (944 short). Pace needed: 101.8 wRVUs a week from here on, 1.31 times your average so far. Projected bonus: $0."
  );
  // 1,220 × 365 ÷ 90 = 4,947.8: 52.2 short, within 2% (100): On pace. Pace 3,780 ÷ (275 ÷ 7) = 96.2; so far 94.9: 1.01.
  expect(bottom.get("on-pace")).toBe(
    "On pace: projected 4,948 wRVUs against a target of 5,000 (52 short). Pace needed: 96.2 wRVUs a week from here on, 1.01 times your average so far. Projected bonus: $0."
  );
  // 1,300 × 365 ÷ 90 = 5,272.2: 272.2 over (Ahead); bonus $50 × 272.2 = $13,611. Pace 3,700 ÷ (275 ÷ 7) = 94.2; so far 101.1: 0.93.
  expect(bottom.get("ahead")).toBe(
    "Ahead: projected 5,272 wRVUs against a target of 5,000 (272 over). Pace needed: 94.2 wRVUs a week from here on, 0.93 times your average so far. Projected bonus: $13,611."
  );
});

test("Telehealth Scorecard: the verdict and what was not checked, telehealth against in person, the system-caused share", () => {
  // No group figures or target typed: three conditions not checked; written concerns defaults to no.
  // Telehealth: 3 completed + 1 no-show = 25.0%; in person: 1 completed + 2 no-shows = 66.7%; 1 of 1 system-caused.
  expect(bottom.get("telehealth")).toBe(
    "Not in the danger zone: 0 of the 4 conditions hold, and all four must (3 are not checked; type Group wRVU per telehealth visit and Annual wRVU target to check). Telehealth no-show rate 25.0% against 66.7% in person; 100.0% of telehealth no-shows were system-caused."
  );
});

test("every demo sheet prints on at most 3 pages, breaking only where its plan does (no chart split)", async () => {
  const plans = (await registeredPlans()).filter((p) => p.label.endsWith("(demo)"));
  const copies: string[] = [];
  for (const p of plans) {
    const file = path.join(dir, `${p.kind}.xlsx`);
    await writeXlsxFile([p.plan], file);
    const copy = path.join(dir, "print", `${p.kind}.xlsx`);
    await fs.mkdir(path.dirname(copy), { recursive: true });
    await look.printCopy(file, copy);
    copies.push(copy);
  }
  const pdfs = look.toPdf(copies, path.join(dir, "pdf"));
  const pages = plans.map((p, i) => ({ sheet: p.kind, pages: look.firstSheetPages(pdfs[i]) }));
  for (const [i, p] of plans.entries()) {
    expect(pages[i].pages).toBeLessThanOrEqual(3);
    expect(pages[i]).toEqual({ sheet: p.kind, pages: p.plan.print!.rowBreaks.length + 1 });
  }
});
