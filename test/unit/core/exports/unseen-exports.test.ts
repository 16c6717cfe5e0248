/**
 * Export shapes of systems the SPEC and the older fixtures never name (test/fixtures/exports/
 * unseen/, written from their public documentation), each run end to end as a user would —
 * `clinpay inspect`, then a build — and checked against the figures worked by hand in
 * expected.md (the same numbers as expected.json).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { clinpay } from "../../../helpers/cli-run";
import { readTable } from "../../../../src/cli/read";
import { readAppointmentLog } from "../../../../src/core/inputs/appointments";
import { readProductionTable } from "../../../../src/core/inputs/production";
import { parseMapping } from "../../../../src/core/exports/mapping";
import { leakageMetrics } from "../../../../src/core/leakage";
import { telehealthMetrics } from "../../../../src/core/telehealth";
import { bundledFees } from "../../../../src/core/data/bundled-fees";
import { serialToIso } from "../../../../src/core/dates";
import { describeInference } from "../../../../src/core/exports/inferred";

const DIR = path.join(__dirname, "../../../fixtures/exports/unseen");
const EXPECTED = JSON.parse(fs.readFileSync(path.join(DIR, "expected.json"), "utf8"));
const at = (name: string) => path.join(DIR, name);
const fees = bundledFees();
const out = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-unseen-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
const assumptions = { changeDate: null, groupNoShowRate: null, groupWrvuPerVisit: null, farBelow: 0.2, annualTarget: null, writtenConcerns: false, dollarsPerWrvu: 50 };

/** "Scheduled 9, completed 6, no-shows 3": the leakage summary's counts. */
function counts(summary: string): number[] {
  const m = /Scheduled ([\d,]+), completed ([\d,]+), no-shows ([\d,]+)/.exec(summary);
  if (!m) throw new Error(`no counts in:\n${summary}`);
  return [m[1], m[2], m[3]].map((x) => Number(x.replace(/,/g, "")));
}

async function mapping(name: string) {
  return parseMapping(await readTable(at(name)));
}

describe("exports ClinPay had not seen, read as exported or refused with the lines that fix them", () => {
  test("eClinicalWorks: title rows and a total footer left out; its status codes refused until mapped, then 9 scheduled, 3 no-shows", async () => {
    const e = EXPECTED["eclinicalworks-appointments.csv"];
    const refused = await clinpay(["leakage", "--appointments", at("eclinicalworks-appointments.csv"), "-o", path.join(out, "ecw.xlsx")]);
    expect(refused.code).toBe(e.withoutMap.exit);
    for (const v of e.withoutMap.unknown) expect(refused.err).toContain(`status,${v},<one of those>`);
    expect(refused.err).not.toMatch(/N\/S/);
    const inspect = await clinpay(["inspect", at("eclinicalworks-appointments.csv"), "--write-map", path.join(out, "ecw-map.csv")]);
    expect(inspect.code).toBe(2);
    expect(fs.readFileSync(path.join(out, "ecw-map.csv"), "utf8")).toContain("status,CHK,\r\n");
    const built = await clinpay(["leakage", "--appointments", at("eclinicalworks-appointments.csv"), "--map", at(e.map), "-o", path.join(out, "ecw.xlsx")]);
    expect(built.code).toBe(0);
    expect(counts(built.out)).toEqual([e.scheduled, e.completed, e.noShows]);
    expect(built.out).toContain(`${e.rowsAbove} rows above it`);
    expect(built.out).toContain(e.furniture);
  });

  test("AdvancedMD: header under three title rows, a page-break header, total, page line; the scorecard stops naming Appt Type", async () => {
    const e = EXPECTED["advancedmd-appointments.csv"];
    const built = await clinpay(["leakage", "--appointments", at("advancedmd-appointments.csv"), "-o", path.join(out, "amd.xlsx")]);
    expect(built.code).toBe(0);
    expect(counts(built.out)).toEqual([e.scheduled, e.completed, e.noShows]);
    expect(built.out).toContain(`Report furniture left out, not counted or summed: ${e.furniture}.`);
    expect(built.out).toContain(`${e.notYet} row left out as not yet happened`);
    const scorecard = await clinpay(["telehealth", "--appointments", at("advancedmd-appointments.csv"), "-o", path.join(out, "amd-t.xlsx")]);
    expect(scorecard.code).toBe(2);
    expect(scorecard.err).toMatch(/7 of 7 scheduled rows \(100\.0%\) have no modality/);
    expect(scorecard.err).toMatch(/column,Appt Type,visit_type/);
  });

  test("a telehealth platform's session log: refused without --visit-type; with it 45.5% no-shows, 2 of 5 system-caused", async () => {
    const e = EXPECTED["telehealth-sessions.csv"];
    const refused = await clinpay(["telehealth", "--appointments", at("telehealth-sessions.csv"), "-o", path.join(out, "doxy.xlsx")]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--visit-type video/);
    const built = await clinpay(["telehealth", "--appointments", at("telehealth-sessions.csv"), "--visit-type", e.visitType, "-o", path.join(out, "doxy.xlsx")]);
    expect(built.code).toBe(0);
    expect(built.out).toMatch(/no-show rate 45\.5% \(5 of 11 scheduled telehealth rows\) against n\/a in person \(0 of 0\)/);
    const log = readAppointmentLog(await readTable(at("telehealth-sessions.csv")), { visitType: "video" });
    const m = telehealthMetrics(log.appointments, fees, assumptions);
    expect([m.all.scheduled, m.all.completed, m.all.noShows, m.all.systemNoShows]).toEqual([e.scheduled, e.completed, e.noShows, e.systemNoShows]);
    expect(m.teleNoShowRate).toBeCloseTo(e.teleNoShowRate, 12);
  });

  test("Practice Fusion: Appointment Type read by its words; Follow Up stops the scorecard until mapped; then 33.3% against 25.0%", async () => {
    const e = EXPECTED["practice-fusion-appointments.csv"];
    const leak = await clinpay(["leakage", "--appointments", at("practice-fusion-appointments.csv"), "-o", path.join(out, "pf.xlsx")]);
    expect(leak.code).toBe(0);
    expect(counts(leak.out)).toEqual([e.scheduled, e.completed, e.noShows]);
    const stops = await clinpay(["telehealth", "--appointments", at("practice-fusion-appointments.csv"), "-o", path.join(out, "pf-t.xlsx")]);
    expect(stops.code).toBe(2);
    expect(stops.err).toMatch(/"Appointment Type" values with no modality word: "Follow Up" ×1; .*visit_type,Follow Up,<video, audio, telehealth or in_person>/);
    const built = await clinpay(["telehealth", "--appointments", at("practice-fusion-appointments.csv"), "--map", at(e.map), "-o", path.join(out, "pf-t.xlsx")]);
    expect(built.code).toBe(0);
    const log = readAppointmentLog(await readTable(at("practice-fusion-appointments.csv")), { mapping: await mapping(e.map) });
    const m = telehealthMetrics(log.appointments, fees, assumptions);
    expect(m.teleNoShowRate).toBeCloseTo(e.teleNoShowRate, 12);
    expect(m.inPersonNoShowRate).toBeCloseTo(e.inPersonNoShowRate, 12);
  });

  test("DrChrono: two doctors never merged; one chosen, \"99214, G2211\" counts 2.25 wRVUs and the no-show loses the mean 2.05", async () => {
    const e = EXPECTED["drchrono-appointments.csv"];
    const refused = await clinpay(["leakage", "--appointments", at("drchrono-appointments.csv"), "-o", path.join(out, "drc.xlsx")]);
    expect(refused.code).toBe(e.withoutProvider.exit);
    expect(refused.err).toMatch(/names 2 providers: "Dr\. Omar Haddad" \(5 rows\), "Dr\. Grace Kim" \(3 rows\)/);
    const built = await clinpay(["leakage", "--appointments", at("drchrono-appointments.csv"), "--provider", e.provider, "-o", path.join(out, "drc.xlsx")]);
    expect(built.code).toBe(0);
    expect(counts(built.out)).toEqual([e.scheduled, e.completed, e.noShows]);
    const log = readAppointmentLog(await readTable(at("drchrono-appointments.csv")), { provider: e.provider, fees });
    const completed = log.appointments.filter((a) => a.status === "completed");
    const wrvu = completed.reduce((s, a) => s + (a.wrvu ?? fees.latest(a.code!)!.work), 0);
    expect(wrvu).toBeCloseTo(e.completedWrvu, 10);
    const m = leakageMetrics(log.appointments, null, { dollarsPerWrvu: 50, effectiveHourly: 150, fees });
    expect(m.wrvusLost).toBeCloseTo(e.wrvusLost, 10);
  });

  test("Oracle Health productivity report: monthly totals, a grand total and a count line left out; YTD 9.24 wRVUs with its credit", async () => {
    const e = EXPECTED["oracle-health-wrvu.csv"];
    const read = readProductionTable(await readTable(at("oracle-health-wrvu.csv")), "report", { fees });
    expect(read.rows.reduce((s, r) => s + r.wrvu!, 0)).toBeCloseTo(e.ytd, 10);
    expect(serialToIso(read.last!)).toBe(e.asOf);
    expect(read.report!.voids).toBe(e.voids);
    expect(read.report!.reading.join(" ")).toContain(e.furniture);
    const built = await clinpay(["targets", "--production", at("oracle-health-wrvu.csv"), "--wrvu-target", "5000", "-o", path.join(out, "oh.xlsx")]);
    expect(built.code).toBe(0);
    expect(built.out).toMatch(/YTD wRVUs 9\.2: the sum of 6 report lines/);
  });

  test("a UK practice's Excel \"Unicode Text\" (UTF-16, tabs, DD/MM/YYYY): 03/02/2026 is 3 February; telehealth 20.0% against 50.0% in person", async () => {
    const e = EXPECTED["uk-practice-unicode-text.txt"];
    const t = await readTable(at("uk-practice-unicode-text.txt"));
    const log = readAppointmentLog(t, { mapping: await mapping(e.map) });
    expect(serialToIso(log.appointments[0].date)).toBe(e.firstDate);
    expect(describeInference(log.inferred).join(" ")).toMatch(/read as day\/month\/year/);
    const m = telehealthMetrics(log.appointments, fees, assumptions);
    expect([m.all.scheduled, m.all.completed, m.all.noShows]).toEqual([e.scheduled, e.completed, e.noShows]);
    expect(m.teleNoShowRate).toBeCloseTo(e.teleNoShowRate, 12);
    expect(m.inPersonNoShowRate).toBeCloseTo(e.inPersonNoShowRate, 12);
    const built = await clinpay(["telehealth", "--appointments", at("uk-practice-unicode-text.txt"), "--map", at(e.map), "-o", path.join(out, "uk.xlsx")]);
    expect(built.code).toBe(0);
  });
});
