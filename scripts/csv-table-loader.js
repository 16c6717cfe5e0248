/**
 * webpack loader for samples/*.csv: the bundled samples become a JSON table ({headers, rows}) at
 * build time, so the pane ships no CSV tokenizer just to read ClinPay's own files. Tokenized by
 * Papa Parse, as the CLI reads CSV; the samples are plain comma files, and blank rows at the end
 * are dropped as parseCsv drops them (test/browser checks the pane's sample tables against the
 * CLI's parse of the same files).
 */
"use strict";
const Papa = require("papaparse");

module.exports = function csvTableLoader(source) {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const { data, errors } = Papa.parse(text, { delimiter: ",", skipEmptyLines: false });
  if (errors.length > 0) throw new Error(`${this.resourcePath}: ${errors[0].message} (row ${errors[0].row})`);
  while (data.length > 0 && data[data.length - 1].every((c) => c.trim() === "")) data.pop();
  const [headers = [], ...rows] = data;
  return `export default ${JSON.stringify({ headers: headers.map((h) => h.trim()), rows })};`;
};
