/**
 * The appointment log and time log (SPEC §2) → Appointment and TimeEntry rows. These can be
 * 100,000+ rows, so they go through the same single pass as every table, with no per-row
 * allocations beyond the row itself.
 */
import type { Appointment, AppointmentStatus, RawTable, RawValue, TimeEntry } from "./types";
import { CellError, custom, date, nonNegative, oneOf, readRows, text, throwIfProblems, yesNo } from "../table";

const TRAILING_ZERO_DECIMALS = /^(\d+)\.0+$/;

/**
 * A CPT/HCPCS code as text: a code typed in a number cell or exported as "99214.0" reads as
 * "99214"; letters are upper-cased ("g2211" → "G2211") to match the CMS table.
 */
function codeCell(v: RawValue): string | CellError {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") {
    const s = v.trim();
    const zeros = TRAILING_ZERO_DECIMALS.exec(s);
    return zeros ? zeros[1] : s.toUpperCase();
  }
  return new CellError("is not a billing code: type a CPT/HCPCS code such as 99214 or G2211, or leave it blank");
}

const APPOINTMENT_COLUMNS = {
  date: date("date", { hint: "type the appointment's date, e.g. 2025-01-31 or 1/31/2025" }),
  status: oneOf("status", ["completed", "no_show", "late_cancel", "cancelled"] as const, {
    hint: "type completed, no_show, late_cancel or cancelled",
    synonyms: {
      canceled: "cancelled",
      complete: "completed",
      "late cancellation": "late_cancel",
      "late cancelled": "late_cancel",
      "late canceled": "late_cancel",
    },
  }),
  reason: text("reason", { default: "" }),
  causeType: oneOf("cause_type", ["system", "patient"] as const, { default: "patient" }),
  code: custom<string, null>("code", codeCell, { default: null, hint: "" }),
  wrvu: nonNegative<null>("wrvu", { default: null, example: "1.92" }),
  visitType: oneOf<"video" | "audio" | "in_person", null>("visit_type", ["video", "audio", "in_person"] as const, {
    default: null,
    synonyms: { phone: "audio", telephone: "audio" },
  }),
};

/** The appointment log, one row per booked appointment. Throws InputError listing every problem. */
export function parseAppointments(t: RawTable): Appointment[] {
  const { rows, problems } = readRows(t, APPOINTMENT_COLUMNS, { rowNoun: "booked appointment" });
  throwIfProblems(problems);
  const out: Appointment[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out[i] = {
      row: r.row,
      date: r.date,
      status: r.status as AppointmentStatus,
      reason: r.reason,
      causeType: r.causeType,
      code: r.code === "" ? null : r.code,
      wrvu: r.wrvu,
      visitType: r.visitType,
    };
  }
  return out;
}

const TIME_COLUMNS = {
  date: date("date", { hint: "type the day the work was done, e.g. 2025-01-31 or 1/31/2025" }),
  activity: text("activity", { default: "" }),
  minutes: nonNegative("minutes", { example: "30", hint: "type the minutes spent, e.g. 30" }),
  paid: yesNo("paid", { default: false }),
};

/** The time log, one row per block of work. Throws InputError listing every problem. */
export function parseTimeLog(t: RawTable): TimeEntry[] {
  const { rows, problems } = readRows(t, TIME_COLUMNS, { rowNoun: "block of work" });
  throwIfProblems(problems);
  return rows.map((r) => ({ row: r.row, date: r.date, activity: r.activity, minutes: r.minutes, paid: r.paid }));
}
