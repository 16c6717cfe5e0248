/** The floor for numbers beside the ceiling, and the row limit on a raw table. */
import { MIN_INPUT_MAGNITUDE, rowLimitProblem, tooSmallMessage } from "../../../src/core/limits";

test("numbers closer to 0 than a billionth are too small; 0 and a billionth itself are not", () => {
  expect(MIN_INPUT_MAGNITUDE).toBe(0.000000001);
  for (const n of [1e-320, -1e-320, 5e-324, 9.99e-10, -9.99e-10]) expect([n, tooSmallMessage(n)]).toEqual([n, expect.stringMatching(/^is too small/)]);
  for (const n of [0, -0, 1e-9, -1e-9, 0.15, 1e9]) expect([n, tooSmallMessage(n)]).toEqual([n, undefined]);
});

test("rowLimitProblem counts filled rows only", () => {
  const rows = [["a"], [null], ["  "], ["b"], ["c"]];
  expect(rowLimitProblem({ source: "t.csv", headers: ["x"], rows }, 3, "offer", "why")).toBeUndefined();
  expect(rowLimitProblem({ source: "t.csv", headers: ["x"], rows }, 2, "offer", "at most 2 fit")).toEqual({ source: "t.csv", row: 0, column: "", value: "", message: "has 3 offers; at most 2 fit: split them into workbooks of 2 or fewer" });
});
