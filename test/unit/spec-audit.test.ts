/**
 * SPEC rules that had no test able to catch a mistake, each checked against numbers worked by
 * hand from the SPEC's words (never from the code's output).
 */
import { installFeeFetch } from "../helpers/fee-fetch";
import { bundledFees } from "../../src/core/data/bundled-fees";
import { parseCsv } from "../../src/core/csv";
import { readOfferInputs } from "../../src/core/inputs/offers";
import { parseAppointments, parseTimeLog } from "../../src/core/inputs/logs";
import { compareOffers } from "../../src/core/offers";
import { leakageMetrics } from "../../src/core/leakage";
import * as fs from "fs";
import * as path from "path";
import * as F from "../../src/functions/functions";
import { useFakeCustomFunctions } from "../helpers/custom-functions";

installFeeFetch();

const csv = (text: string, source = "t.csv") => parseCsv(text, source);
const close = (actual: number | null | undefined, expected: number) => expect(actual).toBeCloseTo(expected, 9);

describe("SPEC §2 Offers + Scenarios, from the user's CSV to annual pay and effective hourly", () => {
  // One wRVU offer and one per-visit offer with identical inputs; the visit offer has cliff tiers.
  const inputs = readOfferInputs({
    offers: csv(
      "Offer,Base Salary,Pay per unit,Unit,Units per hour,Paid hours per week,Weeks per year,Unpaid hours per week,No-show rate %,Paid no-show share,Advertised annual\n" +
        "W,100000,50,wrvu,2,30,40,5,20%,0.5,250000\n" +
        "V,100000,50,visit,2,30,40,5,20%,0.5,\n",
      "offers.csv"
    ),
    tiers: csv("offer,threshold,rate,method\nV,0,10,CLIFF\nV,1000,20,\n", "tiers.csv"),
    scenarios: csv("scenario,volume_factor,months,no_show_add,unpaid_factor,wrvu_factor\nExpected,1,12,0,1,1\nMixed,0.5,6,0.9,2,0.9\n", "scenarios.csv"),
  });
  const { rows, summary } = compareOffers(inputs.offers, inputs.tiers, inputs.scenarios);
  const at = (offer: string, scenario: string) => rows.find((r) => r.offer === offer && r.scenario === scenario)!;

  test("Expected: guarantee + production over (paid + unpaid) × weeks", () => {
    // Annual units = 2 × 30 × 40 × (1 − 0.2 × (1 − 0.5)) = 2,160.
    const w = at("W", "Expected");
    close(w.annualUnits, 2160);
    close(w.annualPay, 100000 + 50 * 2160); // 208,000
    close(w.effectiveHourly, 208000 / ((30 + 5) * 40));
    close(w.gapToAdvertised, 250000 - 208000);
    // V's tiers replace pay_per_unit: cliff, 2,160 > 1,000, so every unit at $20.
    const v = at("V", "Expected");
    close(v.production, 2160 * 20);
    close(v.annualPay, 143200);
    expect(v.advertised).toBeNull();
  });

  test("a scenario changes volume for its months, caps no-shows at 1, scales unpaid time, and wRVUs for wrvu offers only", () => {
    // units_per_hour 2 × (1 + (0.5 − 1) × 6 ÷ 12) = 1.5; wRVU offer × 0.9 = 1.35.
    // no_show_rate 0.2 + 0.9 capped at 1; attendance 1 − 1 × (1 − 0.5) = 0.5.
    // unpaid 5 × 2 = 10 h a week: (30 + 10) × 40 = 1,600 hours.
    const w = at("W", "Mixed");
    close(w.unitsPerHour, 1.35);
    close(w.noShowRate, 1);
    close(w.unpaidHoursPerWeek, 10);
    close(w.annualUnits, 1.35 * 30 * 40 * 0.5); // 810
    close(w.annualPay, 100000 + 50 * 810); // 140,500
    close(w.effectiveHourly, 140500 / 1600);
    const v = at("V", "Mixed");
    close(v.unitsPerHour, 1.5);
    close(v.annualUnits, 1.5 * 30 * 40 * 0.5); // 900
    close(v.production, 900 * 10); // cliff: 900 is above 0 but not above 1,000
    close(v.effectiveHourly, 109000 / 1600);
  });

  test("per offer: rank by Expected effective hourly, worst scenario and its effective hourly", () => {
    expect(summary.map((s) => [s.offer, s.expectedRank, s.worstScenario])).toEqual([
      ["W", 1, "Mixed"],
      ["V", 2, "Mixed"],
    ]);
    close(summary[0].worstEffectiveHourly, 140500 / 1600);
    close(summary[1].worstEffectiveHourly, 109000 / 1600);
  });
});

describe("SPEC §2/§3 appointment log: cancelled is not a no-show, late_cancel is, cause_type blank = patient", () => {
  const appts = parseAppointments(
    csv(
      "date,status,reason,cause_type,code,wrvu\n" +
        "2025-03-03,completed,,,,2\n" +
        "2025-03-03,late_cancel,video link failed,system,,1\n" +
        "2025-03-04,no_show,forgot,,,\n" + // blank cause_type: patient; no wrvu or code: mean of completed (2)
        "2025-03-04,cancelled,platform outage,system,,3\n" + // with notice: in no count but Cancelled
        "2025-03-05,cancelled,rescheduled,,,\n",
      "appointments.csv"
    )
  );
  const m = leakageMetrics(appts, null, { dollarsPerWrvu: 40, effectiveHourly: 100, fees: bundledFees() });

  test("counts and rates", () => {
    expect(m.scheduled).toBe(3);
    expect(m.completed).toBe(1);
    expect(m.noShows).toBe(2);
    expect(m.cancelled).toBe(2);
    close(m.noShowRate, 2 / 3);
    // Only the late cancel is system-caused: the cancelled system row is no no-show at all.
    expect(m.systemNoShows).toBe(1);
    close(m.patientNoShowRate, (2 - 1) / (3 - 1));
  });

  test("wRVUs and revenue lost", () => {
    close(m.wrvusLost, 1 + 2);
    close(m.revenueLost, 3 * 40);
    const [system, patient] = m.byCause;
    expect([system.noShows, patient.noShows]).toEqual([1, 1]);
    close(system.wrvusLost, 1);
    close(patient.wrvusLost, 2);
  });
});

describe("SPEC §2/§3 time log: paid blank = no; per week over the whole log's first to last date", () => {
  const time = parseTimeLog(
    csv(
      "date,activity,minutes,paid\n" +
        "2025-03-03,inbox,60,\n" +
        "2025-03-06,charting,45,yes\n" +
        "2025-03-03,results,30,no\n" +
        "2025-03-16,charting,30,yes\n", // a paid row still sets the last date: 3..16 March is 14 days
      "time.csv"
    )
  );
  const appts = parseAppointments(csv("date,status\n2025-03-03,completed\n"));
  const t = leakageMetrics(appts, time, { dollarsPerWrvu: 40, effectiveHourly: 120, fees: bundledFees() }).time!;

  test("unpaid hours, per week and value", () => {
    close(t.unpaidHours, 1.5);
    expect(t.days).toBe(14);
    close(t.unpaidHoursPerWeek, 1.5 / 2);
    close(t.unpaidTimeValue, 1.5 * 120);
  });
});

describe("SPEC §1: the example in each function's JSDoc (what Excel shows) is right", () => {
  useFakeCustomFunctions();
  const source = fs.readFileSync(path.join(__dirname, "../../src/functions/functions.ts"), "utf8");
  const exampleOf = (id: string): string => {
    const at = source.indexOf(`@customfunction ${id}\n`);
    const start = source.lastIndexOf("/**", at);
    const line = source.slice(start, at).split("\n").find((l) => l.includes("Example:"));
    return line ?? "";
  };
  const JAN1_2025 = 45658;
  // Excel passes an omitted optional argument as null, which the declared types do not allow.
  const omitted = null as never;
  // [id, the call the example writes, the value worked by hand, the text the example shows]
  const cases: [string, () => number | Promise<number>, number, string][] = [
    ["EFFECTIVE_HOURLY", () => F.effective_hourly(4, 75, 8, 1.5, 0.15, omitted, omitted), (4 * 8 * 0.85 * 75) / 9.5, "214.74"],
    ["NOSHOW_ADJUST", () => F.noshow_adjust([[100]], 0.15, omitted)[0][0], 85, "85"],
    ["TIER_PAYOUT", () => F.tier_payout(170, [[0, 120, 160]], [[0, 30, 45]], omitted), 30 * 40 + 45 * 10, "1650"],
    ["NEXT_TIER_GAP", () => F.next_tier_gap(130, [[0, 120, 160]]), 160 - 130, "30"],
    ["BREAKEVEN_VOLUME", () => F.breakeven_volume(150, 75, 8, 1.5, 0.15, omitted, omitted), (150 * 9.5) / (8 * 0.85 * 75), "2.79"],
    // 2025-03-14 is day 73 (31 + 28 + 14); 2025-07-01 is day 182, leaving 183.
    ["ANNUALIZE", () => F.annualize_fn(1200, JAN1_2025 + 72, omitted), (1200 * 365) / 73, "6000"],
    ["PACE_NEEDED", () => F.pace_needed(5000, 1200, JAN1_2025 + 181, omitted, omitted), 3800 / (183 / 7), "145.36"],
    ["REBASE", () => F.rebase_fn(5000, 50), 250000, "250000"],
    ["EFFECTIVE_CF", () => F.effective_cf(300000, 5000), 300000 / 5000, "60"],
    // pooled 47/200, z = 0.09 / √(0.235 × 0.765 × 0.02) = 1.50095; 2 × (1 − Φ(z)) (Python's math.erfc(z/√2)).
    ["RATE_CHANGE_PVALUE", () => F.rate_change_pvalue(28, 100, 19, 100), 0.13337150016755767, "0.1334"],
    // 5750 is half way from the median 5200 to the 75th percentile 6300: 50 + 0.5 × 25.
    ["BENCHMARK_PERCENTILE", () => F.benchmark_percentile(5750, 4300, 5200, 6300, 7600), 62.5, "62.5"],
    ["WRVU", () => F.wrvu(99214, omitted), 1.92, "1.92"],
    ["DOWNCODE_IMPACT", () => F.downcode_impact(100, 99214, 99213, 50, omitted), 100 * (1.92 - 1.3) * 50, "3100"],
    ["PATIENT_NOSHOW_RATE", () => F.patient_noshow_rate(15, 100, 5), (15 - 5) / (100 - 5), "0.105"],
    // 2025 99214 non-facility: (1.92 + 1.80 + 0.15) × 32.3465, to the cent (reference README: $125.18).
    ["MEDICARE_PAYMENT", () => F.medicare_payment(99214, "office", 2025, omitted), Math.round(3.87 * 32.3465 * 100) / 100, "125.18"],
  ];
  test.each(cases)("%s", async (id, call, expected, shown) => {
    const line = exampleOf(id);
    expect(line).toContain(`=CLINPAY.${id}(`);
    expect(line).toContain(`→ ${shown}`);
    expect(await call()).toBeCloseTo(expected, 9);
    const decimals = (shown.split(".")[1] ?? "").length;
    expect(expected.toFixed(decimals)).toBe(Number(shown).toFixed(decimals));
  });
});

test("SPEC §1: every function taking a range says in its JSDoc how empty cells in it are treated", () => {
  const source = fs.readFileSync(path.join(__dirname, "../../src/functions/functions.ts"), "utf8");
  const doc = (id: string) => {
    const at = source.indexOf(`@customfunction ${id}\n`);
    return source.slice(source.lastIndexOf("/**", at), at);
  };
  for (const id of ["NOSHOW_ADJUST", "TIER_PAYOUT", "NEXT_TIER_GAP"]) expect([id, /empty/i.test(doc(id))]).toEqual([id, true]);
});
