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
// Node's thread pool (libuv, 4 threads by default) deflates the parts a command writes while the main
// thread is still making the rest. With more deflate threads than the machine has spare cores, they
// take the main thread's core from it, and the main thread's work is the run: one thread fewer than
// the cores (at most libuv's 4) leaves it its own. The in-process A/B of summary -o on a machine of
// two cores (one thread against four, 25 runs each) wrote the workbook in 117 ms against 122 (median),
// 106 against 112 (best). Read by libuv when the pool first starts; a value the user set is kept.
if (process.env.UV_THREADPOOL_SIZE === undefined) {
  const os = require("node:os");
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  process.env.UV_THREADPOOL_SIZE = String(Math.min(4, Math.max(1, cores - 1)));
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
