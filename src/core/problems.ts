/**
 * Problems with the user's input, said so a clinician can fix them: where (file, row, column),
 * the value, and what to type instead. Every problem is collected so one run lists everything
 * to fix (SPEC §2: nothing is built until the input is fixed).
 */
import type { Problem } from "./inputs/types";

/** Bad user input: every problem found, each naming its row and column. */
export class InputError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(formatProblems(problems));
    this.name = "InputError";
    this.problems = problems;
  }
}

/** Throws an InputError when there is anything to report. */
export function throwIfProblems(problems: Problem[]): void {
  if (problems.length > 0) throw new InputError(problems);
}

const MAX_VALUE_CHARS = 40;

function showValue(value: string): string {
  const flat = value.replace(/\r\n|\r|\n/g, "⏎");
  return flat.length > MAX_VALUE_CHARS ? flat.slice(0, MAX_VALUE_CHARS - 1) + "…" : flat;
}

/** Where a problem is, as the user would look for it: `offers.csv row 4, column no_show_rate`. */
export function problemPlace(p: Problem): string {
  let place = p.source;
  if (p.row > 0) place += ` row ${p.row}`;
  if (p.column) place += `${p.row > 0 ? "," : ""} column ${p.column}`;
  return place;
}

/**
 * One line per problem, grouped by file and in row order:
 * `offers.csv row 4, column no_show_rate: "15" — must be between 0 and 1: ...`.
 * Past `max` lines the rest are counted, not listed, so a wholly wrong 100,000-row file does
 * not flood the terminal; `InputError.problems` still holds every one.
 */
export function formatProblems(problems: Problem[], max = 100): string {
  const order = new Map<string, number>();
  problems.forEach((p) => {
    if (!order.has(p.source)) order.set(p.source, order.size);
  });
  const sorted = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => order.get(a.p.source)! - order.get(b.p.source)! || a.p.row - b.p.row || a.i - b.i)
    .map((x) => x.p);
  const lines = sorted.slice(0, max).map((p) => {
    const value = p.value === "" ? "" : `"${showValue(p.value)}" — `;
    return `${problemPlace(p)}: ${value}${p.message}`;
  });
  if (sorted.length > max) {
    lines.push(`…and ${sorted.length - max} more (${sorted.length} problems in all); fix the ones above and run again to see the rest`);
  }
  return lines.join("\n");
}
