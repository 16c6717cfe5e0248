/**
 * `clinpay audit` with one --provider for two files (SPEC §3, `[--provider NAME|all]`): a personal
 * record has no provider column, the group's statement names several. The name binds the file
 * that names several; the other is read whole. Before, the statement asked for --provider and the
 * record then refused it ("this log has no provider column"): no audit could be built.
 */
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { clinpay } from "../../helpers/cli-run";

const MINE = ["Date,Encounter ID,Status,CPT Code", "2026-01-05,E1,Completed,99214", "2026-01-06,E2,Completed,99213", "2026-01-07,E3,Completed,99214"];
// Hannah Kim's statement credits E1 and E2 (E3 is missing); Paul Lee's lines must not count as hers.
const GROUP_STATEMENT = [
  "Riverbend Medical Group - wRVU detail,,,,",
  "Service Date,Encounter,CPT,Work RVU,Rendering Provider",
  "01/05/2026,E1,99214,1.92,\"KIM, HANNAH MD\"",
  "01/06/2026,E2,99213,1.30,\"KIM, HANNAH MD\"",
  "01/07/2026,E3,99214,1.92,\"LEE, PAUL DO\"",
  "01/08/2026,E9,99215,2.80,\"LEE, PAUL DO\"",
];

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-cli-audit-"));
  await fs.writeFile(path.join(dir, "mine.csv"), MINE.join("\n"));
  await fs.writeFile(path.join(dir, "statement.csv"), GROUP_STATEMENT.join("\n"));
  await fs.writeFile(path.join(dir, "kim-only.csv"), GROUP_STATEMENT.filter((l) => !l.includes("LEE")).join("\n"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const args = (statement: string, ...more: string[]) => ["audit", "--mine", path.join(dir, "mine.csv"), "--statement", path.join(dir, statement), "--rvu-year", "2026", ...more];

test("a group statement without --provider: exit 2 listing its providers, nothing written", async () => {
  const out = path.join(dir, "none.xlsx");
  const r = await clinpay([...args("statement.csv"), "-o", out]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/statement\.csv column provider: names 2 providers: "KIM, HANNAH MD" \(2 rows\), "LEE, PAUL DO" \(2 rows\)/);
  expect(existsSync(out)).toBe(false);
});

test("--provider binds the statement that names several; the record without a provider column is read whole", async () => {
  const out = path.join(dir, "kim.xlsx");
  const r = await clinpay([...args("statement.csv", "--provider", "kim, hannah md"), "-o", out]);
  expect(r.err).not.toMatch(/no provider column/);
  expect(r.code).toBe(0);
  // Worked by hand: 3 services of mine; Kim's 2 lines match E1 and E2; E3 (99214, 1.92 at 2026 values) is missing.
  expect(r.out).toMatch(/Services: 3 in mine\.csv, 2 on statement\.csv \(net of voids\); 2 matched/);
  expect(r.out).toMatch(/Missing from their statement: 1 \(1\.92 wRVUs expected at 2026 values\)/);
  expect(r.out).toMatch(/On their statement only: 0 /);
  expect(existsSync(out)).toBe(true);
});

test("a statement naming one other provider is read whole, with a warning naming both", async () => {
  const out = path.join(dir, "lee.xlsx");
  const r = await clinpay([...args("kim-only.csv", "--provider", "LEE, PAUL DO"), "-o", out]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/Warnings:\n  .*kim-only\.csv names one provider, "KIM, HANNAH MD", not "LEE, PAUL DO": all its rows were read; check it is the same clinician's\./);
});

test("the usage line shows the RVU year as a year", async () => {
  const r = await clinpay(["audit", "--help"]);
  expect(r.out + r.err).toMatch(/\[--rvu-year YYYY\]/);
});
