/**
 * LibreOffice in tests: proof that a file we wrote opens in another spreadsheet program. Used by the
 * apply-schema and summary tests. Install: apt-get install -y --no-install-recommends libreoffice-calc-nogui
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const LIBREOFFICE_INSTALL = "apt-get install -y --no-install-recommends libreoffice-calc-nogui";

/** The soffice executable, or null when LibreOffice is not installed. */
export function findSoffice(): string | null {
  for (const candidate of [
    "/usr/bin/soffice",
    "/usr/local/bin/soffice",
    "/usr/bin/libreoffice",
    "/opt/libreoffice/program/soffice",
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  try {
    const found = execFileSync("sh", ["-c", "command -v soffice || command -v libreoffice"], {
      encoding: "utf8",
    }).trim();
    return found === "" ? null : found;
  } catch {
    return null;
  }
}

/**
 * Whether a test may skip LibreOffice work: never in CI (CI=true), and elsewhere only with
 * ALLOW_MISSING_LIBREOFFICE=1. Returns the reason to print when it may.
 */
export function missingLibreOfficeAllowed(): boolean {
  return process.env.CI !== "true" && process.env.ALLOW_MISSING_LIBREOFFICE === "1";
}

/**
 * Converts `inPath` with headless LibreOffice ("csv", "pdf", "ods"…) into `outDir`; returns the
 * path of the file it made. Throws with LibreOffice's output when it fails or makes nothing. Each
 * call uses its own profile folder so parallel runs do not lock each other out.
 */
export function convertWithLibreOffice(inPath: string, outDir: string, format: string): string {
  const soffice = findSoffice();
  if (soffice === null) throw new Error(`LibreOffice is not installed. Install it: ${LIBREOFFICE_INSTALL}`);
  const profile = mkdtempSync(path.join(os.tmpdir(), "lo-profile-"));
  try {
    const before = new Set(existsSync(outDir) ? readdirSync(outDir) : []);
    const output = execFileSync(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        format,
        "--outdir",
        outDir,
        inPath,
      ],
      { encoding: "utf8", timeout: 120000, stdio: ["ignore", "pipe", "pipe"] },
    );
    const stem = path.basename(inPath, path.extname(inPath));
    const made = readdirSync(outDir).find((f) => !before.has(f) && f.startsWith(stem));
    if (made === undefined) throw new Error(`LibreOffice made no ${format} file from ${inPath}: ${output}`);
    return path.join(outDir, made);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
