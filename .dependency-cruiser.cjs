/** The layer rule: the core is pure; adapters depend on the core, never the other way round. */
module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      comment: "src/core imports no office-js, exceljs, react, fluent or Node built-ins, and no adapter.",
      severity: "error",
      from: { path: "^src/core/" },
      to: {
        pathNot: "^src/core/",
      },
    },
    {
      name: "core-no-node-builtins",
      severity: "error",
      from: { path: "^src/core/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "adapters-do-not-import-ui",
      severity: "error",
      from: { path: "^src/(excel|xlsx|cli)/" },
      to: { path: "^src/(taskpane|playground)/" },
    },
    {
      name: "excel-and-xlsx-are-separate",
      severity: "error",
      from: { path: "^src/excel/" },
      to: { path: "(^src/xlsx/|node_modules/exceljs)" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "node_modules" },
  },
};
