/**
 * The Target Tracker sheet in LibreOffice: every labelled figure and table cell equals the
 * core's computation and the cached value the plan wrote, for hand-picked contracts (every tier
 * method, no tiers, a period that is over, a leap-day period start) and generated ones, all
 * recalculated in ONE soffice run.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import type { OfferTiers, TierMethod } from "../../src/core/inputs/types";
import { PERIOD_IS_OVER, targetMetrics, type TargetInput, type TargetMetrics } from "../../src/core/targets";
import { SPECIALTY_WRVU_MEDIANS } from "../../src/core/data/benchmarks";
import { lintFormulas } from "../../src/sheets/lint";
import { TARGET_LABELS as L, TARGET_TABLES as T, buildTargetPlan } from "../../src/sheets/target-tracker";
import type { SheetPlan } from "../../src/sheets/plan";
import { writeXlsxFile } from "../../src/render/xlsx";
import { findErrors, readSheet, recalcWithLibreOffice, type CellValue } from "../helpers/libreoffice";
import { Grid, Mismatches, planFormulas } from "./sheet-grid";

const SHEET = "Target Tracker";
const JAN1_2026 = 46023;
const MAR31_2026 = JAN1_2026 + 89;
const FEB29_2024 = 45351;

const SAMPLE_TIERS: OfferTiers = { method: "marginal", thresholds: [0, 4800, 5600], rates: [0, 50, 55] };

const handPicked: [string, TargetInput][] = [
  ["sample tiers, behind target", { wrvuTarget: 5000, ytd: 1150, asOf: MAR31_2026, dollarsPerWrvu: 50, tiers: SAMPLE_TIERS, baseSalary: 180000 }],
  ["no tiers, ahead of target", { wrvuTarget: 4000, ytd: 1300, asOf: MAR31_2026, dollarsPerWrvu: 48.5 }],
  ["cliff tiers", { wrvuTarget: 5000, ytd: 2600, asOf: JAN1_2026 + 180, dollarsPerWrvu: 50, tiers: { ...SAMPLE_TIERS, method: "cliff" } }],
  ["flat tiers", { wrvuTarget: 5000, ytd: 2600, asOf: JAN1_2026 + 180, dollarsPerWrvu: 50, tiers: { method: "flat", thresholds: [4000, 5000], rates: [2500, 10000] } }],
  ["the period is over", { wrvuTarget: 5000, ytd: 4900, asOf: JAN1_2026 + 364, dollarsPerWrvu: 50 }],
  ["leap-day period start", { wrvuTarget: 6000, ytd: 10, periodStart: FEB29_2024, asOf: FEB29_2024, dollarsPerWrvu: 0 }],
  ["a July contract year, YTD 0", { wrvuTarget: 4800, ytd: 0, periodStart: JAN1_2026 + 181, asOf: JAN1_2026 + 200, dollarsPerWrvu: 55, baseSalary: 200000 }],
  // Target Tracker, more: a 0.8 FTE year on a survey (the survey percentile is worked by hand below).
  ["0.8 FTE on a survey", { wrvuTarget: 5000, ytd: 1150, asOf: MAR31_2026, dollarsPerWrvu: 50, clinicalFte: 0.8, survey: [4300, 5200, 6300, 7600] }],
  ["full time above the survey's p90", { wrvuTarget: 8000, ytd: 2600, asOf: MAR31_2026, dollarsPerWrvu: 50, survey: [4300, 5200, 6300, 7600] }],
  ["0.6 FTE far below the survey's p25", { wrvuTarget: 3000, ytd: 200, asOf: MAR31_2026, dollarsPerWrvu: 50, clinicalFte: 0.6, survey: [4300, 5200, 6300, 7600] }],
];

const METHODS: TierMethod[] = ["marginal", "cliff", "flat"];
const tiersArb: fc.Arbitrary<OfferTiers> = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 9000 }), { minLength: 1, maxLength: 4 }), fc.constantFrom(...METHODS))
  .chain(([ts, method]) =>
    fc.array(fc.integer({ min: 0, max: 8000 }).map((c) => c / 100), { minLength: ts.length, maxLength: ts.length }).map((rates) => ({
      method,
      thresholds: [...ts].sort((a, b) => a - b),
      rates,
    }))
  );
const inputArb: fc.Arbitrary<TargetInput> = fc
  .record({
    wrvuTarget: fc.integer({ min: 1000, max: 10000 }),
    ytdShare: fc.integer({ min: 0, max: 150 }),
    startDay: fc.integer({ min: 0, max: 700 }),
    elapsed: fc.integer({ min: 0, max: 364 }), // As of on or before the period's last day
    dollarsPerWrvu: fc.integer({ min: 0, max: 9000 }).map((c) => c / 100),
    tiers: fc.option(tiersArb, { nil: undefined }),
    clinicalFte: fc.integer({ min: 20, max: 150 }).map((x) => x / 100),
    survey: fc.option(
      fc.uniqueArray(fc.integer({ min: 1000, max: 12000 }), { minLength: 4, maxLength: 4 }).map((p) => [...p].sort((a, b) => a - b) as [number, number, number, number]),
      { nil: undefined }
    ),
  })
  .map((r) => ({
    wrvuTarget: r.wrvuTarget,
    ytd: Math.round((r.wrvuTarget * r.ytdShare * 10) / 100) / 10,
    periodStart: FEB29_2024 - 300 + r.startDay,
    asOf: FEB29_2024 - 300 + r.startDay + r.elapsed,
    dollarsPerWrvu: r.dollarsPerWrvu,
    tiers: r.tiers,
    baseSalary: r.wrvuTarget * 40,
    clinicalFte: r.clinicalFte,
    survey: r.survey,
  }));

const cases: [string, TargetInput][] = [
  ...handPicked,
  ...fc.sample(inputArb, { seed: 424242, numRuns: 4 }).map((c, i): [string, TargetInput] => [`generated #${i + 1}`, c]),
];

function expectedFigures(i: TargetInput, m: TargetMetrics): [string, CellValue][] {
  const out: [string, CellValue][] = [
    [L.wrvuTarget, i.wrvuTarget],
    [L.ytd, i.ytd],
    [L.asOf, i.asOf],
    [L.periodStart, m.periodStart],
    [L.dollarsPerWrvu, i.dollarsPerWrvu],
    [L.daysInPeriod, m.daysInPeriod],
    [L.daysElapsed, m.daysElapsed],
    [L.daysRemaining, m.daysRemaining],
    [L.projected, m.projected],
    [L.gap, m.gap],
    [L.pace, m.paceNeeded ?? PERIOD_IS_OVER],
    [L.bonus, m.bonus],
    [L.rebased, m.rebasedSalary],
    [L.baseSalary, i.baseSalary ?? 0],
    [L.averagePerWeek, m.averagePerWeek],
    // Blank, not an error, when the period is over, nothing is produced yet, or nothing is projected.
    [L.catchUp, m.catchUpRatio ?? ""],
    [L.effectiveDpw, m.effectiveDollarsPerWrvu ?? ""],
    [L.clinicalFte, i.clinicalFte ?? 1],
  ];
  // Beside the Assumptions: the survey's points (blank unless typed), the projection at 1.0 FTE, and its percentile (blank while a point is).
  (["surveyP25", "surveyP50", "surveyP75", "surveyP90"] as const).forEach((k, j) => out.push([L[k], i.survey ? i.survey[j] : null]));
  out.push([L.projectedAtFullFte, m.projectedAtFullFte], [L.surveyPercentile, m.surveyPercentile ?? ""]);
  if (i.tiers) out.push([L.tierMethod, i.tiers.method]);
  return out;
}

function expectedTables(i: TargetInput, m: TargetMetrics): [readonly string[], CellValue[][]][] {
  const out: [readonly string[], CellValue[][]][] = [
    [T.standing, [[L.ytd, i.ytd], [L.projected, m.projected], [L.wrvuTarget, i.wrvuTarget]]],
    [T.medians, SPECIALTY_WRVU_MEDIANS.map((s) => [s.specialty, s.low, s.high, m.projected])],
  ];
  if (i.tiers) {
    const t = i.tiers;
    out.push([T.tiers, t.thresholds.map((th, k) => [th, t.rates[k], k === 0 ? t.rates[0] : t.rates[k] - t.rates[k - 1]])]);
  }
  return out;
}

describe("Target Tracker workbook, recalculated in LibreOffice", () => {
  let dir: string;
  const built: { name: string; input: TargetInput; m: TargetMetrics; plan: SheetPlan; file: string; recalc: string }[] = [];

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-targets-"));
    for (const [k, [name, input]] of cases.entries()) {
      const m = targetMetrics(input);
      const plan = buildTargetPlan({ ...input, builtAt: new Date(Date.UTC(2026, 3, 1)), source: name });
      const file = path.join(dir, `targets-${k}.xlsx`);
      await writeXlsxFile([plan], file);
      built.push({ name, input, m, plan, file, recalc: "" });
    }
    const outs = await recalcWithLibreOffice(
      built.map((b) => b.file),
      path.join(dir, "recalc")
    );
    outs.forEach((o, k) => (built[k].recalc = o));
  });

  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  test("every formula is one Excel 2016 and LibreOffice 7.4 both compute", () => {
    for (const b of built) expect({ name: b.name, problems: lintFormulas(b.plan) }).toEqual({ name: b.name, problems: [] });
  });

  test("every labelled figure and table cell equals the core's number", async () => {
    const bad: string[] = [];
    for (const b of built) {
      const grid = new Grid(await readSheet(b.recalc, SHEET));
      const mm = new Mismatches();
      // The survey's labels stand beside the Assumptions; every other label is in column A.
      const beside = new Set<string>([L.surveyP25, L.surveyP50, L.surveyP75, L.surveyP90, L.projectedAtFullFte, L.surveyPercentile]);
      for (const [label, want] of expectedFigures(b.input, b.m)) mm.check(label, grid.figure(label, beside.has(label)), want);
      for (const [headers, rows] of expectedTables(b.input, b.m)) mm.rows(headers[0], grid.table(headers), rows);
      bad.push(...mm.lines.map((l) => `${b.name}: ${l}`));
    }
    expect(bad).toEqual([]);
  });

  test("cached values equal LibreOffice's, and no cell is an error", async () => {
    const bad: string[] = [];
    for (const b of built) {
      const recalculated = await readSheet(b.recalc, SHEET);
      const mm = new Mismatches();
      for (const { address, cached } of planFormulas(b.plan)) mm.check(address, recalculated.get(address) ?? null, cached);
      bad.push(...mm.lines.map((l) => `${b.name}: ${l}`));
      bad.push(...(await findErrors(b.recalc)).map((e) => `${b.name}: ${e}`));
    }
    expect(bad).toEqual([]);
  });

  test("the hand-picked cases cover every bonus rule and the period being over", () => {
    const ms = built.map((b) => b.m);
    expect(ms.some((m) => m.paceNeeded === null)).toBe(true);
    expect(ms.some((m) => m.daysInPeriod === 366)).toBe(true);
    expect(ms.some((m) => m.bonusRule === "above target" && m.bonus > 0)).toBe(true);
    expect(new Set(built.filter((b) => b.input.tiers).map((b) => b.input.tiers!.method))).toEqual(new Set(METHODS));
  });

  test("the so-far figures of the sample contract, worked by hand, as LibreOffice computes them", async () => {
    // 1,150 wRVUs in 90 days (Jan 1 – Mar 31): 1150 ÷ (90 ÷ 7) = 89.44 a week; 3,850 to go in
    // 275 days: 3850 ÷ (275 ÷ 7) = 98.0 a week, so the rest must run 98 ÷ 89.44 = 1.0957× faster.
    // Projected 1150 × 365 ÷ 90 = 4,663.9, under the first paid tier (4,800): bonus 0, so the
    // $180,000 base works out to 180000 ÷ 4663.9 = $38.59 per wRVU.
    const b = built.find((x) => x.name === "sample tiers, behind target")!;
    const grid = new Grid(await readSheet(b.recalc, SHEET));
    const at = (label: string) => grid.figure(label) as number;
    expect(at(L.averagePerWeek)).toBeCloseTo(1150 / (90 / 7), 9);
    expect(at(L.catchUp)).toBeCloseTo(3850 / (275 / 7) / (1150 / (90 / 7)), 9);
    expect(at(L.catchUp)).toBeCloseTo(1.0957, 4);
    expect(at(L.effectiveDpw)).toBeCloseTo(180000 / ((1150 * 365) / 90), 9);
    expect(at(L.effectiveDpw)).toBeCloseTo(38.59, 2);
  });

  test("survey percentile, worked by hand, as LibreOffice computes it (and as the core does)", async () => {
    const at = async (name: string) => {
      const b = built.find((x) => x.name === name)!;
      const grid = new Grid(await readSheet(b.recalc, SHEET));
      return { lo: grid.figure(L.surveyPercentile, true) as number, full: grid.figure(L.projectedAtFullFte, true) as number, core: b.m.surveyPercentile };
    };
    // 1,150 × 365 ÷ 90 = 4,663.89 at 0.8 FTE = 5,829.86 at full time, between p50 (5,200) and p75 (6,300):
    // 50 + (5,829.86 − 5,200) ÷ 1,100 × 25 = 64.315.
    const part = await at("0.8 FTE on a survey");
    expect(part.full).toBeCloseTo((1150 * 365) / 90 / 0.8, 9);
    expect(part.lo).toBeCloseTo(50 + (((1150 * 365) / 90 / 0.8 - 5200) / 1100) * 25, 9);
    expect(part.lo).toBeCloseTo(64.315, 3);
    expect(part.core).toBeCloseTo(part.lo, 9);
    const sentence = new Grid(await readSheet(built.find((x) => x.name === "0.8 FTE on a survey")!.recalc, SHEET)).figure("Bottom line");
    expect(sentence).toMatch(/ At 1\.0 FTE that is 5,830 wRVUs a year, percentile 64\.3 of your survey\.$/);
    // 2,600 × 365 ÷ 90 = 10,544.4, past p90: the last segment's slope continues (75 + 4,244.4 ÷ 1,300 × 15 = 123.97), clamped to 99.
    const high = await at("full time above the survey's p90");
    expect(high.lo).toBe(99);
    expect(high.core).toBe(99);
    // 200 × 365 ÷ 90 ÷ 0.6 = 1,351.9 at full time, far below p25: 25 + (1,351.9 − 4,300) ÷ 900 × 25 = −56.9, clamped to 1.
    const low = await at("0.6 FTE far below the survey's p25");
    expect(low.lo).toBe(1);
    expect(low.core).toBe(1);
  });

  test("the medians are labelled illustrative", async () => {
    const grid = new Grid(await readSheet(built[0].recalc, SHEET));
    expect(grid.find("Specialty medians (illustrative)").length).toBe(1);
    expect(T.medians[0]).toMatch(/illustrative/);
  });
});
