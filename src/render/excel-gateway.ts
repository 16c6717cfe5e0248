/**
 * The WorkbookGateway over Office.js, for use inside `Excel.run(async (context) => ...)`.
 *
 * Every write is one queued Office operation on a proxy fetched by name (`getItem(name)`), never a
 * proxy kept across syncs: Office resolves a batch in order, so a sheet renamed earlier in the
 * same batch is found under its new name, and nothing needs `context.trackedObjects`.
 *
 * Only string literals for Office enums ("Columns", "ColumnClustered" ...): the `Excel` global
 * exists in the add-in but not under Jest, and the literals are what the enums hold anyway.
 */
import { LOOKS, roleRegions, type Look } from "./style-table";
import { a1, colName } from "../sheets/a1";
import { SHEET_MARK_NAME, sheetMarkFormula, type Align, type BlockStyle, type PrintPlan, type Scalar, type SheetKind } from "../sheets/plan";
import { parseSheetMark } from "../sheets/registry";
import {
  MARK_KEY,
  type ChartSpec,
  type FormulaInput,
  type RangeValues,
  type SheetInfo,
  type TableInfo,
  type WorkbookGateway,
} from "./gateway";

export interface ExcelGatewayOptions {
  /** Which API sets the host supports. Default: Office.context.requirements.isSetSupported. */
  isSetSupported?: (set: string, version: string) => boolean;
  /** Cells per read request. Excel on the web caps a response at 5 MB; 100,000 cells of typical
   *  log data is ~2 MB. */
  maxCellsPerRead?: number;
}

const CHART_TYPE: Record<ChartSpec["type"], string> = {
  column: "ColumnClustered",
  bar: "BarClustered",
  line: "Line",
};

/** One look on a range: fonts, fill, a rule under it or a box round each cell, wrap, lock. */
function applyLook(r: Excel.Range, look: Look, rows: number, cols: number): void {
  const f = r.format;
  if (look.bold) f.font.bold = true;
  if (look.italic) f.font.italic = true;
  if (look.size) f.font.size = look.size;
  if (look.color) f.font.color = `#${look.color}`;
  if (look.fill) f.fill.color = `#${look.fill}`;
  type Edge = "EdgeTop" | "EdgeLeft" | "EdgeBottom" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";
  // A box round each cell: the outer edges, and the inside ones where the range has them.
  const box: Edge[] = ["EdgeTop", "EdgeLeft", "EdgeBottom", "EdgeRight", ...(rows > 1 ? (["InsideHorizontal"] as const) : []), ...(cols > 1 ? (["InsideVertical"] as const) : [])];
  const edges: Edge[] = look.box ? box : look.rule ? ["EdgeBottom"] : [];
  for (const e of edges) {
    const edge = f.borders.getItem(e);
    edge.style = "Continuous";
    edge.color = `#${look.box ?? look.rule}`;
  }
  if (look.wrap) f.wrapText = true;
  if (look.wrap || look.top) f.verticalAlignment = "Top";
  if (look.indent) applyAlign(f, "indent");
  if (look.unlocked) f.protection.locked = false;
}

function applyAlign(f: Excel.RangeFormat, align: Align): void {
  f.horizontalAlignment = align === "center" ? "Center" : align === "right" ? "Right" : "Left";
  if (align === "indent") f.indentLevel = 1;
}

/** "B3:D9" for a 0-based rectangle ("B3" when it is one cell). */
export function rangeAddress(row: number, col: number, rows: number, cols: number): string {
  const first = a1(row, col);
  return rows === 1 && cols === 1 ? first : `${first}:${a1(row + rows - 1, col + cols - 1)}`;
}

/** Office reports addresses as "Sheet1!A1:B2" or "'My sheet'!A1:B2"; callers want "A1:B2". */
const stripSheet = (address: string): string => address.replace(/^.*!/, "");

/** Excel's column width unit is the width of a digit of the default font (7 px for Calibri 11)
 *  plus 5 px of padding; Office.js takes points (0.75 pt per px at 96 dpi). */
export const charsToPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

/** The kind a sheet-scoped ClinPay.kind name holds. Where NamedItem.formula is missing (before
 *  ExcelApi 1.7) the name's type and computed value stand in for it: a String-typed name whose
 *  value is a kind is the mark, while a name pointing at a cell that happens to hold the same
 *  text is not. */
function nameMark(item: Excel.NamedItem | null, withFormula: boolean): string | null {
  if (!item || item.isNullObject) return null;
  const kind = withFormula
    ? typeof item.formula === "string"
      ? parseSheetMark(item.formula)
      : undefined
    : item.type === "String" && typeof item.value === "string"
      ? parseSheetMark(`"${item.value}"`)
      : undefined;
  return kind ?? null;
}

function defaultIsSetSupported(set: string, version: string): boolean {
  try {
    return typeof Office !== "undefined" && !!Office.context?.requirements?.isSetSupported(set, version);
  } catch {
    return false;
  }
}

export class ExcelGateway implements WorkbookGateway {
  private readonly supports: (set: string, version: string) => boolean;
  private readonly maxCellsPerRead: number;

  constructor(
    private readonly context: Excel.RequestContext,
    opts: ExcelGatewayOptions = {}
  ) {
    this.supports = opts.isSetSupported ?? defaultIsSetSupported;
    this.maxCellsPerRead = opts.maxCellsPerRead ?? 100_000;
  }

  private sheet(name: string): Excel.Worksheet {
    return this.context.workbook.worksheets.getItem(name);
  }

  private range(sheet: string, row: number, col: number, rows: number, cols: number): Excel.Range {
    return this.sheet(sheet).getRange(rangeAddress(row, col, rows, cols));
  }

  // ---- round trips ----

  async sync(): Promise<void> {
    await this.context.sync();
  }

  /** Two syncs on Office: the marks can only be asked for once the sheets are known. */
  async listSheets(): Promise<SheetInfo[]> {
    const sheets = this.context.workbook.worksheets;
    sheets.load("items/name,items/position");
    const active = sheets.getActiveWorksheet();
    active.load("name");
    await this.context.sync();

    const withProps = this.supports("ExcelApi", "1.12");
    const withNames = this.supports("ExcelApi", "1.4");
    const withFormula = this.supports("ExcelApi", "1.7");
    const probes = sheets.items.map((ws) => {
      const prop = withProps ? ws.customProperties.getItemOrNullObject(MARK_KEY) : null;
      const name = withNames ? ws.names.getItemOrNullObject(SHEET_MARK_NAME) : null;
      prop?.load("value");
      name?.load(withFormula ? "formula" : "type,value");
      return { ws, prop, name };
    });
    if (withProps || withNames) await this.context.sync();

    return probes
      .map(({ ws, prop, name }) => ({
        name: ws.name,
        // Either mark counts: the property this gateway writes, or the sheet-scoped ClinPay.kind
        // name that the .xlsx writer (the CLI) and pre-1.12 hosts write, so a sheet built by
        // `clinpay` and opened in Excel is rebuilt in place rather than left as a user's sheet.
        mark: (prop && !prop.isNullObject ? String(prop.value) : null) ?? nameMark(name, withFormula),
        position: ws.position,
        active: ws.name === active.name,
      }))
      .sort((x, y) => x.position - y.position);
  }

  async listTables(): Promise<TableInfo[]> {
    const tables = this.context.workbook.tables;
    tables.load("items/name");
    await this.context.sync();
    const probes = tables.items.map((t) => {
      const ws = t.worksheet;
      ws.load("name");
      const r = t.getRange();
      r.load("address");
      return { t, ws, r };
    });
    if (probes.length > 0) await this.context.sync();
    return probes.map(({ t, ws, r }) => ({ name: t.name, sheet: ws.name, address: stripSheet(r.address) }));
  }

  /** DATE(2000,1,1) is 36526 in the 1900 date system and 35064 in the 1904 one; workbook.functions
   *  (ExcelApi 1.2) evaluates it without touching a cell, where use1904DateSystem needs a newer API set. */
  async uses1904Dates(): Promise<boolean> {
    const r = this.context.workbook.functions.date(2000, 1, 1);
    r.load("value");
    await this.context.sync();
    return Number(r.value) === 35064;
  }

  async readSetting(key: string): Promise<string | null> {
    const item = this.context.workbook.settings.getItemOrNullObject(key);
    item.load("value");
    await this.context.sync();
    return item.isNullObject ? null : String(item.value);
  }

  writeSetting(key: string, value: string): void {
    this.context.workbook.settings.add(key, value);
  }

  async readTableValues(table: string): Promise<Scalar[][]> {
    const t = this.context.workbook.tables.getItem(table);
    const ws = t.worksheet;
    ws.load("name");
    const r = t.getRange();
    r.load("rowIndex,columnIndex,rowCount,columnCount");
    await this.context.sync();
    return this.readChunked(ws.name, r.rowIndex, r.columnIndex, r.rowCount, r.columnCount);
  }

  async readSelection(): Promise<RangeValues> {
    const sel = this.context.workbook.getSelectedRange();
    sel.load("address,rowIndex,columnIndex,rowCount,columnCount");
    const ws = sel.worksheet;
    ws.load("name");
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    await this.context.sync();
    // Intersect by numbers rather than with getIntersection: a whole-column selection on an empty
    // sheet then costs nothing, and no extra round trip is needed.
    const top = Math.max(sel.rowIndex, used.isNullObject ? Infinity : used.rowIndex);
    const left = Math.max(sel.columnIndex, used.isNullObject ? Infinity : used.columnIndex);
    const bottom = Math.min(sel.rowIndex + sel.rowCount, used.isNullObject ? -1 : used.rowIndex + used.rowCount);
    const right = Math.min(sel.columnIndex + sel.columnCount, used.isNullObject ? -1 : used.columnIndex + used.columnCount);
    if (bottom <= top || right <= left) return { sheet: ws.name, address: stripSheet(sel.address), values: [] };
    const values = await this.readChunked(ws.name, top, left, bottom - top, right - left);
    return { sheet: ws.name, address: rangeAddress(top, left, bottom - top, right - left), values };
  }

  async readRange(sheet: string, address: string): Promise<Scalar[][]> {
    const r = this.sheet(sheet).getRange(address);
    r.load("rowIndex,columnIndex,rowCount,columnCount");
    await this.context.sync();
    return this.readChunked(sheet, r.rowIndex, r.columnIndex, r.rowCount, r.columnCount);
  }

  /** Reads in row chunks, one sync each, so no response exceeds Excel on the web's 5 MB. */
  private async readChunked(sheet: string, row: number, col: number, rows: number, cols: number): Promise<Scalar[][]> {
    const out: Scalar[][] = [];
    if (rows <= 0 || cols <= 0) return out;
    const step = Math.max(1, Math.floor(this.maxCellsPerRead / cols));
    for (let start = 0; start < rows; start += step) {
      const n = Math.min(step, rows - start);
      const part = this.sheet(sheet).getRangeByIndexes(row + start, col, n, cols);
      part.load("values");
      await this.context.sync();
      for (const r of part.values as Scalar[][]) out.push(r);
    }
    return out;
  }

  // ---- queued ----

  addSheet(name: string): void {
    this.context.workbook.worksheets.add(name);
  }

  deleteSheet(name: string): void {
    this.sheet(name).delete();
  }

  renameSheet(from: string, to: string): void {
    this.sheet(from).name = to;
  }

  setSheetPosition(name: string, position: number): void {
    this.sheet(name).position = position;
  }

  activateSheet(name: string): void {
    this.sheet(name).activate();
  }

  /**
   * The mark is a worksheet custom property (ExcelApi 1.12: Microsoft 365, Excel 2021+, the web,
   * Mac) rather than a sheet-scoped name, because a property is invisible and inert: it does not
   * show in the Name Manager or formula autocomplete, cannot shadow or be shadowed by a user's
   * workbook-level name "ClinPay", and moves with the sheet on rename. Hosts without 1.12 get the
   * same sheet-scoped name the .xlsx writer uses (SHEET_MARK_NAME, ExcelApi 1.4), hidden, holding
   * ="<kind>", so there is one name-based mark whichever tool built the sheet; listSheets reads
   * both marks.
   */
  markSheet(name: string, kind: string): void {
    const ws = this.sheet(name);
    if (this.supports("ExcelApi", "1.12")) {
      ws.customProperties.add(MARK_KEY, kind);
    } else if (this.supports("ExcelApi", "1.4")) {
      const item = ws.names.add(SHEET_MARK_NAME, "=" + sheetMarkFormula(kind as SheetKind));
      item.visible = false;
    }
  }

  /** One operation: `range.formulas` takes constants and "=..." formulas side by side. */
  writeBlock(sheet: string, row: number, col: number, data: FormulaInput[][]): void {
    if (data.length === 0 || data[0].length === 0) return;
    this.range(sheet, row, col, data.length, data[0].length).formulas = data;
  }

  /**
   * A single string, not a rows×cols array: Office applies a scalar to every cell of the range
   * (OfficeDev/office-js-snippet-explorer excel-snippets/setFormulaInRange.js sets "A1:C3".formulas
   * to one string; techcommunity.microsoft.com idea 4211172 confirms it runs, while [[x]] on a
   * larger range is rejected). The typings only declare any[][], hence the cast. For a 100,000-row
   * column this is a few dozen bytes instead of megabytes.
   */
  setNumberFormat(sheet: string, row: number, col: number, rows: number, cols: number, format: string): void {
    if (rows <= 0 || cols <= 0) return;
    (this.range(sheet, row, col, rows, cols) as unknown as { numberFormat: unknown }).numberFormat = format;
  }

  setAlignment(sheet: string, row: number, col: number, rows: number, cols: number, align: Align): void {
    if (rows <= 0 || cols <= 0) return;
    applyAlign(this.range(sheet, row, col, rows, cols).format, align);
  }

  mergeCells(sheet: string, row: number, col: number, rows: number, cols: number): void {
    if (rows * cols > 1) this.range(sheet, row, col, rows, cols).merge(false);
  }

  setRowHeight(sheet: string, row: number, points: number): void {
    this.sheet(sheet).getRange(`${row + 1}:${row + 1}`).format.rowHeight = points;
  }

  /**
   * Page layout is ExcelApi 1.9 (Excel 2021+, Microsoft 365, the web): an older host builds the
   * sheet without it, as it would print by default. One page wide with the height left free is
   * horizontalFitToPages 1 and verticalFitToPages 0, as fitToHeight="0" is in a file.
   */
  setPrintLayout(sheet: string, print: PrintPlan): void {
    if (!this.supports("ExcelApi", "1.9")) return;
    const ws = this.sheet(sheet);
    const a = print.area;
    ws.pageLayout.setPrintArea(rangeAddress(a.row, a.col, a.rows, a.cols));
    ws.pageLayout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
    ws.pageLayout.paperSize = "Letter";
    ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    for (const row of print.rowBreaks) ws.horizontalPageBreaks.add(a1(row, 0));
  }

  setColumnWidth(sheet: string, col: number, widthChars: number): void {
    const letter = colName(col);
    this.sheet(sheet).getRange(`${letter}:${letter}`).format.columnWidth = charsToPoints(widthChars);
  }

  /** The block's roles (the shared style table) as range formats, one rectangle per role. */
  styleRange(sheet: string, row: number, col: number, rows: number, cols: number, style: BlockStyle): void {
    for (const region of roleRegions(style, rows, cols)) {
      applyLook(this.range(sheet, row + region.row, col + region.col, region.rows, region.cols), LOOKS[region.role], region.rows, region.cols);
    }
  }

  freezePanes(sheet: string, rows: number, cols: number): void {
    const panes = this.sheet(sheet).freezePanes;
    if (rows > 0 && cols > 0) panes.freezeAt(rangeAddress(0, 0, rows, cols));
    else if (rows > 0) panes.freezeRows(rows);
    else if (cols > 0) panes.freezeColumns(cols);
    else panes.unfreeze();
  }

  /**
   * charts.add needs a source range; it gets the first series' values (one column, so exactly
   * one series), and the rest are added as series. Names are text because a series name in
   * Office.js is a string, not a reference.
   */
  addChart(sheet: string, spec: ChartSpec): void {
    const [first, ...rest] = spec.series;
    if (!first) return;
    const ws = this.sheet(sheet);
    const chart = ws.charts.add(CHART_TYPE[spec.type] as Excel.ChartType, ws.getRange(first.valuesRef), "Columns");
    chart.title.text = spec.title;
    const s0 = chart.series.getItemAt(0);
    s0.name = first.name;
    s0.setXAxisValues(ws.getRange(spec.categoriesRef));
    for (const s of rest) {
      const added = chart.series.add(s.name);
      added.setValues(ws.getRange(s.valuesRef));
      added.setXAxisValues(ws.getRange(spec.categoriesRef));
    }
    const { row, col, width, height } = spec.at;
    chart.setPosition(a1(row, col), a1(row + Math.max(1, height) - 1, col + Math.max(1, width) - 1));
    chart.legend.position = "Bottom";
    if (spec.yAxisTitle) chart.axes.valueAxis.title.text = spec.yAxisTitle;
    if (spec.valueFormat) chart.axes.valueAxis.numberFormat = spec.valueFormat;
  }

  suspendCalculation(): void {
    this.context.workbook.application.suspendApiCalculationUntilNextSync();
  }

  selectRange(sheet: string, address: string): void {
    const ws = this.sheet(sheet);
    // Activate first: select() on a range of a sheet that is not active fails on some hosts.
    ws.activate();
    ws.getRange(address).select();
  }

  /** The cells first, then the table over them, so the written header row becomes its header. */
  addTable(sheet: string, name: string, row: number, col: number, data: FormulaInput[][]): void {
    if (data.length === 0 || data[0].length === 0) return;
    const address = rangeAddress(row, col, data.length, data[0].length);
    const ws = this.sheet(sheet);
    ws.getRange(address).formulas = data;
    ws.tables.add(address, true).name = name;
  }
}
