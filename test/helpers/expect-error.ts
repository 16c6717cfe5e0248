import { ClinPayError, ErrorKind } from "../../src/core/errors";
import { InputError } from "../../src/core/table";
import type { Problem } from "../../src/core/inputs/types";

/** Asserts fn throws a ClinPayError of this kind whose message contains (or matches) the text. */
export function expectError(fn: () => unknown, kind: ErrorKind, message: string | RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ClinPayError);
  expect((caught as ClinPayError).kind).toBe(kind);
  if (typeof message === "string") expect((caught as ClinPayError).message).toContain(message);
  else expect((caught as ClinPayError).message).toMatch(message);
}

/** The problems of the InputError fn throws; fails the test when it throws none. */
export function problemsOf(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.problems;
  }
  throw new Error("expected an InputError");
}
