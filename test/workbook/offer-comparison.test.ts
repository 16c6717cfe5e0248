/**
 * The Offer Comparison workbook in a real spreadsheet engine: LibreOffice recalculates every
 * formula, and each figure must equal the core's computation, and the cached value we wrote.
 * The samples plus property-generated offers, tiers and scenarios, all recalculated in ONE
 * soffice run.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import JSZip from "jszip";
import type { Offer, OfferTiers, Scenario, TierMethod } from "../../src/core/inputs/types";
import { MORE_TERMS_DEFAULTS, readOfferInputs } from "../../src/core/inputs/offers";
import { parseCsv } from "../../src/core/csv";
import type { OfferComparison } from "../../src/core/offers";
import { a1 } from "../../src/sheets/a1";
import { lintFormulas } from "../../src/sheets/lint";
import { buildOfferComparison, type OfferComparisonInput, type OfferComparisonLayout } from "../../src/sheets/offer-comparison";
import { writeXlsxFile } from "../../src/render/xlsx";
import { convertToPdfs, findErrors, readSheet, recalcWithLibreOffice, type CellValue } from "../helpers/libreoffice";

const SHEET = "Offer Comparison";
const SAMPLES = path.resolve(__dirname, "../../samples");
const REL = 1e-9;

// ------------------------------------------------------------------------------------------
// Generated inputs: every tier method, greater_of, offers without tiers, wRVU offers, scenarios
// that push the no-show rate past 1 (the cap) and below 0 — and names a formula would misread.

const NAMES = ["=1+1", "+SUM(A1:A3)", "-5", "@home", 'the "big" one', "<100", "*?~", "Clinic A", "Clinic a b", "it's"];
const METHODS: TierMethod[] = ["marginal", "cliff", "flat"];

const money = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);
const fraction = fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000);

const offerArb = (name: string, forced: Partial<Offer>): fc.Arbitrary<Offer> =>
  fc
    .record({
      baseSalary: fc.oneof(fc.constant(0), money(300000)),
      hourlyRate: fc.oneof(fc.constant(0), money(200)),
      payPerUnit: money(150),
      unit: fc.constantFrom<"visit" | "wrvu">("visit", "wrvu"),
      unitsPerHour: fc.integer({ min: 0, max: 600 }).map((x) => x / 100),
      paidHoursPerWeek: fc.integer({ min: 1, max: 60 }),
      weeksPerYear: fc.integer({ min: 30, max: 52 }),
      unpaidHoursPerWeek: fc.integer({ min: 0, max: 200 }).map((x) => x / 10),
      noShowRate: fraction,
      paidNoShowShare: fraction,
      combine: fc.constantFrom<"plus" | "greater_of">("plus", "greater_of"),
      advertisedAnnual: fc.option(money(500000), { nil: null }),
    })
    .chain((o) => fc.option(termsArb, { nil: undefined, freq: 2 }).map((terms) => ({ row: 2, offer: name, ...o, ...(terms ?? MORE_TERMS_DEFAULTS), ...forced })));

/** The more offer terms (SPEC §2): call pay and hours, the withhold, FTE, one-time money and benefits. */
const termsArb = fc.record({
  callShiftsPerYear: fc.integer({ min: 0, max: 120 }),
  callPayPerShift: money(2500),
  callHoursWorkedPerShift: fc.integer({ min: 0, max: 120 }).map((x) => x / 10),
  qualityWithhold: fc.integer({ min: 0, max: 200 }).map((x) => x / 1000),
  qualityEarned: fraction,
  fte: fc.integer({ min: 10, max: 150 }).map((x) => x / 100),
  signingBonus: money(50000),
  relocation: money(20000),
  loanRepayment: money(100000),
  tailCoverage: money(60000),
  commitmentYears: fc.integer({ min: 1, max: 50 }).map((x) => x / 10),
  benefitsAnnual: money(60000),
});

const tiersArb = (method: TierMethod): fc.Arbitrary<OfferTiers> =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 12000 }), { minLength: 1, maxLength: 4 })
    .chain((ts) =>
      fc.array(money(method === "flat" ? 50000 : 120), { minLength: ts.length, maxLength: ts.length }).map((rates) => ({
        method,
        thresholds: [...ts].sort((a, b) => a - b),
        rates,
      }))
    );

const scenarioArb = (name: string): fc.Arbitrary<Scenario> =>
  fc.record({
    scenario: fc.constant(name),
    volumeFactor: fc.integer({ min: 0, max: 200 }).map((x) => x / 100),
    months: fc.integer({ min: 0, max: 12 }),
    noShowAdd: fc.integer({ min: -100, max: 100 }).map((x) => x / 100),
    unpaidFactor: fc.integer({ min: 0, max: 300 }).map((x) => x / 100),
    wrvuFactor: fc.integer({ min: 50, max: 150 }).map((x) => x / 100),
  });

const inputArb: fc.Arbitrary<OfferComparisonInput> = fc
  .record({
    extraOffers: fc.integer({ min: 0, max: 3 }),
    extraScenarios: fc.integer({ min: 0, max: 3 }),
    shift: fc.nat({ max: NAMES.length - 1 }),
  })
  .chain(({ extraOffers, extraScenarios, shift }) => {
    const name = (k: number) => NAMES[(k + shift) % NAMES.length] + (k >= NAMES.length ? ` ${k}` : "");
    const n = 4 + extraOffers;
    // Offers 0–2 have tiers of each method (2 is greater_of), offer 3 has none.
    const offers = Array.from({ length: n }, (_, k) => offerArb(name(k), k === 2 || k === 3 ? { combine: "greater_of" } : {}));
    const tiers = Array.from({ length: n }, (_, k) =>
      k < 3 ? tiersArb(METHODS[k]) : k === 3 ? fc.constant(null) : fc.option(fc.constantFrom(...METHODS).chain(tiersArb), { nil: null })
    );
    const scenarios = [
      scenarioArb("Expected").map((s) => ({ ...s, volumeFactor: 1, months: 12, noShowAdd: 0, unpaidFactor: 1, wrvuFactor: 1 })),
      scenarioArb("No-shows way up").map((s) => ({ ...s, noShowAdd: 0.9 })),
      scenarioArb("No-shows gone").map((s) => ({ ...s, noShowAdd: -1 })),
      ...Array.from({ length: extraScenarios }, (_, j) => scenarioArb(`${NAMES[(j + 3) % NAMES.length]} s${j}`)),
    ];
    return fc.record({ offers: fc.tuple(...offers), tiers: fc.tuple(...tiers), scenarios: fc.tuple(...scenarios) });
  })
  .map(({ offers, tiers, scenarios }) => ({
    offers,
    tiers: new Map(offers.flatMap((o, k) => (tiers[k] ? [[o.offer, tiers[k]!] as [string, OfferTiers]] : []))),
    scenarios,
    source: "generated",
    builtAt: new Date("2026-01-15T00:00:00Z"),
  }));

// ------------------------------------------------------------------------------------------

async function sampleInput(): Promise<OfferComparisonInput> {
  const read = async (f: string) => parseCsv(await fs.readFile(path.join(SAMPLES, f), "utf8"), f);
  const inputs = readOfferInputs({ offers: await read("offers.csv"), tiers: await read("tiers.csv") });
  return { ...inputs, source: "offers.csv, tiers.csv, default scenarios", builtAt: new Date("2026-01-15T00:00:00Z") };
}

interface Case {
  label: string;
  input: OfferComparisonInput;
  comparison: OfferComparison;
  layout: OfferComparisonLayout;
  file: string;
  recalculated: Map<string, CellValue>;
  cached: Map<string, CellValue>;
}

function expectNumber(actual: CellValue | undefined, expected: number, where: string): void {
  expect({ where, type: typeof actual }).toEqual({ where, type: "number" });
  const a = actual as number;
  const ok = Math.abs(a - expected) <= REL * Math.max(1, Math.abs(expected));
  if (!ok) throw new Error(`${where}: LibreOffice ${a}, core ${expected}`);
}

/** A formula that returned "" reads back as "" or not at all. */
const blank = (v: CellValue | undefined) => v === undefined || v === null || v === "";

describe("Offer Comparison recalculated by LibreOffice", () => {
  const cases: Case[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-offers-wb-"));
    const inputs: { label: string; input: OfferComparisonInput }[] = [{ label: "samples", input: await sampleInput() }];
    fc.sample(inputArb, { numRuns: 6, seed: 20260115 }).forEach((input, k) => inputs.push({ label: `generated-${k}`, input }));
    const built = [];
    for (const { label, input } of inputs) {
      const { plan, comparison, layout } = buildOfferComparison(input);
      expect(lintFormulas(plan)).toEqual([]);
      const file = path.join(dir, `${label}.xlsx`);
      await writeXlsxFile([plan], file);
      built.push({ label, input, comparison, layout, file });
    }
    const out = await recalcWithLibreOffice(
      built.map((b) => b.file),
      path.join(dir, "recalculated")
    );
    for (let k = 0; k < built.length; k++) {
      cases.push({
        ...built[k],
        recalculated: await readSheet(out[k], SHEET),
        cached: await readSheet(built[k].file, SHEET),
      });
    }
  }, 240000);

  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  test("the generated inputs cover every tier method, greater_of, no tiers, the no-show cap, and the more terms", () => {
    const all = cases.filter((c) => c.label.startsWith("generated"));
    expect(all).toHaveLength(6);
    const methods = new Set(all.flatMap((c) => [...c.input.tiers.values()].map((t) => t.method)));
    expect([...methods].sort()).toEqual(["cliff", "flat", "marginal"]);
    expect(all.some((c) => c.input.offers.some((o) => o.combine === "greater_of"))).toBe(true);
    expect(all.some((c) => c.input.offers.some((o) => !c.input.tiers.has(o.offer)))).toBe(true);
    expect(all.some((c) => c.comparison.rows.some((r) => r.noShowRate === 1))).toBe(true);
    expect(all.some((c) => c.comparison.rows.some((r) => r.noShowRate === 0 && r.scenario === "No-shows gone"))).toBe(true);
    expect(all.some((c) => c.input.offers.some((o) => o.callShiftsPerYear > 0 && o.qualityWithhold > 0 && o.fte !== 1 && o.commitmentYears !== 1))).toBe(true);
    expect(all.some((c) => c.input.offers.some((o) => o.callShiftsPerYear === 0 && o.fte === 1 && o.benefitsAnnual === 0))).toBe(true);
  });

  test("no error value anywhere (#NAME?, Err:, #VALUE! ...)", async () => {
    for (const c of cases) {
      expect(await findErrors(path.join(dir, "recalculated", `${c.label}.xlsx`))).toEqual([]);
    }
  });

  test("every results-table figure equals the core computation", () => {
    for (const c of cases) {
      const L = c.layout;
      c.comparison.rows.forEach((row, k) => {
        const r = L.results.first + k;
        const at = (col: number) => c.recalculated.get(a1(r, col));
        const where = (col: number) => `${c.label} ${SHEET}!${a1(r, col)}`;
        expect([at(0), at(1)]).toEqual([row.offer, row.scenario]);
        expectNumber(at(2), row.annualPay, where(2));
        expectNumber(at(3), row.effectiveHourly, where(3));
        expectNumber(at(4), row.annualUnits, where(4));
        if (row.advertised === null) {
          expect({ where: where(5), blank: blank(at(5)) && blank(at(6)) }).toEqual({ where: where(5), blank: true });
        } else {
          expectNumber(at(5), row.advertised, where(5));
          expectNumber(at(6), row.gapToAdvertised!, where(6));
        }
        expectNumber(at(7), row.totalCompensation, where(7));
        expectNumber(at(8), row.totalEffectiveHourly, where(8));
        expectNumber(at(9), row.unitsPerHour, where(9));
        expectNumber(at(10), row.noShowRate, where(10));
        expectNumber(at(11), row.unpaidHoursPerWeek, where(11));
        expectNumber(at(12), row.guarantee, where(12));
        expectNumber(at(13), row.production, where(13));
        expectNumber(at(14), row.callPay, where(14));
        expectNumber(at(15), row.withholdShortfall, where(15));
        expectNumber(at(16), row.hoursPerYear, where(16));
      });
    }
  });

  test("rank, worst scenario, best offer and the chart's matrix equal the core computation", () => {
    for (const c of cases) {
      const L = c.layout;
      const get = (r: number, col: number) => c.recalculated.get(a1(r, col));
      c.comparison.summary.forEach((s, i) => {
        const r = L.summary.first + i;
        const where = `${c.label} ${SHEET}!${a1(r, 0)}`;
        expect({ where, row: [get(r, 0), get(r, 1), get(r, 2)] }).toEqual({ where, row: [s.offer, s.expectedRank, s.worstScenario] });
        expectNumber(get(r, 3), s.worstEffectiveHourly, `${where} worst`);
        expectNumber(get(r, 4), s.expectedTotalEffectiveHourly, `${where} total hourly`);
        expectNumber(get(r, 5), s.annualPayAtFullFte, `${where} at 1.0 FTE`);
        expect(get(L.matrix.first + i, L.matrix.col)).toBe(s.offer);
        c.input.scenarios.forEach((_, j) =>
          expectNumber(get(L.matrix.first + i, L.matrix.col + 1 + j), c.comparison.rows[i * c.input.scenarios.length + j].effectiveHourly, `${where} matrix`)
        );
      });
      expect(get(L.best, 1)).toBe(c.comparison.best!.offer);
    }
  });

  test("the sample workbook's numbers are the illustrative ones the README quotes", () => {
    const s = cases[0].comparison.summary;
    expect(s.map((x) => [x.offer, x.expectedRank])).toEqual([
      ["Telehealth per-visit", 1],
      ["Hybrid base + wRVU tiers", 3],
      ["Telehealth wRVU cliff", 6],
      ["Hourly floor", 5],
      ["Current salaried job", 4],
      ["Health system job with call", 2],
    ]);
    // $95 × 2.2 visits/h × 38 h × 46 weeks × (1 − 0.2 no-shows)
    expect(cases[0].comparison.rows[0].annualPay).toBeCloseTo(292265.6, 6);
    expect(s.map((x) => x.worstScenario)).toEqual(["No-shows +10 points", "Inbox doubles", "Inbox doubles", "Inbox doubles", "Inbox doubles", "Inbox doubles"]);
    // The offer with the more terms, recalculated by LibreOffice: $220,000 + 52 × $1,200 − 220,000 × 5% × 20% = $280,200
    // over 32 × 46 + 6 × 46 + 52 × 6 = 2,060 hours; + $45,000 benefits + (30,000 + 15,000 + 60,000 − 20,000) ÷ 3 = $353,533.33.
    const L = cases[0].layout;
    const row = L.results.first + 5 * cases[0].input.scenarios.length;
    const lo = (col: number) => cases[0].recalculated.get(a1(row, col)) as number;
    expect(cases[0].recalculated.get(a1(row, 0))).toBe("Health system job with call");
    expect(lo(2)).toBeCloseTo(280200, 6);
    expect(lo(3)).toBeCloseTo(280200 / 2060, 9);
    expect(lo(7)).toBeCloseTo(353533.3333, 3);
    expect(lo(8)).toBeCloseTo(353533.3333 / 2060, 6);
    expect(cases[0].recalculated.get(a1(L.summary.first + 5, 5))).toBeCloseTo(280200 / 0.8, 6);
  });

  test("every cached value written equals what LibreOffice computes", () => {
    for (const c of cases) {
      expect(c.cached.size).toBeGreaterThan(50);
      for (const [addr, cached] of c.cached) {
        const lo = c.recalculated.get(addr);
        const where = `${c.label} ${SHEET}!${addr}`;
        if (typeof cached === "number") expectNumber(lo, cached, where);
        else if (blank(cached)) expect({ where, blank: blank(lo) }).toEqual({ where, blank: true });
        else expect({ where, v: lo }).toEqual({ where, v: cached });
      }
      // Nothing LibreOffice shows is missing from what we wrote.
      for (const [addr, lo] of c.recalculated) if (!blank(lo)) expect({ addr, has: c.cached.has(addr) }).toEqual({ addr, has: true });
    }
  });

  test("the sample workbook opens in LibreOffice with its charts (PDF export, and the charts survive a save)", async () => {
    const sample = cases[0];
    const zip = await JSZip.loadAsync(await fs.readFile(path.join(dir, "recalculated", "samples.xlsx")));
    expect(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(2);
    const ours = await JSZip.loadAsync(await fs.readFile(sample.file));
    const chartXml = await ours.file("xl/charts/chart1.xml")!.async("string");
    expect((chartXml.match(/<c:ser>/g) ?? []).length).toBe(sample.input.scenarios.length);

    // The same sheet without its chart, exported in the same soffice run: the chart must add
    // drawing to the PDF, not just be present in the zip.
    const { plan } = buildOfferComparison(sample.input);
    const bare = path.join(dir, "samples-without-chart.xlsx");
    await writeXlsxFile([{ ...plan, charts: [] }], bare);
    const [pdf, barePdf] = await convertToPdfs([sample.file, bare], path.join(dir, "pdf"));
    const bytes = await fs.readFile(pdf);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(20000);
    expect(bytes.length - (await fs.stat(barePdf)).size).toBeGreaterThan(4000);
  });
});
