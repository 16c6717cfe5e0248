/**
 * The words real exports use (SPEC §2 "Reading real exports"), as data, in one place: header
 * aliases, status, cause and modality words, telehealth modifiers and places of service. The CLI
 * and the pane read logs through src/core/inputs, which reads these lists; the pane's mapping
 * step offers the same choices. Every spelling is compared by vocabKey (case and every
 * character that is not a letter or digit ignored), so "No Show (Not Seen)" = "no show not seen".
 */

import { headerKey } from "../table";

/** How value spellings are compared: as headers are (lower case, letters and digits only), so a
 *  word and a header of the same spelling always match alike. */
export const vocabKey = headerKey;

/** Other header spellings of the appointment log's columns, best first (SPEC §2 and more). */
/**
 * An encounter id (SPEC §3 "Pay Audit"): read only by the Pay Audit, which matches services by
 * it when both tables have one, so no other sheet's reading of a log changes.
 */
export const ENCOUNTER_ALIASES = ["encounter id", "enc id", "csn", "visit id", "encounter number", "encounter", "appt id", "appointment id"];
/** Words that keep a header from being read as the encounter id by containing one ("Encounter Type"). */
export const NOT_ENCOUNTER_WORDS = ["type", "date", "status", "mode", "provider", "department", "dept", "location", "class", "reason", "time", "diagnosis", "dx"];

export const APPOINTMENT_ALIASES = {
  date: [
    "appt date", "appointment date", "visit date", "service date", "date of service", "dos", "contact date",
    "encounter date", "appt date/time", "appointment time", "start time", "scheduled date", "appt dttm",
    "appointmentdate", "original service date", "date/time", "appointment date/time", "appt dt", "svc date", "svc dt", "service dt", "from dos",
  ],
  status: ["appt status", "appointment status", "status name", "appt status name", "visit status", "encounter status", "appointmentstatus", "appt sts", "sts"],
  reason: ["cancel reason", "cancellation reason", "no show reason", "reason name", "cancel reason name"],
  causeType: ["cause", "cancel initiator", "canceled by", "cancelled by", "initiated by"],
  code: ["cpt", "cpt code", "cpt/hcpcs", "hcpcs", "hcpcs code", "proc code", "procedure code", "billing code", "service code", "codes", "cpt codes", "procedure codes", "billing codes"],
  modifier: ["modifier", "modifiers", "mod", "cpt modifier", "cpt modifier 1", "modifier 1", "mod1", "mod 1", "modifier1"],
  units: ["units", "quantity", "qty", "service units", "performing units", "provider performing units"],
  wrvu: ["work rvu", "work rvus", "wrvus", "adj work rvu", "total wrvu"],
  visitType: ["modality", "visit modality", "visit mode", "encounter mode", "telehealth type"],
  pos: ["place of service", "pos code"],
  provider: ["provider name", "rendering provider", "provider id", "prov name", "physician", "clinician", "providerid", "prov id", "prov", "rendering prov"],
  cancelLeadHours: ["hours notice", "notice hours", "cancel lead hours", "lead hours"],
} as const;

/** The time log's other header spellings. */
export const TIME_ALIASES = {
  date: ["work date", "activity date", "day", "service date", "entry date"],
  activity: ["task", "task type", "category", "work type", "description", "activity type"],
  minutes: ["mins", "duration", "duration minutes", "duration (min)", "time spent", "minutes spent", "time (min)"],
  paid: ["is paid", "paid time", "billable", "compensated"],
} as const;

/** A status a row counts as, or "not_yet": booked but not happened, left out of every count. */
export type StatusWord = "completed" | "no_show" | "late_cancel" | "cancelled" | "not_yet";
export const STATUS_CHOICES: readonly StatusWord[] = ["completed", "no_show", "late_cancel", "cancelled", "not_yet"];

export const STATUS_WORDS: Record<StatusWord, readonly string[]> = {
  completed: [
    "completed", "complete", "arrived", "checked in", "checked out", "roomed", "seen", "kept", "fulfilled",
    "charge entered", "billed", "present", "in room", "checked-in", "done", "attended", "chk out", "ck out", "chkd out",
  ],
  no_show: [
    "no_show", "no show", "noshow", "ns", "not seen", "no show (not seen)", "did not attend", "dna", "missed",
    "left without being seen", "left without seen", "lwbs", "pt no show", "ptnoshow", "failed", "patient no show",
  ],
  late_cancel: [
    "late_cancel", "late cancel", "late cancellation", "canceled late", "cancelled late", "same day cancel",
    "same day cancellation", "late cancelled", "late canceled", "late cxl", "same day cxl", "sd cxl",
  ],
  cancelled: ["cancelled", "canceled", "cancellation", "rescheduled", "bumped", "reschedule", "cancel", "cxl", "cxld", "canc", "cncl"],
  not_yet: ["scheduled", "booked", "confirmed", "pending", "open", "future", "proposed", "unresolved"],
};

export type CauseWord = "patient" | "system";
export const CAUSE_CHOICES: readonly CauseWord[] = ["patient", "system"];
export const CAUSE_WORDS: Record<CauseWord, readonly string[]> = {
  patient: ["patient", "pt", "patient initiated", "by patient", "client"],
  system: [
    "system", "provider", "practice", "clinic", "staff", "scheduler", "platform", "physician", "office",
    "provider initiated", "clinic initiated", "technical", "tech",
  ],
};

/** telehealth = a remote visit of unknown kind (video or audio not said). */
export type Modality = "video" | "audio" | "telehealth" | "in_person";
export const MODALITY_CHOICES: readonly Modality[] = ["video", "audio", "telehealth", "in_person"];
export const MODALITY_WORDS: Record<Modality, readonly string[]> = {
  video: ["video", "video visit", "audio video", "virtual video", "audio/video", "video telehealth", "telehealth video", "zoom"],
  audio: ["audio", "audio only", "phone", "telephone", "telephone visit", "phone visit", "telephonic"],
  telehealth: ["telehealth", "telemedicine", "virtual", "virtual visit", "remote", "e-visit"],
  in_person: ["in_person", "in person", "office", "in office", "clinic", "face to face", "office visit", "in-person visit"],
};

/** Modifiers that say how a visit happened (CMS: 95 synchronous audio-video, GT legacy, GQ
 *  asynchronous; 93 and FQ audio only). */
export const VIDEO_MODIFIERS: readonly string[] = ["95", "GT", "GQ"];
export const AUDIO_MODIFIERS: readonly string[] = ["93", "FQ"];
/** Places of service that mean telehealth: 02 (not at home) and 10 (the patient's home). */
export const TELEHEALTH_POS: readonly string[] = ["02", "10"];

/** Flag columns of exports that have no status column (NextGen: isKept, isNoShow, isCanceled). */
export const FLAG_COLUMNS = {
  kept: ["kept", "is kept"],
  noShow: ["no show", "is no show"],
  canceled: ["canceled", "cancelled", "is canceled", "is cancelled"],
} as const;

/**
 * Status words that are a no-show the system caused (SPEC §2 "A status or a reason can carry the
 * cause"): the row counts as a no-show with cause_type system, whatever a cause column says.
 */
export const SYSTEM_NO_SHOW_STATUSES: readonly string[] = [
  "connection failed", "technical failure", "tech failure", "technical difficulties", "platform error", "link failed",
  "provider no show", "provider cancelled late", "provider canceled late",
];

/** Reason words that make a `cancelled` row a late cancel, or a no-show (matched as whole words). */
export const LATE_CANCEL_REASONS: readonly string[] = [
  "same day cancel", "same-day cancel", "same day cancellation", "same-day cancellation", "late cancel", "late cancellation",
  "cancelled late", "canceled late", "< 24 hours", "<24 hours", "less than 24 hours", "under 24 hours",
];
export const NO_SHOW_REASONS: readonly string[] = ["no call no show", "ncns", "no call/no show", "no-call no-show"];

/** Where cause_type is absent, a reason holding one of these (as whole words) is system-caused. */
export const SYSTEM_REASON_WORDS: readonly string[] = [
  "link", "video", "connection", "platform", "outage", "technical", "tech", "scheduling error", "provider", "clinic", "bumped",
];

/**
 * Words inside an appointment type that say how the visit happened (SPEC §2 "Modality from words
 * inside a type"): "VIDEO FOLLOW UP" is video, "TELEPHONE VISIT" audio, "OFFICE VISIT" in person.
 */
export const MODALITY_INSIDE_WORDS: Record<Modality, readonly string[]> = {
  video: ["video", "zoom", "doxy", "audio video", "audio/video", "audiovisual"],
  audio: ["telephone", "phone", "audio", "telephonic", "audio only"],
  telehealth: ["virtual", "telehealth", "telemedicine", "telemed", "remote", "tele health", "e-visit", "evisit"],
  in_person: ["office", "clinic", "in person", "in-person", "face to face", "face-to-face", "onsite", "on site"],
};

/** A header holding one of these whole words is the provider column when no header is a provider alias. */
export const PROVIDER_HEADER_WORDS: readonly string[] = ["provider", "resource", "doctor", "physician", "clinician", "practitioner", "rendering", "attending"];
/** …except with one of these: another person than the one who saw the patient. */
export const NOT_PROVIDER_WORDS: readonly string[] = ["referring", "referral", "ordering", "scheduled by", "scheduler", "entered by", "created by", "pcp", "primary care"];

/**
 * Headers never read as the appointment's date by containing `date` (SPEC §2's contained-alias
 * rule): a birth date, or when a row was created, changed or cancelled, would move every visit.
 */
/** Words that keep a header from being the modifier by containing "mod" ("Last Mod Date", "Modified By"). */
export const NOT_MODIFIER_WORDS: readonly string[] = ["date", "time", "by", "user", "last", "modified", "dttm"];

export const NOT_VISIT_DATE_WORDS: readonly string[] = [
  "birth", "dob", "created", "entered", "modified", "updated", "cancel", "canceled", "cancelled", "cancellation", "printed", "run", "due", "end", "stop", "referral",
  // A charge's other dates: when it was posted, billed or paid, not when the service was given.
  "post", "posted", "posting", "billed", "bill", "paid", "payment", "deposit", "transaction", "batch", "entry", "closed", "statement",
];

/** Words that keep a header from being read as the appointment's status by containing "status" ("Charge Status", "Claim Status"). */
export const NOT_VISIT_STATUS_WORDS: readonly string[] = ["charge", "claim", "billing", "bill", "payment", "posting", "coding", "account", "insurance", "eligibility", "auth", "authorization", "transaction"];

/** The window under which a cancel with a lead time counts as late (SPEC §2: 24 hours). */
export const DEFAULT_LATE_CANCEL_HOURS = 24;

/** A lookup from any listed word (by vocabKey) to what it means. */
export function wordIndex<V extends string>(words: Record<V, readonly string[]>): Map<string, V> {
  const index = new Map<string, V>();
  for (const [value, list] of Object.entries(words) as [V, readonly string[]][]) {
    index.set(vocabKey(value), value);
    for (const w of list) index.set(vocabKey(w), value);
  }
  return index;
}

export const STATUS_INDEX = wordIndex(STATUS_WORDS);
export const CAUSE_INDEX = wordIndex(CAUSE_WORDS);
export const MODALITY_INDEX = wordIndex(MODALITY_WORDS);
