/**
 * wRVUs of copied rows, as every sheet that copies a log or report sums them: each row's own
 * wrvu, else its units × its code's work RVU in the sheet's CMS block (the block row of its code
 * whose dates hold the row's date, at its Priced at value) — one SUMIFS and one SUMPRODUCT over
 * the whole columns, never a formula per row.
 */
export interface WrvuColumns {
  wrvu: string;
  units: string;
  code: string;
  date: string;
}

/** The CMS block's columns a formula reads: each row's code, the dates it prices, and its price. */
export interface CmsRanges {
  codes: string;
  from: string;
  to: string;
  priced: string;
}

/** SUMIFS/COUNTIFS criteria pairing the copied rows with the block's rows: the same code, dated within the block row's dates. */
export function cmsCriteria(rows: Pick<WrvuColumns, "code" | "date">, cms: CmsRanges): string {
  return `,${rows.code},${cms.codes},${rows.date},">="&${cms.from},${rows.date},"<="&${cms.to}`;
}

/** `criteria`: more SUMIFS range/criterion pairs, each pair starting with a comma ("" for none). */
export function wrvuSum(rows: WrvuColumns, cms: CmsRanges, criteria = ""): string {
  return `SUMIFS(${rows.wrvu}${criteria})+SUMPRODUCT(SUMIFS(${rows.units},${rows.wrvu},""${criteria}${cmsCriteria(rows, cms)})*${cms.priced})`;
}
