/** The workbook every command writes: its name checked before any input is read, its bytes
 *  written atomically. */
import { promises as fs } from "fs";
import * as path from "path";
import { UsageError } from "./args";
import type { CliIO } from "./command";
import type { SheetPlan } from "../sheets/plan";
import { writeXlsxFile } from "../render/xlsx";

/** Refuses an output that could not be an .xlsx before any input is read. */
export function checkXlsxOut(out: string): void {
  if (path.extname(out).toLowerCase() !== ".xlsx") throw new UsageError(`-o must name an .xlsx file, got "${out}"`);
}

/** Writes the plans to `out` (temp file + rename), creating its folder when needed. */
export async function writeWorkbook(plans: SheetPlan[], out: string, io: CliIO): Promise<void> {
  io.progress(`writing ${out}`);
  await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
  await writeXlsxFile(plans, out);
}
