// A code cache for the CLI's own compiled files (dist-cli/): each run of a command is a fresh node
// process, and V8 parsing the command's bundle and compiling every function it runs was about a sixth
// of a 6,000-action apply-schema (--cpu-prof: wrapSafe and lazy compiles). V8 can hand back what it
// compiled as a code cache, and take it in the next process instead of compiling again; Node 22 does
// this for every module with module.enableCompileCache(). This does it on every Node the CLI supports,
// for dist-cli's files only. A cache is named for the file, its content (V8's own check of a cache
// against its source compares only the source's length: a rebuild of the same length must not run the
// old code) and the node version; V8 refuses one made by another version or with other flags, and the
// file is then compiled as usual and its cache written anew. The content is told by its length and
// CRC-32 (zlib's, native, in Node 20.15 and later; SHA-256 before): loading node's crypto module and
// hashing a 500 KB bundle with it took 4 to 6 ms of every run, a CRC under one.
//
// The caches live in a folder of the user's own under the temporary folder (mode 0700, checked to be
// ours), never in the installed package, which may not be writable. ACTION_PLAN_CODE_CACHE=off turns
// it off. A cache that cannot be read or written only costs the compile it would have saved.
"use strict";
const fs = require("node:fs");
const Module = require("node:module");
const os = require("node:os");
const path = require("node:path");
const vm = require("node:vm");
const zlib = require("node:zlib");

/** Errors of a cache folder or file that mean "no cache here": nothing to report, nothing lost. */
const NO_CACHE_CODES = new Set([
  "ENOENT",
  "EACCES",
  "EPERM",
  "EROFS",
  "ENOSPC",
  "EEXIST",
  "ENOTDIR",
  "EISDIR",
  "EBUSY",
]);

function isNoCache(e) {
  return e !== null && typeof e === "object" && NO_CACHE_CODES.has(e.code);
}

/** The folder for this user's caches, or null where it is not safely ours. */
function cacheFolder() {
  const uid = typeof process.getuid === "function" ? process.getuid() : null;
  const folder = path.join(os.tmpdir(), `action-plan-code-cache-${uid === null ? "user" : uid}`);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(folder);
  // A folder someone else made, or could write to, could hold compiled code planted for this user.
  if (!stat.isDirectory()) return null;
  if (uid !== null && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return null;
  return folder;
}

/** A short name for `text`: its length and CRC-32, or a SHA-256 where zlib has no crc32. Not a
 *  defence against anyone (the folder is the user's alone): it tells one build of a file from another. */
function digest(text) {
  if (typeof zlib.crc32 === "function") {
    return `${text.length.toString(16)}g${zlib.crc32(text).toString(16).padStart(8, "0")}`;
  }
  return require("node:crypto").createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/** The start of the names of one file's caches: one per file, node version and platform. */
function cacheStem(folder, filename) {
  return path.join(folder, digest(`${filename}\0${process.version}\0${process.arch}\0${process.platform}`));
}

/** Removes a file's caches of other contents (earlier builds): each would only be refused. */
function removeStale(stem, keep) {
  const folder = path.dirname(stem);
  const start = `${path.basename(stem)}-`;
  try {
    for (const name of fs.readdirSync(folder)) {
      const full = path.join(folder, name);
      if (name.startsWith(start) && !full.startsWith(keep)) fs.rmSync(full, { force: true });
    }
  } catch (e) {
    if (!isNoCache(e)) throw e;
  }
}

/** A cache file's bytes; null when there is none (or it cannot be read). */
function readCache(file) {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if (isNoCache(e)) return null;
    throw e;
  }
}

/** Writes a cache whole or not at all (a temporary file renamed over it), so no run reads half of one. */
function writeCache(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, data, { mode: 0o600 });
    fs.renameSync(temporary, file);
  } catch (e) {
    if (!isNoCache(e)) throw e;
    try {
      fs.rmSync(temporary, { force: true });
    } catch (removing) {
      if (!isNoCache(removing)) throw removing;
    }
  }
}

/**
 * Compiles the files under `root` through the cache from here on. A cache is written when the file
 * had none, or V8 refused it, and again once a run ends well if the one it used came from a run that
 * did not (an error path compiles few functions: the next good run's cache holds what a command needs).
 */
function useCodeCache(root) {
  if (process.env.ACTION_PLAN_CODE_CACHE === "off") return;
  const compile = Module.prototype._compile;
  // Module.prototype._compile is how a CommonJS file is compiled and run (node's lib/internal/modules/cjs/loader.js);
  // where a Node has none to wrap, the files are compiled as usual.
  if (typeof compile !== "function" || typeof Module.wrap !== "function") return;
  let folder;
  try {
    folder = cacheFolder();
  } catch (e) {
    if (isNoCache(e)) return;
    throw e;
  }
  if (folder === null) return;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const compiled = [];

  Module.prototype._compile = function compileWithCache(content, filename) {
    if (!filename.startsWith(prefix) || !filename.endsWith(".js"))
      return compile.call(this, content, filename);
    const stem = cacheStem(folder, filename);
    const file = `${stem}-${digest(content)}`;
    // The cache of a run that ended well, else one from any run.
    const good = readCache(`${file}.ok`);
    const cachedData = good ?? readCache(file) ?? undefined;
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    const used = cachedData !== undefined && !script.cachedDataRejected;
    compiled.push({ script, stem, file, used, good: used && good !== null });
    const run = script.runInThisContext({ displayErrors: true });
    const require = Module.createRequire(filename);
    return run.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };

  process.once("exit", (code) => {
    for (const { script, stem, file, used, good } of compiled) {
      if (code === 0 ? good : used) continue;
      // After the run, so the cache holds every function the run compiled, not only the top level.
      writeCache(code === 0 ? `${file}.ok` : file, script.createCachedData());
      removeStale(stem, file);
    }
  });
}

module.exports = { useCodeCache };
