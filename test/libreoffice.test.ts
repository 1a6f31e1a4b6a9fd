import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { withSchemaApplied } from "./support/package-pipeline";
import {
  LIBREOFFICE_INSTALL,
  convertWithLibreOffice,
  findSoffice,
  missingLibreOfficeAllowed,
} from "./support/libreoffice";
import { userNamesWorkbookBytes } from "./support/user-names-workbook";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");
const names = readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx"));
const soffice = findSoffice();

if (soffice === null) {
  const message = `LibreOffice (soffice) is not installed, so the files apply-schema writes cannot be checked in another spreadsheet program. Install it: ${LIBREOFFICE_INSTALL}`;
  // Loud on purpose: CI must fail, and elsewhere only an explicit ALLOW_MISSING_LIBREOFFICE=1 lets it pass.
  console.warn(`\n*** ${message} ***\n`);
  it("has LibreOffice to open the files apply-schema writes", () => {
    if (!missingLibreOfficeAllowed()) throw new Error(message);
    expect(missingLibreOfficeAllowed()).toBe(true);
  });
} else {
  describe("LibreOffice opens every fixture after apply-schema", () => {
    it.each(names)("converts %s to CSV with the actions' words in it", async (name) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "lo-apply-"));
      const { bytes, model } = await withSchemaApplied(readFileSync(path.join(FIXTURES, name)));
      const output = path.join(dir, name);
      writeFileSync(output, bytes);
      const csv = convertWithLibreOffice(output, dir, "csv");
      expect(existsSync(csv)).toBe(true);
      const text = readFileSync(csv, "latin1");
      const first = model.actions.find((a) => a.sheet === model.tables[0]?.sheet);
      expect(text).toContain((first?.action ?? "").slice(0, 30));
    });
  });

  describe("LibreOffice reads the defined names apply-schema keeps and writes", () => {
    it("resolves the user's table-column name, their sheet-scoped formula, and the Lists names", async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "lo-names-"));
      const { bytes } = await withSchemaApplied(await userNamesWorkbookBytes());
      const output = path.join(dir, "names.xlsx");
      writeFileSync(output, bytes);
      const ods = convertWithLibreOffice(output, dir, "ods");
      const content =
        (await JSZip.loadAsync(readFileSync(ods)).then((z) => z.file("content.xml")?.async("string"))) ?? "";
      const expressions = new Map(
        [
          ...content.matchAll(
            /<table:named-(?:expression|range) table:name="([^"]+)"[^>]*?table:(?:expression|cell-range-address)="([^"]*)"/g,
          ),
        ].map((m) => [m[1], m[2]]),
      );
      expect(expressions.get("AreaList")).toBe("[$Areas.$A$2:.$A$3]");
      expect(expressions.get("Target")).toBe("[$&apos;2023-24&apos;.$A$1]&amp;&quot; target&quot;");
      for (const name of ["LeadCodes", "StatusList", "ThemeList"]) {
        expect(expressions.get(name)).toMatch(/^\[\$Lists\.\$[A-Z]+\$\d+(:\.\$[A-Z]+\$\d+)?\]$/);
      }
    });
  });
}
