/**
 * Thrown by the package writer (package-*.ts) when a part holds XML it cannot edit safely (a prefixed
 * namespace, a shared formula it would break…): the file shell then saves through ExcelJS instead.
 */
export class PackageUnsupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackageUnsupported";
  }
}
