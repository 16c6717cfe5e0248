/**
 * The fee schedule for Node: the CLI and the tests import the generated data with the code.
 * The add-in does not import this file; it fetches the same JSON on first use
 * (src/functions/fees.ts), so the table is never inside functions.js or taskpane.js.
 */
import data from "./fee-schedule.json";
import { FeeSchedule, type FeeScheduleData } from "../fee-schedule";

let fees: FeeSchedule | undefined;

export function bundledFees(): FeeSchedule {
  return (fees ??= new FeeSchedule(data as FeeScheduleData));
}
