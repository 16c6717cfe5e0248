/**
 * Pay Audit's pairing and figures (SPEC §3), worked by hand on a record and a statement with each
 * kind of discrepancy planted. Work RVUs typed from ../shared/reference (2025 October and 2026 July
 * releases): 99213 1.30, 99214 1.92, G2211 0.33 both years; 20610 0.79 → 0.77; 27447 19.60 → 19.11.
 */
import { encounterKey, netMyVoids, netVoids, payAudit, serviceYear, type AuditService, type WorkRvu } from "../../../src/core/pay-audit";

const RVU: Record<string, [number, number]> = {
  "99213": [1.3, 1.3],
  "99214": [1.92, 1.92],
  G2211: [0.33, 0.33],
  "20610": [0.79, 0.77],
  "27447": [19.6, 19.11],
};
const work: WorkRvu = (key, year) => RVU[key]?.[year - 2025];
const years = [2025, 2026];
const opts = { years, tolerance: 0.005, dollarsPerWrvu: 50 };

const FEB = 46054; // 2026-02-01
const svc = (row: number, day: number, codes: string[], o: Partial<AuditService> = {}): AuditService => ({
  row,
  date: FEB + day - 1,
  codes: codes.map((c) => ({ key: c, code: c })),
  units: 1,
  wrvu: null,
  ...o,
});
const line = (row: number, day: number, code: string, wrvu: number, enc: string): AuditService => svc(row, day, [code], { wrvu, encounterId: enc });

const MINE = [
  svc(2, 2, ["99214", "G2211"], { encounterId: "E1" }), // credited on two lines: fine
  svc(3, 2, ["20610"], { encounterId: "E2" }), // fine at 2026's 0.77
  svc(4, 3, ["99213"], { encounterId: "E3" }), // missing
  svc(5, 4, ["99214", "G2211"], { encounterId: "E4" }), // add-on dropped: short 0.33
  svc(6, 5, ["20610"], { encounterId: "E5" }), // credited at 2025's 0.79: 0.02 over
  svc(7, 6, ["20610"], { encounterId: "E6", units: 2 }), // a unit mistake: 1.54 expected, 0.77 credited
  svc(8, 9, ["99214"], { encounterId: "E7" }), // their line is dated a day later: same encounter
  svc(9, 11, ["27447"], { encounterId: "E8" }), // voided and rebilled
];
const THEIRS = [
  line(2, 2, "99214", 1.92, "E1"),
  line(3, 2, "G2211", 0.33, "E1"),
  line(4, 2, "20610", 0.77, "E2"),
  line(5, 4, "99214", 1.92, "E4"),
  line(6, 5, "20610", 0.79, "E5"),
  line(7, 6, "20610", 0.77, "E6"),
  line(8, 10, "99214", 1.92, "E7"),
  line(9, 11, "27447", 19.11, "E8"),
  line(10, 12, "27447", -19.11, "E8"),
  line(11, 12, "27447", 19.11, "E8"),
  line(12, 13, "99213", 1.3, "E9"), // statement only
];

describe("the planted audit", () => {
  const a = payAudit(MINE, THEIRS, work, opts);

  test("voids net with the line they void; the pair leaves the statement", () => {
    expect(a.netted.voids).toEqual([{ row: 10, into: 9 }]);
    expect(a.netted.removed.sort()).toEqual([10, 9].sort());
    expect(a.byEncounter).toBe(true);
  });

  test("counts", () => {
    expect(a.servicesMine).toBe(8);
    expect(a.servicesTheirs).toBe(9); // 11 lines less the void pair
    expect(a.matched).toBe(7);
    expect(a.missing).toBe(1);
    expect(a.creditedDifferently).toBe(3);
    expect(a.statementOnlyCount).toBe(1);
  });

  test("wRVUs and dollars", () => {
    expect(a.wrvusMissing).toBeCloseTo(1.3, 9);
    expect(a.shortfall).toBeCloseTo(0.33 - 0.02 + 0.77, 9); // 1.08
    expect(a.wrvusStatementOnly).toBeCloseTo(1.3, 9);
    expect(a.wrvusOwed).toBeCloseTo(2.38, 9);
    expect(a.dollarsOwed).toBeCloseTo(119, 9);
  });

  test("their RVU year: 4 of 7 matched services at 2026's values, 3 at 2025's", () => {
    expect(a.matchesByYear).toEqual([{ year: 2025, count: 3 }, { year: 2026, count: 4 }]);
    expect(a.theirYear).toBe(2026);
    expect(a.shareAtTheirYear).toBeCloseTo(4 / 7, 12);
  });

  test("discrepancies by date, each with both rows", () => {
    expect(a.discrepancies.map((d) => [d.kind, d.code, d.myRow, d.theirRow, +d.difference.toFixed(4)])).toEqual([
      ["missing", "99213", 4, null, 1.3],
      ["credited differently", "99214", 5, 5, 0.33],
      ["credited differently", "20610", 6, 6, -0.02],
      ["credited differently", "20610", 7, 7, 0.77],
      ["statement only", "99213", null, 12, -1.3],
    ]);
  });

  test("by code", () => {
    const row = (code: string) => a.byCode.find((c) => c.code === code)!;
    expect(row("20610")).toMatchObject({ missing: 0, creditedDifferently: 2 });
    expect(row("20610").shortfall).toBeCloseTo(0.75, 9); // 0 − 0.02 + 0.77
    expect(row("99213")).toMatchObject({ missing: 1, wrvusMissing: 1.3, creditedDifferently: 0, shortfall: 0 });
  });
});

describe("without encounter ids, services pair by date and code", () => {
  const strip = (s: AuditService) => ({ ...s, encounterId: undefined });
  const a = payAudit(MINE.map(strip), THEIRS.map(strip), work, opts);
  test("the service dated a day apart is missing, and their line statement-only", () => {
    expect(a.byEncounter).toBe(false);
    expect(a.discrepancies.filter((d) => d.code === "99214" && d.kind !== "credited differently").map((d) => [d.kind, d.myRow, d.theirRow])).toEqual([
      ["missing", 8, null],
      ["statement only", null, 8],
    ]);
  });
  test("the void still nets by date: its own date differs, so it finds no line and stays on the statement", () => {
    // The void (day 12) and the charge (day 11) share no date: nothing nets, as the SPEC's rule says.
    expect(a.netted.voids).toEqual([]);
  });
});

describe("their statement's RVU year", () => {
  const mine = [svc(2, 2, ["20610"]), svc(3, 3, ["27447"]), svc(4, 4, ["99214"])];
  const stmt = (w: number[]) => mine.map((m, i) => ({ ...m, wrvu: w[i] }));
  test.each([
    ["on 2025 values", [0.79, 19.6, 1.92], 2025, 1],
    ["on 2026 values", [0.77, 19.11, 1.92], 2026, 1],
    ["a tie (only E/M, unchanged): the later year", [0.5, 5, 1.92], 2026, 1 / 3],
    ["mixed: one procedure at each year's value; 99214 in both", [0.79, 19.11, 1.92], 2026, 2 / 3],
  ])("%s", (_name, w, year, share) => {
    const a = payAudit(mine, stmt(w), work, opts);
    expect(a.theirYear).toBe(year);
    expect(a.shareAtTheirYear).toBeCloseTo(share, 12);
  });
});

test("a pinned RVU year prices every service in it", () => {
  const a = payAudit([svc(2, 2, ["20610"])], [svc(2, 2, ["20610"], { wrvu: 0.79 })], work, { ...opts, rvuYear: 2025 });
  expect(a.pairs[0].year).toBe(2025);
  expect(a.creditedDifferently).toBe(0);
});

test("service year: the latest table year at or before it, the earliest for older services", () => {
  expect(serviceYear(2026, years)).toBe(2026);
  expect(serviceYear(2027, years)).toBe(2026);
  expect(serviceYear(2025, years)).toBe(2025);
  expect(serviceYear(2024, years)).toBe(2025);
  expect(serviceYear(2026, years, 2025)).toBe(2025);
});

test("a partial void leaves the line with its net wRVU", () => {
  const n = netVoids([line(2, 1, "20610", 1.54, "E"), line(3, 2, "20610", -0.77, "E")], true);
  expect(n.lines).toHaveLength(1);
  expect(n.lines[0].net).toBeCloseTo(0.77, 12);
  expect(n.removed).toEqual([]);
});

test("a code the table lacks counts 0 and is listed", () => {
  const a = payAudit([svc(2, 2, ["99999"]), svc(3, 2, ["99214", "99999"])], [], work, opts);
  expect(a.wrvusMissing).toBeCloseTo(1.92, 12);
  expect(a.unpriced).toEqual([{ key: "99999", count: 2 }]);
});

describe("matching by encounter only when the two files' ids agree", () => {
  test("ids from two numbering systems (none shared): by date and code, and the day-apart service is missing", () => {
    const renumbered = THEIRS.map((l) => ({ ...l, encounterId: `X${l.encounterId}` }));
    const a = payAudit(MINE, renumbered, work, opts);
    expect(a.byEncounter).toBe(false);
    expect(a.ids).toMatchObject({ bothHaveIds: true, shared: 0, mineWithId: 8 });
    expect(a.discrepancies.some((d) => d.kind === "missing" && d.myRow === 8)).toBe(true);
  });
  test("a line without an id meets only services without one, on its date", () => {
    // Service E3 (row 4) has no line; their row 12 (99213, day 13, E9) is statement-only. Without
    // ids on both, a 99213 of mine on day 13 matches it by date.
    const mine = [...MINE, svc(10, 13, ["99213"])];
    const theirs = THEIRS.map((l) => (l.row === 12 ? { ...l, encounterId: "" } : l));
    const a = payAudit(mine, theirs, work, opts);
    expect(a.byEncounter).toBe(true);
    expect(a.pairs.find((p) => p.mine.row === 10)!.theirs.map((l) => l.line.row)).toEqual([12]);
    expect(a.statementOnlyCount).toBe(0);
  });
});

describe("voids in my own record net by units", () => {
  test("a void of a service and a partial void", () => {
    const mine = [
      svc(2, 1, ["99214"], { encounterId: "A" }),
      svc(3, 1, ["99214"], { encounterId: "A", units: -1 }), // voids row 2 in full
      svc(4, 2, ["20610"], { encounterId: "B", units: 2 }),
      svc(5, 3, ["20610"], { encounterId: "B", units: -1 }), // leaves row 4 one unit
    ];
    const n = netMyVoids(mine);
    expect(n.services.map((s) => [s.row, s.units])).toEqual([[4, 1]]);
    expect(n.voids).toEqual([{ row: 3, into: 2 }, { row: 5, into: 4 }]);
    expect(n.removed.sort()).toEqual([2, 3]);
  });
});

describe("encounter ids as Excel saves them", () => {
  test.each([
    ["0040120001", "40120001"],
    ["40120001", "40120001"],
    ["40120001.0", "40120001"],
    [" csn-77 ", "CSN-77"],
    ["0", "0"],
    // Scientific notation keeps 6 of 12 digits: no id at all, never one id for every encounter.
    ["1.00235E+11", ""],
    ["1E+11", ""],
    ["", ""],
  ])("%j compares as %j", (raw, key) => {
    expect(encounterKey(raw)).toBe(key);
  });

  test("ids that lost their leading zeros in one file still match by encounter, across a day apart", () => {
    const mine = [svc(2, 2, ["99214"], { encounterId: "0000417" }), svc(3, 3, ["99213"], { encounterId: "0000418" })];
    const theirs = [line(5, 2, "99214", 1.92, "417"), line(6, 4, "99213", 1.3, "418")];
    const a = payAudit(mine, theirs, work, opts);
    expect(a.byEncounter).toBe(true);
    expect([a.matched, a.missing, a.statementOnlyCount, a.ids.leadingZeros]).toEqual([2, 0, 0, 2]);
  });

  test("every id in scientific notation: matched by date and code, so a second same-day service is missing, not credited by another day's line", () => {
    const sci = "1.00235E+11";
    const mine = [svc(2, 2, ["99214"], { encounterId: sci }), svc(3, 2, ["99214"], { encounterId: sci }), svc(4, 3, ["99213"], { encounterId: sci })];
    const theirs = [line(5, 2, "99214", 1.92, sci), line(6, 3, "99213", 1.3, sci), line(7, 9, "99214", 1.92, sci)];
    const a = payAudit(mine, theirs, work, opts);
    expect(a.byEncounter).toBe(false);
    expect(a.ids.scientific.rows).toBe(6);
    // Worked by hand: row 3 (1.92) is missing; their 9 Feb 99214 is on their statement only.
    expect([a.matched, a.missing, a.wrvusMissing, a.statementOnlyCount]).toEqual([2, 1, 1.92, 1]);
  });
});

test("one id of a file in scientific notation: none of that file's ids is used (a service without one would meet only id-less lines)", () => {
  const mine = [svc(2, 2, ["99214"], { encounterId: "100235000101" }), svc(3, 3, ["99213"], { encounterId: "1.00235E+11" })];
  const theirs = [line(5, 2, "99214", 1.92, "100235000101"), line(6, 3, "99213", 1.3, "100235000102")];
  const a = payAudit(mine, theirs, work, opts);
  expect(a.byEncounter).toBe(false);
  expect([a.matched, a.missing]).toEqual([2, 0]);
});

test("ids fewer than half their dates (Excel's shortened number on every row): not used, and said", () => {
  const id = "100235000000";
  const mine = [2, 3, 4].map((d, i) => svc(2 + i, d, ["99214"], { encounterId: id }));
  const theirs = [line(5, 2, "99214", 1.92, id), line(6, 4, "99214", 1.92, id), line(7, 9, "99214", 1.92, id)];
  const a = payAudit(mine, theirs, work, opts);
  expect(a.byEncounter).toBe(false);
  expect(a.ids.fewIds).toEqual({ table: "mine", ids: 1, dates: 3 });
  // By date: 3 February's visit is missing; their 9 February line is on their statement only.
  expect([a.matched, a.missing, a.statementOnlyCount]).toEqual([2, 1, 1]);
});

test("a -26 service takes their -26 line though the TC line of the same code comes first", () => {
  const priced: WorkRvu = (key) => ({ "93880-26": 0.78, "93880-TC": 0 })[key];
  const mine: AuditService[] = [{ row: 2, date: FEB, codes: [{ key: "93880-26", code: "93880" }], units: 1, wrvu: null }];
  const tc: AuditService = { row: 5, date: FEB, codes: [{ key: "93880-TC", code: "93880" }], units: 1, wrvu: 0 };
  const pro: AuditService = { row: 6, date: FEB, codes: [{ key: "93880-26", code: "93880" }], units: 1, wrvu: 0.78 };
  const a = payAudit(mine, [tc, pro], priced, opts);
  expect(a.pairs[0].theirs.map((l) => l.line.row)).toEqual([6]);
  expect([a.creditedDifferently, a.shortfall, a.statementOnlyCount]).toEqual([0, 0, 1]);
  // By code as priced, matching the data sheet's Code column.
  expect(a.byCode.map((t) => t.code)).toEqual(["93880-26"]);
});
