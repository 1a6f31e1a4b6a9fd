/**
 * Reading the package-level parts of an .xlsx (ECMA-376 Part 2, Open Packaging Conventions): the
 * content types, the relationship parts and where their targets resolve, and the XML of a part read
 * through the tokenizer. The reading half of the package model; package-zip.ts holds the zip.
 */
import type { ZipPackage } from "./package-zip";
import { WorkbookFileError } from "./workbook-file-error";
import { asWorkbookFileError, oneLine } from "./package-zip";
import { type XmlShortcut, type XmlVisitor, scanXml } from "./xml-tokens";

/** An element's name without its namespace prefix (`x:row` → `row`). */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Scans a part's XML with `visitor` (and `shortcut`: xml-tokens.ts); returns false when the package has no such part. The part's
 * XmlRefusal (a DOCTYPE, XML not well-formed) becomes a WorkbookFileError naming the file.
 */
export function scanPart(
  zip: ZipPackage,
  partName: string,
  visitor: XmlVisitor,
  shortcut: XmlShortcut | null = null,
): boolean {
  const xml = zip.text(partName);
  if (xml === null) return false;
  try {
    scanXml(xml, partName, visitor, shortcut);
  } catch (e) {
    throw asWorkbookFileError(e, zip.file);
  }
  return true;
}

/** A part the model cannot read: one line naming the file and the part. */
export function damagedPart(zip: ZipPackage, what: string): WorkbookFileError {
  return new WorkbookFileError(`${zip.file} is damaged: ${oneLine(what)}.`, zip.file, "damaged");
}

/** What [Content_Types].xml says of the parts: types by extension and by part name. */
export interface ContentTypes {
  readonly defaults: ReadonlyMap<string, string>;
  readonly overrides: ReadonlyMap<string, string>;
}

export const CONTENT_TYPES_PART = "[Content_Types].xml";

/** The package's content types; a package without them is not an Office file. */
export function readContentTypes(zip: ZipPackage): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  const found = scanPart(zip, CONTENT_TYPES_PART, {
    start(tag) {
      const name = localName(tag.name);
      const type = tag.attributes.ContentType ?? "";
      if (name === "Default") defaults.set((tag.attributes.Extension ?? "").toLowerCase(), type);
      else if (name === "Override") overrides.set((tag.attributes.PartName ?? "").replace(/^\//, ""), type);
    },
  });
  if (!found) {
    throw new WorkbookFileError(
      `${zip.file} is not an Excel workbook (.xlsx): its zip package has no [Content_Types].xml.`,
      zip.file,
      "not-a-workbook",
    );
  }
  return { defaults, overrides };
}

/** A relationship of a part (or of the package, for _rels/.rels). */
export interface Relationship {
  readonly id: string;
  /** The relationship type's last segment ("worksheet", "officeDocument"), so Strict's URIs match too. */
  readonly kind: string;
  /** The target part's name, resolved against the owner's folder; an external target as written. */
  readonly target: string;
  readonly external: boolean;
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels; "" → _rels/.rels. */
export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against the folder of the part that owns the relationship. */
export function resolveTarget(ownerPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ownerPart.split("/").slice(0, -1);
  for (const segment of target.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== "." && segment !== "") parts.push(segment);
  }
  return parts.join("/");
}

/**
 * The relationships of `ownerPart` ("" for the package's own), in file order; none when it has no
 * relationships part. Two relationships with one id is damage (ECMA-376 Part 2, 9.3.2.2).
 */
export function readRelationships(zip: ZipPackage, ownerPart: string): Relationship[] {
  const relationships: Relationship[] = [];
  const ids = new Set<string>();
  const relsPart = relationshipsPartOf(ownerPart);
  scanPart(zip, relsPart, {
    start(tag) {
      if (localName(tag.name) !== "Relationship") return;
      const id = tag.attributes.Id ?? "";
      if (ids.has(id)) throw damagedPart(zip, `${relsPart} holds the relationship ${id} twice`);
      ids.add(id);
      const external = tag.attributes.TargetMode === "External";
      const target = tag.attributes.Target ?? "";
      const type = tag.attributes.Type ?? "";
      relationships.push({
        id,
        kind: type.slice(type.lastIndexOf("/") + 1),
        target: external ? target : resolveTarget(ownerPart, decodeTarget(target)),
        external,
      });
    },
  });
  return relationships;
}

/** A target is a URI: "%20" is a space in the part name. */
function decodeTarget(target: string): string {
  if (!target.includes("%")) return target;
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

/**
 * The part the package's office-document relationship points to (xl/workbook.xml as Excel writes
 * it); a package without one is not a workbook.
 */
export function mainPartOf(zip: ZipPackage): string {
  const main = readRelationships(zip, "").find((r) => r.kind === "officeDocument" && !r.external);
  if (!main) {
    throw new WorkbookFileError(
      `${zip.file} is not an Excel workbook (.xlsx): its package names no main document.`,
      zip.file,
      "not-a-workbook",
    );
  }
  if (!zip.has(main.target)) throw damagedPart(zip, `its main document ${main.target} is missing`);
  return main.target;
}
