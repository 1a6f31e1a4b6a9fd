/**
 * `summary --pdf OUT.pdf`: the Summary sheet printed to PDF by headless LibreOffice, where it is
 * installed (`soffice --headless --convert-to pdf`), from a copy of the workbook in which only the
 * Summary is visible. Without LibreOffice, a message says how to get it or print from Excel instead.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { SUMMARY_SHEET } from "../core/basics/reserved-names";
import { printingCopy } from "./workbook-files";
import { CliError } from "./cli-io";

const run = promisify(execFile);

/** Where LibreOffice installs soffice on Linux, macOS and Windows, after ACTION_PLAN_SOFFICE and PATH. */
const KNOWN_PLACES = [
  "/usr/bin/soffice",
  "/usr/local/bin/soffice",
  "/opt/libreoffice/program/soffice",
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
];

/** The soffice executable: $ACTION_PLAN_SOFFICE, else one on PATH, else a usual place; null when none. */
export function findLibreOffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.ACTION_PLAN_SOFFICE;
  if (chosen !== undefined && chosen !== "") return existsSync(chosen) ? chosen : null;
  const names = process.platform === "win32" ? ["soffice.exe"] : ["soffice", "libreoffice"];
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (dir !== "" && existsSync(candidate)) return candidate;
    }
  }
  return KNOWN_PLACES.find((p) => existsSync(p)) ?? null;
}

export const NO_LIBREOFFICE =
  "LibreOffice is not installed, so --pdf cannot make the PDF. Install it (Debian or Ubuntu: apt-get install -y libreoffice-calc-nogui; elsewhere from libreoffice.org), set ACTION_PLAN_SOFFICE to its soffice, or open the workbook in Excel and print the Summary sheet to PDF.";

/**
 * Writes the Summary sheet of the workbook in `bytes` to `pdf` as LibreOffice prints it (A4, the
 * sheet's own page setup). Each run has its own LibreOffice profile, so runs side by side do not
 * lock each other out.
 */
export async function writeSummaryPdf(bytes: Uint8Array, pdf: string, soffice: string | null): Promise<void> {
  if (soffice === null) throw new CliError(NO_LIBREOFFICE);
  const dir = await mkdtemp(path.join(os.tmpdir(), "action-plan-pdf-"));
  try {
    const copy = path.join(dir, "summary.xlsx");
    await writeFile(copy, await printingCopy(bytes, SUMMARY_SHEET));
    const profile = path.join(dir, "profile");
    try {
      await run(
        soffice,
        [
          `-env:UserInstallation=file://${profile.split(path.sep).join("/")}`,
          "--headless",
          "--norestore",
          "--convert-to",
          "pdf",
          "--outdir",
          dir,
          copy,
        ],
        { timeout: 180_000 },
      );
    } catch (e) {
      throw new CliError(
        `LibreOffice could not print the Summary to PDF: ${(e as Error).message.split("\n")[0]}`,
      );
    }
    const made = path.join(dir, "summary.pdf");
    if (!existsSync(made)) throw new CliError("LibreOffice ran but made no PDF of the Summary.");
    await copyFile(made, pdf);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
