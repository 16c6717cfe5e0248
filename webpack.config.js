/* Builds the Excel add-in into dist/: functions.js + functions.json (custom functions),
 * taskpane.html (the shared runtime page), commands.html, functions.html, assets and manifest. */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_BASE_URL = "https://localhost:3000/";
const FUNCTIONS_SOURCE = "./src/functions/functions.ts";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** ADDIN_BASE_URL as a base every manifest URL can be appended to, or null to keep the dev URLs. */
function normaliseBaseUrl(value) {
  if (value === undefined || value === null || String(value).trim() === "") return null;
  const base = String(value).trim();
  // Office refuses add-in pages that are not served over https; fail the build, not the sideload.
  if (!/^https:\/\/[^/]+/i.test(base)) {
    throw new Error(`ADDIN_BASE_URL must be an https:// URL, got "${base}"`);
  }
  return base.replace(/\/+$/, "") + "/";
}

/** The manifest with every dev URL moved to baseUrl (all of them, not just the first). */
function rebaseManifest(xml, baseUrl) {
  const base = normaliseBaseUrl(baseUrl);
  return base ? String(xml).split(DEV_BASE_URL).join(base) : String(xml);
}

async function devServerHttpsOptions() {
  // Required lazily: it creates and trusts a local CA, which only `webpack serve` should do.
  const devCerts = require("office-addin-dev-certs");
  const { ca, key, cert } = await devCerts.getHttpsServerOptions();
  return { ca, key, cert };
}

module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  const baseUrl = normaliseBaseUrl(process.env.ADDIN_BASE_URL);

  return {
    mode: production ? "production" : "development",
    // eval-based maps would run code through eval() in the functions runtime; plain maps do not.
    devtool: "source-map",
    entry: {
      // Listed first so the taskpane page registers the functions before the pane code runs.
      functions: {
        import: FUNCTIONS_SOURCE,
        // Office can also load functions.js alone in the JS-only custom functions runtime, which
        // has no DOM: no chunk loading (it would use document/self), everything in one file.
        chunkLoading: false,
        asyncChunks: false,
      },
      taskpane: "./src/taskpane/taskpane.ts",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // A fixed relative public path: "auto" would add runtime code reading document.currentScript.
      publicPath: "",
      // The webpack runtime's global lookups must work with no window/self (JS-only runtime).
      globalObject: "globalThis",
      // Lets webpack's `global` shim be plain globalThis instead of a fallback that reads window.
      environment: { globalThis: true },
      clean: true,
    },
    optimization: {
      // Each entry keeps its own runtime: functions.js must stand alone without a runtime chunk.
      runtimeChunk: false,
      // Only the sheets' lazily loaded chunks are split: what two or more of them share (the layout
      // engine, the log copy) is one chunk, sheets-shared.js, fetched with the first of them.
      splitChunks: {
        chunks: "async",
        minSize: 0,
        cacheGroups: { default: false, defaultVendors: false, shared: { name: "sheets-shared", minChunks: 2, chunks: "async", enforce: true } },
      },
    },
    resolve: {
      extensions: [".ts", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // `npm run typecheck` is the type gate; the bundle only needs the JS.
              transpileOnly: true,
              // ES modules let webpack concatenate and minify across files (tsconfig's commonjs
              // is for Jest and the CLI).
              compilerOptions: { module: "es2020" },
            },
          },
        },
        {
          // The pane's "Insert sample data" writes the bundled samples/*.csv; as tables parsed at
          // build time, in a chunk of their own fetched only when the user asks for them.
          test: /\.csv$/,
          include: path.resolve(__dirname, "samples"),
          use: path.resolve(__dirname, "scripts/csv-table-loader.js"),
        },
      ],
    },
    plugins: [
      // Writes functions.json from the JSDoc and appends one CustomFunctions.associate(id, fn)
      // per @customfunction to functions.ts, so functions.ts must not associate them itself.
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: FUNCTIONS_SOURCE,
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // The shared runtime page: the pane and the custom functions run in this one page.
        chunks: ["functions", "taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
      }),
      // Kept because the issue asks for it: a page with the functions and nothing else. It is how
      // to check functions.js registers every function with no pane code around it (as the
      // JS-only runtime would load it), and the page the manifest would point at should the
      // add-in ever drop the shared runtime. The manifest does not reference it today.
      new HtmlWebpackPlugin({
        filename: "functions.html",
        chunks: ["functions"],
        templateContent: [
          "<!doctype html>",
          '<html lang="en"><head><meta charset="UTF-8" /><title>ClinPay functions</title>',
          `<script type="text/javascript" src="${OFFICE_JS}"></script>`,
          "</head><body></body></html>",
        ].join(""),
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // No css-loader in the toolchain: the pane's stylesheet is linked, not bundled.
          { from: "src/taskpane/*.css", to: "[name][ext]" },
          // The CMS fee schedule, fetched on first use by src/functions/fees.ts (never bundled).
          { from: "src/core/data/fee-schedule.json", to: "fee-schedule.json" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform: (content) => rebaseManifest(content.toString(), baseUrl),
          },
        ],
      }),
    ],
    performance: {
      // Sizes are held by scripts/bench/budget.json (checked in CI) rather than webpack's hints.
      hints: false,
    },
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
      server: {
        type: "https",
        options: env.WEBPACK_SERVE ? await devServerHttpsOptions() : undefined,
      },
    },
  };
};

module.exports.DEV_BASE_URL = DEV_BASE_URL;
module.exports.normaliseBaseUrl = normaliseBaseUrl;
module.exports.rebaseManifest = rebaseManifest;
