/**
 * The Pay Audit's Bottom line (SPEC §3, the answer first): wRVUs and dollars owed, the services
 * missing and credited differently, the RVU year their statement uses, and the lines to review —
 * a formula over the figures, so it follows every edit.
 */
import type { FormulaCell } from "./plan";
import { dollars, either, lit, sentence, two, when, whole, type Part } from "./sentence";
import type { PayAuditPlanInput } from "./pay-audit";

type Refs = Record<"wrvusOwed" | "dollarsOwed" | "missing" | "wrvusMissing" | "creditedDifferently" | "shortfall" | "matched" | "theirYear" | "statementOnly" | "wrvusStatementOnly" | "tolerance", string>;

/** "1 service" or "3 services", live. */
const counted = (ref: string, v: number, one: string, many: string): Part[] => [whole(ref, v), either(`${ref}=1`, v === 1, [lit(one)], [lit(many)])];

/** `counts`: the matched services credited at each table year's values (the year table's column). */
export function auditSentence(x: Pick<PayAuditPlanInput, "audit" | "dollarsPerWrvu" | "tolerance" | "share">, refs: Refs, counts: string): FormulaCell {
  const a = x.audit;
  const owed = a.wrvusOwed;
  const tol = x.tolerance;
  const best = Math.max(0, ...a.matchesByYear.map((y) => y.count));
  const lead = either(
    `${refs.wrvusOwed}>${refs.tolerance}`,
    owed > tol,
    [lit("They owe you "), two(refs.wrvusOwed, owed), lit(" wRVUs ("), dollars(refs.dollarsOwed, owed * x.dollarsPerWrvu), lit(")")],
    [either(`${refs.wrvusOwed}<-${refs.tolerance}`, owed < -tol, [lit("They credited "), two(`-${refs.wrvusOwed}`, -owed), lit(" wRVUs more than your record is worth")], [lit("Nothing is owed")])]
  );
  return sentence([
    lead,
    lit(": "),
    ...counted(refs.missing, a.missing, " service", " services"),
    lit(" missing from their statement ("),
    two(refs.wrvusMissing, a.wrvusMissing),
    lit(" wRVUs), "),
    whole(refs.creditedDifferently, a.creditedDifferently),
    lit(" credited differently (shortfall "),
    two(refs.shortfall, a.shortfall),
    lit(" wRVUs)."),
    either(
      `${refs.matched}=0`,
      a.matched === 0,
      [lit(" No service matched, so the RVU year their statement uses is not known.")],
      [lit(" Their statement credits at "), { f: `TEXT(${refs.theirYear},"0")`, v: String(a.theirYear ?? "") }, lit(" values ("), whole(`MAX(${counts})`, best), lit(" of "), whole(refs.matched, a.matched), lit(" matched services).")]
    ),
    // Which services carry such modifiers is the build's pairing, as the Discrepancies rows are: said as it was found.
    ...(x.share && x.share.services > 0
      ? [lit(` ${x.share.wrvus.toFixed(2)} wRVUs of the shortfall come from services with modifiers Medicare pays a share for (${x.share.modifiers.join(", ")}): not owed if your contract credits the share.`)]
      : []),
    when(`${refs.statementOnly}>0`, a.statementOnlyCount > 0, [
      lit(" "),
      ...counted(refs.statementOnly, a.statementOnlyCount, " line", " lines"),
      lit(" on their statement only ("),
      two(refs.wrvusStatementOnly, a.wrvusStatementOnly),
      lit(" wRVUs) to review."),
    ]),
  ]);
}
