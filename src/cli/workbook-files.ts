/**
 * The workbook files a command reads and writes: IN, and OUT given as `-o OUT.xlsx` or `--in-place`
 * (which keeps the original as IN.bak). A file that cannot be read or written is the user's to fix,
 * so its WorkbookFileError becomes a one-line CliError.
 */
import { copyFile } from "node:fs/promises";
import path from "node:path";
import type { WorkbookSnapshot } from "../core/snapshot";
import type { ApplyReport } from "../core/workbook-host";
import type { WritePlan } from "../core/write-plan";
import { WritePlanError } from "../xlsx/apply-write-plan";
import { PackageUnsupported } from "../xlsx/package-unsupported";
import { applyWritePlanToBytes, type PackageWrite } from "../xlsx/package-writer";
import { snapshotFromPackage } from "../xlsx/package-snapshot";
import { nodeBoundedInflate, nodeCodec, readFileBytes, writeWorkbookBytes } from "../xlsx/node-files";
import { WorkbookFileError } from "../xlsx/workbook-file-error";
import { CliError } from "./cli-io";

/** Where a command saves its result: `output` is the input itself when `inPlace`. */
export interface OutputTarget {
  readonly input: string;
  readonly output: string;
  readonly inPlace: boolean;
}

async function asCliError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof WorkbookFileError) throw new CliError(e.message);
    throw e;
  }
}

/**
 * The plan applied by the package writer; a plan the file cannot take (a protected sheet, XML the
 * writer cannot edit safely) is the user's to see as one line, with nothing written.
 */
async function writtenPackage(bytes: Uint8Array, plan: WritePlan): Promise<PackageWrite> {
  try {
    return await applyWritePlanToBytes(bytes, plan, nodeCodec);
  } catch (e) {
    if (e instanceof PackageUnsupported || e instanceof WritePlanError) throw new CliError(e.message);
    throw e;
  }
}

/** A workbook as its file's bytes, and the snapshot read from them. */
export interface WorkbookFile {
  readonly bytes: Uint8Array;
  readonly snapshot: WorkbookSnapshot;
}

/** The workbook in these bytes, read from the package (package-snapshot.ts); `file` names it in errors. */
async function workbookFromBytes(bytes: Uint8Array, file: string): Promise<WorkbookFile> {
  const snapshot = await asCliError(
    Promise.resolve().then(() => snapshotFromPackage(bytes, { file, inflate: nodeBoundedInflate })),
  );
  return { bytes, snapshot };
}

/** IN read, or a CliError naming the file (missing, not a workbook, password-protected…). */
export async function readInputWorkbook(file: string): Promise<WorkbookFile> {
  return workbookFromBytes(await asCliError(readFileBytes(file)), file);
}

/**
 * The workbook with `plan` applied (package-writer.ts: only the parts the plan touches are rewritten),
 * read again so a command can plan its next step on it.
 */
export async function workbookWithPlan(
  workbook: WorkbookFile,
  plan: WritePlan,
  file: string,
): Promise<{ readonly workbook: WorkbookFile; readonly report: ApplyReport }> {
  const written = await writtenPackage(workbook.bytes, plan);
  return { workbook: await workbookFromBytes(written.bytes, file), report: written.report };
}

/** The workbook's bytes with `plan` applied, not read again: what a command saves last. */
export async function bytesWithPlan(
  workbook: WorkbookFile,
  plan: WritePlan,
): Promise<{ readonly bytes: Uint8Array; readonly report: ApplyReport }> {
  const written = await writtenPackage(workbook.bytes, plan);
  return { bytes: written.bytes, report: written.report };
}

/**
 * Checks the `-o OUT.xlsx` / `--in-place` pair: exactly one of them, and -o never naming the input
 * (which only --in-place may overwrite, keeping a .bak). Bad arguments exit with 2.
 */
export function outputTarget(
  input: string,
  output: string | null,
  inPlace: boolean,
  usage: string,
): OutputTarget {
  if (inPlace && output !== null) throw new CliError("give either -o OUT.xlsx or --in-place, not both.", 2);
  if (output === null) {
    if (inPlace) return { input, output: input, inPlace };
    throw new CliError(`no output given: add -o OUT.xlsx (or --in-place). ${usage}`, 2);
  }
  if (path.resolve(output) === path.resolve(input)) {
    throw new CliError(
      `-o ${output} would overwrite the input; use --in-place (which keeps ${input}.bak) instead.`,
      2,
    );
  }
  return { input, output, inPlace };
}

/** Saves the bytes to the target, first copying IN to IN.bak when in place; returns that backup's path. */
export async function saveOutputWorkbook(bytes: Uint8Array, target: OutputTarget): Promise<string | null> {
  const backup = target.inPlace ? `${target.input}.bak` : null;
  if (backup !== null) await copyFile(target.input, backup);
  await asCliError(writeWorkbookBytes(bytes, target.output));
  return backup;
}
