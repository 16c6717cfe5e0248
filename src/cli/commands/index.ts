import type { Command } from "../command";
import { demoCommand } from "./demo";
import { inspectCommand } from "./inspect";
import { sheetCommand } from "../sheet-command";
import { SHEETS } from "../../sheets/registry";

/** Every clinpay command, in the order `clinpay --help` lists them: one per registered sheet, then inspect and demo. */
export const commands: Command[] = [...SHEETS.map(sheetCommand), inspectCommand, demoCommand];
