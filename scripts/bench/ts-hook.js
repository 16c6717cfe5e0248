/**
 * Lets the bench require TypeScript sources that `tsc -p tsconfig.cli.json` does not compile into
 * lib/ (the Office renderer, the in-memory fake workbook from test/helpers): each .ts file is
 * transpiled on require, types dropped, nothing type-checked (`npm run build` already did that).
 */
"use strict";
const fs = require("fs");
const ts = require("typescript");

if (!require.extensions[".ts"]) {
  require.extensions[".ts"] = (module, filename) => {
    const out = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2020,
        esModuleInterop: true,
      },
    });
    module._compile(out.outputText, filename);
  };
}
