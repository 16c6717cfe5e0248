#!/usr/bin/env node
/**
 * Writes the Pay Audit's bundled samples: samples/my-record.csv (a family physician's own
 * schedule export: every booked visit, completed ones with their codes) and
 * samples/their-statement.csv (the employer's wRVU statement for the same weeks, shaped like a
 * group's productivity report: title rows, a line per code, monthly subtotals and a grand total).
 * One two-week pay period (29 Dec 2025 to 9 Jan 2026), as many employers send them: the pane
 * bundles every sample, so they stay small.
 * Synthetic and illustrative. Seeded, so running it again writes the same bytes.
 *
 *   node scripts/make-audit-samples.js [outDir=samples]
 *
 * Work RVUs are read from ../shared/reference (the CMS 2025 and 2026 national tables): the
 * statement credits every line at the 2026 values, as a group does that loads the new schedule
 * on 1 January. Planted among the visits, each once:
 *   - a visit missing from the statement (2 Jan, 99214);
 *   - a G2211 add-on dropped (5 Jan: 99214 credited, G2211 not);
 *   - a procedure credited at the other year's value (a 30 Dec 2025 joint injection, 20610, at
 *     2026's 0.77 instead of 2025's 0.79);
 *   - a unit mistake (6 Jan: both knees injected, 20610 × 2, credited for one);
 *   - a void and its rebill (7 Jan: 99214 credited, voided, rebilled as the 99215 the record says);
 *   - an encounter dated a day apart (8 Jan in the record, 9 Jan on the statement: the same CSN);
 *   - a line on the statement only (9 Jan: a 99213 of an encounter not in the record).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { seeded } = require("./seeded-random");

const outDir = process.argv[2] || path.join(__dirname, "..", "samples");
const REF = path.join(__dirname, "..", "..", "shared", "reference");

/** Work RVU of a plain code in a year's table (no modifier row). */
function workRvus(year) {
  const lines = fs.readFileSync(path.join(REF, `cms-pfs-${year}-rvu.csv`), "utf8").split(/\r?\n/);
  const head = lines[0].split(",");
  const [code, mod, work] = ["hcpcs", "mod", "work_rvu"].map((h) => head.indexOf(h));
  const out = new Map();
  for (const l of lines.slice(1)) {
    const c = l.split(",");
    if (c.length > work && c[mod] === "") out.set(c[code], Number(c[work]));
  }
  return out;
}
const RVU_2026 = workRvus(2026);

const { rand, pick } = seeded(20260306);

const iso = (d) => d.toISOString().slice(0, 10);
const us = (d) => `${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(d.getUTCDate()).padStart(2, "0")}/${d.getUTCFullYear()}`;
const day = (s) => new Date(`${s}T00:00:00Z`);
const plus = (d, n) => new Date(d.getTime() + n * 86400000);
const weekdays = (from, to) => {
  const out = [];
  for (let d = day(from); d <= day(to); d = plus(d, 1)) if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d);
  return out;
};
const csvCell = (v) => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (rows) => rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";

// A visit: its codes as the record's cell writes them, each code's modifier, units on the first.
// E/M only on the three December days, so the one December procedure is the planted one.
const VISITS = [
  [{ cell: "99213", type: "Office" }, 30],
  [{ cell: "99214", type: "Office" }, 22],
  [{ cell: "99214, G2211", type: "Office" }, 14],
  [{ cell: "99213, G2211", type: "Video" }, 7],
  [{ cell: "99212", type: "Video" }, 6],
  [{ cell: "99215", type: "Office" }, 4],
  [{ cell: "99213-25, 20610", type: "Office" }, 4],
  [{ cell: "99213-25, 11102", type: "Office" }, 3],
  [{ cell: "17110", type: "Office" }, 3],
  [{ cell: "69210", type: "Office" }, 3],
  [{ cell: "99396", type: "Office" }, 2],
];
const E_M = VISITS.filter(([v]) => /^99\d{3}(, G2211)?$/.test(v.cell));

/** The planted visits, by date: the record's cell, units, and what the statement does with it. */
const PLANTED = {
  "2025-12-30": { cell: "99213-25, 20610", type: "Office", statement: "other year" },
  "2026-01-02": { cell: "99214", type: "Office", statement: "missing" },
  "2026-01-05": { cell: "99214, G2211", type: "Office", statement: "drop add-on" },
  "2026-01-06": { cell: "20610", units: 2, type: "Office", statement: "one unit" },
  "2026-01-07": { cell: "99215", type: "Office", statement: "void and rebill" },
  "2026-01-08": { cell: "99214", type: "Video", statement: "day later" },
};
const STATEMENT_ONLY = { date: "2026-01-09", code: "99213" };
/** New Year's Day: the clinic is closed. */
const CLOSED = ["2026-01-01"];

let csn = 7152038;
const record = [];
/** Statement lines: service date, post date, CSN, code, modifier, units, work RVU. */
const lines = [];

/** The statement's lines for a visit as a group's charge entry writes them: one per code, modifiers in their own column. */
function charge(date, id, cell, units, how) {
  const codes = cell.split(", ").map((c) => {
    const [code, mod] = c.split("-");
    return { code, mod: mod || "" };
  });
  const post = plus(date, 1 + Math.floor(rand() * 3));
  const line = (code, mod, u, wrvu, on = date, posted = post) => lines.push({ date: on, post: posted, csn: id, code, mod, units: u, wrvu });
  codes.forEach((c, i) => {
    const u = i === 0 ? units : 1;
    const w = RVU_2026.get(c.code);
    if (how === "missing") return;
    if (how === "drop add-on" && i > 0) return;
    if (how === "one unit") return line(c.code, c.mod, 1, w);
    if (how === "day later") return line(c.code, c.mod, u, +(w * u).toFixed(2), plus(date, 1), plus(post, 1));
    if (how === "void and rebill") {
      line("99214", "", 1, RVU_2026.get("99214"));
      const fixed = plus(date, 6);
      line("99214", "", -1, -RVU_2026.get("99214"), date, fixed);
      return line(c.code, c.mod, 1, w, date, fixed);
    }
    line(c.code, c.mod, u, +(w * u).toFixed(2));
  });
}

for (const d of weekdays("2025-12-29", "2026-01-09").filter((x) => !CLOSED.includes(iso(x)))) {
  const booked = 4 + Math.floor(rand() * 3);
  const planted = PLANTED[iso(d)];
  for (let i = 0; i < booked; i++) {
    const id = String(csn++);
    const status = i === 0 && planted ? "Completed" : pick([["Completed", 86], ["No Show", 8], ["Cancelled", 6]]);
    if (status !== "Completed") {
      record.push([iso(d), id, status, pick([["Office", 3], ["Video", 1]]), "", ""]);
      continue;
    }
    const v = i === 0 && planted ? planted : pick(d.getUTCFullYear() === 2025 ? E_M : VISITS);
    const units = v.units || 1;
    record.push([iso(d), id, "Completed", v.type, v.cell, units === 1 ? "" : units]);
    charge(d, id, v.cell, units, i === 0 && planted ? planted.statement : "credited");
  }
  if (iso(d) === STATEMENT_ONLY.date) {
    lines.push({ date: d, post: plus(d, 2), csn: String(csn + 5000), code: STATEMENT_ONLY.code, mod: "", units: 1, wrvu: RVU_2026.get(STATEMENT_ONLY.code) });
  }
}
// The planted other-year line: the statement credits the December injection at 2026's value (as every line).

fs.writeFileSync(path.join(outDir, "my-record.csv"), csv([["Appt Date", "Encounter ID", "Appt Status", "Visit Type", "CPT Code", "Units"], ...record]));

// The statement: sorted by service date, then post date; monthly subtotals and a grand total.
lines.sort((a, b) => a.date - b.date || a.post - b.post);
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const money = (x) => x.toFixed(2);
const out = [
  ["Riverbend Medical Group"],
  ["Provider Productivity - Work RVU Detail"],
  ["Rendering provider: KIM, HANNAH MD", "", "", "Pay period: 12/29/2025 - 01/09/2026"],
  ["Run date: 01/16/2026", "", "", "Credited at the group's work RVU schedule"],
  [],
  ["Service Date", "Post Date", "Encounter CSN", "CPT", "Mod", "Units", "Work RVU"],
];
let month = null;
let sub = 0;
let total = 0;
const subtotal = () => out.push([`${month} Subtotal`, "", "", "", "", "", money(sub)]);
for (const l of lines) {
  const m = `${MONTHS[l.date.getUTCMonth()]} ${l.date.getUTCFullYear()}`;
  if (month !== null && m !== month) {
    subtotal();
    sub = 0;
  }
  month = m;
  out.push([us(l.date), us(l.post), l.csn, l.code, l.mod, l.units, money(l.wrvu)]);
  sub += l.wrvu;
  total += l.wrvu;
}
subtotal();
out.push(["Grand Total", "", "", "", "", "", money(total)]);
out.push(["Page 1 of 1"]);
// Every row as wide as the table, as Excel saves a report's CSV (and a title row does not narrow the table it is pasted as).
const width = Math.max(...out.map((r) => r.length));
fs.writeFileSync(path.join(outDir, "their-statement.csv"), csv(out.map((r) => [...r, ...new Array(width - r.length).fill("")])));
console.log(`my-record.csv: ${record.length} booked visits; their-statement.csv: ${lines.length} lines`);
