/**
 * Each registered sheet at the largest input it accepts, as the flags a user would type: what
 * makes its formulas longest. Offers at the row limit with long names, every offer tiered, more
 * scenarios than the defaults; logs whose reasons, activities and codes outnumber what the tables
 * list, spread over almost a century of months, with long text; a production report of many codes
 * and a long tiers table. A sheet added to the registry needs its entry here (the test that reads
 * this says so).
 */
import { promises as fs } from "fs";
import * as path from "path";
import type { ParsedFlags } from "../../src/cli/args";
import { MAX_CODES_IN_CELL, MAX_OFFERS } from "../../src/core/limits";

/** A sheet's data-sheet name as long as Excel allows (31 characters), for the references that name it. */
export const LONGEST_SHEET_NAME = "Offer Comparison (99) data xxxx".slice(0, 31);

const long = (stem: string, k: number, length = 300) => `${stem} ${k} `.padEnd(length, "x");

/** Real CMS codes from the bundled fee schedule (any `n` of them), so every one is priced. */
async function cmsCodes(n: number): Promise<string[]> {
  const json = JSON.parse(await fs.readFile(path.resolve(__dirname, "../../src/core/data/fee-schedule.json"), "utf8")) as { rows: string };
  return json.rows
    .split("\n")
    .map((line) => line.split(";")[0])
    .filter((k) => /^[0-9]{5}$/.test(k))
    .slice(0, n);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
/** The 15th of every month from January 1980 through December 2026: 564 months, within 50 years of the median. */
const MONTHS = Array.from({ length: (2026 - 1980 + 1) * 12 }, (_, m) => new Date(Date.UTC(1980 + Math.floor(m / 12), m % 12, 15)));

async function appointmentLog(codes: string[]): Promise<string> {
  const lines = ["date,status,reason,cause_type,code,wrvu,visit_type,provider"];
  MONTHS.forEach((d, m) => {
    const day = iso(d);
    const code = codes[m % codes.length];
    lines.push(`${day},completed,,,${code},,video,Dr ${long("Provider", 0, 60)}`);
    lines.push(`${day},completed,,,${codes[(m * 7) % codes.length]},,in_person,Dr ${long("Provider", 0, 60)}`);
    lines.push(`${day},no_show,"${long("Patient reason", m % 300)}",patient,${code},,audio,Dr ${long("Provider", 0, 60)}`);
    lines.push(`${day},late_cancel,"${long("video link failed because", m % 280)}",system,${code},,video,Dr ${long("Provider", 0, 60)}`);
    lines.push(`${day},cancelled,"${long("Moved", m % 50)}",,${code},,in_person,Dr ${long("Provider", 0, 60)}`);
  });
  return lines.join("\n") + "\n";
}

function timeLog(): string {
  const lines = ["date,activity,minutes,paid"];
  MONTHS.forEach((d, m) => lines.push(`${iso(d)},"${long("Inbox work", m % 300)}",${15 + (m % 40)},${m % 5 === 0 ? "yes" : "no"}`));
  return lines.join("\n") + "\n";
}

function productionReport(codes: string[]): string {
  const lines = ["date,code,units,wrvu"];
  for (let day = 0; day < 365; day++) {
    const d = iso(new Date(Date.UTC(2026, 0, 1 + day)));
    for (let k = 0; k < 4; k++) lines.push(`${d},${codes[(day * 4 + k) % codes.length]},1,${k === 3 ? "-1.5" : ""}`);
  }
  return lines.join("\n") + "\n";
}

function offers(): { offers: string; tiers: string; scenarios: string } {
  const o = ["offer,base_salary,hourly_rate,pay_per_unit,unit,units_per_hour,paid_hours_per_week,weeks_per_year,unpaid_hours_per_week,no_show_rate,paid_no_show_share,combine,advertised_annual,call_shifts_per_year,call_pay_per_shift,call_hours_worked_per_shift,quality_withhold,quality_earned,fte,signing_bonus,relocation,loan_repayment,tail_coverage,commitment_years,benefits_annual"];
  const t = ["offer,threshold,rate,method"];
  const methods = ["marginal", "cliff", "flat"];
  for (let k = 0; k < MAX_OFFERS; k++) {
    // Current first: Compare against picks it by name.
    const name = k === 0 ? long("Current job", k) : long("Offer", k);
    o.push(`"${name}",${100000 + k * 100},${k % 3 === 0 ? 20 : 0},${k % 4},${k % 2 ? "wrvu" : "visit"},${2 + (k % 5) / 2},36,46,8,0.15,0.1,${k % 2 ? "greater_of" : "plus"},${300000 + k},${k % 60},1000,6,0.05,0.8,0.9,20000,5000,30000,10000,3,25000`);
    for (const [j, threshold] of [0, 3000, 4500].entries()) t.push(`"${name}",${threshold},${methods[k % 3] === "flat" ? 10000 * (j + 1) : 20 + 10 * j},${methods[k % 3]}`);
  }
  const s = ["scenario,volume_factor,months,no_show_add,unpaid_factor,wrvu_factor"];
  for (let j = 0; j < 12; j++) s.push(`"${long("Scenario", j, 200)}",${1 - j / 40},${j % 13},${j / 100},${1 + j / 10},${1 - j / 100}`);
  return { offers: o.join("\n") + "\n", tiers: t.join("\n") + "\n", scenarios: s.join("\n") + "\n" };
}

/**
 * Pay Audit: my record and their statement over the same 564 months, each service's cell holding
 * many codes (a formula prices every code of a cell), encounter ids on both, a void and its
 * rebill every month, and their lines credited off by a little so every service is a discrepancy.
 */
function audit(codes: string[]): { mine: string; statement: string } {
  const mine = ["date,encounter id,status,code,units"];
  const theirs = ["date,encounter id,code,units,wrvu"];
  MONTHS.forEach((d, m) => {
    const day = iso(d);
    for (let k = 0; k < 4; k++) {
      const enc = `E${m}-${k}`;
      const cell = Array.from({ length: 1 + ((m + k) % MAX_CODES_IN_CELL) }, (_, j) => codes[(m * 4 + k + j * 13) % codes.length]).join(", ");
      mine.push(`${day},${enc},completed,"${cell}",${1 + (k % 3)}`);
      theirs.push(`${day},${enc},${cell.split(", ")[0]},1,${(0.5 + k / 10).toFixed(2)}`);
    }
    theirs.push(`${day},E${m}-0,${codes[(m * 4) % codes.length]},-1,-0.50`);
    theirs.push(`${day},E${m}-0,${codes[(m * 4) % codes.length]},1,0.51`);
  });
  return { mine: mine.join("\n") + "\n", statement: theirs.join("\n") + "\n" };
}

function targetTiers(): string {
  return ["threshold,rate,method", ...Array.from({ length: 200 }, (_, k) => `${k * 50},${10 + k / 10},marginal`)].join("\n") + "\n";
}

/** Writes the inputs into `dir` and returns each known kind's flags. */
export async function largestInputs(dir: string): Promise<Record<string, ParsedFlags>> {
  const codes = await cmsCodes(400);
  const write = async (name: string, text: string) => {
    const f = path.join(dir, name);
    await fs.writeFile(f, text);
    return f;
  };
  const log = await write("appointments.csv", await appointmentLog(codes));
  const o = offers();
  return {
    "offer-comparison": { offers: await write("offers.csv", o.offers), tiers: await write("tiers.csv", o.tiers), scenarios: await write("scenarios.csv", o.scenarios) },
    "rvu-leakage": { appointments: log, time: await write("time-log.csv", timeLog()), provider: "all" },
    "target-tracker": {
      production: await write("production.csv", productionReport(codes)),
      "wrvu-target": "5000",
      tiers: await write("target-tiers.csv", targetTiers()),
      "clinical-fte": "0.8",
      "survey-p25": "4300",
      "survey-p50": "5200",
      "survey-p75": "6300",
      "survey-p90": "7600",
    },
    "pay-audit": await (async () => {
      const a = audit(codes);
      return { mine: await write("my-record.csv", a.mine), statement: await write("their-statement.csv", a.statement), "rvu-year": "2026" };
    })(),
    "telehealth-scorecard": { appointments: log, provider: "all", "change-date": "2000-01-01", "group-no-show-rate": "0.15", "group-wrvu-per-visit": "1.6", "wrvu-target": "4800", "written-concerns": "yes" },
  };
}
