/**
 * The code cache of the installed command (bin/code-cache.js): runs that reuse what an earlier run
 * compiled give the same results, a cache never runs code other than the file's own, and a folder that
 * is not safely the user's is never used.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";

const REPO = path.resolve(__dirname, "../..");
const BIN = path.join(REPO, "bin", "action-plan.js");
const CODE_CACHE = path.join(REPO, "bin", "code-cache.js");
const FIXTURE = path.resolve(REPO, "../shared/fixtures/psa-progress-report-2010.xlsx");

/** A fresh temporary folder standing for the user's, and the cache folder the command makes in it. */
function userTemp(): { tmp: string; cache: string } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "code-cache-"));
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  return { tmp, cache: path.join(tmp, `action-plan-code-cache-${uid}`) };
}

function run(file: string, args: readonly string[], tmp: string, extra: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp };
  delete env.ACTION_PLAN_CODE_CACHE;
  Object.assign(env, extra);
  const r = spawnSync(process.execPath, [file, ...args], { encoding: "utf8", env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const cacheFiles = (folder: string): string[] => readdirSync(folder).sort();

describe("the command's code cache", () => {
  it("keeps what a run compiled in a folder of the user's own, and later runs print the same", () => {
    const { tmp, cache } = userTemp();
    const first = run(BIN, ["inspect", FIXTURE, "--json"], tmp);
    expect(first.code).toBe(0);
    const files = cacheFiles(cache);
    // main.js, cli-io.js and the inspect command, each from a run that ended well.
    expect(files).toHaveLength(3);
    // Each named for its file and its content: a length and CRC-32 (a SHA-256 on a Node without zlib.crc32).
    const tag = "(?:[0-9a-f]+g[0-9a-f]{8}|[0-9a-f]{32})";
    const named = new RegExp(`^${tag}-${tag}\\.ok$`);
    expect(files.filter((name) => !named.test(name))).toEqual([]);
    // Readable by the user alone (POSIX modes: the tests run on Linux).
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    for (const name of files) expect(statSync(path.join(cache, name)).mode & 0o777).toBe(0o600);
    const second = run(BIN, ["inspect", FIXTURE, "--json"], tmp);
    expect(second).toEqual(first);
    expect(cacheFiles(cache)).toEqual(files);
  });

  it("runs as usual over a damaged cache, and writes it anew", () => {
    const { tmp, cache } = userTemp();
    const first = run(BIN, ["inspect", FIXTURE, "--json"], tmp);
    for (const name of cacheFiles(cache)) writeFileSync(path.join(cache, name), "not a code cache");
    const again = run(BIN, ["inspect", FIXTURE, "--json"], tmp);
    expect(again).toEqual(first);
    for (const name of cacheFiles(cache)) {
      expect(readFileSync(path.join(cache, name), "utf8")).not.toBe("not a code cache");
    }
  });

  it("never runs a file's old code once the file has changed, even to text of the same length", () => {
    const { tmp } = userTemp();
    const root = mkdtempSync(path.join(tmp, "dist-"));
    const module = path.join(root, "answer.js");
    const script = `require(${JSON.stringify(CODE_CACHE)}).useCodeCache(${JSON.stringify(root)}); process.stdout.write(String(require(${JSON.stringify(module)}).answer()));`;
    const loader = path.join(tmp, "load.js");
    writeFileSync(loader, script);
    writeFileSync(module, "exports.answer = () => 'first';");
    expect(run(loader, [], tmp).out).toBe("first");
    expect(run(loader, [], tmp).out).toBe("first");
    writeFileSync(module, "exports.answer = () => 'other';");
    expect(run(loader, [], tmp).out).toBe("other");
  });

  it("uses no folder another user could write to, and none at all when turned off", () => {
    const { tmp, cache } = userTemp();
    mkdirSync(cache);
    chmodSync(cache, 0o777);
    expect(run(BIN, ["inspect", FIXTURE, "--json"], tmp).code).toBe(0);
    expect(cacheFiles(cache)).toEqual([]);

    const off = userTemp();
    expect(run(BIN, ["inspect", FIXTURE, "--json"], off.tmp, { ACTION_PLAN_CODE_CACHE: "off" }).code).toBe(0);
    expect(readdirSync(off.tmp)).toEqual([]);
  });
});
