#!/usr/bin/env node
/**
 * `npm run look`: builds every registered sheet from its demo data (as `clinpay demo` does, from
 * the TypeScript sources, so no build is needed first), then prints each analysis sheet to PDF
 * with LibreOffice and to PNG with pdftoppm, in out/look/:
 *   <sheet>.xlsx                the workbook as built
 *   <sheet>.pdf                 the analysis sheet as it prints, then the first page of each data sheet
 *   <sheet>-N.png, <sheet>-data.png   those pages as pictures
 * and says how many pages each analysis sheet prints on. Look at the PNGs after any change to a
 * layout: tests catch overlaps and cut text, not a sheet that reads badly.
 * The helpers below are used by the workbook tests too (test/workbook/print.test.ts).
 */
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const JSZip = require("jszip");

/** The line a data sheet's first page starts with (src/sheets/data-sheet.ts). */
const DATA_SHEET_LINE = /The rows the .* sheet reads/;

/**
 * A copy of `xlsx` for printing the analysis sheet: every data sheet's print area cut to its
 * first `dataRows` rows (LibreOffice prints hidden sheets too, and a whole log is dozens of pages).
 */
async function printCopy(xlsx, out, dataRows = 40) {
  const zip = await JSZip.loadAsync(fs.readFileSync(xlsx));
  const part = "xl/workbook.xml";
  const xml = (await zip.file(part).async("string")).replace(
    /(<definedName name="_xlnm\.Print_Area" localSheetId="(\d+)">[^<]*?\$)(\d+)(<\/definedName>)/g,
    (all, head, sheet, lastRow, tail) => (sheet === "0" ? all : `${head}${Math.min(Number(lastRow), dataRows)}${tail}`)
  );
  zip.file(part, xml);
  fs.writeFileSync(out, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

/** Pages the first sheet of a printed workbook takes: up to the first data sheet's first page. */
function firstSheetPages(pdf) {
  const total = pdfPages(pdf);
  for (let page = 1; page <= total; page++) {
    const text = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", pdf, "-"], { encoding: "utf8" });
    if (DATA_SHEET_LINE.test(text)) return page - 1;
  }
  return total;
}

/** LibreOffice, recalculating on load, converting `files` to PDF in `outDir` (one run for all). */
function toPdf(files, outDir) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-look-"));
  fs.mkdirSync(path.join(profile, "user"), { recursive: true });
  fs.writeFileSync(
    path.join(profile, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>`
  );
  try {
    execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf:calc_pdf_Export", "--outdir", outDir, ...files], { stdio: "ignore", timeout: 300_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return files.map((f) => path.join(outDir, `${path.parse(f).name}.pdf`));
}

/** Pages of a PDF (pdfinfo). */
function pdfPages(pdf) {
  const m = /^Pages:\s+(\d+)/m.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }));
  if (!m) throw new Error(`pdfinfo could not count the pages of ${pdf}`);
  return Number(m[1]);
}

/** The PDF's pages as PNGs `<stem>-N.png` (only the first `last` pages when given). */
function toPngs(pdf, stem, last) {
  const args = ["-png", "-r", "80", ...(last ? ["-f", "1", "-l", String(last)] : []), pdf, stem];
  execFileSync("pdftoppm", args);
  const dir = path.dirname(stem);
  const base = path.basename(stem);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith(".png") && /^\d+$/.test(f.slice(base.length + 1, -4)))
    .map((f) => path.join(dir, f));
}

async function main() {
  require("./bench/ts-hook");
  const { SHEETS } = require("../src/sheets/registry.ts");
  const { demoFlags } = require("../src/cli/commands/demo.ts");
  const { buildFromFlags } = require("../src/cli/sheet-command.ts");
  const { writeXlsxFile } = require("../src/render/xlsx.ts");
  // `node scripts/look.js [DIR] [kind …]`: only those sheets when kinds are named.
  const out = path.resolve(process.argv[2] ?? "out/look");
  const only = process.argv.slice(3);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, "print"), { recursive: true });
  const io = { out: () => undefined, err: (s) => process.stderr.write(`${s}\n`), progress: () => undefined };
  const prints = [];
  for (const def of SHEETS.filter((d) => only.length === 0 || only.includes(d.kind))) {
    const built = await buildFromFlags(def, demoFlags(def), io);
    const stem = path.parse(def.demo.file).name;
    const xlsx = path.join(out, def.demo.file);
    await writeXlsxFile([built.plan], xlsx);
    await printCopy(xlsx, path.join(out, "print", `${stem}.xlsx`));
    prints.push({ stem, file: path.join(out, "print", `${stem}.xlsx`), data: (built.plan.dataSheets ?? []).length > 0 });
  }
  const pdfs = toPdf(prints.map((p) => p.file), out);
  fs.rmSync(path.join(out, "print"), { recursive: true, force: true });
  for (const [i, p] of prints.entries()) {
    const pages = firstSheetPages(pdfs[i]);
    const pngs = toPngs(pdfs[i], path.join(out, p.stem), pages);
    if (p.data) {
      execFileSync("pdftoppm", ["-png", "-r", "80", "-f", String(pages + 1), "-l", String(pages + 1), "-singlefile", pdfs[i], path.join(out, `${p.stem}-data`)]);
      pngs.push(path.join(out, `${p.stem}-data.png`));
    }
    console.log(`${p.stem.padEnd(22)} ${String(pages).padStart(2)} page${pages === 1 ? " " : "s"}  ${pngs.map((f) => path.relative(process.cwd(), f)).join(" ")}`);
  }
}

module.exports = { printCopy, toPdf, pdfPages, firstSheetPages };

if (require.main === module) {
  main().catch((e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  });
}
