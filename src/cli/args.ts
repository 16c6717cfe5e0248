/** The clinpay CLI's flags: `--name value`, `--name=value`, `-o value`, `--help`, read by node:util's parseArgs. */
import { parseArgs } from "util";
import { parseNumberText, tooLargeMessage } from "../core/table";
import { tooSmallMessage } from "../core/limits";

export interface FlagSpec {
  name: string; // without dashes, e.g. "offers"
  alias?: string; // single letter, e.g. "o"
  value: "file" | "number" | "date" | "text" | "dir" | "none";
  /** What the help shows for the value, when not its kind's (YYYY for a year). */
  metavar?: string;
  required?: boolean;
  help: string;
}

export type ParsedFlags = Record<string, string | true>;

export class UsageError extends Error {}

/**
 * Reads argv with node:util's parseArgs (strict: unknown options and stray words refused), then
 * refuses what parseArgs lets through but a user never means: an empty value (`--ytd=`, which
 * would read as 0), and a flag given twice (which would silently keep the last).
 */
export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedFlags {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = { help: { type: "boolean", short: "h" } };
  for (const s of specs) options[s.name] = { type: s.value === "none" ? "boolean" : "string", ...(s.alias ? { short: s.alias } : {}) };
  // parseArgs takes "-5" after a flag for another option; a negative number is a value (then
  // refused where it makes no sense, with its own message).
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const spec = a.startsWith("--") && !a.includes("=") ? specs.find((s) => s.name === a.slice(2)) : undefined;
    if (spec && spec.value !== "none" && /^-\d/.test(argv[i + 1] ?? "")) args.push(`${a}=${argv[++i]}`);
    else args.push(a);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: false, tokens: true });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e as Error & { code?: string }, specs));
  }
  const out: ParsedFlags = {};
  const seen = new Set<string>();
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== "option") continue;
    if (seen.has(t.name)) throw new UsageError(`--${t.name} is given twice; give it once`);
    seen.add(t.name);
    if (t.name === "help") {
      out.help = true;
      continue;
    }
    const spec = specs.find((s) => s.name === t.name)!;
    if (spec.value === "none") {
      out[t.name] = true;
      continue;
    }
    const value = t.value ?? "";
    if (value.trim() === "") throw new UsageError(`--${t.name} is empty: give it a value (${spec.help})`);
    out[t.name] = value;
  }
  if (!out.help) {
    for (const s of specs) {
      if (s.required && out[s.name] === undefined) throw new UsageError(`--${s.name} is required (${s.help})`);
    }
  }
  return out;
}

/** parseArgs' errors in ClinPay's words. */
function parseArgsMessage(e: Error & { code?: string }, specs: FlagSpec[]): string {
  // parseArgs names the flag as '--bogus', or '-o, --out <value>': prefer the long name.
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? "";
  const flag = /--[A-Za-z0-9][\w-]*/.exec(quoted)?.[0] ?? /-[A-Za-z]/.exec(quoted)?.[0] ?? quoted;
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${flag}`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument "${quoted}" (options start with --)`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const name = flag.replace(/^-+/, "");
      const spec = specs.find((s) => s.name === name || s.alias === name);
      if (spec && spec.value === "none") return `--${spec.name} takes no value`;
      return `--${spec?.name ?? name} needs a value${spec ? ` (${spec.help})` : ""}`;
    }
    default:
      return e.message;
  }
}

/**
 * A number flag, read by the same rules as a number cell: "45", "5,000", "$50"; never "0x10"
 * or "1e999", which Number() would take.
 */
export function numberFlag(flags: ParsedFlags, name: string): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const n = typeof raw === "string" ? parseNumberText(raw.replace(/_/g, "")) : undefined;
  if (n === undefined || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number such as 45 or 5,000, got "${raw}"`);
  const huge = tooLargeMessage(n) ?? tooSmallMessage(n);
  if (huge) throw new UsageError(`--${name} ${raw} ${huge}`);
  return n;
}

/** A number flag that cannot be negative; undefined when not given. */
export function nonNegativeFlag(flags: ParsedFlags, name: string): number | undefined {
  const n = numberFlag(flags, name);
  if (n === undefined) return undefined;
  if (n < 0) throw new UsageError(`--${name} cannot be negative, got ${n}`);
  return n;
}

export function textFlag(flags: ParsedFlags, name: string): string | undefined {
  const raw = flags[name];
  return typeof raw === "string" ? raw : undefined;
}

export function usageText(command: string, synopsis: string, specs: FlagSpec[]): string {
  const lines = [`usage: clinpay ${command} ${synopsis}`, ""];
  const flags = specs.map((s) => `${s.alias ? `-${s.alias}, ` : "    "}--${s.name}${s.value === "none" ? "" : ` ${s.metavar ?? s.value.toUpperCase()}`}`);
  const width = Math.max(30, ...flags.map((f) => f.length + 1));
  specs.forEach((s, i) => lines.push(`  ${flags[i].padEnd(width)} ${s.help}${s.required ? " (required)" : ""}`));
  return lines.join("\n");
}
