/** The package's version, read from package.json at the package root (two levels above both
 *  src/cli and lib/cli), so `clinpay --version` never disagrees with it. */
import * as fs from "fs";
import * as path from "path";

function readVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")).version ?? "unknown";
  } catch {
    return "unknown";
  }
}

export const VERSION = readVersion();
