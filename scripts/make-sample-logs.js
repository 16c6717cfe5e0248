#!/usr/bin/env node
/**
 * Writes the bundled sample logs (samples/appointments.csv, samples/time-log.csv,
 * samples/target-tiers.csv): synthetic, illustrative data for one mostly-telehealth clinician
 * over Jan–Jun 2026 (video, audio and some in-person days). On 1 April the practice started
 * day-before tech checks, and the telehealth no-show rate falls after it, mostly in the
 * system-caused no-shows the checks catch (the Telehealth Scorecard's before/after). Seeded, so running it again writes the same bytes; edit the knobs below and
 * rerun to change the samples (the tests compute their expectations from the files, not from
 * numbers copied out of them).
 *
 *   node scripts/make-sample-logs.js [outDir=samples]
 *
 * The no-show mix follows what telehealth practices report: about a fifth of booked visits lost
 * to no-shows and late cancels (15–25% in the reference notes), about half of them caused by
 * the practice's own systems (video links, platform outages, scheduling errors).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { seeded } = require("./seeded-random");

const outDir = process.argv[2] || path.join(__dirname, "..", "samples");

const { rand, pick } = seeded(20260101);

const iso = (d) => d.toISOString().slice(0, 10);
const weekdays = (from, to) => {
  const out = [];
  for (let d = new Date(from); d <= new Date(to); d.setUTCDate(d.getUTCDate() + 1)) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(new Date(d));
  }
  return out;
};
const csvCell = (v) => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const writeCsv = (file, header, rows) => {
  const text = [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
  fs.writeFileSync(path.join(outDir, file), text);
  return rows.length;
};

// ---- Appointments: Jan–Jun 2026, weekdays, ~12 booked visits a day.
const CODES = [["99212", 10], ["99213", 45], ["99214", 37], ["99215", 8]];
// In person, the same clinician sees the more complex follow-ups.
const IN_PERSON_CODES = [["99212", 5], ["99213", 35], ["99214", 45], ["99215", 15]];
const CMS = { "99212": 0.7, "99213": 1.3, "99214": 1.92, "99215": 2.8 };
// cause_type: system = the practice's failure; "" = blank, which the SPEC reads as patient.
const SYSTEM_CAUSES = [
  [["video link failed", "system"], 27],
  [["scheduling error", "system"], 14],
  [["platform outage", "system"], 9],
];
const PATIENT_CAUSES = [
  [["patient preference", "patient"], 28],
  [["unknown", ""], 22],
];
// One afternoon the platform went down: every telehealth visit booked then was lost to it.
const OUTAGE_DAY = "2026-02-17";
// Day-before tech checks start: most link failures are caught and fixed the day before.
const CHECKS_FROM = "2026-04-01";
const days = weekdays("2026-01-02", "2026-06-30");
const appts = [];
for (const day of days) {
  const date = iso(day);
  const booked = 10 + Math.floor(rand() * 5);
  // Thursdays are clinic days: in person; other days telehealth, mostly video.
  const clinicDay = day.getUTCDay() === 4;
  const checks = date >= CHECKS_FROM;
  for (let i = 0; i < booked; i++) {
    const visitType = clinicDay ? "in_person" : rand() < 0.82 ? "video" : "audio";
    const tele = visitType !== "in_person";
    // Telehealth loses ~a quarter of its bookings before the checks, ~a sixth after; in person ~a seventh.
    const lost = !tele ? 10 : checks ? 13 : 21;
    let status = pick([["completed", 96 - lost], ["no_show", lost * 0.6], ["late_cancel", lost * 0.4], ["cancelled", 4]]);
    let reason = "";
    let cause = "";
    if (tele && date === OUTAGE_DAY && i >= booked - 4) {
      status = "no_show";
      reason = "platform outage";
      cause = "system";
    } else if (status === "no_show" || status === "late_cancel") {
      // Before the checks about half of telehealth no-shows are the system's; after, about a fifth.
      const systemShare = !tele ? 0.15 : checks ? 0.2 : 0.5;
      [reason, cause] = rand() < systemShare ? pick(tele ? SYSTEM_CAUSES : [SYSTEM_CAUSES[1]]) : pick(PATIENT_CAUSES);
    } else if (status === "cancelled") {
      reason = pick([["rescheduled by patient", 3], ["patient request", 2]]);
      cause = "patient";
    }
    const code = pick(tele ? CODES : IN_PERSON_CODES);
    // Most rows carry only the code (wRVU looked up); some billing exports give the wRVU (with
    // the G2211 complexity add-on on some 99214s); a few rows have neither (not yet coded), or
    // 98005, a 2025 telehealth visit code.
    const kind = pick([["code", 62], ["wrvu", 33], ["neither", 5]]);
    let wrvu = "";
    let rowCode = code;
    if (kind === "wrvu") wrvu = code === "99214" && rand() < 0.4 ? (CMS[code] + 0.33).toFixed(2) : CMS[code].toFixed(2);
    if (kind === "neither") rowCode = tele && rand() >= 0.5 ? "98005" : "";
    appts.push([date, status, reason, cause, rowCode, wrvu, visitType]);
  }
}

// ---- Time log: three weeks of the unpaid work around visits (~10 unpaid hours a week).
const ACTIVITIES = [
  ["portal messages", 44, 8],
  ["results", 26, 5],
  ["charting", 24, 8],
  ["callbacks", 12, 4],
  ["prior authorizations", 8, 4],
];
const time = [];
for (const day of weekdays("2026-01-05", "2026-01-23")) {
  const date = iso(day);
  for (const [activity, mean, spread] of ACTIVITIES) {
    const minutes = Math.max(0, Math.round(mean + (rand() * 2 - 1) * spread));
    if (minutes > 0) time.push([date, activity, minutes, "no"]);
  }
  // Charting inside the paid admin block counts as paid; it is logged to show the difference.
  if (day.getUTCDay() === 3) time.push([date, "charting", 60, "yes"]);
}

// ---- Target tiers: $50 per wRVU above 4,800, $55 above 5,600 (marginal, like tax brackets).
const tiers = [
  [0, 0, "marginal"],
  [4800, 50, "marginal"],
  [5600, 55, "marginal"],
];

fs.mkdirSync(outDir, { recursive: true });
const nA = writeCsv("appointments.csv", ["date", "status", "reason", "cause_type", "code", "wrvu", "visit_type"], appts);
const nT = writeCsv("time-log.csv", ["date", "activity", "minutes", "paid"], time);
writeCsv("target-tiers.csv", ["threshold", "rate", "method"], tiers);
console.log(`wrote ${nA} appointments, ${nT} time-log rows and ${tiers.length} target tiers to ${outDir}`);
