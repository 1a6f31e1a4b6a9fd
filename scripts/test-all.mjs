// `npm test`: every check the project has, in one run, closing with "N passed, N failed".
// Static checks count as one test each; jest and the browser suite report their own counts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const npx = process.platform === "win32" ? "npx.cmd" : "npx";
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  return r.status === 0;
}

function check(label, cmd, args) {
  if (run(label, cmd, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

function counted(label, cmd, args, reportFile, read) {
  rmSync(reportFile, { force: true });
  const ok = run(label, cmd, args);
  if (!existsSync(reportFile)) {
    failed += 1;
    failures.push(`${label} (no report)`);
    return;
  }
  const { p, f } = read(JSON.parse(readFileSync(reportFile, "utf8")));
  passed += p;
  failed += f;
  if (f > 0 || !ok) failures.push(label);
  if (!ok && f === 0) failed += 1; // the runner failed without failing a test (e.g. a suite did not compile)
}

mkdirSync(".tmp", { recursive: true });
check("typecheck", npx, ["tsc", "--noEmit"]);
check("lint", npx, ["eslint", "src", "test"]);
check("format", npx, ["prettier", "--check", "."]);
check("layers", npx, ["depcruise", "src", "--config", ".dependency-cruiser.cjs"]);
// The add-in as it ships: webpack fails the build when the task pane's first JavaScript is over its
// gzipped budget (webpack.config.js), which the browser suite's playground build does not check.
check("production build", npx, ["webpack", "--mode", "production", "--env", "outputPath=.tmp/build"]);
counted(
  "unit and integration tests",
  npx,
  ["jest", "--json", "--outputFile=.tmp/jest.json"],
  ".tmp/jest.json",
  (j) => ({
    p: j.numPassedTests,
    f: j.numFailedTests + j.numRuntimeErrorTestSuites,
  }),
);
if (existsSync("scripts/e2e.mjs")) {
  counted("browser tests", "node", ["scripts/e2e.mjs"], ".tmp/e2e.json", (j) => ({
    p: j.passed,
    f: j.failed,
  }));
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(", ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
