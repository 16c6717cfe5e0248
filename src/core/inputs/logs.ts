/**
 * The appointment log and time log (SPEC §2) → Appointment and TimeEntry rows. These can be
 * 100,000+ rows, so they go through the same single pass as every table, with no per-row
 * allocations beyond the row itself.
 */
import type { RawTable, TimeEntry } from "./types";
import { date, nonNegative, readRows, text, throwIfProblems, yesNo } from "../table";
import { TIME_ALIASES } from "../exports/vocab";
import { dateSpanProblems } from "./date-span";
import type { ExportMapping } from "../exports/mapping";
import { prepareExport, specOf } from "../exports/prepare";
import type { DateOrder } from "../date-cells";

export { parseAppointments, readAppointmentLog, type AppointmentLog, type LogInference, type LogOptions } from "./appointments";

const TIME_COLUMNS = {
  date: date("date", { aliases: TIME_ALIASES.date, hint: "type the day the work was done, e.g. 2025-01-31 or 1/31/2025" }),
  activity: text("activity", { default: "", aliases: TIME_ALIASES.activity }),
  minutes: nonNegative("minutes", { aliases: TIME_ALIASES.minutes, example: "30", hint: "type the minutes spent, e.g. 30" }),
  paid: yesNo("paid", { default: false, aliases: TIME_ALIASES.paid }),
};

/** The time log, one row per block of work. Throws InputError listing every problem. */
export function parseTimeLog(input: RawTable, mapping?: ExportMapping, dateOrder?: DateOrder): TimeEntry[] {
  // As an export is read: the header found, furniture left out, one date order for the date column.
  const specs = Object.entries(TIME_COLUMNS).map(([key, col]) => specOf(key, col, key === "paid" ? { exactOnly: true } : {}));
  const prepared = prepareExport(input, specs, { mapping, dateOrder });
  throwIfProblems(prepared.problems);
  const t = prepared.table;
  const { rows, problems, headers } = readRows(t, TIME_COLUMNS, { rowNoun: "block of work", columns: prepared.columns, furniture: prepared.furniture, dateOrder: prepared.dateOrder?.order });
  problems.push(...dateSpanProblems(rows.filter((r) => r.ok), t.source, headers.date ?? "date"));
  throwIfProblems(problems);
  return rows.map((r) => ({ row: r.row, date: r.date, activity: r.activity, minutes: r.minutes, paid: r.paid }));
}
