/**
 * Workbooks built from raw XML parts by test code and zipped with fflate: for features ExcelJS cannot
 * model or writes wrongly (notes with their VML, x14 extensions, custom properties, sheet views…), so
 * a test of what the package writer keeps starts from the XML Excel itself writes.
 *
 *   const bytes = rawWorkbook({ sheets: [{ name: "Plan", body: "<sheetData>…</sheetData>" }] });
 */
import { strToU8, zipSync } from "fflate";

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const TYPE = "application/vnd.openxmlformats-officedocument";

/** A relationship of a part: `type` is the last segment of its type URI ("table", "comments"…). */
export interface RawRel {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external?: boolean;
}

export interface RawSheet {
  readonly name: string;
  /** The children of <worksheet>, in schema order. */
  readonly body: string;
  readonly rels?: readonly RawRel[];
  /** Extra namespace declarations on <worksheet> (xmlns:x14ac="…" mc:Ignorable="…"). */
  readonly rootAttributes?: string;
}

export interface RawWorkbookSpec {
  readonly sheets: readonly RawSheet[];
  /** Shared strings, in index order. */
  readonly strings?: readonly string[];
  /** The <definedName> elements. */
  readonly definedNames?: string;
  /** Other parts by path (tables, comments, drawings, images…); their content types follow their paths. */
  readonly parts?: Readonly<Record<string, string | Uint8Array>>;
  /** Relationships of the package root beyond the workbook's (custom properties…). */
  readonly rootRels?: readonly RawRel[];
  /** <workbookView> attributes. */
  readonly bookView?: string;
}

const relationshipType = (type: string): string =>
  type === "custom-properties"
    ? `${TYPE}/2006/relationships/custom-properties`
    : type === "core-properties"
      ? "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
      : `${REL_NS}/${type}`;

export function relsXml(rels: readonly RawRel[]): string {
  const items = rels
    .map(
      (r) =>
        `<Relationship Id="${r.id}" Type="${relationshipType(r.type)}" Target="${r.target}"${r.external ? ' TargetMode="External"' : ""}/>`,
    )
    .join("");
  return `${DECLARATION}<Relationships xmlns="${PKG_RELS}">${items}</Relationships>`;
}

const escape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const CONTENT_TYPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^xl\/worksheets\/[^/]+\.xml$/, `${TYPE}.spreadsheetml.worksheet+xml`],
  [/^xl\/tables\/[^/]+\.xml$/, `${TYPE}.spreadsheetml.table+xml`],
  [/^xl\/comments[^/]*\.xml$/, `${TYPE}.spreadsheetml.comments+xml`],
  [/^xl\/drawings\/[^/]+\.xml$/, `${TYPE}.drawing+xml`],
  [/^xl\/charts\/[^/]+\.xml$/, `${TYPE}.drawingml.chart+xml`],
  [/^docProps\/custom\.xml$/, `${TYPE}.custom-properties+xml`],
  [/^docProps\/core\.xml$/, "application/vnd.openxmlformats-package.core-properties+xml"],
];

/** The workbook's .xlsx bytes. */
export function rawWorkbook(spec: RawWorkbookSpec): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const put = (path: string, data: string | Uint8Array): void => {
    files[path] = typeof data === "string" ? strToU8(data) : data;
  };
  const workbookRels: RawRel[] = [];
  const sheetElements = spec.sheets.map((sheet, i) => {
    const path = `xl/worksheets/sheet${i + 1}.xml`;
    put(
      path,
      `${DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"${sheet.rootAttributes ?? ""}>${sheet.body}</worksheet>`,
    );
    if (sheet.rels && sheet.rels.length > 0)
      put(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, relsXml(sheet.rels));
    workbookRels.push({ id: `rId${i + 1}`, type: "worksheet", target: `worksheets/sheet${i + 1}.xml` });
    return `<sheet name="${escape(sheet.name).replace(/"/g, "&quot;")}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`;
  });
  const n = spec.sheets.length;
  workbookRels.push({ id: `rId${n + 1}`, type: "styles", target: "styles.xml" });
  put(
    "xl/styles.xml",
    `${DECLARATION}<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
  );
  const strings = spec.strings ?? [];
  if (strings.length > 0) {
    workbookRels.push({ id: `rId${n + 2}`, type: "sharedStrings", target: "sharedStrings.xml" });
    const items = strings.map((s) => `<si><t xml:space="preserve">${escape(s)}</t></si>`).join("");
    put(
      "xl/sharedStrings.xml",
      `${DECLARATION}<sst xmlns="${MAIN_NS}" count="${strings.length}" uniqueCount="${strings.length}">${items}</sst>`,
    );
  }
  const names = spec.definedNames ? `<definedNames>${spec.definedNames}</definedNames>` : "";
  put(
    "xl/workbook.xml",
    `${DECLARATION}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView ${spec.bookView ?? ""}/></bookViews>` +
      `<sheets>${sheetElements.join("")}</sheets>${names}<calcPr calcId="191029"/></workbook>`,
  );
  put("xl/_rels/workbook.xml.rels", relsXml(workbookRels));
  put(
    "_rels/.rels",
    relsXml([{ id: "rId1", type: "officeDocument", target: "xl/workbook.xml" }, ...(spec.rootRels ?? [])]),
  );
  for (const [path, data] of Object.entries(spec.parts ?? {})) put(path, data);

  const overrides = Object.keys(files)
    .flatMap((path) => {
      if (path === "xl/workbook.xml") return [[path, `${TYPE}.spreadsheetml.sheet.main+xml`]];
      if (path === "xl/styles.xml") return [[path, `${TYPE}.spreadsheetml.styles+xml`]];
      if (path === "xl/sharedStrings.xml") return [[path, `${TYPE}.spreadsheetml.sharedStrings+xml`]];
      const type = CONTENT_TYPES.find(([pattern]) => pattern.test(path))?.[1];
      return type === undefined ? [] : [[path, type]];
    })
    .map(([path, type]) => `<Override PartName="/${path}" ContentType="${type}"/>`)
    .join("");
  put(
    "[Content_Types].xml",
    `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Default Extension="vml" ContentType="${TYPE}.vmlDrawing"/>` +
      '<Default Extension="png" ContentType="image/png"/>' +
      `${overrides}</Types>`,
  );
  return zipSync(files);
}

/** A row of inline-string and number cells from column A: row(3, ["Ref", 1]). */
export function rowXml(row: number, values: ReadonlyArray<string | number | null>, attributes = ""): string {
  const cells = values
    .map((v, i) => {
      if (v === null) return "";
      const ref = `${String.fromCharCode(65 + i)}${row}`;
      return typeof v === "number"
        ? `<c r="${ref}"><v>${v}</v></c>`
        : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escape(v)}</t></is></c>`;
    })
    .join("");
  return `<row r="${row}"${attributes}>${cells}</row>`;
}
