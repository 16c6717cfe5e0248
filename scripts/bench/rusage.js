/**
 * Preloaded (node -r) into a real `node bin/clinpay.js …` run by the bench: at exit it writes the
 * process's own wall time and peak RSS to the file named by CLINPAY_BENCH_RUSAGE, so the figure
 * is the command exactly as a user runs it (its heap settings included).
 */
"use strict";
const fs = require("fs");
const t0 = process.hrtime.bigint();
process.on("exit", (code) => {
  const out = process.env.CLINPAY_BENCH_RUSAGE;
  if (!out) return;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.writeFileSync(out, JSON.stringify({ code, seconds, maxRss: process.resourceUsage().maxRSS * 1024 }));
});
