/**
 * A copy of a workbook that prints one sheet: every other sheet hidden (LibreOffice and Excel leave
 * hidden sheets out of a PDF) and that sheet the active one, everything else kept byte for byte.
 * The summary's `--pdf` converts such a copy, so the PDF is the Summary and not the whole workbook.
 */
import { DEFAULT_LIMITS, ZipPackage } from "./package-zip";
import { type ElementSpan, elementTree, spliced, withAttributeValue } from "./xml-spans";
import { withMainNamespaceUnprefixed } from "./xml-text";
import { crc32, zipEntryOf, zipOfEntries, type ZipCodec, type ZipEntry } from "./zip-parts";

/**
 * workbook.xml with only `sheet` visible and active; throws when it has no such sheet. The sheets
 * and view are found by the tokenizer and only their start tags change (a part written under a
 * SpreadsheetML prefix is given unprefixed).
 */
export function workbookXmlPrinting(given: string, sheet: string): string {
  const xml = withMainNamespaceUnprefixed(given);
  const root = elementTree(xml, "workbook.xml");
  const child = (element: ElementSpan | undefined, name: string): ElementSpan[] =>
    element === undefined ? [] : element.children.filter((c) => c.name === name);
  const sheets = child(child(root, "sheets")[0], "sheet");
  const wanted = sheet.toLowerCase();
  const index = sheets.findIndex((s) => s.attributes["name"]?.toLowerCase() === wanted);
  if (index < 0) throw new Error(`The workbook has no sheet '${sheet}' to print`);
  const tagOf = (element: ElementSpan): string => xml.slice(element.start, element.tagEnd);
  const edits = sheets.map((s, i) => ({
    start: s.start,
    end: s.tagEnd,
    text:
      i === index
        ? withAttributeValue(tagOf(s), "state", undefined)
        : withAttributeValue(tagOf(s), "state", "hidden"),
  }));
  const view = child(child(root, "bookViews")[0], "workbookView")[0];
  if (view !== undefined) {
    const tag = withAttributeValue(
      withAttributeValue(tagOf(view), "activeTab", String(index)),
      "firstSheet",
      String(index),
    );
    edits.push({ start: view.start, end: view.tagEnd, text: tag });
  }
  return spliced(xml, edits);
}

/** The main document's part named by the package's relationships (_rels/.rels), read by the tokenizer. */
function officeDocumentOf(rels: string): string | undefined {
  if (rels === "") return undefined;
  const found = elementTree(rels, "_rels/.rels").children.find(
    (r) => r.name === "Relationship" && (r.attributes["Type"] ?? "").endsWith("/officeDocument"),
  );
  return found?.attributes["Target"]?.replace(/^\//, "");
}

/** The workbook in `bytes` with only `sheet` left to print (see workbookXmlPrinting). */
export async function workbookPrintingSheet(
  bytes: Uint8Array,
  sheet: string,
  codec: ZipCodec,
): Promise<Uint8Array<ArrayBuffer>> {
  const zip = ZipPackage.open(bytes, "the workbook", DEFAULT_LIMITS, codec.inflate ?? null, codec.crc32);
  const rels = zip.text("_rels/.rels") ?? "";
  const target = officeDocumentOf(rels) ?? "xl/workbook.xml";
  const out = await Promise.all(
    zip
      .names()
      .flatMap((name) => zip.checkedEntry(name) ?? [])
      .map(async (entry): Promise<ZipEntry> => {
        if (entry.name !== target) return entry;
        const data = new TextEncoder().encode(workbookXmlPrinting(zip.text(entry.name) ?? "", sheet));
        const deflating = codec.deflateRaw(data);
        return zipEntryOf(
          {
            name: entry.name,
            data,
            crc32: (codec.crc32 ?? crc32)(data),
            dosTime: entry.dosTime,
            dosDate: entry.dosDate,
          },
          deflating,
        );
      }),
  );
  return zipOfEntries(out);
}
