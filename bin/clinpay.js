#!/usr/bin/env node
// The clinpay CLI: compiled from src/cli by `npm run build:cli` (or `npm run build`).
let runCli;
try {
  ({ runCli } = require("../lib/cli/main.js"));
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND") {
    console.error("clinpay is not built yet: run `npm run build` (or `npm run build:cli`) first.");
    process.exit(1);
  }
  throw e;
}
runCli(process.argv.slice(2));
