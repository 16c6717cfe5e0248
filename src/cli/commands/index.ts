import type { Command } from "../command";
import { offersCommand } from "./offers";
import { demoCommand } from "./demo";
import { leakageCommand } from "./leakage";
import { targetsCommand } from "./targets";

/** Every clinpay command, in the order `clinpay --help` lists them. */
export const commands: Command[] = [offersCommand, leakageCommand, targetsCommand, demoCommand];
