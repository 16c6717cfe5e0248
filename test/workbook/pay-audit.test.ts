/**
 * The Pay Audit sheet (SPEC §3) through `clinpay audit`, recalculated in LibreOffice: a record and
 * a statement with each kind of discrepancy planted, every figure and every Discrepancies row
 * worked by hand; the same audit at --rvu-year 2025 and 2026; their statement's RVU year on
 * statements at 2025 values, at 2026 values, tied and mixed. Work RVUs from ../shared/reference
 * (cms-pfs-2025/2026-rvu.csv): 99212 0.70, 99213 1.30, 99214 1.92, 99215 2.80, G2211 0.33 both
 * years; 20610 0.79 / 0.77, 27447 19.60 / 19.11, 11102 0.66 / 0.64.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { buildEach } from "../helpers/cli-run";
import { findErrors, readSheet, recalcWithLibreOffice, type CellValue } from "../helpers/libreoffice";
import { Grid, Mismatches, compareCached } from "./sheet-grid";
import { AUDIT_LABELS as L, AUDIT_SHEET_NAME, AUDIT_TABLES as T } from "../../src/sheets/pay-audit";
import { THEIR_HEADERS, myHeaders } from "../../src/sheets/pay-audit-data";
import { ymdToSerial } from "../../src/core/dates";

// My record: an appointment log. Row 4 is a no-show (left out).
const RECORD = [
  "Visit Date,CSN,Status,CPT,Units",
  '2025-12-30,1001,Completed,"99213-25, 20610",', // row 2: a 2025 service, 1.30 + 0.79 = 2.09
  '2026-01-05,1002,Completed,"99214, G2211",', //    row 3: 2.25; their G2211 is dropped
  "2026-01-05,1003,No Show,,", //                      row 4
  "2026-01-06,1004,Completed,99214,", //               row 5: missing from their statement
  "2026-01-07,1005,Completed,27447,", //               row 6: 19.11 in 2026; they credit 2025's 19.60
  "2026-01-08,1006,Completed,20610,2", //              row 7: 2 × 0.77 = 1.54; they credit one unit
  "2026-01-09,1007,Completed,99215,", //               row 8: they bill 99214, void it, rebill 99215
  '2026-01-12,1008,Completed,"99213, G2211",', //     row 9: on their statement a day later, G2211 on its own line
  "2026-01-13,1009,Completed,99212,", //               row 10
].join("\n");

// Their statement: title rows, a blank row, the header on row 4, a total at the foot.
const STATEMENT = [
  "Northside Physicians Group,,,,,",
  "wRVU Statement - service dates 12/29/2025 to 01/16/2026,,,,,",
  ",,,,,",
  "Service Date,Encounter Number,CPT Code,Modifier,Units,Work RVUs",
  "12/30/2025,1001,99213,25,1,1.30", //  row 5
  "12/30/2025,1001,20610,,1,0.79", //    row 6
  "01/05/2026,1002,99214,,1,1.92", //    row 7
  "01/07/2026,1005,27447,,1,19.60", //   row 8
  "01/08/2026,1006,20610,,1,0.77", //    row 9
  "01/09/2026,1007,99214,,1,1.92", //    row 10
  "01/09/2026,1007,99214,,-1,-1.92", //  row 11: the void of row 10
  "01/09/2026,1007,99215,,1,2.80", //    row 12: the rebill
  "01/13/2026,1008,99213,,1,1.30", //    row 13: a day after my record's date
  "01/13/2026,1008,G2211,,1,0.33", //    row 14
  "01/13/2026,1009,99212,,1,0.70", //    row 15
  "01/14/2026,1010,99213,,1,1.30", //    row 16: on their statement only
  "Total,,,,,30.81",
].join("\n");

const day = (m: number, d: number, y = 2026) => ymdToSerial(y, m, d);

// Each service's expected wRVU (blank RVU year: 2025 for row 2, 2026 for the rest) and credited.
//   row 2: 2.09 / 2.09; row 3: 2.25 / 1.92 (+0.33); row 5: 1.92 / missing; row 6: 19.11 / 19.60 (−0.49);
//   row 7: 1.54 / 0.77 (+0.77); row 8: 2.80 / 2.80; row 9: 1.63 / 1.63; row 10: 0.70 / 0.70.
// Matched services credited at 2025 values: rows 2, 6, 8, 9, 10 (5); at 2026 values: rows 8, 9, 10 (3).
const OWN = {
  [L.servicesMine]: 8,
  [L.servicesTheirs]: 10, // 12 lines less the void pair
  [L.matched]: 7,
  [L.missing]: 1,
  [L.wrvusMissing]: 1.92,
  [L.creditedDifferently]: 3,
  [L.shortfall]: 0.33 - 0.49 + 0.77, // 0.61
  [L.statementOnly]: 1,
  [L.wrvusStatementOnly]: 1.3,
  [L.wrvusOwed]: 1.92 + 0.61,
  [L.dollarsOwed]: (1.92 + 0.61) * 52,
  [L.theirYear]: 2025,
  [L.shareAtYear]: 5 / 7,
  [L.recordDays]: 15,
  [L.dollarsOwedPerYear]: ((1.92 + 0.61) * 52 * 365) / 15,
};
const OWN_ROWS: CellValue[][] = [
  [day(1, 5), "99214, G2211", "credited differently", 2.25, 1.92, 0.33, 3, 7],
  [day(1, 6), "99214", "missing", 1.92, null, 1.92, 5, null],
  [day(1, 7), "27447", "credited differently", 19.11, 19.6, -0.49, 6, 8],
  [day(1, 8), "20610", "credited differently", 1.54, 0.77, 0.77, 7, 9],
  [day(1, 14), "99213", "statement only", null, 1.3, -1.3, null, 16],
];
const OWN_CODES: CellValue[][] = [
  ["99214", 1, 1.92, 1, 0.33],
  ["20610", 0, 0, 1, 0.77],
  ["99212", 0, 0, 0, 0],
  ["99213", 0, 0, 0, 0],
  ["99215", 0, 0, 0, 0],
  ["27447", 0, 0, 1, -0.49],
];

// --rvu-year 2025: row 6 is 19.60 (as credited), row 7 2 × 0.79 = 1.58 (+0.81).
const AT_2025 = { credited: 2, shortfall: 0.33 + 0.81, owed: 1.92 + 0.33 + 0.81 };
// --rvu-year 2026: row 2 is 1.30 + 0.77 = 2.07 (−0.02 against 2.09 credited), rows 3, 6, 7 as above.
const AT_2026 = { credited: 4, shortfall: -0.02 + 0.33 - 0.49 + 0.77, owed: 1.92 - 0.02 + 0.33 - 0.49 + 0.77 };

// Their statement's RVU year: four 2026 services against four statements.
const YEAR_RECORD = ["Date,Encounter ID,Status,Code", "2026-02-02,1,completed,20610", "2026-02-03,2,completed,27447", "2026-02-04,3,completed,11102", "2026-02-05,4,completed,99214"].join("\n");
const yearStatement = (w: number[]) => ["Date of Service,Encounter ID,CPT,Units,wRVU", ...["2026-02-02,1,20610", "2026-02-03,2,27447", "2026-02-04,3,11102", "2026-02-05,4,99214"].map((l, i) => `${l},1,${w[i].toFixed(2)}`)].join("\n");
const YEAR_CASES: { name: string; w: number[]; year: number; counts: [number, number] }[] = [
  { name: "on-2025", w: [0.79, 19.6, 0.66, 1.92], year: 2025, counts: [4, 1] },
  { name: "on-2026", w: [0.77, 19.11, 0.64, 1.92], year: 2026, counts: [1, 4] },
  // Only the E/M visit is credited at a table value, the same in both years: a tie, the later year.
  { name: "tie", w: [0.5, 5, 0.1, 1.92], year: 2026, counts: [1, 1] },
  // Two procedures at 2025's values, one at 2026's, the E/M at both.
  { name: "mixed", w: [0.79, 19.11, 0.66, 1.92], year: 2025, counts: [3, 2] },
];

let dir: string;
const grids: Record<string, Grid> = {};
let ownData: Grid;
const summaries: Record<string, string> = {};
const errors: string[] = [];
const stale: string[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-audit-"));
  const file = async (name: string, text: string) => {
    const f = path.join(dir, name);
    await fs.writeFile(f, text);
    return f;
  };
  const mine = await file("my-record.csv", RECORD);
  const theirs = await file("their-statement.csv", STATEMENT);
  const yearMine = await file("year-record.csv", YEAR_RECORD);
  const jobs: [string, string[]][] = [
    // $52 a wRVU: 2.53 × 50 is a half dollar, which Excel and LibreOffice round apart.
    ["own", ["--mine", mine, "--statement", theirs, "--dollars-per-wrvu", "52"]],
    ["at-2025", ["--mine", mine, "--statement", theirs, "--rvu-year", "2025"]],
    ["at-2026", ["--mine", mine, "--statement", theirs, "--rvu-year", "2026", "--dollars-per-wrvu", "60"]],
  ];
  for (const c of YEAR_CASES) jobs.push([c.name, ["--mine", yearMine, "--statement", await file(`${c.name}.csv`, yearStatement(c.w))]]);
  const built = await buildEach("audit", jobs, dir);
  Object.assign(summaries, built.summaries);
  const recalc = await recalcWithLibreOffice(built.files, path.join(dir, "recalc"));
  ownData = new Grid(await readSheet(recalc[0], `${AUDIT_SHEET_NAME} data`));
  for (const [i, [name]] of jobs.entries()) {
    grids[name] = new Grid(await readSheet(recalc[i], AUDIT_SHEET_NAME));
    errors.push(...(await findErrors(recalc[i])).map((e) => `${name}: ${e}`));
    stale.push(...(await compareCached(built.files[i], recalc[i], [AUDIT_SHEET_NAME, `${AUDIT_SHEET_NAME} data`])));
  }
}, 300_000);

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test("no cell is an error, and every cached value is what LibreOffice computes", () => {
  expect(errors).toEqual([]);
  expect(stale).toEqual([]);
});

describe("the planted audit, each service at its own year's values", () => {
  test("every figure, worked by hand", () => {
    const g = grids.own;
    const mm = new Mismatches();
    for (const [label, want] of Object.entries(OWN)) mm.check(label, g.figure(label), want);
    mm.check(L.recordDates, g.figure(L.recordDates), "2025-12-30 to 2026-01-13");
    mm.check(L.rvuYear, g.figure(L.rvuYear), null);
    expect(mm.lines).toEqual([]);
  });

  test("every Discrepancies row, by date, with both rows", () => {
    const mm = new Mismatches();
    mm.rows("Discrepancies", grids.own.table(T.discrepancies), OWN_ROWS);
    expect(mm.lines).toEqual([]);
  });

  test("By code, owing most first, and their RVU year by year", () => {
    const mm = new Mismatches();
    mm.rows("By code", grids.own.table(T.byCode), OWN_CODES);
    mm.rows("years", grids.own.table(T.years), [[2025, 5], [2026, 3]]);
    expect(mm.lines).toEqual([]);
  });

  test("the Bottom line says what is owed, what is missing and the year their statement uses", () => {
    const g = grids.own;
    const [r, c] = g.find("Bottom line", 0)[0];
    expect(g.at(r, c + 1)).toBe(
      "They owe you 2.53 wRVUs ($132): 1 service missing from their statement (1.92 wRVUs), 3 credited differently (shortfall 0.61 wRVUs). Their statement credits at 2025 values (5 of 7 matched services). 1 line on their statement only (1.30 wRVUs) to review."
    );
  });

  test("the CLI summary lists the discrepancies and says how services were matched", () => {
    const s = summaries.own;
    expect(s).toMatch(/8 in my-record\.csv, 10 on their-statement\.csv \(net of voids\); 7 matched by encounter id and code/);
    expect(s).toMatch(/wRVUs owed 2\.53 = \$132 at \$52\.00 per wRVU$/m);
    expect(summaries["at-2025"]).toMatch(/wRVUs owed 3\.06 = \$153 at \$50\.00 per wRVU \(ClinPay's default/);
    expect(s).toMatch(/Their statement's RVU year: 2025 \(5 of 7 matched services at 2025 values; 3 of 7 matched services at 2026 values\)/);
    expect(s).toMatch(/2026-01-07 +27447 +credited differently +19\.11 +19\.60 +-0\.49 +6 +8/);
    expect(s).toMatch(/The header is row 4: 2 rows above it/);
    expect(s).toMatch(/1 total row/);
  });
});

test("the data sheet shows the pairing row by row: each line its partner, each void the line it nets into", () => {
  const their = ownData.table(THEIR_HEADERS);
  // Date, Code, Modifiers, Units, wRVU, Provider, Source row, Encounter, Void of row, Net wRVU, My row.
  const cols = (r: CellValue[]) => [r[1], r[4], r[6], r[7], r[8], r[9], r[10]];
  const mm = new Mismatches();
  mm.rows("their lines", their.map(cols), [
    ["99213", 1.3, 5, "1001", null, 1.3, 2],
    ["20610", 0.79, 6, "1001", null, 0.79, 2],
    ["99214", 1.92, 7, "1002", null, 1.92, 3],
    ["27447", 19.6, 8, "1005", null, 19.6, 6],
    ["20610", 0.77, 9, "1006", null, 0.77, 7],
    ["99214", 1.92, 10, "1007", null, null, null], // netted to 0 by its void: off the statement
    ["99214", -1.92, 11, "1007", 10, null, null],
    ["99215", 2.8, 12, "1007", null, 2.8, 8],
    ["99213", 1.3, 13, "1008", null, 1.3, 9],
    ["G2211", 0.33, 14, "1008", null, 0.33, 9],
    ["99212", 0.7, 15, "1009", null, 0.7, 10],
    ["99213", 1.3, 16, "1010", null, 1.3, null],
  ]);
  // Code, Add-on code, Encounter, wRVU at 2025 and 2026 values, RVU year, Expected, Their rows, Credited, Difference.
  const mine = ownData.table(myHeaders([2025, 2026], 1)).map((r) => [r[1], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]]);
  mm.rows("my services", mine, [
    ["99213", "20610", "1001", 2.09, 2.07, 2025, 2.09, "5, 6", 2.09, 0],
    ["99214", "G2211", "1002", 2.25, 2.25, 2026, 2.25, 7, 1.92, 0.33],
    ["99214", null, "1004", 1.92, 1.92, 2026, 1.92, null, null, 1.92],
    ["27447", null, "1005", 19.6, 19.11, 2026, 19.11, 8, 19.6, -0.49],
    ["20610", null, "1006", 1.58, 1.54, 2026, 1.54, 9, 0.77, 0.77],
    ["99215", null, "1007", 2.8, 2.8, 2026, 2.8, 12, 2.8, 0],
    ["99213", "G2211", "1008", 1.63, 1.63, 2026, 1.63, "13, 14", 1.63, 0],
    ["99212", null, "1009", 0.7, 0.7, 2026, 0.7, 15, 0.7, 0],
  ]);
  expect(mm.lines).toEqual([]);
});

describe("the same audit at a pinned RVU year", () => {
  test("--rvu-year 2025: every service at 2025's values", () => {
    const g = grids["at-2025"];
    const mm = new Mismatches();
    mm.check(L.rvuYear, g.figure(L.rvuYear), 2025);
    mm.check(L.creditedDifferently, g.figure(L.creditedDifferently), AT_2025.credited);
    mm.check(L.shortfall, g.figure(L.shortfall), AT_2025.shortfall);
    mm.check(L.wrvusOwed, g.figure(L.wrvusOwed), AT_2025.owed);
    mm.check(L.dollarsOwed, g.figure(L.dollarsOwed), AT_2025.owed * 50);
    mm.check(L.theirYear, g.figure(L.theirYear), 2025);
    expect(mm.lines).toEqual([]);
  });

  test("--rvu-year 2026: every service at 2026's values, at $60 a wRVU", () => {
    const g = grids["at-2026"];
    const mm = new Mismatches();
    mm.check(L.creditedDifferently, g.figure(L.creditedDifferently), AT_2026.credited);
    mm.check(L.shortfall, g.figure(L.shortfall), AT_2026.shortfall);
    mm.check(L.wrvusOwed, g.figure(L.wrvusOwed), AT_2026.owed);
    mm.check(L.dollarsOwed, g.figure(L.dollarsOwed), AT_2026.owed * 60);
    // The year their statement uses does not depend on the year the record is priced at.
    mm.check(L.theirYear, g.figure(L.theirYear), 2025);
    mm.rows("Discrepancies", g.table(T.discrepancies).slice(0, 1), [[day(12, 30, 2025), "99213, 20610", "credited differently", 2.07, 2.09, -0.02, 2, 5]]);
    expect(mm.lines).toEqual([]);
  });
});

describe.each(YEAR_CASES)("their statement's RVU year: $name", ({ name, year, counts }) => {
  test("the year, its share of matched services and each year's count", () => {
    const g = grids[name];
    const mm = new Mismatches();
    mm.check(L.theirYear, g.figure(L.theirYear), year);
    mm.check(L.shareAtYear, g.figure(L.shareAtYear), Math.max(...counts) / 4);
    mm.rows("years", g.table(T.years), [[2025, counts[0]], [2026, counts[1]]]);
    expect(mm.lines).toEqual([]);
  });
});
