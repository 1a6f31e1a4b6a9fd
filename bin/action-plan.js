#!/usr/bin/env node
// The installed `action-plan` command: runs the compiled CLI (dist-cli/, built by `npm run build:cli`,
// which `npm install` and `npm ci` run as the prepare script). Nothing is compiled at run time.
"use strict";
const path = require("node:path");
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
