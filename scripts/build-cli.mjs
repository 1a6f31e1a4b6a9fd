// Builds the CLI (src/cli → dist-cli/cli/) when a source file is newer than the last build:
// `npm run build:cli` always builds; jest's global setup and the bench call this so they never run a
// stale CLI. The installed command runs only this built JavaScript (bin/action-plan.js).
//
// Each command is bundled with esbuild into one file of its own (dist-cli/cli/inspect-command.js…),
// with the code and packages it uses, and main.js loads only the command asked for: a CLI run is a
// fresh process, and node resolving, reading and compiling a hundred modules one by one is a good
// part of a short run (`--help` loads main.js alone). Packages a command imports but never calls
// (ExcelJS and JSZip, which only the ExcelJS writer uses) are left out of its file. Where esbuild is
// not installed, tsc compiles the same layout module by module (slower to start, the same behaviour).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "dist-cli");
const built = path.join(outDir, "cli", "main.js");
const cliSources = path.join(root, "src", "cli");
const requireFromRoot = createRequire(path.join(root, "package.json"));

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
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
  );
  return inputs > statSync(built).mtimeMs;
}

/** esbuild, when it is installed (it comes with tsx); null when it is not. */
function esbuildOrNull() {
  try {
    return requireFromRoot("esbuild");
  } catch {
    return null;
  }
}

/**
 * The CLI's entry points: main.ts, each command main.ts loads on demand, and cli-io.ts, which they
 * share (main tells a command's CliError and CliHelp by their class, so there is one copy of it).
 */
function entryPoints() {
  return readdirSync(cliSources)
    .filter((f) => f === "main.ts" || f === "cli-io.ts" || f.endsWith("-command.ts"))
    .map((f) => path.join(cliSources, f));
}

/** Packages the CLI's code imports only for the ExcelJS writer, which no command calls. */
const UNCALLED_PACKAGES = /^(exceljs|jszip)$/;

async function bundleWithEsbuild(esbuild) {
  const shared = new Set(entryPoints().map((f) => `./${path.basename(f, ".ts")}`));
  await esbuild.build({
    entryPoints: entryPoints(),
    outdir: path.join(outDir, "cli"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "warning",
    // import("./inspect-command.js") as require: node's import() of a CommonJS file first scans all
    // of it for its exports (cjs-module-lexer), a large part of a run for a bundled command.
    supported: { "dynamic-import": false },
    plugins: [
      {
        name: "one-file-per-command",
        setup(build) {
          // main.ts's import("./inspect-command") stays a require of the command's own file, and
          // every file's import of "./cli-io" a require of the one cli-io.js.
          build.onResolve({ filter: /^\.\/[a-z-]+$/ }, (args) =>
            path.resolve(args.resolveDir) === cliSources && shared.has(args.path)
              ? { path: `${args.path}.js`, external: true }
              : undefined,
          );
          // fflate's build without worker_threads: the CLI inflates with node's zlib, and fflate's
          // synchronous inflate (the fallback) needs no worker, which its node build loads at once.
          build.onResolve({ filter: /^fflate$/ }, () => ({
            path: path.join(
              path.dirname(requireFromRoot.resolve("fflate/package.json")),
              "esm",
              "browser.js",
            ),
          }));
          // Dropped from a bundle when nothing in it is used (they declare no sideEffects of their own).
          build.onResolve({ filter: UNCALLED_PACKAGES }, (args) => ({
            path: createRequire(path.join(args.resolveDir, "x.js")).resolve(args.path),
            sideEffects: false,
          }));
        },
      },
    ],
  });
}

function compileWithTsc() {
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.cli.json")], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("The CLI did not compile (tsc -p tsconfig.cli.json).");
}

export async function buildCli({ force = false } = {}) {
  if (!force && !cliIsStale()) return;
  rmSync(outDir, { recursive: true, force: true });
  const esbuild = esbuildOrNull();
  if (esbuild) await bundleWithEsbuild(esbuild);
  else {
    process.stderr.write("build-cli: esbuild is not installed; compiling module by module with tsc.\n");
    compileWithTsc();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  await buildCli({ force: !process.argv.includes("--if-stale") });
