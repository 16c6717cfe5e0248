/** `clinpay demo`: every sheet from the bundled, illustrative sample data. */
import * as path from "path";
import { textFlag } from "../args";
import type { Command } from "../command";
import { buildOfferComparisonFromFiles, formatLevelsSummary, formatOfferSummary } from "./offers";
import { writeWorkbook } from "../write";
import { buildLeakageFromFiles, formatLeakageSummary } from "./leakage";
import { buildTargetFromRequest, formatTargetSummary, type TargetRequest } from "./targets";

/** samples/ at the package root: three levels up from both src/cli/commands and lib/cli/commands. */
export const SAMPLES_DIR = path.resolve(__dirname, "../../../samples");

const sample = (name: string) => path.join(SAMPLES_DIR, name);

/** The Target Tracker samples/README.md suggests for the sample clinician: a 5,000 wRVU target on
 *  a $180,000 base, YTD summed from the sample appointment log (As of: its last date). */
export const DEMO_TARGETS: TargetRequest = {
  wrvuTarget: 5000,
  appointments: sample("appointments.csv"),
  baseSalary: 180000,
  tiersFile: sample("target-tiers.csv"),
};

export const demoCommand: Command = {
  name: "demo",
  summary: "Every sheet from the bundled sample data (illustrative), written to a folder",
  synopsis: "[-o DIR]",
  flags: [{ name: "out", alias: "o", value: "dir", help: "the folder to write the workbooks to (default: out)" }],
  async run(flags, io) {
    const started = Date.now();
    const dir = textFlag(flags, "out") ?? "out";

    // Every plan is built before anything is written, so a bad sample leaves no workbook.
    const offers = await buildOfferComparisonFromFiles({ offers: sample("offers.csv"), tiers: sample("tiers.csv") }, io);
    const leakage = await buildLeakageFromFiles({ appointments: sample("appointments.csv"), time: sample("time-log.csv") }, {}, io);
    const targets = await buildTargetFromRequest(DEMO_TARGETS, io);

    const outputs = [
      { file: path.join(dir, "offer-comparison.xlsx"), plan: offers.plan },
      { file: path.join(dir, "rvu-leakage.xlsx"), plan: leakage.plan },
      { file: path.join(dir, "target-tracker.xlsx"), plan: targets.plan },
    ];
    for (const o of outputs) await writeWorkbook([o.plan], o.file, io);

    io.out("All figures come from made-up, illustrative sample data in samples/ (see samples/README.md).\n");
    io.out("Offer Comparison: which offer pays best per real hour (paid + unpaid), and its worst scenario\n");
    io.out(formatOfferSummary(offers.comparison));
    io.out(`\n${formatLevelsSummary(offers.levels)}`);
    io.out("\nRVU Leakage: what no-shows and unpaid time cost (samples/appointments.csv, samples/time-log.csv)\n");
    io.out(formatLeakageSummary(leakage.metrics, {}, leakage.log));
    io.out("\nTarget Tracker: a 5,000 wRVU target, YTD from samples/appointments.csv (samples/target-tiers.csv)\n");
    io.out(formatTargetSummary(targets.metrics, DEMO_TARGETS, targets.production));

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.out(`\nWrote ${outputs.map((o) => o.file).join(", ")} in ${seconds} s`);
    return 0;
  },
};
