import { ClinPayError, ErrorKind } from "../../src/core/errors";

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
