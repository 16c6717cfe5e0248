/**
 * wRVUs of copied rows, as every sheet that copies a log or report sums them: each row's own
 * wrvu, else its units × its code's work RVU in the sheet's CMS block — one SUMIFS and one
 * SUMPRODUCT over the whole columns, never a formula per row.
 */
export interface WrvuColumns {
  wrvu: string;
  units: string;
  code: string;
}

export interface CmsBlock {
  codes: string;
  wrvus: string;
}

/** `criteria`: more SUMIFS range/criterion pairs, each pair starting with a comma ("" for none). */
export function wrvuSum(rows: WrvuColumns, cms: CmsBlock, criteria = ""): string {
  return `SUMIFS(${rows.wrvu}${criteria})+SUMPRODUCT(SUMIFS(${rows.units},${rows.wrvu},""${criteria},${rows.code},${cms.codes})*${cms.wrvus})`;
}
