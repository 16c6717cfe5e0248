#!/usr/bin/env node
/**
 * Generates src/core/data/fee-schedule.json, ClinPay's CMS fee-schedule data, from the
 * reference files (never typed by hand):
 * - ../shared/reference/cms-pfs-YYYY-rvu.csv: every code/modifier row with RVUs of each year
 *   (2025 October release, 2026 July release), each checked against its year's CF;
 * - ../shared/reference/cms-gpci-2025.csv: the 2025 GPCIs of every Medicare locality;
 * - ../shared/reference/README.md: the conversion factor of each year (its CF table).
 * ../shared/reference/cms-em-wrvu.csv is not a source: each of its rows is checked against the
 * full schedule of its year, and a disagreement stops the build.
 *
 * Compact, because the add-in fetches the file and the CLI reads it at every start: one line per
 * code/modifier key (`99213;A,130,146,33,9;A,130,155,...`), then per year its status and RVUs in
 * hundredths (CMS publishes two decimals), empty where that year lacks the key. A key is written
 * once for all years, and FeeSchedule parses a key's line only when it is looked up.
 * `npm run build` runs it when the reference is there; a test checks the committed file is
 * exactly what it makes. `--check` exits 1 when the committed file is stale.
 */
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const REF = process.env.CLINPAY_REFERENCE || path.resolve(ROOT, "../shared/reference");
const OUT = path.join(ROOT, "src/core/data/fee-schedule.json");

/** A plain CSV reader: the reference files quote nothing but locality names. */
function readCsv(file) {
  const text = fs.readFileSync(path.join(REF, file), "utf8").replace(/^\uFEFF/, "");
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const split = (line) => {
    const out = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
        else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") out.push(cur), (cur = "");
      else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const [header, ...rows] = lines.map(split);
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h.trim(), (cells[i] ?? "").trim()])));
}

/** "32.3465" → "32.3465"; "0.50" → "0.5": the shortest text of the same number. */
const num = (s, what) => {
  const n = Number(s);
  if (s === "" || !Number.isFinite(n)) throw new Error(`${what}: "${s}" is not a number`);
  return String(n);
};

/** "1.30" → 130: an RVU in hundredths, exactly (CMS publishes two decimals; more would be lost). */
function hundredths(s, what) {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`${what}: "${s}" is not an RVU of at most two decimals`);
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** The README's conversion-factor table: `| 2025 | 32.3465 |`, first number of each year. */
function conversionFactors() {
  const readme = fs.readFileSync(path.join(REF, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => /^Medicare conversion factors/.test(s));
  if (!section) throw new Error("README.md has no 'Medicare conversion factors' section");
  const cf = {};
  for (const m of section.matchAll(/^\|\s*(\d{4})\s*\|\s*(\d+\.\d+)/gm)) cf[m[1]] = Number(m[2]);
  return cf;
}

/** The years the reference has a whole fee schedule for (cms-pfs-YYYY-rvu.csv), ascending. */
function scheduleYears() {
  const years = fs.readdirSync(REF).map((f) => /^cms-pfs-(\d{4})-rvu\.csv$/.exec(f)).filter(Boolean).map((m) => Number(m[1]));
  return years.sort((a, b) => a - b);
}

/**
 * One year's file as key ("99213", "71046-26") → status and [work, PE non-facility, PE facility,
 * MP] in hundredths; its conversion factor must be the README's for that year, and its totals the
 * sum of the parts MEDICARE_PAYMENT adds.
 */
function readYear(year, cf) {
  const file = `cms-pfs-${year}-rvu.csv`;
  const rows = readCsv(file);
  const factor = [...new Set(rows.map((r) => r.conversion_factor))];
  if (!(year in cf)) throw new Error(`no ${year} conversion factor in README.md for ${file}`);
  if (factor.length !== 1 || Number(factor[0]) !== cf[year]) {
    throw new Error(`${file}'s conversion factor ${factor.join("/")} is not the README's ${year} CF ${cf[year]}`);
  }
  const table = new Map();
  for (const r of rows) {
    const key = (r.mod ? `${r.hcpcs}-${r.mod}` : r.hcpcs).toUpperCase();
    const what = `${file} ${key}`;
    if (table.has(key)) throw new Error(`${what} is listed twice`);
    if (!/^[A-Z]$/.test(r.status)) throw new Error(`${what}: status "${r.status}" is not one CMS letter`);
    const rvus = [r.work_rvu, r.pe_rvu_nonfacility, r.pe_rvu_facility, r.mp_rvu].map((v) => hundredths(v, what));
    const [work, peNf, peF, mp] = rvus;
    if (work + peNf + mp !== hundredths(r.total_nonfacility, what) || work + peF + mp !== hundredths(r.total_facility, what)) {
      throw new Error(`${what}: its totals are not work + PE + MP`);
    }
    table.set(key, { status: r.status, rvus });
  }
  return table;
}

/** cms-em-wrvu.csv summarises the full schedules: each of its rows (and a note's PE/MP) must agree. */
function checkSummary(tables) {
  for (const r of readCsv("cms-em-wrvu.csv")) {
    const row = tables.get(Number(r.year))?.get(r.code.toUpperCase());
    const what = `cms-em-wrvu.csv ${r.code} ${r.year}`;
    if (!row) throw new Error(`${what} is not in cms-pfs-${r.year}-rvu.csv`);
    if (row.rvus[0] !== hundredths(r.work_rvu, what)) throw new Error(`${what}: work RVU ${r.work_rvu} disagrees with the full schedule`);
    const m = /PE non-facility\s+([\d.]+)\s*\/\s*facility\s+([\d.]+)\s*\/\s*MP\s+([\d.]+)/.exec(r.note);
    if (m && [m[1], m[2], m[3]].some((v, i) => hundredths(v, what) !== row.rvus[i + 1])) {
      throw new Error(`${what}: the note's PE/MP RVUs disagree with the full schedule`);
    }
  }
}

function build() {
  const cf = conversionFactors();
  const years = scheduleYears();
  if (years.length === 0) throw new Error(`no cms-pfs-YYYY-rvu.csv in ${REF}`);
  const tables = new Map(years.map((y) => [y, readYear(y, cf)]));
  checkSummary(tables);
  const keys = [...new Set(years.flatMap((y) => [...tables.get(y).keys()]))].sort();
  const rows = keys.map((key) =>
    [key, ...years.map((y) => {
      const row = tables.get(y).get(key);
      return row ? [row.status, ...row.rvus].join(",") : "";
    })].join(";")
  );

  const gpci = readCsv("cms-gpci-2025.csv").map((r) =>
    [`${r.state}-${r.locality.padStart(2, "0")}`, r.locality_name.replace(/[,\n]/g, " "), num(r.work_gpci, r.state), num(r.pe_gpci, r.state), num(r.mp_gpci, r.state)].join(",")
  );
  return {
    source: `CMS Medicare Physician Fee Schedule national RVU files for ${years.join(", ")} (../shared/reference/README.md names each release) and the CY 2025 GPCIs by locality; generated by scripts/make-fee-schedule.js`,
    years,
    cf: years.map((y) => cf[y]),
    columns: "key;then for each year: status,work_rvu,pe_rvu_nonfacility,pe_rvu_facility,mp_rvu in hundredths of an RVU (empty: that year lacks the key)",
    rows: rows.join("\n"),
    gpciYear: 2025,
    gpciColumns: "locality,name,work_gpci,pe_gpci,mp_gpci",
    gpci: gpci.join("\n"),
  };
}

function main() {
  const check = process.argv.includes("--check");
  if (!fs.existsSync(path.join(REF, "cms-pfs-2025-rvu.csv"))) {
    if (check) {
      console.error(`make-fee-schedule: no reference files at ${REF}`);
      process.exit(1);
    }
    // A clone without the reference beside it builds from the committed file.
    return;
  }
  const text = JSON.stringify(build()) + "\n";
  const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, "utf8") : "";
  if (check) {
    if (current !== text) {
      console.error("make-fee-schedule: src/core/data/fee-schedule.json is not what the reference makes; run node scripts/make-fee-schedule.js");
      process.exit(1);
    }
    return;
  }
  if (current !== text) fs.writeFileSync(OUT, text);
}

if (require.main === module) main();
module.exports = { build };
