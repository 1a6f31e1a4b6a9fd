/**
 * The layer rules. The core is pure; the operations run it over the WorkbookHost port; the adapters
 * (src/excel, src/xlsx) implement the port; the entry points (task pane, ribbon, CLI, playground) call
 * the operations and the core, and only their own setup wires an adapter in.
 */

/**
 * The files that wire a host in, the one place each entry point may import an adapter: the task pane's
 * index (createExcelHost, the API check), the ribbon's function file (createExcelHost), the CLI's
 * workbook files (the host over a file's bytes), and the playground's index, host observer and sample
 * workbook (the file shell in the browser). Everything else in an entry point sees only the port.
 */
const HOST_WIRING = [
  "^src/taskpane/index\\.tsx$",
  "^src/commands/commands\\.ts$",
  "^src/cli/workbook-files\\.ts$",
  "^src/playground/(index\\.tsx|playground-host\\.ts|sample-plan\\.ts)$",
];

const ENTRY_POINTS = "^src/(taskpane|commands|cli|playground)/";

module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      comment:
        "src/core imports nothing outside itself: no office-js, react, fluent, Node built-ins, adapter or library. Its colour maths (fill colours classified as a person sees them) is its own, colour-difference.ts; culori is a devDependency, the tests' oracle for it.",
      severity: "error",
      from: { path: "^src/core/" },
      to: {
        pathNot: ["^src/core/"],
      },
    },
    {
      name: "core-no-node-builtins",
      severity: "error",
      from: { path: "^src/core/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "core-basics-stand-alone",
      comment:
        "src/core/basics holds what every part of the core shares (the snapshot, the plan model, write ops, problems, addresses, dates, the port): it imports nothing from reading, checking or planning.",
      severity: "error",
      from: { path: "^src/core/basics/" },
      to: { path: "^src/core/(reading|checking|planning)/" },
    },
    {
      name: "core-reading-plans-nothing",
      comment:
        "src/core/reading turns a snapshot into the plan model: it imports the basics and itself, never a check or an operation's plan.",
      severity: "error",
      from: { path: "^src/core/reading/" },
      to: { path: "^src/core/(checking|planning)/" },
    },
    {
      name: "operations-use-core-and-port-only",
      comment:
        "src/operations imports the core (the WorkbookHost port is core/basics/workbook-host.ts) and nothing else.",
      severity: "error",
      from: { path: "^src/operations/" },
      to: { pathNot: "^src/(core|operations)/" },
    },
    {
      name: "entry-points-use-operations-and-core",
      comment:
        "The task pane, ribbon and CLI import the operations, the core and their own modules; only their host wiring (HOST_WIRING) imports an adapter.",
      severity: "error",
      from: { path: "^src/(taskpane|commands|cli)/", pathNot: HOST_WIRING },
      to: { path: "^src/", pathNot: ["^src/$1/", "^src/(core|operations)/"] },
    },
    {
      name: "playground-uses-operations-core-and-the-pane",
      comment:
        "The playground shows the task pane's UI beside a workbook: it may import the pane's modules (never its entry, index.tsx) besides the operations, the core and its own; only its host wiring imports the file shell.",
      severity: "error",
      from: { path: "^src/playground/", pathNot: HOST_WIRING },
      to: {
        path: "^src/",
        pathNot: ["^src/(playground|core|operations)/", "^src/taskpane/(?!index\\.tsx$)"],
      },
    },
    {
      name: "excel-wiring-imports-excel-only",
      comment:
        "The task pane's and the ribbon's wiring bring in the Excel host, and no other adapter or entry point; the pane also makes and reads partner returns, which are .xlsx files, through the file shell's returns port (loaded only when used).",
      severity: "error",
      from: { path: "^src/(taskpane|commands)/(index\\.tsx|commands\\.ts)$" },
      to: {
        path: "^src/",
        pathNot: ["^src/$1/", "^src/(core|operations|excel)/", "^src/xlsx/lazy-return-files\\.ts$"],
      },
    },
    {
      name: "file-wiring-imports-the-file-shell-only",
      comment:
        "The CLI's and the playground's wiring bring in the file shell (and, for the playground, the pane's modules), no other adapter or entry point.",
      severity: "error",
      from: {
        path: "^src/(cli|playground)/(workbook-files\\.ts|index\\.tsx|playground-host\\.ts|sample-plan\\.ts)$",
      },
      to: {
        path: "^src/",
        pathNot: ["^src/$1/", "^src/(core|operations|xlsx)/", "^src/taskpane/(?!index\\.tsx$)"],
      },
    },
    {
      name: "no-entry-point-imports-another",
      comment:
        "The task pane, ribbon, CLI and playground are separate programs (the playground's use of the pane's UI is allowed above; the CLI's wiring has no business there either).",
      severity: "error",
      from: { path: "^src/(taskpane|commands|cli)/" },
      to: { path: "^src/(taskpane|commands|cli|playground)/", pathNot: "^src/$1/" },
    },
    {
      name: "playground-never-imports-another-entry",
      severity: "error",
      from: { path: "^src/playground/" },
      to: { path: ["^src/taskpane/index\\.tsx$", "^src/(commands|cli)/"] },
    },
    {
      name: "ui-never-imports-an-adapter-library",
      comment: "Outside the host wiring, entry points never import the workbook libraries the adapters use.",
      severity: "error",
      from: { path: ENTRY_POINTS, pathNot: HOST_WIRING },
      to: { path: "node_modules/(exceljs|jszip|fflate|saxes)/" },
    },
    {
      name: "no-exceljs-or-jszip-in-the-product",
      comment:
        "The product reads and writes .xlsx through the package model (src/xlsx, on fflate and saxes); ExcelJS and JSZip are devDependencies, kept only as the tests' independent oracle (test/support/exceljs) and the bench's yardstick (issue 14); culori likewise is only the oracle for the core's colour maths.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "node_modules/(exceljs|jszip|culori)/" },
    },
    {
      name: "nothing-in-the-product-imports-tests-or-the-bench",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(test|bench)/" },
    },
    {
      name: "adapters-do-not-import-entry-points-or-operations",
      severity: "error",
      from: { path: "^src/(excel|xlsx)/" },
      to: { path: "^src/(taskpane|playground|commands|cli|operations)/" },
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
    // node_modules stays in the graph (not followed), so the rules about libraries (exceljs, react) bite.
  },
};
