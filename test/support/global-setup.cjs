// jest's global setup: the CLI's process tests run the compiled CLI, so build it first if stale; and
// every temporary folder a test makes (os.tmpdir(), in jest's workers and in the processes they start)
// goes under one folder of this run, which global-teardown.cjs removes, so a run leaves nothing behind.
const { mkdtempSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");

module.exports = async function globalSetup() {
  const root = mkdtempSync(path.join(os.tmpdir(), "action-plan-tests-"));
  process.env.ACTION_PLAN_TEST_TMP = root;
  for (const name of ["TMPDIR", "TMP", "TEMP"]) process.env[name] = root;
  const { buildCli } = await import("../../scripts/build-cli.mjs");
  await buildCli();
};
