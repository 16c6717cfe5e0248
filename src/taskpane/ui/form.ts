/**
 * The pieces of the Build form: the choice of sheet, a table picker per input, a field per
 * assumption. Native controls only (radio, select, input, label, fieldset), so keyboard use,
 * screen readers and the host's form styling come from the browser rather than from code.
 */
import type { SheetDefinition, FieldSpec, InputSpec } from "../../sheets/definition";
import type { TableInfo } from "../../render/gateway";
import { h, replaceChildren } from "./dom";

/** Option values: a table is "t:<name>" so no table name can pass for the other two. */
export const PICK_SELECTION = "selection";
export const REMEMBERED = "range";
export const tableValue = (name: string): string => `t:${name}`;
export const tableOfValue = (value: string): string | null => (value.startsWith("t:") ? value.slice(2) : null);

export const pickerId = (b: SheetDefinition, i: InputSpec): string => `cp-in-${b.kind}-${i.key}`;
export const fieldId = (b: SheetDefinition, f: FieldSpec): string => `cp-f-${b.kind}-${f.key}`;

export function kindChooser(builders: readonly SheetDefinition[], onChange: (kind: string) => void): HTMLFieldSetElement {
  return h(
    "fieldset",
    { class: "cp-kinds" },
    h("legend", null, "What to build"),
    ...builders.map((b, i) =>
      h(
        "label",
        { class: "cp-kind" },
        h("input", { type: "radio", name: "cp-kind", value: b.kind, checked: i === 0, onchange: () => onChange(b.kind) }),
        h("span", { class: "cp-kind-text" }, h("span", { class: "cp-kind-title" }, b.title), h("span", { class: "cp-kind-summary" }, b.summary))
      )
    )
  );
}

export function pickerField(b: SheetDefinition, input: InputSpec, onChange: (select: HTMLSelectElement) => void): { wrap: HTMLElement; select: HTMLSelectElement } {
  const id = pickerId(b, input);
  const select = h("select", { id, name: id, "aria-describedby": `${id}-help`, required: input.required });
  select.addEventListener("change", () => onChange(select));
  const wrap = h(
    "div",
    { class: "cp-field" },
    h("label", { for: id }, input.label, input.required ? null : h("span", { class: "cp-optional" }, " (optional)")),
    select,
    h("p", { id: `${id}-help`, class: "cp-help" }, `Columns: ${input.columns}.`)
  );
  return { wrap, select };
}

/**
 * The options of one picker: none, every table (with its sheet), the remembered selection if
 * there is one, and "use the selected cells". Keeps the current choice when it still exists.
 */
export function fillPicker(select: HTMLSelectElement, input: InputSpec, tables: TableInfo[], remembered: string | null): void {
  const current = select.value;
  replaceChildren(
    select,
    h("option", { value: "" }, input.required ? "Choose a table…" : input.none ?? "None"),
    ...tables.map((t) => h("option", { value: tableValue(t.name) }, `${t.name} (${t.sheet})`)),
    remembered ? h("option", { value: REMEMBERED }, `Selected cells: ${remembered}`) : null,
    h("option", { value: PICK_SELECTION }, "Use the cells selected in the sheet…")
  );
  select.value = [...select.options].some((o) => o.value === current && current !== PICK_SELECTION) ? current : "";
}

export function assumptionField(b: SheetDefinition, f: FieldSpec): { wrap: HTMLElement; input: HTMLInputElement } {
  const id = fieldId(b, f);
  const input = h("input", {
    id,
    name: id,
    type: f.type === "date" ? "date" : "text",
    // Text, not type=number: a number input hides what the user typed when it does not parse,
    // and the problems list must be able to quote it back.
    inputmode: f.type === "number" ? "decimal" : null,
    autocomplete: "off",
    placeholder: f.placeholder ?? null,
    required: f.required,
    "aria-describedby": `${id}-help`,
  });
  const wrap = h(
    "div",
    { class: "cp-field" },
    h("label", { for: id }, f.label, f.required ? null : h("span", { class: "cp-optional" }, " (optional)")),
    input,
    h("p", { id: `${id}-help`, class: "cp-help" }, f.help.replace(/^type /, "").replace(/^./, (c) => c.toUpperCase()) + ".")
  );
  return { wrap, input };
}
