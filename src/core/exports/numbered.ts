/**
 * Numbered code and modifier columns ("CPT 1", "CPT 2", "CPT 3"; "Mod1" … "Mod4"), as billing
 * exports and trackers write a visit's several codes. Read as one cell each — "99214, G2211" and
 * "26 59" — which is how a code cell of several codes and a modifier cell are read (SPEC §2), so a
 * second code is never left unread: a G2211 dropped from a statement would otherwise go unseen.
 */
import type { Problem, RawTable, RawValue } from "../inputs/types";
import { cellText, headerKey, isBlank } from "../cells";
import { CODE_SHAPE, splitCodes } from "./codes";

/** Bases a numbered header may have, and how its cells join into one. */
const BASES: { words: readonly string[]; join: string; what: string }[] = [
  { words: ["cpt", "cpt code", "code", "procedure", "procedure code", "proc code", "proc cd", "hcpcs", "hcpcs code", "cpt/hcpcs"], join: ", ", what: "code" },
  { words: ["mod", "modifier", "cpt modifier", "cpt mod"], join: " ", what: "modifier" },
];

const NUMBERED = /^(.*?)[\s#_-]*([1-9])$/;
/** A further code's own units ("CPT 2 Units"): a visit's further codes count once each (SPEC §2). */
const NUMBERED_UNITS = /^(.*?)[\s#_-]*([2-9])[\s_-]*(units?|qty|quantity|units billed)$/;
const SHARE = 0.8;
const isCode = (text: string) => {
  const codes = splitCodes(text);
  return codes.length > 0 && codes.every((c) => CODE_SHAPE.test(c.code));
};

interface Group {
  header: string;
  columns: number[];
  join: string;
  what: string;
}

/** The groups of two or more numbered columns of one base ("CPT 1" and "CPT 2"; or "CPT" and "CPT 2"); a header a map line names is its own. */
function groupsOf(headers: readonly string[], mapped: ReadonlySet<string>): Group[] {
  const found = new Map<string, { base: (typeof BASES)[number]; members: { n: number; i: number }[] }>();
  headers.forEach((h, i) => {
    if (mapped.has(headerKey(h))) return;
    const key = h.trim().toLowerCase().replace(/\s+/g, " ");
    const m = NUMBERED.exec(key);
    const [stem, n] = m ? [m[1].trim(), Number(m[2])] : [key, 1];
    const base = BASES.find((b) => b.words.includes(stem));
    if (!base) return;
    const g = found.get(stem) ?? { base, members: [] };
    g.members.push({ n, i });
    found.set(stem, g);
  });
  return [...found.values()]
    .filter((g) => g.members.length > 1 && new Set(g.members.map((m) => m.n)).size === g.members.length && g.members.some((m) => m.n === 1))
    .map((g) => {
      const members = [...g.members].sort((a, b) => a.n - b.n);
      return { header: headers[members[0].i], columns: members.map((m) => m.i), join: g.base.join, what: g.base.what };
    });
}

/**
 * Why a group cannot be read as one cell: a further column whose values are not codes ("CPT 2"
 * holding quantities), or a further code's own units other than 1. Refused, naming the header and
 * a row, rather than read as a code priced 0 or a code counted once when it was billed twice.
 */
function groupProblems(t: RawTable, headers: readonly string[], g: Group): Problem[] {
  const first = (t.headerRow ?? 1) + 1;
  const out: Problem[] = [];
  if (g.what === "code") {
    for (const i of g.columns.slice(1)) {
      const filled = t.rows.map((r, k) => ({ v: r[i], row: first + k })).filter((x) => x.v !== undefined && !isBlank(x.v));
      const bad = filled.filter((x) => !isCode(cellText(x.v).trim()));
      if (bad.length > filled.length * (1 - SHARE)) {
        out.push({ source: t.source, row: bad[0].row, column: headers[i], value: cellText(bad[0].v), message: `is numbered like a code column beside "${g.header}", but ${bad.length.toLocaleString("en-US")} of its ${filled.length.toLocaleString("en-US")} values are not billing codes: if it holds the units of "${g.header}", say so with a line column,${headers[i]},units in a --map file; if it holds codes, type them as codes (e.g. G2211)` });
      }
    }
  }
  headers.forEach((h, i) => {
    const m = NUMBERED_UNITS.exec(h.trim().toLowerCase().replace(/\s+/g, " "));
    if (!m || g.what !== "code" || !BASES[0].words.includes(m[1].trim())) return;
    const k = t.rows.findIndex((r) => r[i] !== undefined && !isBlank(r[i]) && Number(cellText(r[i])) !== 1);
    if (k >= 0) out.push({ source: t.source, row: first + k, column: h, value: cellText(t.rows[k][i]), message: `gives a further code units of its own, and ClinPay counts each further code of a visit once (the units are the first code's): put that code on a row of its own with its units` });
  });
  return out;
}

/** The table with each group read as its first column, the others' cells joined into it; what was done, for the notes; and why a group could not be read. */
export function mergeNumberedColumns(t: RawTable, mapped: ReadonlySet<string> = new Set()): { table: RawTable; notes: string[]; problems: Problem[] } {
  const headers = t.headers.map((h) => cellText(h));
  const groups = groupsOf(headers, mapped);
  if (groups.length === 0) return { table: t, notes: [], problems: [] };
  const problems = groups.flatMap((g) => groupProblems(t, headers, g));
  if (problems.length > 0) return { table: t, notes: [], problems };
  const drop = new Set(groups.flatMap((g) => g.columns.slice(1)));
  const keep = t.headers.map((_, i) => i).filter((i) => !drop.has(i));
  const several = groups.map(() => 0);
  // Where each group's cell lands in a kept row, found once rather than per row.
  const at = groups.map((g) => keep.indexOf(g.columns[0]));
  const rows = t.rows.map((r) => {
    const out: RawValue[] = keep.map((i) => r[i]);
    groups.forEach((g, k) => {
      const cells = g.columns.map((i) => r[i]).filter((v) => v !== undefined && !isBlank(v)).map((v) => cellText(v).trim());
      if (cells.length > 1) several[k]++;
      out[at[k]] = cells.length === 0 ? r[g.columns[0]] : cells.join(g.join);
    });
    return out;
  });
  const notes = groups.map((g, k) => `${g.columns.map((i) => `"${t.headers[i]}"`).join(", ")} read as one ${g.what} cell, as "${g.header}" (${several[k].toLocaleString("en-US")} ${several[k] === 1 ? "row has" : "rows have"} more than one).`);
  return { table: { ...t, headers: keep.map((i) => t.headers[i]), rows }, notes, problems: [] };
}
