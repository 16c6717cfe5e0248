/**
 * Backward compatibility (issue 22): today's offers files give exactly the figures they gave
 * before the more offer columns. The expected figures were recorded from main's build before the
 * change (test/fixtures/inputs/offers-baseline.json says how), not computed by this code.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { parseCsv } from "../../../src/core/csv";
import { readOfferInputs } from "../../../src/core/inputs/offers";
import { compareOffers } from "../../../src/core/offers";
import { offerLevelFigures } from "../../../src/core/offer-levels";
import type { RawTable } from "../../../src/core/inputs/types";

const FIXTURES = path.resolve(__dirname, "../../fixtures/inputs");
const SAMPLES = path.resolve(__dirname, "../../../samples");

interface Recorded {
  rows: { offer: string; scenario: string; annualPay: number; effectiveHourly: number; annualUnits: number; guarantee: number; production: number; gapToAdvertised: number | null }[];
  summary: { offer: string; expectedEffectiveHourly: number; expectedRank: number; worstScenario: string; worstEffectiveHourly: number }[];
  best: { offer: string; effectiveHourly: number } | null;
  levels: {
    compareAgainst: string;
    targetHourly: number;
    offers: { offer: string; unitsPerHourToMatch: number | null; how: string; targetPay: number; dollarsPerWrvu: number | null; byLevel: number[]; curve: number[] }[];
  };
}

const read = async (file: string): Promise<RawTable> => parseCsv(await fs.readFile(file, "utf8"), path.basename(file));

/** Today's figures for the fields the baseline recorded. */
function today(offers: RawTable, tiers?: RawTable): Recorded {
  const inputs = readOfferInputs({ offers, tiers });
  const c = compareOffers(inputs.offers, inputs.tiers, inputs.scenarios);
  const l = offerLevelFigures(inputs.offers, inputs.tiers, inputs.scenarios[0]);
  return {
    rows: c.rows.map((r) => ({ offer: r.offer, scenario: r.scenario, annualPay: r.annualPay, effectiveHourly: r.effectiveHourly, annualUnits: r.annualUnits, guarantee: r.guarantee, production: r.production, gapToAdvertised: r.gapToAdvertised })),
    summary: c.summary.map((s) => ({ offer: s.offer, expectedEffectiveHourly: s.expectedEffectiveHourly, expectedRank: s.expectedRank, worstScenario: s.worstScenario, worstEffectiveHourly: s.worstEffectiveHourly })),
    best: c.best,
    levels: {
      compareAgainst: l.compareAgainst,
      targetHourly: l.targetHourly,
      offers: l.offers.map((o) => ({ offer: o.offer, unitsPerHourToMatch: o.match.unitsPerHour, how: o.match.how, targetPay: o.match.targetPay, dollarsPerWrvu: o.dollarsPerWrvu, byLevel: o.byLevel, curve: o.curve })),
    },
  };
}

let baseline: Record<string, Recorded>;
beforeAll(async () => {
  baseline = JSON.parse(await fs.readFile(path.join(FIXTURES, "offers-baseline.json"), "utf8"));
});

test.each([
  ["samples", "offers-before-more-terms.csv", path.join(SAMPLES, "tiers.csv")],
  ["offers-good", "offers-good.csv", undefined],
  ["offers-bom", "offers-bom.csv", undefined],
  ["offers-semicolon", "offers-semicolon.csv", undefined],
  ["offers-variety", "offers-variety.csv", "tiers-variety.csv"],
])("%s: every figure exactly as before", async (label, offers, tiers) => {
  const got = today(await read(path.join(FIXTURES, offers)), tiers ? await read(path.resolve(FIXTURES, tiers)) : undefined);
  // Exactly: with every more term at its default the formulas add 0 and divide by 1.
  expect(got).toEqual(baseline[label]);
});

test("today's samples/offers.csv, less its new offer: the more columns blank or benefits only, the same figures as before", async () => {
  const t = await read(path.join(SAMPLES, "offers.csv"));
  const kept = { ...t, rows: t.rows.filter((r) => r[0] !== "Health system job with call") };
  expect(kept.rows).toHaveLength(5);
  // The new columns are in the header, blank in these rows but for benefits_annual.
  expect(t.headers).toContain("call_pay_per_shift");
  expect(today(kept, await read(path.join(SAMPLES, "tiers.csv")))).toEqual(baseline.samples);
});
