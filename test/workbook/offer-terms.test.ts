/**
 * SPEC §2 "More offer columns" through the CLI into a LibreOffice-recalculated workbook (issue 22):
 * an offer per new column and one with all of them, worked by hand below; today's offers files
 * giving the figures recorded before the change (test/fixtures/inputs/offers-baseline.json); and
 * the properties on the recalculated sheet — a column written at its default changes no cell,
 * raising call pay never lowers Annual pay, and FTE changes only Annual pay at 1.0 FTE. Every
 * workbook is recalculated in ONE soffice run.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { buildEach } from "../helpers/cli-run";
import { findErrors, readSheet, recalcWithLibreOffice, type CellValue } from "../helpers/libreoffice";
import { OFFER_COMPARISON_SHEET, RESULT_COLUMNS, SUMMARY_COLUMNS } from "../../src/sheets/offer-comparison";
import { HOW_TEXT, MATCH_COLUMNS, VOLUME_FIRST_HEADER } from "../../src/sheets/offer-levels";
import { Grid } from "./sheet-grid";

const FIXTURES = path.resolve(__dirname, "../fixtures/inputs");
const SAMPLES = path.resolve(__dirname, "../../samples");
const REL = 1e-9;

const HEADER =
  "offer,base_salary,units_per_hour,paid_hours_per_week,unpaid_hours_per_week,combine,pay_per_unit," +
  "call_shifts_per_year,call_pay_per_shift,call_hours_worked_per_shift,quality_withhold,quality_earned,fte," +
  "signing_bonus,relocation,loan_repayment,tail_coverage,commitment_years,benefits_annual";

// Every offer starts from $200,000 base, 40 paid and 5 unpaid hours a week, 48 weeks (the default):
// (40 + 5) × 48 = 2,160 hours, $92.59 an hour. Blank cells take their defaults.
const BY_HAND: { row: string; offer: string; pay: number; hours: number; total: number; atFullFte: number }[] = [
  { row: "Plain,200000,2,40,5,,,,,,,,,,,,,,", offer: "Plain", pay: 200000, hours: 2160, total: 200000, atFullFte: 200000 },
  // 26 shifts × $1,200 = $31,200; 26 × 6 = 156 hours on call.
  { row: "Call shifts,200000,2,40,5,,,26,1200,6,,,,,,,,,", offer: "Call shifts", pay: 231200, hours: 2316, total: 231200, atFullFte: 231200 },
  // 52 × $1,200 = $62,400 with no hours counted.
  { row: "Call pay,200000,2,40,5,,,52,1200,,,,,,,,,,", offer: "Call pay", pay: 262400, hours: 2160, total: 262400, atFullFte: 262400 },
  // 52 × 6 = 312 unpaid hours on call.
  { row: "Call hours,200000,2,40,5,,,52,,6,,,,,,,,,", offer: "Call hours", pay: 200000, hours: 2472, total: 200000, atFullFte: 200000 },
  // A 5% withhold all earned back (quality_earned blank = 1) costs nothing.
  { row: "Withhold,200000,2,40,5,,,,,,5%,,,,,,,,", offer: "Withhold", pay: 200000, hours: 2160, total: 200000, atFullFte: 200000 },
  // 80% earned back: 200,000 × 0.05 × 0.2 = $2,000 kept.
  { row: "Withhold earned,200000,2,40,5,,,,,,0.05,80%,,,,,,,", offer: "Withhold earned", pay: 198000, hours: 2160, total: 198000, atFullFte: 198000 },
  // 200,000 ÷ 0.8.
  { row: "FTE,200000,2,40,5,,,,,,,,0.8,,,,,,", offer: "FTE", pay: 200000, hours: 2160, total: 200000, atFullFte: 250000 },
  { row: "Signing bonus,200000,2,40,5,,,,,,,,,30000,,,,,", offer: "Signing bonus", pay: 200000, hours: 2160, total: 230000, atFullFte: 200000 },
  { row: "Relocation,200000,2,40,5,,,,,,,,,,12000,,,,", offer: "Relocation", pay: 200000, hours: 2160, total: 212000, atFullFte: 200000 },
  { row: "Loan repayment,200000,2,40,5,,,,,,,,,,,40000,,,", offer: "Loan repayment", pay: 200000, hours: 2160, total: 240000, atFullFte: 200000 },
  // Tail the clinician pays: 200,000 − 25,000.
  { row: "Tail coverage,200000,2,40,5,,,,,,,,,,,,25000,,", offer: "Tail coverage", pay: 200000, hours: 2160, total: 175000, atFullFte: 200000 },
  // $30,000 over 3 years: $10,000 a year.
  { row: "Commitment years,200000,2,40,5,,,,,,,,,30000,,,,3,", offer: "Commitment years", pay: 200000, hours: 2160, total: 210000, atFullFte: 200000 },
  { row: "Benefits,200000,2,40,5,,,,,,,,,,,,,,28000", offer: "Benefits", pay: 200000, hours: 2160, total: 228000, atFullFte: 200000 },
  // Everything: 200,000 − 2,000 + 62,400 = 260,400 over 2,160 + 312 = 2,472 hours; + 30,000 benefits
  // + (25,000 + 10,000 + 45,000 − 20,000) ÷ 3 = 310,400 in total; 260,400 ÷ 0.8 = 325,500 at full time.
  { row: "All of them,200000,2,40,5,,,52,1200,6,0.05,0.8,0.8,25000,10000,45000,20000,3,30000", offer: "All of them", pay: 260400, hours: 2472, total: 310400, atFullFte: 325500 },
  // greater_of: MAX(100,000, 60 × 3 × 40 × 48 = 345,600) − 100,000 × 0.1 × 0.5 + 24 × 800 = 359,800 over 40 × 48 = 1,920 hours.
  { row: "Greater of with call,100000,3,40,0,greater_of,60,24,800,,0.1,0.5,,,,,,,", offer: "Greater of with call", pay: 359800, hours: 1920, total: 359800, atFullFte: 359800 },
];

/** The variety fixture with extra columns appended, each row given the same values. */
async function varietyWith(columns: string[], values: string[]): Promise<string> {
  const [head, ...rows] = (await fs.readFile(path.join(FIXTURES, "offers-variety.csv"), "utf8")).trim().split("\n");
  return [[head, ...columns].join(","), ...rows.map((r) => [r, ...values].join(","))].join("\n") + "\n";
}
const DEFAULTS: [string, string][] = [
  ["call_shifts_per_year", "0"], ["call_pay_per_shift", "0"], ["call_hours_worked_per_shift", "0"], ["quality_withhold", "0"], ["quality_earned", "1"], ["fte", "1"],
  ["signing_bonus", "0"], ["relocation", "0"], ["loan_repayment", "0"], ["tail_coverage", "0"], ["commitment_years", "1"], ["benefits_annual", "0"],
];

interface Built {
  grid: Grid;
  cells: Map<string, CellValue>;
  file: string;
}
const built: Record<string, Built> = {};
let dir: string;
let baseline: Record<string, { rows: { offer: string; scenario: string; annualPay: number; effectiveHourly: number; annualUnits: number; gapToAdvertised: number | null }[]; summary: { offer: string; expectedRank: number; worstScenario: string; worstEffectiveHourly: number }[]; levels: { offers: { offer: string; unitsPerHourToMatch: number | null; byLevel: number[]; curve: number[] }[] } }>;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-offer-terms-"));
  baseline = JSON.parse(await fs.readFile(path.join(FIXTURES, "offers-baseline.json"), "utf8"));
  // Files of one name in folders of their own, so the sheets' "Built … from" lines read alike.
  const put = async (folder: string, name: string, text: string) => {
    await fs.mkdir(path.join(dir, folder), { recursive: true });
    const f = path.join(dir, folder, name);
    await fs.writeFile(f, text);
    return f;
  };
  const tiersVariety = path.join(FIXTURES, "tiers-variety.csv");
  const variety = async (folder: string, columns: string[] = [], values: string[] = []) => ["--offers", await put(folder, "offers-variety.csv", await varietyWith(columns, values)), "--tiers", tiersVariety];
  const jobs: [string, string[]][] = [
    ["by-hand", ["--offers", await put("by-hand", "offers.csv", [HEADER, ...BY_HAND.map((o) => o.row)].join("\n") + "\n")]],
    // Today's files, for the figures recorded before the change.
    ["samples-before", ["--offers", path.join(FIXTURES, "offers-before-more-terms.csv"), "--tiers", path.join(SAMPLES, "tiers.csv")]],
    ["offers-good", ["--offers", path.join(FIXTURES, "offers-good.csv")]],
    ["offers-variety", await variety("plain")],
    // The properties.
    ["variety-defaults", await variety("defaults", DEFAULTS.map(([c]) => c), DEFAULTS.map(([, v]) => v))],
    ...[0, 500, 900].map((pay): [string, string[]] => [`variety-call-${pay}`, []]),
    ["variety-fte", await variety("fte", ["fte"], ["0.7"])],
  ];
  for (const pay of [0, 500, 900]) jobs.find(([n]) => n === `variety-call-${pay}`)![1] = await variety(`call-${pay}`, ["call_shifts_per_year", "call_pay_per_shift", "call_hours_worked_per_shift"], ["30", String(pay), "4"]);
  const { files } = await buildEach("offers", jobs, dir);
  const recalculated = await recalcWithLibreOffice(files, path.join(dir, "recalculated"));
  for (const [k, [name]] of jobs.entries()) {
    const cells = await readSheet(recalculated[k], OFFER_COMPARISON_SHEET);
    built[name] = { grid: new Grid(cells), cells, file: recalculated[k] };
  }
}, 300000);

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const close = (a: CellValue, b: number) => typeof a === "number" && Math.abs(a - b) <= REL * Math.max(1, Math.abs(b));
const col = (name: (typeof RESULT_COLUMNS)[number]) => RESULT_COLUMNS.indexOf(name);

/** Each offer's first-scenario results row, by offer name. */
function expectedRows(b: Built): Map<string, CellValue[]> {
  return new Map(b.grid.table(RESULT_COLUMNS).filter((r) => r[1] === "Expected").map((r) => [String(r[0]), r]));
}

test("no error value in any workbook", async () => {
  for (const [name, b] of Object.entries(built)) expect({ name, errors: await findErrors(b.file) }).toEqual({ name, errors: [] });
});

test.each(BY_HAND.map((o) => [o.offer, o] as const))("%s, worked by hand, as LibreOffice computes it", (offer, o) => {
  const b = built["by-hand"];
  const r = expectedRows(b).get(offer)!;
  const got = {
    pay: r[col("Annual pay")],
    hours: r[col("Hours per year")],
    hourly: r[col("Effective hourly")],
    total: r[col("Total compensation")],
    totalHourly: r[col("Total effective hourly")],
    atFullFte: b.grid.table(SUMMARY_COLUMNS).find((s) => s[0] === offer)![5],
  };
  const want = { pay: o.pay, hours: o.hours, hourly: o.pay / o.hours, total: o.total, totalHourly: o.total / o.hours, atFullFte: o.atFullFte };
  for (const k of Object.keys(want) as (keyof typeof want)[]) expect({ offer, k, ok: close(got[k], want[k]), got: got[k] }).toEqual({ offer, k, ok: true, got: got[k] });
});

test("units per hour to match counts call pay and the withhold, by hand", () => {
  const match = new Map(built["by-hand"].grid.table(MATCH_COLUMNS).map((r) => [String(r[0]), r]));
  const how = (offer: string) => match.get(offer)![MATCH_COLUMNS.indexOf("How it is reached")];
  // Compared with the first offer, Plain: $200,000 ÷ 2,160 hours.
  const target = 200000 / 2160;
  // $62,400 of call pay comes whatever the volume: the guarantee alone reaches 92.59 × 2,160 = 200,000.
  expect(how("Call pay")).toBe(HOW_TEXT.guarantee);
  // 312 hours on call raise the pay to match to 92.59 × 2,472 = 228,889, above the guarantee, with nothing paid per unit.
  expect(how("Call hours")).toBe(HOW_TEXT.none);
  // The $2,000 withhold kept back leaves the $200,000 guarantee short of the same hours' 200,000.
  expect(how("Withhold earned")).toBe(HOW_TEXT.none);
  // greater_of: production alone must reach 92.59 × 1,920 − (19,200 − 5,000), at $60 a visit, over 40 × 48 visit-hours.
  const g = match.get("Greater of with call")!;
  expect(g[MATCH_COLUMNS.indexOf("Call pay less withhold")]).toBe(14200);
  expect(close(g[MATCH_COLUMNS.indexOf("Units per hour to match")], ((target * 1920 * (1 - 1e-12) - 14200) / 60) / 1920)).toBe(true);
  expect(how("Greater of with call")).toBe(HOW_TEXT.volume);
});

test.each([
  ["samples", "samples-before"],
  ["offers-good", "offers-good"],
  ["offers-variety", "offers-variety"],
])("%s: the recalculated figures are the ones recorded before the change", (label, name) => {
  const b = built[name];
  const base = baseline[label];
  const bad: string[] = [];
  const check = (what: string, got: CellValue | undefined, want: number | string | null) => {
    const ok = typeof want === "number" ? close(got ?? null, want) : want === null ? got === null || got === "" || got === undefined : got === want;
    if (!ok) bad.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  const results = b.grid.table(RESULT_COLUMNS);
  expect(results).toHaveLength(base.rows.length);
  base.rows.forEach((w, k) => {
    const r = results[k];
    check(`${w.offer}/${w.scenario} offer`, r[0], w.offer);
    check(`${w.offer}/${w.scenario} annual pay`, r[col("Annual pay")], w.annualPay);
    check(`${w.offer}/${w.scenario} effective hourly`, r[col("Effective hourly")], w.effectiveHourly);
    check(`${w.offer}/${w.scenario} annual units`, r[col("Annual units")], w.annualUnits);
    check(`${w.offer}/${w.scenario} gap`, r[col("Gap to advertised")], w.gapToAdvertised);
  });
  const summary = b.grid.table(SUMMARY_COLUMNS);
  base.summary.forEach((w, i) => {
    check(`${w.offer} rank`, summary[i][1], w.expectedRank);
    check(`${w.offer} worst`, summary[i][2], w.worstScenario);
    check(`${w.offer} worst hourly`, summary[i][3], w.worstEffectiveHourly);
  });
  const match = b.grid.table(MATCH_COLUMNS);
  const levels = b.grid.table(["Offer", "Bottom 25%", "Median", "Top 10%", "Marketing claim"]);
  const volume = b.grid.table([VOLUME_FIRST_HEADER, ...base.levels.offers.map((o) => o.offer)]);
  base.levels.offers.forEach((w, i) => {
    check(`${w.offer} units per hour to match`, match[i][MATCH_COLUMNS.indexOf("Units per hour to match")], w.unitsPerHourToMatch);
    w.byLevel.forEach((v, j) => check(`${w.offer} level ${j}`, levels[i][1 + j], v));
    w.curve.forEach((v, k) => check(`${w.offer} volume ${k}`, volume[k][1 + i], v));
  });
  expect(bad).toEqual([]);
});

/** The addresses where two recalculated sheets differ, the "Built … from" line aside. */
function differences(a: Built, b: Built): string[] {
  const out: string[] = [];
  for (const addr of new Set([...a.cells.keys(), ...b.cells.keys()])) {
    if (addr === "A2") continue;
    const x = a.cells.get(addr) ?? null;
    const y = b.cells.get(addr) ?? null;
    if (x !== y) out.push(addr);
  }
  return out.sort();
}

test("property: the more columns written at their defaults change no cell of the sheet", () => {
  expect(built["variety-defaults"].cells.size).toBeGreaterThan(500);
  expect(differences(built["offers-variety"], built["variety-defaults"])).toEqual([]);
});

test("property: raising call pay never lowers Annual pay, in any scenario", () => {
  const pays = [0, 500, 900].map((p) => built[`variety-call-${p}`].grid.table(RESULT_COLUMNS).map((r) => r[col("Annual pay")] as number));
  expect(pays[0].length).toBe(8 * 5);
  for (let k = 0; k < pays[0].length; k++) {
    // 30 shifts × $500 more, then × $400 more: exactly that much, whatever the offer's combine and tiers.
    expect(close(pays[1][k], pays[0][k] + 15000)).toBe(true);
    expect(close(pays[2][k], pays[1][k] + 12000)).toBe(true);
  }
});

test("property: FTE changes only Annual pay at 1.0 FTE (and the FTE cells typed)", () => {
  const a = built["offers-variety"];
  const b = built["variety-fte"];
  const changed = differences(a, b);
  const summary = b.grid.find(SUMMARY_COLUMNS[5]);
  const fteHeader = b.grid.find("FTE");
  expect(summary).toHaveLength(1);
  expect(fteHeader).toHaveLength(1);
  const colLetter = (c: number) => String.fromCharCode(65 + c);
  const expected = [
    ...Array.from({ length: 8 }, (_, i) => `${colLetter(fteHeader[0][1])}${fteHeader[0][0] + 2 + i}`),
    ...Array.from({ length: 8 }, (_, i) => `${colLetter(summary[0][1])}${summary[0][0] + 2 + i}`),
  ].sort();
  expect(changed).toEqual(expected);
  // Each offer's pay at 1.0 FTE is its pay ÷ 0.7.
  const pays = expectedRows(b);
  for (const s of b.grid.table(SUMMARY_COLUMNS)) expect(close(s[5], (pays.get(String(s[0]))![col("Annual pay")] as number) / 0.7)).toBe(true);
});
