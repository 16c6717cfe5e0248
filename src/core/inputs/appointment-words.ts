/**
 * What a row's words mean (SPEC §2): its status (the mapping, then the vocabulary, then the
 * statuses that are system-caused no-shows), its cause, its modality (a modality word, or one
 * inside an appointment type), and what a reason says ("Same Day Cancel" is a late cancel, "video
 * link failed" is system-caused). Each distinct text is looked up once: exports repeat a handful
 * of words 100,000 times.
 */
import type { Modality } from "./types";
import {
  CAUSE_CHOICES, CAUSE_INDEX, LATE_CANCEL_REASONS, MODALITY_INDEX, NO_SHOW_REASONS, STATUS_CHOICES, STATUS_INDEX,
  SYSTEM_NO_SHOW_STATUSES, SYSTEM_REASON_WORDS, vocabKey, type CauseWord, type StatusWord,
} from "../exports/vocab";
import type { MappingLookup, MappedValue } from "../exports/mapping";
import { PhraseList } from "../exports/words";
import { modalityInside } from "../exports/words";
import { UnknownValues } from "./unknown-values";

export type Lookups = Record<"column" | MappedValue, MappingLookup>;

export interface StatusMeaning {
  status: StatusWord;
  /** The status itself says who caused it ("Connection failed", or a `status,x,no_show/system` line). */
  cause: CauseWord | null;
  /** Read from the list of system-caused statuses (said in the notes). */
  systemStatus: boolean;
}

const SYSTEM_STATUSES = new Set(SYSTEM_NO_SHOW_STATUSES.map(vocabKey));

/** A status mapping's `to`: "no_show", or "no_show/system" (status and cause). */
export function statusTo(to: string): { status: StatusWord; cause: CauseWord | null } {
  const [status, cause] = to.split("/");
  return { status: status as StatusWord, cause: (cause as CauseWord | undefined) ?? null };
}

export interface ReasonMeaning {
  /** What the reason makes a cancelled row, when it says. */
  cancelledAs: "late_cancel" | "no_show" | null;
  lateWords: string | null;
  /** A system word the reason holds ("link", "platform"), for rows whose cause is not given. */
  systemWord: string | null;
}

const LATE = new PhraseList(LATE_CANCEL_REASONS);
const NO_SHOW = new PhraseList(NO_SHOW_REASONS);
const SYSTEM_WORDS = new PhraseList(SYSTEM_REASON_WORDS);

export class WordReader {
  readonly unknown: UnknownValues;
  /** Visit-type values with no modality word: listed once each, read as blank. */
  readonly unknownModality = new Map<string, { value: string; count: number }>();
  private readonly statusMemo = new Map<string, StatusMeaning | null>();
  private readonly causeMemo = new Map<string, CauseWord | null>();
  private readonly modalityMemo = new Map<string, { modality: Modality | null; inside: boolean }>();
  private readonly reasonMemo = new Map<string, ReasonMeaning>();

  constructor(private readonly lookups: Lookups, source: string) {
    this.unknown = new UnknownValues(source);
  }

  status(value: string, row: number): StatusMeaning | undefined {
    let hit = this.statusMemo.get(value);
    if (hit === undefined) {
      const mapped = this.lookups.status.get(value);
      if (mapped !== undefined) hit = { ...statusTo(mapped), systemStatus: false };
      else {
        const key = vocabKey(value);
        const word = STATUS_INDEX.get(key);
        if (word) hit = { status: word, cause: null, systemStatus: false };
        else if (SYSTEM_STATUSES.has(key)) hit = { status: "no_show", cause: "system", systemStatus: true };
        else hit = null;
      }
      this.statusMemo.set(value, hit);
    }
    if (hit === null) this.unknown.add("status", value, row, STATUS_CHOICES);
    return hit ?? undefined;
  }

  cause(value: string, row: number): CauseWord | undefined {
    let hit = this.causeMemo.get(value);
    if (hit === undefined) {
      hit = (this.lookups.cause_type.get(value) as CauseWord | undefined) ?? CAUSE_INDEX.get(vocabKey(value)) ?? null;
      this.causeMemo.set(value, hit);
    }
    if (hit === null) this.unknown.add("cause_type", value, row, CAUSE_CHOICES);
    return hit ?? undefined;
  }

  /** A visit type's modality: mapped, a modality word, or a word inside a type; else null (and listed). */
  modality(value: string): { modality: Modality | null; inside: boolean } {
    let hit = this.modalityMemo.get(value);
    if (hit === undefined) {
      const mapped = this.lookups.visit_type.get(value) as Modality | undefined;
      const exact = mapped ?? MODALITY_INDEX.get(vocabKey(value));
      if (exact) hit = { modality: exact, inside: false };
      else {
        const inside = modalityInside(value);
        hit = { modality: inside, inside: inside !== null };
      }
      this.modalityMemo.set(value, hit);
    }
    if (hit.modality === null) {
      const key = vocabKey(value);
      const u = this.unknownModality.get(key);
      if (u) u.count++;
      else this.unknownModality.set(key, { value: value.trim(), count: 1 });
    }
    return hit;
  }

  reason(value: string): ReasonMeaning {
    let hit = this.reasonMemo.get(value);
    if (hit === undefined) {
      const late = LATE.longestIn(value) ?? null;
      const ns = NO_SHOW.longestIn(value) ?? null;
      hit = { cancelledAs: ns ? "no_show" : late ? "late_cancel" : null, lateWords: ns ?? late, systemWord: SYSTEM_WORDS.longestIn(value) ?? null };
      if (this.reasonMemo.size < 10000) this.reasonMemo.set(value, hit);
    }
    return hit;
  }
}

/** Whether a text is a status ClinPay reads (for recognising a status column by its values). */
export function isStatusWord(text: string, lookups: Lookups): boolean {
  const key = vocabKey(text);
  return lookups.status.peek(text) !== undefined || STATUS_INDEX.has(key) || SYSTEM_STATUSES.has(key);
}

/** The modality a text says, or null (for recognising a visit-type column by its values). */
export function modalityWordOf(text: string, lookups: Lookups): Modality | null {
  return (lookups.visit_type.peek(text) as Modality | undefined) ?? MODALITY_INDEX.get(vocabKey(text)) ?? modalityInside(text);
}
