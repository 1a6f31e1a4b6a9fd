/**
 * A copy of a workbook that prints one sheet: every other sheet hidden (LibreOffice and Excel leave
 * hidden sheets out of a PDF) and that sheet the active one, everything else kept byte for byte.
 * The summary's `--pdf` converts such a copy, so the PDF is the Summary and not the whole workbook.
 */
import { DEFAULT_LIMITS, ZipPackage } from "./package-zip";
import { crc32, zipEntryOf, zipOfEntries, type ZipCodec, type ZipEntry } from "./zip-parts";

function attributeValue(tag: string, name: string): string | null {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
}

function withAttribute(tag: string, name: string, value: string): string {
  const pattern = new RegExp(`\\s${name}="[^"]*"`);
  if (pattern.test(tag)) return tag.replace(pattern, ` ${name}="${value}"`);
  const end = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end)} ${name}="${value}"${tag.slice(end)}`;
}

/** workbook.xml with only `sheet` visible and active; throws when it has no such sheet. */
export function workbookXmlPrinting(xml: string, sheet: string): string {
  const tags = [...xml.matchAll(/<sheet\b[^>]*?\/?>/g)].map((m) => m[0]);
  // Names are stored escaped; the sheets the add-in prints have plain names ("Summary").
  const index = tags.findIndex((t) => attributeValue(t, "name")?.toLowerCase() === sheet.toLowerCase());
  if (index < 0) throw new Error(`The workbook has no sheet '${sheet}' to print`);
  let out = xml.replace(/<sheet\b[^>]*?\/?>/g, (tag) =>
    attributeValue(tag, "name")?.toLowerCase() === sheet.toLowerCase()
      ? tag.replace(/\sstate="[^"]*"/, "")
      : withAttribute(tag, "state", "hidden"),
  );
  out = out.replace(/<workbookView\b[^>]*?\/?>/, (tag) =>
    withAttribute(withAttribute(tag, "activeTab", String(index)), "firstSheet", String(index)),
  );
  return out;
}

/** The workbook in `bytes` with only `sheet` left to print (see workbookXmlPrinting). */
export async function workbookPrintingSheet(
  bytes: Uint8Array,
  sheet: string,
  codec: ZipCodec,
): Promise<Uint8Array<ArrayBuffer>> {
  const zip = ZipPackage.open(bytes, "the workbook", DEFAULT_LIMITS, codec.inflate ?? null);
  const rels = zip.text("_rels/.rels") ?? "";
  const target =
    /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*Target="\/?([^"]+)"/.exec(rels)?.[1] ??
    /<Relationship\b[^>]*Target="\/?([^"]+)"[^>]*Type="[^"]*\/officeDocument"/.exec(rels)?.[1] ??
    "xl/workbook.xml";
  const out = await Promise.all(
    zip
      .names()
      .flatMap((name) => zip.entry(name) ?? [])
      .map(async (entry): Promise<ZipEntry> => {
        if (entry.name !== target) return entry;
        const data = new TextEncoder().encode(workbookXmlPrinting(zip.text(entry.name) ?? "", sheet));
        return zipEntryOf(
          {
            name: entry.name,
            data,
            crc32: (codec.crc32 ?? crc32)(data),
            dosTime: entry.dosTime,
            dosDate: entry.dosDate,
          },
          codec.deflateRaw,
        );
      }),
  );
  return zipOfEntries(out);
}
