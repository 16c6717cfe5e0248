/**
 * Reading real exports (SPEC §2): code cells with modifiers, the vocabularies, flag columns,
 * lead-time late cancels, providers, the mapping file, unknown values once per distinct value,
 * and properties — renaming headers to any alias, rewording statuses and modalities to any
 * listed word, or moving modifiers into the code never changes a figure.
 */
import { describeInference } from "../../../../src/core/exports/inferred";
import { problemsOf } from "../../../helpers/expect-error";
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "../../../../src/core/csv";
import { InputError } from "../../../../src/core/table";
import type { Problem, RawTable } from "../../../../src/core/inputs/types";
import { readAppointmentLog } from "../../../../src/core/inputs/appointments";
import { feeKey, splitCode } from "../../../../src/core/exports/codes";
import { mappingCsv, parseMapping } from "../../../../src/core/exports/mapping";
import { viewLogForMapping } from "../../../../src/core/exports/log-view";
import { APPOINTMENT_ALIASES, MODALITY_WORDS, STATUS_WORDS } from "../../../../src/core/exports/vocab";
import { leakageMetrics } from "../../../../src/core/leakage";
import { bundledFees } from "../../../../src/core/data/bundled-fees";

const csv = (text: string, source = "log.csv"): RawTable => parseCsv(text, source);

describe("code cells", () => {
  test.each([
    ["99214-95", "99214", ["95"]],
    ["99214 95", "99214", ["95"]],
    ["99214:95", "99214", ["95"]],
    ["HC:99214:25", "99214", ["25"]],
    ["99214-95-25", "99214", ["95", "25"]],
    ["g2211", "G2211", []],
    ["99214.0", "99214", []],
    ["0446T", "0446T", []],
    ["71046-26", "71046", ["26"]],
    ["not a code", "NOT A CODE", []],
  ])("%s → %s %j", (cell, code, mods) => {
    expect(splitCode(cell)).toEqual({ code, modifiers: mods });
  });
  test("only CMS's priced modifiers make a fee key of their own", () => {
    expect(feeKey("71046", ["26"])).toBe("71046-26");
    expect(feeKey("71046", ["TC", "95"])).toBe("71046-TC");
    expect(feeKey("99214", ["95", "25"])).toBe("99214");
  });
});

describe("the log reader", () => {
  test("status words, cause words, modality words and not-yet rows", () => {
    const log = readAppointmentLog(
      csv(
        "Appt Date,Appt Status,Cancel Initiator,Visit Modality\n" +
          "2026-01-05,Checked Out,,Video Visit\n" +
          "2026-01-05,No Show (Not Seen),Platform,telephone visit\n" +
          "2026-01-06,LWBS,,face to face\n" +
          "2026-01-06,Confirmed,,virtual\n" +
          "2026-01-07,Same day cancellation,patient,\n"
      )
    );
    expect(log.appointments.map((a) => [a.status, a.causeType, a.visitType])).toEqual([
      ["completed", "patient", "video"],
      ["no_show", "system", "audio"],
      ["no_show", "patient", "in_person"],
      ["late_cancel", "patient", null],
    ]);
    expect(log.inferred.notYet).toBe(1);
    expect(log.inferred.columnsRead).toEqual([
      { column: "date", header: "Appt Date" },
      { column: "status", header: "Appt Status" },
      { column: "cause_type", header: "Cancel Initiator" },
      { column: "visit_type", header: "Visit Modality" },
    ]);
  });

  test("a cancel under the window is late; --late-cancel-hours moves the window", () => {
    const t = csv("date,status,hours notice\n2026-01-05,canceled,2.5\n2026-01-05,canceled,30\n2026-01-05,canceled,\n");
    expect(readAppointmentLog(t).appointments.map((a) => a.status)).toEqual(["late_cancel", "cancelled", "cancelled"]);
    expect(readAppointmentLog(t, { lateCancelHours: 48 }).appointments.map((a) => a.status)).toEqual(["late_cancel", "late_cancel", "cancelled"]);
    expect(readAppointmentLog(t).inferred.lateByLeadTime).toBe(1);
  });

  test("modality from modifiers, else place of service; a Visit Type of appointment types is read by its words, the rest listed", () => {
    const log = readAppointmentLog(
      csv("date,status,Visit Type,CPT,POS\n2026-01-05,completed,FOLLOW UP,99214-95,11\n2026-01-05,completed,NEW PATIENT,99213 93,\n2026-01-05,completed,FOLLOW UP,99213,02\n2026-01-05,completed,FOLLOW UP,99213,11\n2026-01-05,completed,FOLLOW UP,99213,\n")
    );
    expect(log.appointments.map((a) => a.visitType)).toEqual(["video", "audio", "telehealth", "in_person", null]);
    expect(log.inferred.unknownModality.map((u) => u.value).sort()).toEqual(["FOLLOW UP", "NEW PATIENT"]);
    expect(log.inferred).toMatchObject({ modalityFromModifiers: 2, modalityFromPos: 2, modifiersInCode: 2 });
    expect(describeInference(log.inferred).join(" ")).toMatch(/Visit types with no modality word, read as blank .*"FOLLOW UP"/);
  });

  test("flag columns: no show wins, then canceled, then kept; none set is not yet", () => {
    const log = readAppointmentLog(csv("date,isKept,isNoShow,isCanceled\n2026-01-05,true,false,false\n2026-01-05,true,true,false\n2026-01-05,false,false,yes\n2026-01-05,false,false,false\n"));
    expect(log.appointments.map((a) => a.status)).toEqual(["completed", "no_show", "cancelled"]);
    expect(log.inferred).toMatchObject({ statusFromFlags: true, notYet: 1 });
  });

  test("providers: a choice is needed for several; a name ignoring case, or all", () => {
    const t = csv("date,status,Rendering Provider\n2026-01-05,completed,Dr A\n2026-01-05,completed,Dr B\n2026-01-06,completed,dr a\n");
    const p = problemsOf(() => readAppointmentLog(t));
    expect(p).toHaveLength(1);
    expect(p[0].message).toMatch(/names 2 providers: "Dr A" \(2 rows\), "Dr B" \(1 row\)\. Choose one with --provider NAME/);
    expect(readAppointmentLog(t, { provider: "DR A" }).appointments).toHaveLength(2);
    expect(readAppointmentLog(t, { provider: "all" }).appointments).toHaveLength(3);
    expect(problemsOf(() => readAppointmentLog(t, { provider: "Dr C" }))[0].message).toMatch(/is not a provider in this log/);
  });

  test("5,000 rows of one unknown status are one problem, with its count and first rows", () => {
    const lines = ["date,status"];
    for (let i = 0; i < 5000; i++) lines.push(`2026-01-05,Pending Review`);
    lines.push("2026-01-05,Zapped");
    const p = problemsOf(() => readAppointmentLog(csv(lines.join("\n"))));
    expect(p.map((x) => [x.row, x.column, x.value])).toEqual([[2, "status", "Pending Review"], [5002, "status", "Zapped"]]);
    expect(p[0].message).toMatch(/^×5,000 \(rows 2, 3, 4…\): map it to completed, no_show, late_cancel, cancelled or not-yet/);
  });
});

describe("the mapping file", () => {
  const log = csv("date,APPT_STATUS_C,initiator code\n2026-01-05,2,\n2026-01-05,4,P\n2026-01-06,3,\n");
  const mapping = parseMapping(csv("what,from,to\ncolumn,APPT_STATUS_C,status\ncolumn,initiator code,cause_type\nstatus,2,completed\nstatus,4,no-show\nstatus,3,cancelled\ncause_type,P,system\nstatus,9,completed\n", "map.csv"));

  test("maps headers and values; a line whose from never occurs is a warning", () => {
    const r = readAppointmentLog(log, { mapping });
    expect(r.appointments.map((a) => [a.status, a.causeType])).toEqual([["completed", "patient"], ["no_show", "system"], ["cancelled", "patient"]]);
    expect(r.warnings).toEqual(['map.csv row 8: the mapping "status,9,completed" was not used: no status value "9" in this file']);
  });

  test("a `to` outside its list is an error; the pane's mapping round-trips as the CLI's file", () => {
    const p = problemsOf(() => parseMapping(csv("what,from,to\nstatus,4,gone\nvisit_type,V,hologram\nsize,4,big\n", "m.csv")));
    expect(p.map((x) => `${x.row}:${x.column}`)).toEqual(["2:to", "3:to", "4:what"]);
    expect(p[0].message).toBe("a status maps to completed, no_show, late_cancel, cancelled or not_yet, or a status and its cause such as no_show/system");
    expect(parseMapping(csv(mappingCsv(mapping), "again.csv")).lines.map((l) => [l.what, l.from, l.to])).toEqual(mapping.lines.map((l) => [l.what, l.from, l.to]));
  });
});

describe("properties: the export's spelling never changes a figure", () => {
  const fees = bundledFees();
  const figures = (t: RawTable) => {
    const m = leakageMetrics(readAppointmentLog(t).appointments, null, { dollarsPerWrvu: 50, effectiveHourly: 150, fees });
    return [m.scheduled, m.completed, m.noShows, m.systemNoShows, m.wrvusLost, m.codingMix.map((c) => [c.code, c.completed])];
  };
  const BASE = [
    ["2026-01-05", "completed", "", "99214", "95", "video"],
    ["2026-01-06", "no_show", "system", "99213", "", "audio"],
    ["2026-01-06", "late_cancel", "", "99215", "25", "in_person"],
    ["2026-01-07", "cancelled", "", "99213", "", "video"],
    ["2026-01-08", "completed", "", "G2211", "", "in_person"],
  ];
  const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
  const wordsOf = (w: Record<string, readonly string[]>, k: string) => [k, ...w[k]];

  test("aliases, status and modality words, modifiers in the code cell", () => {
    const reference = figures(csv(["date,status,cause_type,code,modifier,visit_type", ...BASE.map((r) => r.join(","))].join("\n")));
    fc.assert(
      fc.property(
        fc.record({
          date: pick(["date", ...APPOINTMENT_ALIASES.date]),
          status: pick(["status", ...APPOINTMENT_ALIASES.status]),
          code: pick(["code", ...APPOINTMENT_ALIASES.code]),
          modifier: pick(["modifier", ...APPOINTMENT_ALIASES.modifier]),
          visit: pick(["visit_type", ...APPOINTMENT_ALIASES.visitType]),
          into: fc.constantFrom("", "-", " ", ":"),
          words: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 5, maxLength: 5 }),
        }),
        (h) => {
          const header = [h.date, h.status, "cause_type", h.code, ...(h.into === "" ? [h.modifier] : []), h.visit].join(",");
          const rows = BASE.map((r, i) => {
            const st = wordsOf(STATUS_WORDS, r[1]);
            const mo = wordsOf(MODALITY_WORDS, r[5]);
            const status = st[h.words[i][0] % st.length];
            const modality = mo[h.words[i][1] % mo.length];
            const code = h.into === "" || r[4] === "" ? r[3] : `${r[3]}${h.into}${r[4]}`;
            const cells = [r[0], status, r[2], code, ...(h.into === "" ? [r[4]] : []), modality];
            return cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
          });
          expect(figures(csv([header, ...rows].join("\n")))).toEqual(reference);
        }
      ),
      { numRuns: 300 }
    );
  });
});

describe("the pane's mapping step reads a log as the build will", () => {
  const fixture = (name: string) => parseCsv(fs.readFileSync(path.join(__dirname, "../../../fixtures/exports", name), "utf8"), name);

  test("Epic: headers read from the aliases, the Visit Type of appointment types listed (not asked about), two providers", () => {
    const v = viewLogForMapping(fixture("epic-cadence.csv"));
    const header = (c: string) => v.columns.find((x) => x.column === c)?.header;
    expect([header("date"), header("status"), header("code"), header("provider"), header("visit_type")]).toEqual(["Appt Date/Time", "Appt Status Name", "CPT", "Provider", "Visit Type"]);
    expect(v.unknownModality.map((u) => u.value)).toContain("FOLLOW UP");
    expect(v.unknown).toEqual([]);
    expect(v.providers.map((p) => p.name)).toEqual(expect.arrayContaining(["SMITH, JANE MD"]));
    expect(v.providers.length).toBe(2);
  });

  test("athena: each numeric status code once, most frequent first, until the map says what it is", () => {
    const t = fixture("athena-appointments.csv");
    const v = viewLogForMapping(t);
    const statuses = v.unknown.filter((u) => u.what === "status");
    expect(statuses.length).toBeGreaterThan(1);
    expect(statuses.map((u) => u.count)).toEqual([...statuses.map((u) => u.count)].sort((a, b) => b - a));
    expect(statuses.reduce((n, u) => n + u.count, 0)).toBeLessThanOrEqual(t.rows.length);
    const mapped = viewLogForMapping(t, { mapping: parseMapping(fixture("athena-map.csv")) });
    expect(mapped.unknown.filter((u) => u.what === "status")).toEqual([]);
  });

  test("a header the map names is shown under its export spelling", () => {
    const t: RawTable = { source: "x", headers: ["Visit Day", "Appt Status"], rows: [["soon", "Completed"]] };
    const m = parseMapping({ source: "m", headers: ["what", "from", "to"], rows: [["column", "Visit Day", "date"]] });
    expect(viewLogForMapping(t).columns.find((c) => c.column === "date")?.header).toBeNull();
    const mapped = viewLogForMapping(t, { mapping: m }).columns.find((c) => c.column === "date");
    expect([mapped?.header, mapped?.how]).toEqual(["Visit Day", "map"]);
  });
});
