import * as v8 from "v8";
import { UsageError, parseFlags, usageText } from "./args";
import type { CliIO, Command } from "./command";
import { commands as registryCommands } from "./commands";
import { InputError, formatProblems } from "../core/table";
import { VERSION } from "./version";
import { EnvironmentError } from "./environment";
import { removeTemps, removeTempsOnSignal } from "./signals";
import { checkOutput } from "./write";

/** Exit codes: sysexits' EX_SOFTWARE for a failure ClinPay did not foresee. */
export const EXIT = { ok: 0, environment: 1, input: 2, unexpected: 70 } as const;

const stdio = (): CliIO => {
  const verbose = !!process.stderr.isTTY || process.env.CLINPAY_PROGRESS === "1";
  return {
    out: (line) => process.stdout.write(line + "\n"),
    err: (line) => process.stderr.write(line + "\n"),
    progress: (label) => {
      if (verbose) process.stderr.write(`clinpay: ${label}\n`);
    },
  };
};

function overview(commands: readonly Command[]): string {
  const lines = ["usage: clinpay <command> [options]", "", "commands:"];
  for (const c of commands) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push("", "`clinpay <command> --help` lists a command's options; `clinpay --version` prints the version.");
  return lines.join("\n");
}

/** Runs the CLI and returns the exit code: 0 ok, 2 bad input or usage, 1 the machine in the way
 *  (a folder, a permission, a full disk), 70 a failure ClinPay did not foresee. `commands` are
 *  the registry's unless a test hands it its own. */
export async function main(argv: string[], io: CliIO = stdio(), commands: readonly Command[] = registryCommands): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(overview(commands));
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    io.out(`clinpay ${VERSION}`);
    return 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`clinpay: unknown command "${name}"\n\n${overview(commands)}`);
    return 2;
  }
  try {
    const args = command.positional && rest.length > 0 && !rest[0].startsWith("-") ? [`--${command.positional}`, ...rest] : rest;
    const flags = parseFlags(args, command.flags);
    if (flags.help) {
      io.out(`${command.summary}\n\n${usageText(command.name, command.synopsis, command.flags)}`);
      return 0;
    }
    checkOutput(flags, command.flags);
    return await command.run(flags, io);
  } catch (e) {
    if (e instanceof InputError) {
      io.err(`clinpay ${command.name}: nothing was written; fix these and run it again:\n${formatProblems(e.problems)}`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`clinpay ${command.name}: ${e.message}\n\n${usageText(command.name, command.synopsis, command.flags)}`);
      return 2;
    }
    if (e instanceof EnvironmentError) {
      io.err(`clinpay ${command.name}: ${e.message}`);
      return EXIT.environment;
    }
    io.err(unexpected(command.name, e));
    return EXIT.unexpected;
  }
}

/** One line, never a stack trace: what failed and that it is ClinPay's bug to fix. */
export function unexpected(where: string, e: unknown): string {
  const what = e instanceof Error ? e.message : String(e);
  const line = what.split("\n")[0].slice(0, 300);
  return `clinpay ${where}: something went wrong that ClinPay did not expect (${line}); no workbook was written. Please report this to the ClinPay developers with the command you ran.`;
}

/** The real process (bin/clinpay.js): signals clean up, and nothing escapes as a stack trace. */
export function runCli(argv: string[]): void {
  // V8 lets the heap grow to about twice what is live before it collects, so a million-row build
  // that needs 250 MB peaked at 750 MB. Growing by 20% at a time keeps the peak near what is
  // used, at no measured cost in time, and unlike a heap limit it can never run out of memory.
  v8.setFlagsFromString("--heap-growing-percent=20");
  const io = stdio();
  removeTempsOnSignal(io.err);
  // `clinpay demo | head`: the reader closed the pipe. The workbooks are already written (output
  // comes after the writes), so this is no failure: stop quietly, as Unix tools do.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  });
  const crash = (e: unknown) => {
    removeTemps();
    io.err(unexpected(argv[0] ?? "", e));
    process.exit(EXIT.unexpected);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  main(argv, io).then((code) => {
    process.exitCode = code;
  }, crash);
}
