/**
 * The mapping step for an export (SPEC §2): after an appointment log is picked, each ClinPay
 * column with a list of the table's headers (pre-filled from the aliases or the saved mapping),
 * each word ClinPay does not know once with what it can mean, and a provider list when the log
 * names several. What is chosen becomes the same ExportMapping the CLI's --map file holds, and
 * is shown as that file's text so it can be saved for the CLI.
 */
import type { LogMappingView } from "../../core/exports/log-view";
import { mappingCsv, type ExportMapping, type MappingLine } from "../../core/exports/mapping";
import { h, replaceChildren } from "./dom";

/** What the pane saves in the workbook per log: the mapping lines and the provider chosen. */
export interface SavedMapping {
  lines: Omit<MappingLine, "row">[];
  provider?: string;
}

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
  private readonly csv: HTMLTextAreaElement;

  constructor(private readonly idPrefix: string) {
    this.body = h("div", { id: `${idPrefix}-body` });
    this.csv = h("textarea", { id: `${idPrefix}-csv`, readonly: true, rows: 4, spellcheck: "false", "aria-describedby": `${idPrefix}-csv-help` });
    this.el = h(
      "fieldset",
      { id: idPrefix, class: "cp-mapping", hidden: true },
      h("legend", null, "Match your export"),
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
  show(source: string, view: LogMappingView, saved: SavedMapping | null): void {
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

    replaceChildren(
      this.body,
      h("h3", { class: "cp-map-heading" }, "Columns"),
      view.visitTypeSetAside
        ? h("p", { class: "cp-help" }, `“${view.visitTypeSetAside}” holds appointment types, not how the visit happened, so it is set aside: modality comes from modifiers and place of service.`)
        : null,
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
      this.providerSelect ? h("div", { class: "cp-field cp-map-row" }, h("label", { for: this.providerSelect.id }, `Provider (${view.providers.length} in this log)`), this.providerSelect) : null
    );
    this.refreshCsv();
    this.el.hidden = false;
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
    return m ? { lines: m.lines.map(({ what, from, to }) => ({ what, from, to })), provider: this.provider() } : null;
  }

  private refreshCsv(): void {
    const m = this.mapping();
    this.csv.value = m ? mappingCsv(m) : "";
  }
}
