/* eslint-disable */
// Builds the task pane, the ribbon commands and the playground.
//   npm run build                      production build of everything into dist/ (no certificates needed)
//   webpack serve --mode development   the add-in over https://localhost:3000 (office-addin-dev-certs)
//   npm run playground                 the playground alone over http://localhost:3001 (no certificates)
// Production builds write manifest.xml with https://localhost:3000/ replaced by $ADDIN_URL.
const path = require("node:path");
const zlib = require("node:zlib");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const ADDIN_PORT = 3000;
const PLAYGROUND_PORT = 3001;
/** Issue 6's budget for the task pane's initial JavaScript. */
const TASKPANE_BUDGET_BYTES = 250 * 1024;

/** The manifest with every dev URL replaced by ADDIN_URL (scripts/manifest-url.cjs, tested in test/manifest.test.ts). */
function manifestForProduction(xml) {
  return require("./scripts/manifest-url.cjs").substituteManifestUrl(xml, process.env.ADDIN_URL);
}

/** Reports the gzipped size of an entry's initial JavaScript and fails the build over the budget. */
class InitialSizeBudgetPlugin {
  constructor(entry, budget) {
    this.entry = entry;
    this.budget = budget;
  }
  apply(compiler) {
    const { Compilation } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("InitialSizeBudgetPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "InitialSizeBudgetPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const entrypoint = compilation.entrypoints.get(this.entry);
          if (!entrypoint) return;
          let gzipped = 0;
          const files = entrypoint.getFiles().filter((f) => f.endsWith(".js"));
          for (const file of files) {
            const asset = compilation.getAsset(file);
            if (asset) gzipped += zlib.gzipSync(asset.source.buffer(), { level: 9 }).length;
          }
          const kb = (gzipped / 1024).toFixed(1);
          const line = `${this.entry}: initial JavaScript ${kb} KB gzipped (budget ${this.budget / 1024} KB) in ${files.join(", ")}`;
          console.log(`\n${line}`);
          if (gzipped > this.budget) compilation.errors.push(new Error(`Over budget: ${line}`));
        },
      );
    });
  }
}

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  const playgroundOnly = Boolean(env.playground);
  const serving = Boolean(process.env.WEBPACK_SERVE);

  const allEntries = {
    // --env harness builds the in-Excel test pane (test/in-excel) in the task pane's place.
    taskpane: env.harness ? "./test/in-excel/in-excel-pane.ts" : "./src/taskpane/index.tsx",
    commands: "./src/commands/commands.ts",
    playground: "./src/playground/index.tsx",
  };
  const entry = playgroundOnly ? { playground: allEntries.playground } : allEntries;

  const pages = [
    { name: "taskpane", template: "./src/taskpane/taskpane.html" },
    { name: "commands", template: "./src/commands/commands.html" },
    { name: "playground", template: "./src/playground/playground.html" },
  ].filter((p) => p.name in entry);

  const copies = playgroundOnly
    ? []
    : [
        { from: "assets", to: "assets" },
        {
          from: "manifest.xml",
          to: "manifest.xml",
          transform: (content) => (production ? manifestForProduction(content.toString()) : content),
        },
      ];

  let devServer;
  if (serving) {
    if (playgroundOnly) {
      devServer = {
        host: "localhost",
        port: PLAYGROUND_PORT,
        server: "http",
        hot: false,
        open: false,
        static: false,
        historyApiFallback: { index: "/playground.html" },
        client: { overlay: { warnings: false, errors: true } },
      };
    } else {
      // Only the add-in needs https (Office refuses http task panes); only here are certificates read.
      devServer = {
        host: "localhost",
        port: ADDIN_PORT,
        hot: false,
        headers: { "Access-Control-Allow-Origin": "*" },
        static: false,
        client: { overlay: { warnings: false, errors: true } },
        // The certificate options are filled in below (getHttpsServerOptions is async).
        server: { type: "https", options: {} },
      };
    }
  }

  const config = {
    entry,
    output: {
      path: path.resolve(__dirname, env.outputPath || "dist"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
    },
    // No eval-based source maps: the pages' Content-Security-Policy forbids eval.
    devtool: production ? false : "source-map",
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // ExcelJS's browser build (its package.json "browser") needs none of Node's modules.
      fallback: { fs: false, path: false, os: false, stream: false, crypto: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // ES modules out of ts-loader so webpack can drop the parts of Fluent UI the pane does not use.
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { module: "es2020", sourceMap: !production } },
          },
        },
      ],
    },
    // Shared code goes to its own chunks so the task pane never loads what only the playground uses.
    optimization: { splitChunks: { chunks: "all" } },
    performance: { hints: false },
    plugins: [
      ...pages.map(
        (p) =>
          new HtmlWebpackPlugin({
            filename: `${p.name}.html`,
            template: p.template,
            chunks: [p.name],
            scriptLoading: "defer",
          }),
      ),
      ...(copies.length > 0 ? [new CopyWebpackPlugin({ patterns: copies })] : []),
      ...(entry.taskpane && production
        ? [new InitialSizeBudgetPlugin("taskpane", TASKPANE_BUDGET_BYTES)]
        : []),
    ],
    devServer,
  };

  if (devServer && devServer.server.type === "https") {
    const devCerts = require("office-addin-dev-certs");
    return devCerts.getHttpsServerOptions().then((options) => {
      config.devServer.server.options = options;
      return config;
    });
  }
  return config;
};
