/** A small flag parser for the clinpay CLI: `--name value`, `--name=value`, `-o value`, `--help`. */

export interface FlagSpec {
  name: string; // without dashes, e.g. "offers"
  alias?: string; // single letter, e.g. "o"
  value: "file" | "number" | "date" | "text" | "dir" | "none";
  required?: boolean;
  help: string;
}

export type ParsedFlags = Record<string, string | true>;

export class UsageError extends Error {}

export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedFlags {
  const out: ParsedFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    } else if (/^-[a-zA-Z]$/.test(arg)) {
      const spec = specs.find((s) => s.alias === arg.slice(1));
      if (!spec) throw new UsageError(`unknown option ${arg}`);
      name = spec.name;
    } else {
      throw new UsageError(`unexpected argument "${arg}" (options start with --)`);
    }
    if (name === "help") {
      out.help = true;
      continue;
    }
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (spec.value === "none") {
      out[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) {
      throw new UsageError(`--${name} needs a value (${spec.help})`);
    }
    out[name] = value;
  }
  if (!out.help) {
    for (const s of specs) {
      if (s.required && out[s.name] === undefined) throw new UsageError(`--${s.name} is required (${s.help})`);
    }
  }
  return out;
}

/** A number flag, e.g. --dollars-per-wrvu 45 or 5,000. */
export function numberFlag(flags: ParsedFlags, name: string): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const n = typeof raw === "string" ? Number(raw.replace(/[$,_\s]/g, "")) : NaN;
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${raw}"`);
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
  for (const s of specs) {
    const flag = `${s.alias ? `-${s.alias}, ` : "    "}--${s.name}${s.value === "none" ? "" : ` ${s.value.toUpperCase()}`}`;
    lines.push(`  ${flag.padEnd(30)} ${s.help}${s.required ? " (required)" : ""}`);
  }
  return lines.join("\n");
}
