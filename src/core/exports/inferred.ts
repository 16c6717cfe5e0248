/**
 * What ClinPay inferred rather than read (SPEC §2), as the sentences the CLI summary, the pane's
 * result and the built sheet's notes all say, so the three never disagree.
 */
import type { LogInference } from "../inputs/appointments";
import type { WrvuLostParts } from "../leakage";

const n = (x: number) => x.toLocaleString("en-US");
const rows = (x: number) => `${n(x)} ${x === 1 ? "row" : "rows"}`;

export function describeInference(inf: LogInference | undefined, parts?: WrvuLostParts, noShows?: number): string[] {
  const out: string[] = [];
  if (inf) {
    if (inf.columnsRead.length > 0) out.push(`Columns read from your export's headers: ${inf.columnsRead.map((c) => `${c.column} from "${c.header}"`).join(", ")}.`);
    if (inf.statusFromFlags) out.push("Status read from the kept / no show / canceled flag columns (no show first, then canceled, then kept; none set = not yet happened).");
    if (inf.provider) out.push(inf.provider.chosen === "all" ? `All ${inf.provider.of} providers combined.` : `Only "${inf.provider.chosen}"'s rows (of ${inf.provider.of} providers).`);
    if (inf.notYet > 0) out.push(`${rows(inf.notYet)} left out as not yet happened (scheduled, booked, confirmed, pending…).`);
    if (inf.lateByLeadTime > 0) out.push(`${n(inf.lateByLeadTime)} ${inf.lateByLeadTime === 1 ? "cancel" : "cancels"} counted as late cancels: cancelled with under ${inf.lateCancelHours} hours' notice.`);
    if (inf.modifiersInCode > 0) out.push(`${rows(inf.modifiersInCode)} had modifiers in the code cell (like 99214-95): read as the code and its modifiers.`);
    if (inf.visitTypeSetAside) out.push(`Column "${inf.visitTypeSetAside.header}" holds appointment types, not modalities: set aside.`);
    if (inf.modalityFromModifiers > 0) out.push(`Modality of ${rows(inf.modalityFromModifiers)} from modifiers (95, GT, GQ: video; 93, FQ: audio).`);
    if (inf.modalityFromPos > 0) out.push(`Modality of ${rows(inf.modalityFromPos)} from place of service (02, 10: telehealth; others: in person).`);
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
