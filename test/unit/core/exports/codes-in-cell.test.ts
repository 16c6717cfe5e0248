/** A cell of codes is read up to MAX_CODES_IN_CELL (each code is a term of a formula); past it, the row is refused with advice that keeps every figure right. */
import { parseCsv } from "../../../../src/core/csv";
import { readAppointmentLog } from "../../../../src/core/inputs/appointments";
import { readProductionReport } from "../../../../src/core/inputs/production";
import { MAX_CODES_IN_CELL } from "../../../../src/core/limits";
import { problemsOf } from "../../../helpers/expect-error";

const cell = (n: number) => `"${Array.from({ length: n }, (_, k) => (99201 + (k % 15)).toString()).join(", ")}"`;

test.each([
  ["log", (text: string) => readAppointmentLog(parseCsv(`date,status,code\n${text}\n`, "log.csv"))],
  ["report", (text: string) => readProductionReport(parseCsv(`date,code,wrvu\n${text}\n`, "report.csv"))],
])("%s: the most codes read, one more refused at its row and column", (_kind, read) => {
  const row = (n: number) => (_kind === "log" ? `2026-01-05,completed,${cell(n)}` : `2026-01-05,${cell(n)},`);
  expect(() => read(row(MAX_CODES_IN_CELL))).not.toThrow();
  const p = problemsOf(() => read(row(MAX_CODES_IN_CELL + 1)));
  expect(p).toHaveLength(1);
  expect(p[0]).toMatchObject({ row: 2, column: "code" });
  expect(p[0].message).toMatch(/^holds 21 codes, more than the 20 ClinPay reads in one cell/);
  // The advice never asks to split the cell into rows: that would count one visit several times.
  expect(p[0].message).toMatch(/splitting the cell by hand would count one visit several times/);
});
