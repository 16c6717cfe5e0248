/**
 * Words a column holds that ClinPay does not know, gathered per distinct value (SPEC §2): one
 * problem for `"Pending Review" ×12 (rows 4, 9, 17…)`, never twelve, with the words it could mean
 * and the mapping line that says which.
 */
import type { Problem } from "./types";
import { vocabKey } from "../exports/vocab";
import { csvField, orList } from "../exports/mapping";

const FIRST_ROWS = 3;

interface Seen {
  what: string;
  value: string;
  count: number;
  rows: number[];
  choices: readonly string[];
}

export class UnknownValues {
  private readonly seen = new Map<string, Seen>();
  constructor(private readonly source: string) {}

  add(what: string, value: string, row: number, choices: readonly string[]): void {
    const key = `${what}\u0000${vocabKey(value)}`;
    let s = this.seen.get(key);
    if (!s) this.seen.set(key, (s = { what, value: value.trim(), count: 0, rows: [], choices }));
    s.count++;
    if (s.rows.length < FIRST_ROWS) s.rows.push(row);
  }

  get size(): number {
    return this.seen.size;
  }

  /** Each distinct value once, most frequent first (the pane's mapping step lists these). */
  values(): readonly Readonly<Seen>[] {
    return [...this.seen.values()].sort((a, b) => b.count - a.count);
  }

  /** One problem per distinct value, at its first row, most frequent first. */
  problems(): Problem[] {
    return this.values()
      .map((s) => ({
        source: this.source,
        row: s.rows[0],
        column: s.what,
        value: s.value,
        message: `×${s.count.toLocaleString("en-US")} (${s.count === 1 ? "row" : "rows"} ${s.rows.join(", ")}${s.count > s.rows.length ? "…" : ""}): map it to ${orList(s.choices.map(showChoice))}, with a line ${s.what},${csvField(s.value)},<one of those> in a --map file (or the pane's mapping step)`,
      }));
  }
}

const showChoice = (c: string) => (c === "not_yet" ? "not-yet" : c);
