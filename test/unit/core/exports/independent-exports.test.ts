/**
 * Eight exports written, with their figures worked out, by someone who never read ClinPay's code
 * (test/fixtures/exports/independent/: Tebra, Elation, SimplePractice, EMIS Web "Unicode Text",
 * SystmOne, a Doxy.me session log, a MEDITECH wRVU report, a German-locale ModMed report; the
 * figures are in expected.json, the sources and guesses in its README.md). Each is run as a
 * user runs it, through the CLI and through the read path the CLI uses, three ways:
 *  (a) as exported, nothing given: exit 2 naming what to map, or exactly the expected figures —
 *      never other figures;
 *  (b) with what expected.json's `needs` says: exactly the expected figures, furniture by kind;
 *  (c) following ClinPay's own advice: `inspect --write-map`, each blank `to` filled with what the
 *      fixture's README says the value means, and the flags ClinPay's messages name: exactly the
 *      expected figures.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { clinpay } from "../../../helpers/cli-run";
import { readTable } from "../../../../src/cli/read";
import { readAppointmentLog, type LogOptions } from "../../../../src/core/inputs/appointments";
import { readProductionTable } from "../../../../src/core/inputs/production";
import { parseMapping } from "../../../../src/core/exports/mapping";
import { parseCsv } from "../../../../src/core/csv";
import { leakageMetrics } from "../../../../src/core/leakage";
import { telehealthMetrics } from "../../../../src/core/telehealth";
import { bundledFees } from "../../../../src/core/data/bundled-fees";
import { serialToIso, ymdToSerial } from "../../../../src/core/dates";
import type { Modality } from "../../../../src/core/inputs/types";

const DIR = path.join(__dirname, "../../../fixtures/exports/independent");
const at = (file: string) => path.join(DIR, file);
const fees = bundledFees();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-independent-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const ASSUMPTIONS = { changeDate: null, groupNoShowRate: null, groupWrvuPerVisit: null, farBelow: 0.2, annualTarget: null, writtenConcerns: false, dollarsPerWrvu: 50 };

interface Fixture {
  file: string;
  kind: "appointments" | "production";
  needs: { provider?: string; flags: string[]; mapLines: string[] };
  providers: Record<string, number>;
  furniture: Record<string, number>;
  figures: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
const FIXTURES: Fixture[] = JSON.parse(fs.readFileSync(path.join(DIR, "expected.json"), "utf8"));
const fixture = (file: string) => FIXTURES.find((f) => f.file === file)!;
/** The figures of one provider (or of the file, when it names one). */
const figuresOf = (f: Fixture, provider?: string) => ("rowsRead" in f.figures ? f.figures : f.figures[provider!]);

/** What a user gives a build: a provider, the flags, a mapping. */
interface Run {
  provider?: string;
  visitType?: Modality;
  dateOrder?: "mdy" | "dmy";
  mapLines: string[];
}

function runOfNeeds(f: Fixture, provider = f.needs.provider): Run {
  const run: Run = { provider, mapLines: f.needs.mapLines };
  for (const flag of f.needs.flags) {
    const [name, value] = flag.split(" ");
    if (name === "--visit-type") run.visitType = value as Modality;
    else if (name === "--date-order") run.dateOrder = value as "mdy" | "dmy";
    else throw new Error(`a flag this test does not know: ${flag}`);
  }
  return run;
}

let maps = 0;
function mapFile(lines: string[]): string {
  const file = path.join(tmp, `map-${++maps}.csv`);
  fs.writeFileSync(file, ["what,from,to", ...lines].join("\n") + "\n");
  return file;
}

function cliArgs(run: Run): string[] {
  const args: string[] = [];
  if (run.provider) args.push("--provider", run.provider);
  if (run.visitType) args.push("--visit-type", run.visitType);
  if (run.dateOrder) args.push("--date-order", run.dateOrder);
  if (run.mapLines.length > 0) args.push("--map", mapFile(run.mapLines));
  return args;
}

function logOptions(run: Run): LogOptions {
  const mapping = run.mapLines.length > 0 ? parseMapping(parseCsv(["what,from,to", ...run.mapLines].join("\n"), "map.csv")) : undefined;
  return { provider: run.provider, visitType: run.visitType, dateOrder: run.dateOrder, mapping, fees };
}

const r6 = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);
const r2 = (x: number) => Math.round(x * 100) / 100;
const ym = (serial: number) => serialToIso(serial).slice(0, 7);

/** An appointment log's figures, in expected.json's shape, from the read path the CLI uses. */
async function logFigures(file: string, run: Run) {
  const log = readAppointmentLog(await readTable(at(file)), logOptions(run));
  const a = log.appointments;
  const leak = leakageMetrics(a, null, { dollarsPerWrvu: 50, effectiveHourly: 150, fees });
  const tele = telehealthMetrics(a, fees, ASSUMPTIONS);
  const priced = tele.unpricedCompleted < tele.all.completed;
  const count = (s: string) => a.filter((x) => x.status === s).length;
  const byModality = Object.fromEntries(
    tele.byModality.map((m) => [
      m.label,
      { scheduled: m.scheduled, completed: m.completed, noShows: m.noShows, systemNoShows: m.systemNoShows, noShowRate: r6(m.noShowRate), wrvus: priced && m.completed > 0 ? r2(m.wrvus) : null },
    ])
  );
  const unknown = tele.byModality.find((m) => m.label === "Unknown")!;
  const out: Record<string, unknown> = {
    rowsRead: a.length + log.inferred.notYet,
    scheduled: leak.scheduled,
    completed: leak.completed,
    noShows: leak.noShows,
    noShowsBreakdown: { no_show: count("no_show"), late_cancel: count("late_cancel") },
    noShowRate: r6(leak.noShowRate),
    systemNoShows: leak.systemNoShows,
    patientNoShowRate: r6(leak.patientNoShowRate),
    notYetHappened: log.inferred.notYet,
    cancelledWithNotice: count("cancelled"),
    byModality,
    allTelehealth: { scheduled: tele.allTelehealth.scheduled, noShows: tele.allTelehealth.noShows, systemNoShows: tele.allTelehealth.systemNoShows },
    telehealthNoShowRate: r6(tele.teleNoShowRate),
    inPersonNoShowRate: r6(tele.inPersonNoShowRate),
    unknownModalityShareOfScheduled: r6(unknown.scheduled / tele.all.scheduled),
    wrvuCompleted: priced ? r2(tele.all.wrvus) : null,
    completedWithoutWrvu: priced ? tele.unpricedCompleted : null,
    byMonth: Object.fromEntries(leak.byMonth.filter((m) => m.scheduled > 0).map((m) => [ym(m.monthStart), { scheduled: m.scheduled, completed: m.completed, noShows: m.noShows }])),
  };
  if (priced) out.wrvuLostToNoShows = r2(leak.wrvusLost);
  return out;
}

/** A production report's figures, in expected.json's shape. */
async function reportFigures(file: string, run: Run) {
  const read = readProductionTable(await readTable(at(file)), "report", logOptions(run));
  const rows = read.rows;
  const sum = (rs: typeof rows) => r2(rs.reduce((s, r) => s + r.wrvu!, 0));
  const months: Record<string, number> = {};
  for (const r of rows) months[ym(r.date)] = r2((months[ym(r.date)] ?? 0) + r.wrvu!);
  return {
    rowsRead: rows.length,
    lines: rows.length - read.report!.voids,
    voidLines: read.report!.voids,
    firstDate: serialToIso(Math.min(...rows.map((r) => r.date))),
    lastDate: serialToIso(Math.max(...rows.map((r) => r.date))),
    ytdWrvus: sum(rows),
    wrvusFrom20260101: sum(rows.filter((r) => r.date >= ymdToSerial(2026, 1, 1))),
    wrvusByMonth: months,
  };
}

/** The figures of expected.json a build shows: all of them, or RVU Leakage's (no modality) — and not those a file does not give. */
const LEAKAGE_FIGURES = ["rowsRead", "scheduled", "completed", "noShows", "noShowsBreakdown", "noShowRate", "systemNoShows", "patientNoShowRate", "notYetHappened", "cancelledWithNotice", "byMonth", "wrvuLostToNoShows"];
function comparable(want: Record<string, unknown>, got: Record<string, unknown>, only?: string[]) {
  return Object.fromEntries(Object.keys(want).filter((k) => !only || only.includes(k)).map((k) => [k, got[k]]));
}

async function expectFigures(f: Fixture, run: Run, provider = run.provider, only?: string[]) {
  const want = figuresOf(f, provider);
  const got = f.kind === "appointments" ? await logFigures(f.file, run) : await reportFigures(f.file, run);
  expect(comparable(want, got, only)).toEqual(comparable(want, want, only));
}

const pct = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toFixed(1)}%`);

/** The CLI's build, with the summary lines that carry the figures checked against expected.json. */
async function expectBuilds(f: Fixture, run: Run, provider = run.provider) {
  const want = figuresOf(f, provider);
  const out = (name: string) => path.join(tmp, `${path.parse(f.file).name}-${name}-${maps}.xlsx`);
  if (f.kind === "production") {
    const r = await clinpay(["targets", "--production", at(f.file), "--wrvu-target", "5000", ...cliArgs(run), "-o", out("targets")]);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
    expect(r.out).toContain(`YTD wRVUs ${want.wrvusFrom20260101.toFixed(1)}: the sum of `);
    return r.out;
  }
  const leak = await clinpay(["leakage", "--appointments", at(f.file), ...cliArgs(run), "-o", out("leakage")]);
  expect({ code: leak.code, err: leak.err }).toEqual({ code: 0, err: "" });
  expect(leak.out).toContain(`Scheduled ${want.scheduled}, completed ${want.completed}, no-shows ${want.noShows} (no-show rate ${pct(want.noShowRate)})`);
  const patient = want.noShows - want.systemNoShows;
  expect(leak.out).toContain(`System-caused no-shows ${want.systemNoShows}, patient-caused ${patient} (patient no-show rate ${pct(want.patientNoShowRate)}: ${patient} of the ${want.scheduled - want.systemNoShows} scheduled rows not system-caused)`);
  if (want.wrvuCompleted === null) expect(leak.out).toContain(`wRVUs lost to no-shows not known: none of the ${want.noShows} no-show rows, and no completed row, has a wRVU or a billing code`);
  else {
    expect(leak.out).toMatch(new RegExp(`wRVUs lost to no-shows [\\d.]+ \\(${want.noShows} no-show rows: `));
    // Valued at the completed-visit mean, it rests on every completed row (each has a wRVU or code here).
    if (/no-show rows: .*at the mean/.test(leak.out)) expect(leak.out).toContain(`at the mean of the ${want.completed - want.completedWithoutWrvu} completed rows with a wRVU or code`);
  }
  const tele = await clinpay(["telehealth", "--appointments", at(f.file), ...cliArgs(run), "-o", out("telehealth")]);
  expect({ code: tele.code, err: tele.err }).toEqual({ code: 0, err: "" });
  const [t, p] = [want.allTelehealth, want.byModality["In person"]];
  expect(tele.out).toContain(`no-show rate ${pct(want.telehealthNoShowRate)} (${t.noShows} of ${t.scheduled} scheduled telehealth rows) against ${pct(want.inPersonNoShowRate)} in person (${p.noShows} of ${p.scheduled})`);
  expect(tele.out).toContain(`System-caused share of telehealth no-shows ${pct(t.noShows ? t.systemNoShows / t.noShows : null)} (${t.systemNoShows} of ${t.noShows})`);
  // No code and no wRVU in the log: wRVU figures are not known, and the summary says so rather than 0.00.
  if (want.wrvuCompleted === null) expect(tele.out).toContain(`wRVU per visit: n/a: none of the ${want.completed} completed rows has a wRVU or a billing code`);
  // The Target Tracker from the log: its completed visits' wRVUs (every visit here is in 2026), or refused when it has none.
  const targets = await clinpay(["targets", "--appointments", at(f.file), "--wrvu-target", "5000", ...cliArgs(run), "-o", out("targets")]);
  if (want.wrvuCompleted === null) {
    expect(targets.code).toBe(2);
    expect(targets.err).toContain(`none of its ${want.completed} completed visits has a wRVU or a billing code, so it gives no YTD wRVUs`);
  } else {
    expect(targets.code).toBe(0);
    expect(targets.out).toContain(`YTD wRVUs ${want.wrvuCompleted.toFixed(1)}: the sum of ${want.completed} completed visits of ${f.file}, 2026-01-01 to `);
  }
  return leak.out;
}

/** The notes count the furniture by kind as the fixture's writer did ("pageLines": page and report lines). */
function expectFurniture(f: Fixture, notes: string) {
  const fu = f.furniture;
  const said = (re: RegExp) => Number(re.exec(notes)?.[1] ?? 0);
  const got = {
    titleRows: said(/(\d+) rows? above it/),
    pageBreakHeaders: said(/(\d+) page-break headers?/),
    subtotals: said(/(\d+) subtotal rows?/),
    totals: said(/(\d+) total rows?/),
    pageLines: said(/(\d+) page lines?/) + said(/(\d+) report lines? \(printed/),
    counts: said(/(\d+) count rows?/),
    blankRows: said(/(\d+) blank rows?/),
  };
  expect(got).toEqual({ titleRows: fu.titleRows, pageBreakHeaders: fu.pageBreakHeaders, subtotals: fu.subtotals, totals: fu.totals, pageLines: fu.pageLines, counts: fu.counts, blankRows: fu.blankRows });
}

/** Every map line and flag a refusal names: what ClinPay asks the user to write. */
function asked(err: string) {
  return {
    statuses: [...err.matchAll(/status,(.+?),<one of those>/g)].map((m) => m[1]),
    provider: /Choose one with --provider NAME/.test(err),
    visitType: /pass --visit-type (\w+)/.exec(err)?.[1],
    columns: [...err.matchAll(/column,([^,]+),(\w+)/g)].map((m) => `${m[1]},${m[2]}`),
  };
}

/** The meaning the fixture's README gives each value: the value lines of its `needs`. */
function meanings(f: Fixture): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of f.needs.mapLines) {
    const [what, from, to] = line.split(",");
    if (what !== "column") out.set(`${what},${from}`, to);
  }
  return out;
}

const FILES = FIXTURES.map((f) => f.file);
test("the fixtures are the eight the README lists", () => {
  expect(FILES).toEqual([
    "tebra-appointments-detail.csv", "elation-appointments.csv", "simplepractice-appointment-status.csv", "emis-web-appointments-unicode.txt",
    "systmone-appointments.csv", "doxyme-session-log.csv", "meditech-provider-wrvu-detail.txt", "modmed-productivity-rvu-de.csv",
  ]);
});

describe.each(FILES)("%s", (file) => {
  const f = fixture(file);
  const providers = Object.keys(f.providers);
  const several = providers.length > 1;

  test("(a) as exported: each build is refused naming what to map, or gives exactly the expected figures", async () => {
    const commands = f.kind === "appointments" ? [["leakage", "--appointments"], ["telehealth", "--appointments"]] : [["targets", "--production", "--wrvu-target", "5000"]];
    const known = meanings(f);
    for (const [command, flag, ...more] of commands) {
      const r = await clinpay([command, flag, at(file), ...more, "-o", path.join(tmp, `${command}-as-is.xlsx`)]);
      if (r.code === 0) {
        // Built as it is: only right when the file names one provider and its figures are exactly the expected ones.
        expect(several).toBe(false);
        await expectFigures(f, { mapLines: [] }, undefined, command === "leakage" ? LEAKAGE_FIGURES : undefined);
        continue;
      }
      expect(r.code).toBe(2);
      const ask = asked(r.err);
      // Something to write, every time: a provider, a map line or a flag.
      expect(ask.provider || ask.statuses.length > 0 || ask.visitType !== undefined || ask.columns.length > 0).toBe(true);
      if (several) for (const p of providers) expect(r.err).toContain(`"${p}" (${f.providers[p]} rows)`);
      // It asks about no status the README does not say needs a line.
      for (const s of ask.statuses) expect(known.has(`status,${s}`)).toBe(true);
    }
  });

  test("(b) with what the README says it needs: exactly the expected figures, and the furniture by kind", async () => {
    const run = runOfNeeds(f);
    const summary = await expectBuilds(f, run);
    await expectFigures(f, run);
    expectFurniture(f, summary);
  });

  if (several) {
    test.each(providers.filter((p) => p !== f.needs.provider).concat("all"))("(b) the other choices: --provider %s", async (provider) => {
      await expectFigures(f, runOfNeeds(f, provider));
    });
  }

  test("(c) following ClinPay's own advice: inspect --write-map filled in as the README says, and the flags its messages name", async () => {
    const written = path.join(tmp, `${path.parse(file).name}-written.csv`);
    const provider = several ? f.needs.provider : undefined;
    const inspect = await clinpay(["inspect", at(file), "--write-map", written, ...(provider ? ["--provider", provider] : [])]);
    expect([0, 2]).toContain(inspect.code);
    const known = meanings(f);
    const lines: string[] = [];
    for (const line of fs.readFileSync(written, "utf8").trim().split(/\r?\n/).slice(1)) {
      const m = /^(\w+),(.*),(.*)$/.exec(line)!;
      const [, what, from, to] = m;
      if (to !== "") lines.push(line);
      // A blank `to`: the README's meaning, or (a visit type it gives none) deleted, as the file tells the user to.
      else if (known.has(`${what},${from.replace(/^"|"$/g, "")}`)) lines.push(`${what},${from},${known.get(`${what},${from.replace(/^"|"$/g, "")}`)}`);
      else expect(what).toBe("visit_type");
    }
    const run: Run = { provider, mapLines: lines };
    // The flags ClinPay names, in inspect or in a refusal, set as the README says they should be.
    const needed = runOfNeeds(f);
    if (needed.dateOrder) {
      expect(inspect.out).toContain(`pass --date-order ${needed.dateOrder}`);
      run.dateOrder = needed.dateOrder;
    }
    if (f.kind === "appointments") {
      const tele = await clinpay(["telehealth", "--appointments", at(file), ...cliArgs(run), "-o", path.join(tmp, "advice.xlsx")]);
      const visitType = asked(tele.err).visitType;
      if (tele.code !== 0) {
        expect(visitType).toBe(needed.visitType);
        run.visitType = visitType as Modality;
      }
    }
    await expectBuilds(f, run, f.needs.provider);
    await expectFigures(f, run, f.needs.provider);
  });
});
