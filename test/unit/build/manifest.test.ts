/**
 * manifest.xml against what Office needs and what the build ships: strict XML, every resid
 * defined once and of the right kind, every dev URL a file in dist/, one shared runtime, the
 * CLINPAY namespace, icons of the sizes they claim, and the ADDIN_BASE_URL rewrite.
 * Office's own validator needs the network, so this is the offline stand-in for it.
 * Needs `npm run build` (npm test's pretest does it).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { SaxesParser } from "saxes";

const ROOT = path.resolve(__dirname, "../../..");
const DIST = path.join(ROOT, "dist");
const MANIFEST = path.join(ROOT, "manifest.xml");
const DEV = "https://localhost:3000/";
const BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require(path.join(ROOT, "webpack.config.js"));

interface El {
  local: string;
  uri: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** Strict, namespace-aware parse (saxes, already here via exceljs): throws on any well-formedness error. */
function parseXml(xml: string): El {
  const parser = new SaxesParser({ xmlns: true });
  const stack: El[] = [];
  let root: El | undefined;
  parser.on("error", (e) => {
    throw e;
  });
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attrs[a.name] = a.value;
    const el: El = { local: tag.local, uri: tag.uri, attrs, children: [], text: "" };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on("text", (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error("no root element");
  return root;
}

function* walk(el: El): Generator<El> {
  yield el;
  for (const c of el.children) yield* walk(c);
}
const all = (root: El, local: string) => [...walk(root)].filter((e) => e.local === local);
const one = (root: El, local: string) => {
  const found = all(root, local);
  if (found.length !== 1) throw new Error(`expected one <${local}>, found ${found.length}`);
  return found[0];
};

const source = fs.readFileSync(MANIFEST, "utf8");
const manifest = parseXml(source);

/** Resource lists, e.g. { Urls: Map(id → value) }. */
function resources(root: El): Record<string, Map<string, string>> {
  const lists: Record<string, Map<string, string>> = {};
  for (const list of one(root, "Resources").children) {
    const ids = new Map<string, string>();
    for (const item of list.children) {
      const id = item.attrs.id;
      if (ids.has(id)) throw new Error(`resource id ${id} appears twice in bt:${list.local}`);
      ids.set(id, item.attrs.DefaultValue);
    }
    lists[list.local] = ids;
  }
  return lists;
}

// Which resource list a resid on each element must come from.
const RESID_KIND: Record<string, string[]> = {
  Image: ["Images"],
  SourceLocation: ["Urls"],
  Runtime: ["Urls"],
  FunctionFile: ["Urls"],
  LearnMoreUrl: ["Urls"],
  Namespace: ["ShortStrings"],
  Label: ["ShortStrings"],
  Title: ["ShortStrings"],
  Description: ["LongStrings"],
};

/** Every URL the manifest points Office at (attribute values and text, not namespace URIs). */
function urls(root: El): string[] {
  const out: string[] = [];
  for (const el of walk(root)) {
    for (const [name, value] of Object.entries(el.attrs)) {
      if (name === "xmlns" || name.startsWith("xmlns:") || name === "xsi:type") continue;
      out.push(...(value.match(/https?:\/\/[^\s"'<>]+/g) ?? []));
    }
    out.push(...(el.text.match(/https?:\/\/[^\s"'<>]+/g) ?? []));
  }
  return out;
}

function pngSize(file: string): [number, number] {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(1, 4).toString("ascii")).toBe("PNG");
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

describe("manifest.xml", () => {
  test("is strict, well-formed XML", () => {
    expect(() => parseXml(source)).not.toThrow();
    // The checker itself must reject broken XML, or the test above proves nothing.
    expect(() => parseXml(source.replace("</Hosts>", ""))).toThrow();
    expect(() => parseXml(source.replace('xmlns:bt="' + BT + '"', ""))).toThrow();
  });

  test("names ClinPay with a stable GUID id", () => {
    expect(one(manifest, "Id").text.trim()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(one(manifest, "ProviderName").text.trim()).toBe("ClinPay");
    expect(one(manifest, "DisplayName").attrs.DefaultValue).toBe("ClinPay");
    expect(all(manifest, "Host").some((h) => h.attrs.Name === "Workbook")).toBe(true);
  });

  test("resource ids are unique per list and every resid is defined in the right list", () => {
    const lists = resources(manifest);
    expect(Object.keys(lists).sort()).toEqual(["Images", "LongStrings", "ShortStrings", "Urls"]);
    const problems: string[] = [];
    const used = new Set<string>();
    for (const el of walk(manifest)) {
      const resid = el.attrs.resid;
      if (resid === undefined) continue;
      used.add(resid);
      const kinds = RESID_KIND[el.local];
      if (!kinds) problems.push(`<${el.local} resid="${resid}">: unexpected element with a resid`);
      else if (!kinds.some((k) => lists[k]?.has(resid))) problems.push(`<${el.local} resid="${resid}"> is not defined in bt:${kinds.join("/")}`);
    }
    for (const [kind, ids] of Object.entries(lists)) {
      for (const id of ids.keys()) if (!used.has(id)) problems.push(`bt:${kind} ${id} is never used`);
    }
    expect(problems).toEqual([]);
  });

  test("has one long-lived shared runtime hosting the functions, the pane and the commands", () => {
    const sets = all(manifest, "Set").map((s) => `${s.attrs.Name} ${s.attrs.MinVersion}`);
    expect(sets).toContain("SharedRuntime 1.1");
    // Builds freeze panes (ExcelApi 1.7): an older host should not offer a pane that fails there.
    expect(sets).toContain("ExcelApi 1.7");
    const runtime = one(manifest, "Runtime");
    expect(runtime.attrs).toMatchObject({ resid: "Taskpane.Url", lifetime: "long" });
    const cf = all(manifest, "ExtensionPoint").find((e) => e.attrs["xsi:type"] === "CustomFunctions")!;
    expect(cf).toBeDefined();
    const loc = (local: string) => one(one(cf, local), "SourceLocation").attrs.resid;
    expect(loc("Page")).toBe(runtime.attrs.resid);
    expect(one(manifest, "FunctionFile").attrs.resid).toBe(runtime.attrs.resid);
    const urlsById = resources(manifest).Urls;
    expect(urlsById.get(loc("Script"))).toBe(`${DEV}functions.js`);
    expect(urlsById.get(loc("Metadata"))).toBe(`${DEV}functions.json`);
    expect(urlsById.get(runtime.attrs.resid)).toBe(`${DEV}taskpane.html`);
    expect(one(one(manifest, "DefaultSettings"), "SourceLocation").attrs.DefaultValue).toBe(`${DEV}taskpane.html`);
  });

  test("the custom functions namespace is CLINPAY", () => {
    const cf = all(manifest, "ExtensionPoint").find((e) => e.attrs["xsi:type"] === "CustomFunctions")!;
    const resid = one(cf, "Namespace").attrs.resid;
    expect(resources(manifest).ShortStrings.get(resid)).toBe("CLINPAY");
  });

  test("a Home tab button opens the task pane", () => {
    const tab = all(manifest, "OfficeTab").find((t) => t.attrs.id === "TabHome")!;
    expect(tab).toBeDefined();
    const actions = all(tab, "Action").filter((a) => a.attrs["xsi:type"] === "ShowTaskpane");
    expect(actions).toHaveLength(1);
    expect(one(actions[0], "SourceLocation").attrs.resid).toBe("Taskpane.Url");
  });

  test("points only at https://localhost:3000/, and every such file is in dist/", () => {
    const list = urls(manifest);
    expect(list.length).toBeGreaterThan(0);
    expect(list.filter((u) => !u.startsWith(DEV))).toEqual([]);
    const missing = list.map((u) => u.slice(DEV.length).split(/[?#]/)[0]).filter((f) => !fs.existsSync(path.join(DIST, f)));
    expect(missing).toEqual([]);
    expect(all(manifest, "AppDomain")).toEqual([]);
  });

  test("icons are PNGs of the sizes the manifest claims", () => {
    const local = (url: string) => path.join(DIST, url.slice(DEV.length));
    expect(pngSize(local(one(manifest, "IconUrl").attrs.DefaultValue))).toEqual([32, 32]);
    expect(pngSize(local(one(manifest, "HighResolutionIconUrl").attrs.DefaultValue))).toEqual([64, 64]);
    const images = resources(manifest).Images;
    for (const img of all(manifest, "Image").filter((i) => i.attrs.size)) {
      const size = Number(img.attrs.size);
      expect(pngSize(local(images.get(img.attrs.resid)!))).toEqual([size, size]);
    }
  });

  test("dist/manifest.xml is the source manifest (rebased only when ADDIN_BASE_URL was set)", () => {
    const built = fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8");
    expect(built).toBe(webpackConfig.rebaseManifest(source, process.env.ADDIN_BASE_URL));
  });

  test("office-addin-manifest reads it and prints its name and id", () => {
    const bin = path.join(ROOT, "node_modules", ".bin", "office-addin-manifest");
    const res = spawnSync(bin, ["info", "manifest.xml"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 170_000, // inside the test's 180 s: a loaded machine starts node slowly
      // The office-addin-usage-data it resolves (3.x) has no telemetry left and never prompts, so
      // there is nothing to opt out of; a closed stdin still turns any future prompt into EOF
      // rather than a hung test.
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(res.error).toBeUndefined();
    expect({ status: res.status, stderr: res.stderr }).toEqual({ status: 0, stderr: "" });
    expect(res.stdout).toMatch(/Name: ClinPay\b/);
    expect(res.stdout).toContain(`Id: ${one(manifest, "Id").text.trim()}`);
  });
});

describe("ADDIN_BASE_URL", () => {
  const BASE = "https://example.test/clinpay";

  test.each([BASE, `${BASE}/`, `${BASE}//`, ` ${BASE} `])("rebases every URL onto %j", (base) => {
    const rebased: string = webpackConfig.rebaseManifest(source, base);
    expect(rebased).not.toContain("localhost");
    const list = urls(parseXml(rebased));
    expect(list.length).toBe(urls(manifest).length);
    expect(list.filter((u) => !u.startsWith(`${BASE}/`) || u.startsWith(`${BASE}//`))).toEqual([]);
    expect(list).toContain(`${BASE}/functions.json`);
  });

  test("unset or blank keeps the dev manifest; a non-https base fails the build", () => {
    expect(webpackConfig.rebaseManifest(source, undefined)).toBe(source);
    expect(webpackConfig.rebaseManifest(source, "")).toBe(source);
    expect(() => webpackConfig.rebaseManifest(source, "http://example.test/")).toThrow(/https/);
  });

  test("the build's manifest copy step uses it", async () => {
    const saved = process.env.ADDIN_BASE_URL;
    process.env.ADDIN_BASE_URL = BASE;
    try {
      const config = await webpackConfig({ WEBPACK_BUILD: true }, { mode: "production" });
      const copy = config.plugins.find((p: { constructor: { name: string } }) => p.constructor.name === "CopyPlugin");
      const pattern = copy.patterns.find((p: { from: string }) => p.from === "manifest*.xml");
      const out = String(await pattern.transform(Buffer.from(source), MANIFEST));
      expect(out).not.toContain("localhost");
      expect(out).toContain(`<SourceLocation DefaultValue="${BASE}/taskpane.html" />`);
    } finally {
      if (saved === undefined) delete process.env.ADDIN_BASE_URL;
      else process.env.ADDIN_BASE_URL = saved;
    }
  });
});
