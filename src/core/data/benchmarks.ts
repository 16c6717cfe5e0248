/**
 * Benchmarks the built sheets show beside a clinician's own numbers. ILLUSTRATIVE: ranges that
 * seed data and public surveys commonly cite, not figures from one survey; the sheets label
 * them so. Source: the project's reference notes (shared/reference/README.md, "Benchmarks that
 * the seeds and public surveys cite (illustrative, label them so)").
 */

export const BENCHMARK_SOURCE =
  "Illustrative ranges that seed data and public surveys commonly cite (ClinPay reference notes), not one survey's results";

export interface SpecialtyMedian {
  specialty: string;
  /** Annual wRVUs: the cited median range, low and high end. */
  low: number;
  high: number;
}

/** Annual wRVU medians by specialty (illustrative). */
export const SPECIALTY_WRVU_MEDIANS: readonly SpecialtyMedian[] = Object.freeze([
  { specialty: "Internal medicine", low: 4500, high: 5000 },
  { specialty: "Family medicine", low: 4800, high: 5200 },
  { specialty: "General surgery", low: 7000, high: 8000 },
  { specialty: "Cardiology", low: 9000, high: 10000 },
]);

/** wRVUs per clinical hour (illustrative). */
export const WRVU_PER_HOUR: readonly { label: string; value: number }[] = Object.freeze([
  { label: "Marketing claim", value: 7.0 },
  { label: "Top 10%", value: 6.2 },
  { label: "Median", value: 4.3 },
  { label: "Bottom 25%", value: 3.1 },
]);

/** Minutes a day on inbox work (Arndt 2017, as cited in the reference notes). */
export const INBOX_MINUTES_PER_DAY = 85;
