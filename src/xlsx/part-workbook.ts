/**
 * Reading xl/workbook.xml: the sheets in tab order (name, visibility, relationship), the defined
 * names as the file has them, and the date system.
 */
import type { ZipPackage } from "./package-zip";
import { damagedPart, localName, scanPart } from "./part-package";
import { MAX_UNSIGNED_INT, unsignedIntOf } from "./unsigned-int";

/** A sheet as workbook.xml lists it. */
export interface WorkbookSheet {
  readonly name: string;
  readonly sheetId: string;
  /** The id of the workbook's relationship to the sheet's part. */
  readonly relationshipId: string;
  readonly visibility: "visible" | "hidden" | "veryHidden";
}

/** A <definedName> as the file has it. */
export interface WorkbookDefinedName {
  readonly name: string;
  /** The formula without "=", references resolved: "Leads[Code]", "Plan!$A$2:$A$9". */
  readonly formula: string;
  /** The tab index of the sheet a sheet-scoped name belongs to; null for a workbook-scoped name. */
  readonly localSheetId: number | null;
  readonly hidden: boolean;
}

export interface WorkbookPart {
  readonly sheets: readonly WorkbookSheet[];
  readonly definedNames: readonly WorkbookDefinedName[];
  /** Whether serials count days from 1 January 1904 (workbookPr date1904) rather than 1900. */
  readonly date1904: boolean;
}

/** xsd:boolean as the schema allows it: "1" or "true". */
export function xmlBoolean(value: string | undefined): boolean {
  return value === "1" || value === "true";
}

/** An attribute's value as a message quotes it: a long one cut short. */
export function quotedValue(value: string): string {
  return `'${value.length > 24 ? `${value.slice(0, 24)}…` : value}'`;
}

/**
 * Reads the workbook part `partName`: a WorkbookFileError when it is not well-formed, or when a sheet's
 * id is not one the schema allows (the writer would copy it into every workbook it writes, and number
 * a new sheet after it).
 */
export function readWorkbookPart(zip: ZipPackage, partName: string): WorkbookPart {
  const sheets: WorkbookSheet[] = [];
  const definedNames: WorkbookDefinedName[] = [];
  let date1904 = false;
  let name: { name: string; localSheetId: number | null; hidden: boolean } | null = null;
  let formula = "";
  scanPart(zip, partName, {
    start(tag) {
      const a = tag.attributes;
      switch (localName(tag.name)) {
        case "sheet": {
          const state = a.state;
          if (unsignedIntOf(a.sheetId) === null) {
            const sheet = `the sheet '${a.name ?? ""}'`;
            throw damagedPart(
              zip,
              a.sheetId === undefined
                ? `${sheet} has no id in ${partName}`
                : `${sheet} has the id ${quotedValue(a.sheetId)} in ${partName}, which is no sheet id (a whole number up to ${MAX_UNSIGNED_INT})`,
            );
          }
          sheets.push({
            name: a.name ?? "",
            sheetId: a.sheetId ?? "",
            relationshipId: a["r:id"] ?? relationshipAttribute(a) ?? "",
            visibility: state === "hidden" || state === "veryHidden" ? state : "visible",
          });
          break;
        }
        case "workbookPr":
          date1904 = xmlBoolean(a.date1904);
          break;
        case "definedName": {
          const scope = a.localSheetId;
          name = {
            name: a.name ?? "",
            localSheetId: scope === undefined || !/^\d+$/.test(scope) ? null : Number(scope),
            hidden: xmlBoolean(a.hidden),
          };
          formula = "";
          break;
        }
      }
    },
    text(text) {
      if (name !== null) formula += text.text;
    },
    end(tag) {
      if (name !== null && localName(tag.name) === "definedName") {
        definedNames.push({ ...name, formula });
        name = null;
      }
    },
  });
  return { sheets, definedNames, date1904 };
}

/** The relationship id of an element whose relationships prefix is not "r" (any `*:id` attribute). */
function relationshipAttribute(attributes: Readonly<Record<string, string>>): string | undefined {
  for (const [key, value] of Object.entries(attributes)) if (key.endsWith(":id")) return value;
  return undefined;
}
