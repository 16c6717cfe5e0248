import type { Problem, RawTable } from "../../../src/core/inputs/types";
import {
  InputError,
  formatProblems,
  headerKey,
  date,
  nonNegative,
  number,
  oneOf,
  parseDateValue,
  parseNumberText,
  rate,
  readRows,
  text,
  yesNo,
  CellError,
} from "../../../src/core/table";

const table = (headers: string[], rows: (string | number | boolean | Date | null)[][], extra: Partial<RawTable> = {}): RawTable => ({
  source: "t.csv",
  headers,
  rows,
  ...extra,
});

describe("headerKey", () => {
  test("ignores case, spaces, _, - and %", () => {
    expect(headerKey("No-Show Rate %")).toBe(headerKey("no_show_rate"));
    expect(headerKey("  Paid hours per week ")).toBe(headerKey("paid_hours_per_week"));
    expect(headerKey("UNITS_PER-HOUR")).toBe("unitsperhour");
    expect(headerKey("units per day")).not.toBe(headerKey("units_per_hour"));
  });
  test("punctuation an export adds never hides a column", () => {
    expect(headerKey("No-show rate (%)")).toBe(headerKey("no_show_rate"));
    expect(headerKey("Paid?")).toBe(headerKey("paid"));
    expect(headerKey("wRVU / visit")).toBe("wrvuvisit");
    expect(headerKey("Unbezahlte Stunden")).toBe("unbezahltestunden");
  });
});

describe("parseNumberText", () => {
  test.each([
    ["1200", 1200],
    [" 48 ", 48],
    ["$1,200", 1200],
    ["$ 1,200.50", 1200.5],
    ["1,234,567", 1234567],
    ["-$50", -50],
    ["$-50", -50],
    ["\u22125", -5],
    ["+3", 3],
    [".5", 0.5],
    ["0.15", 0.15],
    ["1.5e3", 1500],
  ])("US: %s → %d", (s, n) => expect(parseNumberText(s)).toBe(n));

  test.each([["0,15"], ["1,20"], ["12,5"], ["abc"], [""], ["$"], ["-"], ["1.2.3"], ["15%"], ["1 200"], ["3 visits"]])(
    "US: %s is not a number",
    (s) => expect(parseNumberText(s)).toBeUndefined()
  );

  test.each([
    ["0,15", 0.15],
    ["1.234,5", 1234.5],
    ["1234,5", 1234.5],
    ["260.000", 260000],
    ["1 234,5", 1234.5],
    ["1\u00a0234", 1234],
    ["0.15", 0.15], // a dot that cannot be a thousands separator is a decimal point
    ["0.150", 0.15],
    ["1.5", 1.5],
    ["2,5", 2.5],
    ["-3,25", -3.25],
  ])("decimal comma: %s → %d", (s, n) => expect(parseNumberText(s, true)).toBe(n));

  test.each([["1,2,3"], ["1.23.4"], ["x"]])("decimal comma: %s is not a number", (s) =>
    expect(parseNumberText(s, true)).toBeUndefined()
  );
});

describe("cell kinds", () => {
  const ctx = { decimalComma: false };

  test("rate: fractions, percent text, and a bare 15 refused with both ways to type it", () => {
    const r = rate("no_show_rate");
    expect(r.parse(0.15, ctx)).toBe(0.15);
    expect(r.parse("0.15", ctx)).toBe(0.15);
    expect(r.parse("15%", ctx)).toBeCloseTo(0.15, 12);
    expect(r.parse(" 7.5 % ", ctx)).toBeCloseTo(0.075, 12);
    expect(r.parse("0,15", { decimalComma: true })).toBe(0.15);
    expect(r.parse("12,5%", { decimalComma: true })).toBeCloseTo(0.125, 12);
    expect(r.parse(1, ctx)).toBe(1);
    expect(r.parse(0, ctx)).toBe(0);
    const e = r.parse(15, ctx) as CellError;
    expect(e).toBeInstanceOf(CellError);
    expect(e.message).toBe("no_show_rate must be between 0 and 1: type 0.15 or 15% for fifteen percent");
    expect((r.parse("7", ctx) as CellError).message).toMatch(/type 0\.07 or 7% for seven percent/);
    expect((r.parse("150%", ctx) as CellError).message).toMatch(/between 0 and 1/);
    expect((r.parse(-0.1, ctx) as CellError).message).toMatch(/cannot be negative/);
    expect((r.parse(250, ctx) as CellError).message).toMatch(/between 0 and 1/);
    expect((r.parse("high", ctx) as CellError).message).toMatch(/0\.15, or 15%/);
  });

  test("rate with a negative floor (a scenario's no_show_add)", () => {
    const r = rate("no_show_add", { min: -1, default: 0 });
    expect(r.parse("-10%", ctx)).toBeCloseTo(-0.1, 12);
    expect(r.parse(-0.05, ctx)).toBe(-0.05);
    expect(r.parse(-2, ctx)).toBeInstanceOf(CellError);
  });

  test("money: $ and thousands separators; text and negatives refused with what to type", () => {
    const m = nonNegative("base_salary", { default: 0, example: "260000" });
    expect(m.parse("$1,200", ctx)).toBe(1200);
    expect(m.parse(1200, ctx)).toBe(1200);
    expect((m.parse("lots", ctx) as CellError).message).toBe("is not a number: type a number such as 260000");
    expect((m.parse(-5, ctx) as CellError).message).toMatch(/cannot be negative/);
    expect((m.parse("0,15", ctx) as CellError).message).toMatch(/use a dot for decimals, e\.g\. 0\.15/);
    expect((m.parse(new Date(), ctx) as CellError).message).toMatch(/is a date/);
    expect((m.parse(true, ctx) as CellError).message).toMatch(/TRUE\/FALSE/);
  });

  test("number with bounds", () => {
    const w = number("weeks_per_year", { default: 48, min: 1, max: 53, what: "working weeks a year" });
    expect(w.parse("46", ctx)).toBe(46);
    expect((w.parse(60, ctx) as CellError).message).toBe("must be between 1 and 53 working weeks a year");
    expect((w.parse(0, ctx) as CellError).message).toBe("must be between 1 and 53 working weeks a year");
    expect((number("x", { min: 2 }).parse(1, ctx) as CellError).message).toBe("must be at least 2");
    expect((number("x", { max: 2 }).parse(3, ctx) as CellError).message).toBe("must be at most 2");
    const h = number("paid_hours_per_week", { above: 0 });
    expect((h.parse(0, ctx) as CellError).message).toMatch(/more than 0/);
  });

  test("number with percent allowed", () => {
    const f = nonNegative("volume_factor", { default: 1, percent: true });
    expect(f.parse("80%", ctx)).toBeCloseTo(0.8, 12);
    expect(nonNegative("minutes").parse("80%", ctx)).toBeInstanceOf(CellError);
  });

  test("oneOf: case, spaces, _ and - do not matter; synonyms; a list of choices otherwise", () => {
    const s = oneOf("status", ["completed", "no_show", "late_cancel", "cancelled"] as const, { synonyms: { canceled: "cancelled" } });
    for (const t of ["no_show", "No Show", "no-show", "NOSHOW", " no show "]) expect(s.parse(t, ctx)).toBe("no_show");
    expect(s.parse("Late Cancel", ctx)).toBe("late_cancel");
    expect(s.parse("Canceled", ctx)).toBe("cancelled");
    expect((s.parse("missed", ctx) as CellError).message).toBe("must be one of completed, no_show, late_cancel or cancelled");
    const u = oneOf("unit", ["visit", "wrvu"] as const, { default: "visit" });
    expect((u.parse("hour", ctx) as CellError).message).toBe("must be visit or wrvu");
  });

  test("yesNo", () => {
    const p = yesNo("paid", { default: false });
    for (const v of ["yes", "Y", "TRUE", "1", true, 1]) expect(p.parse(v, ctx)).toBe(true);
    for (const v of ["no", "n", "False", "0", false, 0]) expect(p.parse(v, ctx)).toBe(false);
    expect((p.parse("maybe", ctx) as CellError).message).toMatch(/yes or no/);
  });
});

describe("parseDateValue", () => {
  const JAN1_2025 = 45658; // SPEC §1
  test.each([
    ["2025-01-01", JAN1_2025],
    ["2025-1-1", JAN1_2025],
    ["2025-01-01T09:30:00Z", JAN1_2025],
    ["2025-01-01 09:30", JAN1_2025],
    ["2025/01/01", JAN1_2025],
    ["1/1/2025", JAN1_2025],
    ["01/01/2025", JAN1_2025],
    ["1/1/25", JAN1_2025],
    ["1/1/2025 9:30 AM", JAN1_2025],
    ["12/31/2024", JAN1_2025 - 1],
    ["3/1/2024", JAN1_2025 - 306], // 2024 is a leap year: Mar 1 → Dec 31 is 306 days
    ["2/29/2024", JAN1_2025 - 307],
    ["20250101", JAN1_2025],
    ["45658", JAN1_2025],
  ])("%s → %d", (s, n) => expect(parseDateValue(s)).toBe(n));

  test("two-digit years pivot as Excel does: 00–29 → 2000s, 30–99 → 1900s", () => {
    expect(parseDateValue("1/1/29")).toBe(parseDateValue("2029-01-01"));
    expect(parseDateValue("1/1/30")).toBe(parseDateValue("1930-01-01"));
  });

  test("numbers are Excel serials; Dates from XLSX are converted", () => {
    expect(parseDateValue(45658)).toBe(JAN1_2025);
    expect(parseDateValue(45658.75)).toBe(JAN1_2025);
    expect(parseDateValue(new Date(Date.UTC(2025, 0, 1)))).toBe(JAN1_2025);
    expect(parseDateValue(new Date(Date.UTC(2025, 0, 1, 13, 45)))).toBe(JAN1_2025);
  });

  test("clear messages for what cannot be a date", () => {
    const msg = (v: string | number) => (parseDateValue(v) as CellError).message;
    expect(msg("13/1/2025")).toMatch(/month\/day\/year.*pass --date-order dmy/);
    expect(msg("2025-02-30")).toMatch(/February 2025 has no day 30/);
    expect(msg("2025-13-01")).toMatch(/13 is not a month/);
    expect(msg("2/29/2025")).toMatch(/no day 29/);
    // ISO only: a slash date typed to fix one cell could change how its whole column is read.
    expect(msg("next tuesday")).toMatch(/type it as YYYY-MM-DD, e.g. 2025-01-31/);
    expect(msg(-3)).toMatch(/not a date/);
    expect(msg(9_999_999)).toMatch(/not a date/);
  });
});

describe("readRows", () => {
  const schema = {
    offer: text("offer"),
    units: nonNegative("units_per_hour"),
    rate: rate("no_show_rate", { default: 0 }),
    unit: oneOf("unit", ["visit", "wrvu"] as const, { default: "visit" }),
    note: text("advertised", { default: "" }),
    when: date<null>("start_date", { default: null }),
  };

  test("typed rows with defaults; unknown columns ignored; header spelling loose", () => {
    const t = table(["Offer", "Units per hour", "No-show rate %", "colour"], [["A", "3", "12%", "blue"], ["B", 4, 0.1, ""]]);
    const { rows, problems, present } = readRows(t, schema, { rowNoun: "offer" });
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ row: 2, ok: true, offer: "A", units: 3, unit: "visit", note: "", when: null });
    expect(rows[0].rate).toBeCloseTo(0.12, 12);
    expect(rows[1]).toMatchObject({ row: 3, offer: "B", units: 4, rate: 0.1 });
    expect([...present].sort()).toEqual(["offer", "rate", "units"]);
  });

  test("blank rows are skipped but count for row numbers; headerRow shifts numbering", () => {
    const t = table(["offer", "units_per_hour"], [["A", 1], [null, ""], ["  ", null], ["B", "x"]], { headerRow: 4 });
    const { rows, problems } = readRows(t, schema, { rowNoun: "offer" });
    expect(rows.map((r) => r.row)).toEqual([5, 8]);
    expect(problems).toEqual([
      { source: "t.csv", row: 8, column: "units_per_hour", value: "x", message: "is not a number: type a number such as 48" },
    ]);
  });

  test("a missing required column is reported once, at the header row, listing the columns found", () => {
    const t = table(["offer", "base_salary"], [["A", 1], ["B", 2], ["C", 3]]);
    const { problems } = readRows(t, schema, { rowNoun: "offer" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 1, column: "units_per_hour", value: "" });
    expect(problems[0].message).toBe("this column is missing; the columns found are: offer, base_salary");
  });

  test("all bad cells are reported at once, each with row and column", () => {
    const t = table(["offer", "units_per_hour", "no_show_rate", "unit"], [["A", "-1", "15", "hour"], ["", "3", "0.1", "visit"], ["C", "3", "x", "wrvu"]]);
    const { problems, rows } = readRows(t, schema, { rowNoun: "offer" });
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, "units_per_hour"],
      [2, "no_show_rate"],
      [2, "unit"],
      [3, "offer"],
      [4, "no_show_rate"],
    ]);
    expect(problems[3].message).toMatch(/^is empty: /);
    expect(rows.map((r) => r.ok)).toEqual([false, false, false]);
  });

  test("an empty table and a header-only table are problems", () => {
    const empty = readRows(table([], []), schema, { rowNoun: "offer" }).problems;
    expect(empty).toHaveLength(1);
    expect(empty[0].message).toMatch(/is empty.*offer, units_per_hour/);
    const headerOnly = readRows(table(["offer", "units_per_hour"], [["", ""]]), schema, { rowNoun: "offer" }).problems;
    expect(headerOnly).toHaveLength(1);
    expect(headerOnly[0]).toMatchObject({ row: 0, column: "" });
    expect(headerOnly[0].message).toMatch(/no data rows.*one row per offer/);
  });

  test("more filled cells than headers (an unquoted $1,200) is a row problem", () => {
    const t = table(["offer", "units_per_hour"], [["A", "$1", "200"], ["B", "3", "", ""]]);
    const { problems } = readRows(t, schema, { rowNoun: "offer" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 2, column: "", value: "200" });
    expect(problems[0].message).toMatch(/3 cells.*2 columns.*double quotes/);
  });

  test("two headers read as one column is a problem", () => {
    const t = table(["offer", "Offer ", "units_per_hour"], [["A", "B", 3]]);
    const { problems } = readRows(t, schema, { rowNoun: "offer" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 1, column: "offer" });
  });

  test("decimalComma tables read 0,15 and 1.234,5", () => {
    const t = table(["offer", "units_per_hour", "no_show_rate"], [["A", "1.234,5", "0,15"]], { decimalComma: true });
    const { rows, problems } = readRows(t, schema, { rowNoun: "offer" });
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ units: 1234.5, rate: 0.15 });
  });

  test("a one-cell header hints at a wrong separator", () => {
    const t = table(["offer|units_per_hour"], [["A|3"]]);
    const { problems } = readRows(t, schema, { rowNoun: "offer" });
    expect(problems[0].message).toMatch(/all in one cell/);
  });
});

describe("formatProblems and InputError", () => {
  const p = (row: number, column: string, value: string, message: string, source = "offers.csv"): Problem => ({ source, row, column, value, message });

  test("one line per problem: file, row, column, value, why", () => {
    expect(formatProblems([p(4, "no_show_rate", "15", "must be between 0 and 1")])).toBe(
      'offers.csv row 4, column no_show_rate: "15" — must be between 0 and 1'
    );
    expect(formatProblems([p(1, "units_per_hour", "", "this column is missing")])).toBe(
      "offers.csv row 1, column units_per_hour: this column is missing"
    );
    expect(formatProblems([p(0, "", "", "is empty")])).toBe("offers.csv: is empty");
    expect(formatProblems([p(3, "", "x", "too many cells")])).toBe('offers.csv row 3: "x" — too many cells');
  });

  test("grouped by file in first-seen order, then by row", () => {
    const lines = formatProblems([p(5, "a", "", "m5"), p(2, "b", "", "t2", "tiers.csv"), p(3, "c", "", "m3")]).split("\n");
    expect(lines).toEqual(["offers.csv row 3, column c: m3", "offers.csv row 5, column a: m5", "tiers.csv row 2, column b: t2"]);
  });

  test("long values are shortened and line breaks shown; past max lines the rest are counted", () => {
    expect(formatProblems([p(2, "a", "x".repeat(100), "m")])).toMatch(/"x{39}…"/);
    expect(formatProblems([p(2, "a", "two\nlines", "m")])).toContain('"two⏎lines"');
    const many = Array.from({ length: 250 }, (_, i) => p(i + 2, "a", "", "m"));
    const lines = formatProblems(many).split("\n");
    expect(lines).toHaveLength(101);
    expect(lines[100]).toMatch(/150 more \(250 problems in all\)/);
    expect(formatProblems(many, 300).split("\n")).toHaveLength(250);
  });

  test("InputError carries every problem and a readable message", () => {
    const e = new InputError([p(4, "no_show_rate", "15", "m")]);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("InputError");
    expect(e.problems).toHaveLength(1);
    expect(e.message).toContain("offers.csv row 4, column no_show_rate");
  });
});
