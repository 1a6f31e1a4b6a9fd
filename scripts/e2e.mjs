// `npm run test:e2e`: builds the playground, serves it on 127.0.0.1, and drives Debian's Chromium
// through it with playwright-core (test/e2e/playground.e2e.mjs). Writes .tmp/e2e.json
// {"passed","failed"[,"skipped"]} for scripts/test-all.mjs. No browser: a loud warning outside CI,
// a failure with CI=true.
import { spawnSync } from "node:child_process";
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reportFile = path.join(root, ".tmp", "e2e.json");
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const inCi = process.env.CI === "true" || process.env.CI === "1";
// Every test/e2e/*.e2e.mjs (the playground's suite first), or only the files named on the command line:
// `node scripts/e2e.mjs test/e2e/columns.e2e.mjs`.
const e2eDir = path.join(root, "test", "e2e");
const suitePaths =
  process.argv.length > 2
    ? process.argv.slice(2).map((f) => path.resolve(f))
    : readdirSync(e2eDir)
        .filter((f) => f.endsWith(".e2e.mjs"))
        .sort(
          (a, b) =>
            Number(b === "playground.e2e.mjs") - Number(a === "playground.e2e.mjs") || a.localeCompare(b),
        )
        .map((f) => path.join(e2eDir, f));

mkdirSync(path.dirname(reportFile), { recursive: true });
function report(result) {
  writeFileSync(reportFile, JSON.stringify(result));
}

const tests = [];
for (const suitePath of suitePaths) tests.push(...(await import(pathToFileURL(suitePath).href)).tests);

if (!existsSync(chromiumPath)) {
  const line = "!".repeat(78);
  console.error(`\n${line}\n  BROWSER TESTS NOT RUN: no Chromium at ${chromiumPath}.`);
  console.error("  Install it with: apt-get install -y --no-install-recommends chromium");
  console.error(`  (or set CHROMIUM_PATH). ${tests.length} browser tests skipped.\n${line}\n`);
  if (inCi) {
    report({ passed: 0, failed: 1 });
    process.exit(1);
  }
  report({ passed: 0, failed: 0, skipped: tests.length });
  process.exit(0);
}

// 1. Build the playground into a temporary folder (production, as users get it).
const outDir = mkdtempSync(path.join(os.tmpdir(), "action-plan-e2e-"));
console.log(`Building the playground into ${outDir}…`);
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const build = spawnSync(
  npx,
  ["webpack", "--mode", "production", "--env", "playground", "--env", `outputPath=${outDir}`],
  { cwd: root, stdio: ["ignore", "inherit", "inherit"] },
);
if (build.status !== 0) {
  console.error("The playground did not build: browser tests not run.");
  report({ passed: 0, failed: tests.length });
  process.exit(1);
}

// 2. Serve it on 127.0.0.1 with a tiny static server.
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".png": "image/png",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const file = path.join(outDir, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ""));
  if (!file.startsWith(outDir) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end("Not found");
    return;
  }
  res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

// 3. Chromium with a fresh profile and no background networking (this machine's network is closed).
const { chromium } = await import("playwright-core");
const userDataDir = mkdtempSync(path.join(os.tmpdir(), "action-plan-chromium-"));
const downloadsDir = mkdtempSync(path.join(os.tmpdir(), "action-plan-downloads-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: chromiumPath,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
  viewport: { width: 1280, height: 900 },
  acceptDownloads: true,
  downloadsPath: downloadsDir,
  locale: "en-GB",
  timezoneId: "Europe/London",
});

let passed = 0;
let failed = 0;
const started = Date.now();
const shared = { origin, root, context, page: null, downloadsDir };
try {
  for (const test of tests) {
    const t0 = Date.now();
    try {
      await test.run(shared);
      passed += 1;
      console.log(`  ✓ ${test.name} (${Date.now() - t0} ms)`);
    } catch (error) {
      failed += 1;
      console.log(
        `  ✗ ${test.name}\n      ${String(error?.stack ?? error)
          .split("\n")
          .slice(0, 6)
          .join("\n      ")}`,
      );
      if (shared.page) {
        const shot = path.join(root, "test-results", `${test.name.replace(/[^a-z0-9]+/gi, "-")}.png`);
        mkdirSync(path.dirname(shot), { recursive: true });
        await shared.page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
        console.log(`      screenshot: ${path.relative(root, shot)}`);
      }
    }
  }
} finally {
  await context.close().catch(() => undefined);
  server.close();
  for (const dir of [outDir, userDataDir, downloadsDir]) rmSync(dir, { recursive: true, force: true });
}

console.log(
  `\nBrowser tests: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
report({ passed, failed });
process.exit(failed > 0 ? 1 : 0);
