/**
 * A 20,000-row copied log written through the streaming writer, recalculated by LibreOffice:
 * every figure over the whole log comes out as cached, nothing shows an error, the last row
 * arrives intact, user text that looks like a formula stays text, and the charts and the mark
 * survive. Big enough to cross many of the writer's batches, small enough to run in seconds.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { writeXlsxFile } from "../../src/render/xlsx";
import { a1, absRange } from "../../src/sheets/a1";
import { labelledBlocks, tableBlock, titleBlock } from "../../src/sheets/blocks";
import { lintFormulas } from "../../src/sheets/lint";
import { FMT, type PlanCell, type SheetPlan } from "../../src/sheets/plan";
import { findErrors, readFormulas, readSheet, recalcWithLibreOffice, type CellValue } from "../helpers/libreoffice";

const SHEET = "Streamed log";
const ROWS = 20_000;
const LOG_COL = 14; // O
const HEADER_ROW = 4;
const FIRST = HEADER_ROW + 1;
const LAST = HEADER_ROW + ROWS;
const STATUSES = ["completed", "completed", "completed", "no_show", "late_cancel", "cancelled"];
const CODES = ["99213", "99214", "99215", "98005"];
/** Reasons as a front desk types them, some starting with = + - @. */
const REASONS = ["patient forgot", "video link failed", '=HYPERLINK("http://example.invalid")', "+1 rescheduled", "-", "@risk"];

interface Visit {
  date: number;
  status: string;
  reason: string | null;
  cause: string | null;
  code: string;
  wrvu: number | null;
  visitType: string;
}

/** A deterministic log: a 32-bit xorshift sequence picks each field. */
function visits(): Visit[] {
  let x = 2463534242;
  const next = (n: number) => {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    return Math.floor((x / 4294967296) * n);
  };
  return Array.from({ length: ROWS }, (_, i) => {
    const status = STATUSES[next(STATUSES.length)];
    const missed = status === "no_show" || status === "late_cancel";
    return {
      date: 45658 + Math.floor(i / 60),
      status,
      reason: missed ? REASONS[next(REASONS.length)] : null,
      cause: missed ? (next(2) ? "system" : "patient") : null,
      code: CODES[next(CODES.length)],
      wrvu: next(4) === 0 ? null : (next(300) + 20) / 100,
      visitType: next(2) ? "video" : "audio",
    };
  });
}

const logRange = (field: number) => absRange(FIRST, LOG_COL + field, LAST, LOG_COL + field);

function streamedPlan(log: Visit[]): { plan: SheetPlan; figures: Map<string, number> } {
  const [D, S, , C, K, W] = [0, 1, 2, 3, 4, 5].map(logRange);
  const count = (pred: (v: Visit) => boolean) => log.filter(pred).length;
  const missed = (v: Visit) => v.status === "no_show" || v.status === "late_cancel";
  const sum = (xs: (number | null)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
  const completedWrvus = log.filter((v) => v.status === "completed" && v.wrvu !== null).map((v) => v.wrvu!);
  const figures: [string, string, number, string?][] = [
    ["Rows", `COUNT(${D})`, ROWS, FMT.number],
    ["Completed", `COUNTIF(${S},"completed")`, count((v) => v.status === "completed"), FMT.number],
    ["No-shows", `COUNTIF(${S},"no_show")+COUNTIF(${S},"late_cancel")`, count(missed), FMT.number],
    [
      "System-caused no-shows",
      `COUNTIFS(${S},"no_show",${C},"system")+COUNTIFS(${S},"late_cancel",${C},"system")`,
      count((v) => missed(v) && v.cause === "system"),
      FMT.number,
    ],
    ["wRVUs in the log", `SUM(${W})`, sum(log.map((v) => v.wrvu)), FMT.number2],
    ["No-show wRVUs", `SUMPRODUCT(((${S}="no_show")+(${S}="late_cancel"))*${W})`, sum(log.filter(missed).map((v) => v.wrvu)), FMT.number2],
    ["Mean completed wRVU", `AVERAGEIFS(${W},${S},"completed")`, sum(completedWrvus) / completedWrvus.length, FMT.number2],
    ["99214 visits", `COUNTIF(${K},"99214")`, count((v) => v.code === "99214"), FMT.number],
    ["Last date", `MAX(${D})`, log[log.length - 1].date, FMT.date],
  ];
  const byStatus = ["completed", "no_show", "late_cancel", "cancelled"].map((s, i): PlanCell[] => [
    s,
    { f: `COUNTIF(${S},A${16 + i})`, v: count((v) => v.status === s) },
  ]);
  const byCode = CODES.map((code, i): PlanCell[] => [
    code,
    { f: `SUMIF(${K},D${16 + i},${W})`, v: sum(log.filter((v) => v.code === code).map((v) => v.wrvu)) },
  ]);
  const rows: PlanCell[][] = log.map((v, i) => [v.date, v.status, v.reason, v.cause, v.code, v.wrvu, v.visitType, i + 2]);
  const plan: SheetPlan = {
    kind: "rvu-leakage",
    name: SHEET,
    columnWidths: [24, 12, 2, 10, 10],
    freeze: { rows: FIRST, cols: 0 },
    blocks: [
      titleBlock("Streamed log check"),
      ...labelledBlocks(figures.map(([label, f, v, format]) => ({ label, value: { f, v }, format })), 2, 0, "labels"),
      tableBlock(["Status", "Visits"], byStatus, 14, 0, [undefined, FMT.number]),
      tableBlock(["Code", "wRVUs"], byCode, 14, 3, ["@", FMT.number2]),
      tableBlock(["date", "status", "reason", "cause_type", "code", "wrvu", "visit_type", "source row"], rows, HEADER_ROW, LOG_COL, [
        FMT.date,
        undefined,
        undefined,
        undefined,
        "@",
        FMT.number2,
        undefined,
        "0",
      ]),
    ],
    charts: [
      { type: "column", title: "Visits by status", categoriesRef: "$A$16:$A$19", series: [{ nameRef: "$B$15", valuesRef: "$B$16:$B$19" }], at: { row: 21, col: 0, width: 5, height: 12 } },
      { type: "bar", title: "wRVUs by code", categoriesRef: "$D$16:$D$19", series: [{ nameRef: "$E$15", valuesRef: "$E$16:$E$19" }], at: { row: 21, col: 6, width: 6, height: 12 } },
    ],
  };
  // Each figure's value sits right of its label: B3, B4, …
  return { plan, figures: new Map(figures.map(([, , v], i) => [a1(2 + i, 1), v])) };
}

const close = (a: CellValue | undefined, b: number) =>
  typeof a === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe("a 20,000-row log through the streaming writer, in LibreOffice", () => {
  const log = visits();
  const { plan, figures } = streamedPlan(log);
  let dir: string;
  let recalculated: string;
  let values: Map<string, CellValue>;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-wb-stream-"));
    const original = path.join(dir, "streamed.xlsx");
    await writeXlsxFile([plan], original);
    [recalculated] = await recalcWithLibreOffice([original], path.join(dir, "lo"));
    values = await readSheet(recalculated, SHEET);
  });

  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  test("the plan passes the formula lint", () => {
    expect(lintFormulas(plan)).toEqual([]);
  });

  test("every figure over the whole log recalculates to its cached value", () => {
    const off = [...figures].filter(([address, v]) => !close(values.get(address), v));
    expect(off.map(([address, v]) => `${address}: cached ${v}, LibreOffice ${values.get(address)}`)).toEqual([]);
    expect(values.get("B3")).toBe(ROWS);
    // The small tables' formulas too.
    for (const r of [16, 17, 18, 19]) expect(typeof values.get(`B${r}`)).toBe("number");
  });

  test("no error values anywhere", async () => {
    expect(await findErrors(recalculated)).toEqual([]);
  });

  test("the log arrives whole: first and last rows as written, nothing after", () => {
    const row = (r: number) => Array.from({ length: 8 }, (_, c) => values.get(a1(r, LOG_COL + c)) ?? null);
    const expected = (v: Visit, i: number) => [v.date, v.status, v.reason, v.cause, v.code, v.wrvu, v.visitType, i + 2];
    expect(row(FIRST)).toEqual(expected(log[0], 0));
    expect(row(LAST)).toEqual(expected(log[ROWS - 1], ROWS - 1));
    expect(row(LAST + 1)).toEqual(Array(8).fill(null));
  });

  test("reasons that look like formulas are still text after LibreOffice saves them", async () => {
    const formulas = await readFormulas(recalculated, SHEET);
    const reasonCol = LOG_COL + 2;
    const tricky = log.map((v, i) => [v.reason, a1(FIRST + i, reasonCol)] as const).filter(([r]) => r !== null && /^[=+\-@]/.test(r));
    expect(tricky.length).toBeGreaterThan(100);
    for (const [reason, address] of tricky) {
      expect(values.get(address)).toBe(reason);
      expect(formulas.has(address)).toBe(false);
    }
  });

  test("both charts and the mark survive", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(recalculated));
    const charts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    expect(charts).toHaveLength(2);
    const wb = await zip.file("xl/workbook.xml")!.async("string");
    expect(wb).toMatch(/<definedName[^>]*name="ClinPay\.kind"[^>]*>&quot;rvu-leakage&quot;<\/definedName>/);
  });
});
