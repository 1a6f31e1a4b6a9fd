/** Reading a table part (xl/tables/tableN.xml): the ListObject's name, range and column names. */
import type { ZipPackage } from "./package-zip";
import { damagedPart, localName, scanPart } from "./part-package";

export interface TablePart {
  readonly name: string;
  readonly displayName: string;
  /** The table's range as the file has it ("A3:F40"), header and total rows included. */
  readonly ref: string;
  readonly headerRowCount: number;
  readonly totalsRowCount: number;
  readonly columnNames: readonly string[];
}

/** Reads the table part; a part that is no table is damage. */
export function readTablePart(zip: ZipPackage, partName: string): TablePart | null {
  let table: Omit<TablePart, "columnNames"> | null = null;
  let root = true;
  const columnNames: string[] = [];
  const found = scanPart(zip, partName, {
    start(tag) {
      const name = localName(tag.name);
      const a = tag.attributes;
      if (root) {
        root = false;
        if (name !== "table") throw damagedPart(zip, `${partName} should be a table but holds <${tag.name}>`);
        table = {
          name: a.name ?? a.displayName ?? "",
          displayName: a.displayName ?? a.name ?? "",
          ref: a.ref ?? "",
          headerRowCount: a.headerRowCount === undefined ? 1 : Number(a.headerRowCount),
          totalsRowCount: a.totalsRowCount === undefined ? 0 : Number(a.totalsRowCount),
        };
      } else if (name === "tableColumn") columnNames.push(a.name ?? "");
    },
  });
  if (!found || table === null) return null;
  return { ...(table as Omit<TablePart, "columnNames">), columnNames };
}
