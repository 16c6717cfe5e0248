// Prints Jest's JSON results as the plain line CI reads: `N passed, N failed`.
// Exits 1 when the file is missing (the run never reached Jest) or when nothing ran.
const fs = require("fs");
const file = process.argv[2];
let r;
try {
  r = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (e) {
  console.log("tests did not run (no results file: the build or pretest step failed)");
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const failedSuites = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
const passed = r.numPassedTests;
const failed = r.numFailedTests + failedSuites;
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
process.exit(failed === 0 && passed > 0 ? 0 : 1);
