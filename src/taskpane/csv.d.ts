// The sample CSVs are bundled as parsed tables (scripts/csv-table-loader.js, webpack's rule for samples/*.csv).
declare module "*.csv" {
  const table: { headers: string[]; rows: string[][] };
  export default table;
}
