/**
 * Deterministic appointment logs as a user would hand them to `clinpay leakage`: the same bytes
 * on every run and machine (a seeded generator), written a chunk at a time so a 1M-row log never
 * sits in memory as one string.
 */
"use strict";
const fs = require("fs");
const { seeded } = require("../seeded-random");

// The samples' seeded generator: the same logs, byte for byte, on every run and machine.
const rng = (seed) => seeded(seed).rand;

// Roughly a telehealth practice: most visits completed, ~15% missed, half of those system-caused.
const STATUS = ["completed", "completed", "completed", "completed", "completed", "no_show", "late_cancel", "cancelled"];
const REASONS = ["video link failed", "patient forgot", "platform outage", "scheduling error", "sick", "no answer", "transport", "work conflict"];
const CODES = ["99212", "99213", "99214", "99215", "98005", "98006", "G2211", "90834"];
const VISIT = ["video", "video", "audio", "in_person"];

/**
 * Writes `header` and `rows` lines made by `line(i, rand, pick, date)` (date: that row's day of
 * 2026, spread evenly over the year) to `file` a chunk at a time; returns the file's size.
 */
function writeLines(file, rows, seed, header, line) {
  const rand = rng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const day0 = Date.UTC(2026, 0, 1);
  const fd = fs.openSync(file, "w");
  let bytes = 0;
  try {
    let chunk = header + "\n";
    for (let i = 0; i < rows; i++) {
      chunk += line(i, rand, pick, new Date(day0 + Math.floor((i * 365) / rows) * 86400000)) + "\n";
      if (chunk.length > 1 << 20) {
        bytes += fs.writeSync(fd, chunk);
        chunk = "";
      }
    }
    bytes += fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

/** Writes `rows` appointments for the year 2026 to `file`; returns the file's size in bytes. */
function writeAppointmentLog(file, rows, seed = 20260101) {
  return writeLines(file, rows, seed, "date,status,reason,cause_type,code,wrvu,visit_type", (i, rand, pick, d) => {
    const status = pick(STATUS);
    const missed = status === "no_show" || status === "late_cancel";
    const reason = missed || status === "cancelled" ? pick(REASONS) : "";
    const cause = missed ? (rand() < 0.5 ? "system" : "patient") : "";
    const wrvu = rand() < 0.1 ? (Math.round(rand() * 300) / 100).toFixed(2) : "";
    return `${d.toISOString().slice(0, 10)},${status},${reason},${cause},${pick(CODES)},${wrvu},${pick(VISIT)}`;
  });
}

// Shaped like an Epic Cadence appointment report (test/fixtures/exports/epic-cadence.csv): its
// header names, US date-times, status words, modifiers in the code cell, POS and two providers.
const EPIC_STATUS = ["Completed", "Completed", "Completed", "Completed", "Completed", "No Show", "Canceled", "Canceled"];
const EPIC_CODES = ["99213", "99214-95", "99214 95", "99215", "98005", "99213:25", "G2211", "90834-93"];
const PROVIDERS = ['"SMITH, JANE MD"', '"LEE, ANN NP"'];
const EPIC_HEADER = "Appt Date/Time,Provider,Visit Type,Appt Status Name,Cancel Reason Name,Cancel Initiator,Cancel Lead Hours,CPT,Place of Service";

/** Writes `rows` Epic-shaped appointments for 2026 to `file`; returns the file's size in bytes. */
function writeExportLog(file, rows, seed = 20260102) {
  return writeLines(file, rows, seed, EPIC_HEADER, (i, rand, pick, d) => {
    const status = pick(EPIC_STATUS);
    const when = `${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(d.getUTCDate()).padStart(2, "0")}/2026 ${String(8 + (i % 9)).padStart(2, "0")}:30 AM`;
    const missed = status !== "Completed";
    const reason = missed ? pick(REASONS) : "";
    const initiator = missed ? (rand() < 0.5 ? "Provider" : "Patient") : "";
    const lead = status === "Canceled" ? String(Math.floor(rand() * 72)) : "";
    return `${when},${PROVIDERS[i % 2]},${pick(["FOLLOW UP", "NEW PATIENT"])},${status},${reason},${initiator},${lead},${pick(EPIC_CODES)},${pick(["02", "10", "11"])}`;
  });
}

/** Writes `rows` appointments as an .xlsx (date cells, shared strings), streamed; needs lib's exceljs. */
async function writeAppointmentXlsx(file, rows, seed = 20260103) {
  const ExcelJS = require("exceljs");
  const rand = rng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet("Appointments");
  ws.addRow(["date", "status", "reason", "cause_type", "code", "wrvu", "visit_type"]).commit();
  for (let i = 0; i < rows; i++) {
    const status = pick(STATUS);
    const missed = status === "no_show" || status === "late_cancel";
    const row = ws.addRow([new Date(Date.UTC(2026, 0, 1 + Math.floor((i * 365) / rows))), status, missed ? pick(REASONS) : null, missed ? "system" : null, pick(CODES), rand() < 0.1 ? 1.5 : null, pick(VISIT)]);
    row.getCell(1).numFmt = "yyyy-mm-dd";
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return fs.statSync(file).size;
}

module.exports = { rng, writeAppointmentLog, writeExportLog, writeAppointmentXlsx };
