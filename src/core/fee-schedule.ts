/**
 * The CMS Medicare Physician Fee Schedule as ClinPay carries it (src/core/data/fee-schedule.json,
 * generated from ../shared/reference by scripts/make-fee-schedule.js). Pure: the data is handed
 * in by each edge — the CLI imports the file, the add-in fetches it on first use — so the
 * 400 kB table never rides in functions.js.
 */

export interface FeeScheduleData {
  source: string;
  /** The years the table holds, ascending, and each one's conversion factor ($ per RVU). */
  years: number[];
  cf: number[];
  columns: string;
  /**
   * One line per code/modifier key: "99213;A,130,135,57,10;A,130,146,33,9" — the key, then per
   * year of `years` its status, work, PE non-facility, PE facility and MP RVUs in hundredths, or
   * nothing where that year lacks the key.
   */
  rows: string;
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
  /**
   * A key's line until it is first looked up, then its rows: parsing 19,000 rows up front would
   * cost the CLI a tenth of a second at every start for the handful of codes a log names.
   */
  private readonly byKey = new Map<string, string | FeeRow[]>();
  private readonly cf = new Map<number, number>();
  private readonly gpcis = new Map<string, Gpci>();
  readonly gpciYear: number;

  constructor(data: FeeScheduleData) {
    if (!Array.isArray(data.years) || !Array.isArray(data.cf) || typeof data.rows !== "string") {
      throw new Error("fee-schedule.json is not in the format this ClinPay reads");
    }
    this.source = data.source;
    this.years = data.years;
    data.years.forEach((year, i) => this.cf.set(year, data.cf[i]));
    for (const line of data.rows.split("\n")) {
      if (line !== "") this.byKey.set(line.slice(0, line.indexOf(";")), line);
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
    const held = this.byKey.get(key);
    if (typeof held !== "string") return held;
    const rows = this.parse(key, held);
    this.byKey.set(key, rows);
    return rows;
  }

  private parse(key: string, line: string): FeeRow[] {
    const rows: FeeRow[] = [];
    line.split(";").forEach((cells, i) => {
      if (i === 0 || cells === "") return;
      const [status, work, peNf, peF, mp] = cells.split(",");
      // n / 100 is the double nearest the published two-decimal value, as parsing "1.3" gives.
      rows.push({ key, year: this.years[i - 1], status, work: +work / 100, peNonFacility: +peNf / 100, peFacility: +peF / 100, mp: +mp / 100 });
    });
    return rows;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The latest year's row of a key, or undefined. */
  latest(key: string): FeeRow | undefined {
    const rows = this.rows(key);
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
