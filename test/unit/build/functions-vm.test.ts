/**
 * The built custom functions bundle (dist/functions.js + dist/functions.json), run the way the
 * JS-only custom functions runtime would: no DOM, no Office, only a `CustomFunctions` global.
 * Catches what unit tests of the TypeScript cannot: a function missing from (or associated twice
 * in) the bundle, metadata and code disagreeing on ids, and DOM references slipping into the bundle.
 * Needs `npm run build` (npm test's pretest does it).
 */
import { feeFetch } from "../../helpers/fee-fetch";
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { ErrorCode, FakeError } from "../../helpers/custom-functions";

const ROOT = path.resolve(__dirname, "../../..");
const DIST = path.join(ROOT, "dist");

interface ParamMeta {
  name: string;
  optional?: boolean;
  dimensionality?: "scalar" | "matrix";
  type?: string;
}
interface FunctionMeta {
  id: string;
  name: string;
  parameters: ParamMeta[];
  result?: { dimensionality?: "scalar" | "matrix"; type?: string };
  options?: Record<string, boolean>;
}

function readDist(file: string): string {
  const full = path.join(DIST, file);
  if (!fs.existsSync(full)) {
    throw new Error(`${path.relative(ROOT, full)} is missing: run \`npm run build\` (or npx webpack --mode production) first`);
  }
  return fs.readFileSync(full, "utf8");
}


function loadBundle(): { calls: Array<[string, unknown]>; registered: Map<string, Function> } {
  const calls: Array<[string, unknown]> = [];
  const fake = {
    associate(idOrMap: string | Record<string, unknown>, fn?: unknown) {
      if (typeof idOrMap === "string") calls.push([idOrMap, fn]);
      else for (const [id, f] of Object.entries(idOrMap)) calls.push([id, f]);
    },
    Error: FakeError,
    ErrorCode,
  };
  // The bundle fetches dist/fee-schedule.json beside it on first use, and nothing else.
  const context = vm.createContext({ CustomFunctions: fake, fetch: feeFetch(path.join(DIST, "fee-schedule.json")), Response });
  new vm.Script(readDist("functions.js"), { filename: "dist/functions.js" }).runInContext(context);
  const registered = new Map<string, Function>();
  for (const [id, fn] of calls) if (typeof fn === "function") registered.set(id, fn);
  return { calls, registered };
}

let metadata: { functions: FunctionMeta[] };
let metaById: Map<string, FunctionMeta>;
let bundle: ReturnType<typeof loadBundle>;
beforeAll(() => {
  metadata = JSON.parse(readDist("functions.json"));
  metaById = new Map(metadata.functions.map((f) => [f.id, f]));
  bundle = loadBundle();
});

// Sample calls from SPEC §1, in the SPEC's argument order. Arguments left off arrive as null (as
// Excel sends omitted optionals); a plain number for a matrix parameter or result is wrapped as
// [[n]], as Excel does. 2025-01-01 is 45658; 45730 is 2025-03-14, day 73 of a 365-day year.
type Value = number | string | number[][] | null;
interface Sample {
  args: Value[];
  expected: number | number[][];
}
const SAMPLES: Record<string, Sample[]> = {
  EFFECTIVE_HOURLY: [
    // 4 × 8 × 0.85 × 75 = 2040 over 9.5 h
    { args: [4, 75, 8, 1.5, 0.15], expected: 214.7368421 },
    // 4 × 8 × (1 − 0.15 × 0.5) × 75 + 100 = 2320 over 9.5 h
    { args: [4, 75, 8, 1.5, 0.15, 0.5, 100], expected: 244.2105263 },
    { args: [4, 75, 8], expected: 300 },
  ],
  NOSHOW_ADJUST: [
    { args: [100, 0.15], expected: 85 },
    { args: [[[100, 200], [50, 0]], 0.2, 0.5], expected: [[90, 180], [45, 0]] },
  ],
  TIER_PAYOUT: [
    { args: [170, [[0, 120, 160]], [[0, 30, 45]]], expected: 1650 },
    { args: [170, [[0], [120], [160]], [[0], [30], [45]], "marginal"], expected: 1650 },
    { args: [170, [[0, 120, 160]], [[0, 30, 45]], "cliff"], expected: 7650 },
    { args: [170, [[0, 120, 160]], [[0, 30, 45]], "FLAT"], expected: 45 },
    { args: [100, [[0, 120, 160]], [[0, 30, 45]]], expected: 0 },
  ],
  NEXT_TIER_GAP: [{ args: [130, [[0, 120, 160]]], expected: 30 }],
  BREAKEVEN_VOLUME: [
    { args: [2040 / 9.5, 75, 8, 1.5, 0.15], expected: 4 },
    // fixed pay alone (1000 / 8 h = 125/h) already beats 100/h
    { args: [100, 75, 8, 0, 0, 0, 1000], expected: 0 },
  ],
  ANNUALIZE: [
    { args: [1000, 45730], expected: 5000 },
    { args: [1000, 45730, 45658], expected: 5000 },
  ],
  PACE_NEEDED: [
    // 4000 still to go over 292 days left = 4000 / (292 / 7) per week
    { args: [5000, 1000, 45730], expected: 28000 / 292 },
    { args: [5000, 1000, 45730, 45658, 1], expected: 4000 / 292 },
    { args: [5000, 6000, 45730], expected: 0 },
  ],
  REBASE: [{ args: [5000, 50], expected: 250000 }],
  EFFECTIVE_CF: [{ args: [300000, 5000], expected: 60 }],
  RATE_CHANGE_PVALUE: [{ args: [28, 100, 19, 100], expected: 0.13337150016755767 }],
  BENCHMARK_PERCENTILE: [
    { args: [5200, 4300, 5200, 6300, 7600], expected: 50 },
    { args: [5750, 4300, 5200, 6300, 7600], expected: 62.5 },
  ],
  WRVU: [
    { args: [99214], expected: 1.92 },
    { args: ["99213"], expected: 1.3 },
    { args: ["G2211"], expected: 0.33 },
    { args: [99214, 2025], expected: 1.92 },
    // The fetched dist/fee-schedule.json holds 2026 in full: 20610 0.79 (2025) -> 0.77 (2026).
    { args: [20610], expected: 0.77 },
    { args: [20610, 2025], expected: 0.79 },
  ],
  DOWNCODE_IMPACT: [
    { args: [10, 99214, 99213], expected: 6.2 },
    { args: [10, 99214, 99213, 50], expected: 310 },
  ],
  PATIENT_NOSHOW_RATE: [
    { args: [15, 100, 5], expected: 10 / 95 },
    { args: [15, 100], expected: 0.15 },
  ],
  // Reference checks: 2025 99214 non-facility 3.87 RVU × 32.3465 = $125.18; 2026 99213 $95.19.
  MEDICARE_PAYMENT: [
    { args: [99214, "office", 2025], expected: 125.18 },
    { args: [99213], expected: 95.19 },
    { args: [99214, "office", 2026], expected: 135.61 },
    { args: ["71046-26", "facility", 2025], expected: Math.round(0.31 * 32.3465 * 100) / 100 },
  ],
};

function toMatrix(v: Value): Value {
  return typeof v === "number" || typeof v === "string" ? [[v as number]] : v;
}

function buildArgs(meta: FunctionMeta, sample: Sample): unknown[] {
  if (sample.args.length > meta.parameters.length) {
    throw new Error(`${meta.id}: sample has ${sample.args.length} args, functions.json declares ${meta.parameters.length}`);
  }
  const args: unknown[] = meta.parameters.map((p, i) => {
    const v = i < sample.args.length ? sample.args[i] : null;
    return p.dimensionality === "matrix" && v !== null ? toMatrix(v) : v;
  });
  const o = meta.options ?? {};
  // Streaming, cancelable and address-aware functions get the invocation object last.
  if (o.stream || o.cancelable || o.requiresAddress || o.requiresParameterAddresses) {
    args.push({ address: "Sheet1!A1", parameterAddresses: [], setResult: () => undefined });
  }
  return args;
}

function expectClose(actual: unknown, expected: number, label: string): void {
  if (typeof actual !== "number" || !Number.isFinite(actual)) {
    throw new Error(`${label}: expected a finite number ≈ ${expected}, got ${show(actual)}`);
  }
  expect(actual).toBeCloseTo(expected, 4);
}

function show(v: unknown): string {
  if (v instanceof FakeError) return `CustomFunctions.Error ${v.code} "${v.message}"`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

test("dist/functions.json declares functions in the CLINPAY set", () => {
  expect(metadata.functions.length).toBeGreaterThan(0);
  const ids = metadata.functions.map((f) => f.id);
  expect(new Set(ids).size).toBe(ids.length);
});

test("every function in functions.json is associated exactly once, and nothing else is", () => {
  const counts = new Map<string, number>();
  for (const [id] of bundle.calls) counts.set(id, (counts.get(id) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);
  expect(twice).toEqual([]); // functions.ts must not call associate: the metadata plugin does
  const notFunctions = bundle.calls.filter(([, fn]) => typeof fn !== "function").map(([id]) => id);
  expect(notFunctions).toEqual([]);
  expect([...bundle.registered.keys()].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
});

test("every function in functions.json has sample calls here", () => {
  // A new function needs a sample below; a removed one should lose its samples.
  expect(Object.keys(SAMPLES).sort()).toEqual(metadata.functions.map((f) => f.id).sort());
});

describe("each function answers its SPEC sample calls", () => {
  const cases = Object.entries(SAMPLES).flatMap(([id, samples]) =>
    samples.map((s, i) => [`${id} #${i + 1} (${s.args.map((a) => show(a)).join(", ")})`, id, s] as const),
  );
  test.each(cases)("%s", async (_label, id, sample) => {
    const meta = metaById.get(id);
    const fn = bundle.registered.get(id);
    if (!meta || !fn) throw new Error(`${id} is not in dist/functions.json or not associated in dist/functions.js`);
    let result: unknown;
    try {
      result = await fn(...buildArgs(meta, sample));
    } catch (e) {
      throw new Error(`${id} threw ${show(e)}${e instanceof FakeError ? "" : `\n${(e as Error)?.stack ?? ""}`}`);
    }
    if (result instanceof FakeError) throw new Error(`${id} returned ${show(result)}`);
    const matrixResult = meta.result?.dimensionality === "matrix";
    const expected = matrixResult && typeof sample.expected === "number" ? [[sample.expected]] : sample.expected;
    if (typeof expected === "number") {
      expectClose(result, expected, id);
      return;
    }
    if (!Array.isArray(result) || !result.every((row) => Array.isArray(row))) {
      throw new Error(`${id}: expected a ${expected.length}×${expected[0].length} number[][], got ${show(result)}`);
    }
    const rows = result as unknown[][];
    expect(rows.map((r) => r.length)).toEqual(expected.map((r) => r.length));
    rows.forEach((row, r) => row.forEach((v, c) => expectClose(v, expected[r][c], `${id}[${r}][${c}]`)));
  });
});

test("dist/functions.js has no DOM globals, so it runs in the JS-only functions runtime", () => {
  const code = readDist("functions.js");
  const hits = [...code.matchAll(/\b(window|document|self)\b/g)].map(
    (m) => `${m[1]} at ${m.index}: …${code.slice(Math.max(0, m.index! - 40), m.index! + 40)}…`,
  );
  expect(hits).toEqual([]);
});
