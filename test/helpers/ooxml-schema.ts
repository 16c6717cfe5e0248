/**
 * Every part of a built .xlsx checked against the ECMA-376 schemas in ../shared/ooxml-xsd with
 * xmllint, as that folder's README says: Excel refuses or "repairs" a part that breaks them,
 * where LibreOffice usually opens it anyway. Before validating, what markup compatibility lets a
 * consumer ignore is dropped: attributes and elements of the namespaces a root's mc:Ignorable
 * lists, mc:AlternateContent (its Fallback kept), and xml:space attributes.
 */
import { execFile } from "child_process";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";

export const XSD_DIR = path.resolve(__dirname, "../../../shared/ooxml-xsd");

/** The schema of each part, by its path in the package; null = not checked (core.xml imports
 *  Dublin Core schemas from the network). */
export function schemaFor(part: string): string | null {
  if (part === "[Content_Types].xml") return "opc-contentTypes.xsd";
  if (part.endsWith(".rels")) return "opc-relationships.xsd";
  if (part === "docProps/core.xml") return null;
  if (part === "docProps/app.xml") return "shared-documentPropertiesExtended.xsd";
  if (part === "docProps/custom.xml") return "shared-documentPropertiesCustom.xsd";
  if (part.startsWith("xl/charts/")) return "dml-chart.xsd";
  if (part.startsWith("xl/drawings/")) return "dml-spreadsheetDrawing.xsd";
  if (part.startsWith("xl/theme/")) return "dml-main.xsd";
  if (part.startsWith("xl/")) return "sml.xsd";
  return null;
}

/** The part with markup-compatibility extensions removed, as a conforming consumer sees it. */
export function stripIgnorable(xml: string): string {
  const ignorable = /\bmc:Ignorable="([^"]*)"/.exec(xml)?.[1].split(/\s+/).filter(Boolean) ?? [];
  let out = xml.replace(/<mc:AlternateContent\b[\s\S]*?<\/mc:AlternateContent>/g, (block) => {
    const fallback = /<mc:Fallback>([\s\S]*?)<\/mc:Fallback>/.exec(block);
    return fallback ? fallback[1] : "";
  });
  for (const p of ignorable) {
    out = out.replace(new RegExp(`<${p}:([\\w.-]+)\\b[^>]*/>`, "g"), "");
    out = out.replace(new RegExp(`<${p}:([\\w.-]+)\\b[^>]*>[\\s\\S]*?</${p}:\\1>`, "g"), "");
    out = out.replace(new RegExp(`\\s${p}:[\\w.-]+="[^"]*"`, "g"), "");
  }
  return out.replace(/\sxml:space="[^"]*"/g, "").replace(/\smc:Ignorable="[^"]*"/g, "");
}

function xmllint(schema: string, file: string): Promise<string> {
  return new Promise((resolve) => {
    execFile("xmllint", ["--noout", "--nonet", "--schema", path.join(XSD_DIR, schema), file], { maxBuffer: 64 * 1024 * 1024 }, (err, _out, stderr) =>
      resolve(err ? stderr.split("\n").filter((l) => l && !/validates$/.test(l)).slice(0, 5).join("\n") : "")
    );
  });
}

/** Every schema violation in the workbook's parts, one entry per failing part. */
export async function schemaProblems(xlsx: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(await fs.readFile(xlsx));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "clinpay-xsd-"));
  const problems: string[] = [];
  try {
    const parts = Object.keys(zip.files).filter((p) => !zip.files[p].dir);
    await Promise.all(
      parts.map(async (part, i) => {
        const schema = schemaFor(part);
        if (!schema) return;
        const file = path.join(dir, `${i}.xml`);
        await fs.writeFile(file, stripIgnorable(await zip.files[part].async("string")));
        const why = await xmllint(schema, file);
        if (why) problems.push(`${path.basename(xlsx)} ${part}: ${why.split(`${file}:`).join("line ")}`);
      })
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  return problems.sort();
}

export const haveSchemas = (): boolean => existsSync(path.join(XSD_DIR, "sml.xsd"));
