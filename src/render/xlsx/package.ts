/**
 * The package parts ExcelJS cannot write, as xml: the ClinPay mark on each sheet (a sheet-scoped
 * defined name, which ExcelJS can only write for ranges) and the chart parts ExcelJS cannot write
 * at all. Pure string edits on small parts, so the streaming writer (stream.ts) can apply them
 * while the zip is being built instead of reopening a finished file.
 */
import { SHEET_MARK_NAME, sheetMarkFormula, type ChartPlan, type SheetKind } from "../../sheets/plan";
import { chartXml, drawingXml, type ChartModel } from "./chart-xml";
import { escapeXml, startTags } from "./xml";

export const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
export const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
export const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface SheetAdditions {
  name: string;
  kind: SheetKind;
  /** The print area as a defined name holds it: "'Offer Comparison'!$A$1:$N$150". */
  printArea?: string;
  charts: { model: ChartModel; at: ChartPlan["at"] }[];
}

/** Adds `<definedName name="ClinPay.kind" localSheetId="i">"kind"</definedName>` per sheet, and
 *  its print area (`_xlnm.Print_Area`, "'Sheet'!$A$1:$L$90") where it has one. */
export function addSheetMarks(workbookXml: string, marks: { index: number; kind: SheetKind; printArea?: string }[]): string {
  if (marks.length === 0) return workbookXml;
  const names = marks
    .map(
      (m) =>
        `<definedName name="${SHEET_MARK_NAME}" localSheetId="${m.index}">${escapeXml(sheetMarkFormula(m.kind))}</definedName>` +
        (m.printArea ? `<definedName name="_xlnm.Print_Area" localSheetId="${m.index}">${escapeXml(m.printArea)}</definedName>` : "")
    )
    .join("");
  if (workbookXml.includes("</definedNames>")) return workbookXml.replace("</definedNames>", `${names}</definedNames>`);
  // CT_Workbook: definedNames follows sheets, functionGroups and externalReferences.
  const after = ["</externalReferences>", "</functionGroups>", "</sheets>"].find((t) => workbookXml.includes(t));
  if (!after) throw new Error("The workbook part has no sheet list");
  return workbookXml.replace(after, `${after}<definedNames>${names}</definedNames>`);
}

/** Worksheet children that must come after <drawing> (CT_Worksheet sequence). */
const AFTER_DRAWING = new Set([
  "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
  "webPublishItems", "tableParts", "extLst",
]);

/** Inserts `<drawing r:id>` among the worksheet's top-level children where the schema wants it:
 *  after pageMargins/pageSetup/headerFooter/…, before legacyDrawing/tableParts/extLst.
 *  Takes a whole worksheet part, or its end from `</sheetData>` on: all a streaming writer still
 *  holds once the rows are out (its root element, written long before, must declare xmlns:r). */
export function insertDrawing(sheetXml: string, relId: string): string {
  if (/<drawing[\s/>]/.test(sheetXml)) throw new Error("The worksheet already has a drawing");
  let xml = sheetXml;
  const root = /<worksheet\b[^>]*>/.exec(xml);
  if (root && !root[0].includes("xmlns:r=")) {
    xml = xml.replace(root[0], root[0].replace(/^<worksheet\b/, `<worksheet xmlns:r="${NS_R}"`));
  }
  const endData = Math.max(xml.indexOf("</sheetData>"), xml.search(/<sheetData\s*\/>/));
  if (endData < 0 || !xml.includes("</worksheet>")) throw new Error("Not a worksheet part");
  let insertAt = xml.lastIndexOf("</worksheet>");
  const tag = /<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g;
  tag.lastIndex = Math.max(0, endData);
  let depth = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (m.index < endData) continue;
    if (m[2] === "sheetData" || m[2] === "worksheet") continue;
    if (m[1]) depth--;
    else {
      if (depth === 0 && AFTER_DRAWING.has(m[2])) {
        insertAt = m.index;
        break;
      }
      if (!m[3]) depth++;
    }
  }
  return `${xml.slice(0, insertAt)}<drawing r:id="${relId}"/>${xml.slice(insertAt)}`;
}

/** Adds a relationship to a .rels part (creating it when absent); returns the new xml and id. */
export function addRelationship(relsXml: string | undefined, type: string, target: string): { xml: string; id: string } {
  const xml = relsXml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_REL}"></Relationships>`;
  const taken = new Set(startTags(xml, "Relationship").map((r) => r.Id));
  let n = taken.size + 1;
  while (taken.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;
  const out = xml.includes("</Relationships>")
    ? xml.replace("</Relationships>", `${rel}</Relationships>`)
    : xml.replace(/<Relationships([^>]*)\/>/, `<Relationships$1>${rel}</Relationships>`);
  return { xml: out, id };
}

export function addOverrides(contentTypesXml: string, overrides: { part: string; type: string }[]): string {
  const add = overrides.map((o) => `<Override PartName="/${escapeXml(o.part)}" ContentType="${o.type}"/>`).join("");
  return contentTypesXml.replace("</Types>", `${add}</Types>`);
}

const relsPathOf = (part: string): string => {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
};

export interface PartXml {
  /** Zip path, e.g. "xl/charts/chart1.xml". */
  path: string;
  xml: string;
}

/**
 * Everything one sheet's charts add to the package: a drawing part anchoring them (with its rels),
 * one part per chart, and their content types. Parts are numbered from `drawingN` and
 * `firstChartN` so several sheets' charts never share a name. The sheet itself still needs a
 * relationship of type REL_DRAWING to `target` and a `<drawing r:id>` (insertDrawing).
 */
export function drawingParts(
  charts: SheetAdditions["charts"],
  drawingN: number,
  firstChartN: number
): { parts: PartXml[]; overrides: { part: string; type: string }[]; target: string } {
  const parts: PartXml[] = [];
  const overrides: { part: string; type: string }[] = [];
  let drawingRels: string | undefined;
  const anchors = charts.map(({ model, at }, i) => {
    const chartN = firstChartN + i;
    const chartPath = `xl/charts/chart${chartN}.xml`;
    parts.push({ path: chartPath, xml: chartXml(model) });
    overrides.push({ part: chartPath, type: CT_CHART });
    const rel = addRelationship(drawingRels, REL_CHART, `../charts/chart${chartN}.xml`);
    drawingRels = rel.xml;
    return {
      from: { row: at.row, col: at.col },
      to: { row: at.row + at.height, col: at.col + at.width },
      chartRelId: rel.id,
      title: model.title,
    };
  });
  const drawingPath = `xl/drawings/drawing${drawingN}.xml`;
  parts.push({ path: drawingPath, xml: drawingXml(anchors) });
  if (drawingRels) parts.push({ path: relsPathOf(drawingPath), xml: drawingRels });
  overrides.push({ part: drawingPath, type: CT_DRAWING });
  return { parts, overrides, target: `../drawings/drawing${drawingN}.xml` };
}
