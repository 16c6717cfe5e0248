/**
 * Offer Comparison, more (SPEC §3), recalculated in LibreOffice: `Units per hour to match` for a
 * plus, a greater_of, a marginal-tier, a flat-tier and a cliff-tier offer and one no volume can
 * save, each solved by hand below; `Effective $ per wRVU`; `Effective hourly by productivity
 * level`; and the sample cliff offer just below and just above its threshold in `Annual pay by
 * volume`. The compared offer is typed over in one copy, to show every answer follows the cell.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { parseCsv } from "../../src/core/csv";
import { readOfferInputs, DEFAULT_SCENARIOS, MORE_TERMS_DEFAULTS } from "../../src/core/inputs/offers";
import type { Offer, OfferTiers } from "../../src/core/inputs/types";
import { buildOfferComparison, OFFER_COMPARISON_SHEET } from "../../src/sheets/offer-comparison";
import { COMPARE_LABEL, COMPARED_HOURLY_LABEL, HOW_TEXT, LEVELS_TITLE, MATCH_COLUMNS, VOLUME_FIRST_HEADER } from "../../src/sheets/offer-levels";
import { writeXlsxFile } from "../../src/render/xlsx";
import { findErrors, readSheet, recalcWithLibreOffice } from "../helpers/libreoffice";
import { Grid } from "./sheet-grid";

const SAMPLES = path.resolve(__dirname, "../../samples");

const offer = (o: Partial<Offer> & { offer: string }): Offer => ({
  row: 2, baseSalary: 0, hourlyRate: 0, payPerUnit: 0, unit: "wrvu", unitsPerHour: 4, paidHoursPerWeek: 40, weeksPerYear: 50,
  unpaidHoursPerWeek: 10, noShowRate: 0, paidNoShowShare: 0, combine: "plus", advertisedAnnual: null, ...MORE_TERMS_DEFAULTS, ...o,
});

// The current job pays $200,000 for 50 × 50 = 2,500 hours: $80 an hour, the pay to match.
const OFFERS: Offer[] = [
  offer({ offer: "Current job", baseSalary: 200000, unit: "visit", unitsPerHour: 2 }),
  // 80 × 2,000 h = 160,000; production 110,000 ÷ $100 = 1,100 visits ÷ (40 × 50 × 0.8) = 0.6875 an hour.
  offer({ offer: "Plus per visit", baseSalary: 50000, payPerUnit: 100, unit: "visit", unitsPerHour: 2, unpaidHoursPerWeek: 0, noShowRate: 0.2 }),
  // 80 × 2,500 = 200,000 > the 120,000 hourly floor: 200,000 ÷ $50 = 4,000 ÷ 2,000 = 2 an hour.
  offer({ offer: "Greater of hourly", hourlyRate: 60, payPerUnit: 50, unit: "visit", unitsPerHour: 3, combine: "greater_of" }),
  // 100,000 of production: 3,000–5,000 at $40 pays 80,000, the rest at $60: 5,000 + 20,000 ÷ 60 = 5,333.3 wRVUs = 8/3 an hour.
  offer({ offer: "Marginal tiers", baseSalary: 100000 }),
  // 50,000 of production: the 6,000 tier's $60,000 is the first lump that reaches it, just above 6,000 wRVUs = 3 an hour.
  offer({ offer: "Flat bonus", baseSalary: 150000 }),
  // 80,000 of production: $15 a wRVU on all of them above 6,000 (5,333 would do, but the rate starts above 6,000) = 3 an hour.
  offer({ offer: "Cliff bonus", baseSalary: 120000 }),
  offer({ offer: "Nothing per unit", unit: "visit" }),
];
const TIERS = new Map<string, OfferTiers>([
  ["Marginal tiers", { method: "marginal", thresholds: [0, 3000, 5000], rates: [0, 40, 60] }],
  ["Flat bonus", { method: "flat", thresholds: [0, 4000, 6000], rates: [0, 30000, 60000] }],
  ["Cliff bonus", { method: "cliff", thresholds: [0, 6000], rates: [0, 15] }],
]);
const BY_HAND: Record<string, [number | "", string]> = {
  "Current job": [0, HOW_TEXT.guarantee],
  "Plus per visit": [0.6875, HOW_TEXT.volume],
  "Greater of hourly": [2, HOW_TEXT.volume],
  "Marginal tiers": [8 / 3, HOW_TEXT.volume],
  "Flat bonus": [3, HOW_TEXT.step],
  "Cliff bonus": [3, HOW_TEXT.step],
  "Nothing per unit": ["", HOW_TEXT.none],
};

let dir: string;
const grids: Record<string, Grid> = {};
const errors: string[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-offer-levels-"));
  const scenarios = DEFAULT_SCENARIOS.map((s) => ({ ...s }));
  const handFile = path.join(dir, "by-hand.xlsx");
  await writeXlsxFile([buildOfferComparison({ offers: OFFERS, tiers: TIERS, scenarios, source: "by hand", builtAt: new Date() }).plan], handFile);
  // The same workbook with "Greater of hourly" typed into Compare against, as a user would.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(handFile);
  const ws = wb.getWorksheet(OFFER_COMPARISON_SHEET)!;
  ws.eachRow((row) => row.eachCell((cell) => {
    if (cell.value === COMPARE_LABEL) ws.getCell(Number(cell.row), Number(cell.col) + 1).value = "greater of HOURLY";
  }));
  const typedFile = path.join(dir, "typed.xlsx");
  await wb.xlsx.writeFile(typedFile);
  const read = async (f: string) => parseCsv(await fs.readFile(path.join(SAMPLES, f), "utf8"), f);
  const samples = readOfferInputs({ offers: await read("offers.csv"), tiers: await read("tiers.csv") });
  const sampleFile = path.join(dir, "samples.xlsx");
  await writeXlsxFile([buildOfferComparison({ ...samples, source: "samples", builtAt: new Date() }).plan], sampleFile);
  const recalc = await recalcWithLibreOffice([handFile, typedFile, sampleFile], path.join(dir, "recalc"));
  for (const [i, name] of ["hand", "typed", "samples"].entries()) {
    grids[name] = new Grid(await readSheet(recalc[i], OFFER_COMPARISON_SHEET));
    errors.push(...(await findErrors(recalc[i])).map((e) => `${name}: ${e}`));
  }
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const byOffer = (g: Grid, headers: readonly string[]) => new Map(g.table(headers).map((r) => [r[0] as string, r]));
const col = (name: (typeof MATCH_COLUMNS)[number]) => MATCH_COLUMNS.indexOf(name);

test("no error value anywhere", () => {
  expect(errors).toEqual([]);
});

test("Units per hour to match, each offer solved by hand, as LibreOffice computes it", () => {
  const g = grids.hand;
  expect(g.figure(COMPARE_LABEL)).toBe("Current job");
  expect(g.figure(COMPARED_HOURLY_LABEL)).toBeCloseTo(80, 9);
  const rows = byOffer(g, MATCH_COLUMNS);
  for (const [name, [uph, how]] of Object.entries(BY_HAND)) {
    const r = rows.get(name)!;
    if (uph === "") expect([name, r[col("Units per hour to match")] ?? ""]).toEqual([name, ""]);
    else expect([name, r[col("Units per hour to match")]]).toEqual([name, expect.closeTo(uph, 9)]);
    expect([name, r[col("How it is reached")]]).toEqual([name, how]);
  }
  // Within the 1e-12 of the pay to match that the solver allows for rounding.
  expect(rows.get("Marginal tiers")![col("Annual units needed")]).toBeCloseTo(5000 + 20000 / 60, 6);
});

test("Effective $ per wRVU: expected pay ÷ annual wRVUs, blank for visit offers", () => {
  const rows = byOffer(grids.hand, MATCH_COLUMNS);
  // 8,000 wRVUs: 2,000 × $40 + 3,000 × $60 = 260,000 + the 100,000 base = 360,000 ÷ 8,000.
  expect(rows.get("Marginal tiers")![col("Effective $ per wRVU")]).toBeCloseTo(45, 9);
  expect(rows.get("Plus per visit")![col("Effective $ per wRVU")] ?? "").toBe("");
});

test("Effective hourly by productivity level: the bottom quartile of the marginal-tier offer by hand", () => {
  const levels = byOffer(grids.hand, ["Offer", "Bottom 25%", "Median", "Top 10%", "Marketing claim"]);
  // 8,000 × 0.72 = 5,760 wRVUs: 80,000 + 760 × 60 = 125,600 + 100,000 = 225,600 ÷ 2,500 h.
  expect(levels.get("Marginal tiers")![1]).toBeCloseTo(90.24, 9);
  expect(grids.hand.find(`${LEVELS_TITLE} (Units per hour × factor, first scenario)`)).toHaveLength(1);
});

test("Compare against typed over (another case): every answer follows the cell", () => {
  const g = grids.typed;
  // Greater of hourly pays max(120,000, 50 × 3 × 2,000 = 300,000) over 2,500 h: $120 an hour.
  expect(g.figure(COMPARED_HOURLY_LABEL)).toBeCloseTo(120, 9);
  const rows = byOffer(g, MATCH_COLUMNS);
  expect(rows.get("Greater of hourly")![col("Units per hour to match")]).toBeCloseTo(3, 9);
  // Plus per visit: 120 × 2,000 = 240,000 − 50,000 = 190,000 ÷ 100 = 1,900 ÷ 1,600.
  expect(rows.get("Plus per visit")![col("Units per hour to match")]).toBeCloseTo(1900 / 1600, 9);
});

test("the sample cliff offer just below and just above its 4,500 wRVU threshold", () => {
  const curve = grids.samples.table([VOLUME_FIRST_HEADER, "Telehealth per-visit", "Hybrid base + wRVU tiers", "Telehealth wRVU cliff"]);
  const at = (share: number) => curve.find((r) => Math.abs((r[0] as number) - share) < 1e-9)!;
  // Expected 2.9 × 38 × 46 × 0.88 = 4,460.896 wRVUs: under 4,500, the base alone.
  expect(at(1)[3]).toBeCloseTo(170000, 6);
  // 110%: 4,906.99 wRVUs, every one at $25.
  expect(at(1.1)[3]).toBeCloseTo(170000 + 25 * 4460.896 * 1.1, 6);
  const rows = byOffer(grids.samples, MATCH_COLUMNS);
  expect(rows.get("Telehealth wRVU cliff")![col("How it is reached")]).toBe(HOW_TEXT.step);
  expect(rows.get("Current salaried job")![col("How it is reached")]).toBe(HOW_TEXT.guarantee);
});
