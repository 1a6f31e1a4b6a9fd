/**
 * A plan workbook holding defined names a user made that ExcelJS cannot model: a dropdown source
 * over a table column (a structured reference, with a comment) and a sheet-scoped formula. ExcelJS
 * cannot write either, so they are put into workbook.xml with jszip.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";

/** As the user wrote them in workbook.xml (attributes escaped). */
export const USER_NAME_ELEMENTS = [
  `<definedName name="AreaList" comment="Areas for the dropdown &amp; the report">Areas[Area]</definedName>`,
  `<definedName name="Target" localSheetId="1">'2023-24'!$A$1&amp;" target"</definedName>`,
];

export async function userNamesWorkbookBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const areas = wb.addWorksheet("Areas");
  areas.addTable({
    name: "Areas",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "Area" }],
    rows: [["North"], ["South"]],
  });
  const plan = wb.addWorksheet("2023-24");
  plan.getCell("A1").value = "2023-24: action plan";
  const rows = [
    ["Ref", "Action", "Lead", "Update", "Status", "Due"],
    ["1", "Patrol the park", "MW", "Started", "Amber"],
    ["2", "Light the underpass", "CS", "", "Green"],
  ];
  rows.forEach((row, r) => row.forEach((value, c) => (plan.getCell(3 + r, 1 + c).value = value)));
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const xml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  if (!xml.includes("</sheets>") || xml.includes("<definedNames")) throw new Error("unexpected workbook.xml");
  zip.file(
    "xl/workbook.xml",
    xml.replace("</sheets>", `</sheets><definedNames>${USER_NAME_ELEMENTS.join("")}</definedNames>`),
  );
  return zip.generateAsync({ type: "uint8array" });
}
