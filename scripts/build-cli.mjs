// Compiles the CLI (tsconfig.cli.json → dist-cli/) when a source file is newer than the last build:
// `npm run build:cli` always builds; jest's global setup and the bench call this so they never run a
// stale CLI. The installed command runs only this compiled JavaScript (bin/action-plan.js).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const built = path.join(root, "dist-cli", "cli", "main.js");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

export function cliIsStale() {
  if (!existsSync(built)) return true;
  const inputs = Math.max(
    newestSource(path.join(root, "src")),
    statSync(path.join(root, "tsconfig.cli.json")).mtimeMs,
  );
  return inputs > statSync(built).mtimeMs;
}

export function buildCli({ force = false } = {}) {
  if (!force && !cliIsStale()) return;
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.cli.json")], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("The CLI did not compile (tsc -p tsconfig.cli.json).");
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  buildCli({ force: !process.argv.includes("--if-stale") });
