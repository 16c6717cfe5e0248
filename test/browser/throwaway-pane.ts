/**
 * The pane of test/browser/throwaway-pane.test.ts: the real Pane over the in-memory workbook,
 * handed the registry's sheets plus the throwaway one (test/helpers/throwaway-sheet.ts), and the
 * real sample loader plus the throwaway's sample file. Bundled by webpack in the test.
 */
import { Pane } from "../../src/taskpane/app";
import { SHEETS } from "../../src/sheets/registry";
import { loadSample, sampleData } from "../../src/taskpane/sample-data";
import { parseCsv } from "../../src/core/csv";
import { FakeWorkbook } from "../helpers/fake-workbook";
import { WIDGETS_CSV, WIDGETS_FILE, throwawaySheet } from "../helpers/throwaway-sheet";

const fake = new FakeWorkbook(["Sheet1"]);
(window as unknown as { __clinpayFake: FakeWorkbook }).__clinpayFake = fake;
const load = (file: string) => (file === WIDGETS_FILE ? Promise.resolve(sampleData(parseCsv(WIDGETS_CSV, file))) : loadSample(file));
void new Pane(document.getElementById("cp-app")!, (fn) => fn(fake), { sheets: [...SHEETS, throwawaySheet], loadSample: load }).start();
