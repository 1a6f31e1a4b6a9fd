/**
 * The port for partner returns as files: a lead's return made as a new workbook, and a returned
 * workbook read for the merge. The file shell implements it (src/xlsx/return-files.ts); each entry
 * point wires it in, so the pane never reaches a file format itself.
 */
import type { LeadReturn } from "./returns-make";
import type { ReturnedFile } from "./returns-merge";

export interface ReturnFiles {
  /** The .xlsx bytes of one lead's return. */
  returnBytes(leadReturn: LeadReturn): Promise<Uint8Array<ArrayBuffer>>;
  /** A returned file read for the merge; a file that is not a workbook rejects with a message naming it. */
  readReturned(bytes: Uint8Array, file: string): Promise<ReturnedFile>;
}
