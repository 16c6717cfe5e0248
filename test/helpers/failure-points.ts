import type { SheetPlan } from "../../src/sheets/plan";
import { renderPlanToExcel, type RenderOptions } from "../../src/render/excel";
import type { FakeWorkbook } from "./fake-workbook";

/**
 * Fails every operation of every round trip of a build in turn, and each response lost after the
 * fact: the workbook must be exactly as it was, except when only the final commit's answer was
 * lost, where the build stands, complete and under the clean build's name.
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
      if (lost && k === requests.length) {
        const res = await renderPlanToExcel(wb, p, opts);
        expect(res.sheetName).toBe(cleanResult.sheetName);
        expect(wb.snapshot()).toEqual(clean.snapshot());
      } else {
        await expect(renderPlanToExcel(wb, p, opts)).rejects.toThrow(/^fake: round trip/);
        expect(wb.snapshot()).toEqual(before);
      }
      cases++;
    }
  }
  return { cases, roundTrips: requests.length };
}
