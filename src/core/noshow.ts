/**
 * No-show math: the share of booked work that is still paid, and the patient no-show rate.
 */
import { requireNonNegative, requireRate, finiteResult } from "./check";
import { div0Error, numError } from "./errors";

/**
 * The share of booked units that is paid: 1 − no_show_rate × (1 − paid_no_show_share).
 * One definition for EFFECTIVE_HOURLY, NOSHOW_ADJUST, BREAKEVEN_VOLUME and the offer math, so a
 * change to how no-shows count lands everywhere at once.
 */
export function attendanceFactor(noShowRate: number, paidNoShowShare = 0): number {
  requireRate("no_show_rate", noShowRate);
  requireRate("paid_no_show_share", paidNoShowShare);
  return 1 - noShowRate * (1 - paidNoShowShare);
}

/**
 * PATIENT_NOSHOW_RATE: (no_shows − system_caused) ÷ (scheduled − system_caused). Failures the
 * practice caused (video link, tech, scheduling errors) leave both counts, since the patient
 * neither missed nor kept those visits.
 */
export function patientNoshowRate(noShows: number, scheduled: number, systemCaused = 0): number {
  requireNonNegative("no_shows", noShows, "a count of no-shows and late cancels", "15");
  requireNonNegative("scheduled", scheduled, "a count of booked visits", "100");
  requireNonNegative("system_caused", systemCaused, "a count of no-shows the practice caused", "5");
  if (systemCaused > noShows) {
    throw numError(`system_caused (${systemCaused}) cannot be more than no_shows (${noShows}): system-caused failures are counted among the no-shows`);
  }
  if (noShows > scheduled) {
    throw numError(`no_shows (${noShows}) cannot be more than scheduled (${scheduled}): every no-show was a booked visit`);
  }
  const kept = scheduled - systemCaused;
  if (kept === 0) {
    throw div0Error("scheduled − system_caused is 0: every booked visit failed for a system reason, so there is no patient no-show rate");
  }
  return finiteResult((noShows - systemCaused) / kept, "PATIENT_NOSHOW_RATE");
}
