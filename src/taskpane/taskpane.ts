/**
 * The task pane: pick the workbook's tables, set the assumptions, Build a sheet (or see what to
 * fix in the data), insert sample tables for a first try.
 *
 * Why plain TypeScript and the DOM rather than React + Fluent UI v9 (as Office-Addin-TaskPane-
 * React does): this page is the add-in's shared runtime, so it also hosts the custom functions,
 * and it starts whenever a workbook first calls a CLINPAY function, pane open or not. React,
 * ReactDOM and Fluent's components and styling engine add roughly 150-200 kB of minified script
 * that would be downloaded, parsed and run at each of those starts, for one form, a progress bar
 * and a list. Native fieldset/label/select/button elements give keyboard use and screen-reader
 * semantics for free, the pane's colours come from Office's theme through CSS custom properties
 * (theme.ts), and the pane code stays a few kB next to the parsers and sheet builders it shares
 * with the CLI. The cost is doing by hand what a framework would (ui/dom.ts, a few components);
 * at this size that is less code than the wiring a framework would need.
 */
import "../commands/commands";
import { Pane } from "./app";
import { applyOfficeTheme, officeTheme } from "./theme";
import { byId } from "./ui/dom";
import { workbookRunner } from "./workbook";

/**
 * Opened outside an Office host (a browser, a test), Office.js's fallback loader starts a
 * telemetry iframe from Microsoft three seconds in. ClinPay promises no network calls and no
 * telemetry (SPEC §5), so that endpoint is switched off; inside Excel the host's own Office.js
 * files make it a no-op already. Best effort: these are Office.js internals.
 */
function silenceOfficeTelemetryOutsideOffice(): void {
  try {
    type Uls = { loadProxyFrame?: () => void; writeLog?: (log: string) => void };
    const osf = (globalThis as { OSF?: { Logger?: { ulsEndpoint?: Uls | null }; AppTelemetry?: { enableTelemetry?: boolean } } }).OSF;
    const uls = osf?.Logger?.ulsEndpoint;
    if (uls) {
      uls.loadProxyFrame = () => undefined;
      uls.writeLog = () => undefined;
    }
    if (osf?.AppTelemetry) osf.AppTelemetry.enableTelemetry = false;
  } catch {
    // Nothing to switch off.
  }
}

function start(host: Office.HostType | null): Promise<void> | void {
  if (!host) silenceOfficeTelemetryOutsideOffice();
  applyOfficeTheme(document.documentElement, officeTheme());
  const root = byId("cp-app");
  const run = workbookRunner(host);
  if (!run) {
    byId("cp-status").textContent = "ClinPay builds its sheets inside Excel: open it from the ClinPay button on Excel's Home tab.";
    root.setAttribute("aria-busy", "false");
    return;
  }
  return new Pane(root, run).start();
}

if (typeof Office === "undefined") {
  // office.js did not load (offline, or blocked): say so rather than leave "Loading…" forever.
  byId("cp-status").textContent = "ClinPay could not load Office's script library. Check the connection and reopen the pane.";
} else {
  Office.onReady((info) => start(info.host ?? null));
}
