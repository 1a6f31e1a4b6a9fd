#!/usr/bin/env node
// The installed `action-plan` command: runs the TypeScript CLI through tsx's require hook.
"use strict";
require("tsx/cjs");
require("../src/cli/main.ts").runFromProcess();
