import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { TODAY, runPipeline } from "../support/hostile-pipeline";
import { planClosePeriod } from "../../src/core/planning/close-period";
import { readPlan } from "../../src/core/reading/read-plan";
import { type PackageToValidate, packageProblems, sheetReferences } from "../support/ooxml-validate";
import { rawWorkbook, rowXml } from "../support/raw-workbook";
import type { WorkbookHost } from "../../src/core/basics/workbook-host";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { nodeCodec } from "../../src/xlsx/node-files";
import { readWorkbookBuffer } from "../support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "../support/exceljs/xlsx-snapshot";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures");
const names = readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx"));

const HEADER = rowXml(1, ["Ref", "Action"]);
const TABLE_REL = [{ id: "rId1", type: "table", target: "../tables/table1.xml" }];
const table = (ref: string, columns: readonly string[], name = "Plan"): string =>
  `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="${name}" displayName="${name}" ref="${ref}">` +
  `<autoFilter ref="${ref}"/><tableColumns count="${columns.length}">` +
  columns.map((c, i) => `<tableColumn id="${i + 1}" name="${c}"/>`).join("") +
  "</tableColumns></table>";

/** One sheet "Plan" with a header row, a data row, and a table over them unless `tableXml` is null. */
function planBook(options: {
  body?: string;
  tail?: string;
  tableXml?: string | null;
  definedNames?: string;
  sheetName?: string;
}): Uint8Array {
  const tableXml = options.tableXml === undefined ? table("A1:B2", ["Ref", "Action"]) : options.tableXml;
  return rawWorkbook({
    sheets: [
      {
        name: options.sheetName ?? "Plan",
        body:
          `<sheetData>${HEADER}${rowXml(2, [1, "Patrol"])}</sheetData>${options.body ?? ""}` +
          (tableXml === null ? "" : '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>') +
          (options.tail ?? ""),
        ...(tableXml === null ? {} : { rels: TABLE_REL }),
      },
    ],
    ...(options.definedNames ? { definedNames: options.definedNames } : {}),
    parts: tableXml === null ? {} : { "xl/tables/table1.xml": tableXml },
  });
}

const problemsOf = async (bytes: Uint8Array): Promise<string[]> =>
  packageProblems([{ label: "book", bytes }]);

describe("the package check", () => {
  it("finds nothing wrong with a well-made workbook holding a table", async () => {
    expect(await problemsOf(planBook({}))).toEqual([]);
  });

  it("reports an element out of the worksheet's schema order", async () => {
    const bytes = planBook({ tail: '<legacyDrawing r:id="rId9"/>' });
    expect((await problemsOf(bytes)).join("\n")).toMatch(/sheet1\.xml: .*legacyDrawing.*not expected/);
  });

  it("sets aside Excel's extensions: mc:AlternateContent as its Fallback, x14ac attributes, ext contents", async () => {
    const bytes = rawWorkbook({
      sheets: [
        {
          name: "Plan",
          rootAttributes:
            ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac"',
          body:
            '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>' +
            rowXml(1, ["Ref"], ' x14ac:dyDescent="0.25"') +
            '</sheetData><mc:AlternateContent><mc:Choice Requires="x14"><x14:thing xmlns:x14="urn:x"/></mc:Choice>' +
            '<mc:Fallback><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></mc:Fallback></mc:AlternateContent>' +
            '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings/></ext></extLst>',
        },
      ],
    });
    expect(await problemsOf(bytes)).toEqual([]);
  });

  it("reports a table whose header cell differs from its column's name", async () => {
    const bytes = planBook({ tableXml: table("A1:B2", ["Ref", "Actions"]) });
    expect(await problemsOf(bytes)).toEqual([
      `book xl/tables/table1.xml: table Plan's header B1 holds "Action", its column is "Actions"`,
    ]);
  });

  it("reports merged cells and a sheet autoFilter over a table", async () => {
    const bytes = planBook({
      body: '<autoFilter ref="A1:B2"/><mergeCells count="1"><mergeCell ref="B2:C2"/></mergeCells>',
    });
    expect(await problemsOf(bytes)).toEqual([
      "book xl/worksheets/sheet1.xml: merged cells B2:C2 overlap table Plan",
      "book xl/worksheets/sheet1.xml: the sheet's autoFilter A1:B2 overlaps table Plan",
    ]);
  });

  it("reports a table named as a defined name is", async () => {
    const bytes = planBook({ definedNames: '<definedName name="PLAN">Plan!$A$1</definedName>' });
    expect(await problemsOf(bytes)).toEqual([
      "book xl/workbook.xml: defined name PLAN is also a table's name",
    ]);
  });

  it("reports a sheet name left unquoted where a formula needs it quoted, and a sheet that is not there", async () => {
    const bytes = planBook({
      sheetName: "2011-12",
      tableXml: null,
      definedNames:
        '<definedName name="Good">\'2011-12\'!$A$1</definedName><definedName name="Bad">2011-12!$A$1</definedName>' +
        '<definedName name="Gone">Missing!$A$1</definedName>',
    });
    const problems = await problemsOf(bytes);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/defined name Bad refers to sheet "12"/);
    expect(problems[1]).toMatch(/defined name Gone refers to sheet "Missing"/);
  });

  it("reads sheet references outside string literals only", () => {
    expect(
      sheetReferences(`COUNTIFS('1 ASB'!$E:$E,"Red!",Lists!A1)+'It''s'!B2+'[1]Other'!A1+[1]Plan!A1`),
    ).toEqual([
      { name: "1 ASB", quoted: true },
      { name: "Lists", quoted: false },
      { name: "It's", quoted: true },
    ]);
  });
});

/** A host over bytes whose writes go through `write`, each package written kept in `packages`. */
function bytesHost(
  start: Uint8Array,
  label: string,
  packages: PackageToValidate[],
  write: (
    bytes: Uint8Array,
    plan: Parameters<WorkbookHost["applyWritePlan"]>[0],
  ) => Promise<{
    bytes: Uint8Array;
    report: Awaited<ReturnType<WorkbookHost["applyWritePlan"]>>;
  }>,
): WorkbookHost {
  let bytes = start;
  return {
    readSnapshot: async () => snapshotFromWorkbook(await readWorkbookBuffer(bytes)),
    applyWritePlan: async (plan) => {
      const written = await write(bytes, plan);
      bytes = written.bytes;
      packages.push({ label: `${label} after "${plan.title}"`, bytes });
      return written.report;
    },
    selectCell: () => Promise.resolve(),
  };
}

/**
 * Closes a period on the host's workbook, then closes it again: the first close makes the Status
 * history sheet and its table, the second replaces that label's rows in place.
 */
async function closePeriodTwice(host: WorkbookHost): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const snapshot = await host.readSnapshot();
    const close = planClosePeriod(snapshot, readPlan(snapshot), { label: "Q1 2012-13", todayIso: TODAY });
    if (close.plan === null) throw new Error(close.problems.map((p) => p.message).join(" "));
    await host.applyWritePlan(close.plan);
  }
}

describe("every write path's output for every fixture", () => {
  it("validates against the schemas and keeps Excel's rules (package writer, as the CLI writes)", async () => {
    const packages: PackageToValidate[] = [];
    for (const name of names) {
      const host = bytesHost(readFileSync(path.join(FIXTURES, name)), name, packages, (bytes, plan) =>
        applyWritePlanToBytes(bytes, plan, nodeCodec),
      );
      await runPipeline(host);
      await closePeriodTwice(host);
    }
    // apply schema, carry-over, summary and a lead's write for each fixture, then two closes of a period.
    expect(packages.length).toBeGreaterThanOrEqual(names.length * 5);
    expect(await packageProblems(packages)).toEqual([]);
  });
});
