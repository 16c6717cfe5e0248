/**
 * The eight cases of issue 19's "Why" — each a confident wrong number on the old reader, with
 * exit 0 — and issue 18's family 4 (two headers that are exact aliases of one column). Each
 * expected figure is worked by hand in the comment beside it.
 */
import { parseCsv } from "../../../../src/core/csv";
import { readAppointmentLog } from "../../../../src/core/inputs/appointments";
import { readProductionTable } from "../../../../src/core/inputs/production";
import { parseMapping } from "../../../../src/core/exports/mapping";
import { describeInference } from "../../../../src/core/exports/inferred";
import { telehealthMetrics } from "../../../../src/core/telehealth";
import { bundledFees } from "../../../../src/core/data/bundled-fees";
import { ymdToSerial } from "../../../../src/core/dates";
import { telehealthScorecard } from "../../../../src/sheets/defs/telehealth-scorecard";
import { targetTracker } from "../../../../src/sheets/defs/target-tracker";
import { problemsOf } from "../../../helpers/expect-error";

const csv = (text: string, name = "export.csv") => parseCsv(text, name);
const fees = bundledFees();
const assumptions = { changeDate: null, groupNoShowRate: null, groupWrvuPerVisit: null, farBelow: 0.2, annualTarget: null, writtenConcerns: false, dollarsPerWrvu: 50 };

describe("issue 19, Why: each case is read right or refused", () => {
  // 10 telehealth rows (8 completed with POS 10, 2 no-shows with no POS) and 4 office rows
  // (3 completed with POS 11, 1 no-show): telehealth 2/10 = 20%, in person 1/4 = 25%.
  const telehealthLog = () => {
    const rows = ["Appt Date,Appt Type,Status,POS"];
    for (let i = 1; i <= 8; i++) rows.push(`2026-02-${String(i).padStart(2, "0")},${i % 2 ? "TELEHEALTH VIDEO" : "TELEPHONE VISIT"},Completed,10`);
    rows.push("2026-02-09,TELEHEALTH VIDEO,No Show,", "2026-02-10,TELEPHONE VISIT,No Show,");
    rows.push("2026-02-11,OFFICE VISIT,Completed,11", "2026-02-12,OFFICE VISIT,Completed,11", "2026-02-13,OFFICE VISIT,Completed,11", "2026-02-14,OFFICE VISIT,No Show,");
    return csv(rows.join("\n"), "sessions.csv");
  };

  test("1. an Appt Type of TELEHEALTH VIDEO / TELEPHONE VISIT / OFFICE VISIT is read: no-show rates 20.0% against 25.0%, not 0.0%", () => {
    const log = readAppointmentLog(telehealthLog());
    const m = telehealthMetrics(log.appointments, fees, assumptions);
    expect(m.teleNoShowRate).toBeCloseTo(2 / 10, 12);
    expect(m.inPersonNoShowRate).toBeCloseTo(1 / 4, 12);
    expect(describeInference(log.inferred).join(" ")).toMatch(/Read "Appt Type" as visit_type from its values/);
  });

  test("1b. when nothing says the modality of the no-shows, the scorecard stops and names the column and the lines to write", async () => {
    const sheet = await telehealthScorecard.load();
    const t = csv("Appt Date,Visit Kind,Status,POS\n" + [...Array(8)].map((_, i) => `2026-02-${String(i + 1).padStart(2, "0")},NEW PT,Completed,10`).join("\n") + "\n2026-02-20,FOLLOW UP,No Show,\n2026-02-21,FOLLOW UP,No Show,\n", "s.csv");
    const p = problemsOf(() => telehealthScorecard.plan({ tables: { appointments: t }, fields: {}, builtAt: new Date(), fees }, sheet));
    // 2 of 10 scheduled rows (20%) have no modality: over the 5% the scorecard allows.
    expect(p).toHaveLength(1);
    expect(p[0].message).toMatch(/^2 of 10 scheduled rows \(20\.0%\) have no modality/);
    expect(p[0].message).toMatch(/"Visit Kind" \("NEW PT" ×8, "FOLLOW UP" ×2\)/);
    expect(p[0].message).toMatch(/column,Visit Kind,visit_type/);
    expect(p[0].message).toMatch(/--visit-type video/);
  });

  test("2. two providers under \"Resource/Provider\" are never merged", () => {
    const t = csv("Date,Resource/Provider,Status\n2026-01-05,Dr A,Completed\n2026-01-05,Dr B,No Show\n2026-01-06,Dr A,No Show\n");
    const p = problemsOf(() => readAppointmentLog(t));
    expect(p.map((x) => x.message).join(" ")).toMatch(/names 2 providers: "Dr A" \(2 rows\), "Dr B" \(1 row\)/);
    expect(readAppointmentLog(t, { provider: "dr b" }).appointments.map((a) => a.status)).toEqual(["no_show"]);
  });

  test("3. 13/01/2026 makes the column day-first: 06/01/2026 is 6 January, never June", () => {
    const t = csv("Date,Status\n13/01/2026,Completed\n06/01/2026,Completed\n07/01/2026,No Show\n");
    const log = readAppointmentLog(t);
    expect(log.appointments.map((a) => a.date)).toEqual([ymdToSerial(2026, 1, 13), ymdToSerial(2026, 1, 6), ymdToSerial(2026, 1, 7)]);
    expect(describeInference(log.inferred).join(" ")).toMatch(/read as day\/month\/year: 2 rows could be read either way \("06\/01\/2026" read as 6 January 2026/);
    // Dates of both orders in one column: refused, naming a row of each; no advice to retype one cell.
    const both = problemsOf(() => readAppointmentLog(csv("Date,Status\n13/01/2026,Completed\n01/14/2026,Completed\n06/01/2026,Completed\n")));
    expect(both).toHaveLength(1);
    expect(both[0]).toMatchObject({ row: 2, value: "13/01/2026" });
    expect(both[0].message).toMatch(/row 3 \("01\/14\/2026"\) can only be month\/day\/year/);
  });

  test("4. \"99214, G2211\" in one cell counts 1.92 + 0.33 = 2.25 wRVUs (CMS 2026), not 0", () => {
    const t = csv('Date,Status,CPT\n2026-03-02,Completed,"99214, G2211"\n2026-03-03,Completed,99214;G2211\n2026-03-04,Completed,99213\n');
    const log = readAppointmentLog(t, { fees });
    expect(log.appointments.map((a) => [a.code, a.wrvu])).toEqual([["99214", 2.25], ["99214", 2.25], ["99213", null]]);
    expect(describeInference(log.inferred).join(" ")).toMatch(/2 rows had several codes in one cell/);
  });

  test("5. \"Cancelled\" with reason \"Same Day Cancel\" is a late cancel (a no-show), not a cancel with notice", () => {
    const t = csv("Date,Status,Cancel Reason\n2026-01-05,Cancelled,Same Day Cancel\n2026-01-06,Cancelled,Patient request\n2026-01-07,Canceled,NCNS\n");
    const log = readAppointmentLog(t);
    expect(log.appointments.map((a) => a.status)).toEqual(["late_cancel", "cancelled", "no_show"]);
  });

  test("6. a subtotal row is left out and counted, never summed, never \"type the date of service\"", () => {
    // 1.92 + 1.30 + 2.60 = 5.82 wRVUs; the subtotal (3.22) and the total (5.82) are furniture.
    const t = csv("Service Date,CPT,wRVU\n2026-01-05,99214,1.92\n2026-01-06,99213,1.30\nJan 2026 Subtotal,,3.22\n2026-02-02,99204,2.60\n,Grand Total,5.82\n");
    const read = readProductionTable(t, "report", { fees });
    expect(read.rows.map((r) => r.wrvu)).toEqual([1.92, 1.3, 2.6]);
    expect(read.report!.reading.join(" ")).toMatch(/1 subtotal row, 1 total row/);
    // A row with no date and no furniture word is refused with advice that cannot add it as data.
    const p = problemsOf(() => readProductionTable(csv("Service Date,CPT,wRVU\n2026-01-05,99214,1.92\n,,3.22\n"), "report", {}));
    expect(p[0].message).toMatch(/if this line is a total, subtotal or another line of the report, delete it/);
  });

  test("7. \"Connection failed\" is a system-caused no-show, and status,<value>,no_show/system can say so", () => {
    const t = csv("Date,Status\n2026-01-05,Connection failed\n2026-01-06,Completed\n2026-01-07,Dropped call\n");
    const map = parseMapping(csv("what,from,to\nstatus,Dropped call,no_show/system\n", "map.csv"));
    const log = readAppointmentLog(t, { mapping: map });
    expect(log.appointments.map((a) => [a.status, a.causeType])).toEqual([["no_show", "system"], ["completed", "patient"], ["no_show", "system"]]);
  });

  test("8. --as-of 12/05/2026 is refused: it could be 5 December or 12 May", async () => {
    const sheet = await targetTracker.load();
    const p = problemsOf(() => targetTracker.plan({ tables: {}, fields: { wrvuTarget: "5000", ytd: "1000", asOf: "12/05/2026" }, builtAt: new Date(), fees }, sheet));
    expect(p.find((x) => x.column === "As of")?.message).toBe("could be 2026-12-05 or 2026-05-12: type 2026-12-05 or 2026-05-12");
  });
});

describe("issue 18, family 4: two headers that are exact aliases of one column", () => {
  test("Status and Appt Status that differ: refused, naming both and the map line that picks one", () => {
    const t = csv("Date,Status,Appt Status\n2026-01-05,Completed,Completed\n2026-01-06,Completed,No Show\n");
    const p = problemsOf(() => readAppointmentLog(t));
    expect(p).toHaveLength(1);
    expect(p[0].message).toMatch(/"Status" and "Appt Status" are both headers ClinPay reads as status, and they differ \(row 3: "Completed" against "No Show"\)/);
    expect(p[0].message).toMatch(/column,Status,status or column,Appt Status,status/);
    const picked = readAppointmentLog(t, { mapping: parseMapping(csv("what,from,to\ncolumn,Appt Status,status\n", "m.csv")) });
    expect(picked.appointments.map((a) => a.status)).toEqual(["completed", "no_show"]);
  });

  test("Appt Date and Service Date that differ: refused; that agree on every row: read, and the notes say which", () => {
    expect(problemsOf(() => readAppointmentLog(csv("Appt Date,Service Date,Status\n2026-01-05,2026-01-05,Completed\n2026-01-06,2026-01-09,Completed\n")))[0].message).toMatch(/"Appt Date" and "Service Date"/);
    const agree = readAppointmentLog(csv("Appt Date,Service Date,Status\n2026-01-05,2026-01-05,Completed\n2026-01-06,2026-01-06,Completed\n"));
    expect(agree.appointments).toHaveLength(2);
    expect(describeInference(agree.inferred).join(" ")).toMatch(/date read from "Appt Date" \("Service Date" holds the same value on every row\)/i);
  });

  test("provider: the name beside the id wins, and the notes say so", () => {
    const t = csv("Date,Status,Provider ID,Provider Name\n2026-01-05,Completed,1001,Dr Lee\n");
    const log = readAppointmentLog(t);
    expect(log.appointments[0].provider).toBe("Dr Lee");
    expect(describeInference(log.inferred).join(" ")).toMatch(/Provider read from "Provider Name"/);
  });
});
