/**
 * Whole-word matching for export text (SPEC §2 "Reading real exports, more"): a header that
 * contains an alias, a type that contains a modality word, a reason that carries a cause, a row
 * that says "Subtotal". Words are lower-case runs of letters and digits; `<` reads as "less than"
 * so "< 24 hours" and "less than 24 hours" are one phrase.
 */
import { MODALITY_INSIDE_WORDS, type Modality } from "./vocab";

export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/</g, " less than ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
}

/** Where `phrase` (already split) stands in `words` as whole words, or -1. */
export function phraseAt(words: readonly string[], phrase: readonly string[]): number {
  if (phrase.length === 0) return -1;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}

/** A list of phrases to look for as whole words; the longest found wins. */
export class PhraseList {
  private readonly phrases: { text: string; words: string[] }[];
  constructor(phrases: readonly string[]) {
    this.phrases = phrases.map((p) => ({ text: p, words: wordsOf(p) })).filter((p) => p.words.length > 0);
  }
  /** The longest phrase (in words, then characters) the text holds, or undefined. */
  longestIn(text: string | readonly string[]): string | undefined {
    const words = typeof text === "string" ? wordsOf(text) : text;
    let best: { text: string; words: string[] } | undefined;
    for (const p of this.phrases) {
      if (phraseAt(words, p.words) < 0) continue;
      if (!best || p.words.length > best.words.length || (p.words.length === best.words.length && p.text.length > best.text.length)) best = p;
    }
    return best?.text;
  }
  has(text: string | readonly string[]): boolean {
    return this.longestIn(text) !== undefined;
  }
}

const INSIDE = Object.fromEntries(Object.entries(MODALITY_INSIDE_WORDS).map(([m, list]) => [m, new PhraseList(list)])) as Record<Modality, PhraseList>;
const AUDIO_VIDEO = new PhraseList(["audio video", "audio and video", "audiovisual"]);

/**
 * The modality a visit type's words say, or null when they say none — or say both remote and in
 * person ("VIRTUAL OFFICE VISIT"), which is no answer either. Video and audio both, without the
 * phrase "audio video", is a remote visit of unknown kind.
 */
export function modalityInside(value: string): Modality | null {
  const words = wordsOf(value);
  if (words.length === 0) return null;
  const video = AUDIO_VIDEO.has(words) || INSIDE.video.has(words);
  const audio = !AUDIO_VIDEO.has(words) && INSIDE.audio.has(words);
  const tele = INSIDE.telehealth.has(words);
  const inPerson = INSIDE.in_person.has(words);
  if (inPerson && (video || audio || tele)) return null;
  if (inPerson) return "in_person";
  if (video && audio) return "telehealth";
  if (video) return "video";
  if (audio) return "audio";
  if (tele) return "telehealth";
  return null;
}
