/**
 * `clinpay inspect FILE [--map FILE] [--write-map OUT.csv]` (SPEC §2): how a file will be read,
 * without building anything — the header row and the rows left out above it, furniture by kind,
 * each column's role and how it was recognised, the date order, the providers with their row
 * counts and every word ClinPay does not know. Exit 0 when the file would build as is, 2 when it
 * needs something (then the problems a build would list are printed too).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { UsageError, textFlag } from "../args";
import type { CliIO, Command } from "../command";
import { readTable } from "../read";
import { LOG_FLAGS, logFlags, readLogOptions } from "../log-flags";
import { InputError, formatProblems } from "../../core/table";
import { viewForMapping, type LogMappingView } from "../../core/exports/log-view";
import { inspectMapping } from "../../core/exports/inspect";
import { mappingCsv } from "../../core/exports/mapping";
import { readAppointmentLog, type LogOptions } from "../../core/inputs/appointments";
import { readProductionReport } from "../../core/inputs/production";
import { ORDER_WORDS } from "../../core/exports/date-order";
import { furnitureList } from "../../core/exports/furniture";
import type { RawTable } from "../../core/inputs/types";
import { sameFile, writeProblem } from "../environment";

const HOW: Record<string, string> = { map: "your mapping", name: "its name", alias: "an alias", contained: "contains an alias", values: "from its values", word: "a provider word in its header" };

function describe(view: LogMappingView, file: string): string[] {
  const out = [`${file}: read as ${view.kind === "log" ? "an appointment log" : "a wRVU production report"}`];
  out.push(`Header row: ${view.headerRow}${view.rowsAbove > 0 ? ` (${view.rowsAbove} ${view.rowsAbove === 1 ? "row" : "rows"} above it left out: titles, filters, run dates)` : ""}`);
  const left = furnitureList(view.furniture);
  out.push(`Report furniture left out: ${left || "none"}`);
  out.push("Columns:");
  const width = Math.max(...view.columns.map((c) => c.column.length));
  for (const c of view.columns) {
    if (!c.header && !c.required) continue;
    out.push(`  ${c.column.padEnd(width)}  ${c.header ? `"${c.header}" (${HOW[c.how ?? "name"]})` : "NOT FOUND (required): map it with column,<your header>," + c.column}`);
  }
  const absent = view.columns.filter((c) => !c.header && !c.required).map((c) => c.column);
  if (absent.length > 0) out.push(`  not in this file: ${absent.join(", ")}`);
  if (view.dateOrder) out.push(view.dateOrder.note ?? `Dates: ${ORDER_WORDS[view.dateOrder.order]}${view.dateOrder.why === "none" ? " (no date in the column could be read either way)" : ` (${view.dateOrder.why === "flag" ? "--date-order" : "the column's dates say"})`}`);
  if (view.providers.length > 0) out.push(`Providers: ${view.providers.map((p) => `"${p.name}" (${p.rows.toLocaleString("en-US")} ${p.rows === 1 ? "row" : "rows"})`).join(", ")}`);
  if (view.unknown.length > 0) {
    out.push("Words ClinPay does not know (each needs a line in a --map file):");
    for (const u of view.unknown) out.push(`  ${u.what} "${u.value}" ×${u.count.toLocaleString("en-US")}: ${u.choices.join(", ")}`);
  }
  if (view.unknownModality.length > 0) {
    out.push("Visit types with no modality word (read as blank; modifiers and place of service then decide):");
    out.push(`  ${view.unknownModality.map((u) => `"${u.value}" ×${u.count.toLocaleString("en-US")}`).join(", ")}`);
  }
  const notes = view.notes.filter((n) => !n.startsWith("The header is row") && !n.startsWith("Report furniture") && !n.startsWith("Dates in"));
  if (notes.length > 0) out.push("Also:", ...notes.map((n) => `  ${n}`));
  return out;
}

/** The problems a build would list, or [] when the file reads as is. */
function buildProblems(t: RawTable, view: LogMappingView, opts: LogOptions): InputError | null {
  try {
    if (view.kind === "log") readAppointmentLog(t, opts);
    else readProductionReport(t, opts);
    return null;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}

/** The Telehealth Scorecard's extra rule (modality for 95% of scheduled rows), said when it would stop. */
function scorecardProblem(t: RawTable, opts: LogOptions): InputError | null {
  try {
    readAppointmentLog(t, { ...opts, requireModality: true });
    return null;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}

async function writeMap(out: string, text: string, inputs: string[]): Promise<void> {
  if (path.extname(out).toLowerCase() !== ".csv") throw new UsageError(`--write-map must name a .csv file, got "${out}"`);
  for (const i of inputs) if (sameFile(i, out)) throw new UsageError(`--write-map ${out} is one of the files read: give the mapping another name, e.g. mapping.csv`);
  const temp = `${out}.${process.pid}.tmp`;
  try {
    await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
    await fs.writeFile(temp, text, "utf8");
    await fs.rename(temp, out);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw writeProblem(e, out);
  }
}

export const inspectCommand: Command = {
  name: "inspect",
  summary: "How ClinPay will read an export (header row, furniture, columns, date order, providers, unknown words); builds nothing",
  synopsis: "FILE [--map FILE] [--write-map OUT.csv] [--provider NAME|all] [--visit-type …] [--date-order mdy|dmy]",
  positional: "file",
  flags: [
    { name: "file", value: "file", required: true, help: "the export to inspect, .csv or .xlsx" },
    ...LOG_FLAGS,
    { name: "write-map", value: "file", help: "write a mapping file of every line ClinPay used or needs (unknown ones with `to` blank, to fill in)" },
  ],
  async run(flags, io: CliIO) {
    const file = textFlag(flags, "file")!;
    const writeTo = textFlag(flags, "write-map");
    const log = logFlags(flags);
    const opts = await readLogOptions(log);
    const table = await readTable(file);
    table.transient = false; // read several times here: its rows must stay

    const view = viewForMapping(table, { mapping: opts.mapping, dateOrder: opts.dateOrder });
    io.out(describe(view, file).join("\n"));
    const problems = buildProblems(table, view, opts);
    const scorecard = view.kind === "log" && !problems ? scorecardProblem(table, opts) : null;
    if (scorecard) io.out(`\nThe Telehealth Scorecard would stop (the other sheets would build):\n${formatProblems(scorecard.problems)}`);
    if (writeTo) {
      await writeMap(writeTo, mappingCsv(inspectMapping(view, opts.mapping)), [file, ...(log.map ? [log.map] : [])]);
      io.out(`\nWrote ${writeTo}: every line ClinPay used or needs; fill in each blank \`to\` (or delete the line), then run with --map ${writeTo}`);
    }
    if (problems) {
      io.out(`\nIt would not build as it is; a build would say:\n${formatProblems(problems.problems)}`);
      return 2;
    }
    io.out("\nIt would build as it is.");
    return 0;
  },
};
