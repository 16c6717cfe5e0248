/**
 * The CLINPAY wrappers called the way Excel calls them: omitted optional arguments as null,
 * ranges as number[][] (a row or a column; empty cells as 0), dates as serials, and text,
 * TRUE/FALSE or "" where numbers belong. A fake CustomFunctions global stands in for the runtime.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import * as F from "../../../src/functions/functions";
import { toExcelError } from "../../../src/functions/coerce";
import { numError } from "../../../src/core/errors";

import { FakeError, useFakeCustomFunctions } from "../../helpers/custom-functions";
import { installFeeFetch } from "../../helpers/fee-fetch";

useFakeCustomFunctions();

/** Calls fn, which must throw a CustomFunctions.Error with this code and message text. */
installFeeFetch();

/** As expectExcelError, for the functions that wait for the fee schedule. */
async function expectAsyncExcelError(fn: () => Promise<unknown>, code: string, message: string): Promise<void> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(FakeError);
  expect((caught as FakeError).code).toBe(code);
  expect((caught as FakeError).message).toContain(message);
}

function expectExcelError(fn: () => unknown, code: string, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(FakeError);
  expect((caught as FakeError).code).toBe(code);
  expect((caught as FakeError).message).toContain(message);
}

// Excel hands any type to any parameter; the declared TypeScript types are what Excel is asked for.
const any = (v: unknown) => v as never;

const JAN1_2025 = 45658;
const MAR14_2025 = JAN1_2025 + 72; // day 73
const DEC31_2025 = JAN1_2025 + 364;

describe("EFFECTIVE_HOURLY", () => {
  test("SPEC example, omitted optionals as null", () => {
    expect(F.effective_hourly(4, 75, 8, 1.5, 0.15, any(null), any(null))).toBeCloseTo((4 * 8 * 0.85 * 75) / 9.5, 10);
    expect(F.effective_hourly(4, 75, 8, any(null), any(null), any(null), any(null))).toBeCloseTo(300, 10);
    expect(F.effective_hourly(4, 75, 8)).toBeCloseTo(300, 10);
  });
  test('"" (a formula giving empty text) in an optional argument takes the default', () => {
    expect(F.effective_hourly(4, 75, 8, any(""), 0.15)).toBeCloseTo((4 * 8 * 0.85 * 75) / 8, 10);
  });
  test("text, TRUE/FALSE or nothing where a number belongs is #VALUE! naming the argument", () => {
    expectExcelError(() => F.effective_hourly(any("four"), 75, 8), "#VALUE!", 'units_per_hour is text "four", not a number');
    expectExcelError(() => F.effective_hourly(4, any(true), 8), "#VALUE!", "pay_per_unit is TRUE, not a number");
    expectExcelError(() => F.effective_hourly(4, 75, 8, any(false)), "#VALUE!", "unpaid_hours is FALSE, not a number");
    expectExcelError(() => F.effective_hourly(4, 75, any(null)), "#VALUE!", "paid_hours is missing: type a number, e.g. 8");
    expectExcelError(() => F.effective_hourly(4, 75, any("")), "#VALUE!", "paid_hours is missing");
  });
  test("rates outside 0..1 are #NUM!, hours adding to 0 are #DIV/0!", () => {
    expectExcelError(() => F.effective_hourly(4, 75, 8, 0, 15), "#NUM!", "no_show_rate must be between 0 and 1, e.g. 15% or 0.15");
    expectExcelError(() => F.effective_hourly(4, 75, -8), "#NUM!", "paid_hours must be 0 or more");
    expectExcelError(() => F.effective_hourly(4, 75, 0, any(null)), "#DIV/0!", "paid_hours + unpaid_hours is 0");
  });
  test("an overflowing result is #NUM!, never Infinity", () => {
    expectExcelError(() => F.effective_hourly(1e300, 1e300, 8), "#NUM!", "too large");
  });
});

describe("NOSHOW_ADJUST", () => {
  test("a single cell arrives as [[x]] and returns [[x']]", () => {
    const r = F.noshow_adjust([[100]], 0.15, any(null));
    expect(r.length).toBe(1);
    expect(r[0].length).toBe(1);
    expect(r[0][0]).toBeCloseTo(85, 10);
  });
  test("a range keeps its shape; empty cells (0) stay 0", () => {
    const r = F.noshow_adjust(
      [
        [100, 200],
        [50, 0],
      ],
      0.2,
      0.5
    );
    expect(r.map((row) => row.map((x) => Math.round(x * 1e9) / 1e9))).toEqual([
      [90, 180],
      [45, 0],
    ]);
    expect(F.noshow_adjust([[100], [any("")], [any(null)]], 0.1)).toEqual([[90], [0], [0]]);
  });
  test("a plain number (no range) still works", () => {
    expect(F.noshow_adjust(any(100), 0.15)[0][0]).toBeCloseTo(85, 10);
  });
  test("errors", () => {
    expectExcelError(() => F.noshow_adjust([[100, any("n/a")]], 0.1), "#VALUE!", 'value has text "n/a" in row 1, column 2 of the range');
    expectExcelError(() => F.noshow_adjust([[100]], any(null)), "#VALUE!", "no_show_rate is missing");
    expectExcelError(() => F.noshow_adjust([[100]], 1.1), "#NUM!", "no_show_rate must be between 0 and 1");
  });
});

describe("TIER_PAYOUT", () => {
  const row = { t: [[0, 120, 160]], r: [[0, 30, 45]] };
  const col = { t: [[0], [120], [160]], r: [[0], [30], [45]] };
  test("SPEC examples from a row or a column, method case-insensitive", () => {
    expect(F.tier_payout(170, row.t, row.r, any(null))).toBe(1650);
    expect(F.tier_payout(170, col.t, col.r, "marginal")).toBe(1650);
    expect(F.tier_payout(170, row.t, col.r, "Cliff")).toBe(7650);
    expect(F.tier_payout(170, row.t, row.r, "FLAT")).toBe(45);
    expect(F.tier_payout(170, row.t, row.r, any(""))).toBe(1650);
  });
  test("a range larger than the table: trailing cells empty (0) in both are ignored", () => {
    expect(F.tier_payout(170, [[0], [120], [160], [0], [0]], [[0], [30], [45], [0], [0]])).toBe(1650);
    expect(F.tier_payout(170, [[0, 120, 160, 0]], [[0, 30, 45, 0]], "cliff")).toBe(7650);
  });
  test("two-dimensional ranges read row by row", () => {
    expect(F.tier_payout(170, [[0, 120], [160, 0]], [[0, 30], [45, 0]])).toBe(1650);
  });
  test("errors", () => {
    expectExcelError(() => F.tier_payout(170, row.t, [[0, 30]]), "#VALUE!", "thresholds has 3 values but rates has 2");
    expectExcelError(() => F.tier_payout(170, [[0, 160, 120]], row.r), "#VALUE!", "thresholds must go strictly up");
    expectExcelError(() => F.tier_payout(170, row.t, row.r, "tax"), "#VALUE!", 'method "tax" is not a tier method');
    expectExcelError(() => F.tier_payout(170, row.t, row.r, any(3)), "#VALUE!", "method is 3, not text");
    expectExcelError(() => F.tier_payout(-1, row.t, row.r), "#NUM!", "volume must be 0 or more");
    expectExcelError(() => F.tier_payout(170, [[0, any("x"), 160]], row.r), "#VALUE!", 'thresholds has text "x" in row 1, column 2');
    expectExcelError(() => F.tier_payout(170, any(null), row.r), "#VALUE!", "thresholds is missing");
  });
});

describe("NEXT_TIER_GAP", () => {
  test("units to the next threshold", () => {
    expect(F.next_tier_gap(130, [[0, 120, 160]])).toBe(30);
    expect(F.next_tier_gap(130, [[0], [120], [160], [0]])).toBe(30);
  });
  test("#N/A above the top threshold", () => {
    expectExcelError(() => F.next_tier_gap(161, [[0, 120, 160]]), "#N/A", "already above the top threshold");
  });
});

describe("BREAKEVEN_VOLUME", () => {
  test("inverts the SPEC example; 0 when fixed pay reaches the target", () => {
    expect(F.breakeven_volume(2040 / 9.5, 75, 8, 1.5, 0.15, any(null), any(null))).toBeCloseTo(4, 10);
    expect(F.breakeven_volume(100, 75, 8, 0, 0, 0, 1000)).toBe(0);
  });
  test("#DIV/0! when no volume can reach the target", () => {
    expectExcelError(() => F.breakeven_volume(100, 0, 8), "#DIV/0!", "pay_per_unit is 0");
  });
});

describe("ANNUALIZE and PACE_NEEDED take dates as serials", () => {
  test("ANNUALIZE", () => {
    expect(F.annualize_fn(1000, MAR14_2025, any(null))).toBeCloseTo((1000 * 365) / 73, 10);
    expect(F.annualize_fn(1000, MAR14_2025, JAN1_2025)).toBeCloseTo(5000, 10);
  });
  test("PACE_NEEDED", () => {
    expect(F.pace_needed(5000, 1000, MAR14_2025, any(null), any(null))).toBeCloseTo(4000 / (292 / 7), 10);
    expect(F.pace_needed(5000, 1000, MAR14_2025, JAN1_2025, 1)).toBeCloseTo(4000 / 292, 10);
    expectExcelError(() => F.pace_needed(5000, 1000, DEC31_2025), "#N/A", "period is over");
    expectExcelError(() => F.pace_needed(5000, 1000, JAN1_2025, JAN1_2025 + 1), "#NUM!", "as_of (2025-01-01) is before period_start (2025-01-02)");
  });
  test("a date typed as text is #VALUE! suggesting DATE()", () => {
    expectExcelError(() => F.annualize_fn(1000, any("2025-03-14")), "#VALUE!", 'as_of is text "2025-03-14", not a date: use a cell holding a date, or DATE(2025,7,1)');
    expectExcelError(() => F.pace_needed(5000, 1000, MAR14_2025, any("Jan 1")), "#VALUE!", "period_start is text");
  });
});

describe("REBASE, WRVU, DOWNCODE_IMPACT, PATIENT_NOSHOW_RATE", () => {
  test("REBASE", () => {
    expect(F.rebase_fn(5000, 50)).toBe(250000);
    expectExcelError(() => F.rebase_fn(5000, -1), "#NUM!", "dollars_per_wrvu must be 0 or more");
  });
  test("WRVU takes a number or text code, and modifier rows", async () => {
    expect(await F.wrvu(99214, any(null))).toBe(1.92);
    expect(await F.wrvu("99213")).toBe(1.3);
    expect(await F.wrvu(" g2211 ")).toBe(0.33);
    expect(await F.wrvu(99214, 2025)).toBe(1.92);
    expect(await F.wrvu(any([[99214]]))).toBe(1.92);
    // Reference README: 90837 3.63 (2025) -> 3.78 (2026); no year is the code's latest, 2026.
    expect(await F.wrvu("90837")).toBe(3.78);
    expect(await F.wrvu("90837", 2025)).toBe(3.63);
    expect(await F.wrvu("71046-26", 2025)).toBe(0.22);
    expect(await F.wrvu("71046-TC", 2025)).toBe(0);
    expect(await F.wrvu("99214-95")).toBe(1.92);
  });
  test("WRVU errors", async () => {
    await expectAsyncExcelError(() => F.wrvu(99999), "#N/A", "code 99999 is not in the CMS fee schedule");
    // 37220-37235 were replaced by 37254+ in 2026 (reference README).
    await expectAsyncExcelError(() => F.wrvu(37220, 2026), "#N/A", "no 2026 RVUs for 37220");
    await expectAsyncExcelError(() => F.wrvu(any(null)), "#VALUE!", "code is missing");
    await expectAsyncExcelError(() => F.wrvu(any(true)), "#VALUE!", "code is TRUE, not a code");
    await expectAsyncExcelError(() => F.wrvu(99214, any("latest")), "#VALUE!", 'year is text "latest", not a number');
  });
  test("DOWNCODE_IMPACT", async () => {
    expect(await F.downcode_impact(10, 99214, "99213", any(null), any(null))).toBeCloseTo(10 * (1.92 - 1.3), 10);
    expect(await F.downcode_impact(10, 99214, 99213, 50)).toBeCloseTo(10 * (1.92 - 1.3) * 50, 9);
    await expectAsyncExcelError(() => F.downcode_impact(10, 99214, "Z9"), "#N/A", "code Z9 is not in");
  });
  test("MEDICARE_PAYMENT: the reference's checks, by setting, year and locality", async () => {
    // Reference README: 2025 99213 non-facility 2.75 RVU = $88.95; 99214 3.87 = $125.18;
    // 2026 99213 2.85 = $95.19, 99214 4.06 = $135.61.
    expect(await F.medicare_payment(99213, any(null), 2025, any(null))).toBe(88.95);
    expect(await F.medicare_payment(99214, any(null), 2025, any(null))).toBe(125.18);
    expect(await F.medicare_payment(99213, "office", 2026, any(null))).toBe(95.19);
    expect(await F.medicare_payment(99214, "10", 2026, any(null))).toBe(135.61);
    // Facility (POS 02): 99214 2025 total facility 2.90 RVU × 32.3465.
    expect(await F.medicare_payment(99214, "facility", 2025, any(null))).toBe(Math.round(2.9 * 32.3465 * 100) / 100);
    expect(await F.medicare_payment(99214, "02", 2025, any(null))).toBe(Math.round(2.9 * 32.3465 * 100) / 100);
    // CA-54 (Bakersfield) GPCIs 1.017 / 1.093 / 0.662 on 99214's 1.92 / 1.80 / 0.15.
    const bakersfield = (1.92 * 1.017 + 1.8 * 1.093 + 0.15 * 0.662) * 32.3465;
    expect(await F.medicare_payment(99214, any(null), 2025, "CA-54")).toBeCloseTo(bakersfield, 2);
    expect(await F.medicare_payment(99214, any(null), 2025, "ca 54")).toBeCloseTo(bakersfield, 2);
  });
  test("MEDICARE_PAYMENT errors", async () => {
    await expectAsyncExcelError(() => F.medicare_payment(99214, "home", any(null), any(null)), "#VALUE!", 'setting must be "office"');
    await expectAsyncExcelError(() => F.medicare_payment(99214, any(null), any(null), "ZZ-99"), "#N/A", "locality ZZ-99 is not a CMS Medicare locality");
    // SPEC §3 "The RVU year": no 2026 GPCIs are bundled, given year 2026 or by default.
    const noGpcis = "no 2026 GPCIs bundled yet: give year 2025 or leave the locality blank";
    await expectAsyncExcelError(() => F.medicare_payment(99214, any(null), 2026, "CA-54"), "#N/A", noGpcis);
    await expectAsyncExcelError(() => F.medicare_payment(99214, any(null), any(null), "CA-54"), "#N/A", noGpcis);
    await expectAsyncExcelError(() => F.medicare_payment(99999, any(null), any(null), any(null)), "#N/A", "code 99999");
  });
  test("PATIENT_NOSHOW_RATE", () => {
    expect(F.patient_noshow_rate(15, 100, 5)).toBeCloseTo(10 / 95, 12);
    expect(F.patient_noshow_rate(15, 100, any(null))).toBeCloseTo(0.15, 12);
    expectExcelError(() => F.patient_noshow_rate(5, 5, 5), "#DIV/0!", "scheduled − system_caused is 0");
    expectExcelError(() => F.patient_noshow_rate(5, 100, 6), "#NUM!", "system_caused (6) cannot be more than no_shows (5)");
    expectExcelError(() => F.patient_noshow_rate(101, 100), "#NUM!", "no_shows (101) cannot be more than scheduled (100)");
  });
  test("EFFECTIVE_CF", () => {
    expect(F.effective_cf(300000, 5000)).toBe(60);
    expectExcelError(() => F.effective_cf(300000, 0), "#DIV/0!", "wrvus is 0");
    expectExcelError(() => F.effective_cf(any("lots"), 5000), "#VALUE!", "total_compensation");
  });
  test("RATE_CHANGE_PVALUE", () => {
    expect(F.rate_change_pvalue(28, 100, 19, 100)).toBeCloseTo(0.13337150016755767, 12);
    expectExcelError(() => F.rate_change_pvalue(28, 0, 19, 100), "#NUM!", "events_before (28) cannot be more than total_before (0)");
    expectExcelError(() => F.rate_change_pvalue(0, 0, 19, 100), "#DIV/0!", "a total is 0");
  });
  test("BENCHMARK_PERCENTILE", () => {
    expect(F.benchmark_percentile(5750, 4300, 5200, 6300, 7600)).toBe(62.5);
    expect(F.benchmark_percentile(7600, 4300, 5200, 6300, 7600)).toBe(90);
    expectExcelError(() => F.benchmark_percentile(5000, 4300, 5200, 5200, 7600), "#VALUE!", "p50 (5200) must be below p75 (5200)");
  });
});

describe("error mapping", () => {
  test("each ClinPayError kind maps to its Excel error", () => {
    expect((toExcelError(numError("x")) as unknown as FakeError).code).toBe("#NUM!");
    expect((toExcelError(new Error("boom")) as unknown as FakeError).code).toBe("#VALUE!");
    expect((toExcelError(new Error("boom")) as unknown as FakeError).message).toContain("boom");
  });
});

describe("whatever Excel passes, a finite result or a CustomFunctions.Error", () => {
  const cell = fc.oneof(
    fc.double(),
    fc.integer({ min: -5, max: 3_000_000 }),
    fc.constantFrom(null, "", "abc", "99214", " G2211 ", "cliff", true, false, 0, 45658, 0.15)
  );
  const matrix = fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });
  const arg = fc.oneof(cell, matrix);

  test("every function", async () => {
    const all = Object.entries(F).filter(([, v]) => typeof v === "function") as Array<[string, (...a: unknown[]) => unknown]>;
    expect(all.length).toBe(15);
    await fc.assert(
      fc.asyncProperty(fc.array(arg, { minLength: 7, maxLength: 7 }), async (args) => {
        for (const [name, fn] of all) {
          let r: unknown;
          try {
            r = await fn(...args);
          } catch (e) {
            if (!(e instanceof FakeError)) throw new Error(`${name} threw ${String(e)}`);
            continue;
          }
          const values = Array.isArray(r) ? (r as unknown[][]).flat() : [r];
          for (const v of values) expect(typeof v === "number" && Number.isFinite(v)).toBe(true);
        }
      }),
      { numRuns: 1500 }
    );
  });
});

describe("functions.ts stays runnable in the JS-only runtime", () => {
  const source = fs.readFileSync(path.resolve(__dirname, "../../../src/functions/functions.ts"), "utf8");
  const coerce = fs.readFileSync(path.resolve(__dirname, "../../../src/functions/coerce.ts"), "utf8");
  const code = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");

  test("no DOM globals and no associate calls (the metadata plugin adds them)", () => {
    for (const s of [code(source), code(coerce)]) {
      expect(s).not.toMatch(/\b(window|document|self)\b/);
      expect(s).not.toMatch(/CustomFunctions\.associate/);
    }
  });
  test("every SPEC function has a @customfunction id", () => {
    const ids = [...source.matchAll(/@customfunction\s+([A-Z_]+)/g)].map((m) => m[1]).sort();
    expect(ids).toEqual(
      [
        "EFFECTIVE_HOURLY",
        "NOSHOW_ADJUST",
        "TIER_PAYOUT",
        "NEXT_TIER_GAP",
        "BREAKEVEN_VOLUME",
        "ANNUALIZE",
        "PACE_NEEDED",
        "REBASE",
        "WRVU",
        "DOWNCODE_IMPACT",
        "PATIENT_NOSHOW_RATE",
        "MEDICARE_PAYMENT",
        "EFFECTIVE_CF",
        "BENCHMARK_PERCENTILE",
        "RATE_CHANGE_PVALUE",
      ].sort()
    );
  });
});
