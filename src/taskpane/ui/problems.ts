/**
 * "What to fix in your data": one list item per problem, each a real <button> so Tab reaches it
 * and Enter or Space takes the user to the cell (or the pane field) it names. The heading takes
 * focus when the list appears, so keyboard and screen-reader users land on it after Build.
 */
import type { Problem } from "../../core/inputs/types";
import { h, replaceChildren } from "./dom";

export interface ShownProblem {
  problem: Problem;
  /** Where, when it is not a table's row and column (a field of the pane, a table picker). */
  place?: string;
  /** What the button says it will do, e.g. "Go to cell K5 on Sheet1". */
  action?: string;
  /** Takes the user there; absent when the problem has no one place (then it is plain text). */
  go?: () => void;
}

/** A long list helps nobody: the first ones, and how many more (fixing these reveals the rest). */
export const MAX_SHOWN = 100;

const MAX_VALUE_CHARS = 40;

function showValue(value: string): string {
  const flat = value.replace(/\r\n|\r|\n/g, " ");
  return flat.length > MAX_VALUE_CHARS ? flat.slice(0, MAX_VALUE_CHARS - 1) + "…" : flat;
}

export class ProblemsList {
  readonly el: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly intro: HTMLElement;
  private readonly list: HTMLElement;

  constructor(id: string) {
    this.heading = h("h2", { id: `${id}-heading`, tabindex: -1 });
    this.intro = h("p", { class: "cp-help" });
    this.list = h("ul", { class: "cp-problem-list" });
    this.el = h("section", { id, class: "cp-problems", "aria-labelledby": `${id}-heading`, hidden: true }, this.heading, this.intro, this.list);
  }

  show(items: ShownProblem[]): void {
    const n = items.length;
    this.heading.textContent = n === 1 ? "1 thing to fix" : `${n.toLocaleString("en-US")} things to fix`;
    this.intro.textContent = `Nothing was built. Fix ${n === 1 ? "it" : "these"}, then press Build again. Choose a problem to go to its cell.`;
    replaceChildren(this.list, ...items.slice(0, MAX_SHOWN).map((item) => this.item(item)));
    if (n > MAX_SHOWN) {
      this.list.appendChild(h("li", { class: "cp-problem-more" }, `…and ${(n - MAX_SHOWN).toLocaleString("en-US")} more. Fix the ones above and build again to see the rest.`));
    }
    this.el.hidden = false;
    this.heading.focus();
  }

  clear(): void {
    this.el.hidden = true;
    replaceChildren(this.list);
  }

  private item({ problem: p, place: where, action, go }: ShownProblem): HTMLElement {
    const place = where ?? [p.source, p.row > 0 ? `row ${p.row}` : "", p.column ? `column ${p.column}` : ""].filter(Boolean).join(" · ");
    const body = [
      h("span", { class: "cp-problem-place" }, place),
      h(
        "span",
        { class: "cp-problem-text" },
        p.value !== "" ? h("span", { class: "cp-problem-value" }, `“${showValue(p.value)}”`) : null,
        p.value !== "" ? " " : null,
        p.message
      ),
      action ? h("span", { class: "cp-problem-action" }, action) : null,
    ];
    const content = go ? h("button", { type: "button", class: "cp-problem", onclick: () => go() }, ...body) : h("div", { class: "cp-problem" }, ...body);
    return h("li", null, content);
  }
}
