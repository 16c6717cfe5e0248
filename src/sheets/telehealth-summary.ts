/**
 * "Summary for your manager" (SPEC §3): a paragraph of the facts that defend the clinician —
 * the rates, the system-caused share, the change and its p-value, the receipts — ready to paste
 * into an email, built by a formula from the key cells so it follows every edit. It never
 * volunteers the danger-zone count: that is for the clinician, not the manager.
 */
import type { TelehealthAssumptions, TelehealthMetrics } from "../core/telehealth";
import { changeSentence } from "../core/telehealth";
import type { PlanCell } from "./plan";
import { strLit } from "./criteria";
import { formula } from "./plan";
import { fixed, isoDate, join, lit, pct, two, when, whole, type Part } from "./sentence";

export { fixed } from "./sentence";

export interface SummaryRefs {
  dates: string;
  days: string;
  teleCompleted: string;
  teleShare: string;
  teleNoShowRate: string;
  inPersonNoShowRate: string;
  systemShare: string;
  before: string;
  after: string;
  pValue: string;
  /** The plain sentence beside the p-value. */
  pSentence: string;
  teleWrvuPerVisit: string;
  inPersonWrvuPerVisit: string;
  changeDate: string;
  groupNoShowRate: string;
  groupWrvuPerVisit: string;
  /** The receipts' first row (the most frequent system-caused reason), when there is one. */
  receipt: { reason: string; count: string; first: string; last: string } | null;
}

export function managerSummary(m: TelehealthMetrics, a: TelehealthAssumptions, x: SummaryRefs): PlanCell {
  const ch = m.change;
  const compared = ch !== null && ch.before !== null && ch.after !== null;
  const top = m.receipts[0];
  const receipt: Part[] =
    x.receipt && top && top.other === 0
      ? [
          when(`${x.receipt.count}>0`, top.count > 0, [
            lit(" The most frequent system-caused reason was "),
            { f: `""""&${x.receipt.reason}&""""`, v: `"${top.reason === "" ? "(no reason given)" : top.prefix ? `${top.reason}…` : top.reason}"` },
            lit(" ("),
            whole(x.receipt.count, top.count),
            lit(" times, "),
            isoDate(x.receipt.first, top.first),
            lit(" to "),
            isoDate(x.receipt.last, top.last),
            lit(")."),
          ]),
        ]
      : [];
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
    pct(x.teleNoShowRate, m.teleNoShowRate),
    lit(" (in person "),
    pct(x.inPersonNoShowRate, m.inPersonNoShowRate),
    lit("), and "),
    pct(x.systemShare, m.systemShareOfTeleNoShows),
    lit(" of my telehealth no-shows were system-caused: link failures, outages and scheduling errors outside my control."),
    ...receipt,
    when(`AND(${x.changeDate}<>"",${x.before}<>"",${x.after}<>"")`, compared, [
      lit(" Since "),
      isoDate(x.changeDate, a.changeDate),
      lit(" the telehealth no-show rate went from "),
      pct(x.before, ch?.before ?? null),
      lit(" to "),
      pct(x.after, ch?.after ?? null),
      lit(" ("),
      { f: x.pSentence, v: compared ? changeSentence(ch!.pValue) : "" },
      lit(", p "),
      // A p-value that rounds to 0.000 is said as below 0.001, never as "0".
      { f: `IF(${x.pValue}<0.001,"<0.001","= "&TEXT(${x.pValue},"0.000"))`, v: ch?.pValue == null ? "" : ch.pValue < 0.001 ? "<0.001" : `= ${fixed(ch.pValue, 3)}` },
      lit(")."),
    ]),
    when(`${x.groupNoShowRate}<>""`, a.groupNoShowRate !== null, [lit(" The group's telehealth no-show rate is "), pct(x.groupNoShowRate, a.groupNoShowRate), lit(".")]),
    lit(" I average "),
    two(x.teleWrvuPerVisit, m.teleWrvuPerVisit),
    lit(" wRVUs per telehealth visit against "),
    two(x.inPersonWrvuPerVisit, m.inPersonWrvuPerVisit),
    lit(" in person"),
    when(`${x.groupWrvuPerVisit}<>""`, a.groupWrvuPerVisit !== null, [lit("; the group averages "), two(x.groupWrvuPerVisit, a.groupWrvuPerVisit)]),
    lit("."),
  ]);
  const empty = "The log has no visits to summarize yet.";
  return formula(`IF(${x.days}="",${strLit(empty)},${body.f})`, m.danger.days === null ? empty : body.v);
}
