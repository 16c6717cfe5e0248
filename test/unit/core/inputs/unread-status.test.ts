/**
 * An appointment log whose status column ClinPay does not recognise, given as a wRVU report: read
 * as a report, its no-shows would count as production. A column of no-show or cancel words that
 * no role claimed stops the build, naming it and the line that reads it.
 */
import { parseCsv } from "../../../../src/core/csv";
import { readProductionTable } from "../../../../src/core/inputs/production";
import { problemsOf } from "../../../helpers/expect-error";
import type { ExportMapping } from "../../../../src/core/exports/mapping";

// "Visit State" is no alias of status; "Done OK" is no status word, so the column is not recognised as status.
const LOG = "Appt Dt,Provider Nm,Visit State,Proc,Work RVU\n02/03/2026,RAMIREZ L,Done OK,99213,1.30\n02/03/2026,RAMIREZ L,N/S,99213,1.30\n02/04/2026,RAMIREZ L,Cxl,99214,1.92\n02/05/2026,RAMIREZ L,Done OK,99214,1.92\n";

test("given as a report, a log's unread status column is refused, not summed (it would count 6.44 wRVUs, not 3.22)", () => {
  const p = problemsOf(() => readProductionTable(parseCsv(LOG, "intergy.csv"), "report"));
  expect(p).toHaveLength(1);
  expect(p[0]).toMatchObject({ source: "intergy.csv", column: "Visit State" });
  expect(p[0].message).toMatch(/holds appointment statuses \("N\/S" ×1, "Cxl" ×1\)/);
  expect(p[0].message).toMatch(/column,Visit State,status/);
});

test("following the advice: with the column mapped and its unknown status mapped, only the completed visits count", () => {
  const mapping: ExportMapping = { source: "map.csv", lines: [{ what: "column", from: "Visit State", to: "status", row: 2 }, { what: "status", from: "Done OK", to: "completed", row: 3 }] };
  const read = readProductionTable(parseCsv(LOG, "intergy.csv"), "report", { mapping });
  expect(read.from).toBe("log");
  // 1.30 (row 2) + 1.92 (row 5): the no-show and the cancel produce nothing.
  expect(read.rows.reduce((a, r) => a + (r.wrvu ?? 0), 0)).toBeCloseTo(3.22, 9);
});

test("a real wRVU report (no status words anywhere) is read as it was", () => {
  const report = "Service Date,CPT,Work RVU,Charge Status\n2026-02-03,99213,1.30,Posted\n2026-02-04,99214,1.92,Posted\n";
  const read = readProductionTable(parseCsv(report, "report.csv"), "report");
  expect(read.from).toBe("report");
  expect(read.rows).toHaveLength(2);
});

test("abbreviated exports: Appt Sts, Chk Out, Cxl, N/S read as status words", () => {
  const t = parseCsv("Appt Dt,Appt Sts,Proc\n02/03/2026,Chk Out,99213\n02/04/2026,N/S,99213\n02/05/2026,Cxl,99214\n02/17/2026,Chk Out,99214\n", "abbr.csv");
  const read = readProductionTable(t, "auto");
  expect(read.from).toBe("log");
  expect(read.rows.map((r) => r.code)).toEqual(["99213", "99214"]);
});
