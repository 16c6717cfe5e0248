import type { FlagSpec, ParsedFlags } from "./args";

/** Where a command writes: stdout for results, stderr for progress and problems. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** A progress line on long builds; a no-op when stderr is not a terminal and not verbose. */
  progress(label: string): void;
}

export interface Command {
  name: string;
  summary: string;
  synopsis: string;
  flags: FlagSpec[];
  /** A flag that may also be given as the first word (`clinpay inspect FILE`). */
  positional?: string;
  /** Returns the exit code. Throw InputError for bad input (exit 2) or UsageError (exit 2). */
  run(flags: ParsedFlags, io: CliIO): Promise<number>;
}
