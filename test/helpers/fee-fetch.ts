/**
 * The add-in fetches fee-schedule.json beside its pages; under Jest there is no page, so this
 * serves the same file (the built one when given, else the generated source) to a relative fetch
 * of that name, and refuses every other request, as the add-in must never make one.
 */
import * as fs from "fs";
import * as path from "path";

const SOURCE = path.resolve(__dirname, "../../src/core/data/fee-schedule.json");

export function feeFetch(file = SOURCE): (url: unknown) => Promise<Response> {
  return async (url: unknown) => {
    if (String(url) !== "fee-schedule.json") throw new Error(`unexpected request for ${String(url)}`);
    return new Response(fs.readFileSync(file, "utf8"), { status: 200, headers: { "content-type": "application/json" } });
  };
}

/** Installs feeFetch as the global fetch for this test file. */
export function installFeeFetch(): void {
  (globalThis as { fetch: unknown }).fetch = feeFetch();
}
