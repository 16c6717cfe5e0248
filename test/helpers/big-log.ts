/** Big, deterministic CLI inputs for the fault and signal tests, and the temp-file name writeXlsxFile uses. */
import * as fs from "fs";
import * as path from "path";

/** A deterministic appointment log big enough that writing its workbook takes seconds. */
export function writeLog(file: string, rows: number): void {
  const STATUS = ["completed", "completed", "completed", "no_show", "late_cancel", "cancelled"];
  const REASONS = ["video link failed", "patient forgot", "platform outage", "sick"];
  const fd = fs.openSync(file, "w");
  try {
    fs.writeSync(fd, "date,status,reason,cause_type,code,wrvu,visit_type\n");
    let lines: string[] = [];
    for (let i = 0; i < rows; i++) {
      const s = STATUS[i % 6];
      const missed = s === "no_show" || s === "late_cancel";
      const month = String(1 + Math.floor((i * 12) / rows)).padStart(2, "0");
      lines.push(
        `2026-${month}-${String(1 + (i % 28)).padStart(2, "0")},${s},${missed ? REASONS[i % 4] : ""},${missed ? (i % 2 ? "system" : "patient") : ""},${["99213", "99214", "G2211", "98005"][i % 4]},${i % 9 === 0 ? "1.5" : ""},video`
      );
      if (lines.length === 10_000) {
        fs.writeSync(fd, lines.join("\n") + "\n");
        lines = [];
      }
    }
    if (lines.length) fs.writeSync(fd, lines.join("\n") + "\n");
  } finally {
    fs.closeSync(fd);
  }
}

/** writeXlsxFile's temporary file for `out`: `.name~host~pid~random.tmp` beside it (group 1: the pid). */
export const tempPattern = (out: string) => new RegExp(`^\\.${path.basename(out).replace(/\./g, "\\.")}~[A-Za-z0-9-]+~(\\d+)~[0-9a-f]+\\.tmp$`);

