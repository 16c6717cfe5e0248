/**
 * A property over generated exports (issue 19): take a clean log, then dress it as real exports
 * come — title rows, page-break headers, footers and subtotals; headers renamed to names ClinPay
 * does not know but whose values it recognises; the whole date column flipped to day-first;
 * add-on codes put into one cell with the visit's code. Every build either stops (an InputError:
 * exit 2) or gives exactly the clean table's figures. Never a third outcome.
 */
import fc from "fast-check";
import { parseCsv } from "../../../../src/core/csv";
import { readAppointmentLog } from "../../../../src/core/inputs/appointments";
import { InputError } from "../../../../src/core/table";
import { bundledFees } from "../../../../src/core/data/bundled-fees";
import type { Appointment } from "../../../../src/core/inputs/types";

const fees = bundledFees();
// Work RVUs of CMS 2026 (shared/reference/cms-pfs-2026-rvu.csv), typed from the reference, not looked up by the code under test.
const WORK: Record<string, number> = { "99213": 1.3, "99214": 1.92, G2211: 0.33 };
const STATUSES = ["Completed", "No Show", "Cancelled", "Scheduled"] as const;
const CODE_SETS: string[][] = [["99213"], ["99214"], ["99214", "G2211"], ["99213", "G2211"]];

interface Visit {
  month: number;
  day: number;
  status: (typeof STATUSES)[number];
  codes: string[];
}

const visit = fc.record({ month: fc.integer({ min: 1, max: 6 }), day: fc.integer({ min: 1, max: 28 }), status: fc.constantFrom(...STATUSES), codes: fc.constantFrom(...CODE_SETS) });

interface Dress {
  titles: number;
  pageBreaks: number[];
  subtotals: number[];
  footer: boolean;
  rename: boolean;
  dayFirst: boolean;
  addOnsInCell: boolean;
}

const dress: fc.Arbitrary<Dress> = fc.record({
  titles: fc.integer({ min: 0, max: 5 }),
  pageBreaks: fc.array(fc.nat(), { maxLength: 3 }),
  subtotals: fc.array(fc.nat(), { maxLength: 3 }),
  footer: fc.boolean(),
  rename: fc.boolean(),
  dayFirst: fc.boolean(),
  addOnsInCell: fc.boolean(),
});

const pad = (n: number) => String(n).padStart(2, "0");
const wrvuOf = (codes: string[]) => Math.round(codes.reduce((s, c) => s + WORK[c], 0) * 100) / 100;

/** The clean export: ISO dates, one code, the visit's wRVU typed. */
function clean(visits: Visit[]): string {
  const lines = ["Date,Status,CPT,wRVU"];
  for (const v of visits) lines.push(`2026-${pad(v.month)}-${pad(v.day)},${v.status},${v.codes[0]},${wrvuOf(v.codes)}`);
  return lines.join("\n");
}

/** The same visits as a report prints them. */
function dressed(visits: Visit[], d: Dress): string {
  const header = d.rename ? "When,Outcome,Proc,wRVU" : "Appt Date,Appt Status,CPT Code,wRVU";
  const date = (v: Visit) => (d.dayFirst ? `${pad(v.day)}/${pad(v.month)}/2026` : `${pad(v.month)}/${pad(v.day)}/2026`);
  const codes = (v: Visit) => (d.addOnsInCell ? `"${v.codes.join(", ")}"` : v.codes[0]);
  const wrvu = (v: Visit) => (d.addOnsInCell ? "" : String(wrvuOf(v.codes)));
  const body = visits.map((v) => `${date(v)},${v.status},${codes(v)},${wrvu(v)}`);
  for (const at of d.subtotals) body.splice(at % (body.length + 1), 0, `,Subtotal,,${(at % 50) / 10}`);
  for (const at of d.pageBreaks) body.splice(at % (body.length + 1), 0, header);
  const titles = ["Appointment Report", "Provider: All", "Printed 2026-07-01", "Filters: none", "Clinic North"].slice(0, d.titles);
  const footer = d.footer ? [`Total Appointments: ${visits.length}`, "Page 1 of 1"] : [];
  return [...titles, header, ...body, ...footer].join("\n");
}

/** The figures a build rests on: counts, dates and wRVUs of what is counted. */
function figures(appts: Appointment[]) {
  const completed = appts.filter((a) => a.status === "completed");
  return {
    rows: appts.length,
    scheduled: appts.filter((a) => a.status !== "cancelled").length,
    completed: completed.length,
    noShows: appts.filter((a) => a.status === "no_show" || a.status === "late_cancel").length,
    dates: appts.map((a) => a.date),
    // A row's wRVU: its own, else its code's (as every sheet computes it).
    wrvu: Math.round(completed.reduce((s, a) => s + (a.wrvu ?? WORK[a.code ?? ""] ?? 0), 0) * 1e6) / 1e6,
  };
}

test("a dressed export reads to exactly the clean table's figures, or stops", () => {
  let stopped = 0;
  fc.assert(
    fc.property(fc.array(visit, { minLength: 1, maxLength: 40 }), dress, (visits, d) => {
      // A log's dates include a day past the 12th, so a flipped column says its order (the SPEC
      // reads a column that could be either order month-first in a comma file, and says so).
      const all: Visit[] = [{ month: 1, day: 20, status: "Completed", codes: ["99214"] }, ...visits];
      const expected = figures(readAppointmentLog(parseCsv(clean(all), "clean.csv"), { fees }).appointments);
      let got;
      try {
        got = figures(readAppointmentLog(parseCsv(dressed(all, d), "dressed.csv"), { fees }).appointments);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        stopped++;
        return;
      }
      expect(got).toEqual(expected);
    }),
    { numRuns: 200 }
  );
  // The dressing here is all readable: a refusal would be a reader that gives up too easily.
  expect(stopped).toBe(0);
});
