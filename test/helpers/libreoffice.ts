/**
 * LibreOffice as the test suite's independent spreadsheet engine: recalculate workbooks
 * headless and read back what it computed. Each soffice start costs a second or two, so every
 * helper takes many files and converts them in one call; batch your files.
 */
import { spawn } from "child_process";
import { randomBytes } from "crypto";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";

export type CellValue = number | string | boolean | null;

const SOFFICE = process.env.SOFFICE ?? "soffice";
const TIMEOUT_MS = 120_000;

/**
 * A throwaway profile whose only setting is "recalculate xlsx formulas on load: always"
 * (OOXMLRecalcMode 0). LibreOffice's default never recalculates files from other programs and
 * would hand back our own cached values, proving nothing. Own profile per call, so parallel
 * Jest workers never share (and lock) one.
 */
const RECALC_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

async function withProfile<T>(run: (profileUrl: string) => Promise<T>): Promise<T> {
  const dir = path.join(os.tmpdir(), `clinpay-lo-${process.pid}-${randomBytes(6).toString("hex")}`);
  await fs.mkdir(path.join(dir, "user"), { recursive: true });
  await fs.writeFile(path.join(dir, "user", "registrymodifications.xcu"), RECALC_XCU);
  try {
    return await run(`file://${dir}`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Runs soffice in its own process group so a hang can be ended completely (soffice is a
 *  wrapper script around soffice.bin). */
function runSoffice(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(SOFFICE, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
      reject(new Error(`soffice timed out after ${TIMEOUT_MS / 1000}s\n${stderr}`));
    }, TIMEOUT_MS);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${SOFFICE} (install libreoffice-calc-nogui): ${err.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`soffice exited ${code}\n${stdout}\n${stderr}`));
    });
  });
}

async function convert(files: string[], filter: string, ext: string, outDir?: string): Promise<string[]> {
  if (files.length === 0) return [];
  const out = outDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-lo-out-")));
  await fs.mkdir(out, { recursive: true });
  const abs = files.map((f) => path.resolve(f));
  const targets = abs.map((f) => path.join(path.resolve(out), `${path.parse(f).name}.${ext}`));
  // soffice names outputs after the inputs: two inputs with one stem would overwrite each
  // other, and an output beside its input would replace it.
  if (new Set(targets).size !== targets.length) throw new Error(`Two inputs would both become the same output in ${out}`);
  const clash = abs.find((f) => targets.includes(f));
  if (clash) throw new Error(`Converting ${clash} into ${out} would overwrite it; use another outDir`);
  await Promise.all(targets.map((t) => fs.rm(t, { force: true })));

  const { stdout, stderr } = await withProfile((profile) =>
    runSoffice([
      `-env:UserInstallation=${profile}`,
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--convert-to",
      filter,
      "--outdir",
      out,
      ...abs,
    ])
  );
  const missing: string[] = [];
  for (const t of targets) await fs.access(t).catch(() => missing.push(t));
  if (missing.length) throw new Error(`soffice did not write ${missing.join(", ")}\n${stdout}\n${stderr}`);
  return targets;
}

/** Opens every file in LibreOffice, recalculates all formulas and saves as .xlsx into outDir
 *  (a new temporary folder when omitted). One soffice run for all files. Returns the output
 *  paths in input order. */
export function recalcWithLibreOffice(files: string[], outDir?: string): Promise<string[]> {
  return convert(files, 'xlsx:Calc MS Excel 2007 XML', "xlsx", outDir);
}

/** Exports each file to PDF (recalculated, charts drawn) in one soffice run. */
export async function convertToPdfs(files: string[], outDir?: string): Promise<string[]> {
  return convert(files, "pdf:calc_pdf_Export", "pdf", outDir);
}

export async function convertToPdf(file: string, outDir?: string): Promise<string> {
  return (await convertToPdfs([file], outDir))[0];
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A cell as a plain value: formulas give their cached result, errors their text ("#NAME?"),
 *  dates the Excel serial number (ExcelJS turns date-formatted numbers into Dates). */
export function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
  if (typeof v !== "object") return v;
  if ("error" in v) return v.error;
  if ("formula" in v || "sharedFormula" in v) {
    return plainValue(((v as ExcelJS.CellFormulaValue).result ?? null) as ExcelJS.CellValue);
  }
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("text" in v) return String(v.text);
  return JSON.stringify(v);
}

/** A cell's plain value. Reads a formula's result from `cell.result`: ExcelJS's `cell.value`
 *  drops a cached result of FALSE or 0-like values ({ formula } with no result). */
export function cellValue(cell: ExcelJS.Cell): CellValue {
  if (cell.type === ExcelJS.ValueType.Formula) return plainValue((cell.result ?? null) as ExcelJS.CellValue);
  return plainValue(cell.value);
}

const isErrorCell = (cell: ExcelJS.Cell): boolean => {
  const v = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  return v !== null && typeof v === "object" && "error" in v;
};

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function sheetOf(wb: ExcelJS.Workbook, file: string, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`${file} has no sheet "${name}" (has ${wb.worksheets.map((w) => w.name).join(", ")})`);
  return ws;
}

/** Every non-empty cell of a sheet: A1 address → value (see plainValue). */
export async function readSheet(file: string, sheetName: string): Promise<Map<string, CellValue>> {
  const ws = sheetOf(await load(file), file, sheetName);
  const out = new Map<string, CellValue>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      const v = cellValue(cell);
      if (v !== null) out.set(cell.address, v);
    })
  );
  return out;
}

/** Every formula of a sheet: A1 address → formula text as stored (no "="). */
export async function readFormulas(file: string, sheetName: string): Promise<Map<string, string>> {
  const ws = sheetOf(await load(file), file, sheetName);
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      const f = cell.formula;
      if (f) out.set(cell.address, f);
    })
  );
  return out;
}

/** Every cell in the workbook that shows an error: Excel error values, LibreOffice's "Err:502"
 *  style texts and "#NAME" texts. As "Sheet!A1: text". */
export async function findErrors(file: string): Promise<string[]> {
  const wb = await load(file);
  const found: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cellValue(cell);
        if (isErrorCell(cell) || (typeof v === "string" && (v.startsWith("Err:") || v.startsWith("#NAME"))))
          found.push(`${ws.name}!${cell.address}: ${String(v)}`);
      })
    );
  }
  return found;
}
