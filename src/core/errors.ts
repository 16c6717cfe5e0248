/**
 * The one error type the core throws. `kind` maps one-to-one onto an Excel error
 * (#NUM!, #VALUE!, #DIV/0!, #N/A); the message is written for a clinician.
 */
export type ErrorKind = "num" | "value" | "div0" | "na";

export class ClinPayError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string
  ) {
    super(message);
    this.name = "ClinPayError";
  }
}

export const numError = (message: string) => new ClinPayError("num", message);
export const valueError = (message: string) => new ClinPayError("value", message);
export const div0Error = (message: string) => new ClinPayError("div0", message);
export const naError = (message: string) => new ClinPayError("na", message);
