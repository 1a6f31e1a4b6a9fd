/**
 * LibreOffice as an independent spreadsheet engine: it opens an .xlsx, recalculates every formula
 * from scratch and saves the results, so tests can compare them with the cached values we wrote.
 *
 * By default LibreOffice trusts an .xlsx file's cached results ("never recalculate" for files saved
 * by Excel, "prompt" otherwise, and headless cannot answer a prompt). A fresh profile whose
 * registrymodifications.xcu sets Calc/Formula/Load/OOXMLRecalcMode = 0 ("always") makes it recalculate.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

const CANDIDATES = [
  "/usr/bin/soffice",
  "/usr/bin/libreoffice",
  "/usr/local/bin/soffice",
  "/opt/libreoffice/program/soffice",
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
];

/** The soffice binary, or null when LibreOffice is not installed. */
export function findLibreOffice(): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    for (const name of ["soffice", "libreoffice"]) {
      const candidate = path.join(dir, name);
      if (dir !== "" && existsSync(candidate)) return candidate;
    }
  }
  return CANDIDATES.find((c) => existsSync(c)) ?? null;
}

/**
 * soffice for a test that needs it. Missing: in CI (CI=true) the test fails; elsewhere it fails too,
 * unless ALLOW_MISSING_LIBREOFFICE=1, when it returns null after saying loudly what to install.
 */
export function requireLibreOffice(): string | null {
  const found = findLibreOffice();
  if (found) return found;
  const advice =
    "LibreOffice (soffice) is not installed, so the summary's recalculation test cannot run. Install it: " +
    "apt-get install -y --no-install-recommends libreoffice-calc-nogui";
  if (process.env.CI !== "true" && process.env.ALLOW_MISSING_LIBREOFFICE === "1") {
    console.warn(`\n*** ${advice} (skipping because ALLOW_MISSING_LIBREOFFICE=1) ***\n`);
    return null;
  }
  throw new Error(advice);
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** A fresh LibreOffice profile that recalculates .xlsx files on load, always. */
export async function recalculatingProfile(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lo-recalc-profile-"));
  await mkdir(path.join(dir, "user"), { recursive: true });
  await writeFile(path.join(dir, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
  return dir;
}

/**
 * Opens each file with `profile` in one LibreOffice run, recalculating every formula, and saves it as
 * .xlsx in `outDir` (which must not be the inputs' folder); returns the saved files' paths, in order.
 */
export async function recalculateWithLibreOffice(
  soffice: string,
  profile: string,
  inPaths: readonly string[],
  outDir: string,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  await run(
    soffice,
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      outDir,
      ...inPaths,
    ],
    { timeout: 300_000 },
  );
  return inPaths.map((inPath) => {
    const out = path.join(outDir, path.basename(inPath).replace(/\.[^.]+$/, "") + ".xlsx");
    if (!existsSync(out)) throw new Error(`LibreOffice did not convert ${inPath} (no ${out})`);
    return out;
  });
}
