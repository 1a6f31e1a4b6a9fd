/**
 * The tests' ExcelJS oracle (test/support/exceljs): the independent reader, and the writer other tests
 * compare the package writer with, checked on their own so a fault in them cannot pass for the product's.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { isSchemaApplied, planApplySchema } from "../../src/core/planning/apply-schema";
import { readPlan } from "../../src/core/reading/read-plan";
import { applyWritePlanToWorkbook } from "../support/exceljs/apply-write-plan";
import {
  keepName,
  keepUnmodelledNames,
  keptNames,
  workbookXmlWithKeptNames,
} from "../support/exceljs/workbook-names";
import { readWorkbookBuffer } from "../support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "../support/exceljs/xlsx-snapshot";
import { workbookBytes } from "../support/exceljs/xlsx-file";
import { USER_NAME_ELEMENTS, userNamesWorkbookBytes } from "../support/user-names-workbook";

async function workbookXml(bytes: Uint8Array): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file("xl/workbook.xml")?.async("string");
  if (xml === undefined) throw new Error("no xl/workbook.xml");
  return xml;
}

const definedNameElements = (xml: string): string[] =>
  xml.match(/<definedName [^>]*>[^<]*<\/definedName>/g) ?? [];

const OUR_NAMES = [
  { name: "LeadCodes", formula: "=Leads[Code]" },
  { name: "StatusList", formula: "=Statuses[Status]" },
  { name: "ThemeList", formula: "=Themes[Theme]" },
];

describe("defined names ExcelJS cannot model", () => {
  it("keeps a user's structured and sheet-scoped names through apply-schema and a save", async () => {
    const workbook = await readWorkbookBuffer(await userNamesWorkbookBytes());
    const snapshot = snapshotFromWorkbook(workbook);
    expect(snapshot.names).toEqual([
      { name: "AreaList", formula: "=Areas[Area]" },
      { name: "Target", formula: `='2023-24'!$A$1&" target"` },
    ]);
    applyWritePlanToWorkbook(workbook, planApplySchema(snapshot, readPlan(snapshot)).plan);
    const saved = await workbookBytes(workbook);

    const xml = await workbookXml(saved);
    const elements = definedNameElements(xml);
    expect(elements.slice(0, 2)).toEqual(USER_NAME_ELEMENTS);
    expect(elements.slice(2).map((e) => e.replace(/ comment="[^"]*"/, ""))).toEqual([
      '<definedName name="LeadCodes">Leads[Code]</definedName>',
      '<definedName name="StatusList">Statuses[Status]</definedName>',
      '<definedName name="ThemeList">Themes[Theme]</definedName>',
    ]);
    // CT_Workbook's order: the names come straight after the sheets.
    expect(xml).toMatch(/<\/sheets><definedNames><definedName /);

    const back = await readWorkbookBuffer(saved);
    const after = snapshotFromWorkbook(back);
    expect(after.names).toEqual([...snapshot.names, ...OUR_NAMES]);
    const model = readPlan(after);
    expect(isSchemaApplied(after, model)).toBe(true);
    expect(planApplySchema(after, model).plan.ops).toEqual([]);
    // Saved again untouched, each name is written once.
    expect(definedNameElements(await workbookXml(await workbookBytes(back)))).toEqual(elements);
  });

  it("moves a sheet-scoped name's localSheetId when a sheet is added before its sheet", async () => {
    const workbook = await readWorkbookBuffer(await userNamesWorkbookBytes());
    applyWritePlanToWorkbook(workbook, {
      title: "add",
      ops: [{ kind: "addSheet", sheet: "2024-25", after: "Areas" }],
    });
    const xml = await workbookXml(await workbookBytes(workbook));
    expect(xml).toContain(
      `<definedName name="Target" localSheetId="2">'2023-24'!$A$1&amp;" target"</definedName>`,
    );
  });

  it("leaves to ExcelJS a plain workbook name it models, and keeps what it would merge or strip", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Plan");
    wb.addWorksheet("Other");
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const xml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    const names = [
      `<definedName name="Plain">Plan!$A$1:$A$3</definedName>`,
      `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Plan!$A$1:$B$3</definedName>`,
      `<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">Other!$A$1:$C$9</definedName>`,
    ];
    zip.file(
      "xl/workbook.xml",
      xml.replace("</sheets>", `</sheets><definedNames>${names.join("")}</definedNames>`),
    );
    const bytes = await zip.generateAsync({ type: "uint8array" });
    const loaded = new ExcelJS.Workbook();
    await loaded.xlsx.load(bytes.slice().buffer);
    await keepUnmodelledNames(loaded, bytes);

    expect(loaded.definedNames.model).toEqual([{ name: "Plain", ranges: ["Plan!$A$1:$A$3"] }]);
    expect(keptNames(loaded).map((n) => [n.name, n.sheet, n.formula])).toEqual([
      ["_xlnm._FilterDatabase", "Plan", "Plan!$A$1:$B$3"],
      ["_xlnm._FilterDatabase", "Other", "Other!$A$1:$C$9"],
    ]);
    const saved = definedNameElements(await workbookXml(await workbookBytes(loaded)));
    expect([...saved].sort()).toEqual([...names].sort());
  });

  it("replaces a kept name of the same name, and escapes what it writes", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Plan");
    keepName(wb, "Codes", "=Old[Code]");
    keepName(wb, "codes", '=IF(Plan!$A$1<>"", "a&b", "")', 'Tom\'s "codes"');
    const xml = await workbookXml(await workbookBytes(wb));
    expect(definedNameElements(xml)).toEqual([
      `<definedName name="codes" comment="Tom's &quot;codes&quot;">IF(Plan!$A$1&lt;&gt;"", "a&amp;b", "")</definedName>`,
    ]);
  });

  it("leaves the saved workbook.xml as it is when no name is kept", () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Plan");
    const xml = '<workbook><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>';
    expect(workbookXmlWithKeptNames(wb, xml)).toBe(xml);
    keepName(wb, "Codes", "=Leads[Code]");
    expect(workbookXmlWithKeptNames(wb, xml)).toContain(
      '<definedNames><definedName name="Codes">Leads[Code]</definedName></definedNames>',
    );
  });
});
