/**
 * Which export header is read as which ClinPay column, and how (SPEC §2 "Reading real exports,
 * more"). In order, each rule taking only headers no earlier rule took:
 *  1. a `column` line of the mapping;
 *  2. an exact alias (the column's name or one of its aliases). Two different headers that are
 *     both exact aliases of one column are refused naming both and the map line that picks one,
 *     unless their values agree on every row, or the column is provider (the name beside an id
 *     wins);
 *  3. a header that contains an alias as whole words (the longer alias wins, then the leftmost);
 *  4. a header whose values are that column's (80% of the non-blank ones): status words, modality
 *     words, codes, dates; two candidates are refused naming both;
 *  5. for the provider, a header with a whole word provider, resource, doctor, …
 * What was decided other than by name is said in the notes.
 */
import type { Problem, RawTable, RawValue } from "../inputs/types";
import { cellText, headerKey, isBlank } from "../cells";
import { csvField, type MappingLookup } from "./mapping";
import { PhraseList, phraseAt, wordsOf } from "./words";
import { NOT_PROVIDER_WORDS, PROVIDER_HEADER_WORDS } from "./vocab";
import { likelyFurniture } from "./furniture";
import { COMMON_MODIFIERS, splitCodes } from "./codes";

export type ValueKind = "status" | "visit_type" | "code" | "date";

export interface ColumnSpec {
  /** The schema key ("causeType"). */
  key: string;
  /** The ClinPay name a `column` map line writes ("cause_type"). */
  name: string;
  aliases: readonly string[];
  /** Only a header spelled as the name or an alias (flag columns: "No Show Reason" is no no_show flag). */
  exactOnly?: boolean;
  /** Recognised by its values when no header is an alias. */
  byValues?: ValueKind;
  /** Contained aliases must also pass the values test (a "CPT Description" holds no codes). */
  containedNeedsValues?: boolean;
  /**
   * Recognised by its values only when they mean at least two different things (the test returns
   * what each means): a visit type says video on some rows and in person on others, while a
   * "Department" of "Riverbend Clinic" or a "Room" of "doxy.me/drhkim" on every row says where the
   * visit was booked, which a telehealth visit shares with an office one.
   */
  valuesMustDiffer?: boolean;
  /** Words that keep a header from being read as this column by a contained alias ("Date of Birth"). */
  notWith?: readonly string[];
  provider?: boolean;
}

export type How = "map" | "name" | "alias" | "contained" | "values" | "word";

export interface ColumnRead {
  index: number;
  header: string;
  how: How;
}

export interface Recognised {
  columns: Record<string, ColumnRead>;
  problems: Problem[];
  /** Sentences for the notes: what was read other than by its name. */
  notes: string[];
  /**
   * By ClinPay column name, for a column not found: a header whose values are partly that
   * column's ("State" with "Arrived", "No Show" and words ClinPay does not know), and its map line.
   */
  hints: Record<string, string>;
}

/** How each kind of value is recognised: a cell's text → whether it is one (or what it means, a text, when it is). */
export type ValueTest = (text: string, raw: RawValue) => boolean | string | null;
export type ValueTests = Partial<Record<ValueKind, ValueTest>>;

const SHARE = 0.8;
const SAMPLE_ROWS = 5000;
const ID_WORDS = new PhraseList(["id", "mrn", "account", "acct", "number", "no", "phone", "zip", "npi", "ssn", "chart"]);

const mapLine = (header: string, name: string) => `column,${csvField(header)},${name}`;

interface Ctx {
  t: RawTable;
  headers: string[];
  taken: Set<number>;
  out: Recognised;
  sample: RawValue[][];
}

export function recogniseColumns(t: RawTable, specs: readonly ColumnSpec[], mapping: MappingLookup, tests: ValueTests): Recognised {
  const headers = t.headers.map((h) => cellText(h).trim());
  const sample: RawValue[][] = [];
  const keys = headers.map((h) => headerKey(h));
  const repeatsHeader = (r: RawValue[]) => r.filter((c, i) => typeof c === "string" && keys[i] !== "" && headerKey(c) === keys[i]).length >= 2;
  for (const r of t.rows) {
    if (sample.length >= SAMPLE_ROWS) break;
    // Values are judged on what look like data rows: page-break headers, totals and titles aside.
    if (r && !likelyFurniture(r) && !repeatsHeader(r)) sample.push(r);
  }
  const ctx: Ctx = { t, headers, taken: new Set(), out: { columns: {}, problems: [], notes: [], hints: {} }, sample };
  byMapping(ctx, specs, mapping);
  byExactAlias(ctx, specs, tests);
  byContainedAlias(ctx, specs, tests);
  byValues(ctx, specs, tests);
  byProviderWord(ctx, specs);
  return ctx.out;
}

function take(ctx: Ctx, spec: ColumnSpec, index: number, how: How): void {
  ctx.taken.add(index);
  ctx.out.columns[spec.key] = { index, header: ctx.headers[index], how };
}

function problem(ctx: Ctx, column: string, message: string): void {
  ctx.out.problems.push({ source: ctx.t.source, row: ctx.t.headerRow ?? 1, column, value: "", message });
}

function byMapping(ctx: Ctx, specs: readonly ColumnSpec[], mapping: MappingLookup): void {
  ctx.headers.forEach((h, i) => {
    if (h === "") return;
    const to = mapping.get(h);
    if (to === undefined) return;
    const spec = specs.find((s) => s.name === to);
    if (!spec) return; // a column of another table (one mapping file serves them all)
    const had = ctx.out.columns[spec.key];
    if (had) problem(ctx, spec.name, `the mapping reads both "${had.header}" and "${h}" as ${spec.name}: keep one of its column lines`);
    else take(ctx, spec, i, "map");
  });
}

function byExactAlias(ctx: Ctx, specs: readonly ColumnSpec[], tests: ValueTests): void {
  const keys = ctx.headers.map((h) => headerKey(h));
  for (const spec of specs) {
    if (ctx.out.columns[spec.key]) continue;
    const rank = new Map<string, number>();
    [spec.name, ...spec.aliases].forEach((s, r) => {
      const k = headerKey(s);
      if (!rank.has(k)) rank.set(k, r);
    });
    const hits = keys
      .map((k, i) => ({ i, r: k === "" || ctx.taken.has(i) ? undefined : rank.get(k) }))
      .filter((x): x is { i: number; r: number } => x.r !== undefined)
      .sort((a, b) => a.r - b.r || a.i - b.i);
    if (hits.length === 0) continue;
    const best = hits[0];
    const same = hits.filter((x) => keys[x.i] === keys[best.i]);
    if (same.length > 1) {
      problem(ctx, spec.name, `${same.length} columns are all read as ${spec.name} (${same.map((x) => `"${ctx.headers[x.i]}"`).join(", ")}); delete or rename all but one`);
    }
    let others = hits.filter((x) => keys[x.i] !== keys[best.i]);
    // A date column is only a candidate if it holds dates: athena's "starttime" ("09:00") beside "date" is no rival.
    const test = spec.byValues === "date" ? tests.date : undefined;
    let chosen = best;
    if (test && others.length > 0) {
      const dated = [best, ...others].filter((x) => holdsValues(ctx, x.i, test));
      if (dated.length >= 1 && dated.length <= others.length) {
        const dropped = [best, ...others].filter((x) => !dated.includes(x));
        dropped.forEach((x) => ctx.taken.add(x.i));
        [chosen, ...others] = dated;
        ctx.out.notes.push(`${spec.name} read from "${ctx.headers[chosen.i]}"; ${dropped.map((x) => `"${ctx.headers[x.i]}"`).join(", ")} ${dropped.length === 1 ? "holds" : "hold"} no dates.`);
      }
    }
    if (others.length === 0) {
      take(ctx, spec, chosen.i, headerKey(spec.name) === keys[chosen.i] ? "name" : "alias");
      continue;
    }
    pickAmongAliases(ctx, spec, [chosen.i, ...others.map((x) => x.i)]);
  }
}

/** Several exact aliases of one column: the provider's name beside its id, else values that agree, else refused. */
function pickAmongAliases(ctx: Ctx, spec: ColumnSpec, candidates: number[]): void {
  const names = candidates.map((i) => `"${ctx.headers[i]}"`);
  if (spec.provider) {
    const named = candidates.find((i) => !idLike(ctx, i)) ?? candidates[0];
    take(ctx, spec, named, "alias");
    candidates.forEach((i) => ctx.taken.add(i));
    ctx.out.notes.push(`provider read from "${ctx.headers[named]}" (the name, beside ${names.filter((n) => n !== `"${ctx.headers[named]}"`).join(", ")}).`);
    return;
  }
  const differ = firstDifference(ctx, candidates);
  candidates.forEach((i) => ctx.taken.add(i));
  take(ctx, spec, candidates[0], headerKey(ctx.headers[candidates[0]]) === headerKey(spec.name) ? "name" : "alias");
  if (!differ) {
    ctx.out.notes.push(`${spec.name} read from "${ctx.headers[candidates[0]]}" (${names.slice(1).join(", ")} ${candidates.length > 2 ? "hold" : "holds"} the same value on every row).`);
    return;
  }
  const lines = candidates.map((i) => mapLine(ctx.headers[i], spec.name)).join(" or ");
  problem(
    ctx,
    spec.name,
    `${names.join(" and ")} are both headers ClinPay reads as ${spec.name}, and they differ (row ${differ.row}: "${differ.a}" against "${differ.b}"): say which one to read with a line ${lines} in a --map file (or choose it in the pane's Match your export step)`
  );
}

function firstDifference(ctx: Ctx, cols: number[]): { row: number; a: string; b: string } | null {
  const base = (ctx.t.headerRow ?? 1) + 1;
  for (let r = 0; r < ctx.t.rows.length; r++) {
    const row = ctx.t.rows[r];
    if (!row) continue;
    const a = cellText(row[cols[0]]).trim();
    for (const c of cols.slice(1)) {
      const b = cellText(row[c]).trim();
      if (headerKey(a) !== headerKey(b)) return { row: base + r, a, b };
    }
  }
  return null;
}

/** A column of ids (mostly numbers, or a header that says id): the one a name beside it beats. */
function idLike(ctx: Ctx, i: number): boolean {
  if (ID_WORDS.has(ctx.headers[i])) return true;
  let filled = 0;
  let numeric = 0;
  for (const r of ctx.sample) {
    const v = r[i];
    if (isBlank(v)) continue;
    filled++;
    if (typeof v === "number" || /^[\d\s-]+$/.test(cellText(v))) numeric++;
  }
  return filled > 0 && numeric * 2 > filled;
}

function byContainedAlias(ctx: Ctx, specs: readonly ColumnSpec[], tests: ValueTests): void {
  const cands: { spec: ColumnSpec; i: number; alias: string }[] = [];
  ctx.headers.forEach((h, i) => {
    if (h === "" || ctx.taken.has(i)) return;
    const words = wordsOf(h);
    for (const spec of specs) {
      if (ctx.out.columns[spec.key] || spec.exactOnly) continue;
      if (spec.notWith && new PhraseList(spec.notWith).has(words)) continue;
      for (const alias of [spec.name.replace(/_/g, " "), ...spec.aliases]) {
        if (phraseAt(words, wordsOf(alias)) >= 0) cands.push({ spec, i, alias });
      }
    }
  });
  cands.sort((a, b) => b.alias.length - a.alias.length || a.i - b.i);
  for (const c of cands) {
    if (ctx.out.columns[c.spec.key] || ctx.taken.has(c.i)) continue;
    if (c.spec.containedNeedsValues && c.spec.byValues && !holdsValues(ctx, c.i, tests[c.spec.byValues])) continue;
    take(ctx, c.spec, c.i, "contained");
    ctx.out.notes.push(`${c.spec.name} read from "${ctx.headers[c.i]}" (it contains "${c.alias}").`);
  }
}

const KIND_WORDS: Record<ValueKind, string> = { status: "appointment statuses", visit_type: "visit modalities", code: "billing codes", date: "dates" };

function byValues(ctx: Ctx, specs: readonly ColumnSpec[], tests: ValueTests): void {
  for (const spec of specs) {
    if (ctx.out.columns[spec.key] || !spec.byValues) continue;
    const test = tests[spec.byValues];
    if (!test) continue;
    // A header that says it is something else ("Entry Date", "Transaction Date") is not taken for its values either.
    const notWith = spec.notWith ? new PhraseList(spec.notWith) : null;
    const hits = ctx.headers.map((h, i) => i).filter((i) => !ctx.taken.has(i) && !notWith?.has(wordsOf(ctx.headers[i])) && holdsValues(ctx, i, test, spec.byValues, spec.valuesMustDiffer));
    if (hits.length === 0) hintFor(ctx, spec, test, notWith);
    if (hits.length === 1) {
      take(ctx, spec, hits[0], "values");
      ctx.out.notes.push(`Read "${ctx.headers[hits[0]] || `column ${hits[0] + 1}`}" as ${spec.name} from its values (${KIND_WORDS[spec.byValues]}).`);
    } else if (hits.length > 1) {
      hits.forEach((i) => ctx.taken.add(i));
      const names = hits.map((i) => `"${ctx.headers[i]}"`).join(" and ");
      problem(ctx, spec.name, `${names} both hold ${KIND_WORDS[spec.byValues]}, and no header says which is the ${spec.name}: say which with a line ${hits.map((i) => mapLine(ctx.headers[i], spec.name)).join(" or ")} in a --map file`);
    }
  }
}

/** Half or more of a header's values pass (but not 80%): the line that would read it, for the missing-column message. */
function hintFor(ctx: Ctx, spec: ColumnSpec, test: ValueTest, notWith: PhraseList | null): void {
  const kind = spec.byValues!;
  const near = ctx.headers
    .map((h, i) => ({ i, v: ctx.taken.has(i) || notWith?.has(wordsOf(h)) || (kind === "code" && ID_WORDS.has(h)) ? null : valuesOf(ctx, i, test) }))
    .filter((c) => c.v !== null && c.v.ok >= 2 && c.v.ok * 2 >= c.v.filled);
  if (near.length !== 1) return;
  const { i, v } = near[0];
  const shown = v!.passing.slice(0, 3).map((x) => `"${x}"`).join(", ");
  ctx.out.hints[spec.name] = `"${ctx.headers[i]}" holds ${KIND_WORDS[kind]} on ${v!.ok.toLocaleString("en-US")} of its ${v!.filled.toLocaleString("en-US")} sampled rows (${shown}): if it is the ${spec.name} column, say so with a line ${mapLine(ctx.headers[i], spec.name)} in a --map file`;
}

/** How a column's sampled values fare against a test: filled, passing, their distinct texts and meanings. */
function valuesOf(ctx: Ctx, i: number, test: ValueTest, kind?: ValueKind) {
  let filled = 0;
  let ok = 0;
  let codeOnly = false;
  const distinct = new Set<string>();
  const passing: string[] = [];
  const meanings = new Set<string>();
  for (const r of ctx.sample) {
    const v = r[i];
    if (v === undefined || isBlank(v)) continue;
    filled++;
    const text = cellText(v).trim();
    const hit = test(text, v);
    if (hit) {
      ok++;
      if (passing.length < 3 && !passing.includes(text)) passing.push(text);
    }
    if (hit && kind === "code" && !codeOnly) codeOnly = onlyACodeCell(text);
    if (typeof hit === "string") meanings.add(hit);
    distinct.add(text);
  }
  return { filled, ok, codeOnly, distinct, passing, meanings };
}

/**
 * At least 80% of the column's non-blank sampled values pass the test (and codes repeat, as codes
 * do and ids do not; and, when asked, the values mean at least two different things).
 */
function holdsValues(ctx: Ctx, i: number, test: ValueTest | undefined, kind?: ValueKind, mustDiffer = false): boolean {
  if (!test) return false;
  if (kind === "code" && ID_WORDS.has(ctx.headers[i])) return false;
  const { filled, ok, codeOnly, distinct, meanings } = valuesOf(ctx, i, test, kind);
  if (filled === 0 || ok < SHARE * filled) return false;
  if (mustDiffer && meanings.size < 2) return false;
  return kind !== "code" || filled < 10 || distinct.size * 2 <= filled || codeOnly;
}

/**
 * A code cell no id looks like (it passed the code test): several codes ("99214, G2211") or a code
 * with a modifier billers use ("99213-25", "93880 26"); an account number's "-01" suffix is none.
 */
function onlyACodeCell(text: string): boolean {
  const codes = splitCodes(text);
  return codes.length > 1 || codes.some((c) => c.modifiers.length > 0 && c.modifiers.every((m) => COMMON_MODIFIERS.has(m)));
}

function byProviderWord(ctx: Ctx, specs: readonly ColumnSpec[]): void {
  const spec = specs.find((s) => s.provider);
  if (!spec || ctx.out.columns[spec.key]) return;
  const yes = new PhraseList(PROVIDER_HEADER_WORDS);
  const no = new PhraseList(NOT_PROVIDER_WORDS);
  let hits = ctx.headers.map((h, i) => i).filter((i) => !ctx.taken.has(i) && yes.has(ctx.headers[i]) && !no.has(ctx.headers[i]));
  if (hits.length > 1) {
    const named = hits.filter((i) => !idLike(ctx, i));
    if (named.length >= 1) hits = named;
  }
  if (hits.length === 1) {
    take(ctx, spec, hits[0], "word");
    ctx.out.notes.push(`provider read from "${ctx.headers[hits[0]]}" (its header names a ${yes.longestIn(ctx.headers[hits[0]])}).`);
  } else if (hits.length > 1) {
    hits.forEach((i) => ctx.taken.add(i));
    problem(ctx, spec.name, `${hits.map((i) => `"${ctx.headers[i]}"`).join(" and ")} could each be the provider: say which with a line ${hits.map((i) => mapLine(ctx.headers[i], spec.name)).join(" or ")} in a --map file`);
  }
}
