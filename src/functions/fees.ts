/**
 * The CMS fee schedule for the add-in: fetched once, on the first function or build that needs
 * a code, from fee-schedule.json beside the add-in's pages (the build copies it into dist/).
 * Relative, so it comes from the add-in's own host and nothing else. Kept out of functions.js,
 * which every Excel start loads, because the table is ~400 kB (2025 and 2026 in full).
 */
import { FeeSchedule, type FeeScheduleData } from "../core/fee-schedule";
import { naError } from "../core/errors";

let pending: Promise<FeeSchedule> | undefined;

export function loadFees(): Promise<FeeSchedule> {
  if (typeof fetch !== "function") return Promise.reject(naError("ClinPay cannot load its CMS fee schedule here: this Excel gives add-ins no way to read their own files"));
  pending ??= fetch("fee-schedule.json")
    .then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json() as Promise<FeeScheduleData>;
    })
    .then((data) => new FeeSchedule(data))
    .catch(() => {
      pending = undefined; // a later call tries again
      throw naError("ClinPay could not load its CMS fee schedule (fee-schedule.json, beside the add-in); reload the add-in and recalculate");
    });
  return pending;
}
