/**
 * The Pay Audit's two tables read by the readers every sheet uses (SPEC §2 and §3): my record as an
 * appointment log or a wRVU report, their statement as sent, and the refusals that keep a wrong
 * audit from being built (a statement with no credited wRVU, blank credits, a record with no codes).
 */
import { parseCsv } from "../../../../src/core/csv";
import { readMyRecord, readTheirStatement } from "../../../../src/core/inputs/audit";
import { problemsOf } from "../../../helpers/expect-error";
import { auditFitProblems } from "../../../../src/sheets/pay-audit";

const csv = (name: string, lines: string[]) => parseCsv(lines.join("\n"), name);

describe("my record", () => {
  test("an appointment log: its completed visits, each cell's codes, the encounter id; no-shows and uncoded visits left out", () => {
    const t = readMyRecord(
      csv("log.csv", ["Appt Date,Appt ID,Status,CPT Code,Units", '2026-01-05,A1,Completed,"99214-95, G2211",', "2026-01-05,A2,No Show,99213,", "2026-01-06,A3,Completed,,", "2026-01-07,A4,Completed,20610,2"]),
      {}
    );
    expect(t.from).toBe("log");
    expect(t.rows.map((r) => [r.row, r.codes.map((c) => c.key), r.units, r.encounterId, r.modifiers])).toEqual([
      [2, ["99214", "G2211"], 1, "A1", "95"],
      [5, ["20610"], 2, "A4", ""],
    ]);
    expect(t.inferred).toContain("1 completed visit with no billing code left out: a service without a code cannot be priced or found on a statement.");
    expect(t.inferred.some((l) => /1 row had several codes in one cell .*the first code is the service matched/.test(l))).toBe(true);
  });

  test("a wRVU report: its lines; a void (minus on the wRVU alone) has negative units", () => {
    const t = readMyRecord(csv("mine.csv", ["Date of Service,CSN,CPT,Units,wRVU", "2026-01-05,9,99214,1,1.92", "2026-01-05,9,99214,1,-1.92", "2026-01-06,10,71046-26,1,"]), {});
    expect(t.from).toBe("report");
    expect(t.rows.map((r) => [r.codes[0].key, r.codes[0].code, r.units, r.wrvu])).toEqual([
      ["99214", "99214", 1, null],
      ["99214", "99214", -1, null],
      ["71046-26", "71046", 1, null],
    ]);
  });

  test("a record with no coded service is refused, saying what to give", () => {
    const p = problemsOf(() => readMyRecord(csv("log.csv", ["Date,Status,Code", "2026-01-05,completed,", "2026-01-06,no_show,99213"]), {}));
    expect(p.map((x) => x.message)).toEqual(["has no completed visit with a billing code, so there is nothing to look for on their statement: give your record with a code (CPT/HCPCS) column"]);
  });
});

describe("their statement", () => {
  test("read as sent: title rows and a total left out, each line's credited wRVU and encounter", () => {
    const t = readTheirStatement(csv("st.csv", ["Group wRVU statement,,,", ",,,", "Service Date,Encounter Number,CPT Code,Work RVUs", "01/05/2026,1,99214,1.92", "01/05/2026,1,G2211,0.33", "Total,,,2.25"]), {});
    expect(t.rows.map((r) => [r.row, r.codes[0].key, r.wrvu, r.encounterId])).toEqual([
      [4, "99214", 1.92, "1"],
      [5, "G2211", 0.33, "1"],
    ]);
    expect(t.inferred.some((l) => /1 total row/.test(l))).toBe(true);
  });

  test("an 'Encounter Type' column is no encounter id", () => {
    const t = readTheirStatement(csv("st.csv", ["Date,Encounter Type,CPT,wRVU", "2026-01-05,Office Visit,99214,1.92"]), {});
    expect(t.rows[0].encounterId).toBe("");
  });

  test("no credited wRVU column: refused, naming the map line that would give it", () => {
    const p = problemsOf(() => readTheirStatement(csv("st.csv", ["Date,CPT,Credit", "2026-01-05,99214,1.92"]), {}));
    expect(p).toHaveLength(1);
    expect(p[0].message).toMatch(/^has no credited wRVU column, and the audit compares what they credited: map the column that holds it with a line column,<its header>,wrvu \(the columns found are: Date, CPT, Credit\)$/);
  });

  test("blank credits: one problem with their count and first rows, never a silent 0", () => {
    const p = problemsOf(() => readTheirStatement(csv("st.csv", ["Date,CPT,wRVU", "2026-01-05,99214,1.92", "2026-01-06,99213,", "2026-01-07,99213,"]), {}));
    expect(p.map((x) => [x.row, x.column, x.message])).toEqual([[3, "wrvu", "is blank on 2 lines (rows 3, 4): type the wRVU they credited on each, 0 where they credited none"]]);
  });
});

test("a table longer than the data sheet holds is refused before anything is computed", () => {
  const p = auditFitProblems([{ source: "mine.csv", rows: 1_048_571 }, { source: "st.csv", rows: 1_048_572 }]);
  expect(p.map((x) => x.source)).toEqual(["st.csv"]);
  expect(p[0].message).toMatch(/^has 1,048,572 rows; the Pay Audit data sheet copies them from row 6 .* at most 1,048,571 fit: audit a shorter period/);
});
