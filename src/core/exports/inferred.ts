/**
 * What ClinPay inferred rather than read (SPEC §2), as the sentences the CLI summary, the pane's
 * result and the built sheet's notes all say, so the three never disagree.
 */
import type { LogInference } from "../inputs/appointments";
import type { WrvuLostParts } from "../leakage";
import type { ProductionInference } from "../inputs/production";
import type { ProductionFigures } from "../production";
import { serialToIso } from "../dates";

const n = (x: number) => x.toLocaleString("en-US");
const DESCRIBED = 'had a description after the code (like "99214 - Office visit est"): read as the code before it.';
const rows = (x: number) => `${n(x)} ${x === 1 ? "row" : "rows"}`;

export function describeInference(inf: LogInference | undefined, parts?: WrvuLostParts, noShows?: number): string[] {
  const out: string[] = [];
  if (inf) {
    out.push(...inf.reading);
    out.push(...columnsAndProvider(inf));
    if (inf.statusFromFlags) out.push("Status read from the kept / no show / canceled flag columns (no show first, then canceled, then kept; none set = not yet happened).");
    if (inf.notYet > 0) out.push(`${rows(inf.notYet)} left out as not yet happened (scheduled, booked, confirmed, pending…).`);
    if (inf.systemByStatus > 0) out.push(`${rows(inf.systemByStatus)} counted as system-caused no-shows from their status (connection failed, technical failure, provider no show…).`);
    for (const r of inf.byReason) out.push(`${rows(r.rows)} cancelled with the reason "${r.words}" counted as ${r.as === "no_show" ? "no-shows" : "late cancels"}.`);
    if (inf.causeByDefault > 0) out.push(`${inf.causeByDefault === 1 ? "1 no-show" : `${n(inf.causeByDefault)} no-shows`} with no cause given and no system word in ${inf.causeByDefault === 1 ? "its" : "their"} status or reason counted as patient-caused, since nothing in the log says otherwise: the system-caused share counts only what the log says.`);
    if (inf.systemByReason.length > 0) {
      const total = inf.systemByReason.reduce((a, r) => a + r.rows, 0);
      out.push(`${rows(total)} with no cause given counted as system-caused from their reason (${inf.systemByReason.map((r) => `"${r.words}" ×${n(r.rows)}`).join(", ")}).`);
    }
    if (inf.lateByLeadTime > 0) out.push(`${n(inf.lateByLeadTime)} ${inf.lateByLeadTime === 1 ? "cancel" : "cancels"} counted as late cancels: cancelled with under ${inf.lateCancelHours} hours' notice.`);
    if (inf.modifiersInCode > 0) out.push(`${rows(inf.modifiersInCode)} had modifiers in the code cell (like 99214-95): read as the code and its modifiers.`);
    if (inf.describedCodes > 0) out.push(`${rows(inf.describedCodes)} ${DESCRIBED}`);
    if (inf.severalCodes > 0) out.push(`${rows(inf.severalCodes)} had several codes in one cell (like 99214, G2211): their wRVU is the sum over the codes (units on the first), written in the copied log's wrvu column; the coding mix counts the first code.`);
    if (inf.unpricedAddOns.length > 0) out.push(`Codes of those cells the CMS table lacks count 0 wRVUs: ${inf.unpricedAddOns.join(", ")}.`);
    if (inf.modalityFromTypeWords > 0) out.push(`Modality of ${rows(inf.modalityFromTypeWords)} from words inside the visit type ("VIDEO FOLLOW UP": video; "TELEPHONE VISIT": audio; "OFFICE VISIT": in person).`);
    if (inf.unknownModality.length > 0) out.push(`Visit types with no modality word, read as blank (modifiers and place of service then decide): ${inf.unknownModality.slice(0, 8).map((u) => `"${u.value}" ×${n(u.count)}`).join(", ")}${inf.unknownModality.length > 8 ? ` and ${inf.unknownModality.length - 8} more` : ""}.`);
    if (inf.modalityFromModifiers > 0) out.push(`Modality of ${rows(inf.modalityFromModifiers)} from modifiers (95, GT, GQ: video; 93, FQ: audio).`);
    if (inf.modalityFromPos > 0) out.push(`Modality of ${rows(inf.modalityFromPos)} from place of service (02, 10: telehealth; others: in person).`);
    if (inf.modalityFromFlag && inf.modalityFromFlag.rows > 0) out.push(`Modality of ${rows(inf.modalityFromFlag.rows)} with none of their own set to ${inf.modalityFromFlag.modality.replace("_", " ")} (--visit-type).`);
  }
  if (parts && parts.unresolved > 0) {
    const by = parts.unresolvedByCode.map((c) => `${c.code === "" ? "no code" : c.code} ×${n(c.rows)}`).join(", ");
    const mean = parts.meanCompleted.toFixed(2);
    if (noShows !== undefined && parts.unresolved === noShows) {
      out.push(`Every no-show (${n(parts.unresolved)}) was valued at the mean wRVU of completed visits (${mean}): none had a wrvu or a code in the CMS table (${by}).`);
    } else {
      out.push(`${n(parts.unresolved)} ${parts.unresolved === 1 ? "no-show" : "no-shows"} valued at the mean wRVU of completed visits (${mean}), having no wrvu or CMS code: ${by}.`);
    }
    if (parts.meanCompleted === 0) out.push("That mean is 0 (no completed visit has a wrvu or a known code), so wRVUs lost counts them as 0: add a wrvu column or billing codes to value them.");
  }
  return out;
}

/** The headers read under another name and the provider kept: said alike for logs and reports. */
function columnsAndProvider(inf: Pick<ProductionInference, "columnsRead" | "provider">): string[] {
  const out: string[] = [];
  if (inf.columnsRead.length > 0) out.push(`Columns read from your export's headers: ${inf.columnsRead.map((c) => `${c.column} from "${c.header}"`).join(", ")}.`);
  if (inf.provider) out.push(inf.provider.chosen === "all" ? `All ${inf.provider.of} providers combined.` : `Only "${inf.provider.chosen}"'s rows (of ${inf.provider.of} providers).`);
  return out;
}

export interface ProductionNotesInput {
  /** What reading a production report inferred (absent for a log: describeInference says that). */
  report?: ProductionInference;
  figures: ProductionFigures;
  /** As of, when it was taken from the rows' last date rather than given. */
  asOfFromRows?: number;
  periodStart: number;
  asOf: number;
}

/**
 * How a wRVU report was read: its header and furniture, the columns and provider, and what its
 * cells of several codes, modifiers and voids were taken as (`several` and `voids` say it for
 * the sheet reading it).
 */
export function describeReport(r: ProductionInference, say: { several: string; voids: string }): string[] {
  const out = [...r.reading, ...columnsAndProvider(r)];
  if (r.severalCodes > 0) out.push(`${rows(r.severalCodes)} had several codes in one cell (like 99214, G2211): ${say.several}`);
  if (r.modifiersInCode > 0) out.push(`${rows(r.modifiersInCode)} had modifiers in the code cell (like 99214-95): read as the code and its modifiers.`);
  if (r.describedCodes > 0) out.push(`${rows(r.describedCodes)} ${DESCRIBED}`);
  if (r.voids > 0) out.push(`${rows(r.voids)} with negative wRVUs or units (voids and corrections) ${say.voids}`);
  if (r.unsignedVoids) {
    const f = r.unsignedVoids.first;
    out.push(`${rows(r.unsignedVoids.rows)} had negative units and a wRVU printed without its minus (row ${f.row}: units ${f.units}, wRVU ${f.wrvu}): read as taking the wRVU off.`);
  }
  return out;
}

/** What the Target Tracker inferred from a log or report: how YTD wRVUs was summed. */
export function describeProduction(p: ProductionNotesInput): string[] {
  const r = p.report;
  const out = r
    ? describeReport(r, {
        several: `their wRVU is the sum over the codes (units on the first).${r.unpricedAddOns.length > 0 ? ` Codes the CMS table lacks count 0: ${r.unpricedAddOns.join(", ")}.` : ""}`,
        voids: "subtract from YTD wRVUs.",
      })
    : [];
  if (p.asOfFromRows !== undefined) out.push(`As of is the last date in the rows (${serialToIso(p.asOfFromRows)}): type another in Assumptions to count to a different day.`);
  const f = p.figures;
  if (f.rowsOutside > 0) out.push(`${rows(f.rowsOutside)} dated before Period start (${serialToIso(p.periodStart)}) or after As of (${serialToIso(p.asOf)}) are copied but not counted.`);
  const unpriced = f.unpriced.reduce((s, c) => s + c.rows, 0);
  if (unpriced > 0) {
    const by = f.unpriced.map((c) => `${c.code === "" ? "no code" : c.code} ×${n(c.rows)}`).join(", ");
    out.push(`${rows(unpriced)} with no wRVU and no code in the CMS table ${unpriced === 1 ? "counts" : "count"} 0 wRVUs (${by}): add a wrvu, or the code's work RVU to the CMS block, to count them.`);
  }
  return out;
}
