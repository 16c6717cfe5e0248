/**
 * Ctrl-C (SIGINT) or a kill (SIGTERM) mid-write: the temporary workbook beside the output is
 * removed before the process ends with the shell's codes, 130 and 143. The output itself is
 * never half-written (it is renamed into place whole), so only the temp file needs this.
 */
import * as fs from "fs";

const temps = new Set<string>();

/** writeXlsxFile's onTemp: remembers the temp files that exist right now. */
export function trackTemp(tmp: string, exists: boolean): void {
  if (exists) temps.add(tmp);
  else temps.delete(tmp);
}

const EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** Removes every temp file still there; for exits that skip writeXlsxFile's own clean-up. */
export function removeTemps(): void {
  for (const tmp of temps) fs.rmSync(tmp, { force: true });
  temps.clear();
}

/** For the real process only (bin/clinpay.js), never inside tests that share a process. */
export function removeTempsOnSignal(err: (line: string) => void): void {
  for (const signal of Object.keys(EXIT) as NodeJS.Signals[]) {
    process.once(signal, () => {
      removeTemps();
      err(`clinpay: stopped (${signal}); the workbook being written was not saved`);
      process.exit(EXIT[signal]);
    });
  }
}
