/**
 * What the independent export fixtures (test/fixtures/exports/independent/) found in the reader,
 * each as a small case that failed before its fix: month-name dates refused row by row; a column
 * of only ambiguous dates whose row order says its order; a column naming one modality on every
 * row read as the visit type, overruling the rows' own modifiers; system causes counted on
 * cancels that are no no-shows; and a coverage message whose example line, copied as it stands,
 * would make every such visit video; and a log with no wRVU or code anywhere summed to a YTD of 0.
 * Expected figures are worked in the comments.
 */
import { parseCsv } from "../../../../src/core/csv";
import { parseDateValue } from "../../../../src/core/date-cells";
import { CellError } from "../../../../src/core/cells";
import { readAppointmentLog } from "../../../../src/core/inputs/appointments";
import { readProductionTable } from "../../../../src/core/inputs/production";
import { describeInference } from "../../../../src/core/exports/inferred";
import { ymdToSerial } from "../../../../src/core/dates";
import { bundledFees } from "../../../../src/core/data/bundled-fees";
import { problemsOf } from "../../../helpers/expect-error";

const csv = (text: string, name = "export.csv") => parseCsv(text, name);
const notes = (log: ReturnType<typeof readAppointmentLog>) => describeInference(log.inferred).join(" ");

describe("dates with a named month read one way only, whatever the column's order", () => {
  test.each([
    ["Feb 3, 2026", 2026, 2, 3],
    ["Mar 5, 2026", 2026, 3, 5],
    ["March 5 2026", 2026, 3, 5],
    ["Thursday, March 5, 2026", 2026, 3, 5],
    ["3 Feb 2026", 2026, 2, 3],
    ["03-Feb-2026", 2026, 2, 3],
    ["05-MAR-26", 2026, 3, 5],
    ["Sept 1, 2025", 2025, 9, 1],
    ["Dec. 31, 2025 4:30 PM", 2025, 12, 31],
  ])("%s is %d-%d-%d in either order", (text, y, m, d) => {
    expect(parseDateValue(text, "mdy")).toBe(ymdToSerial(y, m, d));
    expect(parseDateValue(text, "dmy")).toBe(ymdToSerial(y, m, d));
  });

  test("a day the month has not, or a word that is no month, is not a date", () => {
    expect((parseDateValue("Feb 30, 2026") as CellError).message).toMatch(/February 2026 has no day 30/);
    expect(parseDateValue("Page 3, 2026")).toBeInstanceOf(CellError);
    expect(parseDateValue("Total 12 2026")).toBeInstanceOf(CellError);
  });

  test("an Elation-style log of \"Jan 5, 2026\" dates is read, and such a column is recognised as the date by its values", () => {
    const log = readAppointmentLog(csv('Appointment Date,Status\n"Jan 5, 2026",Checked Out\n"Feb 2, 2026",No Show\n'));
    expect(log.appointments.map((a) => a.date)).toEqual([ymdToSerial(2026, 1, 5), ymdToSerial(2026, 2, 2)]);
    const byValues = readAppointmentLog(csv('Booked For,Status\n"Jan 5, 2026",Checked Out\n"3 Feb 2026",No Show\n'));
    expect(byValues.appointments.map((a) => a.date)).toEqual([ymdToSerial(2026, 1, 5), ymdToSerial(2026, 2, 3)]);
    expect(notes(byValues)).toMatch(/Read "Booked For" as date from its values/);
  });
});

test("a row whose date is not a date and whose code cell holds several codes is refused at its row, not a crash", () => {
  // Elation's "Jan 5, 2026" beside "99214 95; G2211" once ended the build with exit 70.
  const p = problemsOf(() => readAppointmentLog(csv('Date,Status,CPT\nsoon,Completed,"99214, G2211"\n2026-01-05,Completed,99213\n'), { fees: bundledFees() }));
  expect(p.map((x) => [x.row, x.column, x.value])).toEqual([[2, "date", "soon"]]);
});

describe("a column whose every date could be either order: its row order decides when only one order keeps it", () => {
  const log = (dates: string[], dateOrder?: "mdy" | "dmy") =>
    readAppointmentLog(csv(["Date,Status", ...dates.map((d) => `${d},Completed`)].join("\n")), { dateOrder });
  const months = (l: ReturnType<typeof log>) => l.appointments.map((a) => a.date);

  test("UK dates crossing into March (10/02 … 03/03): only day/month/year keeps them in order", () => {
    // Read month-first they would run 2 Oct, 2 Nov, 2 Dec, 3 Feb, 3 Mar: backwards at the fourth row.
    // (03/03 reads alike either way, so 4 rows are ambiguous.)
    const l = log(["10/02/2026", "11/02/2026", "12/02/2026", "02/03/2026", "03/03/2026"]);
    expect(months(l)).toEqual([ymdToSerial(2026, 2, 10), ymdToSerial(2026, 2, 11), ymdToSerial(2026, 2, 12), ymdToSerial(2026, 3, 2), ymdToSerial(2026, 3, 3)]);
    expect(notes(l)).toMatch(/read as day\/month\/year: 4 rows could be read either way \("10\/02\/2026" read as 10 February 2026 \(2026-02-10\)\), as the rows' order says/);
    expect(notes(l)).toMatch(/pass --date-order mdy if that is wrong/);
  });

  test("US dates crossing into March (02/10 … 03/03): only month/day/year keeps them in order", () => {
    const l = log(["02/10/2026", "02/11/2026", "02/12/2026", "03/02/2026", "03/03/2026"]);
    expect(months(l)[3]).toBe(ymdToSerial(2026, 3, 2));
    expect(notes(l)).toMatch(/read as month\/day\/year: .*as the rows' order says/);
  });

  test("every date in one month (02/03 … 06/03): both orders keep the rows in order, so the SPEC's month-first default stands and says so", () => {
    const l = log(["02/03/2026", "03/03/2026", "04/03/2026", "05/03/2026", "06/03/2026"]);
    expect(months(l)[0]).toBe(ymdToSerial(2026, 2, 3));
    expect(notes(l)).toMatch(/ClinPay's default when every date could be either; pass --date-order dmy/);
  });

  test("fewer than 4 distinct dates say nothing; --date-order always overrides", () => {
    expect(notes(log(["10/02/2026", "11/02/2026", "02/03/2026"]))).toMatch(/ClinPay's default/);
    const given = log(["10/02/2026", "11/02/2026", "12/02/2026", "02/03/2026", "03/03/2026"], "mdy");
    expect(months(given)[0]).toBe(ymdToSerial(2026, 10, 2));
    expect(notes(given)).toMatch(/as --date-order says/);
  });
});

describe("a column naming one modality on every row is no visit type: it would overrule the rows' own modifiers", () => {
  // Three video visits by modifier 95, one office visit, one no-show with no code, all in the
  // "Riverbend Family Clinic" department. Read as the visit type, all five were "in person".
  const dept = () =>
    csv(
      "Date,Status,CPT,Department\n2026-01-05,Completed,99214-95,Riverbend Family Clinic\n2026-01-06,Completed,99213-95,Riverbend Family Clinic\n" +
        "2026-01-07,Completed,99213,Riverbend Family Clinic\n2026-01-08,No Show,,Riverbend Family Clinic\n2026-01-09,Completed,99214-95,Riverbend Family Clinic\n",
      "dept.csv"
    );

  test("the Department is not read as the visit type; modifiers say video; the scorecard stops offering only --visit-type for it", () => {
    const log = readAppointmentLog(dept());
    expect(log.appointments.map((a) => a.visitType)).toEqual(["video", "video", null, null, "video"]);
    const p = problemsOf(() => readAppointmentLog(dept(), { requireModality: true }));
    expect(p).toHaveLength(1);
    expect(p[0].message).toMatch(/^2 of 5 scheduled rows \(40\.0%\) have no modality/);
    expect(p[0].message).not.toMatch(/column,Department,visit_type/);
    expect(p[0].message).toMatch(/"Department" \("Riverbend Family Clinic" ×5\) names in person on nearly every row/);
    expect(p[0].message).toMatch(/pass --visit-type in_person/);
  });

  test("a platform's Room (doxy.me/…) on every row: not read; --visit-type video then reads every row as video", () => {
    const t = () => csv("Appointment Time,Room,Status\n2026-01-12 14:00,doxy.me/drhkim,Completed\n2026-01-13 12:30,doxy.me/drhkim,No show\n2026-01-14 12:00,doxy.me/drhkim,Completed\n");
    expect(readAppointmentLog(t()).appointments.map((a) => a.visitType)).toEqual([null, null, null]);
    const p = problemsOf(() => readAppointmentLog(t(), { requireModality: true }));
    expect(p[0].message).toMatch(/"Room" \("doxy\.me\/drhkim" ×3\) names video on nearly every row/);
    expect(p[0].message).toMatch(/pass --visit-type video/);
    expect(readAppointmentLog(t(), { visitType: "video", requireModality: true }).appointments.map((a) => a.visitType)).toEqual(["video", "video", "video"]);
  });

  test("a column of types naming two modalities is still recognised by its values", () => {
    const log = readAppointmentLog(csv("Date,Status,Appt Kind\n2026-01-05,Completed,Video Visit\n2026-01-06,Completed,Office Visit\n2026-01-07,No Show,Video Visit - New Patient\n"));
    expect(log.appointments.map((a) => a.visitType)).toEqual(["video", "in_person", "video"]);
    expect(notes(log)).toMatch(/Read "Appt Kind" as visit_type from its values/);
  });
});

describe("what a reason says about cause is counted where it changes a figure", () => {
  test("a cancel with notice and a system word is no system-caused no-show; the no-show with one is, and the note counts 1", () => {
    const t = csv("Date,Status,Cancel Reason\n2026-01-05,Cancelled,Provider unavailable\n2026-01-06,No Show,Video link failed\n2026-01-07,Completed,\n");
    const log = readAppointmentLog(t);
    expect(notes(log)).toMatch(/1 row with no cause given counted as system-caused from their reason \("video" ×1\)/);
  });

  test("a cancel late by its lead time, whose reason is a system word, is a system-caused late cancel", () => {
    const t = csv("Date,Status,Cancel Reason,Hours Notice\n2026-01-05,Cancelled,Clinic closed early,3\n2026-01-06,Completed,,\n");
    const log = readAppointmentLog(t);
    expect(log.appointments.map((a) => [a.status, a.causeType])).toEqual([["late_cancel", "system"], ["completed", "patient"]]);
    expect(notes(log)).toMatch(/1 cancel counted as late cancels: cancelled with under 24 hours' notice/);
  });
});

test("the coverage message names no modality in its example line: copied as it stands it would be true of every such visit", () => {
  const t = csv("Appt Date,Visit Type,Status,POS\n" + [...Array(8)].map((_, i) => `2026-02-${String(i + 1).padStart(2, "0")},NEW PT,Completed,10`).join("\n") + "\n2026-02-20,FOLLOW UP,No Show,\n");
  const p = problemsOf(() => readAppointmentLog(t, { requireModality: true }));
  expect(p[0].message).toMatch(/visit_type,NEW PT,<video, audio, telehealth or in_person>/);
  expect(p[0].message).not.toMatch(/visit_type,NEW PT,video/);
});

test("a log whose completed visits have no wRVU and no code gives no YTD wRVUs: refused, not summed to 0", () => {
  const uk = csv("Appointment Date,Slot Type,Status\n13/01/2026,Face to Face,Attended\n14/01/2026,Telephone,Attended\n15/01/2026,Face to Face,DNA\n");
  const p = problemsOf(() => readProductionTable(uk, "log"));
  expect(p).toHaveLength(1);
  expect(p[0].message).toMatch(/none of its 2 completed visits has a wRVU or a billing code, so it gives no YTD wRVUs .*--ytd with --as-of/);
  // One code is enough to sum (99213: 1.30 in 2026; the visit with none counts 0 and the notes say so).
  const some = csv("Date,Status,CPT\n2026-01-13,Completed,99213\n2026-01-14,Completed,\n");
  expect(readProductionTable(some, "log").rows.map((r) => r.code)).toEqual(["99213", null]);
});
