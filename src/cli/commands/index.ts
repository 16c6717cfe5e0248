import type { Command } from "../command";

/** Every clinpay command, in the order `clinpay --help` lists them. */
export const commands: Command[] = [];
