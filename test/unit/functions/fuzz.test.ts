/**
 * Fuzzing the CLINPAY wrappers the way a spreadsheet can abuse them. functions.test.ts already
 * throws one shared 7-argument mix at every function; this file goes where that one does not:
 *  - each function at its own arity, with arguments omitted (fewer than declared, undefined, null);
 *  - the numbers Excel or a broken formula can produce: NaN, ±Infinity, -0, 1e308, MIN_VALUE;
 *  - text a user types ("15%", "1e999", " ", "=SUM(A1)"), booleans, and odd range shapes:
 *    [], [[]], ragged rows, 1×10000 and 10000×1, single cells as [[x]];
 *  - arguments that are *almost* valid, per parameter kind, so the core's own edge cases (date
 *    limits, tier tables with ties, zero hours) are reached instead of stopping at coercion.
 * Properties: a finite number (or finite number[][] of the input's shape) or a CustomFunctions.Error
 * with an Excel error code and a message written for a person; never an internal failure
 * ("could not compute this", which means a TypeError or RangeError got through), never a mutated
 * argument, never slow on a 10,000-cell range.
 */
import fc from "fast-check";
import * as F from "../../../src/functions/functions";

import { FakeError, useFakeCustomFunctions } from "../../helpers/custom-functions";
import { installFeeFetch } from "../../helpers/fee-fetch";
// The four the SPEC allows (§1); #NULL!, #NAME? and #REF! would mean a wrong mapping.
const SPEC_CODES = new Set(["#VALUE!", "#N/A", "#DIV/0!", "#NUM!"]);

useFakeCustomFunctions();
installFeeFetch();

type Fn = (...args: unknown[]) => unknown;
type Kind = "num" | "rate" | "date" | "range" | "grid" | "code" | "method" | "year" | "count" | "setting" | "locality";

/** Each wrapper's parameters in order, by what a sensible caller would put there. */
const SIGNATURES: Record<string, Kind[]> = {
  effective_hourly: ["num", "num", "num", "num", "rate", "rate", "num"],
  noshow_adjust: ["grid", "rate", "rate"],
  tier_payout: ["count", "range", "range", "method"],
  next_tier_gap: ["count", "range"],
  breakeven_volume: ["num", "num", "num", "num", "rate", "rate", "num"],
  annualize_fn: ["num", "date", "date"],
  pace_needed: ["num", "num", "date", "date", "num"],
  rebase_fn: ["num", "num"],
  wrvu: ["code", "year"],
  downcode_impact: ["count", "code", "code", "num", "year"],
  patient_noshow_rate: ["count", "count", "count"],
  medicare_payment: ["code", "setting", "year", "locality"],
  effective_cf: ["num", "num"],
  rate_change_pvalue: ["count", "count", "count", "count"],
  benchmark_percentile: ["num", "num", "num", "num", "num"],
};

const FUNCTIONS = Object.entries(F).filter(([, v]) => typeof v === "function") as Array<[string, Fn]>;

// ---- arbitraries ------------------------------------------------------------------------------

const specialNumber = fc.constantFrom(
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  1e308,
  -1e308,
  2 ** 53,
  1e15,
  -1,
  0.5,
  1
);
const nastyText = fc.constantFrom("", " ", "abc", "15%", "0,15", "1e999", "NaN", "Infinity", "-0", "=SUM(A1)", "+cmd", "@SUM(1)", "TRUE", "99214", " g2211 ", "Cliff", "FLAT ", "marginal", "\u0000", "😀", "x".repeat(500));
const scalar = fc.oneof(
  { weight: 3, arbitrary: fc.double() },
  { weight: 3, arbitrary: specialNumber },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 3_000_000 }) },
  { weight: 2, arbitrary: nastyText },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) }
);
/** Ranges as Excel never sends them too: ragged rows, no rows, rows with no cells. */
const oddRange = fc.oneof(
  fc.array(fc.array(scalar, { minLength: 0, maxLength: 4 }), { minLength: 0, maxLength: 4 }),
  fc.constantFrom([], [[]], [[], []], [[null]], [[""]], [[0, 0], [0]], [[1], [2, 3]])
);
const anyArg = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 2, arbitrary: oddRange });

/** Ascending thresholds with matching rates, sometimes padded with trailing empties (0 or null). */
const tierTable = fc
  .tuple(
    fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1e12, noNaN: true })), { minLength: 1, maxLength: 10 }),
    fc.integer({ min: 0, max: 3 }),
    fc.constantFrom<0 | null | "">(0, null, ""),
    fc.boolean(),
    fc.array(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(0)), { minLength: 10, maxLength: 10 })
  )
  .map(([ts, pad, blank, column, rates]) => {
    const sorted = [...ts].sort((a, b) => a - b);
    const t: unknown[] = [...sorted, ...Array(pad).fill(blank)];
    const r: unknown[] = [...rates.slice(0, sorted.length), ...Array(pad).fill(blank)];
    const shape = (xs: unknown[]) => (column ? xs.map((x) => [x]) : [xs]);
    return [shape(t), shape(r)] as const;
  });

const plausible: Record<Kind, fc.Arbitrary<unknown>> = {
  num: fc.oneof(fc.double({ min: -10, max: 1e6, noNaN: true }), fc.constantFrom(0, -0, 8, 40, 75, 1e300)),
  count: fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.double({ min: 0, max: 1e7, noNaN: true }), fc.constantFrom(0, -0, 1e308)),
  rate: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, -0, 1.0000001, -1e-12)),
  // Around the edges of Excel's calendar as well as ordinary 2020s dates, with times of day.
  date: fc.oneof(
    fc.integer({ min: 43831, max: 47848 }),
    fc.double({ min: 1, max: 2958465.99, noNaN: true }),
    fc.constantFrom(0, 1, 59, 60, 61, 366, 2958100, 2958465, 2958465.5, 2958466, -1, 45658.75)
  ),
  range: fc.oneof(tierTable.map(([t]) => t), fc.array(fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })),
  grid: fc.array(fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, null, "")), { minLength: 1, maxLength: 5 }), {
    minLength: 1,
    maxLength: 5,
  }),
  code: fc.constantFrom(99213, 99214, "99214", " g2211 ", "G2211", 99202, "98005", 0, "ZZZZZ", "99214.0", [[99214]], -1, 1e21, "71046-26", "99214-95", "90837", "0509T-TC"),
  method: fc.constantFrom(null, undefined, "", "marginal", "cliff", "flat", "CLIFF", " Flat ", "tax", 0),
  year: fc.constantFrom(null, undefined, 2023, 2024, 2025, 2026, 2027, 1900, 0, 2025.5, -2025),
  setting: fc.constantFrom(null, undefined, "", "office", "facility", "Facility", "02", "10", "home", 0),
  locality: fc.constantFrom(null, undefined, "", "CA-54", "ca 54", "AL-00", "ZZ-99", "CA", 54),
};

/** Arguments for one function: each position plausible or nasty, then perhaps truncated. */
function argsFor(kinds: Kind[]): fc.Arbitrary<unknown[]> {
  return fc
    .tuple(
      fc.tuple(...kinds.map((k) => fc.oneof({ weight: 3, arbitrary: plausible[k] }, { weight: 1, arbitrary: anyArg }))),
      fc.integer({ min: 0, max: kinds.length })
    )
    .map(([args, keep]) => (keep === kinds.length ? args : args.slice(0, Math.max(keep, 1))));
}

// ---- the contract -----------------------------------------------------------------------------

/** Calls fn and checks the outcome against the SPEC §1 contract; returns it for further checks. */
async function callChecked(name: string, fn: Fn, args: unknown[]): Promise<{ value?: unknown; error?: FakeError }> {
  let value: unknown;
  try {
    value = await fn(...args);
  } catch (e) {
    if (!(e instanceof FakeError)) throw new Error(`${name}(${show(args)}) threw ${String(e)} instead of a CustomFunctions.Error`);
    expect(SPEC_CODES.has(e.code)).toBe(true);
    if (typeof e.message !== "string" || e.message.trim().length < 10) {
      throw new Error(`${name}(${show(args)}) gave ${e.code} without a message a person can act on: ${JSON.stringify(e.message)}`);
    }
    // toExcelError's fallback: an exception the core did not raise on purpose reached the cell.
    if (e.message.startsWith("ClinPay could not compute this")) {
      throw new Error(`${name}(${show(args)}) failed internally: ${e.message}`);
    }
    expect(e.message).not.toMatch(/\bundefined\b|\[object Object\]/);
    return { error: e };
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${name}(${show(args)}) returned ${value}`);
  } else if (Array.isArray(value)) {
    for (const row of value) {
      if (!Array.isArray(row)) throw new Error(`${name}(${show(args)}) returned a range with a non-row ${String(row)}`);
      for (const x of row) if (typeof x !== "number" || !Number.isFinite(x)) throw new Error(`${name}(${show(args)}) returned a cell ${String(x)}`);
    }
  } else {
    throw new Error(`${name}(${show(args)}) returned ${typeof value}: ${String(value)}`);
  }
  return { value };
}

function show(args: unknown[]): string {
  const s = JSON.stringify(args, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v === undefined ? "undefined" : v));
  return s.length > 300 ? s.slice(0, 300) + "…" : s;
}

const clone = (x: unknown) => structuredClone(x);

describe("every wrapper, at its own arity, with plausible and nasty arguments", () => {
  test("the signature table covers every exported function at its declared arity", () => {
    expect(FUNCTIONS.map(([n]) => n).sort()).toEqual(Object.keys(SIGNATURES).sort());
    for (const [name, fn] of FUNCTIONS) expect([name, fn.length]).toEqual([name, SIGNATURES[name].length]);
  });

  test.each(Object.keys(SIGNATURES))("%s: finite result or an Excel error with a message; arguments untouched", async (name) => {
    const fn = (F as unknown as Record<string, Fn>)[name];
    await fc.assert(
      fc.asyncProperty(argsFor(SIGNATURES[name]), async (args) => {
        const before = clone(args);
        await callChecked(name, fn, args);
        expect(args).toEqual(before);
      }),
      { numRuns: 3000 }
    );
  });

  test.each(Object.keys(SIGNATURES))("%s: every argument position alone set to each special value", async (name) => {
    const fn = (F as unknown as Record<string, Fn>)[name];
    const kinds = SIGNATURES[name];
    const base = fc.sample(fc.tuple(...kinds.map((k) => plausible[k])), { numRuns: 1, seed: 7 })[0] as unknown[];
    const specials: unknown[] = [NaN, Infinity, -Infinity, -0, 1e308, -1e308, Number.MIN_VALUE, "", " ", "abc", "15%", true, false, null, undefined, [], [[]], [[NaN]], [["x"]], [[1, 2], [3]]];
    for (let i = 0; i < kinds.length; i++) {
      for (const s of specials) {
        const args = [...base];
        args[i] = s;
        await callChecked(name, fn, args);
      }
    }
    // Omitting trailing arguments entirely, as a JavaScript caller (or a test) might.
    for (let n = 0; n <= kinds.length; n++) await callChecked(name, fn, base.slice(0, n));
  });
});

describe("the results themselves", () => {
  test("NOSHOW_ADJUST keeps the shape of any rectangular range, empty cells as 0", async () => {
    await fc.assert(
      fc.asyncProperty(plausible.grid, plausible.rate, plausible.rate, async (grid, rate, share) => {
        const r = await callChecked("noshow_adjust", F.noshow_adjust as Fn, [grid, rate, share]);
        if (r.error) return;
        const g = grid as unknown[][];
        const out = r.value as number[][];
        expect(out.map((row) => row.length)).toEqual(g.map((row) => row.length));
        g.forEach((row, i) =>
          row.forEach((cell, j) => {
            if (cell === null || cell === "" || cell === 0) expect(out[i][j]).toBe(0);
          })
        );
      }),
      { numRuns: 1000 }
    );
  });

  test("-0 anywhere reads as 0 (a cell showing 0 can hold it) and never leaks out as a sign", () => {
    expect(Object.is(F.effective_hourly(-0, 75, 8), 0)).toBe(true);
    expect(F.tier_payout(-0, [[0, 120]], [[0, 30]])).toBe(0);
    expect(F.next_tier_gap(-0, [[0, 120]])).toBe(0);
    expect(F.patient_noshow_rate(-0, 100, -0)).toBe(0);
    const adj = F.noshow_adjust([[-0, 5]], -0)[0];
    expect(adj[1]).toBe(5);
  });

  test("a valid table always pays a finite, non-negative amount, by every method, in a row or a column", async () => {
    await fc.assert(
      fc.asyncProperty(tierTable, plausible.count, fc.constantFrom("marginal", "cliff", "flat", null), async ([t, r], volume, method) => {
        const res = await callChecked("tier_payout", F.tier_payout as Fn, [volume, t, r, method]);
        if (res.error) {
          // Only an out-of-range volume or an overflowing product may refuse a valid table.
          expect(["#NUM!"]).toContain(res.error.code);
          return;
        }
        expect(res.value as number).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 }
    );
  });
});

describe("huge ranges, as a whole-column reference sends them", () => {
  const N = 10_000;
  const row = (xs: unknown[]) => [xs];
  const col = (xs: unknown[]) => xs.map((x) => [x]);
  const ascending = Array.from({ length: N }, (_, i) => i * 10);
  const rates = Array.from({ length: N }, (_, i) => (i % 7) + 0.5);
  const tenTiers = Array.from({ length: 10 }, (_, i) => i * 100);
  // A 10-tier table at the top of a 1×10000 selection: the rest arrive as 0 (empty cells).
  const padded = (xs: number[]) => [...xs, ...Array(N - xs.length).fill(0)];

  test.each([
    ["a row", row],
    ["a column", col],
  ])("TIER_PAYOUT and NEXT_TIER_GAP over 10,000 tiers in %s", async (_label, shape) => {
    for (const method of ["marginal", "cliff", "flat"]) {
      const r = await callChecked("tier_payout", F.tier_payout as Fn, [N * 10 + 5, shape(ascending), shape(rates), method]);
      expect(r.error).toBeUndefined();
    }
    expect((await callChecked("next_tier_gap", F.next_tier_gap as Fn, [12_345, shape(ascending)])).value).toBe(5);
    // A 10-tier table padded to 10,000 cells with empties is the same table.
    expect(F.tier_payout(950, shape(padded(tenTiers)) as number[][], shape(padded(tenTiers.map((_, i) => i))) as number[][])).toBe(
      F.tier_payout(950, [tenTiers], [tenTiers.map((_, i) => i)])
    );
  });

  test("NOSHOW_ADJUST over 1×10000 and 10000×1 returns the same shape, empties as 0", () => {
    for (const shape of [row, col]) {
      const cells = Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 0 : i % 3 === 1 ? null : i));
      const out = F.noshow_adjust(shape(cells) as number[][], 0.1, 0.5);
      expect(out.length).toBe(shape === row ? 1 : N);
      expect(out.flat().length).toBe(N);
      expect(out.flat().every((x) => Number.isFinite(x))).toBe(true);
      expect(out.flat()[1]).toBe(0);
    }
  });

  test("one bad cell deep in a 10,000-cell range is named by its row and column", async () => {
    const cells: unknown[] = [...ascending];
    cells[9_876] = "n/a";
    const inColumn = (await callChecked("next_tier_gap", F.next_tier_gap as Fn, [5, col(cells)])).error;
    expect(inColumn?.code).toBe("#VALUE!");
    expect(inColumn?.message).toContain('text "n/a" in row 9877, column 1');
    const inRow = (await callChecked("noshow_adjust", F.noshow_adjust as Fn, [row(cells), 0.1])).error;
    expect(inRow?.message).toContain("row 1, column 9877");
  });

  test("a 10,000-cell range where one value belongs is refused, not summed or read as its first cell", async () => {
    for (const [name, fn, args] of [
      ["effective_hourly", F.effective_hourly, [col(ascending), 75, 8]],
      ["rebase_fn", F.rebase_fn, [5000, row(rates)]],
      ["wrvu", F.wrvu, [col(Array(N).fill(99214))]],
      ["annualize_fn", F.annualize_fn, [1000, row(Array(N).fill(45700))]],
    ] as Array<[string, Fn, unknown[]]>) {
      const r = await callChecked(name, fn, args);
      expect(r.error?.code).toBe("#VALUE!");
      expect(r.error?.message).toMatch(/range/);
    }
  });
});
