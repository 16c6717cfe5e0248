/**
 * The user's tables (SPEC §2) once parsed and validated. Parsers live beside this file;
 * plans and core math take these shapes and never see raw text.
 */

export type TierMethod = "marginal" | "cliff" | "flat";

/** A value read from a CSV/XLSX cell before parsing. Dates from XLSX arrive as Date. */
export type RawValue = string | number | boolean | Date | null;

/** A table as read from a file or an Excel range: header row plus data rows. */
export interface RawTable {
  /** What the user calls it: a file name, "offers.xlsx [Offers]", or an Excel table name. */
  source: string;
  headers: string[];
  rows: RawValue[][];
  /** The sheet row (1-based) of headers; data row i is at headerRow + 1 + i. Default 1. */
  headerRow?: number;
  /**
   * True when number cells held as text use a decimal comma ("0,15", "1.234,5"), as in
   * `;`-delimited CSVs saved by Excel in most of Europe. Column parsers read the text with it.
   */
  decimalComma?: boolean;
  /** The workbook counts date serials from 1904 (workbook.xml's date1904): a bare number in a
   *  date column is then a 1904 serial. Dates that arrive as Date objects are already absolute. */
  date1904?: boolean;
  /** The CSV's delimiter (absent for a workbook). */
  delimiter?: "," | ";" | "\t";
  /** Some number cell is written with a decimal comma ("1,92"): with a delimiter that is not a comma, dates that could be either order are read day-first. */
  decimalCommaSeen?: boolean;
  /**
   * Formula cells the file holds without a calculated value (a workbook written by a program
   * and never opened in Excel): row and column index into `rows`, and the formula. Read as
   * blank, so a column ClinPay uses that holds one is a problem, never a silent 0.
   */
  uncalculated?: { row: number; col: number; formula: string }[];
  /**
   * Read only to be parsed once (the CLI's files): the parser may drop each raw row as it goes,
   * so a million-row file is not held twice. Never set on a table that is read again.
   */
  transient?: boolean;
}

/** One thing wrong with the input, said so a clinician can fix it. */
export interface Problem {
  source: string;
  /** Row as the user sees it in their file or sheet (header is row 1 in a CSV). 0 = the table as a whole. */
  row: number;
  /** The column's name (as expected by ClinPay, e.g. "no_show_rate"). */
  column: string;
  /** The cell's text as found ("" when empty). */
  value: string;
  /** Why it is wrong and what to type instead. */
  message: string;
}

export interface Offer {
  row: number;
  offer: string;
  baseSalary: number;
  hourlyRate: number;
  payPerUnit: number;
  unit: "visit" | "wrvu";
  unitsPerHour: number;
  paidHoursPerWeek: number;
  weeksPerYear: number;
  unpaidHoursPerWeek: number;
  noShowRate: number;
  paidNoShowShare: number;
  combine: "plus" | "greater_of";
  advertisedAnnual: number | null;
  /** More offer terms (SPEC §2 "More offer columns"); each default leaves every figure as it was. */
  callShiftsPerYear: number;
  callPayPerShift: number;
  callHoursWorkedPerShift: number;
  /** Share of base_salary held back against quality metrics, and the share of it expected back. */
  qualityWithhold: number;
  qualityEarned: number;
  /** Clinical FTE the offer's hours are, for comparing with full-time surveys. */
  fte: number;
  signingBonus: number;
  relocation: number;
  loanRepayment: number;
  /** What the clinician pays for malpractice tail on leaving. */
  tailCoverage: number;
  /** Years the one-time money assumes (its clawback period). */
  commitmentYears: number;
  benefitsAnnual: number;
}

export interface OfferTiers {
  method: TierMethod;
  thresholds: number[];
  rates: number[];
}

export interface Scenario {
  scenario: string;
  volumeFactor: number;
  months: number;
  noShowAdd: number;
  unpaidFactor: number;
  wrvuFactor: number;
}

export type AppointmentStatus = "completed" | "no_show" | "late_cancel" | "cancelled";

export interface Appointment {
  row: number;
  /** Excel serial date (1900 system). */
  date: number;
  status: AppointmentStatus;
  reason: string;
  causeType: "system" | "patient";
  /** The code as the fee schedule prices it: "99214", or "71046-26" with a priced modifier. */
  code: string | null;
  /** Every modifier the row carried, space-separated ("95 25"); absent = none. */
  modifiers?: string;
  /** Units of service (absent = 1): a row's CMS wRVU is WRVU(code) × units. */
  units?: number;
  /** Already for all the row's units. */
  wrvu: number | null;
  /** Fee keys of the further codes of a cell of several (`99214, G2211`); absent = one code. */
  addOns?: string[];
  /** `wrvu` is the CMS sum over the cell's codes (no wRVU was given): the sheet writes it as that sum's formula. */
  summed?: boolean;
  /** The encounter id, read only when asked for (the Pay Audit). */
  encounter?: string;
  visitType: Modality | null;
  /** As the export names the provider; absent or "" = not said. */
  provider?: string;
}

/** How a visit happened; "telehealth" is remote of unknown kind. */
export type Modality = "video" | "audio" | "telehealth" | "in_person";

export interface TimeEntry {
  row: number;
  /** Excel serial date (1900 system). */
  date: number;
  activity: string;
  minutes: number;
  paid: boolean;
}

/**
 * One row of wRVU production, as the Target Tracker counts it: a line of a wRVU production
 * report (a void is a negative wRVU or negative units), or a completed visit of a log.
 */
export interface ProductionRow {
  row: number;
  /** Excel serial date of the service. */
  date: number;
  /** The code as the fee schedule prices it ("99214", "71046-26"), or null. */
  code: string | null;
  /** Every modifier the row carried, space-separated. */
  modifiers: string;
  units: number;
  /** Already for all the row's units; null: priced from the code. */
  wrvu: number | null;
  provider: string;
  /** As Appointment's. */
  addOns?: string[];
  summed?: boolean;
  encounter?: string;
  /** The wRVU as the export printed it, when its sign was taken from negative units (a void printed unsigned). */
  printed?: number;
}
