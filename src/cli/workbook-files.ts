/**
 * The CLI's setup: the workbook files a command reads and writes, and the WorkbookHost over a file's
 * bytes that the operations run on. IN is read once; OUT is given as `-o OUT.xlsx` or `--in-place`
 * (which keeps the original as IN.bak). A file that cannot be read or written is the user's to fix,
 * so its WorkbookFileError becomes a one-line CliError. This is the only CLI module that imports the
 * file shell (src/xlsx): the commands go through the operations and the port.
 */
import { copyFile as copyFileCallback, constants as fsConstants, accessSync, statSync } from "node:fs";
import { promisify } from "node:util";
import path from "node:path";
import type { WorkbookSnapshot } from "../core/basics/snapshot";
import type { ApplyReport, WorkbookHost } from "../core/basics/workbook-host";
import type { WritePlan } from "../core/basics/write-plan";
import { WritePlanError } from "../xlsx/write-plan-checks";
import { PackageUnsupported } from "../xlsx/package-unsupported";
import { applyWritePlanToBytes, type PackageWrite } from "../xlsx/package-writer";
import { snapshotFromPackage, zipOfWorkbook } from "../xlsx/package-snapshot";
import {
  nodeBoundedInflate,
  nodeCodec,
  nodeCrc32,
  readFileBytes,
  writeWorkbookBytes,
} from "../xlsx/node-files";
import type { ZipPackage } from "../xlsx/package-zip";
import { WorkbookFileError } from "../xlsx/workbook-file-error";
import { workbookPrintingSheet } from "../xlsx/print-copy";
import { createReturnFiles } from "../xlsx/return-files";
import type { LeadReturn } from "../core/planning/returns-make";
import type { ReturnedFile } from "../core/planning/returns-merge";
import { CliError } from "./cli-io";

// node:fs's callback, promised (node:fs/promises loads modules no other call here needs).
const copyFile = promisify(copyFileCallback);

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
async function writtenPackage(
  bytes: Uint8Array,
  plan: WritePlan,
  opened: ZipPackage | null = null,
): Promise<PackageWrite> {
  try {
    return await applyWritePlanToBytes(bytes, plan, nodeCodec, opened);
  } catch (e) {
    // A part found damaged as it is copied (its CRC-32) is the file's, as it would be on reading.
    if (e instanceof PackageUnsupported || e instanceof WritePlanError || e instanceof WorkbookFileError)
      throw new CliError(e.message);
    throw e;
  }
}

/**
 * The bytes of a workbook saved unchanged (a copy of IN), once every part is checked against the
 * CRC-32 its zip recorded (the parts read were checked as they were read): a damaged part is refused
 * as a write refuses it, never copied into the output.
 */
function checkedUnchanged(bytes: Uint8Array, zip: ZipPackage): Uint8Array {
  try {
    for (const name of zip.names()) zip.checkedEntry(name);
  } catch (e) {
    if (e instanceof WorkbookFileError) throw new CliError(e.message);
    throw e;
  }
  return bytes;
}

/** The workbook's own bytes, to save as a copy of it, every part checked (checkedUnchanged). */
export function unchangedWorkbookBytes(workbook: WorkbookFile): Uint8Array {
  return checkedUnchanged(workbook.bytes, workbook.zip);
}

/** A workbook as its file's bytes, and the snapshot read from them. */
export interface WorkbookFile {
  readonly bytes: Uint8Array;
  readonly snapshot: WorkbookSnapshot;
  /** The zip of the bytes as it was read, its parts' texts decoded: a write of these bytes reuses it. */
  readonly zip: ZipPackage;
}

/** The zip of a workbook's bytes, read with Node's zlib: `file` names it in errors. */
function zipOf(bytes: Uint8Array, file: string): ZipPackage {
  return zipOfWorkbook(bytes, {
    file,
    inflate: nodeBoundedInflate,
    ...(nodeCrc32 !== undefined ? { crc32: nodeCrc32 } : {}),
  });
}

/** The workbook in these bytes, read from the package (package-snapshot.ts); `file` names it in errors. */
async function workbookFromBytes(bytes: Uint8Array, file: string): Promise<WorkbookFile> {
  return asCliError(
    Promise.resolve().then(() => {
      const zip = zipOf(bytes, file);
      return { bytes, snapshot: snapshotFromPackage(zip, { file }), zip };
    }),
  );
}

/** IN read, or a CliError naming the file (missing, not a workbook, password-protected…). */
export async function readInputWorkbook(file: string): Promise<WorkbookFile> {
  return workbookFromBytes(await asCliError(readFileBytes(file)), file);
}

/** A WorkbookHost over a file's bytes, which keeps the bytes each write gives (bytes() to save them). */
export interface FileHost extends WorkbookHost {
  bytes(): Uint8Array;
}

/** The workbook with `plan` applied (package-writer.ts), read again so a command can plan its next step. */
export async function workbookWithPlan(
  workbook: WorkbookFile,
  plan: WritePlan,
  file: string,
): Promise<{ readonly workbook: WorkbookFile; readonly report: ApplyReport }> {
  const written = await writtenPackage(workbook.bytes, plan, workbook.zip);
  return { workbook: await workbookFromBytes(written.bytes, file), report: written.report };
}

/** The workbook's bytes with `plan` applied, not read again: what a command saves last. */
export async function bytesWithPlan(
  workbook: WorkbookFile,
  plan: WritePlan,
): Promise<{ readonly bytes: Uint8Array; readonly report: ApplyReport }> {
  const written = await writtenPackage(workbook.bytes, plan, workbook.zip);
  return { bytes: written.bytes, report: written.report };
}

/**
 * The host over `bytes` (the file `file`, named in errors). readSnapshot reads the bytes as they are
 * now (the read is kept until the next write, so preview and apply in one run read once);
 * applyWritePlan writes the plan into the package (package-writer.ts: only the parts it touches),
 * reusing the read's zip, whose parts are inflated and decoded already.
 */
export function createFileHost(initial: Uint8Array, file: string): FileHost {
  let bytes = initial;
  let read: WorkbookFile | null = null;
  return {
    // Bytes no plan was written to are the file's own, saved as a copy: every part is checked first.
    bytes: () =>
      bytes === initial
        ? checkedUnchanged(bytes, read?.bytes === bytes ? read.zip : zipOf(bytes, file))
        : bytes,
    async readSnapshot() {
      read ??= await workbookFromBytes(bytes, file);
      return read.snapshot;
    },
    async applyWritePlan(plan: WritePlan): Promise<ApplyReport> {
      const written = await writtenPackage(bytes, plan, read?.bytes === bytes ? read.zip : null);
      bytes = written.bytes;
      read = null;
      return written.report;
    },
    selectCell: () => Promise.resolve(),
  };
}

/** The host over the file IN, or a CliError naming it (missing, not a workbook, password-protected…). */
export async function openFileHost(file: string): Promise<FileHost> {
  const host = createFileHost(await asCliError(readFileBytes(file)), file);
  // Read now, so a file that is not a workbook fails before anything else is said.
  await host.readSnapshot();
  return host;
}

/**
 * That `file` can be written where it is named: its folder exists, is a folder and may be written to,
 * and `file` is not itself a folder. Checked before any work, so no command describes a change as
 * made and then fails to save it; a file that cannot be written exits with 1 (README: exit codes).
 */
export function ensureWritableOutput(file: string): void {
  const folder = path.dirname(path.resolve(file));
  let folderIsDirectory = false;
  try {
    folderIsDirectory = statSync(folder).isDirectory();
  } catch {
    throw new CliError(`${file} cannot be written: the folder ${folder} does not exist.`);
  }
  if (!folderIsDirectory) throw new CliError(`${file} cannot be written: ${folder} is not a folder.`);
  try {
    accessSync(folder, fsConstants.W_OK);
  } catch {
    throw new CliError(`${file} cannot be written: the folder ${folder} is not writable.`);
  }
  try {
    if (statSync(file).isDirectory()) throw new CliError(`${file} cannot be written: it is a folder.`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    // No such file yet: it will be made.
  }
}

/**
 * Checks the `-o OUT.xlsx` / `--in-place` pair: exactly one of them, and -o never naming the input
 * (which only --in-place may overwrite, keeping a .bak). Bad arguments exit with 2; an output that
 * cannot be written (ensureWritableOutput) exits with 1, before any work.
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
  ensureWritableOutput(output);
  return { input, output, inPlace };
}

/** Saves the bytes to the target, first copying IN to IN.bak when in place; returns that backup's path. */
export async function saveOutputWorkbook(bytes: Uint8Array, target: OutputTarget): Promise<string | null> {
  const backup = target.inPlace ? `${target.input}.bak` : null;
  if (backup !== null) await copyFile(target.input, backup);
  await asCliError(writeWorkbookBytes(bytes, target.output));
  return backup;
}

/** A copy of the workbook's bytes in which only `sheet` is shown, for printing it (summary --pdf). */
export function printingCopy(bytes: Uint8Array, sheet: string): Promise<Uint8Array> {
  return workbookPrintingSheet(bytes, sheet, nodeCodec);
}

const returnFiles = createReturnFiles(nodeCodec);

/** A lead's return as the bytes of a new workbook, made in memory: nothing is saved yet. */
export function returnFileBytes(leadReturn: LeadReturn): Promise<Uint8Array> {
  return returnFiles.returnBytes(leadReturn);
}

/** Saves a workbook's bytes as a new file at `target`; a failure is one CliError line. */
export async function saveNewWorkbook(bytes: Uint8Array, target: string): Promise<void> {
  await asCliError(writeWorkbookBytes(bytes, target));
}

/** A returned workbook read for the merge, or a CliError naming the file. */
export async function readReturnedFile(file: string): Promise<ReturnedFile> {
  return asCliError(readFileBytes(file).then((bytes) => returnFiles.readReturned(bytes, file)));
}
