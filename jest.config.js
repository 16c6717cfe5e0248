/** One Jest run for every kind of test: unit and property (test/unit), workbook tests that
 *  recalculate in LibreOffice (test/workbook) and browser tests in Chromium (test/browser). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] },
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
  testTimeout: 180000,
  maxWorkers: 2,
};
