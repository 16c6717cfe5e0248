/** The workbook every command writes: its name checked before any input is read, its bytes
 *  written atomically, and environment failures said in one sentence. */
import { promises as fs } from "fs";
import * as path from "path";
import { UsageError, type FlagSpec, type ParsedFlags } from "./args";
import type { CliIO } from "./command";
import type { SheetPlan } from "../sheets/plan";
import { writeXlsxFile } from "../render/xlsx";
import { checkWritableFile, checkWritableFolder, sameFile, writeProblem } from "./environment";
import { trackTemp } from "./signals";

/**
 * Refuses, before any input is read, an output that could not be written or would overwrite an
 * input: a name that is not .xlsx, a folder, a path under a file, a folder without write
 * permission, or one of the command's own input files.
 */
export function checkOutput(flags: ParsedFlags, specs: FlagSpec[]): void {
  const spec = specs.find((s) => s.name === "out");
  const out = flags.out;
  if (!spec || typeof out !== "string") return;
  if (spec.value === "dir") return checkWritableFolder(out);
  if (path.extname(out).toLowerCase() !== ".xlsx") throw new UsageError(`-o must name an .xlsx file, got "${out}"`);
  for (const s of specs) {
    const input = flags[s.name];
    if (s.name === "out" || s.value !== "file" || typeof input !== "string") continue;
    if (sameFile(input, out)) {
      throw new UsageError(`-o ${out} is the --${s.name} file: writing it would replace your data; give the workbook another name, e.g. ${path.join(path.dirname(out), `clinpay-${path.basename(out)}`)}`);
    }
  }
  checkWritableFile(out);
}

/** Writes the plans to `out` (temp file + rename), creating its folder when needed. */
export async function writeWorkbook(plans: SheetPlan[], out: string, io: CliIO): Promise<void> {
  io.progress(`writing ${out}`);
  try {
    await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
  } catch (e) {
    throw writeProblem(e, out);
  }
  try {
    await writeXlsxFile(plans, out, { onTemp: trackTemp, onNote: (sentence) => io.err(`clinpay: note: ${sentence}`) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code) throw writeProblem(e, out);
    throw e;
  }
}
