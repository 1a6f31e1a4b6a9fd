/**
 * Thrown by the package writer (package-*.ts) when a part holds XML it cannot edit safely (a prefixed
 * namespace, an array formula in a row that moves…). Nothing is written then: the message names the
 * sheet and what was found there, for the user to read (the CLI prints it as one line). The writer
 * never falls back to re-serialising the workbook, which would drop the parts it does not model.
 */
export class PackageUnsupported extends Error {
  /**
   * @param found what the part holds that the writer cannot edit ("cell B4 holds an array formula")
   * @param sheet the sheet whose part holds it, or null for a workbook-level part
   */
  constructor(
    readonly found: string,
    readonly sheet: string | null = null,
  ) {
    super(
      sheet === null
        ? `This workbook cannot be edited safely here: ${found}. Nothing was written.`
        : `The sheet '${sheet}' cannot be edited safely here: ${found}. Nothing was written.`,
    );
    this.name = "PackageUnsupported";
  }

  /** The same refusal, naming the sheet (when it names none yet). */
  inSheet(sheet: string): PackageUnsupported {
    return this.sheet === null ? new PackageUnsupported(this.found, sheet) : this;
  }
}
