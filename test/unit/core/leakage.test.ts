/**
 * leakageMetrics against a small log computed by hand (SPEC §3 RVU Leakage definitions).
 */
import { bundledFees } from "../../../src/core/data/bundled-fees";
import { leakageMetrics } from "../../../src/core/leakage";
import { LONG_TEXT, TABLE_ROWS } from "../../../src/core/grouping";
import { matchKey, cleanText } from "../../../src/core/cms-block";
import type { Appointment, TimeEntry } from "../../../src/core/inputs/types";

const JAN5 = 46027; // 2026-01-05
let row = 1;
const appt = (date: number, status: Appointment["status"], reason: string, causeType: "system" | "patient", code: string | null, wrvu: number | null): Appointment => ({
  row: ++row,
  date,
  status,
  reason,
  causeType,
  code,
  wrvu,
  visitType: "video",
});
const FEB10 = JAN5 + 36;
const MAR2 = JAN5 + 56;

const APPTS: Appointment[] = [
  appt(JAN5, "completed", "", "patient", "99213", null), // CMS 1.30
  appt(JAN5, "completed", "", "patient", "99214", 2.25),
  appt(JAN5 + 1, "completed", "", "patient", null, null), // neither: left out of the mean
  appt(JAN5 + 1, "no_show", "video link failed", "system", "99214", null), // CMS 1.92
  appt(JAN5 + 2, "late_cancel", "Patient preference", "patient", null, null), // mean
  appt(FEB10, "no_show", "patient preference", "patient", "99999", null), // not in CMS: mean
  appt(FEB10, "no_show", "platform outage", "system", "99213", 1.5), // the log's wrvu
  appt(MAR2, "cancelled", "rescheduled", "patient", "99213", null),
  appt(MAR2 + 1, "completed", "", "patient", "99215", null), // CMS 2.80
];
const TIME: TimeEntry[] = [
  { row: 2, date: JAN5, activity: "portal messages", minutes: 60, paid: false },
  { row: 3, date: JAN5, activity: "charting", minutes: 30, paid: true },
  { row: 4, date: JAN5 + 3, activity: "Portal Messages", minutes: 45, paid: false },
  { row: 5, date: JAN5 + 6, activity: "results", minutes: 15, paid: false },
];
const OPTS = { dollarsPerWrvu: 50, effectiveHourly: 150, fees: bundledFees() };
const MEAN = (1.3 + 2.25 + 2.8) / 3;

describe("leakageMetrics on a hand-computed log", () => {
  const m = leakageMetrics(APPTS, TIME, OPTS);

  test("counts and rates follow the SPEC definitions", () => {
    expect(m.scheduled).toBe(8);
    expect(m.completed).toBe(4);
    expect(m.cancelled).toBe(1);
    expect(m.noShows).toBe(4);
    expect(m.noShowRate).toBe(0.5);
    expect(m.systemNoShows).toBe(2);
    expect(m.patientNoShows).toBe(2);
    expect(m.patientNoShowRate).toBeCloseTo(2 / 6, 12);
  });

  test("wRVUs lost: row wrvu, else CMS code, else mean of completed", () => {
    expect(m.wrvuParts.fromLog).toBeCloseTo(1.5, 12);
    expect(m.wrvuParts.fromCodes).toBeCloseTo(1.92, 12);
    expect(m.wrvuParts.unresolved).toBe(2);
    expect(m.wrvuParts.meanCompleted).toBeCloseTo(MEAN, 12);
    expect(m.wrvusLost).toBeCloseTo(1.5 + 1.92 + 2 * MEAN, 12);
    expect(m.revenueLost).toBeCloseTo((1.5 + 1.92 + 2 * MEAN) * 50, 9);
  });

  test("by reason groups case-insensitively, biggest first, system and patient side by side", () => {
    expect(m.byReason.map((r) => [r.reason, r.noShows, r.systemCaused, r.patientCaused])).toEqual([
      ["Patient preference", 2, 0, 2],
      ["video link failed", 1, 1, 0],
      ["platform outage", 1, 1, 0],
    ]);
    expect(m.byReason[0].share).toBe(0.5);
    expect(m.byReason[0].wrvusLost).toBeCloseTo(2 * MEAN, 12);
    expect(m.byReason[1].wrvusLost).toBeCloseTo(1.92, 12);
    expect(m.byReason[2].wrvusLost).toBeCloseTo(1.5, 12);
  });

  test("by cause", () => {
    const [sys, pat] = m.byCause;
    expect(sys).toMatchObject({ causeType: "system", noShows: 2, share: 0.5 });
    expect(sys.wrvusLost).toBeCloseTo(3.42, 12);
    expect(sys.revenueLost).toBeCloseTo(171, 9);
    expect(pat).toMatchObject({ causeType: "patient", noShows: 2, share: 0.5 });
    expect(pat.wrvusLost).toBeCloseTo(2 * MEAN, 12);
  });

  test("by month, cancelled rows left out", () => {
    expect(m.byMonth).toEqual([
      { monthStart: 46023, scheduled: 5, completed: 3, noShows: 2, noShowRate: 0.4 },
      { monthStart: 46054, scheduled: 2, completed: 0, noShows: 2, noShowRate: 1 },
      { monthStart: 46082, scheduled: 1, completed: 1, noShows: 0, noShowRate: 0 },
    ]);
  });

  test("coding mix of completed visits, in code order, no code last", () => {
    expect(m.codingMix.map((c) => [c.code, c.completed, c.share])).toEqual([
      ["99213", 1, 0.25],
      ["99214", 1, 0.25],
      ["99215", 1, 0.25],
      ["", 1, 0.25],
    ]);
  });

  test("time log: unpaid hours, per week over first..last date, value", () => {
    const t = m.time!;
    expect(t.unpaidMinutes).toBe(120);
    expect(t.unpaidHours).toBe(2);
    expect(t.days).toBe(7);
    expect(t.unpaidHoursPerWeek).toBeCloseTo(2, 12);
    expect(t.unpaidTimeValue).toBe(300);
    expect(t.byActivity.map((a) => [a.activity, a.unpaidMinutes, a.share])).toEqual([
      ["portal messages", 105, 0.875],
      ["results", 15, 0.125],
      ["charting", 0, 0],
    ]);
  });
});

describe("leakageMetrics edge cases", () => {
  test("no time log: time is null", () => {
    expect(leakageMetrics(APPTS, undefined, OPTS).time).toBeNull();
  });

  test("no no-shows: zero loss, empty reason table, patient rate 0", () => {
    const m = leakageMetrics(APPTS.filter((a) => a.status === "completed"), null, OPTS);
    expect(m.noShows).toBe(0);
    expect(m.wrvusLost).toBe(0);
    expect(m.byReason).toEqual([]);
    expect(m.noShowRate).toBe(0);
    expect(m.patientNoShowRate).toBe(0);
    expect(m.byCause.map((c) => c.share)).toEqual([0, 0]);
  });

  test("every scheduled visit a system-caused no-show: patient rate has no denominator", () => {
    const m = leakageMetrics([appt(JAN5, "no_show", "platform outage", "system", "99213", null)], null, OPTS);
    expect(m.patientNoShowRate).toBeNull();
    expect(m.noShowRate).toBe(1);
    // No completed visit to take a mean from, but the code resolves it.
    expect(m.wrvusLost).toBeCloseTo(1.3, 12);
  });

  test("a no-show with nothing to value it by and no completed visits counts 0", () => {
    const m = leakageMetrics([appt(JAN5, "late_cancel", "", "patient", null, null)], null, OPTS);
    expect(m.wrvuParts).toEqual({ fromLog: 0, fromCodes: 0, unresolved: 1, unresolvedByCode: [{ code: "", rows: 1 }], meanCompleted: 0, meanOver: 0 });
    expect(m.wrvusLost).toBe(0);
    expect(m.byReason[0].reason).toBe("");
  });

  test("only cancellations: nothing scheduled, rates are null", () => {
    const m = leakageMetrics([appt(JAN5, "cancelled", "", "patient", null, null)], null, OPTS);
    expect(m.scheduled).toBe(0);
    expect(m.noShowRate).toBeNull();
    expect(m.patientNoShowRate).toBeNull();
    expect(m.byMonth).toEqual([{ monthStart: 46023, scheduled: 0, completed: 0, noShows: 0, noShowRate: null }]);
  });

  test("empty months in between are listed with zeros", () => {
    const m = leakageMetrics([appt(JAN5, "completed", "", "patient", "99213", null), appt(JAN5 + 120, "completed", "", "patient", "99213", null)], null, OPTS);
    expect(m.byMonth.map((r) => [r.scheduled, r.noShowRate])).toEqual([[1, 0], [0, null], [0, null], [0, null], [1, 0]]);
  });

  test("long reasons group by their first LONG_TEXT characters", () => {
    const long = "x".repeat(LONG_TEXT) + " more";
    const m = leakageMetrics(
      [appt(JAN5, "no_show", long, "patient", null, 1), appt(JAN5, "no_show", long + " and more", "patient", null, 1), appt(JAN5, "no_show", "x".repeat(LONG_TEXT), "patient", null, 1)],
      null,
      OPTS
    );
    expect(m.byReason.map((r) => [r.reason.length, r.prefix, r.noShows])).toEqual([
      [LONG_TEXT, true, 2],
      [LONG_TEXT, false, 1],
    ]);
  });

  test("the CMS block holds this log's CMS codes in the table years of their rows, or the office E/M codes when none is known", () => {
    const m = leakageMetrics(APPTS, null, OPTS);
    expect(m.cms.rows.map((r) => [r.code, r.year, ...r.values])).toEqual([["99213", 2026, 1.3, 1.3], ["99214", 2026, 1.92, 1.92], ["99215", 2026, 2.8, 2.8]]);
    const tele = leakageMetrics([appt(JAN5, "completed", "", "patient", "98005", null), appt(JAN5, "completed", "", "patient", "71046-26", null)], null, OPTS);
    // 2026 visits: 71046-26 is 0.22 in 2025, 0.21 in 2026 (cms-pfs-2025/2026-rvu.csv).
    expect(tele.cms.rows.map((r) => [r.code, r.year, ...r.values])).toEqual([["71046-26", 2026, 0.22, 0.21], ["98005", 2026, 1.3, 1.3]]);
    const none = leakageMetrics([appt(JAN5, "completed", "", "patient", "99999", null)], null, OPTS);
    expect(none.cms.rows.map((r) => r.code)).toEqual(["99202", "99203", "99204", "99205", "99211", "99212", "99213", "99214", "99215", "G2211"]);
  });

  test("units: a row's CMS wRVU is its code's × units, and the mean is per visit", () => {
    const rows = [
      { ...appt(JAN5, "completed", "", "patient", "99213", null), units: 2 }, // 2.60
      appt(JAN5, "completed", "", "patient", "99214", null), // 1.92
      { ...appt(JAN5, "no_show", "", "patient", "99214", null), units: 3 }, // 5.76
      appt(JAN5, "no_show", "", "patient", null, null), // mean (2.60 + 1.92) / 2
    ];
    const m = leakageMetrics(rows, null, OPTS);
    expect(m.wrvuParts.meanCompleted).toBeCloseTo((2.6 + 1.92) / 2, 12);
    expect(m.wrvuParts.fromCodes).toBeCloseTo(5.76, 12);
    expect(m.wrvusLost).toBeCloseTo(5.76 + 2.26, 12);
    expect(m.wrvuParts.unresolvedByCode).toEqual([{ code: "", rows: 1 }]);
  });

  test("past TABLE_ROWS reasons, the smallest fold into one last row that keeps the totals", () => {
    const rows = Array.from({ length: 40 }, (_, i) => appt(JAN5, "no_show", `reason ${i < 20 ? i : i - 20 < 5 ? 0 : 1}`, i % 2 ? "system" : "patient", null, 1));
    const m = leakageMetrics(rows, null, OPTS);
    expect(m.byReason.length).toBe(TABLE_ROWS + 1);
    const last = m.byReason[TABLE_ROWS];
    expect(last.other).toBe(20 - TABLE_ROWS);
    expect(m.byReason.slice(0, 2).map((r) => [r.reason, r.noShows])).toEqual([["reason 1", 16], ["reason 0", 6]]);
    const sum = (f: (r: (typeof m.byReason)[number]) => number) => m.byReason.reduce((s, r) => s + f(r), 0);
    expect(sum((r) => r.noShows)).toBe(40);
    expect(sum((r) => r.systemCaused)).toBe(20);
    expect(sum((r) => r.wrvusLost)).toBeCloseTo(40, 9);
    expect(m.byReason.slice(0, TABLE_ROWS).every((r) => r.other === 0)).toBe(true);
  });

  test("text keys: case and runs of spaces do not matter, digits are text", () => {
    expect(matchKey("  Video   LINK ")).toBe("video link");
    expect(cleanText("a\n b")).toBe("a b");
    expect(matchKey("05")).not.toBe(matchKey("5"));
  });
});
