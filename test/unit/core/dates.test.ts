/**
 * Excel serials (1900 system) ↔ calendar dates. Anchors are Excel's own: 2025-01-01 is 45658
 * (SPEC), 2000-01-01 is 36526, 1900-03-01 is 61, and serial 60 is Excel's phantom 1900-02-29.
 */
import fc from "fast-check";
import { ClinPayError } from "../../../src/core/errors";
import { dateToSerial, periodDays, serialToIso, serialToYmd, yearStart, ymdToSerial } from "../../../src/core/dates";

test.each([
  [2025, 1, 1, 45658],
  [2025, 7, 1, 45839],
  [2000, 1, 1, 36526],
  [2024, 2, 29, 45351],
  [1900, 1, 1, 1],
  [1900, 2, 28, 59],
  [1900, 2, 29, 60],
  [1900, 3, 1, 61],
  [9999, 12, 31, 2958465],
])("%d-%d-%d is serial %d, both ways", (y, m, d, serial) => {
  expect(ymdToSerial(y, m, d)).toBe(serial);
  expect(serialToYmd(serial)).toEqual({ y, m, d });
});

test("ymdToSerial rolls over like DATE()", () => {
  expect(ymdToSerial(2025, 2, 29)).toBe(ymdToSerial(2025, 3, 1));
  expect(ymdToSerial(2025, 13, 1)).toBe(ymdToSerial(2026, 1, 1));
  expect(ymdToSerial(2025, 0, 1)).toBe(ymdToSerial(2024, 12, 1));
  expect(ymdToSerial(2025, 1, 0)).toBe(ymdToSerial(2024, 12, 31));
});

test("a time of day is dropped", () => {
  expect(serialToYmd(45658.99)).toEqual({ y: 2025, m: 1, d: 1 });
  expect(serialToIso(45839.5)).toBe("2025-07-01");
});

test("serials outside Excel's range are #NUM!", () => {
  for (const bad of [0, -1, 2958466, NaN, Infinity]) {
    expect(() => serialToYmd(bad)).toThrow(ClinPayError);
  }
  expect(() => ymdToSerial(1899, 12, 31)).toThrow(ClinPayError);
  expect(() => ymdToSerial(10000, 1, 1)).toThrow(/not an Excel date/);
});

test("consecutive serials are consecutive calendar days (2 March 1900 … 9999)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 62, max: 2958465 }), (s) => {
      const { y, m, d } = serialToYmd(s);
      expect(ymdToSerial(y, m, d)).toBe(s);
      const prev = serialToYmd(s - 1);
      const jsNext = new Date(Date.UTC(prev.y, prev.m - 1, prev.d + 1));
      expect({ y, m, d }).toEqual({ y: jsNext.getUTCFullYear(), m: jsNext.getUTCMonth() + 1, d: jsNext.getUTCDate() });
    }),
    { numRuns: 2000 }
  );
});

test("dateToSerial reads a Date in UTC, the time of day as the fraction", () => {
  expect(dateToSerial(new Date(Date.UTC(2025, 0, 1)))).toBe(45658);
  expect(dateToSerial(new Date(Date.UTC(2025, 0, 1, 12)))).toBe(45658.5);
  expect(dateToSerial(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
  expect(dateToSerial(new Date(Date.UTC(1900, 1, 28)))).toBe(59);
  expect(dateToSerial(new Date(Date.UTC(1900, 0, 1)))).toBe(1);
  expect(() => dateToSerial(new Date("not a date"))).toThrow(ClinPayError);
});

test("yearStart", () => {
  expect(yearStart(45839)).toBe(45658);
  expect(yearStart(45658)).toBe(45658);
});

test("periodDays: one calendar year from the start, 365 or 366", () => {
  expect(periodDays(45658)).toBe(365); // 2025
  expect(periodDays(45658 - 366)).toBe(366); // 2024
  expect(periodDays(ymdToSerial(2024, 3, 1))).toBe(365); // Mar 2024 – Feb 2025
  expect(periodDays(ymdToSerial(2023, 3, 1))).toBe(366); // spans 29 Feb 2024
  expect(periodDays(ymdToSerial(2024, 2, 29))).toBe(366); // to 1 Mar 2025, as DATE(2025,2,29) gives
  expect(periodDays(ymdToSerial(2025, 7, 1))).toBe(365);
});
