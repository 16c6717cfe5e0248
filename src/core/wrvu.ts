/**
 * Work RVU lookups from the bundled CMS table (src/core/data/cms-wrvu.ts).
 *
 * Default year: the latest year the table has FOR THAT CODE, not the latest year overall. The
 * table adds a year only for codes whose values are confirmed (2026 has 99213 and 99214 so far),
 * so "latest overall" would turn 99202 into #N/A the day a 2026 row for any other code lands.
 */
import { CMS_WRVU, WrvuRow } from "./data/cms-wrvu";
import { finiteResult, requireFinite, requireNonNegative } from "./check";
import { naError, valueError } from "./errors";

export type { WrvuRow };

const byCode = new Map<string, WrvuRow[]>();
for (const row of CMS_WRVU) {
  const rows = byCode.get(row.code) ?? [];
  rows.push(row);
  byCode.set(row.code, rows);
}
for (const rows of byCode.values()) rows.sort((a, b) => a.year - b.year);

const allYears = [...new Set(CMS_WRVU.map((r) => r.year))].sort((a, b) => a - b);

/** A code as typed: 99214, "99214", " g2211 ". Text is trimmed and upper-cased. */
export function normalizeCode(code: string | number): string {
  if (typeof code === "number") {
    requireFinite("code", code, "99214");
    return String(code);
  }
  if (typeof code !== "string") throw valueError('code must be a CPT/HCPCS code, e.g. 99214 or "G2211"');
  const c = code.trim().toUpperCase();
  if (c === "") throw valueError('code is empty: type a CPT/HCPCS code, e.g. 99214 or "G2211"');
  return c;
}

function rowsFor(code: string | number): { key: string; rows: WrvuRow[] } {
  const key = normalizeCode(code);
  const rows = byCode.get(key);
  if (!rows) {
    throw naError(
      `code ${key} is not in ClinPay's CMS work RVU table (office E/M, virtual and portal codes such as 99213, 99214, G2211; years ${allYears.join(", ")})`
    );
  }
  return { key, rows };
}

const yearsOf = (rows: readonly WrvuRow[]) => rows.map((r) => r.year).join(", ");

/** The row for a code in a year; year omitted (null/undefined) = that code's latest year. */
export function wrvuRow(code: string | number, year?: number | null): WrvuRow {
  const { key, rows } = rowsFor(code);
  if (year === undefined || year === null) return rows[rows.length - 1];
  requireFinite("year", year, "2025");
  const row = rows.find((r) => r.year === year);
  if (!row) throw naError(`no ${year} work RVU for ${key} in ClinPay's CMS table: it has ${key} for ${yearsOf(rows)}`);
  return row;
}

/** WRVU: the work RVU of a CPT/HCPCS code. */
export function lookupWrvu(code: string | number, year?: number | null): number {
  return wrvuRow(code, year).workRvu;
}

/** The latest-year row of every code, in table order: the lookup block the sheets carry. */
export function latestWrvuTable(): Array<{ code: string; wrvu: number; year: number; descriptor: string }> {
  return [...byCode.values()].map((rows) => {
    const r = rows[rows.length - 1];
    return { code: r.code, wrvu: r.workRvu, year: r.year, descriptor: r.descriptor };
  });
}

/**
 * DOWNCODE_IMPACT: visits × (WRVU(from) − WRVU(to)), × dollars_per_wrvu when given. Negative
 * when to_code is worth more (an upcode gains). Year omitted: the latest year the table has for
 * BOTH codes, so the two values come from one fee schedule; each code's own latest if they
 * share none.
 */
export function downcodeImpact(
  visits: number,
  fromCode: string | number,
  toCode: string | number,
  dollarsPerWrvu?: number | null,
  year?: number | null
): number {
  requireNonNegative("visits", visits, "a count of visits", "10");
  if (dollarsPerWrvu !== undefined && dollarsPerWrvu !== null) {
    requireNonNegative("dollars_per_wrvu", dollarsPerWrvu, "$ per wRVU", "50");
  }
  let y = year;
  if (y === undefined || y === null) {
    const from = rowsFor(fromCode).rows.map((r) => r.year);
    const to = new Set(rowsFor(toCode).rows.map((r) => r.year));
    const shared = from.filter((yr) => to.has(yr));
    y = shared.length > 0 ? shared[shared.length - 1] : null;
  }
  const lost = visits * (lookupWrvu(fromCode, y) - lookupWrvu(toCode, y));
  const result = dollarsPerWrvu === undefined || dollarsPerWrvu === null ? lost : lost * dollarsPerWrvu;
  return finiteResult(result, "DOWNCODE_IMPACT");
}
