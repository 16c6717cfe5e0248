// The sample CSVs are bundled as text (webpack's asset/source rule for samples/*.csv).
declare module "*.csv" {
  const text: string;
  export default text;
}
