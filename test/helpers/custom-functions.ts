/** A stand-in for the parts of Office's CustomFunctions global that a custom function touches:
 *  the Error class and the ErrorCode values Excel shows. Shared by the wrapper, fuzz and bundle tests. */

export class FakeError extends Error {
  constructor(
    public code: string,
    message?: string
  ) {
    super(message ?? code);
    this.name = "CustomFunctions.Error";
  }
}

export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

/** Installs the fake as the global CustomFunctions for the file's tests, and removes it after. */
export function useFakeCustomFunctions(): void {
  beforeAll(() => {
    (globalThis as Record<string, unknown>).CustomFunctions = { Error: FakeError, ErrorCode };
  });
  afterAll(() => {
    delete (globalThis as Record<string, unknown>).CustomFunctions;
  });
}
