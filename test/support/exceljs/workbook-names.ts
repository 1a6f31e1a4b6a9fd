/**
 * ExcelJS quirk (4.4): it models a defined name only as plain A1 ranges with no scope or other
 * attributes. On load it drops a name it cannot parse as ranges (a structured reference
 * "Table1[Col]", a formula, a constant), drops `localSheetId`, `hidden` and `comment`, and merges
 * same-named names of different sheets; and it cannot write such a name at all. Users make dropdowns
 * from "=Table1[Col]" names, and our own LeadCodes/StatusList/ThemeList must be structured references
 * for Excel to grow them with their tables. So the names ExcelJS would lose or change are kept here,
 * per workbook, exactly as workbook.xml has them, taken out of ExcelJS's model, and put back into the
 * saved package's workbook.xml.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { escapeXml, escapeXmlAttribute, unescapeXml } from "../../../src/xlsx/xml-text";

/** A defined name as workbook.xml holds it. */
export interface KeptName {
  readonly name: string;
  /** The formula without "=", unescaped: "Leads[Code]", "Plan!$A$2:$A$9*2". */
  readonly formula: string;
  /**
   * The sheet a sheet-scoped name belongs to (workbook.xml's localSheetId is a tab index, so it is
   * held by sheet name and worked out again on save, after sheets may have been added); null for a
   * workbook-scoped name.
   */
  readonly sheet: string | null;
  /**
   * The element's other attributes (localSheetId, hidden, comment…), unescaped, in file order; a
   * localSheetId is worked out again from `sheet` on save.
   */
  readonly attributes: ReadonlyArray<readonly [string, string]>;
}

export const WORKBOOK_PART = "xl/workbook.xml";
/** ExcelJS turns these into each sheet's page setup and writes them back itself. */
const PAGE_SETUP_NAMES = new Set(["_xlnm.print_area", "_xlnm.print_titles"]);

const keptByWorkbook = new WeakMap<ExcelJS.Workbook, KeptName[]>();

const fold = (name: string): string => name.toLowerCase();

function attributesOf(source: string): Array<[string, string]> {
  const attributes: Array<[string, string]> = [];
  for (const m of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes.push([m[1] ?? "", unescapeXml(m[2] ?? m[3] ?? "")]);
  }
  return attributes;
}

/** The sheet names in workbook.xml's <sheets>, in order: what localSheetId indexes. */
function sheetNamesOf(xml: string): string[] {
  const sheets = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets>/.exec(xml)?.[1] ?? "";
  return [...sheets.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)].map(
    (m) => attributesOf(m[1] ?? "").find(([key]) => key === "name")?.[1] ?? "",
  );
}

interface NameElement {
  readonly name: string;
  readonly formula: string;
  readonly localSheetId: number | null;
  readonly attributes: Array<[string, string]>;
}

function nameElementsOf(xml: string): NameElement[] {
  const elements: NameElement[] = [];
  const pattern = /<((?:\w+:)?)definedName\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1definedName\s*>)/g;
  for (const m of xml.matchAll(pattern)) {
    const all = attributesOf(m[2] ?? "");
    const name = all.find(([key]) => key === "name")?.[1];
    if (name === undefined) continue;
    const scope = all.find(([key]) => key === "localSheetId")?.[1];
    elements.push({
      name,
      formula: unescapeXml(m[3] ?? ""),
      localSheetId: scope === undefined ? null : Number(scope),
      attributes: all.filter(([key]) => key !== "name"),
    });
  }
  return elements;
}

function removeFromExcelJs(workbook: ExcelJS.Workbook, names: ReadonlySet<string>): void {
  const model = workbook.definedNames.model;
  if (model.some((n) => names.has(fold(n.name)))) {
    workbook.definedNames.model = model.filter((n) => !names.has(fold(n.name)));
  }
}

/**
 * Keeps, for `workbook` just loaded by ExcelJS from `zipBytes`, every defined name ExcelJS does not
 * hold as it is in the file: every same-named element of a name ExcelJS dropped, scoped, merged,
 * rewrote or stripped of an attribute. Those names leave ExcelJS's model (else they would be saved
 * twice) and are written back verbatim by workbookXmlWithKeptNames.
 *   await keepUnmodelledNames(workbook, bytes); keptNames(workbook) // → [{ name: "Codes", formula: "Table1[Code]", … }]
 */
export async function keepUnmodelledNames(workbook: ExcelJS.Workbook, zipBytes: Uint8Array): Promise<void> {
  const zip = await JSZip.loadAsync(zipBytes);
  const part = zip.file(WORKBOOK_PART);
  if (!part) return;
  const xml = await part.async("string");
  const sheets = sheetNamesOf(xml);
  const modelled = new Map(workbook.definedNames.model.map((n) => [n.name, n.ranges.join(",")]));
  const byName = new Map<string, NameElement[]>();
  for (const element of nameElementsOf(xml)) {
    const key = fold(element.name);
    if (PAGE_SETUP_NAMES.has(key)) continue;
    byName.set(key, [...(byName.get(key) ?? []), element]);
  }
  const kept: KeptName[] = [];
  const unmodelled = new Set<string>();
  for (const [key, elements] of byName) {
    const [only] = elements;
    const faithful =
      elements.length === 1 &&
      only !== undefined &&
      only.attributes.length === 0 &&
      modelled.get(only.name) === only.formula;
    if (faithful) continue;
    unmodelled.add(key);
    for (const element of elements) {
      const sheet = element.localSheetId === null ? null : sheets[element.localSheetId];
      // A scope naming no sheet is a damaged name Excel would refuse; it is not written back.
      if (sheet === undefined) continue;
      kept.push({ name: element.name, formula: element.formula, sheet, attributes: element.attributes });
    }
  }
  removeFromExcelJs(workbook, unmodelled);
  if (kept.length > 0) keptByWorkbook.set(workbook, kept);
  else keptByWorkbook.delete(workbook);
}

/**
 * Keeps a workbook-scoped name written as Excel writes it (ExcelJS cannot write "Leads[Code]"),
 * replacing any same-named workbook-scoped name, kept or in ExcelJS's model.
 *   keepName(workbook, "LeadCodes", "=Leads[Code]", "Lead codes for dropdowns")
 */
export function keepName(workbook: ExcelJS.Workbook, name: string, formula: string, comment = ""): void {
  forgetKeptName(workbook, name);
  removeFromExcelJs(workbook, new Set([fold(name)]));
  const kept = keptByWorkbook.get(workbook) ?? [];
  kept.push({
    name,
    formula: formula.replace(/^=/, ""),
    sheet: null,
    attributes: comment === "" ? [] : [["comment", comment]],
  });
  keptByWorkbook.set(workbook, kept);
}

/** Drops a kept workbook-scoped name (one about to be defined in ExcelJS's model instead). */
export function forgetKeptName(workbook: ExcelJS.Workbook, name: string): void {
  const kept = keptByWorkbook.get(workbook);
  if (!kept) return;
  const rest = kept.filter((n) => n.sheet !== null || fold(n.name) !== fold(name));
  keptByWorkbook.set(workbook, rest);
}

/** The names kept for `workbook` (none for a workbook not read by readWorkbookBuffer). */
export function keptNames(workbook: ExcelJS.Workbook): readonly KeptName[] {
  return keptByWorkbook.get(workbook) ?? [];
}

function nameElement(name: KeptName, localSheetId: number | null): string {
  const attributes = [["name", name.name], ...name.attributes].map(([key, value]) =>
    key === "localSheetId" ? [key, String(localSheetId)] : [key, value],
  );
  const text = attributes.map(([key, value]) => ` ${key}="${escapeXmlAttribute(value ?? "")}"`).join("");
  return `<definedName${text}>${escapeXml(name.formula)}</definedName>`;
}

/**
 * The saved xl/workbook.xml of `workbook` with its kept names written in, inside <definedNames> (made
 * after </sheets> when ExcelJS wrote none: CT_Workbook's element order); the same string when nothing
 * is kept.
 *   const xml = workbookXmlWithKeptNames(workbook, savedXml);
 */
export function workbookXmlWithKeptNames(workbook: ExcelJS.Workbook, xml: string): string {
  const kept = keptNames(workbook);
  if (kept.length === 0) return xml;
  const sheets = sheetNamesOf(xml);
  const elements = kept.flatMap((name) => {
    if (name.sheet === null) return [nameElement(name, null)];
    const index = sheets.indexOf(name.sheet);
    return index < 0 ? [] : [nameElement(name, index)];
  });
  if (elements.length === 0) return xml;
  const added = elements.join("");
  if (/<definedNames\s*\/>/.test(xml)) {
    return xml.replace(/<definedNames\s*\/>/, () => `<definedNames>${added}</definedNames>`);
  }
  if (xml.includes("</definedNames>")) return xml.replace("</definedNames>", () => `${added}</definedNames>`);
  if (xml.includes("</sheets>")) {
    return xml.replace("</sheets>", () => `</sheets><definedNames>${added}</definedNames>`);
  }
  throw new Error(`The saved ${WORKBOOK_PART} has no <sheets> to put the defined names after`);
}
