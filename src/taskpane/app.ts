/**
 * The pane's behaviour: list the workbook's tables, build the chosen sheet from the picked tables
 * and assumptions with a progress bar, list what to fix when the input is bad (each problem a
 * button to its cell), and insert the sample tables. Every workbook call goes through the
 * WorkbookRunner, so this file runs the same against Excel and against a test's fake workbook.
 */
import type { Problem, RawTable } from "../core/inputs/types";
import { InputError } from "../core/table";
import { renderPlanToExcel } from "../render/excel";
import { bottomLineOf, checkPlanFits } from "../sheets/plan";
import type { TableInfo, WorkbookGateway } from "../render/gateway";
import { ASSUMPTIONS, planSheet, sampleTableOf, type BuildResult, type ReadChoices, type SheetDefinition, type InputSpec } from "../sheets/definition";
import { SHEETS, sampleTables } from "../sheets/registry";
import { problemRange, qualified, readInput, sourceName, type InputPlace, type InputSource } from "./inputs";
import { SAMPLE_SHEET, insertSamples, type SampleLoader } from "./samples";
import { loadSample } from "./sample-data";
import { loadFees } from "../functions/fees";
import { byId, h, replaceChildren } from "./ui/dom";
import { PICK_SELECTION, REMEMBERED, assumptionField, fillPicker, kindChooser, pickerField, tableOfValue, tableValue } from "./ui/form";
import { ProblemsList, type ShownProblem } from "./ui/problems";
import { ProgressBar } from "./ui/progress";
import { MappingStep, mappingKeyOf, parseSaved } from "./ui/mapping";
import { viewForMapping } from "../core/exports/log-view";
import type { WorkbookRunner } from "./workbook";

/** Problem.source for a table picker left empty. */
const TABLES = "Tables";


interface Picker {
  builder: SheetDefinition;
  input: InputSpec;
  select: HTMLSelectElement;
  /** A range the user picked by selecting it, kept by address (see WorkbookGateway.readRange). */
  remembered: { sheet: string; address: string } | null;
  /** The user chose this one themselves: refreshing the list no longer guesses for it. */
  touched: boolean;
  previous: string;
}

type Tone = "info" | "success" | "error";

/** What the pane offers: the registry's sheets and bundled samples, unless a test gives its own. */
export interface PaneOptions {
  sheets?: readonly SheetDefinition[];
  loadSample?: SampleLoader;
}

const stepKey = (b: SheetDefinition, input: InputSpec): string => `${b.kind}:${input.key}`;

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** "a, b and c" */
const listed = (words: string[]): string => (words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`);

/** Yield to the browser so the progress bar paints between steps that do not wait on Excel. */
const paint = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class Pane {
  private tables: TableInfo[] = [];
  private busy = false;
  private readonly pickers: Picker[] = [];
  private readonly fields = new Map<string, HTMLInputElement>();
  private readonly panels = new Map<string, HTMLElement>();
  /** The mapping step of each export input (RVU Leakage's appointment log), by stepKey. */
  private readonly steps = new Map<string, MappingStep>();
  private readonly progress = new ProgressBar("cp-progress");
  private readonly problems = new ProblemsList("cp-problems");
  private readonly status: HTMLElement;
  private readonly build: HTMLButtonElement;
  private readonly samples: HTMLButtonElement;
  private readonly noTables: HTMLElement;
  private readonly sheets: readonly SheetDefinition[];
  private readonly loadSample: SampleLoader;
  private kind: string;

  constructor(
    private readonly root: HTMLElement,
    private readonly run: WorkbookRunner,
    options: PaneOptions = {}
  ) {
    this.sheets = options.sheets ?? SHEETS;
    this.loadSample = options.loadSample ?? loadSample;
    this.kind = this.sheets[0].kind;
    this.status = byId("cp-status");
    this.build = h("button", { type: "submit", class: "cp-primary", id: "cp-build" });
    this.samples = h("button", { type: "button", class: "cp-secondary", id: "cp-samples", onclick: () => void this.insertSamples() }, "Insert sample data");
    this.noTables = h(
      "p",
      { class: "cp-hint", id: "cp-no-tables", hidden: true },
      "This workbook has no tables yet. Select your data and press Ctrl+T to make it a table, choose “Use the cells selected in the sheet” in a list below, or insert the sample data to try ClinPay first."
    );
  }

  /** Builds the form into the page and loads the table list. */
  async start(): Promise<void> {
    const form = h("form", { id: "cp-form", novalidate: true, "aria-describedby": "cp-status" });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.buildSheet();
    });
    form.appendChild(kindChooser(this.sheets, (kind) => this.choose(kind)));
    form.appendChild(this.noTables);
    for (const b of this.sheets) form.appendChild(this.panel(b));
    form.appendChild(this.build);
    form.appendChild(this.progress.el);
    form.appendChild(this.status);
    replaceChildren(
      this.root,
      form,
      this.problems.el,
      h(
        "section",
        { class: "cp-card", "aria-labelledby": "cp-samples-heading" },
        h("h2", { id: "cp-samples-heading" }, "First time here?"),
        h("p", null, `Insert made-up ${listed(sampleTables(this.sheets).map((t) => t.label.toLowerCase()))} as tables on a new sheet, “${SAMPLE_SHEET}”. They are picked for you below: press Build.`),
        this.samples
      ),
      h("p", { class: "cp-footnote" }, "Everything stays in this workbook: ClinPay sends nothing anywhere, and every number it builds is an ordinary Excel formula.")
    );
    this.choose(this.kind);
    this.say("Loading your tables…", "info");
    if (await this.refreshTables()) this.say(this.tables.length ? "Ready. Pick your tables and press Build." : "Ready.", "info");
    // The page starts busy (taskpane.html) so nothing half-drawn is announced; it is whole now.
    this.root.setAttribute("aria-busy", "false");
  }

  // ---- form -----------------------------------------------------------------------------------

  private panel(b: SheetDefinition): HTMLElement {
    const tables = h(
      "fieldset",
      null,
      h("legend", null, "Your tables"),
      ...b.inputs.map((input) => {
        const { wrap, select } = pickerField(b, input, (s) => void this.picked(s));
        this.pickers.push({ builder: b, input, select, remembered: null, touched: false, previous: "" });
        return wrap;
      }),
      h("button", { type: "button", class: "cp-link", onclick: () => void this.refreshTables(true) }, "Refresh the list of tables")
    );
    const assumptions = h(
      "fieldset",
      null,
      h("legend", null, "Assumptions"),
      b.fieldsNote ? h("p", { class: "cp-help" }, b.fieldsNote) : null,
      ...b.fields.map((f) => {
        const { wrap, input } = assumptionField(b, f);
        this.fields.set(`${b.kind}:${f.key}`, input);
        return wrap;
      })
    );
    // One step per export input: the Pay Audit's record and statement are matched each on its own.
    const exports = b.inputs.filter((i) => i.mappable);
    const steps = exports.map((input, i) => {
      const step = new MappingStep(i === 0 ? `cp-map-${b.kind}` : `cp-map-${b.kind}-${input.key}`, exports.length > 1 ? input.label : undefined);
      this.steps.set(stepKey(b, input), step);
      return step.el;
    });
    const panel = h("div", { class: "cp-panel", id: `cp-panel-${b.kind}`, hidden: true }, tables, ...steps, assumptions);
    this.panels.set(b.kind, panel);
    return panel;
  }

  private builder(): SheetDefinition {
    return this.sheets.find((b) => b.kind === this.kind) ?? this.sheets[0];
  }

  private choose(kind: string): void {
    this.kind = kind;
    for (const [k, panel] of this.panels) panel.hidden = k !== kind;
    this.build.textContent = `Build ${this.builder().title}`;
  }

  private say(message: string, tone: Tone): void {
    this.status.className = `cp-status cp-status-${tone}`;
    this.status.textContent = message;
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.root.setAttribute("aria-busy", String(busy));
    // aria-disabled rather than disabled: the focused button keeps focus through a build.
    for (const b of [this.build, this.samples]) b.setAttribute("aria-disabled", String(busy));
  }

  /** Reloads the table list into every picker; `announce` when the user asked for it. False
   *  (and said so) when the workbook could not be asked. */
  async refreshTables(announce = false): Promise<boolean> {
    try {
      this.tables = await this.run((gw) => gw.listTables());
    } catch (e) {
      this.say(`Could not list the workbook's tables: ${errorText(e)}`, "error");
      return false;
    }
    this.tables.sort((a, b) => a.name.localeCompare(b.name));
    for (const p of this.pickers) {
      fillPicker(p.select, p.input, this.tables, p.remembered ? qualified(p.remembered.sheet, p.remembered.address) : null);
      if (!p.touched && p.select.value === "") this.guess(p);
      p.previous = p.select.value;
    }
    this.noTables.hidden = this.tables.length > 0;
    if (announce) this.say(`${this.tables.length === 1 ? "1 table" : `${this.tables.length} tables`} in this workbook.`, "info");
    return true;
  }

  /** Preselect a table only when the choice is unambiguous: the sample table, or the one table
   *  whose name says what it holds and that no other picker of the same sheet took. */
  private guess(p: Picker, samplesOnly = false): void {
    const sample = sampleTableOf(p.builder, p.input)?.toUpperCase();
    let pick = this.tables.find((t) => t.name.toUpperCase() === sample);
    if (!pick && !samplesOnly) {
      const taken = new Set(this.pickers.filter((o) => o !== p && o.builder === p.builder).map((o) => o.select.value));
      const candidates = this.tables.filter((t) => p.input.looksLike(t.name) && !taken.has(tableValue(t.name)));
      if (candidates.length === 1) pick = candidates[0];
    }
    if (pick) p.select.value = tableValue(pick.name);
  }

  private async picked(select: HTMLSelectElement): Promise<void> {
    const p = this.pickers.find((x) => x.select === select)!;
    p.touched = true;
    if (select.value !== PICK_SELECTION) {
      p.previous = select.value;
      await this.showMapping(p);
      return;
    }
    try {
      const sel = await this.run((gw) => gw.readSelection());
      if (sel.values.length < 2) {
        select.value = p.previous;
        this.say(`Select the cells of your ${p.input.label.toLowerCase()} in the sheet, header row included, then choose “Use the cells selected in the sheet” again.`, "error");
        return;
      }
      p.remembered = { sheet: sel.sheet, address: sel.address };
      fillPicker(select, p.input, this.tables, qualified(sel.sheet, sel.address));
      select.value = REMEMBERED;
      p.previous = REMEMBERED;
      this.say(`${p.input.label}: using ${qualified(sel.sheet, sel.address)} (${sel.values.length - 1} rows under the header). ClinPay reads these cells again at every Build.`, "info");
      await this.showMapping(p);
    } catch (e) {
      select.value = p.previous;
      this.say(`Could not read the selected cells: ${errorText(e)}`, "error");
    }
  }

  /** After a pick of an export input: read it and show what ClinPay makes of it, with the
   *  mapping saved in the workbook for it selected. */
  private async showMapping(p: Picker): Promise<void> {
    const step = this.steps.get(stepKey(p.builder, p.input));
    if (!step) return;
    const src = this.sourceOf(p);
    if (!src) return step.hide();
    try {
      await this.run(async (gw) => {
        const read = await readInput(gw, src, await gw.listTables());
        // The mapping saved for an export of this header row (another month's, another table's) is offered again.
        const first = viewForMapping(read.table);
        const saved = parseSaved(await gw.readSetting(mappingKeyOf(first.headers)));
        const view = saved?.dateOrder ? viewForMapping(read.table, { dateOrder: saved.dateOrder }) : first;
        step.show(read.table.source, view, saved, saved !== null);
      });
    } catch (e) {
      step.hide(); // a table that cannot be read is reported at Build, with its cell
      if (!(e instanceof InputError)) this.say(`Could not read ${sourceName(src)}: ${errorText(e)}`, "error");
    }
  }

  /** Each export read for a build, shown in its step: a new one with its saved mapping, the same
   *  one afresh (its words may have changed since the pick) with the choices already made. */
  private async refreshSteps(gw: WorkbookGateway, spec: SheetDefinition, raw: Record<string, RawTable | undefined>): Promise<{ input: InputSpec; step: MappingStep; choices: ReadChoices }[]> {
    const out: { input: InputSpec; step: MappingStep; choices: ReadChoices }[] = [];
    for (const input of spec.inputs) {
      const step = this.steps.get(stepKey(spec, input));
      const table = raw[input.key];
      if (!step || !table) continue;
      const same = step.source === table.source;
      const view = viewForMapping(table, { dateOrder: same ? step.dateOrder() : undefined });
      const saved = same ? step.saved() : parseSaved(await gw.readSetting(mappingKeyOf(view.headers)));
      step.show(table.source, saved?.dateOrder && !same ? viewForMapping(table, { dateOrder: saved.dateOrder }) : view, saved, !same && saved !== null);
      out.push({ input, step, choices: { mapping: step.mapping(), provider: step.provider(), visitType: step.visitType(), dateOrder: step.dateOrder() } });
    }
    return out;
  }

  private sourceOf(p: Picker): InputSource | null {
    const table = tableOfValue(p.select.value);
    if (table) return { kind: "table", table };
    if (p.select.value === REMEMBERED && p.remembered) return { kind: "range", ...p.remembered };
    return null;
  }

  // ---- build ----------------------------------------------------------------------------------

  async buildSheet(): Promise<void> {
    if (this.busy) return;
    const spec = this.builder();
    const pickers = this.pickers.filter((p) => p.builder === spec);
    this.problems.clear();
    this.progress.hide();

    const missing: Problem[] = pickers
      .filter((p) => p.input.required && !this.sourceOf(p))
      .map((p) => ({ source: TABLES, row: 0, column: p.input.label, value: "", message: `choose the table that holds your ${p.input.label.toLowerCase()} (columns: ${p.input.columns})` }));
    if (missing.length > 0) {
      this.showProblems(missing, spec, new Map(), pickers);
      this.say(`Choose your tables to build ${spec.title}.`, "error");
      return;
    }

    this.setBusy(true);
    this.say(`Building ${spec.title}…`, "info");
    this.progress.show(0, "Reading your tables");
    try {
      await this.run(async (gw) => {
        const tables = await gw.listTables();
        const places = new Map<string, InputPlace>();
        const raw: Record<string, RawTable | undefined> = {};
        const problems: Problem[] = [];
        const chosen = pickers.map((p) => ({ p, src: this.sourceOf(p) })).filter((c) => c.src !== null);
        for (const [i, { p, src }] of chosen.entries()) {
          this.progress.show((0.15 * i) / chosen.length, `Reading ${sourceName(src!)}`);
          try {
            const read = await readInput(gw, src!, tables);
            raw[p.input.key] = read.table;
            places.set(read.table.source, read.place);
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
            problems.push(...e.problems);
          }
        }
        this.progress.show(0.15, "Checking your data");
        await paint();
        const matched = await this.refreshSteps(gw, spec, raw);
        // The first export's choices are the build's (a time log is read with them, as the CLI's one --map); each export also gets its own.
        const first = matched[0]?.choices ?? {};
        const perInput = Object.fromEntries(matched.map((m) => [m.input.key, m.choices]));
        let built: BuildResult | null = null;
        if (problems.length === 0) {
          try {
            const fees = spec.needsFees ? await loadFees() : undefined;
            // The sheet's plan module is fetched here on its first Build (a chunk of its own).
            built = await planSheet(spec, { tables: raw, fields: this.fieldValues(spec), builtAt: new Date(), fees, ...first, perInput });
            checkPlanFits(built.plan); // listed with the other problems, before anything is drawn
          } catch (e) {
            built = null;
            if (!(e instanceof InputError)) throw e;
            problems.push(...e.problems);
          }
        }
        if (!built) {
          this.progress.hide();
          this.showProblems(problems, spec, places, pickers);
          this.say(`${spec.title} was not built: ${problems.length === 1 ? "1 problem" : `${problems.length.toLocaleString("en-US")} problems`} in your data, listed below.`, "error");
          return;
        }
        this.progress.show(0.2, "Writing the sheet");
        const result = await renderPlanToExcel(gw, built.plan, { onProgress: (f, label) => this.progress.show(0.2 + 0.8 * f, label) });
        for (const { step } of matched) {
          const saved = step.saved();
          const key = step.key();
          if (saved && key) gw.writeSetting(key, JSON.stringify(saved));
        }
        if (matched.length > 0) await gw.sync();
        this.progress.show(1, "Done");
        const renamed = result.sheetName !== built.plan.name ? ` “${built.plan.name}” is a sheet of your own, so it was left as it is.` : "";
        const answer = bottomLineOf(built.plan);
        this.say(
          (answer ? `${answer} ` : "") +
            `Built “${result.sheetName}” from ${built.detail}. It is the active sheet now; every number on it is an Excel formula, so the workbook can be shared as it is.${renamed}` +
            (built.warnings && built.warnings.length > 0 ? ` Check: ${built.warnings.join(" ")}` : "") +
            (built.notes && built.notes.length > 0 ? ` What ClinPay inferred (also in the sheet's notes): ${built.notes.join(" ")}` : ""),
          "success"
        );
      });
    } catch (e) {
      this.progress.hide();
      this.say(`${spec.title} was not built: ${errorText(e)}. The workbook is as it was; try again.`, "error");
    } finally {
      this.setBusy(false);
    }
  }

  private fieldValues(spec: SheetDefinition): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of spec.fields) out[f.key] = this.fields.get(`${spec.kind}:${f.key}`)?.value ?? "";
    return out;
  }

  /** In table order (first table first), then row order, as the CLI lists them. */
  private showProblems(problems: Problem[], spec: SheetDefinition, places: Map<string, InputPlace>, pickers: Picker[]): void {
    const order = new Map<string, number>();
    problems.forEach((p) => order.has(p.source) || order.set(p.source, order.size));
    const sorted = problems
      .map((p, i) => ({ p, i }))
      .sort((a, b) => order.get(a.p.source)! - order.get(b.p.source)! || a.p.row - b.p.row || a.i - b.i)
      .map((x) => x.p);
    const focus = (el: HTMLElement | undefined, what: string): Pick<ShownProblem, "go" | "action"> =>
      el ? { action: `Go to ${what}`, go: () => el.focus() } : {};
    const shown = sorted.map((p): ShownProblem => {
      if (p.source === ASSUMPTIONS) {
        const f = spec.fields.find((x) => x.label === p.column);
        return { problem: p, place: `${ASSUMPTIONS} · ${p.column}`, ...focus(f && this.fields.get(`${spec.kind}:${f.key}`), `the ${p.column} field`) };
      }
      const picker = pickers.find((x) => {
        const src = this.sourceOf(x);
        return p.source === TABLES ? x.input.label === p.column : src !== null && sourceName(src) === p.source;
      });
      const place = places.get(p.source);
      if (p.source === TABLES) return { problem: p, place: `${TABLES} · ${p.column}`, ...focus(picker?.select, `the ${p.column} list`) };
      if (!place) return { problem: p, ...focus(picker?.select, `the ${picker?.input.label ?? "table"} list`) };
      const address = problemRange(place, p);
      return { problem: p, action: `Go to ${address.includes(":") ? "cells" : "cell"} ${qualified(place.sheet, address)}`, go: () => void this.select(place.sheet, address) };
    });
    this.problems.show(shown);
  }

  private async select(sheet: string, address: string): Promise<void> {
    try {
      await this.run(async (gw: WorkbookGateway) => {
        gw.selectRange(sheet, address);
        await gw.sync();
      });
      this.say(`Selected ${qualified(sheet, address)}. Fix it there, then press Build again.`, "info");
    } catch (e) {
      this.say(`Could not go to ${qualified(sheet, address)}: ${errorText(e)}`, "error");
    }
  }

  // ---- samples --------------------------------------------------------------------------------

  async insertSamples(): Promise<void> {
    if (this.busy) return;
    this.setBusy(true);
    this.problems.clear();
    this.progress.hide();
    this.say("Inserting the sample tables…", "info");
    try {
      const outcome = await this.run((gw) => insertSamples(gw, (f, label) => this.progress.show(f, label), sampleTables(this.sheets), this.loadSample));
      await this.refreshTables();
      for (const p of this.pickers) this.guess(p, true);
      if (!outcome.inserted) {
        this.progress.hide();
        this.say(`The sample data is already in this workbook (${outcome.existing.join(", ")}), so nothing was added. It is picked below. To start over, delete the “${SAMPLE_SHEET}” sheet and insert again.`, "info");
        return;
      }
      let filled = false;
      for (const b of this.sheets) {
        for (const f of b.fields) {
          const el = this.fields.get(`${b.kind}:${f.key}`);
          if (el && f.sample && el.value === "") {
            el.value = f.sample;
            filled = true;
          }
        }
      }
      this.say(
        `Inserted ${outcome.tables.join(", ")} on the sheet “${SAMPLE_SHEET}”. They are picked below${filled ? ", with sample figures for the assumptions" : ""}: press Build.`,
        "success"
      );
    } catch (e) {
      this.progress.hide();
      this.say(`Could not insert the sample data: ${errorText(e)}. The workbook is as it was.`, "error");
    } finally {
      this.setBusy(false);
    }
  }
}
