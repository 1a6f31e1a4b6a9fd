/**
 * The workbook files a command reads and writes: IN, and OUT given as `-o OUT.xlsx` or `--in-place`
 * (which keeps the original as IN.bak). A file that cannot be read or written is the user's to fix,
 * so its WorkbookFileError becomes a one-line CliError.
 */
import { copyFile } from "node:fs/promises";
import path from "node:path";
import type ExcelJS from "exceljs";
import { WorkbookFileError, readWorkbookFile, writeWorkbookFile } from "../xlsx/xlsx-file";
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

/** IN as a workbook, or a CliError naming the file (missing, not a workbook, password-protected…). */
export async function readInputWorkbook(file: string): Promise<ExcelJS.Workbook> {
  return asCliError(readWorkbookFile(file));
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

/** Saves the workbook to the target, first copying IN to IN.bak when in place; returns that backup's path. */
export async function saveOutputWorkbook(
  workbook: ExcelJS.Workbook,
  target: OutputTarget,
): Promise<string | null> {
  const backup = target.inPlace ? `${target.input}.bak` : null;
  if (backup !== null) await copyFile(target.input, backup);
  await asCliError(writeWorkbookFile(workbook, target.output));
  return backup;
}
