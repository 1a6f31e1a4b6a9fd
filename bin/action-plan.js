#!/usr/bin/env node
// The installed `action-plan` command: runs the compiled CLI (dist-cli/, built by `npm run build:cli`,
// which `npm install` and `npm ci` run as the prepare script). Nothing is compiled at run time.
"use strict";
const path = require("node:path");
// A command is one short run (half a second on a 6,000-action plan): V8 by default starts optimising
// a function after a small budget of work, and on a machine of two cores those compiles, done on
// other threads, competed with the command for a run that ended before most optimised code paid back.
// Eight times the default budget (67,584, node --v8-options) leaves the interpreter and baseline code
// to run what is warm and optimises what is really hot: `npm run bench` measured apply-schema -o
// about 15 % and summary -o about 12 % faster (median of 21 and 31 interleaved runs). The budget only
// decides when code is optimised, never what it does; ACTION_PLAN_V8_TIERING=default keeps V8's own.
if (process.env.ACTION_PLAN_V8_TIERING !== "default") {
  require("node:v8").setFlagsFromString("--interrupt-budget=540672");
}
// V8's code cache for dist-cli's files (code-cache.js): a run compiles what an earlier run compiled
// already only once.
require("./code-cache.js").useCodeCache(path.join(__dirname, "..", "dist-cli"));
let cli;
try {
  cli = require("../dist-cli/cli/main.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes("dist-cli")) {
    process.stderr.write("action-plan: the CLI is not built yet: run `npm run build:cli` in its folder.\n");
    process.exit(70);
  }
  throw e;
}
cli.runFromProcess();
