import type { Command } from "../command";
import { SAMPLES_DIR, demoCommand } from "./demo";
import { inspectCommand } from "./inspect";
import { sheetCommand } from "../sheet-command";
import { SHEETS } from "../../sheets/registry";
import type { SheetDefinition } from "../../sheets/definition";

/** Every clinpay command, in the order `clinpay --help` lists them: one per sheet, then inspect and demo. */
export function commandsFor(sheets: readonly SheetDefinition[] = SHEETS, samplesDir = SAMPLES_DIR): Command[] {
  return [...sheets.map(sheetCommand), inspectCommand, demoCommand(sheets, samplesDir)];
}

/** The registry's commands: what `clinpay` runs. */
export const commands: Command[] = commandsFor();
