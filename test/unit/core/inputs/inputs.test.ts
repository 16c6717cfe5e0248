import * as fs from "fs";
import { problemsOf } from "../../../helpers/expect-error";
import * as path from "path";
import { parseCsv } from "../../../../src/core/csv";
import { InputError, formatProblems } from "../../../../src/core/table";
import type { Problem, RawTable } from "../../../../src/core/inputs/types";
import {
  DEFAULT_SCENARIOS,
  parseOffers,
  parseScenarios,
  parseTargetTiers,
  parseTiers,
  readOfferInputs,
} from "../../../../src/core/inputs/offers";
import { parseAppointments, parseTimeLog } from "../../../../src/core/inputs/logs";

const csvFixture = (name: string): RawTable =>
  parseCsv(fs.readFileSync(path.join(__dirname, "../../../fixtures/inputs", name), "utf8"), name);
const csv = (text: string, source = "t.csv") => parseCsv(text, source);


const JAN1_2025 = 45658; // SPEC §1

/** The more offer columns' defaults as SPEC §2 lists them (typed here, not imported from the code). */
const SPEC_TERM_DEFAULTS = {
  callShiftsPerYear: 0, callPayPerShift: 0, callHoursWorkedPerShift: 0, qualityWithhold: 0, qualityEarned: 1, fte: 1,
  signingBonus: 0, relocation: 0, loanRepayment: 0, tailCoverage: 0, commitmentYears: 1, benefitsAnnual: 0,
};

describe("parseOffers", () => {
  test("good fixture: loose headers, $ and thousands, %, defaults, combine spellings", () => {
    const offers = parseOffers(csvFixture("offers-good.csv"));
    expect(offers).toHaveLength(3);
    const [a, b, c] = offers;
    expect(a).toEqual({
      row: 2,
      offer: "Clinic A",
      baseSalary: 260000,
      hourlyRate: 0,
      payPerUnit: 0,
      unit: "visit",
      unitsPerHour: 3,
      paidHoursPerWeek: 32,
      weeksPerYear: 46,
      unpaidHoursPerWeek: 6,
      noShowRate: expect.closeTo(0.12, 12),
      paidNoShowShare: 0,
      combine: "plus",
      advertisedAnnual: 300000,
      ...SPEC_TERM_DEFAULTS,
    });
    expect(b).toMatchObject({ row: 3, offer: "Telehealth B", payPerUnit: 45, weeksPerYear: 48, noShowRate: 0.1, paidNoShowShare: 0.5, combine: "greater_of", advertisedAnnual: null });
    expect(c).toMatchObject({ row: 4, unit: "wrvu", baseSalary: 150000, hourlyRate: 0, paidNoShowShare: 0, combine: "greater_of", advertisedAnnual: 320000 });
  });

  test("defaults for every optional column", () => {
    const [o] = parseOffers(csv("offer,units_per_hour,paid_hours_per_week\nSolo,2.5,40\n"));
    expect(o).toEqual({
      row: 2, offer: "Solo", baseSalary: 0, hourlyRate: 0, payPerUnit: 0, unit: "visit", unitsPerHour: 2.5,
      paidHoursPerWeek: 40, weeksPerYear: 48, unpaidHoursPerWeek: 0, noShowRate: 0, paidNoShowShare: 0,
      combine: "plus", advertisedAnnual: null,
      // SPEC §2 "More offer columns", typed from its table.
      callShiftsPerYear: 0, callPayPerShift: 0, callHoursWorkedPerShift: 0, qualityWithhold: 0, qualityEarned: 1, fte: 1,
      signingBonus: 0, relocation: 0, loanRepayment: 0, tailCoverage: 0, commitmentYears: 1, benefitsAnnual: 0,
    });
  });

  test("a rate of 15 where 0.15 belongs names row 3 and the column, and says what to type", () => {
    const problems = problemsOf(() => parseOffers(csvFixture("offers-rate-15.csv")));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ source: "offers-rate-15.csv", row: 3, column: "no_show_rate", value: "15" });
    expect(formatProblems(problems)).toBe(
      'offers-rate-15.csv row 3, column no_show_rate: "15" — no_show_rate must be between 0 and 1: type 0.15 or 15% for fifteen percent'
    );
  });

  test("a duplicate offer name is a problem on the second row only", () => {
    const problems = problemsOf(() => parseOffers(csvFixture("offers-duplicate.csv")));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 4, column: "offer", value: "clinic a" });
    expect(problems[0].message).toMatch(/already used on row 2/);
  });

  test("text in a number column and out-of-range numbers: every cell reported at once", () => {
    const problems = problemsOf(() => parseOffers(csvFixture("offers-text-in-number.csv")));
    expect(problems.map((p) => `${p.row}:${p.column}`)).toEqual(["2:units_per_hour", "3:weeks_per_year", "3:unpaid_hours_per_week"]);
    expect(problems[0].message).toMatch(/is not a number: type a number such as 3/);
    expect(problems[1].message).toMatch(/between 1 and 53/);
    expect(problems[2].message).toMatch(/cannot be negative/);
  });

  test("a missing required column: one problem at the header row listing the columns found", () => {
    const problems = problemsOf(() => parseOffers(csvFixture("offers-missing-column.csv")));
    expect(problems).toEqual([
      {
        source: "offers-missing-column.csv",
        row: 1,
        column: "paid_hours_per_week",
        value: "",
        message: "this column is missing; the columns found are: offer, units_per_hour, base_salary",
      },
    ]);
  });

  test("an empty file and a header with no rows are problems", () => {
    const empty = problemsOf(() => parseOffers(csvFixture("empty.csv")));
    expect(empty).toHaveLength(1);
    expect(empty[0].message).toMatch(/is empty/);
    const headerOnly = problemsOf(() => parseOffers(csvFixture("offers-header-only.csv")));
    expect(headerOnly).toHaveLength(1);
    expect(headerOnly[0].message).toMatch(/no data rows/);
  });

  test("semicolon file with decimal commas", () => {
    const offers = parseOffers(csvFixture("offers-semicolon.csv"));
    expect(offers[0]).toMatchObject({ offer: "Klinik Nord", baseSalary: 1234.5, unitsPerHour: 2.5, noShowRate: 0.15, weeksPerYear: 46.5 });
    expect(offers[1]).toMatchObject({ offer: "Praxis; Süd", baseSalary: 260000, unitsPerHour: 3, noShowRate: expect.closeTo(0.12, 12) });
  });

  test("BOM file reads its first column", () => {
    expect(parseOffers(csvFixture("offers-bom.csv"))[0].offer).toBe("Clinic A");
  });

  test("required cells, enums, hours and the 168-hour week", () => {
    const problems = problemsOf(() =>
      parseOffers(
        csv(
          "offer,unit,units_per_hour,paid_hours_per_week,unpaid_hours_per_week,combine\n" +
            "A,hours,3,0,0,plus\n" +
            "B,visit,,40,0,max\n" +
            "C,wrvu,3,120,60,either\n"
        )
      )
    );
    expect(problems.map((p) => `${p.row}:${p.column}`)).toEqual([
      "2:unit",
      "2:paid_hours_per_week",
      "3:units_per_hour",
      "4:combine",
    ]);
    expect(problems[1].message).toBe("must be more than 0 hours a week");
    expect(problems[2].message).toMatch(/^is empty: type the booked visits/);
    const week = problemsOf(() => parseOffers(csv("offer,units_per_hour,paid_hours_per_week,unpaid_hours_per_week\nC,3,120,60\n")));
    expect(week).toHaveLength(1);
    expect(week[0]).toMatchObject({ row: 2, column: "unpaid_hours_per_week" });
    expect(week[0].message).toMatch(/180 a week, more than the 168/);
  });

  test("accepted spellings for unit and combine", () => {
    const offers = parseOffers(
      csv("offer,unit,units_per_hour,paid_hours_per_week,combine\nA,Visits,3,30,Greater Of\nB,WRVU,3,30,greater-of\nC,rvu,3,30,PLUS\nD,,3,30,\n")
    );
    expect(offers.map((o) => [o.unit, o.combine])).toEqual([
      ["visit", "greater_of"],
      ["wrvu", "greater_of"],
      ["wrvu", "plus"],
      ["visit", "plus"],
    ]);
  });
});

describe("parseTiers", () => {
  const offers = parseOffers(csv("offer,units_per_hour,paid_hours_per_week\nClinic A,3,32\nClinic B,3,32\nClinic C,2,30\n"));

  test("grouped per offer, sorted by threshold, one method per offer (blank takes the offer's method)", () => {
    const tiers = parseTiers(
      csv(
        "offer,threshold,rate,method\n" +
          "Clinic A,160,45,\n" +
          "Clinic A,0,0,\n" +
          "clinic b,0,0,Cliff\n" +
          "Clinic A,120,30,\n" +
          "Clinic B,5000,50,\n"
      ),
      offers
    );
    expect([...tiers.keys()]).toEqual(["Clinic A", "Clinic B"]);
    expect(tiers.get("Clinic A")).toEqual({ method: "marginal", thresholds: [0, 120, 160], rates: [0, 30, 45] });
    expect(tiers.get("Clinic B")).toEqual({ method: "cliff", thresholds: [0, 5000], rates: [0, 50] });
    expect(tiers.has("Clinic C")).toBe(false);
  });

  test("unknown offer, two methods, repeated threshold and bad cells are all reported", () => {
    const problems = problemsOf(() =>
      parseTiers(
        csv(
          "offer,threshold,rate,method\n" +
            "Clinic Z,0,10,\n" + // 2: unknown offer
            "Clinic A,0,0,cliff\n" +
            "Clinic A,120,30,flat\n" + // 4: second method
            "Clinic B,100,5,\n" +
            "Clinic B,100,6,\n" + // 6: repeated threshold
            "Clinic C,-5,abc,stairs\n" // 7: three bad cells
        ),
        offers
      )
    );
    expect(problems.map((p) => `${p.row}:${p.column}`).sort()).toEqual(
      ["2:offer", "4:method", "6:threshold", "7:threshold", "7:rate", "7:method"].sort()
    );
    const byRow = (r: number, c: string) => problems.find((p) => p.row === r && p.column === c)!;
    expect(byRow(2, "offer").message).toMatch(/no offer of this name.*Clinic A, Clinic B, Clinic C/);
    expect(byRow(4, "method").message).toMatch(/already uses cliff \(row 3\)/);
    expect(byRow(6, "threshold").message).toMatch(/row 5/);
    expect(byRow(7, "method").message).toMatch(/marginal, cliff or flat/);
  });

  test("readOfferInputs reports offers, tiers and scenarios problems together", () => {
    const problems = problemsOf(() =>
      readOfferInputs({
        offers: csv("offer,units_per_hour,paid_hours_per_week\nA,3,x\n", "offers.csv"),
        tiers: csv("offer,threshold,rate\nA,0,1\nB,0,1\n", "tiers.csv"),
        scenarios: csv("scenario,months\nBad,13\n", "scenarios.csv"),
      })
    );
    expect(problems.map((p) => `${p.source}:${p.row}:${p.column}`)).toEqual([
      "offers.csv:2:paid_hours_per_week",
      "tiers.csv:3:offer",
      "scenarios.csv:2:months",
    ]);
  });

  test("readOfferInputs with only offers uses the default scenarios and no tiers", () => {
    const r = readOfferInputs({ offers: csv("offer,units_per_hour,paid_hours_per_week\nA,3,30\n") });
    expect(r.offers).toHaveLength(1);
    expect(r.tiers.size).toBe(0);
    expect(r.scenarios.map((s) => s.scenario)).toEqual(DEFAULT_SCENARIOS.map((s) => s.scenario));
  });
});

describe("parseTargetTiers", () => {
  test("threshold, rate[, method]", () => {
    expect(parseTargetTiers(csv("threshold,rate\n5000,50\n0,0\n"))).toEqual({ method: "marginal", thresholds: [0, 5000], rates: [0, 50] });
    expect(parseTargetTiers(csv("Threshold,Rate,Method\n0,0,FLAT\n4000,1000,\n"))).toEqual({ method: "flat", thresholds: [0, 4000], rates: [0, 1000] });
  });

  test("problems name row and column", () => {
    const problems = problemsOf(() => parseTargetTiers(csv("threshold,rate\n0,0\n0,5\nabc,1\n")));
    expect(problems.map((p) => `${p.row}:${p.column}`)).toEqual(["4:threshold"]);
    const dup = problemsOf(() => parseTargetTiers(csv("threshold,rate\n0,0\n0,5\n")));
    expect(dup).toEqual([expect.objectContaining({ row: 3, column: "threshold" })]);
    expect(problemsOf(() => parseTargetTiers(csv("rate\n5\n")))[0]).toMatchObject({ row: 1, column: "threshold" });
  });
});

describe("scenarios", () => {
  test("DEFAULT_SCENARIOS are SPEC §2's table, with U+2212 minus signs", () => {
    expect(DEFAULT_SCENARIOS.map((s) => [s.scenario, s.volumeFactor, s.months, s.noShowAdd, s.unpaidFactor, s.wrvuFactor])).toEqual([
      ["Expected", 1, 12, 0, 1, 1],
      ["Volume \u221220% for 3 months", 0.8, 3, 0, 1, 1],
      ["No-shows +10 points", 1, 12, 0.1, 1, 1],
      ["Inbox doubles", 1, 12, 0, 2, 1],
      ["Downcoding (\u22125% wRVU)", 1, 12, 0, 1, 0.95],
    ]);
    expect(Buffer.from(DEFAULT_SCENARIOS[1].scenario, "utf8").subarray(7, 10)).toEqual(Buffer.from([0xe2, 0x88, 0x92]));
  });

  test("no table → a fresh copy of the defaults (callers may not change the shared ones)", () => {
    const s = parseScenarios();
    expect(s).toEqual(DEFAULT_SCENARIOS);
    s[0].months = 1;
    expect(DEFAULT_SCENARIOS[0].months).toBe(12);
    expect(Object.isFrozen(DEFAULT_SCENARIOS[0])).toBe(true);
  });

  test("a user table with defaults, percentages and checks", () => {
    const s = parseScenarios(csv("Scenario,Volume factor,months,No show add,unpaid_factor\nSlow start,80%,3,,\nBusy,1.1,,5%,1.5\n"));
    expect(s).toEqual([
      { scenario: "Slow start", volumeFactor: 0.8, months: 3, noShowAdd: 0, unpaidFactor: 1, wrvuFactor: 1 },
      { scenario: "Busy", volumeFactor: 1.1, months: 12, noShowAdd: 0.05, unpaidFactor: 1.5, wrvuFactor: 1 },
    ]);
    const problems = problemsOf(() => parseScenarios(csv("scenario,no_show_add,months\nA,10,3\nA,0.1,13\n")));
    expect(problems.map((p) => `${p.row}:${p.column}`)).toEqual(["2:no_show_add", "3:months", "3:scenario"]);
    expect(problems[0].message).toMatch(/type 0\.1 or 10%/);
  });
});

describe("parseAppointments", () => {
  test("good fixture: every date format, status and visit type spelling, codes", () => {
    const appts = parseAppointments(csvFixture("appointments-good.csv"));
    expect(appts).toEqual([
      { row: 2, date: JAN1_2025 + 5, status: "completed", reason: "", causeType: "patient", code: "99214", modifiers: "", units: 1, wrvu: null, visitType: "video", provider: "" },
      { row: 3, date: JAN1_2025 + 6, status: "no_show", reason: "forgot", causeType: "patient", code: "99213", modifiers: "", units: 1, wrvu: null, visitType: "audio", provider: "" },
      { row: 4, date: JAN1_2025 + 7, status: "late_cancel", reason: "video link failed", causeType: "system", code: "G2211", modifiers: "", units: 1, wrvu: 0.33, visitType: "in_person", provider: "" },
      { row: 5, date: 45667, status: "cancelled", reason: "rescheduled", causeType: "patient", code: null, modifiers: "", units: 1, wrvu: null, visitType: null, provider: "" },
      { row: 6, date: JAN1_2025 + 9, status: "late_cancel", reason: "", causeType: "patient", code: "99215", modifiers: "", units: 1, wrvu: 2.8, visitType: "in_person", provider: "" },
      { row: 8, date: JAN1_2025 + 12, status: "completed", reason: "", causeType: "patient", code: null, modifiers: "", units: 1, wrvu: 1.3, visitType: null, provider: "" },
    ]);
  });

  test("quoted newline in a reason keeps the next row's number", () => {
    const appts = parseAppointments(csvFixture("appointments-quoted-newline.csv"));
    expect(appts[1]).toMatchObject({ row: 3, status: "no_show", causeType: "system", code: "99213", visitType: "in_person" });
    expect(appts[1].reason).toBe("video link failed,\npatient could not join");
  });

  test("typed XLSX-style cells: Date, serial numbers and numeric codes", () => {
    const t: RawTable = {
      source: "log.xlsx [Appointments]",
      headers: ["date", "status", "code", "wrvu"],
      rows: [
        [new Date(Date.UTC(2025, 0, 1)), "Completed", 99214, 1.92],
        [45659, "No-Show", "99213.0", null],
        [null, null, null, null],
      ],
      headerRow: 3,
    };
    const appts = parseAppointments(t);
    expect(appts.map((a) => [a.row, a.date, a.status, a.code, a.wrvu])).toEqual([
      [4, JAN1_2025, "completed", "99214", 1.92],
      [5, JAN1_2025 + 1, "no_show", "99213", null],
    ]);
  });

  test("bad dates, statuses, cause types, visit types and wRVUs are all reported", () => {
    const problems = problemsOf(() =>
      parseAppointments(
        csv(
          "date,status,cause_type,wrvu,visit_type\n" +
            "13/1/2025,completed,,,\n" +
            "2025-01-02,pending review,insurer,-1,carrier pigeon\n" +
            ",completed,,,\n"
        , "appts.csv")
      )
    );
    // The lone visit_type word says no modality: listed in the notes, read as blank, not refused.
    // 13/1/2025 is the column's only slash date and can only be day-first, so the column is read day-first.
    expect(problems.map((p) => `${p.row}:${p.column}`)).toEqual(["3:wrvu", "3:cause_type", "3:status", "4:date"]);
    expect(problems[3].message).toMatch(/type its date as YYYY-MM-DD/);
    expect(problems[2].message).toBe("×1 (row 3): map it to completed, no_show, late_cancel, cancelled or not-yet, with a line status,pending review,<one of those> in a --map file (or the pane's mapping step)");
    expect(problems[1].message).toMatch(/^×1 \(row 3\): map it to patient or system/);

  });

  test("missing status column", () => {
    const problems = problemsOf(() => parseAppointments(csv("date,code\n2025-01-01,99213\n")));
    expect(problems).toEqual([expect.objectContaining({ row: 1, column: "status" })]);
  });

  // Speed is measured by `npm run bench` (clinpay leakage at 100k rows, parsing included), not
  // timed here: a timed test on a shared 2-core CI machine fails by load, not by code.
  test("100,000 rows parse, every spelling read", () => {
    const statuses = ["completed", "no_show", "late cancel", "Cancelled"];
    let text = "date,status,reason,cause_type,code,wrvu,visit_type\n";
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const d = i % 2 ? `2025-0${1 + (i % 9)}-1${i % 10}` : `${1 + (i % 12)}/${1 + (i % 28)}/2025`;
      lines.push(`${d},${statuses[i % 4]},${i % 3 ? "" : '"video link failed, twice"'},${i % 5 ? "" : "system"},9921${3 + (i % 3)},${i % 7 ? "" : "1.92"},video`);
    }
    text += lines.join("\n");
    const t = parseCsv(text, "big.csv");
    const appts = parseAppointments(t);
    expect(appts).toHaveLength(100_000);
    expect(appts[3].status).toBe("cancelled");
    expect(appts[2].status).toBe("late_cancel");
  });
});

describe("parseTimeLog", () => {
  test("good fixture", () => {
    expect(parseTimeLog(csvFixture("time-good.csv"))).toEqual([
      { row: 2, date: JAN1_2025 + 5, activity: "portal messages", minutes: 45, paid: false },
      { row: 3, date: JAN1_2025 + 5, activity: "charting", minutes: 30, paid: true },
      { row: 4, date: JAN1_2025 + 6, activity: "results", minutes: 20, paid: false },
      { row: 5, date: JAN1_2025 + 7, activity: "callbacks", minutes: 15, paid: true },
      { row: 6, date: JAN1_2025 + 7, activity: "charting", minutes: 0, paid: false },
    ]);
  });

  test("negative minutes, text minutes and an unknown paid value are reported", () => {
    const problems = problemsOf(() => parseTimeLog(csv("date,activity,minutes,paid\n2025-01-01,inbox,-30,no\n2025-01-01,inbox,half an hour,sometimes\n", "time.csv")));
    expect(formatProblems(problems).split("\n")).toEqual([
      'time.csv row 2, column minutes: "-30" — cannot be negative: type 0 or more, without a minus sign',
      'time.csv row 3, column minutes: "half an hour" — is not a number: type a number such as 30',
      'time.csv row 3, column paid: "sometimes" — must be yes or no (a blank cell means no)',
    ]);
  });
});
