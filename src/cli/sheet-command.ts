/**
 * A `clinpay` command made from a sheet's definition: a file flag per input, a flag per
 * assumption, the log flags when an input is an export, and -o. The files are read here (the
 * edge), the definition parses and plans (the core), and a problem with an assumption is said
 * by its flag, as the pane says it by its field.
 */
import { UsageError, textFlag, type FlagSpec, type ParsedFlags } from "./args";
import type { CliIO, Command } from "./command";
import { readTable, type ReadOptions } from "./read";
import { writeWorkbook } from "./write";
import { LOG_FLAGS, fileDateOrderFlag, fileDateOrders, logFlags, readLogOptions } from "./log-flags";
import { bundledFees } from "../core/data/bundled-fees";
import { InputError } from "../core/table";
import type { RawTable } from "../core/inputs/types";
import { ASSUMPTIONS, planSheet, type BuildRequest, type BuildResult, type SheetDefinition } from "../sheets/definition";
import { bottomLineOf } from "../sheets/plan";

const FIELD_VALUE = { number: "number", date: "date", text: "text" } as const;
const PLACEHOLDER = { number: "N", date: "YYYY-MM-DD", text: "TEXT" } as const;

/** Two exports or more: each may be given its own date order (one --date-order cannot say two). */
const exportsOf = (def: SheetDefinition) => def.inputs.filter((i) => i.mappable);
const perFile = (def: SheetDefinition) => (exportsOf(def).length > 1 ? exportsOf(def) : []);

export function flagsOf(def: SheetDefinition): FlagSpec[] {
  return [
    ...def.inputs.flatMap((i) => i.cli.map((c): FlagSpec => ({ name: c.flag, value: "file", required: i.required && i.cli.length === 1, help: c.help }))),
    ...def.fields.map((f): FlagSpec => ({ name: f.flag, value: FIELD_VALUE[f.type], metavar: f.metavar, required: f.required, help: f.help })),
    ...(def.inputs.some((i) => i.mappable) ? LOG_FLAGS : []),
    ...perFile(def).map(fileDateOrderFlag),
    { name: "out", alias: "o", value: "file", required: true, help: `the workbook to write, e.g. out/${def.demo.file}` },
  ];
}

function synopsisOf(def: SheetDefinition): string {
  const opt = (s: string, required: boolean) => (required ? s : `[${s}]`);
  return [
    ...def.inputs.map((i) => opt(i.cli.map((c) => `--${c.flag} FILE`).join(" | "), i.required && i.cli.length === 1)),
    ...def.fields.map((f) => opt(`--${f.flag} ${f.metavar ?? PLACEHOLDER[f.type]}`, f.required)),
    ...(def.inputs.some((i) => i.mappable) ? ["[--map FILE] [--provider NAME|all] [--late-cancel-hours N] [--visit-type video|audio|telehealth|in_person] [--date-order mdy|dmy]"] : []),
    ...perFile(def).map((i) => `[--${i.key}-date-order mdy|dmy]`),
    "-o OUT.xlsx",
  ].join(" ");
}

/** What the readers tell besides the table (a stray byte read as Windows-1252) goes to stderr as a warning. */
const readOptions = (def: SheetDefinition, io: CliIO): ReadOptions => ({ warn: (line) => io.err(`clinpay ${def.command.name}: warning: ${line}`) });

/** Each input's table, read from the file its flag names; which flag it was says how to read it. */
async function readInputs(def: SheetDefinition, flags: ParsedFlags, io: CliIO): Promise<Pick<BuildRequest, "tables" | "readAs">> {
  const tables: Record<string, RawTable | undefined> = {};
  const readAs: Record<string, string> = {};
  const jobs: Promise<void>[] = [];
  const problems: InputError[] = [];
  for (const input of def.inputs) {
    const given = input.cli.filter((c) => textFlag(flags, c.flag) !== undefined);
    if (given.length > 1) throw new UsageError(`give one of ${given.map((c) => `--${c.flag}`).join(" and ")}, not both`);
    if (given.length === 0) continue;
    const file = textFlag(flags, given[0].flag)!;
    if (given[0].readAs) readAs[input.key] = given[0].readAs;
    io.progress(`reading ${file}`);
    // An .xlsx may hold every table; each file is asked for the table of its own name first.
    jobs.push(
      readTable(file, input.tableName, readOptions(def, io)).then(
        (t) => void (tables[input.key] = t),
        (e) => {
          if (!(e instanceof InputError)) throw e;
          problems.push(e);
        }
      )
    );
  }
  await Promise.all(jobs);
  if (problems.length > 0) throw new InputError(problems.flatMap((e) => e.problems));
  return { tables, readAs };
}

/** A problem with an assumption, said by the flag that gives it (and the other assumptions it names, by theirs). */
function byFlag(def: SheetDefinition, e: InputError): InputError {
  // Labels a message may name as a field ("before As of 2026-03-31"), not words of a help text.
  const labels = def.fields.filter((x) => /^[A-Z][a-z]*\s/.test(x.label)).map((x) => [x.label, `--${x.flag}`] as const);
  const flagWords = (m: string) => labels.reduce((t, [label, flag]) => t.split(label).join(flag), m);
  return new InputError(
    e.problems.map((p) => {
      const f = p.source === ASSUMPTIONS ? def.fields.find((x) => x.label === p.column) : undefined;
      return f ? { ...p, source: `--${f.flag}`, column: "", message: flagWords(p.message) } : p;
    })
  );
}

/** Reads, parses and plans one definition's inputs, unwritten (the demo writes its own way). */
export async function buildFromFlags(def: SheetDefinition, flags: ParsedFlags, io: CliIO, builtAt = new Date()): Promise<BuildResult> {
  const inputs = await readInputs(def, flags, io);
  const log = def.inputs.some((i) => i.mappable) ? await readLogOptions(logFlags(flags), readOptions(def, io)) : {};
  const perInput = fileDateOrders(flags, perFile(def), log);
  const fields: Record<string, string> = {};
  for (const f of def.fields) fields[f.key] = textFlag(flags, f.flag) ?? "";
  io.progress(`building ${def.title}`);
  try {
    return await planSheet(def, { ...inputs, fields, builtAt, fees: def.needsFees ? bundledFees() : undefined, ...log, perInput, release: true });
  } catch (e) {
    throw e instanceof InputError ? byFlag(def, e) : e;
  }
}

export function sheetCommand(def: SheetDefinition): Command {
  return {
    name: def.command.name,
    summary: def.command.summary,
    synopsis: synopsisOf(def),
    flags: flagsOf(def),
    async run(flags, io) {
      const out = textFlag(flags, "out")!;
      const built = await buildFromFlags(def, flags, io);
      await writeWorkbook([built.plan], out, io);
      const answer = bottomLineOf(built.plan);
      if (answer !== undefined) io.out(`Bottom line: ${answer}\n`);
      io.out(built.summary);
      io.out(`\nWrote ${out}`);
      return 0;
    },
  };
}
