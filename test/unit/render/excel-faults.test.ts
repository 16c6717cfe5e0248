/**
 * Faults in the Office renderer, beyond excel.test.ts's transactional cases (a fresh
 * workbook; an old ClinPay build; an old build that is active; a user's sheet holding the name).
 * Here both are present at once — the user owns "Offer Comparison", ClinPay's earlier build is
 * "Offer Comparison (2)", another kind's build and a user's data sheet sit beside them — with a
 * plan big enough to take several write batches, and every operation of every round trip fails
 * in turn. Then the double fault: Office unreachable for the clean-up too, and what the next
 * successful build leaves.
 */
import { FMT, type SheetPlan } from "../../../src/sheets/plan";
import { renderPlanToExcel } from "../../../src/render/excel";
import { FakeWorkbook } from "../../helpers/fake-workbook";
import { everyFailurePoint } from "../../helpers/failure-points";

function plan(rows: number, title = "Offer Comparison"): SheetPlan {
  const table: (string | number | { f: string; v: number })[][] = [["Offer", "Annual pay", "Effective hourly", "Note"]];
  for (let i = 0; i < rows; i++) table.push([`Offer ${i}`, 200000 + i, { f: `B${9 + i}/($B$5*52)`, v: (200000 + i) / 2080 }, i % 3 ? "" : "=cmd|' /C calc'!A0"]);
  return {
    kind: "offer-comparison",
    name: "Offer Comparison",
    blocks: [
      { row: 0, col: 0, cells: [[title]], style: "title" },
      { row: 3, col: 0, cells: [["Hours per week", 40], ["$ per wRVU", 45.5]], style: "assumptions", formats: [undefined, FMT.money2] },
      { row: 7, col: 0, cells: table, style: "table", formats: [undefined, FMT.money, FMT.money2] },
    ],
    columnWidths: [24, 14, 16],
    freeze: { rows: 8, cols: 1 },
    charts: [
      {
        type: "column",
        title: "Effective hourly by offer",
        categoriesRef: `$A$9:$A$${8 + rows}`,
        series: [{ nameRef: "$C$8", valuesRef: `$C$9:$C$${8 + rows}` }],
        at: { row: 1, col: 6, width: 8, height: 15 },
      },
    ],
  };
}

/** The user owns the plan's name; ClinPay's previous build took the next one. */
function crowded(active = "Offer Comparison"): FakeWorkbook {
  const wb = new FakeWorkbook(["Sheet1"]);
  wb.seedSheet("Offer Comparison", { A1: "my own notes", B2: { f: "SUM(1,2)" } });
  wb.seedSheet("RVU Leakage", { A1: "another kind's build" }, "rvu-leakage");
  const old = wb.seedSheet("Offer Comparison (2)", { A1: "old build", C9: { f: "B9/($B$5*52)" } }, "offer-comparison");
  old.widths[0] = 30;
  old.freeze = { rows: 8, cols: 1 };
  old.charts.push({ type: "column", title: "old", categoriesRef: "$A$9:$A$9", series: [{ name: "x", nameRef: "$C$8", valuesRef: "$C$9:$C$9" }], at: { row: 1, col: 6, width: 8, height: 15 } });
  wb.seedSheet("Data", { A1: "visits", A2: 12 });
  wb.active = active;
  return wb;
}

describe("every failure point, with a user's sheet and an old ClinPay build both present", () => {
  test("the clean build replaces only the old build, in its tab position and under its name", async () => {
    const wb = crowded();
    const res = await renderPlanToExcel(wb, plan(40), { maxRequestBytes: 2000 });
    expect(res.sheetName).toBe("Offer Comparison (2)");
    expect(wb.sheets.map((s) => [s.name, s.mark])).toEqual([
      ["Sheet1", null],
      ["Offer Comparison", null],
      ["RVU Leakage", "rvu-leakage"],
      ["Offer Comparison (2)", "offer-comparison"],
      ["Data", null],
    ]);
    expect(wb.cell("Offer Comparison", "A1")).toEqual({ v: "my own notes" });
    expect(wb.cell("Offer Comparison (2)", "A1")).toEqual({ v: "Offer Comparison" });
    expect(wb.cell("Offer Comparison (2)", "D9")).toEqual({ v: "=cmd|' /C calc'!A0" });
  });

  test.each([
    ["the user's sheet is active", "Offer Comparison"],
    ["the old build is active", "Offer Comparison (2)"],
    ["another sheet is active", "Data"],
  ])("%s: any failure leaves the workbook as it was", async (_label, active) => {
    const opts = { maxRequestBytes: 2000 };
    const { cases } = await everyFailurePoint(() => crowded(active), plan(40), opts);
    // Many batches: the cells alone need several 2 kB requests.
    expect(cases).toBeGreaterThan(20);
  });

  test("a 5,000-row plan in 100 kB requests: any failure leaves the workbook as it was", async () => {
    const probe = crowded();
    await renderPlanToExcel(probe, plan(5000), { maxRequestBytes: 100_000 });
    expect(probe.requests.filter((r) => r.opNames.includes("writeBlock")).length).toBeGreaterThanOrEqual(3);
    await everyFailurePoint(() => crowded(), plan(5000), { maxRequestBytes: 100_000 });
  });
});

/** A workbook whose connection drops at round trip `from` and stays down for `count` round trips. */
class Flaky extends FakeWorkbook {
  constructor(
    private from: number,
    private count: number,
    /** How far the first failing batch gets before it fails (later ones fail at once). */
    private firstAtOp = 0
  ) {
    super([]);
  }
  private arm(): void {
    const n = this.roundTrips + 1;
    this.failure = n >= this.from && n < this.from + this.count ? { sync: n, atOp: n === this.from ? this.firstAtOp : 0 } : null;
  }
  async sync(): Promise<void> {
    this.arm();
    return super.sync();
  }
  async listSheets() {
    this.arm();
    return super.listSheets();
  }
}

function crowdedFlaky(from: number, count: number, firstAtOp = 0): Flaky {
  const wb = new Flaky(from, count, firstAtOp);
  const model = crowded();
  wb.sheets = model.sheets;
  wb.active = model.active;
  return wb;
}

describe("Office unreachable for the clean-up as well", () => {
  test("the error names the unfinished sheet; the user's sheets and the old build's cells are all still there", async () => {
    const probe = crowded();
    await renderPlanToExcel(probe, plan(40), { maxRequestBytes: 2000 });
    const total = probe.requests.length;
    for (let from = 2; from <= total; from++) {
      const wb = crowdedFlaky(from, 100);
      const err = await renderPlanToExcel(wb, plan(40), { maxRequestBytes: 2000 }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/could not remove its unfinished sheet "~ClinPay build \w+"/);
      // Nothing a user made is lost, whatever name ClinPay's own sheets are left under.
      expect(wb.cell("Offer Comparison", "A1")).toEqual({ v: "my own notes" });
      expect(wb.cell("Data", "A2")).toEqual({ v: 12 });
      expect(wb.cell("RVU Leakage", "A1")).toEqual({ v: "another kind's build" });
      const oldBuild = wb.sheets.find((s) => s.cells.get(0)?.get(0) && JSON.stringify(s.cells.get(0)!.get(0)) === '{"v":"old build"}');
      const newBuild = wb.sheets.find((s) => s.mark === "offer-comparison" && JSON.stringify(s.cells.get(0)?.get(0)) === '{"v":"Offer Comparison"}');
      // Either the old build is still somewhere, or the new one already replaced it in full.
      expect(oldBuild !== undefined || newBuild?.name === "Offer Comparison (2)").toBe(true);
    }
  });

  // The commit batch: old build moved aside, new one positioned, activated, renamed, old deleted.
  test.each([
    ["a write batch", 2, 0],
    ["a later write batch", 5, 0],
    ["the commit, before any step", "commit", 0],
    ["the commit, old build moved aside", "commit", 1],
    ["the commit, new sheet renamed into place", "commit", 4],
  ] as const)("dropped at %s and back after the failed clean-up: the next build leaves one build and no ~ClinPay sheets", async (_label, from, atOp) => {
    const probe = crowded();
    await renderPlanToExcel(probe, plan(40), { maxRequestBytes: 2000 });
    const start = from === "commit" ? probe.requests.length : from;
    const wb = crowdedFlaky(start, 2, atOp); // down for the failing batch and the clean-up's first read
    await expect(renderPlanToExcel(wb, plan(40), { maxRequestBytes: 2000 })).rejects.toThrow(/could not remove its unfinished sheet/);
    expect(wb.cell("Offer Comparison", "A1")).toEqual({ v: "my own notes" });

    await renderPlanToExcel(wb, plan(40, "Offer Comparison, rebuilt"), { maxRequestBytes: 2000 });
    expect(wb.sheets.map((s) => s.name).filter((n) => n.startsWith("~ClinPay"))).toEqual([]);
    const builds = wb.sheets.filter((s) => s.mark === "offer-comparison");
    expect(builds).toHaveLength(1);
    expect(wb.cell(builds[0].name, "A1")).toEqual({ v: "Offer Comparison, rebuilt" });
    expect(wb.cell("Offer Comparison", "A1")).toEqual({ v: "my own notes" });
    expect(wb.cell("Data", "A2")).toEqual({ v: 12 });
    expect(wb.cell("RVU Leakage", "A1")).toEqual({ v: "another kind's build" });
  });

  test("another kind's leftover is not this build's to remove", async () => {
    const wb = crowded();
    wb.seedSheet("~ClinPay build abc123", { A1: "half a leakage build" }, "rvu-leakage");
    wb.seedSheet("~ClinPay old def456", { A1: "an old offers build" }, "offer-comparison");
    await renderPlanToExcel(wb, plan(5));
    expect(wb.sheets.map((s) => s.name).filter((n) => n.startsWith("~ClinPay"))).toEqual(["~ClinPay build abc123"]);
  });
});
