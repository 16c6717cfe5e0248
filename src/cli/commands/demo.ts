/** `clinpay demo`: every registered sheet from the bundled, illustrative sample data. */
import * as path from "path";
import { textFlag, type ParsedFlags } from "../args";
import type { Command } from "../command";
import { writeWorkbook } from "../write";
import { buildFromFlags } from "../sheet-command";
import type { BuildResult, SheetDefinition } from "../../sheets/definition";
import { bottomLineOf } from "../../sheets/plan";

/** samples/ at the package root: three levels up from both src/cli/commands and lib/cli/commands. */
export const SAMPLES_DIR = path.resolve(__dirname, "../../../samples");

/** A definition's demo run as the flags a user would type: its sample files and assumptions. */
export function demoFlags(def: SheetDefinition, samplesDir = SAMPLES_DIR): ParsedFlags {
  const flags: ParsedFlags = {};
  for (const [key, file] of Object.entries(def.demo.tables)) flags[def.inputs.find((i) => i.key === key)!.cli[0].flag] = path.join(samplesDir, file);
  for (const [key, value] of Object.entries(def.demo.fields)) flags[def.fields.find((f) => f.key === key)!.flag] = value;
  return flags;
}

/** `clinpay demo` over these sheets, reading their sample files from samplesDir. */
export const demoCommand = (sheets: readonly SheetDefinition[], samplesDir: string): Command => ({
  name: "demo",
  summary: "Every sheet from the bundled sample data (illustrative), written to a folder",
  synopsis: "[-o DIR]",
  flags: [{ name: "out", alias: "o", value: "dir", help: "the folder to write the workbooks to (default: out)" }],
  async run(flags, io) {
    const started = Date.now();
    const dir = textFlag(flags, "out") ?? "out";
    // Every plan is built before anything is written, so a bad sample leaves no workbook.
    const built: { def: SheetDefinition; result: BuildResult; file: string }[] = [];
    for (const def of sheets) built.push({ def, result: await buildFromFlags(def, demoFlags(def, samplesDir), io), file: path.join(dir, def.demo.file) });
    for (const b of built) await writeWorkbook([b.result.plan], b.file, io);

    io.out("All figures come from made-up, illustrative sample data in samples/ (see samples/README.md).");
    for (const b of built) {
      const answer = bottomLineOf(b.result.plan);
      io.out(`\n${b.def.demo.heading}\n\n${answer === undefined ? "" : `Bottom line: ${answer}\n\n`}${b.result.summary}`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.out(`\nWrote ${built.map((b) => b.file).join(", ")} in ${seconds} s`);
    return 0;
  },
});
