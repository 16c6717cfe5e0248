/**
 * "Summary for your manager" (SPEC §3): a paragraph of the scorecard's key figures, ready to paste
 * into an email, built by a formula from the key cells so it follows every edit. Each piece is
 * written twice from one description — as formula text and as the cached text the core's numbers
 * give — so the two cannot drift apart.
 */
import type { TelehealthAssumptions, TelehealthMetrics } from "../core/telehealth";
import { changeSentence } from "../core/telehealth";
import { serialToIso } from "../core/dates";
import type { PlanCell } from "./plan";
import { strLit } from "./criteria";

interface Part {
  f: string;
  v: string;
}

/** A number as TEXT(x, "0.0…") shows it: rounded half away from zero on its 15-digit decimal value. */
export function fixed(x: number, digits: number): string {
  const d = Number(x.toPrecision(15));
  const scale = 10 ** digits;
  const r = (Math.sign(d) * Math.round(Math.abs(d) * scale)) / scale;
  return r.toFixed(digits);
}

const lit = (s: string): Part => ({ f: strLit(s), v: s });
const join = (parts: Part[]): Part => ({ f: parts.map((p) => p.f).join("&"), v: parts.map((p) => p.v).join("") });
const shown = (ref: string, value: number | null, format: string, text: (n: number) => string): Part => ({
  f: `IF(${ref}="","n/a",TEXT(${ref},"${format}"))`,
  v: value === null ? "n/a" : text(value),
});
const pct = (ref: string, v: number | null) => shown(ref, v, "0.0%", (n) => `${fixed(n * 100, 1)}%`);
const two = (ref: string, v: number | null) => shown(ref, v, "0.00", (n) => fixed(n, 2));
const whole = (ref: string, v: number) => ({ f: `TEXT(${ref},"#,##0")`, v: Number(fixed(v, 0)).toLocaleString("en-US") });
/** A date as yyyy-mm-dd, from its parts (TEXT's date codes differ by locale; "00" does not). */
const isoDate = (expr: string, v: number | null): Part => ({
  f: `YEAR(${expr})&"-"&TEXT(MONTH(${expr}),"00")&"-"&TEXT(DAY(${expr}),"00")`,
  v: v === null ? "" : serialToIso(v),
});
const when = (cond: string, holds: boolean, parts: Part[]): Part => {
  const p = join(parts);
  return { f: `IF(${cond},${p.f},"")`, v: holds ? p.v : "" };
};

export interface SummaryRefs {
  dates: string;
  days: string;
  teleCompleted: string;
  teleShare: string;
  teleRate: string;
  ipRate: string;
  sysShare: string;
  before: string;
  after: string;
  p: string;
  pSentence: string;
  teleW: string;
  ipW: string;
  met: string;
  CHG: string;
  GR: string;
  GW: string;
}

export function managerSummary(m: TelehealthMetrics, a: TelehealthAssumptions, x: SummaryRefs): PlanCell {
  const ch = m.change;
  const compared = ch !== null && ch.before !== null && ch.after !== null;
  const body = join([
    lit("From "),
    isoDate(`MIN(${x.dates})`, m.firstDate),
    lit(" to "),
    isoDate(`MAX(${x.dates})`, m.lastDate),
    lit(" I completed "),
    whole(x.teleCompleted, m.allTelehealth.completed),
    lit(" telehealth visits, "),
    pct(x.teleShare, m.teleShare),
    lit(" of all my completed visits. My telehealth no-show rate was "),
    pct(x.teleRate, m.teleNoShowRate),
    lit(" (in person "),
    pct(x.ipRate, m.inPersonNoShowRate),
    lit("), and "),
    pct(x.sysShare, m.systemShareOfTeleNoShows),
    lit(" of my telehealth no-shows were system-caused: link failures, outages and scheduling errors outside my control."),
    when(`AND(${x.CHG}<>"",${x.before}<>"",${x.after}<>"")`, compared, [
      lit(" Since "),
      isoDate(x.CHG, a.changeDate),
      lit(" the telehealth no-show rate went from "),
      pct(x.before, ch?.before ?? null),
      lit(" to "),
      pct(x.after, ch?.after ?? null),
      lit(" ("),
      { f: x.pSentence, v: compared ? changeSentence(ch!.pValue) : "" },
      lit(", p = "),
      // A p-value that rounds to 0.000 is said as below 0.001, never as "0".
      { f: `IF(${x.p}<0.001,"below 0.001",TEXT(${x.p},"0.000"))`, v: ch?.pValue == null ? "" : ch.pValue < 0.001 ? "below 0.001" : fixed(ch.pValue, 3) },
      lit(")."),
    ]),
    when(`${x.GR}<>""`, a.groupNoShowRate !== null, [lit(" The group's telehealth no-show rate is "), pct(x.GR, a.groupNoShowRate), lit(".")]),
    lit(" I average "),
    two(x.teleW, m.teleWrvuPerVisit),
    lit(" wRVUs per telehealth visit against "),
    two(x.ipW, m.inPersonWrvuPerVisit),
    lit(" in person"),
    when(`${x.GW}<>""`, a.groupWrvuPerVisit !== null, [lit("; the group averages "), two(x.GW, a.groupWrvuPerVisit)]),
    lit(". Danger-zone conditions met: "),
    { f: x.met, v: String(m.danger.met) },
    lit(" of 4."),
  ]);
  const empty = "The log has no visits to summarize yet.";
  return { f: `IF(${x.days}="",${strLit(empty)},${body.f})`, v: m.danger.days === null ? empty : body.v };
}
