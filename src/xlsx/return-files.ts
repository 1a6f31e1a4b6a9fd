/**
 * Partner returns as files: a lead's return made as a new .xlsx, and a returned .xlsx read for the
 * merge. No Node built-ins, so the browser (pane, playground) and the CLI share it.
 */
import type { LeadReturn } from "../core/returns-make";
import type { ReturnedFile } from "../core/returns-merge";
import { RETURN_SHEET } from "../core/returns-identity";
import { newWorkbookBytes } from "./blank-package";
import { readWorkbookBuffer } from "./xlsx-buffer";
import { snapshotFromWorkbook } from "./xlsx-snapshot";
import type { ZipCodec } from "./zip-parts";

/** The .xlsx bytes of one lead's return. */
export async function returnWorkbookBytes(
  leadReturn: LeadReturn,
  codec: ZipCodec,
): Promise<Uint8Array<ArrayBuffer>> {
  return (await newWorkbookBytes(RETURN_SHEET, leadReturn.plan, codec)).bytes;
}

/**
 * A returned file read for the merge; a file that is not a workbook (or is damaged, or encrypted)
 * is a WorkbookFileError naming it.
 */
export async function returnedFileFromBytes(bytes: Uint8Array, file: string): Promise<ReturnedFile> {
  return { file, snapshot: snapshotFromWorkbook(await readWorkbookBuffer(bytes, file)) };
}
