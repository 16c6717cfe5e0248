/**
 * The CMS Medicare Physician Fee Schedule as ClinPay carries it (src/core/data/fee-schedule.json,
 * generated from ../shared/reference by scripts/make-fee-schedule.js). Pure: the data is handed
 * in by each edge — the CLI imports the file, the add-in fetches it on first use — so the
 * 280 kB table never rides in functions.js.
 */

export interface FeeScheduleData {
  source: string;
  columns: string;
  /** Per year: the conversion factor and its rows as "code,modifier,status,work,peNf,peF,mp" lines. */
  years: Record<string, { cf: number; rows: string }>;
  gpciYear: number;
  gpci: string;
}

export interface FeeRow {
  /** "99214", or "71046-26" for a modifier row. */
  key: string;
  year: number;
  status: string;
  work: number;
  peNonFacility: number;
  peFacility: number;
  mp: number;
}

export interface Gpci {
  locality: string;
  name: string;
  work: number;
  pe: number;
  mp: number;
}

export class FeeSchedule {
  readonly source: string;
  /** Every year, ascending. */
  readonly years: number[];
  private readonly byKey = new Map<string, FeeRow[]>();
  private readonly cf = new Map<number, number>();
  private readonly gpcis = new Map<string, Gpci>();
  readonly gpciYear: number;

  constructor(data: FeeScheduleData) {
    this.source = data.source;
    this.years = Object.keys(data.years).map(Number).sort((a, b) => a - b);
    for (const year of this.years) {
      const y = data.years[String(year)];
      this.cf.set(year, y.cf);
      for (const line of y.rows.split("\n")) {
        if (line === "") continue;
        const [code, mod, status, work, peNf, peF, mp] = line.split(",");
        const key = mod ? `${code}-${mod}` : code;
        const row: FeeRow = { key, year, status, work: +work, peNonFacility: +peNf, peFacility: +peF, mp: +mp };
        const rows = this.byKey.get(key);
        if (rows) rows.push(row);
        else this.byKey.set(key, [row]);
      }
    }
    this.gpciYear = data.gpciYear;
    for (const line of data.gpci.split("\n")) {
      if (line === "") continue;
      const [locality, name, work, pe, mp] = line.split(",");
      this.gpcis.set(locality, { locality, name, work: +work, pe: +pe, mp: +mp });
    }
  }

  /** A key's rows, oldest year first; undefined when CMS lists no such code. */
  rows(key: string): readonly FeeRow[] | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The latest year's row of a key, or undefined. */
  latest(key: string): FeeRow | undefined {
    const rows = this.byKey.get(key);
    return rows ? rows[rows.length - 1] : undefined;
  }

  conversionFactor(year: number): number | undefined {
    return this.cf.get(year);
  }

  gpci(locality: string): Gpci | undefined {
    return this.gpcis.get(locality);
  }

  get size(): number {
    return this.byKey.size;
  }
}
