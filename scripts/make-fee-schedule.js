#!/usr/bin/env node
/**
 * Generates src/core/data/fee-schedule.json, ClinPay's CMS fee-schedule data, from the
 * reference files (never typed by hand):
 * - ../shared/reference/cms-pfs-2025-rvu.csv: every 2025 code/modifier row with RVUs;
 * - ../shared/reference/cms-em-wrvu.csv: the 2026 rows confirmed so far (work RVU, and the PE
 *   and MP RVUs its note gives);
 * - ../shared/reference/cms-gpci-2025.csv: the 2025 GPCIs of every Medicare locality;
 * - ../shared/reference/README.md: the conversion factor of each year (its CF table).
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

/** The README's conversion-factor table: `| 2025 | 32.3465 |`, first number of each year. */
function conversionFactors() {
  const readme = fs.readFileSync(path.join(REF, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => /^Medicare conversion factors/.test(s));
  if (!section) throw new Error("README.md has no 'Medicare conversion factors' section");
  const cf = {};
  for (const m of section.matchAll(/^\|\s*(\d{4})\s*\|\s*(\d+\.\d+)/gm)) cf[m[1]] = Number(m[2]);
  return cf;
}

/** "2026 PE non-facility 1.46 / facility 0.33 / MP 0.09" → the three RVUs. */
function noteRvus(note, code) {
  const m = /PE non-facility\s+([\d.]+)\s*\/\s*facility\s+([\d.]+)\s*\/\s*MP\s+([\d.]+)/.exec(note);
  if (!m) throw new Error(`cms-em-wrvu.csv: ${code}'s note gives no PE/MP RVUs: "${note}"`);
  return { peNf: m[1], peF: m[2], mp: m[3] };
}

function build() {
  const cf = conversionFactors();
  const pfs = readCsv("cms-pfs-2025-rvu.csv");
  const factor = [...new Set(pfs.map((r) => r.conversion_factor))];
  if (factor.length !== 1 || Number(factor[0]) !== cf["2025"]) {
    throw new Error(`cms-pfs-2025-rvu.csv's conversion factor ${factor.join("/")} is not the README's 2025 CF ${cf["2025"]}`);
  }
  const row = (code, mod, status, work, peNf, peF, mp) =>
    [code, mod, status, num(work, code), num(peNf, code), num(peF, code), num(mp, code)].join(",");
  const y2025 = pfs.map((r) => row(r.hcpcs.toUpperCase(), r.mod.toUpperCase(), r.status, r.work_rvu, r.pe_rvu_nonfacility, r.pe_rvu_facility, r.mp_rvu));

  const years = { 2025: { cf: cf["2025"], rows: y2025.join("\n") } };
  const em = readCsv("cms-em-wrvu.csv");
  for (const yr of [...new Set(em.map((r) => r.year))].filter((y) => y !== "2025")) {
    if (!(yr in cf)) throw new Error(`no ${yr} conversion factor in README.md`);
    const rows = em
      .filter((r) => r.year === yr)
      .map((r) => {
        const { peNf, peF, mp } = noteRvus(r.note, r.code);
        return row(r.code.toUpperCase(), "", "A", r.work_rvu, peNf, peF, mp);
      });
    years[yr] = { cf: cf[yr], rows: rows.join("\n") };
  }
  // 2025 rows of cms-em-wrvu.csv must agree with the full schedule (the reference says they do).
  const work2025 = new Map(pfs.filter((r) => r.mod === "").map((r) => [r.hcpcs, Number(r.work_rvu)]));
  for (const r of em.filter((r) => r.year === "2025")) {
    if (work2025.get(r.code) !== Number(r.work_rvu)) throw new Error(`cms-em-wrvu.csv ${r.code} 2025 disagrees with the fee schedule`);
  }

  const gpci = readCsv("cms-gpci-2025.csv").map((r) =>
    [`${r.state}-${r.locality.padStart(2, "0")}`, r.locality_name.replace(/[,\n]/g, " "), num(r.work_gpci, r.state), num(r.pe_gpci, r.state), num(r.mp_gpci, r.state)].join(",")
  );
  return {
    source:
      "CMS Medicare Physician Fee Schedule: 2025 National RVU file (RVU25D, October release), 2026 rows confirmed so far, CY 2025 GPCIs by locality; generated by scripts/make-fee-schedule.js",
    columns: "code,modifier,status,work_rvu,pe_rvu_nonfacility,pe_rvu_facility,mp_rvu",
    years,
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
