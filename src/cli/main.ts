import { UsageError, parseFlags, usageText } from "./args";
import type { CliIO, Command } from "./command";
import { commands } from "./commands";
import { InputError, formatProblems } from "../core/table";
import { VERSION } from "./version";

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

function overview(): string {
  const lines = ["usage: clinpay <command> [options]", "", "commands:"];
  for (const c of commands) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push("", "`clinpay <command> --help` lists a command's options; `clinpay --version` prints the version.");
  return lines.join("\n");
}

/** Runs the CLI and returns the exit code: 0 ok, 2 bad input or usage, 1 unexpected failure. */
export async function main(argv: string[], io: CliIO = stdio()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(overview());
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    io.out(`clinpay ${VERSION}`);
    return 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`clinpay: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  try {
    const flags = parseFlags(rest, command.flags);
    if (flags.help) {
      io.out(`${command.summary}\n\n${usageText(command.name, command.synopsis, command.flags)}`);
      return 0;
    }
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
    throw e;
  }
}
