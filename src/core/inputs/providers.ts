/**
 * The provider choice (SPEC §2): a log holding several providers is one clinician's only after
 * a choice — a name (matched ignoring case) or "all" to combine them — and without one nothing
 * is built; the problem lists each provider and its row count, so the user can copy a name.
 */
import type { Problem } from "./types";

export interface ProviderCount {
  name: string;
  rows: number;
}

export interface ProviderPick {
  providers: ProviderCount[];
  /** The provider kept, "all", or null when the log names at most one. */
  chosen: string | null;
  keep(provider: string): boolean;
  /** Said when a file was read whole though a provider was named (see onlyWhereSeveral). */
  warning?: string;
}

const key = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/** Counts each row's provider cell: the distinct providers (blank ones aside), biggest first. */
export class ProviderTally {
  private readonly counts = new Map<string, ProviderCount>();
  add(provider: string): void {
    if (provider.trim() === "") return;
    const k = key(provider);
    const c = this.counts.get(k);
    if (c) c.rows++;
    else this.counts.set(k, { name: provider.trim().replace(/\s+/g, " "), rows: 1 });
  }
  providers(): ProviderCount[] {
    return [...this.counts.values()].sort((a, b) => b.rows - a.rows);
  }
}

/**
 * `onlyWhereSeveral`: the name binds only a file naming two or more providers (the Pay Audit's one
 * --provider serves a personal record with no provider column and a group's statement alike); a
 * file naming one other provider is read whole, with a warning that says so.
 */
export function chooseProvider(providers: ProviderCount[], wanted: string | undefined, source: string, problems: Problem[], onlyWhereSeveral = false): ProviderPick {
  const all: ProviderPick = { providers, chosen: null, keep: () => true };
  const listed = providers.map((p) => `"${p.name}" (${p.rows.toLocaleString("en-US")} ${p.rows === 1 ? "row" : "rows"})`).join(", ");
  if (wanted === undefined || wanted.trim() === "") {
    if (providers.length <= 1) return all;
    problems.push({
      source, row: 0, column: "provider", value: "",
      message: `names ${providers.length} providers: ${listed}. Choose one with --provider NAME (or the pane's provider list), or --provider all to combine them`,
    });
    return all;
  }
  if (key(wanted) === "all") return { ...all, chosen: providers.length > 1 ? "all" : null };
  const hit = providers.find((p) => key(p.name) === key(wanted));
  if (onlyWhereSeveral && providers.length <= 1) {
    const other = providers.length === 1 && !hit ? providers[0].name : null;
    return other === null ? all : { ...all, warning: `${source} names one provider, "${other}", not "${wanted.trim()}": all its rows were read; check it is the same clinician's.` };
  }
  if (!hit) {
    problems.push({
      source, row: 0, column: "provider", value: wanted,
      message: providers.length === 0 ? "this log has no provider column, so there is no provider to choose: leave --provider out" : `is not a provider in this log; its providers are ${listed}`,
    });
    return all;
  }
  return { providers, chosen: hit.name, keep: (p) => key(p) === key(hit.name) };
}
