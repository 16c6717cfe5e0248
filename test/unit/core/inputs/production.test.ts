/**
 * wRVU production reports and the Target Tracker's month-by-month figures (SPEC §3 "Target
 * Tracker, more"): header aliases, signed units and wRVUs (voids), modifiers in the code, the
 * provider choice, rows outside the period, rows priced by CMS code, and properties — any alias
 * reads the same, and the months always add up to YTD.
 */
import fc from "fast-check";
import { parseCsv } from "../../../../src/core/csv";
import { completedProduction, isAppointmentLog, readProductionReport, readProductionTable } from "../../../../src/core/inputs/production";
import { productionFigures } from "../../../../src/core/production";
import { bundledFees } from "../../../../src/core/data/bundled-fees";
import { APPOINTMENT_ALIASES } from "../../../../src/core/exports/vocab";
import { ymdToSerial } from "../../../../src/core/dates";
import { problemsOf } from "../../../helpers/expect-error";
import type { Appointment, ProductionRow } from "../../../../src/core/inputs/types";

const fees = bundledFees();
const JAN1 = ymdToSerial(2026, 1, 1);
const pace = (asOf: number, periodStart = JAN1, wrvuTarget = 365) => ({ wrvuTarget, periodStart, asOf, daysInPeriod: 365 });
const row = (date: number, wrvu: number | null, code: string | null = null, units = 1): ProductionRow => ({ row: 2, date, code, modifiers: "", units, wrvu, provider: "" });

describe("the production report reader", () => {
  test("Epic's headers, modifiers in the code, voids as negative units and wRVUs", () => {
    const r = readProductionReport(
      parseCsv(
        "Provider Name,CPT,CPT Modifier 1,Provider - Performing Units,Adj Work RVU,Original Service Date\n" +
          "SMITH,99214-95,,1,1.92,01/05/2026\n" +
          "SMITH,71046,26,1,0.22,01/06/2026\n" +
          "SMITH,99214,,-1,-1.92,01/07/2026\n",
        "epic.csv"
      )
    );
    expect(r.rows.map((x) => [x.date, x.code, x.modifiers, x.units, x.wrvu])).toEqual([
      [ymdToSerial(2026, 1, 5), "99214", "95", 1, 1.92],
      [ymdToSerial(2026, 1, 6), "71046-26", "26", 1, 0.22],
      [ymdToSerial(2026, 1, 7), "99214", "", -1, -1.92],
    ]);
    expect(r.inferred.voids).toBe(1);
    expect(r.inferred.modifiersInCode).toBe(1);
    expect(r.inferred.columnsRead.map((c) => `${c.column} ← ${c.header}`)).toEqual([
      "date ← Original Service Date",
      "code ← CPT",
      "modifier ← CPT Modifier 1",
      "units ← Provider - Performing Units",
      "wrvu ← Adj Work RVU",
      "provider ← Provider Name",
    ]);
  });

  test("a void printing its wRVU unsigned (units -1, wRVU 1.30) takes it off: YTD 1.92 + 1.30 − 1.30, and the notes say so", () => {
    const r = readProductionReport(
      parseCsv("Original Service Date,CPT,Provider - Performing Units,Adj Work RVU,Detail Type\n01/05/2026,99214,1,1.92,1\n01/06/2026,99213,1,1.30,1\n01/06/2026,99213,-1,1.30,10\n", "epic.csv")
    );
    expect(r.rows.map((x) => [x.units, x.wrvu, x.printed])).toEqual([[1, 1.92, undefined], [1, 1.3, undefined], [-1, -1.3, 1.3]]);
    expect(r.inferred.unsignedVoids).toEqual({ rows: 1, first: { row: 4, units: -1, wrvu: 1.3 } });
    const ytd = productionFigures(r.rows, fees, pace(ymdToSerial(2026, 1, 31))).ytd;
    expect(ytd).toBeCloseTo(1.92, 10);
  });

  test("a report with neither a wrvu nor a code column says what it needs, once", () => {
    const problems = problemsOf(() => readProductionReport(parseCsv("Date,Description\n2026-01-05,visit\n", "r.csv")));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/needs a wrvu column \(or a code column to look wRVUs up\); the columns found are: Date, Description/);
  });

  test("several providers need a choice; all combines them", () => {
    const t = () => parseCsv("Date,wRVU,Provider\n2026-01-05,1,A\n2026-01-06,2,B\n2026-01-07,3,a\n", "r.csv");
    expect(problemsOf(() => readProductionReport(t()))[0].message).toMatch(/names 2 providers: "A" \(2 rows\), "B" \(1 row\)/);
    expect(readProductionReport(t(), { provider: "a" }).rows.map((x) => x.wrvu)).toEqual([1, 3]);
    expect(readProductionReport(t(), { provider: "all" }).rows).toHaveLength(3);
  });

  test("a bad cell is one problem at its row and column", () => {
    const problems = problemsOf(() => readProductionReport(parseCsv("Date,wRVU\n2026-01-05,x\nsoon,1\n", "r.csv")));
    expect(problems.map((p) => [p.row, p.column])).toEqual([[2, "wrvu"], [3, "date"]]);
  });

  test("an oversized provider cell is one problem, though two passes read the column", () => {
    const problems = problemsOf(() => readProductionReport(parseCsv(`Date,wRVU,Provider\n2026-01-05,1,${"x".repeat(40000)}\n2026-01-06,1,A\n`, "r.csv")));
    expect(problems.filter((p) => p.column === "provider").map((p) => p.row)).toEqual([2]);
  });

  test("any listed alias of a column reads the same rows", () => {
    const A = APPOINTMENT_ALIASES;
    fc.assert(
      fc.property(fc.constantFrom("date", ...A.date), fc.constantFrom("code", ...A.code), fc.constantFrom("units", ...A.units), fc.constantFrom("wrvu", ...A.wrvu), (d, c, u, w) => {
        const text = `"${d}","${c}","${u}","${w}"\n2026-01-05,99214,1,\n2026-01-06,99213,2,\n2026-01-07,99214,-1,-1.92\n`;
        const rows = readProductionReport(parseCsv(text, "r.csv")).rows;
        return productionFigures(rows, fees, pace(ymdToSerial(2026, 1, 31))).ytd === 1.92 + 2 * 1.3 - 1.92;
      }),
      { numRuns: 60 }
    );
  });
});

describe("production figures", () => {
  test("a row's own wRVU, else units × its CMS wRVU, else 0 (said by code)", () => {
    const f = productionFigures([row(JAN1, 2), row(JAN1 + 1, null, "99214", 2), row(JAN1 + 2, null, "X9999"), row(JAN1 + 3, null, null)], fees, pace(JAN1 + 30));
    expect(f.ytd).toBeCloseTo(2 + 2 * 1.92, 12);
    expect(f.unpriced).toEqual([
      { code: "X9999", rows: 1 },
      { code: "", rows: 1 },
    ]);
    expect(f.cms.rows.map((c) => c.code)).toEqual(["99214"]);
  });

  test("months run from Period start's month through As of's, counted from Period start to As of", () => {
    // A contract year from 15 Jan; As of 10 Mar. The 10 Jan and 20 Mar rows are outside it.
    const start = ymdToSerial(2026, 1, 15);
    const asOf = ymdToSerial(2026, 3, 10);
    const rows = [row(ymdToSerial(2026, 1, 10), 5), row(ymdToSerial(2026, 1, 20), 1), row(ymdToSerial(2026, 2, 28), 2), row(ymdToSerial(2026, 3, 10), 4), row(ymdToSerial(2026, 3, 20), 8)];
    const f = productionFigures(rows, fees, { wrvuTarget: 365, periodStart: start, asOf, daysInPeriod: 365 });
    expect(f.months.map((m) => [m.month, m.wrvus, m.cumulative, m.pace])).toEqual([
      [ymdToSerial(2026, 1, 1), 1, 1, 17], // 15–31 Jan: 17 days of a 365 target over 365 days
      [ymdToSerial(2026, 2, 1), 2, 3, 45],
      [ymdToSerial(2026, 3, 1), 4, 7, 55], // through As of, 10 Mar
    ]);
    expect(f.months.every((m) => m.below)).toBe(true);
    expect(f.monthsBelowPace).toBe(3);
    expect(f.rowsCounted).toBe(3);
    expect(f.rowsOutside).toBe(2);
  });

  test("voids subtract, and a month can go negative without breaking the sums", () => {
    const f = productionFigures([row(JAN1, 1.92), row(JAN1 + 40, -1.92), row(JAN1 + 41, -1.3)], fees, pace(JAN1 + 50));
    expect(f.months.map((m) => m.wrvus)).toEqual([1.92, expect.closeTo(-3.22, 12)]);
    expect(f.ytd).toBeCloseTo(-1.3, 12);
  });

  test("the months add up to YTD, and cumulative ends at it (property)", () => {
    const rowArb = fc.record({
      day: fc.integer({ min: -30, max: 400 }),
      wrvu: fc.option(fc.integer({ min: -300, max: 900 }).map((c) => c / 100), { nil: null }),
      code: fc.constantFrom("99213", "99214", "G2211", "X9999", null),
      units: fc.integer({ min: -1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 60 }), fc.integer({ min: 0, max: 364 }), (rs, elapsed) => {
        const rows = rs.map((r) => row(JAN1 + r.day, r.wrvu, r.code, r.units));
        const f = productionFigures(rows, fees, pace(JAN1 + elapsed));
        const sum = f.months.reduce((s, m) => s + m.wrvus, 0);
        return Math.abs(sum - f.ytd) < 1e-9 && Math.abs(f.months[f.months.length - 1].cumulative - f.ytd) < 1e-9 && f.rowsCounted + f.rowsOutside === rows.length;
      })
    );
  });

  test("a log's production is its completed visits; As of defaults to its last date", () => {
    const a = (date: number, status: Appointment["status"], wrvu: number | null): Appointment => ({ row: 2, date, status, reason: "", causeType: "patient", code: "99213", wrvu, visitType: null });
    const appts = [a(JAN1, "completed", 2), a(JAN1 + 1, "no_show", 3), a(JAN1 + 5, "cancelled", null), a(JAN1 + 2, "completed", null)];
    const rows = completedProduction(appts);
    expect(rows.map((r) => [r.date, r.wrvu, r.units])).toEqual([[JAN1, 2, 1], [JAN1 + 2, null, 1]]);
  });

  test("a table with a status column (or flags) is read as a log, any other as a report", () => {
    const log = parseCsv("Appt Date,Appt Status,CPT\n2026-01-05,Checked Out,99214\n2026-01-09,No Show,99213\n", "log.csv");
    const flags = parseCsv("date,isKept,isNoShow,code\n2026-01-05,yes,no,99214\n", "ng.csv");
    const report = parseCsv("Date,CPT Code,wRVU\n2026-01-05,99214,1.92\n", "r.csv");
    expect([log, flags, report].map((t) => isAppointmentLog(t))).toEqual([true, true, false]);
    const read = readProductionTable(log, "auto");
    expect([read.from, read.rows.length, read.last]).toEqual(["log", 1, ymdToSerial(2026, 1, 9)]);
    expect(readProductionTable(report, "auto").from).toBe("report");
  });

  test("a log given as a report is read as the log it is: its no-shows are not summed as production, and that is said", () => {
    const log = parseCsv("Appt Date,Appt Status,CPT,wRVU\n2026-01-05,Checked Out,99214,1.92\n2026-01-09,No Show,99213,1.3\n", "log.csv");
    const read = readProductionTable(log, "report");
    expect(read.from).toBe("log");
    expect(read.rows.map((r) => r.wrvu)).toEqual([1.92]);
    expect(read.warnings[0]).toMatch(/log\.csv: it has a status column, so it was read as an appointment log: only its completed visits count/);
  });
});
