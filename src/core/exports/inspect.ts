/**
 * The mapping file `clinpay inspect --write-map` writes (SPEC §2): every line ClinPay used or
 * needs — a `column` line for each header read under another name, the mapping's own lines, and
 * each word ClinPay does not know with its `to` left blank for the user to fill.
 */
import type { ExportMapping, MappingLine } from "./mapping";
import type { LogMappingView } from "./log-view";

export function inspectMapping(view: LogMappingView, mapping?: ExportMapping): ExportMapping {
  const lines: MappingLine[] = [];
  const seen = new Set<string>();
  const add = (what: MappingLine["what"], from: string, to: string) => {
    const k = `${what}\u0000${from.toLowerCase()}`;
    if (seen.has(k)) return;
    seen.add(k);
    lines.push({ what, from, to, row: 0 });
  };
  for (const c of view.columns) if (c.header && c.how && c.how !== "name") add("column", c.header, c.column);
  for (const l of mapping?.lines ?? []) add(l.what, l.from, l.to);
  for (const c of view.columns) if (!c.header && c.required) add("column", "", c.column);
  for (const u of view.unknown) add(u.what, u.value, "");
  for (const u of view.unknownModality) add("visit_type", u.value, "");
  return { source: "clinpay inspect", lines };
}
