/**
 * The README's function table (between <!-- functions:start --> and <!-- functions:end -->) must
 * match what Excel will show: the functions and parameters in the built dist/functions.json.
 * Rows look like: | `CLINPAY.NAME` | `a`, `b`, `[c=0]` | ... — parameters in backticks, in order,
 * optional ones in square brackets (with or without a default).
 * Needs `npm run build` (npm test's pretest does it).
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../../..");

interface DocParam {
  name: string;
  optional: boolean;
}

function readmeTable(): Map<string, DocParam[]> {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const m = readme.match(/<!--\s*functions:start\s*-->([\s\S]*?)<!--\s*functions:end\s*-->/);
  if (!m) throw new Error("README.md has no <!-- functions:start --> … <!-- functions:end --> block");
  const rows = new Map<string, DocParam[]>();
  for (const line of m[1].split("\n")) {
    if (!line.trim().startsWith("|")) continue;
    const cells = line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
    const fn = cells[0]?.match(/^`CLINPAY\.([A-Z0-9_.]+)`/i);
    if (!fn) continue; // header and separator rows
    const name = fn[1].toUpperCase();
    if (rows.has(name)) throw new Error(`README lists CLINPAY.${name} twice`);
    const params = [...(cells[1] ?? "").matchAll(/`([^`]+)`/g)].map(([, token]) => {
      const opt = token.match(/^\[\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:=[^\]]*)?\]$/);
      if (opt) return { name: opt[1], optional: true };
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(token)) throw new Error(`CLINPAY.${name}: \`${token}\` is not a parameter name`);
      return { name: token, optional: false };
    });
    rows.set(name, params);
  }
  return rows;
}

function builtFunctions(): Map<string, DocParam[]> {
  const file = path.join(ROOT, "dist", "functions.json");
  if (!fs.existsSync(file)) throw new Error("dist/functions.json is missing: run `npm run build` first");
  const meta: { functions: Array<{ name: string; parameters: Array<{ name: string; optional?: boolean }> }> } = JSON.parse(
    fs.readFileSync(file, "utf8"),
  );
  return new Map(
    meta.functions.map((f) => [f.name.toUpperCase(), f.parameters.map((p) => ({ name: p.name, optional: !!p.optional }))]),
  );
}

const show = (params: DocParam[]) => params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");

test("the README function table lists exactly the built functions, with their parameters in order", () => {
  const doc = readmeTable();
  const built = builtFunctions();
  if (doc.size === 0) {
    throw new Error(
      "README.md's <!-- functions:start --> block has no `CLINPAY.NAME` rows yet; " +
        `it should list: ${[...built.keys()].map((n) => `CLINPAY.${n}`).join(", ")}`,
    );
  }
  expect([...doc.keys()].sort()).toEqual([...built.keys()].sort());
  const mismatches = [...built]
    .filter(([name]) => doc.has(name))
    .filter(([name, params]) => show(doc.get(name)!) !== show(params))
    .map(([name, params]) => `CLINPAY.${name}: README has (${show(doc.get(name)!)}), functions.json has (${show(params)})`);
  expect(mismatches).toEqual([]);
});
