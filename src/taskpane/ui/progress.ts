/**
 * The build's progress bar: a div with role="progressbar" (not <progress>) so it can take the
 * Office theme's colours in every host browser, with aria-valuenow/aria-valuetext for screen
 * readers. The label under the bar says what is happening; it is not a live region, so a long
 * build does not flood a screen reader (the status line announces start and end).
 */
import { h } from "./dom";

export class ProgressBar {
  readonly el: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly label: HTMLElement;

  constructor(id: string) {
    this.fill = h("div", { class: "cp-progress-fill" });
    this.bar = h(
      "div",
      { class: "cp-progress-track", role: "progressbar", "aria-label": "Build progress", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": 0 },
      this.fill
    );
    this.label = h("p", { class: "cp-progress-label" });
    this.el = h("div", { id, class: "cp-progress", hidden: true }, this.bar, this.label);
  }

  /** fraction 0..1; never moves backwards within one build. */
  show(fraction: number, label: string): void {
    const now = Math.max(0, Math.min(100, Math.round(fraction * 100)));
    const shown = this.el.hidden ? now : Math.max(now, Number(this.bar.getAttribute("aria-valuenow")) || 0);
    this.el.hidden = false;
    this.bar.setAttribute("aria-valuenow", String(shown));
    this.bar.setAttribute("aria-valuetext", `${shown}%: ${label}`);
    this.fill.style.width = `${shown}%`;
    this.label.textContent = label;
  }

  hide(): void {
    this.el.hidden = true;
    this.bar.setAttribute("aria-valuenow", "0");
    this.fill.style.width = "0%";
    this.label.textContent = "";
  }
}
