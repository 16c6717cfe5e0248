import type { SheetPlan } from "../../src/sheets/plan";
import { renderPlanToExcel, type RenderOptions } from "../../src/render/excel";
import type { FakeWorkbook } from "./fake-workbook";

/**
 * Fails every operation of every round trip of a build in turn, and each response lost after the
 * fact: the workbook must be exactly as it was (and the build rejected), except when only the final
 * commit's answer was lost, or the commit had already deleted an old sheet (a sheet and its data
 * sheet are two deletes, and the first cannot be undone): then the build stands, complete and
 * under the clean build's name, exactly as a clean build leaves it.
 * Returns how many failure points were tried and how many round trips the clean build took.
 */
export async function everyFailurePoint(
  make: () => FakeWorkbook,
  p: SheetPlan,
  opts: RenderOptions
): Promise<{ cases: number; roundTrips: number }> {
  const clean = make();
  const cleanResult = await renderPlanToExcel(clean, p, opts);
  const requests = clean.requests.map((r) => r.ops);
  let cases = 0;
  for (let k = 1; k <= requests.length; k++) {
    // Operation j throws; 0..j-1 stay applied. j = ops means "all ran, response lost".
    for (let j = 0; j <= requests[k - 1]; j++) {
      const lost = j === requests[k - 1];
      const wb = make();
      const before = wb.snapshot();
      wb.failure = lost ? { sync: k, lostResponse: true } : { sync: k, atOp: j };
      const outcome = await renderPlanToExcel(wb, p, opts).catch((e: Error) => e);
      if (outcome instanceof Error) {
        expect({ k, j, lost, error: outcome.message }).toEqual({ k, j, lost, error: expect.stringMatching(/^fake: round trip/) });
        expect(lost && k === requests.length).toBe(false);
        expect(wb.snapshot()).toEqual(before);
      } else {
        // Only the commit, the last round trip, can end in a build that stands.
        expect({ k, j, stands: true }).toEqual({ k: requests.length, j, stands: true });
        expect(outcome.sheetName).toBe(cleanResult.sheetName);
        expect(wb.snapshot()).toEqual(clean.snapshot());
      }
      cases++;
    }
  }
  return { cases, roundTrips: requests.length };
}
