/**
 * Work RVUs for common office E/M, virtual and portal codes.
 * Source: CMS Medicare Physician Fee Schedule, national unadjusted work RVUs, calendar years
 * 2025 and 2026 (2026 rows only where confirmed), as gathered in the project's reference notes
 * (shared/reference/cms-em-wrvu.csv). Office E/M work RVUs (99202-99215) are unchanged 2024 -> 2026.
 * 98000-98015 (2025 telehealth E/M codes) carry RVUs but Medicare does not pay them; 99441-99443
 * (telephone E/M) were deleted in 2025 and are not listed.
 * Add a year by adding rows: lookups pick them up, no code changes needed.
 */

export const CMS_WRVU_SOURCE = "CMS Medicare Physician Fee Schedule, national unadjusted work RVUs (2025, 2026)";

export interface WrvuRow {
  /** CPT/HCPCS code, upper case. */
  code: string;
  descriptor: string;
  year: number;
  workRvu: number;
  note?: string;
}

export const CMS_WRVU: readonly WrvuRow[] = Object.freeze([
  { code: "99202", descriptor: "New patient office visit (straightforward)", year: 2025, workRvu: 0.93 },
  { code: "99203", descriptor: "New patient office visit (low)", year: 2025, workRvu: 1.60 },
  { code: "99204", descriptor: "New patient office visit (moderate)", year: 2025, workRvu: 2.60 },
  { code: "99205", descriptor: "New patient office visit (high)", year: 2025, workRvu: 3.50 },
  { code: "99211", descriptor: "Established patient office visit (minimal)", year: 2025, workRvu: 0.18 },
  { code: "99212", descriptor: "Established patient office visit (straightforward)", year: 2025, workRvu: 0.70 },
  { code: "99213", descriptor: "Established patient office visit (low)", year: 2025, workRvu: 1.30 },
  { code: "99214", descriptor: "Established patient office visit (moderate)", year: 2025, workRvu: 1.92 },
  { code: "99215", descriptor: "Established patient office visit (high)", year: 2025, workRvu: 2.80 },
  { code: "G2211", descriptor: "Visit complexity add-on", year: 2025, workRvu: 0.33 },
  { code: "98016", descriptor: "Brief virtual check-in", year: 2025, workRvu: 0.30 },
  { code: "99421", descriptor: "Online digital E/M (portal) 5-10 min", year: 2025, workRvu: 0.25 },
  { code: "99422", descriptor: "Online digital E/M (portal) 11-20 min", year: 2025, workRvu: 0.50 },
  { code: "99423", descriptor: "Online digital E/M (portal) 21+ min", year: 2025, workRvu: 0.80 },
  { code: "99457", descriptor: "Remote physiologic monitoring treatment first 20 min", year: 2025, workRvu: 0.61 },
  { code: "99458", descriptor: "Remote physiologic monitoring treatment each add'l 20 min", year: 2025, workRvu: 0.61 },
  { code: "99451", descriptor: "Interprofessional consult (written report)", year: 2025, workRvu: 0.70 },
  { code: "99452", descriptor: "Interprofessional referral service", year: 2025, workRvu: 0.70 },
  { code: "G2252", descriptor: "Brief virtual check-in 11-20 min", year: 2025, workRvu: 0.50 },
  { code: "99213", descriptor: "Established patient office visit (low)", year: 2026, workRvu: 1.30, note: "2026 PE non-facility 1.46 / facility 0.33 / MP 0.09" },
  { code: "99214", descriptor: "Established patient office visit (moderate)", year: 2026, workRvu: 1.92, note: "2026 PE non-facility 2.00 / facility 0.47 / MP 0.14" },
]);
