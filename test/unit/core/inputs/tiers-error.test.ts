// normalizeTiers is the one authority on a valid tier table; if it refuses what the row checks
// let through, its message must still reach the user as a Problem, not a crash.
jest.mock("../../../../src/core/tiers", () => {
  const actual = jest.requireActual("../../../../src/core/tiers");
  return {
    ...actual,
    normalizeTiers: () => {
      throw new Error("thresholds must go strictly up");
    },
  };
});

import { parseCsv } from "../../../../src/core/csv";
import { InputError } from "../../../../src/core/table";
import { parseOffers, parseTiers, parseTargetTiers } from "../../../../src/core/inputs/offers";

test("a normalizeTiers error becomes a Problem on the offer's first tier row", () => {
  const offers = parseOffers(parseCsv("offer,units_per_hour,paid_hours_per_week\nA,3,32\n", "offers.csv"));
  const tiers = parseCsv("offer,threshold,rate\nA,120,30\nA,0,0\n", "tiers.csv");
  let error: unknown;
  try {
    parseTiers(tiers, offers);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).problems).toEqual([
    { source: "tiers.csv", row: 3, column: "threshold", value: "", message: 'offer "A": thresholds must go strictly up' },
  ]);
  expect(() => parseTargetTiers(parseCsv("threshold,rate\n0,0\n", "t.csv"))).toThrow(/the contract: thresholds must go strictly up/);
});
