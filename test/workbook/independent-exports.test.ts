/**
 * Three of the independent fixtures (test/fixtures/exports/independent/, figures worked by someone
 * who never read ClinPay's code, in expected.json) built by `clinpay` as a user would, with what
 * the fixture's README says each needs, recalculated in LibreOffice, and read back as a user reads
 * the sheet: the Telehealth Scorecard of Tebra's Okafor and of SimplePractice, and the Target
 * Tracker of the MEDITECH wRVU report (its subtotals, page lines and voids in the file).
 */
import { promises as fs, readFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { buildEach } from "../helpers/cli-run";
import { findErrors, readSheet, recalcWithLibreOffice } from "../helpers/libreoffice";
import { Grid } from "./sheet-grid";
import { TELEHEALTH_LABELS as TL, TELEHEALTH_SHEET_NAME, TELEHEALTH_TABLES } from "../../src/sheets/telehealth-scorecard";
import { TARGET_LABELS as GL, TARGET_SHEET_NAME } from "../../src/sheets/target-tracker";
import { MONTHLY_HEADERS } from "../../src/sheets/target-production";
import { ymdToSerial } from "../../src/core/dates";

const DIR = path.resolve(__dirname, "../fixtures/exports/independent");
const at = (f: string) => path.join(DIR, f);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const EXPECTED: any[] = JSON.parse(readFileSync(at("expected.json"), "utf8"));
const want = (file: string) => EXPECTED.find((e) => e.file === file);

let dir: string;
const grids: Record<string, Grid> = {};
const errors: string[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-independent-wb-"));
  const map = path.join(dir, "simplepractice-map.csv");
  await fs.writeFile(map, ["what,from,to", ...want("simplepractice-appointment-status.csv").needs.mapLines].join("\n") + "\n");
  const tele: [string, string[]][] = [
    ["tebra", ["--appointments", at("tebra-appointments-detail.csv"), "--provider", "Okafor, Maria MD"]],
    ["simplepractice", ["--appointments", at("simplepractice-appointment-status.csv"), "--map", map]],
  ];
  const targets: [string, string[]][] = [["meditech", ["--production", at("meditech-provider-wrvu-detail.txt"), "--wrvu-target", "5000"]]];
  const built = [...(await buildEach("telehealth", tele, dir)).files, ...(await buildEach("targets", targets, dir)).files];
  const recalc = await recalcWithLibreOffice(built, path.join(dir, "recalc"));
  const names = [...tele, ...targets].map(([n]) => n);
  for (const [i, name] of names.entries()) {
    grids[name] = new Grid(await readSheet(recalc[i], name === "meditech" ? TARGET_SHEET_NAME : TELEHEALTH_SHEET_NAME));
    errors.push(...(await findErrors(recalc[i])).map((e) => `${name}: ${e}`));
  }
}, 240_000);

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test("no recalculated workbook holds an error value", () => {
  expect(errors).toEqual([]);
});

test.each([
  ["tebra", "tebra-appointments-detail.csv", "Okafor, Maria MD"],
  ["simplepractice", "simplepractice-appointment-status.csv", undefined],
])("%s: the Telehealth Scorecard's rows by modality, as LibreOffice computes them, are expected.json's", (name, file, provider) => {
  const e = want(file);
  const figures = provider ? e.figures[provider] : e.figures;
  const g = grids[name];
  const rows = new Map(g.table(TELEHEALTH_TABLES.byModality).map((r) => [r[0], r]));
  for (const [label, m] of Object.entries(figures.byModality) as [string, { scheduled: number; completed: number; noShows: number; systemNoShows: number; noShowRate: number | null; wrvus: number | null }][]) {
    const r = rows.get(label)!;
    expect([label, r[1], r[2], r[3], r[5]]).toEqual([label, m.scheduled, m.completed, m.noShows, m.systemNoShows]);
    if (m.noShowRate === null) expect(r[4] ?? "").toBe("");
    else expect(r[4] as number).toBeCloseTo(m.noShowRate, 6);
    expect(r[7] as number).toBeCloseTo(m.wrvus ?? 0, 9);
  }
  expect(g.figure(TL.teleNoShowRate) as number).toBeCloseTo(figures.telehealthNoShowRate, 6);
  expect(g.figure(TL.inPersonNoShowRate) as number).toBeCloseTo(figures.inPersonNoShowRate, 6);
});

test("MEDITECH: YTD 80.52 wRVUs from 1 January (voids netted, subtotals and the provider total not summed), by month as the report's own subtotals", () => {
  const e = want("meditech-provider-wrvu-detail.txt").figures;
  const g = grids.meditech;
  expect(g.figure(GL.ytd) as number).toBeCloseTo(e.wrvusFrom20260101, 9);
  expect(g.figure(GL.asOf)).toBe(ymdToSerial(2026, 2, 19));
  const months = g.table(MONTHLY_HEADERS).map((r) => [r[0], Math.round((r[1] as number) * 100) / 100]);
  expect(months).toEqual([
    [ymdToSerial(2026, 1, 1), e.wrvusByMonth["2026-01"]],
    [ymdToSerial(2026, 2, 1), e.wrvusByMonth["2026-02"]],
  ]);
});
