/**
 * The Office renderer against the in-memory workbook (test/helpers/fake-workbook.ts), which
 * applies queued operations only on sync and can fail any operation of any round trip the way
 * Office does (the operations before it stay applied).
 */
import fc from "fast-check";
import { FMT, type SheetPlan } from "../../../src/sheets/plan";
import { renderPlanToExcel, type RenderOptions } from "../../../src/render/excel";
import { asLiteralText, isFormulaLike, needsTextGuard } from "../../../src/render/safe-text";
import { FakeWorkbook, parseTypedInput } from "../../helpers/fake-workbook";
import { everyFailurePoint } from "../../helpers/failure-points";

function smallPlan(title = "Offer Comparison"): SheetPlan {
  return {
    kind: "offer-comparison",
    name: "Offer Comparison",
    blocks: [
      { row: 0, col: 0, cells: [[title]], style: "title" },
      { row: 1, col: 0, cells: [["Built 2025-01-15 from table Offers"]], style: "meta" },
      { row: 3, col: 0, cells: [["Assumptions"]], style: "section" },
      {
        row: 4,
        col: 0,
        cells: [
          ["Hours per week", 40],
          ["$ per wRVU", 45.5],
        ],
        style: "assumptions",
        formats: [undefined, FMT.money2],
      },
      {
        row: 7,
        col: 0,
        cells: [
          ["Offer", "Annual pay", "Effective hourly", "Note"],
          ["Metro Tele", 250000, { f: "B9/($B$5*52)", v: 120.19 }, "-2 days PTO"],
          ["Rural ED", 300000, { f: "B10/($B$5*52)", v: 144.23 }],
        ],
        style: "table",
        formats: [undefined, FMT.money, FMT.money2],
      },
      { row: 11, col: 0, cells: [["How to read this: effective hourly is annual pay over hours worked."]], style: "note" },
    ],
    columnWidths: [24, 14, 16],
    freeze: { rows: 8, cols: 1 },
    charts: [
      {
        type: "column",
        title: "Effective hourly by offer",
        categoriesRef: "$A$9:$A$10",
        series: [{ nameRef: "$C$8", valuesRef: "$C$9:$C$10" }],
        at: { row: 1, col: 5, width: 8, height: 15 },
        valueFormat: FMT.money,
      },
    ],
  };
}

describe("renderPlanToExcel: a small plan", () => {
  test("lands cell for cell: values, formulas, formats, widths, freeze, chart, mark", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    const progress: number[] = [];
    const res = await renderPlanToExcel(wb, smallPlan(), { onProgress: (f) => progress.push(f) });

    expect(res.sheetName).toBe("Offer Comparison");
    expect(res.syncs).toBe(wb.roundTrips);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "Offer Comparison"]);
    expect(wb.active).toBe("Offer Comparison");
    const S = "Offer Comparison";
    const s = wb.find(S)!;
    expect(s.mark).toBe("offer-comparison");

    expect(wb.cell(S, "A1")).toEqual({ v: "Offer Comparison" });
    expect(wb.cell(S, "A5")).toEqual({ v: "Hours per week" });
    expect(wb.cell(S, "B5")).toEqual({ v: 40 });
    // "$ per wRVU" starts with "$": guarded, but still exactly that text.
    expect(wb.cell(S, "A6")).toEqual({ v: "$ per wRVU" });
    expect(wb.cell(S, "B6")).toEqual({ v: 45.5 });
    expect(wb.cell(S, "C8")).toEqual({ v: "Effective hourly" });
    expect(wb.cell(S, "B9")).toEqual({ v: 250000 });
    expect(wb.cell(S, "C9")).toEqual({ f: "B9/($B$5*52)" });
    expect(wb.cell(S, "C10")).toEqual({ f: "B10/($B$5*52)" });
    expect(wb.cell(S, "D9")).toEqual({ v: "-2 days PTO" });
    expect(wb.cell(S, "D10")).toBeUndefined(); // ragged row: nothing written there
    expect(wb.cellCount(S)).toBe(1 + 1 + 1 + 4 + 4 + 4 + 3 + 1);

    expect(wb.format(S, "B6")).toBe(FMT.money2);
    expect(wb.format(S, "A5")).toBeUndefined();
    expect(wb.format(S, "B8")).toBeUndefined(); // table header row is never number-formatted
    expect(wb.format(S, "B9")).toBe(FMT.money);
    expect(wb.format(S, "B10")).toBe(FMT.money);
    expect(wb.format(S, "C10")).toBe(FMT.money2);
    expect(wb.format(S, "D9")).toBeUndefined();

    expect(s.widths).toEqual({ 0: 24, 1: 14, 2: 16 });
    expect(s.freeze).toEqual({ rows: 8, cols: 1 });
    expect(s.styles).toContainEqual({ row: 7, col: 0, rows: 3, cols: 4, style: "table" });
    expect(s.styles).toContainEqual({ row: 4, col: 0, rows: 2, cols: 2, style: "assumptions" });
    expect(s.charts).toEqual([
      {
        type: "column",
        title: "Effective hourly by offer",
        categoriesRef: "$A$9:$A$10",
        series: [{ name: "Effective hourly", nameRef: "$C$8", valuesRef: "$C$9:$C$10" }],
        at: { row: 1, col: 5, width: 8, height: 15 },
        valueFormat: FMT.money,
      },
    ]);

    // A handful of round trips, calculation held while writing, progress ends at 1.
    expect(wb.roundTrips).toBeLessThanOrEqual(4);
    expect(wb.requests.some((r) => r.opNames[0] === "suspendCalculation" || r.opNames.includes("suspendCalculation"))).toBe(true);
    expect(progress[progress.length - 1]).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
  });

  test("the old ClinPay sheet keeps its tab position when rebuilt", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    wb.seedSheet("Offer Comparison", { A1: "old build" }, "offer-comparison");
    wb.seedSheet("Data", { A1: "x" });
    await renderPlanToExcel(wb, smallPlan());
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "Offer Comparison", "Data"]);
    expect(wb.cell("Offer Comparison", "A1")).toEqual({ v: "Offer Comparison" });
  });
});

describe("renderPlanToExcel: transactional", () => {
  type Setup = { name: string; make: () => FakeWorkbook; opts: RenderOptions };
  const withOld = (activeOld: boolean) => () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    wb.seedSheet("Offer Comparison", { A1: "old build", B2: { f: "1+1" } }, "offer-comparison");
    wb.find("Offer Comparison")!.widths[0] = 30;
    wb.seedSheet("Data", { A1: "visits" });
    if (activeOld) wb.active = "Offer Comparison";
    return wb;
  };
  const setups: Setup[] = [
    { name: "fresh workbook", make: () => new FakeWorkbook(["Sheet1"]), opts: {} },
    { name: "old ClinPay sheet, several write batches", make: withOld(false), opts: { maxRequestBytes: 1200 } },
    { name: "old ClinPay sheet is the active one", make: withOld(true), opts: {} },
    {
      name: "user's sheet holds the name",
      make: () => {
        const wb = new FakeWorkbook(["Sheet1"]);
        wb.seedSheet("Offer Comparison", { A1: "mine" });
        return wb;
      },
      opts: { maxRequestBytes: 1500 },
    },
  ];

  test.each(setups)("failing any operation of any round trip leaves the workbook as it was ($name)", async ({ make, opts }) => {
    const { cases, roundTrips } = await everyFailurePoint(make, smallPlan(), opts);
    expect(roundTrips).toBeGreaterThanOrEqual(3);
    expect(cases).toBeGreaterThan(roundTrips);
  });

  test("a plan that cannot be written (a NaN) leaves nothing behind", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    wb.seedSheet("Offer Comparison", { A1: "old" }, "offer-comparison");
    const before = wb.snapshot();
    const plan = smallPlan();
    plan.blocks.push({ row: 20, col: 0, cells: [["bad", NaN]], style: "plain" });
    await expect(renderPlanToExcel(wb, plan)).rejects.toThrow(/B21 .* NaN/);
    expect(wb.snapshot()).toEqual(before);
  });
});

describe("renderPlanToExcel: the user's sheets", () => {
  test("a user's unmarked 'Offer Comparison' survives; ClinPay's goes to 'Offer Comparison (2)' and only that is replaced", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    wb.seedSheet("Offer Comparison", { A1: "my own notes", B2: { f: "SUM(A1:A3)" } });
    const mine = () => JSON.stringify((wb.snapshot() as { sheets: { name: string }[] }).sheets.find((s) => s.name === "Offer Comparison"));
    const untouched = mine();

    const first = await renderPlanToExcel(wb, smallPlan("First build"));
    expect(first.sheetName).toBe("Offer Comparison (2)");
    expect(mine()).toBe(untouched);
    expect(wb.cell("Offer Comparison (2)", "A1")).toEqual({ v: "First build" });

    const second = await renderPlanToExcel(wb, smallPlan("Second build"));
    expect(second.sheetName).toBe("Offer Comparison (2)");
    expect(mine()).toBe(untouched);
    expect(wb.cell("Offer Comparison (2)", "A1")).toEqual({ v: "Second build" });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "Offer Comparison", "Offer Comparison (2)"]);
  });

  test("names are compared as Excel does (ignoring case); a sheet marked for another kind is not ours to replace", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    wb.seedSheet("offer comparison", { A1: "mine" });
    wb.seedSheet("Offer Comparison (2)", { A1: "leakage" }, "rvu-leakage");
    const res = await renderPlanToExcel(wb, smallPlan());
    expect(res.sheetName).toBe("Offer Comparison (3)");
    expect(wb.cell("offer comparison", "A1")).toEqual({ v: "mine" });
    expect(wb.cell("Offer Comparison (2)", "A1")).toEqual({ v: "leakage" });
  });

  test("rebuilding replaces ClinPay's own sheet under its own name", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    await renderPlanToExcel(wb, smallPlan("one"));
    await renderPlanToExcel(wb, smallPlan("two"));
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "Offer Comparison"]);
    expect(wb.cell("Offer Comparison", "A1")).toEqual({ v: "two" });
  });
});

describe("user text stays text", () => {
  const injections = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "=1+1", "'quoted", "0075", "TRUE", "12%", " =cmd|' /C calc'!A0"];

  test("every injection string lands as the same text, while plan formulas stay formulas", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    const plan: SheetPlan = {
      kind: "rvu-leakage",
      name: "RVU Leakage",
      blocks: [
        { row: 0, col: 0, cells: [["Patient note", "Count"], ...injections.map((s, i) => [s, i])], style: "table" },
        { row: 0, col: 3, cells: [[{ f: "SUM(B2:B11)", v: 45 }]], style: "plain" },
      ],
    };
    await renderPlanToExcel(wb, plan);
    injections.forEach((s, i) => expect(wb.cell("RVU Leakage", `A${i + 2}`)).toEqual({ v: s }));
    expect(wb.cell("RVU Leakage", "D1")).toEqual({ f: "SUM(B2:B11)" });
    // What actually went over the wire: the apostrophe marker, not the raw string.
    expect(asLiteralText('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
  });

  test("safe-text: the spec's four characters are guarded, ordinary words are not", () => {
    for (const s of ["=A1", "+1", "-2", "@SUM(A1)", "\uFF1DA1"]) {
      expect(isFormulaLike(s)).toBe(true);
      expect(asLiteralText(s)).toBe("'" + s);
    }
    for (const s of ["Metro Tele", "completed", "no_show", "Dr. Smith", ""]) {
      expect(needsTextGuard(s)).toBe(false);
      expect(asLiteralText(s)).toBe(s);
    }
  });

  test("property: any string written through asLiteralText reads back as exactly that text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "'", "1", ".", "%", " ", "e", "a", "T", "R", "U", "E") })
        ),
        (s) => {
          fc.pre(s !== "");
          expect(parseTypedInput(asLiteralText(s))).toEqual({ v: s });
        }
      ),
      { numRuns: 2000 }
    );
  });
});

describe("large inputs", () => {
  const STATUSES = ["completed", "no_show", "late_cancel", "cancelled", "completed", "completed"];
  function logPlan(rows: number): SheetPlan {
    const cells: (string | number)[][] = [["Date", "Provider", "Patient", "Code", "Status", "Minutes", "wRVU", "Reason"]];
    for (let i = 0; i < rows; i++) {
      cells.push([
        45292 + (i % 366),
        `Dr. Provider ${i % 37}`,
        i % 997 === 0 ? "=cmd|' /C calc'!A0" : `PT-${100000 + i}`,
        ["99213", "99214", "99204", "G2012"][i % 4],
        STATUSES[i % STATUSES.length],
        [15, 20, 30, 40][i % 4],
        [0.97, 1.5, 2.6, 0.25][i % 4],
        i % 6 === 1 ? "patient did not join" : "",
      ]);
    }
    return {
      kind: "rvu-leakage",
      name: "RVU Leakage",
      blocks: [
        { row: 0, col: 0, cells: [["RVU Leakage"]], style: "title" },
        { row: 2, col: 0, cells, style: "table", formats: [FMT.date, undefined, undefined, undefined, undefined, FMT.number, FMT.number2] },
      ],
      freeze: { rows: 3, cols: 0 },
    };
  }

  test("100,000 appointment rows: ≤ 20 round trips, every request under the byte limit", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    const progress: [number, string][] = [];
    const res = await renderPlanToExcel(wb, logPlan(100_000), { onProgress: (f, l) => progress.push([f, l]) });
    const biggest = Math.max(...wb.requests.map((r) => r.bytes));
    const total = wb.requests.reduce((n, r) => n + r.bytes, 0);
    console.log(
      `100,000 rows x 8 cols: ${res.syncs} round trips (${wb.requests.filter((r) => r.ops > 0).length} carrying writes), ` +
        `largest request ${(biggest / 1e6).toFixed(2)} MB, total ${(total / 1e6).toFixed(2)} MB, ` +
        `per request [${wb.requests.map((r) => (r.bytes / 1e6).toFixed(2)).join(", ")}] MB, ` +
        `${progress.length} progress reports`
    );

    expect(res.syncs).toBe(wb.roundTrips);
    expect(res.syncs).toBeLessThanOrEqual(20);
    for (const r of wb.requests) {
      expect(r.bytes).toBeLessThan(5_000_000);
      expect(r.bytes).toBeLessThanOrEqual(4_000_000);
    }
    const S = "RVU Leakage";
    expect(wb.cellCount(S)).toBe(1 + 8 + 100_000 * 8 - countEmptyReasons(100_000));
    expect(wb.cell(S, "A4")).toEqual({ v: 45292 });
    expect(wb.cell(S, "C4")).toEqual({ v: "=cmd|' /C calc'!A0" });
    expect(wb.cell(S, "H5")).toEqual({ v: "patient did not join" }); // data row i = 1
    expect(wb.cell(S, "G100003")).toEqual({ v: 0.25 }); // the last row, i = 99,999
    expect(wb.cell(S, "H100003")).toBeUndefined(); // its empty reason was not written
    expect(wb.format(S, "A100003")).toBe(FMT.date);
    expect(wb.format(S, "A3")).toBeUndefined();
    expect(wb.format(S, "G50000")).toBe(FMT.number2);
    expect(wb.find(S)!.freeze).toEqual({ rows: 3, cols: 0 });
    // Progress after every chunk, never backwards, ends at 1.
    expect(progress.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
    expect(progress[progress.length - 1][0]).toBe(1);
  });

  test("a smaller request budget is honoured too (20,000 rows, 500 kB)", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    const res = await renderPlanToExcel(wb, logPlan(20_000), { maxRequestBytes: 500_000 });
    console.log(
      `20,000 rows at 500 kB: ${res.syncs} round trips, largest request ${Math.max(...wb.requests.map((r) => r.bytes))} bytes`
    );
    for (const r of wb.requests) expect(r.bytes).toBeLessThanOrEqual(500_000);
    expect(wb.cell("RVU Leakage", "B20003")).toEqual({ v: `Dr. Provider ${19_999 % 37}` });
  });
});

function countEmptyReasons(rows: number): number {
  let n = 0;
  for (let i = 0; i < rows; i++) if (i % 6 !== 1) n++;
  return n;
}

/** An analysis sheet whose formula reads its data sheet, as the log sheets are built. */
function withData(): SheetPlan {
  const data: SheetPlan = {
    kind: "rvu-leakage",
    name: "RVU Leakage data",
    blocks: [{ row: 0, col: 0, style: "table", cells: [["Status"], ["completed"], ["no_show"], ["completed"]] }],
  };
  return {
    kind: "rvu-leakage",
    name: "RVU Leakage",
    blocks: [{ row: 0, col: 0, style: "labels", cells: [["Completed", { f: `COUNTIFS('RVU Leakage data'!$A$2:$A$4,"completed")`, v: 2 }]] }],
    merges: [{ row: 2, col: 0, rows: 1, cols: 4 }],
    rowHeights: Object.assign([], { 2: 45 }),
    print: { area: { row: 0, col: 0, rows: 3, cols: 4 }, orientation: "portrait", rowBreaks: [1] },
    dataSheets: [data],
  };
}

describe("renderPlanToExcel: a sheet and its data sheet", () => {
  test("both are built, marked alike, the analysis first; its formulas name the data sheet", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    const r = await renderPlanToExcel(wb, withData());
    expect(r.sheetName).toBe("RVU Leakage");
    expect(wb.sheets.map((s) => [s.name, s.mark])).toEqual([["Sheet1", null], ["RVU Leakage", "rvu-leakage"], ["RVU Leakage data", "rvu-leakage"]]);
    expect(wb.cell("RVU Leakage", "B1")).toEqual({ f: `COUNTIFS('RVU Leakage data'!$A$2:$A$4,"completed")` });
    expect(wb.cell("RVU Leakage data", "A3")).toEqual({ v: "no_show" });
    const s = wb.find("RVU Leakage")!;
    expect(s.merges).toEqual([{ row: 2, col: 0, rows: 1, cols: 4 }]);
    expect(s.heights).toEqual({ 2: 45 });
    expect(s.print).toEqual({ area: { row: 0, col: 0, rows: 3, cols: 4 }, orientation: "portrait", rowBreaks: [1] });
    expect(wb.active).toBe("RVU Leakage");
  });

  test("a rebuild replaces both, in their tab positions; a user's own sheet named like them is left alone", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    await renderPlanToExcel(wb, withData());
    wb.seedSheet("Mine");
    await renderPlanToExcel(wb, withData());
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "RVU Leakage", "RVU Leakage data", "Mine"]);
    expect(wb.cell("RVU Leakage", "B1")).toEqual({ f: `COUNTIFS('RVU Leakage data'!$A$2:$A$4,"completed")` });

    const theirs = new FakeWorkbook(["Sheet1"]);
    theirs.seedSheet("RVU Leakage", { A1: "my notes" });
    theirs.seedSheet("RVU Leakage data", { A1: "my data" });
    const r = await renderPlanToExcel(theirs, withData());
    // Free names for both, and the formulas follow the data sheet to its free name.
    expect(r.sheetName).toBe("RVU Leakage (2)");
    expect(theirs.sheets.map((s) => s.name)).toEqual(["Sheet1", "RVU Leakage", "RVU Leakage data", "RVU Leakage (2)", "RVU Leakage (2) data"]);
    expect(theirs.cell("RVU Leakage (2)", "B1")).toEqual({ f: `COUNTIFS('RVU Leakage (2) data'!$A$2:$A$4,"completed")` });
    expect(theirs.cell("RVU Leakage", "A1")).toEqual({ v: "my notes" });
    expect(theirs.cell("RVU Leakage data", "A1")).toEqual({ v: "my data" });
  });

  test("a data sheet's formula that reads the analysis sheet (the RVU year cell) follows it to its free name", async () => {
    const plan = withData();
    plan.blocks.push({ row: 1, col: 0, style: "assumptions", cells: [["RVU year", 2025]] });
    plan.dataSheets![0].blocks.push({ row: 0, col: 2, style: "plain", cells: [[{ f: `'RVU Leakage'!$B$2+1`, v: 2026 }]] });
    const theirs = new FakeWorkbook(["Sheet1"]);
    theirs.seedSheet("RVU Leakage", { B2: 1999 });
    await renderPlanToExcel(theirs, plan);
    expect(theirs.cell("RVU Leakage (2) data", "C1")).toEqual({ f: `'RVU Leakage (2)'!$B$2+1` });
    expect(theirs.cell("RVU Leakage", "B2")).toEqual({ v: 1999 });
  });

  test("a rebuild without copied rows removes the old data sheet with the old analysis sheet", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    await renderPlanToExcel(wb, withData());
    const { dataSheets, ...alone } = withData();
    expect(dataSheets).toHaveLength(1);
    await renderPlanToExcel(wb, { ...alone, blocks: [{ row: 0, col: 0, style: "plain", cells: [["typed"]] }] });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "RVU Leakage"]);
  });

  test("failing any operation of any round trip leaves the workbook as it was, old sheet and data sheet included", async () => {
    const make = () => {
      const wb = new FakeWorkbook(["Sheet1"]);
      wb.seedSheet("RVU Leakage", { A1: "old" }, "rvu-leakage");
      wb.seedSheet("RVU Leakage data", { A1: "old data" }, "rvu-leakage");
      wb.seedSheet("After");
      return wb;
    };
    const { cases } = await everyFailurePoint(make, withData(), {});
    expect(cases).toBeGreaterThan(10);
  });
});
