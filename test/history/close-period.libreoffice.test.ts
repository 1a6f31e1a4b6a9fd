/** LibreOffice opens a workbook after periods are closed and a lead's update is written by the CLI. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import {
  LIBREOFFICE_INSTALL,
  convertWithLibreOffice,
  findSoffice,
  missingLibreOfficeAllowed,
} from "../support/libreoffice";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures");
const PLAN = path.join(FIXTURES, "community-safety-plan-2011-12.xlsx");

async function run(...argv: string[]): Promise<number> {
  return main(argv, { out: () => undefined, err: () => undefined });
}

if (findSoffice() === null) {
  const message = `LibreOffice (soffice) is not installed, so the Status history the CLI writes cannot be opened in another spreadsheet program. Install it: ${LIBREOFFICE_INSTALL}`;
  console.warn(`\n*** ${message} ***\n`);
  it("has LibreOffice to open the Status history the CLI writes", () => {
    if (!missingLibreOfficeAllowed()) throw new Error(message);
    expect(missingLibreOfficeAllowed()).toBe(true);
  });
} else {
  it("opens the Status history sheet with both periods' labels in its table", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lo-history-"));
    try {
      const q1 = path.join(dir, "q1.xlsx");
      const q2 = path.join(dir, "history.xlsx");
      expect(await run("snapshot", PLAN, "--label", "Q1 2011-12", "-o", q1)).toBe(0);
      expect(await run("snapshot", q1, "--label", "Q2 2011-12", "-o", q2)).toBe(0);
      const ods = convertWithLibreOffice(q2, dir, "ods");
      const content =
        (await (await JSZip.loadAsync(readFileSync(ods))).file("content.xml")?.async("string")) ?? "";
      const sheetNames = [...content.matchAll(/<table:table table:name="([^"]*)"/g)].map((m) => m[1]);
      expect(sheetNames).toContain("Status history");
      const cells = (label: string) => content.split(`<text:p>${label}</text:p>`).length - 1;
      expect([cells("Q1 2011-12"), cells("Q2 2011-12")]).toEqual([44, 44]);
      // The table LibreOffice reads (a database range) covers the header and both periods' rows.
      const ranges = [
        ...content.matchAll(
          /table:database-range table:name="([^"]*)" table:target-range-address="([^"]*)"/g,
        ),
      ];
      expect(ranges.map((m) => [m[1], m[2]?.replace(/&apos;/g, "'")])).toContainEqual([
        "StatusHistory",
        "'Status history'.A1:'Status history'.H89",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
