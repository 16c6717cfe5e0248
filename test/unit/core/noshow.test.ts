/** PATIENT_NOSHOW_RATE (SPEC §1): worked examples and every error rule. */
import { expectError } from "../../helpers/expect-error";
import { patientNoshowRate } from "../../../src/core/noshow";


test("system-caused failures leave both counts", () => {
  // (15 − 5) ÷ (100 − 5)
  expect(patientNoshowRate(15, 100, 5)).toBeCloseTo(10 / 95, 12);
});
test("system_caused defaults to 0: the plain no-show rate", () => {
  expect(patientNoshowRate(15, 100)).toBeCloseTo(0.15, 12);
  expect(patientNoshowRate(0, 40)).toBe(0);
});
test("every no-show system-caused: rate 0", () => {
  expect(patientNoshowRate(5, 100, 5)).toBe(0);
});
test("system_caused above no_shows is #NUM!", () => {
  expectError(() => patientNoshowRate(5, 100, 6), "num", "system_caused (6) cannot be more than no_shows (5)");
});
test("no_shows above scheduled is #NUM!", () => {
  expectError(() => patientNoshowRate(101, 100), "num", "no_shows (101) cannot be more than scheduled (100)");
});
test("scheduled − system_caused = 0 is #DIV/0!", () => {
  expectError(() => patientNoshowRate(5, 5, 5), "div0", "scheduled − system_caused is 0");
  expectError(() => patientNoshowRate(0, 0), "div0", "scheduled − system_caused is 0");
});
test("negative counts are #NUM!", () => {
  expectError(() => patientNoshowRate(-1, 100), "num", "no_shows must be 0 or more");
  expectError(() => patientNoshowRate(1, -100), "num", "scheduled must be 0 or more");
  expectError(() => patientNoshowRate(1, 100, -1), "num", "system_caused must be 0 or more");
});
