/**
 * The WorkbookHost over .xlsx bytes: the snapshot read from the package (package-snapshot.ts), a
 * write plan applied by patching the parts it touches (package-writer.ts), and the bytes as they
 * stand for saving or downloading. What the CLI and the playground run operations over; no ExcelJS.
 * No Node built-ins here, so the browser playground can use it too.
 */
import type { ApplyReport, WorkbookHost } from "../core/basics/workbook-host";
import type { WorkbookSnapshot } from "../core/basics/snapshot";
import type { WritePlan } from "../core/basics/write-plan";
import { type PackageReadOptions, snapshotFromPackage, zipOfWorkbook } from "./package-snapshot";
import { applyWritePlanToBytes } from "./package-writer";
import type { ZipPackage } from "./package-zip";
import { type ZipCodec, streamCodec } from "./zip-parts";

/** A host over a workbook's bytes, which it replaces with each plan it applies. */
export interface PackageHost extends WorkbookHost {
  /** The workbook's bytes with every plan applied so far. */
  bytes(): Uint8Array;
}

/**
 * A host over `initial`: readSnapshot reads the current bytes afresh, applyWritePlan writes the plan
 * into new bytes (a WritePlanError or WorkbookFileError leaves them as they were), selectCell checks
 * the sheet exists (the playground shows the cell itself).
 *
 * @example
 * const host = createPackageHost(await file.arrayBuffer().then((b) => new Uint8Array(b)), streamCodec, { file: file.name });
 * const snapshot = await host.readSnapshot();
 */
export function createPackageHost(
  initial: Uint8Array,
  codec: ZipCodec = streamCodec,
  options: PackageReadOptions = {},
): PackageHost {
  let current = initial;
  // The zip of the bytes as last read (its parts' texts decoded): the next write of them reuses it.
  let opened: { readonly bytes: Uint8Array; readonly zip: ZipPackage } | null = null;
  const read = (): WorkbookSnapshot => {
    const zip = zipOfWorkbook(current, options);
    const snapshot = snapshotFromPackage(zip, options);
    opened = { bytes: current, zip };
    return snapshot;
  };
  return {
    readSnapshot(): Promise<WorkbookSnapshot> {
      try {
        return Promise.resolve(read());
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    async applyWritePlan(plan: WritePlan): Promise<ApplyReport> {
      const zip = opened?.bytes === current ? opened.zip : null;
      const written = await applyWritePlanToBytes(current, plan, codec, zip);
      current = written.bytes;
      opened = null;
      return written.report;
    },
    selectCell(sheet: string): Promise<void> {
      try {
        if (read().sheets.some((s) => s.name === sheet)) return Promise.resolve();
        return Promise.reject(new Error(`The workbook has no sheet '${sheet}'`));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    bytes: () => current,
  };
}
