/**
 * Post-processing of the package ExcelJS wrote: the ClinPay mark on each sheet (a sheet-scoped
 * defined name, which ExcelJS can only write for ranges) and the chart parts ExcelJS cannot
 * write at all. Works on the zip so it can equally follow ExcelJS's streaming writer later.
 */
import JSZip from "jszip";
import { SHEET_MARK_NAME, sheetMarkFormula, type ChartPlan, type SheetKind } from "../../sheets/plan";
import { chartXml, drawingXml, type ChartModel } from "./chart-xml";
import { escapeXml, startTags } from "./xml";

export const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
export const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface SheetAdditions {
  name: string;
  kind: SheetKind;
  charts: { model: ChartModel; at: ChartPlan["at"] }[];
}

export interface SheetPart {
  name: string;
  /** Position in the workbook's sheet list: a defined name's localSheetId. */
  index: number;
  /** Zip path of the worksheet part, e.g. "xl/worksheets/sheet1.xml". */
  path: string;
}

async function text(zip: JSZip, path: string): Promise<string> {
  const f = zip.file(path);
  if (!f) throw new Error(`The workbook has no ${path}`);
  return f.async("string");
}

/** Resolve a relationship target against the folder of the part that owns it. */
function resolveTarget(ownerDir: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ownerDir.split("/").filter(Boolean);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

export async function sheetParts(zip: JSZip): Promise<SheetPart[]> {
  const wb = await text(zip, "xl/workbook.xml");
  const rels = startTags(await text(zip, "xl/_rels/workbook.xml.rels"), "Relationship");
  return startTags(wb, "sheet").map((s, index) => {
    const rel = rels.find((r) => r.Id === s["r:id"]);
    if (!rel) throw new Error(`Sheet "${s.name}" has no part in the workbook`);
    return { name: s.name, index, path: resolveTarget("xl", rel.Target) };
  });
}

/** Adds `<definedName name="ClinPay.kind" localSheetId="i">"kind"</definedName>` per sheet. */
export function addSheetMarks(workbookXml: string, marks: { index: number; kind: SheetKind }[]): string {
  if (marks.length === 0) return workbookXml;
  const names = marks
    .map((m) => `<definedName name="${SHEET_MARK_NAME}" localSheetId="${m.index}">${escapeXml(sheetMarkFormula(m.kind))}</definedName>`)
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
 *  after pageMargins/pageSetup/headerFooter/…, before legacyDrawing/tableParts/extLst. */
export function insertDrawing(sheetXml: string, relId: string): string {
  if (/<drawing[\s/>]/.test(sheetXml)) throw new Error("The worksheet already has a drawing");
  let xml = sheetXml;
  const root = /<worksheet\b[^>]*>/.exec(xml);
  if (!root) throw new Error("Not a worksheet part");
  if (!root[0].includes("xmlns:r=")) {
    xml = xml.replace(root[0], root[0].replace(/^<worksheet\b/, `<worksheet xmlns:r="${NS_R}"`));
  }
  const endData = Math.max(xml.indexOf("</sheetData>"), xml.search(/<sheetData\s*\/>/));
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

function nextFree(zip: JSZip, prefix: string, from: number): number {
  let n = from;
  while (zip.file(`${prefix}${n}.xml`)) n++;
  return n;
}

/** Marks every sheet and adds its charts. */
export async function finishPackage(xlsx: Buffer, sheets: SheetAdditions[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const parts = await sheetParts(zip);
  const partOf = (name: string): SheetPart => {
    const p = parts.find((x) => x.name === name);
    if (!p) throw new Error(`The workbook has no sheet "${name}"`);
    return p;
  };

  zip.file(
    "xl/workbook.xml",
    addSheetMarks(await text(zip, "xl/workbook.xml"), sheets.map((s) => ({ index: partOf(s.name).index, kind: s.kind })))
  );

  const overrides: { part: string; type: string }[] = [];
  let drawingN = 1;
  let chartN = 1;
  for (const sheet of sheets) {
    if (sheet.charts.length === 0) continue;
    const part = partOf(sheet.name);
    drawingN = nextFree(zip, "xl/drawings/drawing", drawingN);
    const drawingPath = `xl/drawings/drawing${drawingN}.xml`;
    let drawingRels: string | undefined;
    const anchors = sheet.charts.map(({ model, at }) => {
      chartN = nextFree(zip, "xl/charts/chart", chartN);
      const chartPath = `xl/charts/chart${chartN}.xml`;
      zip.file(chartPath, chartXml(model));
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
    zip.file(drawingPath, drawingXml(anchors));
    zip.file(relsPathOf(drawingPath), drawingRels!);
    overrides.push({ part: drawingPath, type: CT_DRAWING });

    const sheetRelsPath = relsPathOf(part.path);
    const existing = zip.file(sheetRelsPath);
    const sheetRel = addRelationship(
      existing ? await existing.async("string") : undefined,
      REL_DRAWING,
      `../drawings/drawing${drawingN}.xml`
    );
    zip.file(sheetRelsPath, sheetRel.xml);
    zip.file(part.path, insertDrawing(await text(zip, part.path), sheetRel.id));
  }
  if (overrides.length) zip.file("[Content_Types].xml", addOverrides(await text(zip, "[Content_Types].xml"), overrides));

  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
