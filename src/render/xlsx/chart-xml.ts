/**
 * DrawingML for the charts ExcelJS cannot write: one chart part per chart and one drawing part
 * per sheet anchoring them. Element order follows the ECMA-376 schemas (CT_ChartSpace,
 * CT_BarChart, CT_LineChart, CT_BarSer, CT_LineSer, CT_CatAx, CT_ValAx); Excel rejects a file
 * whose parts are out of order. Caches hold the plan's values so a viewer that never
 * recalculates still draws the right bars.
 */
import { escapeXml } from "./xml";

export interface ChartModel {
  type: "column" | "bar" | "line";
  title: string;
  categories: { ref: string; kind: "str" | "num"; points: (string | number | null)[]; formatCode: string };
  series: { nameRef: string; name: string; valuesRef: string; points: (number | null)[]; formatCode: string }[];
  yAxisTitle?: string;
  /** Number format of the value axis; undefined: follow the source cells. */
  valueFormat?: string;
}

export interface AnchorModel {
  /** 0-based cell corners; `to` is exclusive (the cell the chart's bottom-right corner sits on). */
  from: { row: number; col: number };
  to: { row: number; col: number };
  /** Relationship id from the drawing part to the chart part. */
  chartRelId: string;
  title: string;
}

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

/** Office theme accents, written explicitly so Excel and LibreOffice colour series alike. */
const PALETTE = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E"];

const CAT_AX_ID = 50010;
const VAL_AX_ID = 50020;

const v = (x: string | number) => `<c:v>${escapeXml(String(x))}</c:v>`;

function strCache(points: (string | number | null)[]): string {
  const pts = points
    .map((p, i) => (p === null || p === "" ? "" : `<c:pt idx="${i}">${v(String(p))}</c:pt>`))
    .join("");
  return `<c:strCache><c:ptCount val="${points.length}"/>${pts}</c:strCache>`;
}

function numCache(points: (string | number | null)[], formatCode: string): string {
  const pts = points
    .map((p, i) => (typeof p === "number" && Number.isFinite(p) ? `<c:pt idx="${i}">${v(p)}</c:pt>` : ""))
    .join("");
  return `<c:numCache><c:formatCode>${escapeXml(formatCode)}</c:formatCode><c:ptCount val="${points.length}"/>${pts}</c:numCache>`;
}

const strRef = (ref: string, points: (string | number | null)[]) =>
  `<c:strRef><c:f>${escapeXml(ref)}</c:f>${strCache(points)}</c:strRef>`;
const numRef = (ref: string, points: (string | number | null)[], formatCode: string) =>
  `<c:numRef><c:f>${escapeXml(ref)}</c:f>${numCache(points, formatCode)}</c:numRef>`;

function richText(text: string, opts: { size: number; bold: boolean; rotate?: boolean }): string {
  const rpr = `sz="${opts.size * 100}" b="${opts.bold ? 1 : 0}"`;
  const body = opts.rotate ? `<a:bodyPr rot="-5400000" vert="horz"/>` : `<a:bodyPr/>`;
  return (
    `<c:tx><c:rich>${body}<a:lstStyle/><a:p><a:pPr><a:defRPr ${rpr}/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" ${rpr}/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

const title = (text: string, opts: { size: number; bold: boolean; rotate?: boolean }) =>
  `<c:title>${richText(text, opts)}<c:overlay val="0"/></c:title>`;

function series(m: ChartModel, s: ChartModel["series"][number], i: number): string {
  const colour = PALETTE[i % PALETTE.length];
  const head =
    `<c:idx val="${i}"/><c:order val="${i}"/><c:tx>${strRef(s.nameRef, [s.name])}</c:tx>`;
  const cat =
    `<c:cat>${
      m.categories.kind === "num"
        ? numRef(m.categories.ref, m.categories.points, m.categories.formatCode)
        : strRef(m.categories.ref, m.categories.points)
    }</c:cat>`;
  const val = `<c:val>${numRef(s.valuesRef, s.points, s.formatCode)}</c:val>`;
  if (m.type === "line") {
    const line = `<a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:round/></a:ln>`;
    const marker =
      `<c:marker><c:symbol val="circle"/><c:size val="5"/>` +
      `<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr></c:marker>`;
    return `<c:ser>${head}<c:spPr>${line}</c:spPr>${marker}${cat}${val}<c:smooth val="0"/></c:ser>`;
  }
  return (
    `<c:ser>${head}<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr>` +
    `<c:invertIfNegative val="0"/>${cat}${val}</c:ser>`
  );
}

function axes(m: ChartModel): string {
  const horizontalBars = m.type === "bar";
  const catPos = horizontalBars ? "l" : "b";
  const valPos = horizontalBars ? "b" : "l";
  const catFmt = m.categories.kind === "num" ? m.categories.formatCode : "General";
  const valFmt = m.valueFormat ?? m.series[0]?.formatCode ?? "General";
  const valTitle = m.yAxisTitle ? title(m.yAxisTitle, { size: 10, bold: false, rotate: !horizontalBars }) : "";
  const common = `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`;
  return (
    `<c:catAx><c:axId val="${CAT_AX_ID}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${catPos}"/>` +
    `<c:numFmt formatCode="${escapeXml(catFmt)}" sourceLinked="1"/>${common}` +
    `<c:crossAx val="${VAL_AX_ID}"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VAL_AX_ID}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${valPos}"/><c:majorGridlines/>${valTitle}` +
    `<c:numFmt formatCode="${escapeXml(valFmt)}" sourceLinked="${m.valueFormat ? 0 : 1}"/>${common}` +
    `<c:crossAx val="${CAT_AX_ID}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`
  );
}

export function chartXml(m: ChartModel): string {
  const sers = m.series.map((s, i) => series(m, s, i)).join("");
  const axIds = `<c:axId val="${CAT_AX_ID}"/><c:axId val="${VAL_AX_ID}"/>`;
  const plot =
    m.type === "line"
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${sers}<c:marker val="1"/>${axIds}</c:lineChart>`
      : `<c:barChart><c:barDir val="${m.type === "bar" ? "bar" : "col"}"/><c:grouping val="clustered"/>` +
        `<c:varyColors val="0"/>${sers}<c:gapWidth val="150"/>${axIds}</c:barChart>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:date1904 val="0"/><c:lang val="en-US"/><c:roundedCorners val="0"/>` +
    `<c:chart>${title(m.title, { size: 14, bold: true })}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}${axes(m)}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `</c:chartSpace>`
  );
}

const marker = (tag: "from" | "to", p: { row: number; col: number }) =>
  `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff>` +
  `<xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;

/** One drawing part holding every chart of a sheet, each moving and sizing with its cells. */
export function drawingXml(anchors: AnchorModel[]): string {
  const frames = anchors
    .map(
      (a, i) =>
        `<xdr:twoCellAnchor>${marker("from", a.from)}${marker("to", a.to)}` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>` +
        `<xdr:cNvPr id="${i + 2}" name="Chart ${i + 1}" descr="${escapeXml(a.title)}"/><xdr:cNvGraphicFramePr/>` +
        `</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${a.chartRelId}"/>` +
        `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${frames}</xdr:wsDr>`
  );
}
