/**
 * The pane holds the same rules as the CLI: a table the sheet cannot hold, or a value past what
 * ClinPay takes, is a problem listed and nothing is planned (the builders are what the pane runs
 * on the tables it read from the workbook).
 */
import { planSheet, type BuildRequest } from "../../src/sheets/definition";
import { SHEETS as BUILDERS } from "../../src/sheets/registry";
import { InputError } from "../../src/core/table";
import { bundledFees } from "../../src/core/data/bundled-fees";
import type { RawTable } from "../../src/core/inputs/types";
import { APPOINTMENT_COPY_HEADERS, leakageFitProblems } from "../../src/sheets/rvu-leakage";
import { checkPlanFits, type SheetPlan } from "../../src/sheets/plan";
import { renderXlsx } from "../../src/render/xlsx";
import { FakeWorkbook } from "../helpers/fake-workbook";
import { readInput } from "../../src/taskpane/inputs";
import { readAppointmentLog } from "../../src/core/inputs/appointments";

const leakage = BUILDERS.find((b) => b.kind === "rvu-leakage")!;
const targets = BUILDERS.find((b) => b.kind === "target-tracker")!;

async function problemsOf(job: () => Promise<unknown>): Promise<string[]> {
  try {
    await job();
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.source} ${p.column}: ${p.message}`);
    throw e;
  }
  throw new Error("expected the build to be refused");
}

const request = (tables: Record<string, RawTable>, fields: Record<string, string> = {}): BuildRequest => ({ tables, fields, builtAt: new Date(Date.UTC(2026, 0, 1)), fees: bundledFees() });

test("a 1,048,572-row appointment table is refused before a plan is made", async () => {
  const row = ["2026-01-05", "completed", "99213"];
  const table: RawTable = { source: "Appointments", headers: ["date", "status", "code"], rows: new Array(1_048_572).fill(row) };
  expect(await problemsOf(() => planSheet(leakage, request({ appointments: table })))).toEqual([
    expect.stringMatching(/^Appointments : has 1,048,572 appointments; the RVU Leakage data sheet copies them from row 6 .* at most 1,048,571 fit/),
  ]);
});

test("one row fewer fits: the copied log's last row lands on row 1,048,576", async () => {
  expect(leakageFitProblems({ source: "Appointments", rows: 1_048_571 })).toEqual([]);
  const table: RawTable = { source: "Appointments", headers: ["date", "status", "code"], rows: [["2026-01-05", "completed", "99213"]] };
  const { plan } = await planSheet(leakage, request({ appointments: table }));
  // The copied log is on the data sheet, the only place it is.
  const log = plan.dataSheets![0].blocks.find((b) => b.cells[0]?.[0] === APPOINTMENT_COPY_HEADERS[0] && b.cells[0]?.length === APPOINTMENT_COPY_HEADERS.length)!;
  // 0-based block row = the header; data row i (0-based) is on sheet row block.row + 2 + i.
  expect(log.row + 2 + (1_048_571 - 1)).toBe(1_048_576);
});

test.each([
  [{ wrvuTarget: "1e308", ytd: "100", asOf: "2026-06-01" }, /wRVU target.*: is too large/i],
  [{ wrvuTarget: "5000", ytd: "100", asOf: "9999-12-31" }, /would end after 9999-12-31/],
  [{ wrvuTarget: "5000", ytd: "100", asOf: "1900-03-01" }, /before 1900-03-01/],
  [{ wrvuTarget: "1e-320", ytd: "100", asOf: "2026-06-01" }, /wRVU target.*: is too small/i],
])("Target Tracker fields %j: a problem, not a plan", async (fields, message) => {
  expect(await problemsOf(() => planSheet(targets, request({}, fields)))).toEqual([expect.stringMatching(message)]);
});

test("a cell longer than Excel holds in a pane table is a problem at its row", async () => {
  const table: RawTable = { source: "Appointments", headers: ["date", "status", "reason"], rows: [["2026-01-05", "no_show", "x".repeat(40_000)]] };
  expect(await problemsOf(() => planSheet(leakage, request({ appointments: table })))).toEqual([expect.stringMatching(/^Appointments reason: is 40,000 characters long/)]);
});

test("a plan reaching past Excel's grid is refused by the renderers, never written", async () => {
  const plan: SheetPlan = { name: "Too tall", kind: "rvu-leakage", blocks: [{ row: 1_048_576, col: 0, style: "plain", cells: [["one row too far"]] }] };
  await expect(renderXlsx([plan])).rejects.toThrow(InputError);
  expect(await problemsOf(async () => checkPlanFits(plan))).toEqual([expect.stringMatching(/^Too tall : would reach past Excel.s 1,048,576 rows/)]);
  expect(() => checkPlanFits({ ...plan, blocks: [{ ...plan.blocks[0], row: 1_048_575 }] })).not.toThrow();
});

test("a 1904-date-system workbook: the pane reads a log's date serials as 1904 days (round 3, family 2)", async () => {
  const fake = new FakeWorkbook(["Log"]);
  fake.date1904 = true;
  // 2026-06-30 is 46203 in the 1900 system; the 1904 system counts 1462 days fewer.
  fake.addTable("Log", "Appointments", 0, 0, [
    ["date", "status", "code"],
    [46203 - 1462, "completed", "99213"],
  ]);
  await fake.sync();
  const read = await readInput(fake, { kind: "table", table: "Appointments" }, await fake.listTables());
  expect(readAppointmentLog(read.table).appointments.map((a) => a.date)).toEqual([46203]);
});
