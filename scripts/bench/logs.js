/**
 * Deterministic appointment logs as a user would hand them to `clinpay leakage`: the same bytes
 * on every run and machine (a seeded generator), written a chunk at a time so a 1M-row log never
 * sits in memory as one string.
 */
"use strict";
const fs = require("fs");

// mulberry32
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Roughly a telehealth practice: most visits completed, ~15% missed, half of those system-caused.
const STATUS = ["completed", "completed", "completed", "completed", "completed", "no_show", "late_cancel", "cancelled"];
const REASONS = ["video link failed", "patient forgot", "platform outage", "scheduling error", "sick", "no answer", "transport", "work conflict"];
const CODES = ["99212", "99213", "99214", "99215", "98005", "98006", "G2211", "90834"];
const VISIT = ["video", "video", "audio", "in_person"];

/** Writes `rows` appointments for the year 2026 to `file`; returns the file's size in bytes. */
function writeAppointmentLog(file, rows, seed = 20260101) {
  const rand = rng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const day0 = Date.UTC(2026, 0, 1);
  const fd = fs.openSync(file, "w");
  let bytes = 0;
  try {
    let chunk = "date,status,reason,cause_type,code,wrvu,visit_type\n";
    for (let i = 0; i < rows; i++) {
      const status = pick(STATUS);
      const missed = status === "no_show" || status === "late_cancel";
      const date = new Date(day0 + Math.floor((i * 365) / rows) * 86400000).toISOString().slice(0, 10);
      const reason = missed || status === "cancelled" ? pick(REASONS) : "";
      const cause = missed ? (rand() < 0.5 ? "system" : "patient") : "";
      const wrvu = rand() < 0.1 ? (Math.round(rand() * 300) / 100).toFixed(2) : "";
      chunk += `${date},${status},${reason},${cause},${pick(CODES)},${wrvu},${pick(VISIT)}\n`;
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

module.exports = { rng, writeAppointmentLog };
