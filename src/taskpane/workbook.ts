/**
 * The one place the pane gets a WorkbookGateway. In Excel every action is one Excel.run batch
 * over an ExcelGateway; a test page sets `window.__clinpayTestGateway` (Playwright's
 * addInitScript, before any page script runs) and the same pane code runs against an in-memory
 * workbook. Nothing else in the pane touches Office.js's Excel API.
 */
import type { WorkbookGateway } from "../render/gateway";
import { ExcelGateway } from "../render/excel-gateway";

declare global {
  interface Window {
    __clinpayTestGateway?: WorkbookGateway;
  }
}

export type WorkbookRunner = <T>(fn: (gw: WorkbookGateway) => Promise<T>) => Promise<T>;

/** How to reach the workbook, or null when there is none (the page opened outside Excel). */
export function workbookRunner(host: Office.HostType | null): WorkbookRunner | null {
  const injected = typeof window !== "undefined" ? window.__clinpayTestGateway : undefined;
  if (injected) return (fn) => fn(injected);
  if (host === Office.HostType.Excel) return (fn) => Excel.run((context) => fn(new ExcelGateway(context)));
  return null;
}
