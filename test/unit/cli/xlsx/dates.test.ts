/** Date cells as an .xlsx holds them: serials in either date system, ISO text, and which number formats show a date. */
import { isDateFormat, isoCellDate, serialToDate } from "../../../../src/cli/xlsx/dates";
import { dateToSerial } from "../../../../src/core/dates";

const utc = (y: number, m: number, d: number, h = 0, mi = 0) => new Date(Date.UTC(y, m - 1, d, h, mi));

describe("serialToDate", () => {
  test("1900 system: 45658 is 2025-01-01, 61 is 1900-03-01, a fraction is the time of day", () => {
    expect(serialToDate(45658, false)).toEqual(utc(2025, 1, 1));
    expect(serialToDate(61, false)).toEqual(utc(1900, 3, 1));
    expect(serialToDate(45658.75, false)).toEqual(utc(2025, 1, 1, 18));
  });

  test("1904 system: 0 is 1904-01-01, and 45658 − 1462 is 2025-01-01", () => {
    expect(serialToDate(0, true)).toEqual(utc(1904, 1, 1));
    expect(serialToDate(45658 - 1462, true)).toEqual(utc(2025, 1, 1));
  });

  test("below 61 the phantom 29 February is stepped over: dateToSerial gives the serial back", () => {
    expect(serialToDate(59, false)).toEqual(utc(1900, 2, 28));
    for (const s of [1, 2, 59, 61, 62, 45658]) expect(dateToSerial(serialToDate(s, false))).toBe(s);
  });
});

describe("isoCellDate", () => {
  test("a date, a date and time (T or space), fractions of a second, a zone (not applied)", () => {
    expect(isoCellDate("2026-06-30")).toEqual(utc(2026, 6, 30));
    expect(isoCellDate("2026-06-30T09:30:00")).toEqual(utc(2026, 6, 30, 9, 30));
    expect(isoCellDate("2026-06-30 09:30")).toEqual(utc(2026, 6, 30, 9, 30));
    expect(isoCellDate("2026-06-30T09:30:00.250")).toEqual(new Date(Date.UTC(2026, 5, 30, 9, 30, 0, 250)));
    expect(isoCellDate("2026-06-30T23:00:00Z")).toEqual(utc(2026, 6, 30, 23));
    expect(isoCellDate("2026-06-30T23:00:00+05:00")).toEqual(utc(2026, 6, 30, 23));
  });

  test("not a date: undefined, so the column says what is wrong with the text", () => {
    for (const s of ["2026-02-30", "2026-13-01", "30/06/2026", "2026-06-30T24:00:00", "T09:30", ""]) expect(isoCellDate(s)).toBeUndefined();
  });
});

describe("isDateFormat", () => {
  test("built-in ids: 14-22, 45-47, and the CJK (27-36, 50-58) and Thai (71-81) date ids; not 0-13 or 37-44, 48, 49", () => {
    const dates = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 31, 36, 45, 46, 47, 50, 55, 58, 71, 81];
    const numbers = [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 40, 44, 48, 49, 59, 70];
    expect(dates.filter((id) => !isDateFormat(id, undefined))).toEqual([]);
    expect(numbers.filter((id) => isDateFormat(id, undefined))).toEqual([]);
  });

  test("custom codes: date tokens outside quotes, escapes, fills and colours; General, scientific and currencies are numbers", () => {
    for (const code of ["yyyy-mm-dd", "[$-409]mmmm d, yyyy", "d/m/yy;@", 'yyyy"年"m"月"d"日"', "[h]:mm:ss", "h:mm AM/PM", "[$-411]ge.m.d"]) expect([code, isDateFormat(200, code)]).toEqual([code, true]);
    for (const code of ["General", "0.00", '#,##0 "days"', "0 \\d", "[Red]0.0", "0.00E+00", "[$€-2] #,##0.00", "_(* #,##0_)", "@"]) expect([code, isDateFormat(200, code)]).toEqual([code, false]);
  });

  test("a code the file gives for a built-in id wins over the id", () => {
    expect(isDateFormat(14, "0.00")).toBe(false);
    expect(isDateFormat(1, "yyyy-mm-dd")).toBe(true);
  });
});
