/**
 * Four Jest projects, all run by `npm test` (`jest`), each alone by `npm run test:<name>`:
 * - unit: unit, property and fuzz tests in this process (test/unit), the fast loop;
 * - workbook: built sheets recalculated in LibreOffice (test/workbook);
 * - browser: the built pane in Chromium (test/browser);
 * - hostile: hostile input and faults on the CLI, signals and kills on the real entry point
 *   (test/hostile).
 * Timings and memory are never asserted here: `npm run bench` measures them (BENCHMARKS.md).
 */
const shared = {
  testEnvironment: "node",
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] },
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
};

const project = (displayName, testMatch, extra = {}) => ({ ...shared, displayName, rootDir: __dirname, testMatch, ...extra });

module.exports = {
  projects: [
    project("unit", ["<rootDir>/test/unit/**/*.test.ts"]),
    project("workbook", ["<rootDir>/test/workbook/**/*.test.ts"]),
    project("browser", ["<rootDir>/test/browser/**/*.test.ts"]),
    project("hostile", ["<rootDir>/test/hostile/**/*.test.ts"]),
  ],
  // The budget of a test that names none: a build of a real log on a 2-core machine that other
  // jobs load can take ten times its quiet time.
  testTimeout: 180000,
  maxWorkers: 2,
};
