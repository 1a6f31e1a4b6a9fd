/**
 * Partner returns as files: a lead's return made as a new .xlsx, and a returned .xlsx read for the
 * merge. No Node built-ins, so the browser (pane, playground) and the CLI share it.
 */
import type { LeadReturn } from "../core/planning/returns-make";
import type { ReturnedFile } from "../core/planning/returns-merge";
import { RETURN_SHEET } from "../core/planning/returns-identity";
import type { ReturnFiles } from "../core/planning/return-files";
import { newWorkbookBytes } from "./blank-package";
import { snapshotFromPackage } from "./package-snapshot";
import { type ZipCodec, streamCodec } from "./zip-parts";

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
export function returnedFileFromBytes(bytes: Uint8Array, file: string): Promise<ReturnedFile> {
  try {
    return Promise.resolve({ file, snapshot: snapshotFromPackage(bytes, { file }) });
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

/** The returns port over .xlsx files, deflating with `codec` (the browser's streams by default). */
export function createReturnFiles(codec: ZipCodec = streamCodec): ReturnFiles {
  return {
    returnBytes: (leadReturn) => returnWorkbookBytes(leadReturn, codec),
    readReturned: (bytes, file) => returnedFileFromBytes(bytes, file),
  };
}
