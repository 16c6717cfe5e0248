/**
 * The mapping step for an export (SPEC §2): after an appointment log is picked, each ClinPay
 * column with a list of the table's headers (pre-filled from the aliases or the saved mapping),
 * each word ClinPay does not know once with what it can mean, and a provider list when the log
 * names several. What is chosen becomes the same ExportMapping the CLI's --map file holds, and
 * is shown as that file's text so it can be saved for the CLI.
 */
import type { LogMappingView } from "../../core/exports/log-view";
import { mappingCsv, type ExportMapping, type MappingLine } from "../../core/exports/mapping";
import type { DateOrder } from "../../core/date-cells";
import type { Modality } from "../../core/inputs/types";
import { h, replaceChildren } from "./dom";

/** What the pane saves in the workbook per export (by its header row): the mapping lines, the provider, the date order and visit type chosen. */
export interface SavedMapping {
  lines: Omit<MappingLine, "row">[];
  provider?: string;
  dateOrder?: DateOrder;
  visitType?: Modality;
}

/**
 * The workbook setting of an export's mapping: keyed by its header row (ignoring case and
 * punctuation), so the next export of the same shape — another month, another table name — is
 * offered the same mapping.
 */
export function mappingKeyOf(headers: readonly string[]): string {
  const text = headers.map((x) => x.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "")).join("|");
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `ClinPay.mapping:${hash.toString(36)}:${headers.length}`;
}

const ORDER_CHOICES: [DateOrder | "", string][] = [["", "As the column's dates say (month/day/year when they could be either)"], ["mdy", "Month/day/year (06/01 is 1 June)"], ["dmy", "Day/month/year (06/01 is 6 January)"]];
const VISIT_CHOICES: [Modality | "", string][] = [["", "Only what the export says"], ["video", "Video"], ["audio", "Audio (phone)"], ["telehealth", "Telehealth (kind unknown)"], ["in_person", "In person"]];

export const parseSaved = (json: string | null): SavedMapping | null => {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as SavedMapping;
    return Array.isArray(v.lines) ? v : null;
  } catch {
    return null; // a setting from another version: start afresh
  }
};

const NOT_IN_TABLE = "";
const words = (s: string) => s.replace(/_/g, " ");

export class MappingStep {
  readonly el: HTMLFieldSetElement;
  private readonly body: HTMLElement;
  private view: LogMappingView | null = null;
  /** The table the step is showing (its source name), so a rebuild of it keeps the choices. */
  source: string | null = null;
  private columnSelects: { column: string; auto: string | null; select: HTMLSelectElement }[] = [];
  private valueSelects: { what: MappingLine["what"]; value: string; select: HTMLSelectElement }[] = [];
  private providerSelect: HTMLSelectElement | null = null;
  private readonly orderSelect: HTMLSelectElement;
  private readonly visitSelect: HTMLSelectElement;

  private readonly csv: HTMLTextAreaElement;
  /** The mapping shown was saved in this workbook for an export with the same header row. */
  private offered = false;

  /** `input`: the table's label, when a sheet has two exports to match (the Pay Audit). */
  constructor(private readonly idPrefix: string, input?: string) {
    this.body = h("div", { id: `${idPrefix}-body` });
    this.orderSelect = h("select", { id: `${idPrefix}-date-order`, name: `${idPrefix}-date-order` }, ...ORDER_CHOICES.map(([v, label]) => h("option", { value: v }, label)));
    this.visitSelect = h("select", { id: `${idPrefix}-visit-type`, name: `${idPrefix}-visit-type` }, ...VISIT_CHOICES.map(([v, label]) => h("option", { value: v }, label)));

    this.csv = h("textarea", { id: `${idPrefix}-csv`, readonly: true, rows: 4, spellcheck: "false", "aria-describedby": `${idPrefix}-csv-help` });
    this.el = h(
      "fieldset",
      { id: idPrefix, class: "cp-mapping", hidden: true },
      h("legend", null, input ? `Match your export: ${input}` : "Match your export"),
      h("p", { class: "cp-help" }, "ClinPay read your headers and words as shown. Change any that are wrong; the choice is saved in this workbook for the next Build."),
      this.body,
      h(
        "details",
        { class: "cp-map-file" },
        h("summary", null, "The same mapping for the clinpay CLI"),
        h("p", { id: `${idPrefix}-csv-help`, class: "cp-help" }, "Save this text as mapping.csv and run clinpay leakage --map mapping.csv …"),
        this.csv
      )
    );
  }

  hide(): void {
    this.el.hidden = true;
    this.view = null;
    this.source = null;
  }

  /** Shows the step for a log's view, with a saved mapping's choices selected. */
  show(source: string, view: LogMappingView, saved: SavedMapping | null, offered = false): void {
    this.offered = offered;
    this.view = view;
    this.source = source;
    const pick = (what: string, from: string) => saved?.lines.find((l) => l.what === what && l.from.toLowerCase() === from.toLowerCase())?.to;
    const headerFor = (column: string) => saved?.lines.find((l) => l.what === "column" && l.to === column)?.from;
    this.columnSelects = view.columns.map((c) => {
      const id = `${this.idPrefix}-col-${c.column}`;
      const chosen = headerFor(c.column) ?? c.header ?? NOT_IN_TABLE;
      const select = h("select", { id, name: id }, h("option", { value: NOT_IN_TABLE }, c.required ? "Choose the column…" : "Not in this table"), ...view.headers.map((hd) => h("option", { value: hd }, hd)));
      select.value = view.headers.includes(chosen) ? chosen : NOT_IN_TABLE;
      select.addEventListener("change", () => this.refreshCsv());
      return { column: c.column, auto: c.header, select };
    });
    this.valueSelects = view.unknown.map((u) => {
      const id = `${this.idPrefix}-val-${u.what}-${this.valueSelects.length}-${encodeURIComponent(u.value)}`;
      const select = h("select", { id, name: id, "data-value": u.value }, h("option", { value: "" }, "Choose what it means…"), ...u.choices.map((c) => h("option", { value: c }, words(c))));
      select.value = pick(u.what, u.value) ?? "";
      select.addEventListener("change", () => this.refreshCsv());
      return { what: u.what, value: u.value, select };
    });
    this.providerSelect =
      view.providers.length > 1
        ? h("select", { id: `${this.idPrefix}-provider`, name: `${this.idPrefix}-provider` }, h("option", { value: "" }, "Choose a provider…"), ...view.providers.map((p) => h("option", { value: p.name }, `${p.name} (${p.rows.toLocaleString("en-US")} rows)`)), h("option", { value: "all" }, "All providers together"))
        : null;
    if (this.providerSelect) this.providerSelect.value = saved?.provider && [...this.providerSelect.options].some((o) => o.value === saved.provider) ? saved.provider : "";
    if (saved) {
      this.orderSelect.value = saved.dateOrder ?? "";
      this.visitSelect.value = saved.visitType ?? "";
    }

    replaceChildren(
      this.body,
      h("h3", { class: "cp-map-heading" }, "How ClinPay reads this table"),
      h("ul", { class: "cp-map-notes" }, ...this.readingLines(view).map((line) => h("li", null, line))),
      h("h3", { class: "cp-map-heading" }, "Columns"),
      ...this.columnSelects.filter((c) => this.shownFirst(c)).map((c) => this.columnRow(c)),
      this.columnSelects.some((c) => !this.shownFirst(c))
        ? h(
            "details",
            { class: "cp-map-more" },
            h("summary", null, `Other columns ClinPay can read (${this.columnSelects.filter((c) => !this.shownFirst(c)).length}, none found)`),
            ...this.columnSelects.filter((c) => !this.shownFirst(c)).map((c) => this.columnRow(c))
          )
        : null,
      this.valueSelects.length ? h("h3", { class: "cp-map-heading" }, "Words ClinPay does not know") : null,
      ...this.valueSelects.map(({ what, value, select }) => {
        const u = view.unknown.find((x) => x.what === what && x.value === value)!;
        return h("div", { class: "cp-field cp-map-row" }, h("label", { for: select.id }, `“${value}” in ${words(what)} (${u.count.toLocaleString("en-US")} ${u.count === 1 ? "row" : "rows"})`), select);
      }),
      this.providerSelect ? h("div", { class: "cp-field cp-map-row" }, h("label", { for: this.providerSelect.id }, `Provider (${view.providers.length} in this log)`), this.providerSelect) : null,
      view.kind === "log" ? h("div", { class: "cp-field cp-map-row" }, h("label", { for: this.visitSelect.id }, "Visit type of rows that say none"), this.visitSelect) : null,
      h("div", { class: "cp-field cp-map-row" }, h("label", { for: this.orderSelect.id }, "Date order"), this.orderSelect)
    );
    this.refreshCsv();
    this.el.hidden = false;
  }

  /** What the view says of the file: header row, furniture, columns recognised, date order, what stops the build. */
  private readingLines(view: LogMappingView): string[] {
    const how: Record<string, string> = { map: "your mapping", name: "its name", alias: "an alias", contained: "a header containing an alias", values: "its values", word: "a provider word in its header" };
    const lines = this.offered ? ["The mapping saved in this workbook for an export with these headers is applied (change any choice below)."] : [];
    lines.push(`Header row: ${view.headerRow}${view.rowsAbove > 0 ? ` (${view.rowsAbove} ${view.rowsAbove === 1 ? "row" : "rows"} above it left out)` : ""}.`);
    lines.push(...view.notes.filter((n) => !n.startsWith("The header is row")));
    const found = view.columns.filter((c) => c.header && c.how && c.how !== "name");
    if (found.length > 0) lines.push(`Columns found by ${found.map((c) => `${words(c.column)} ← “${c.header}” (${how[c.how!]})`).join("; ")}.`);
    if (view.unknownModality.length > 0) lines.push(`Visit types with no modality word (read as blank): ${view.unknownModality.slice(0, 6).map((u) => `“${u.value}” ×${u.count.toLocaleString("en-US")}`).join(", ")}.`);
    lines.push(...view.blocking.map((b) => `To fix before a build: ${b}`));
    return lines;
  }

  /** The workbook setting for the shown export's mapping (by its header row), or null. */
  key(): string | null {
    return this.view ? mappingKeyOf(this.view.headers) : null;
  }

  dateOrder(): DateOrder | undefined {
    return (this.orderSelect.value as DateOrder) || undefined;
  }

  visitType(): Modality | undefined {
    return (this.visitSelect.value as Modality) || undefined;
  }

  /** Required columns and those found (or chosen) come first; the rest wait behind a summary. */
  private shownFirst(c: { column: string; select: HTMLSelectElement }): boolean {
    return c.select.value !== NOT_IN_TABLE || !!this.view?.columns.find((x) => x.column === c.column)?.required;
  }

  private columnRow({ column, select }: { column: string; select: HTMLSelectElement }): HTMLElement {
    return h("div", { class: "cp-field cp-map-row" }, h("label", { for: select.id }, words(column)), select);
  }

  /** The mapping the lists say: a column line where a header was chosen by hand, a value line per word given a meaning. */
  mapping(): ExportMapping | undefined {
    if (!this.view) return undefined;
    const lines: MappingLine[] = [];
    for (const c of this.columnSelects) {
      if (c.select.value !== NOT_IN_TABLE && c.select.value !== c.auto) lines.push({ what: "column", from: c.select.value, to: c.column, row: 0 });
    }
    for (const v of this.valueSelects) if (v.select.value) lines.push({ what: v.what, from: v.value, to: v.select.value, row: 0 });
    return { source: "the pane's mapping", lines };
  }

  provider(): string | undefined {
    return this.providerSelect?.value || undefined;
  }

  saved(): SavedMapping | null {
    const m = this.mapping();
    return m ? { lines: m.lines.map(({ what, from, to }) => ({ what, from, to })), provider: this.provider(), dateOrder: this.dateOrder(), visitType: this.visitType() } : null;
  }

  private refreshCsv(): void {
    const m = this.mapping();
    this.csv.value = m ? mappingCsv(m) : "";
  }
}
