/**
 * Numbered code and modifier columns ("CPT 1", "CPT 2", "CPT 3"; "Mod1" … "Mod4"), as billing
 * exports and trackers write a visit's several codes. Read as one cell each — "99214, G2211" and
 * "26 59" — which is how a code cell of several codes and a modifier cell are read (SPEC §2), so a
 * second code is never left unread: a G2211 dropped from a statement would otherwise go unseen.
 */
import type { RawTable, RawValue } from "../inputs/types";
import { cellText, isBlank } from "../cells";

/** Bases a numbered header may have, and how its cells join into one. */
const BASES: { words: readonly string[]; join: string; what: string }[] = [
  { words: ["cpt", "cpt code", "code", "procedure", "procedure code", "proc code", "proc cd", "hcpcs", "hcpcs code", "cpt/hcpcs"], join: ", ", what: "code" },
  { words: ["mod", "modifier", "cpt modifier", "cpt mod"], join: " ", what: "modifier" },
];

const NUMBERED = /^(.*?)[\s#_-]*([1-9])$/;

interface Group {
  header: string;
  columns: number[];
  join: string;
  what: string;
}

/** The groups of two or more numbered columns of one base ("CPT 1" and "CPT 2"; or "CPT" and "CPT 2"). */
function groupsOf(headers: readonly string[]): Group[] {
  const found = new Map<string, { base: (typeof BASES)[number]; members: { n: number; i: number }[] }>();
  headers.forEach((h, i) => {
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

/** The table with each group read as its first column, the others' cells joined into it; and what was done, for the notes. */
export function mergeNumberedColumns(t: RawTable): { table: RawTable; notes: string[] } {
  const groups = groupsOf(t.headers.map((h) => cellText(h)));
  if (groups.length === 0) return { table: t, notes: [] };
  const drop = new Set(groups.flatMap((g) => g.columns.slice(1)));
  const keep = t.headers.map((_, i) => i).filter((i) => !drop.has(i));
  const several = groups.map(() => 0);
  const rows = t.rows.map((r) => {
    const out: RawValue[] = keep.map((i) => r[i]);
    groups.forEach((g, k) => {
      const cells = g.columns.map((i) => r[i]).filter((v) => v !== undefined && !isBlank(v)).map((v) => cellText(v).trim());
      if (cells.length > 1) several[k]++;
      out[keep.indexOf(g.columns[0])] = cells.length === 0 ? r[g.columns[0]] : cells.join(g.join);
    });
    return out;
  });
  const notes = groups.map((g, k) => `${g.columns.map((i) => `"${t.headers[i]}"`).join(", ")} read as one ${g.what} cell, as "${g.header}" (${several[k].toLocaleString("en-US")} ${several[k] === 1 ? "row has" : "rows have"} more than one).`);
  return { table: { ...t, headers: keep.map((i) => t.headers[i]), rows }, notes };
}
