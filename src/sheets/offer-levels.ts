/**
 * Offer Comparison, more (SPEC §3): below the scenario results, what each offer pays at realistic
 * productivity, what it takes to match the compared offer (`Compare against`, `Units per hour to
 * match`), its `Effective $ per wRVU`, and `Annual pay by volume` with its line chart — all in the
 * first scenario, all native formulas over the copied inputs. The least volume that matches is
 * found per tier segment by helper columns beside the Tiers table (no MINIFS, no array formula):
 * each segment's candidate, and the first segment of the offer that reaches the pay.
 */
import type { Offer, OfferTiers, Scenario } from "../core/inputs/types";
import { DEFAULT_LEVELS, MATCH_SLACK, productionNeeded, reachOf, tierSegments, VOLUME_SHARES, type HourlyMatch, type MatchHow, type OfferLevelFigures } from "../core/offer-levels";
import { applyScenario, guarantee, payBesideProduction } from "../core/offers";
import { tierPayoutFormula } from "./tier-formula";
import { abs, absRange } from "./a1";
import { inputTableBlocks, labelledBlocks, sectionBlock, tableBlock } from "./blocks";
import { FMT, formula, type Block, type ChartPlan, type PlanCell } from "./plan";
import { strLit } from "./criteria";
import { annualPayFormula } from "./offer-terms";
import type { Cursor } from "./layout";

export const COMPARE_LABEL = "Compare against";
export const COMPARED_HOURLY_LABEL = "Compared offer's effective hourly";
export const FULL_TIME_HOURS_LABEL = "Hours in a full-time year";
/** 40 hours × 52 weeks: what "a year" of an hourly difference means in the Bottom line. */
export const FULL_TIME_HOURS = 2080;
export const MATCH_COLUMNS = ["Offer", "Effective $ per wRVU", "Pay to match", "Guarantee", "Call pay less withhold", "Production needed", "Annual units needed", "Units per hour to match", "How it is reached"] as const;
/** The match table's columns by name. */
const X = { offer: 0, dpw: 1, payToMatch: 2, guarantee: 3, beside: 4, need: 5, units: 6, uph: 7, how: 8 };
export const LEVEL_COLUMNS = ["Level", "Factor"] as const;
export const LEVELS_TITLE = "Effective hourly by productivity level";
export const VOLUME_TITLE = "Annual pay by volume";
export const VOLUME_FIRST_HEADER = "Share of expected volume";
export const TIER_HELPER_COLUMNS = ["Segment end", "Pay at threshold", "Production needed", "In this tier", "Units needed here", "Found so far", "First reached", "Cliff or flat step"] as const;

export const HOW_TEXT: Record<MatchHow | "missing", string> = {
  guarantee: "the guarantee alone",
  volume: "at this volume",
  step: "just above a tier threshold (a cliff or flat step)",
  none: "no volume reaches it",
  missing: "the compared offer is not in Offers",
};

/** The cells of the sheet above that these sections read, as absolute references. */
export interface OfferSheetRefs {
  offers: readonly Offer[];
  /** The first scenario (Expected, by default). */
  scenario: Scenario;
  tiers: ReadonlyMap<string, OfferTiers>;
  /** Offer i's cell of an Offers column. */
  offer(i: number, column: "offer" | "unit" | "pay_per_unit" | "paid_hours_per_week" | "weeks_per_year" | "paid_no_show_share" | "combine"): string;
  /** The first scenario's cell of a Scenarios column. */
  scenarioCell(column: "volume_factor" | "months" | "wrvu_factor"): string;
  /** Offer i's first-scenario Results cell. */
  result(i: number, column: "pay" | "hourly" | "units" | "noShow" | "guarantee" | "callPay" | "withheld" | "hours"): string;
  /** The offers' names, in Offers order, as one range. */
  names: string;
  /** Each offer's effective hourly in the first scenario, in Offers order, as one range. */
  expectedHourly: string;
  /** Offer i's production on `units` (tiers or pay_per_unit), as the Results table computes it. */
  production(i: number, units: string): string;
  /** The Tiers table: its rows, and a cell of row k (0-based) by column index. */
  tierRows: { first: number; count: number };
  tierCols: { offer: number; threshold: number; rate: number; method: number; step: number };
}

export interface OfferLevelsLayout {
  compare: number;
  match: { header: number; first: number };
  levels: { header: number; first: number; col: number };
  byLevel: { header: number; first: number };
  volume: { header: number; first: number };
  chart: { row: number; col: number; width: number; height: number };
  end: number;
}

/**
 * Reserves the sections on the page: Compare against (and the hours of a full-time year), the
 * match table, each offer's effective hourly by level, and pay by volume beside its chart. The
 * productivity levels' input table is reserved with the other inputs (`levels`).
 */
export function reserveOfferLevels(page: Cursor, offers: number, levels: { header: number; first: number; col: number }): OfferLevelsLayout {
  const compare = page.section(undefined, 4, 3).row + 1;
  const match = page.section(undefined, 2 + offers, MATCH_COLUMNS.length).row + 1;
  const byLevel = page.section(undefined, 2 + offers, 1 + DEFAULT_LEVELS.length).row + 1;
  const [table, side] = page.columns(1 + offers, Math.max(6, page.cols - offers - 2));
  const volume = table.section(undefined, 2 + VOLUME_SHARES.length, 1 + offers).row + 1;
  const chart = side.chart(16);
  page.join([table, side]);
  return {
    compare,
    match: { header: match, first: match + 1 },
    levels: { header: levels.header, first: levels.first, col: levels.col },
    byLevel: { header: byLevel, first: byLevel + 1 },
    volume: { header: volume, first: volume + 1 },
    chart: { row: chart.row, col: chart.col, width: chart.cols, height: chart.rows },
    end: page.row - 1,
  };
}

/** The pay to match less its rounding slack, as a factor: what the core reaches for. */
const SLACK = `(1-${MATCH_SLACK.toExponential().toUpperCase()})`;

/** Everything below the results: Compare against, the match table, levels, pay by volume, and the tier helpers. */
export function offerLevelBlocks(refs: OfferSheetRefs, where: OfferLevelsLayout, figures: OfferLevelFigures): { blocks: Block[]; charts: ChartPlan[] } {
  const n = refs.offers.length;
  const compareName = figures.compareAgainst;
  const targetHourly = figures.targetHourly;
  const CMP = abs(where.compare, 1);
  const CEH = abs(where.compare + 1, 1);
  const names = absRange(where.match.first, 0, where.match.first + n - 1, 0);

  const blocks: Block[] = [sectionBlock("What it takes to match another offer (first scenario; type an offer's name to compare against)", where.compare - 1)];
  blocks.push(...labelledBlocks([{ label: COMPARE_LABEL, value: compareName }], where.compare, 0, "assumptions"));
  // Names compared with "=" (exact, case ignored, never a wildcard) over the whole column, so the
  // formula is as long for 255 offers as for 2 (Excel's limit is 8,192 characters).
  const named = `(${refs.names}=${CMP})`;
  blocks.push(
    ...labelledBlocks([{ label: COMPARED_HOURLY_LABEL, value: formula(`IF(SUMPRODUCT(--${named})=0,"",SUMPRODUCT(${named}*${refs.expectedHourly}))`, targetHourly), format: FMT.hourly }], where.compare + 1, 0, "labels")
  );
  blocks.push(...labelledBlocks([{ label: FULL_TIME_HOURS_LABEL, value: FULL_TIME_HOURS, format: FMT.number }], where.compare + 2, 0, "assumptions"));
  blocks.push({ row: where.compare + 2, col: 2, style: "aside", cells: [["40 h × 52 weeks: a year in the Bottom line"]] });

  const tiered = refs.tierRows.count > 0;
  const T = refs.tierCols;
  const tr = (col: number) => absRange(refs.tierRows.first, col, refs.tierRows.first + refs.tierRows.count - 1, col);
  const H = { end: T.step + 1, atThreshold: T.step + 2, need: T.step + 3, inTier: T.step + 4, here: T.step + 5, soFar: T.step + 6, first: T.step + 7, jump: T.step + 8 };

  const matchRows: PlanCell[][] = refs.offers.map((o, i) => {
    const r = where.match.first + i;
    const c = (col: number) => abs(r, col);
    const { match: m, dollarsPerWrvu: dpw } = figures.offers[i];
    const ppu = refs.offer(i, "pay_per_unit");
    const perUnit = `IF(${ppu}>0,${c(X.need)}/${ppu},"")`;
    let unitsF = perUnit;
    let stepF = "0";
    if (tiered) {
      const mine = `(${tr(T.offer)}=${refs.offer(i, "offer")})`;
      unitsF = `IF(SUMPRODUCT(--${mine})=0,${perUnit},IF(SUMPRODUCT(${mine}*${tr(H.first)})=0,"",SUMPRODUCT(${mine}*${tr(H.first)}*${tr(H.here)})))`;
      stepF = `SUMPRODUCT(${mine}*${tr(H.first)}*${tr(H.jump)})`;
    }
    // Annual units per booked unit an hour in the first scenario, as the Results table counts them.
    const s = refs.scenarioCell;
    const perUph = `1*(1+(${s("volume_factor")}-1)*${s("months")}/12)*IF(${refs.offer(i, "unit")}="wrvu",${s("wrvu_factor")},1)*${refs.offer(i, "paid_hours_per_week")}*${refs.offer(i, "weeks_per_year")}*(1-${refs.result(i, "noShow")}*(1-${refs.offer(i, "paid_no_show_share")}))`;
    // What the guarantee and production must reach: the pay to match (less its slack) less the pay that comes whatever the volume.
    const reach = `(${c(X.payToMatch)}*${SLACK}-${c(X.beside)})`;
    const applied = applyScenario(o, refs.scenario);
    return [
      formula(refs.offer(i, "offer"), o.offer),
      formula(`IF(${refs.offer(i, "unit")}="wrvu",IF(${refs.result(i, "units")}=0,"",${refs.result(i, "pay")}/${refs.result(i, "units")}),"")`, dpw),
      formula(`IF(${CEH}="","",${CEH}*${refs.result(i, "hours")})`, m.targetPay),
      formula(refs.result(i, "guarantee"), guarantee(applied)),
      formula(`${refs.result(i, "callPay")}-${refs.result(i, "withheld")}`, payBesideProduction(applied)),
      formula(`IF(${CEH}="","",IF(${refs.offer(i, "combine")}="greater_of",${reach},${reach}-${c(X.guarantee)}))`, productionNeeded(o, reachOf(applied, m.targetPay), guarantee(applied))),
      formula(`IF(${CEH}="","",IF(${c(X.guarantee)}>=${reach},0,${unitsF}))`, m.units),
      formula(`IF(${c(X.units)}="","",IF(${c(X.units)}=0,0,IF(${perUph}=0,"",${c(X.units)}/(${perUph}))))`, m.unitsPerHour),
      formula(`IF(${CEH}="",${strLit(HOW_TEXT.missing)},IF(${c(X.uph)}="",${strLit(HOW_TEXT.none)},IF(${c(X.guarantee)}>=${reach},${strLit(HOW_TEXT.guarantee)},IF(${stepF}>0,${strLit(HOW_TEXT.step)},${strLit(HOW_TEXT.volume)}))))`, HOW_TEXT[m.how]),
    ];
  });
  blocks.push(sectionBlock(`Units per hour to match the compared offer's effective hourly`, where.match.header - 1));
  blocks.push({ ...tableBlock([...MATCH_COLUMNS], matchRows, where.match.header, 0, [undefined, FMT.money2, FMT.money, FMT.money, FMT.money, FMT.money, FMT.number, FMT.number2, undefined]), align: [, , , , , , , , "indent"] });

  if (tiered) blocks.push(...tierHelperBlocks(refs, H, CEH, names, where.match.first, figures));
  blocks.push(...levelBlocks(refs, where, figures));
  const volume = volumeBlocks(refs, where, figures);
  return { blocks: [...blocks, ...volume.blocks], charts: [volume.chart] };
}

/** Per tier row: its segment (threshold, next threshold], the pay at its start, and whether — and where — the offer's production needed falls in it. */
function tierHelperBlocks(refs: OfferSheetRefs, H: Record<string, number>, CEH: string, names: string, matchFirst: number, figures: OfferLevelFigures): Block[] {
  const T = refs.tierCols;
  const first = refs.tierRows.first;

  const lastRow = first + refs.tierRows.count - 1;
  const tr = (col: number) => absRange(first, col, lastRow, col);
  const neededCol = absRange(matchFirst, X.need, matchFirst + refs.offers.length - 1, X.need);
  const rows: PlanCell[][] = [];
  // Cached values, segment by segment as the core walks them.
  const cached = refs.offers.flatMap((o, i) => tierCache(o, refs, figures.offers[i].match));
  for (let k = 0; k < refs.tierRows.count; k++) {
    const r = first + k;
    const c = (col: number) => abs(r, col);
    const v = cached[k];
    const sameAsAbove = k > 0 ? `${c(T.offer)}=${abs(r - 1, T.offer)}` : "FALSE";
    rows.push([
      k + 1 < refs.tierRows.count ? formula(`IF(${abs(r + 1, T.offer)}=${c(T.offer)},${abs(r + 1, T.threshold)},"")`, v.end ?? "") : null,
      formula(tierPayoutFormula({ units: c(T.threshold), thresholds: tr(T.threshold), steps: tr(T.step), isMethod: (m) => `${c(T.method)}="${m}"`, rows: `(${tr(T.offer)}=${c(T.offer)})` }), v.atThreshold),
      formula(`IF(${CEH}="",0,SUMPRODUCT((${names}=${c(T.offer)})*${neededCol}))`, v.need),
      formula(
        `IF(${c(T.method)}="flat",IF(${c(T.rate)}>=${c(H.need)},1,0),IF(${c(T.method)}="cliff",IF(AND(${c(T.rate)}>0,IF(${c(H.end)}="",TRUE,${c(H.need)}<=${c(T.rate)}*${c(H.end)})),1,0),` +
          `IF(AND(${c(T.rate)}>0,IF(${c(H.end)}="",TRUE,${c(H.need)}<=${c(H.atThreshold)}+${c(T.rate)}*(${c(H.end)}-${c(T.threshold)}))),1,0)))`,
        v.inTier
      ),
      formula(`IF(${c(H.inTier)}=1,IF(${c(T.method)}="flat",${c(T.threshold)},IF(${c(T.method)}="cliff",MAX(${c(T.threshold)},${c(H.need)}/${c(T.rate)}),${c(T.threshold)}+MAX(0,${c(H.need)}-${c(H.atThreshold)})/${c(T.rate)})),0)`, v.here),
      formula(`IF(${sameAsAbove},${k > 0 ? abs(r - 1, H.soFar) : 0},0)+${c(H.inTier)}`, v.soFar),
      formula(`IF(AND(${c(H.inTier)}=1,${c(H.soFar)}=1),1,0)`, v.first),
      formula(`IF(AND(${c(H.first)}=1,${c(T.method)}<>"marginal",${c(H.here)}=${c(T.threshold)}),1,0)`, v.jump),
    ]);
  }
  return [tableBlock([...TIER_HELPER_COLUMNS], rows, first - 1, H.end, [FMT.number, FMT.money, FMT.money, "0", FMT.number1, "0", "0", "0"])];
}

/** The helper columns' values for one offer's tier rows, in sheet order: the core's segments. */
function tierCache(o: Offer, refs: OfferSheetRefs, m: HourlyMatch) {
  const t = refs.tiers.get(o.offer);
  if (!t) return [];
  const applied = applyScenario(o, refs.scenario);
  const need = productionNeeded(o, reachOf(applied, m.targetPay), guarantee(applied));
  let soFar = 0;
  return tierSegments(t, need).map((s) => {
    soFar += s.inTier ? 1 : 0;
    const first = s.inTier && soFar === 1 ? 1 : 0;
    return { end: s.end, atThreshold: s.atThreshold, need, inTier: s.inTier ? 1 : 0, here: s.here, soFar, first, jump: first === 1 && t.method !== "marginal" && s.here === s.from ? 1 : 0 };
  });
}

/** Offer i's annual pay on production `p` (first scenario), as the Results table's Annual pay: combined, with call pay, less the withhold not earned. */
function payOn(refs: OfferSheetRefs, i: number, p: string): string {
  const g = refs.result(i, "guarantee");
  return annualPayFormula(`IF(${refs.offer(i, "combine")}="greater_of",MAX(${g},${p}),${g}+${p})`, refs.result(i, "callPay"), refs.result(i, "withheld"));
}

/** The productivity levels (an editable table) and each offer's effective hourly at each. */
function levelBlocks(refs: OfferSheetRefs, where: OfferLevelsLayout, figures: OfferLevelFigures): Block[] {
  const levels = DEFAULT_LEVELS;
  const blocks: Block[] = [
    sectionBlock("Assumptions: productivity levels (a factor on Units per hour)", where.levels.header - 1, where.levels.col),
    ...inputTableBlocks([...LEVEL_COLUMNS], levels.map((l) => [l.level, l.factor]), where.levels.header, where.levels.col, [undefined, FMT.number2]),
    sectionBlock(`${LEVELS_TITLE} (Units per hour × factor, first scenario)`, where.byLevel.header - 1),
  ];
  const header: PlanCell[] = ["Offer", ...levels.map((l, j) => formula(abs(where.levels.first + j, where.levels.col), l.level))];
  const rows: PlanCell[][] = refs.offers.map((o, i) => [
    formula(refs.offer(i, "offer"), o.offer),
    ...levels.map((l, j) => {
      const units = `(${refs.result(i, "units")}*${abs(where.levels.first + j, where.levels.col + 1)})`;
      const p = refs.production(i, units);
      return formula(`(${payOn(refs, i, p)})/${refs.result(i, "hours")}`, figures.offers[i].byLevel[j]);
    }),
  ]);
  blocks.push({ row: where.byLevel.header, col: 0, style: "table", cells: [header, ...rows], formats: [undefined, ...levels.map(() => FMT.hourly)] });
  return blocks;
}

/** Annual pay at 50% … 150% of each offer's expected units, and its line chart: cliffs show as steps. */
function volumeBlocks(refs: OfferSheetRefs, where: OfferLevelsLayout, figures: OfferLevelFigures): { blocks: Block[]; chart: ChartPlan } {
  const n = refs.offers.length;
  const header: PlanCell[] = [VOLUME_FIRST_HEADER, ...refs.offers.map((o, i) => formula(refs.offer(i, "offer"), o.offer))];
  const rows: PlanCell[][] = VOLUME_SHARES.map((share, k) => {
    const shareRef = abs(where.volume.first + k, 0);
    return [
      share,
      ...refs.offers.map((_, i) => {
        const units = `(${refs.result(i, "units")}*${shareRef})`;
        return formula(payOn(refs, i, refs.production(i, units)), figures.offers[i].curve[k]);
      }),
    ];
  });
  const first = where.volume.first;
  const last = first + VOLUME_SHARES.length - 1;
  const chart: ChartPlan = {
    type: "line",
    title: "Annual pay by volume (share of each offer's expected units)",
    categoriesRef: absRange(first, 0, last, 0),
    series: refs.offers.map((_, i) => ({ nameRef: abs(where.volume.header, 1 + i), valuesRef: absRange(first, 1 + i, last, 1 + i) })),
    at: where.chart,
    yAxisTitle: "Annual pay",
    valueFormat: FMT.money,
  };
  return {
    blocks: [
      sectionBlock(`${VOLUME_TITLE} (first scenario: a tier cliff shows as a step)`, where.volume.header - 1),
      { row: where.volume.header, col: 0, style: "table", cells: [header, ...rows], formats: ["0%", ...Array.from({ length: n }, () => FMT.money)] },
    ],
    chart,
  };
}
