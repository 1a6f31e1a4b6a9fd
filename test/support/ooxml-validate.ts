/**
 * Validates written .xlsx packages as Excel sees them (issue 14, part 5): every SpreadsheetML,
 * spreadsheet-drawing and chart part against the ECMA-376 Transitional schemas in ../shared/ooxml-xsd
 * (with `xmllint --schema`, one process per schema for all the parts of all the packages given), after
 * setting aside what Excel writes in other namespaces (mc:AlternateContent as its Fallback; x14, x14ac,
 * xr… elements and attributes; <ext> contents are left alone, as CT_Extension takes any element
 * laxly); then the rules Excel enforces beyond the schema (a table's header cells equal its column
 * names; no merged cell, other table or sheet autoFilter overlaps a table; table names unique against
 * defined names too; sheet names in formulas quoted where needed and naming sheets that exist), and
 * the package's own wiring (every relationship's part exists, every part has a content type).
 *
 *   expect(await packageProblems([{ label: "fixture.xlsx", bytes }])).toEqual([]);
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { columnLetters, parseRangeAddress, quoteSheetName } from "../../src/core/basics/cell-address";
import type { GridRange } from "../../src/core/basics/snapshot";

const run = promisify(execFile);

export const XSD_DIR = path.resolve(__dirname, "../../../shared/ooxml-xsd");

const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  mc: "http://schemas.openxmlformats.org/markup-compatibility/2006",
  xml: "http://www.w3.org/XML/1998/namespace",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  pkgRels: "http://schemas.openxmlformats.org/package/2006/relationships",
  types: "http://schemas.openxmlformats.org/package/2006/content-types",
};

/** The namespaces the schema set declares: elements in any other are set aside. */
const SCHEMA_NAMESPACES = new Set([
  NS.main,
  NS.r,
  NS.xdr,
  NS.chart,
  "http://schemas.openxmlformats.org/drawingml/2006/main",
  "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing",
  "http://schemas.openxmlformats.org/drawingml/2006/diagram",
  "http://schemas.openxmlformats.org/drawingml/2006/picture",
  "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas",
  "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
]);

/** The schema a part's root validates against, by its root's namespace. */
const SCHEMA_OF_ROOT: Readonly<Record<string, string>> = {
  [NS.main]: "sml.xsd",
  [NS.xdr]: "dml-spreadsheetDrawing.xsd",
  [NS.chart]: "dml-chart.xsd",
};

// ---- a small namespace-aware tree -------------------------------------------------------------------

export interface XmlAttribute {
  readonly uri: string;
  readonly local: string;
  readonly prefix: string;
  readonly value: string;
}

export interface XmlElement {
  readonly uri: string;
  readonly local: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: Array<XmlElement | string>;
}

/** The part parsed; throws with saxes' message for XML that is not well-formed. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on("opentag", (tag) => {
    const attributes = Object.values(tag.attributes)
      .filter((a) => a.prefix !== "xmlns" && a.name !== "xmlns")
      .map((a) => ({ uri: a.uri, local: a.local, prefix: a.prefix, value: a.value }));
    const element: XmlElement = { uri: tag.uri, local: tag.local, attributes, children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on("closetag", () => void stack.pop());
  const text = (t: string): void => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(t);
  };
  parser.on("text", text);
  parser.on("cdata", text);
  parser.on("error", (e) => {
    throw e;
  });
  parser.write(xml).close();
  if (root === null) throw new Error("no root element");
  return root;
}

export const elements = (e: XmlElement, local: string, uri = NS.main): XmlElement[] =>
  e.children.filter((c): c is XmlElement => typeof c !== "string" && c.local === local && c.uri === uri);

export const child = (e: XmlElement, local: string, uri = NS.main): XmlElement | undefined =>
  elements(e, local, uri)[0];

export function descendants(e: XmlElement, local: string, uri = NS.main): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (node: XmlElement): void => {
    for (const c of node.children) {
      if (typeof c === "string") continue;
      if (c.local === local && c.uri === uri) out.push(c);
      visit(c);
    }
  };
  visit(e);
  return out;
}

export const attribute = (e: XmlElement, local: string, uri = ""): string | undefined =>
  e.attributes.find((a) => a.local === local && a.uri === uri)?.value;

export const textOf = (e: XmlElement): string =>
  e.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");

// ---- setting aside other namespaces, and serialising ------------------------------------------------

/** The element with markup outside the schemas set aside (see the module comment); null when it goes. */
function schemaView(e: XmlElement, insideExt: boolean): XmlElement[] {
  if (insideExt) return [e];
  if (e.uri === NS.mc && e.local === "AlternateContent") {
    const fallback = child(e, "Fallback", NS.mc);
    if (fallback === undefined) return [];
    return fallback.children.flatMap((c) => (typeof c === "string" ? [] : schemaView(c, false)));
  }
  if (!SCHEMA_NAMESPACES.has(e.uri)) return [];
  const ext = e.local === "ext";
  return [
    {
      uri: e.uri,
      local: e.local,
      attributes: e.attributes.filter((a) => a.uri === "" || a.uri === NS.r),
      children: e.children.flatMap((c): Array<XmlElement | string> =>
        typeof c === "string" ? [c] : schemaView(c, ext),
      ),
    },
  ];
}

const escapeText = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string): string =>
  escapeText(s)
    .replace(/"/g, "&quot;")
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);

function serialise(root: XmlElement): string {
  const prefixes = new Map<string, string>();
  const prefixOf = (uri: string): string => {
    if (uri === NS.xml) return "xml";
    let p = prefixes.get(uri);
    if (p === undefined) {
      p = `n${prefixes.size}`;
      prefixes.set(uri, p);
    }
    return p;
  };
  const write = (e: XmlElement): string => {
    const name = `${prefixOf(e.uri)}:${e.local}`;
    let s = `<${name}`;
    for (const a of e.attributes) {
      s += ` ${a.uri === "" ? a.local : `${prefixOf(a.uri)}:${a.local}`}="${escapeAttr(a.value)}"`;
    }
    if (e.children.length === 0) return `${s}/>`;
    s += ">";
    for (const c of e.children) s += typeof c === "string" ? escapeText(c) : write(c);
    return `${s}</${name}>`;
  };
  const body = write(root);
  const declarations = [...prefixes].map(([uri, p]) => ` xmlns:${p}="${escapeAttr(uri)}"`).join("");
  const firstSpace = body.search(/[\s/>]/);
  return `${body.slice(0, firstSpace)}${declarations}${body.slice(firstSpace)}`;
}

// ---- packages -------------------------------------------------------------------------------------

export interface PackageToValidate {
  /** Names the package in problems ("fixture.xlsx after apply-schema"). */
  readonly label: string;
  readonly bytes: Uint8Array;
}

interface OpenPackage {
  readonly label: string;
  readonly files: Record<string, Uint8Array>;
  readonly trees: Map<string, XmlElement>;
}

const decoder = new TextDecoder();

function resolveTarget(owner: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = owner.split("/").slice(0, -1);
  for (const segment of target.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== "." && segment !== "") parts.push(segment);
  }
  return parts.join("/");
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Rel {
  readonly id: string;
  readonly type: string;
  readonly path: string;
  readonly external: boolean;
}

function relationshipsOf(pkg: OpenPackage, owner: string): Rel[] {
  const tree = pkg.trees.get(owner === "" ? "_rels/.rels" : relsPathOf(owner));
  if (tree === undefined) return [];
  return elements(tree, "Relationship", NS.pkgRels).map((r) => {
    const external = attribute(r, "TargetMode") === "External";
    const target = attribute(r, "Target") ?? "";
    return {
      id: attribute(r, "Id") ?? "",
      type: (attribute(r, "Type") ?? "").replace(/^.*\//, ""),
      path: external ? target : resolveTarget(owner, target),
      external,
    };
  });
}

const decodeXlsxEscapes = (text: string): string =>
  text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

function overlaps(a: GridRange, b: GridRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** Sheet names a formula refers to ('Quoted ''name''' or plain), outside string literals. */
export function sheetReferences(formula: string): Array<{ readonly name: string; readonly quoted: boolean }> {
  const out: Array<{ name: string; quoted: boolean }> = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"') {
      const end = formula.indexOf('"', i + 1);
      i = end < 0 ? formula.length : end + 1;
      // "" inside a literal is an escaped quote: the scan resumes at the next quote either way.
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let name = "";
      for (; j < formula.length; j++) {
        if (formula[j] === "'") {
          if (formula[j + 1] === "'") {
            name += "'";
            j++;
            continue;
          }
          break;
        }
        name += formula[j];
      }
      // A name holding "]" is another workbook's sheet ('[1]Plan', 'C:\\[plan.xlsx]Plan'): not this one's.
      if (formula[j + 1] === "!" && !name.includes("]")) out.push({ name, quoted: true });
      i = j + 1;
      continue;
    }
    const m = /^[^\s'"!(),;=+\-*/&^<>{}%]+!/.exec(formula.slice(i));
    if (m !== null && (i === 0 || !/[A-Za-z0-9_.\]]/.test(formula[i - 1]!))) {
      const token = m[0].slice(0, -1);
      if (!token.startsWith("#") && !token.startsWith("[")) out.push({ name: token, quoted: false });
      i += m[0].length;
      continue;
    }
    i++;
  }
  return out;
}

function cellTexts(sheet: XmlElement, strings: readonly string[]): Map<string, string> {
  const texts = new Map<string, string>();
  const data = child(sheet, "sheetData");
  if (data === undefined) return texts;
  for (const row of elements(data, "row")) {
    for (const c of elements(row, "c")) {
      const ref = attribute(c, "r");
      if (ref === undefined) continue;
      const type = attribute(c, "t") ?? "n";
      const v = child(c, "v");
      let text: string | null = null;
      if (type === "s" && v !== undefined) text = strings[Number(textOf(v))] ?? null;
      else if (type === "inlineStr") {
        const is = child(c, "is");
        text = is === undefined ? "" : stringItemText(is);
      } else if (v !== undefined) text = textOf(v);
      if (text !== null) texts.set(ref.replace(/\$/g, ""), text);
    }
  }
  return texts;
}

function stringItemText(si: XmlElement): string {
  const t = child(si, "t");
  const runs = elements(si, "r").map((r) => {
    const rt = child(r, "t");
    return rt === undefined ? "" : textOf(rt);
  });
  return decodeXlsxEscapes((t === undefined ? "" : textOf(t)) + runs.join(""));
}

/** The rules Excel enforces beyond the schema, and the package's wiring. */
function excelRuleProblems(pkg: OpenPackage): string[] {
  const problems: string[] = [];
  const say = (part: string, message: string): void => void problems.push(`${pkg.label} ${part}: ${message}`);

  // Wiring: every internal relationship's part exists; every part has a content type.
  const types = pkg.trees.get("[Content_Types].xml");
  if (types === undefined) say("[Content_Types].xml", "missing");
  const defaults = new Set(
    types === undefined
      ? []
      : elements(types, "Default", NS.types).map((d) => (attribute(d, "Extension") ?? "").toLowerCase()),
  );
  const overrides = new Set(
    types === undefined
      ? []
      : elements(types, "Override", NS.types).map((o) => attribute(o, "PartName") ?? ""),
  );
  for (const name of Object.keys(pkg.files)) {
    if (name === "[Content_Types].xml" || name.endsWith("/")) continue;
    const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
    if (!overrides.has(`/${name}`) && !defaults.has(ext)) say(name, "has no content type");
  }
  for (const partName of overrides) {
    if (pkg.files[partName.slice(1)] === undefined)
      say("[Content_Types].xml", `names missing part ${partName}`);
  }
  for (const relsPath of [...pkg.trees.keys()].filter((p) => p.endsWith(".rels"))) {
    const owner = relsPath === "_rels/.rels" ? "" : relsPath.replace(/_rels\/([^/]+)\.rels$/, "$1");
    for (const rel of relationshipsOf(pkg, owner)) {
      if (!rel.external && pkg.files[rel.path] === undefined)
        say(relsPath, `${rel.id} targets missing ${rel.path}`);
    }
  }

  const workbookPath = relationshipsOf(pkg, "").find((r) => r.type === "officeDocument")?.path ?? "";
  const workbook = pkg.trees.get(workbookPath);
  if (workbook === undefined) {
    say(workbookPath, "no workbook part");
    return problems;
  }
  const workbookRels = relationshipsOf(pkg, workbookPath);
  const sstPath = workbookRels.find((r) => r.type === "sharedStrings")?.path;
  const sst = sstPath === undefined ? undefined : pkg.trees.get(sstPath);
  const strings = sst === undefined ? [] : elements(sst, "si").map(stringItemText);

  const sheetsElement = child(workbook, "sheets");
  const sheets = (sheetsElement === undefined ? [] : elements(sheetsElement, "sheet")).map((s) => {
    const rid = attribute(s, "id", NS.r) ?? "";
    return { name: attribute(s, "name") ?? "", path: workbookRels.find((r) => r.id === rid)?.path ?? "" };
  });
  const sheetNames = new Set(sheets.map((s) => s.name.toLowerCase()));
  const definedNamesElement = child(workbook, "definedNames");
  const definedNames = definedNamesElement === undefined ? [] : elements(definedNamesElement, "definedName");

  const formulas: Array<{ part: string; where: string; text: string }> = definedNames.map((d) => ({
    part: workbookPath,
    where: `defined name ${attribute(d, "name") ?? "?"}`,
    text: textOf(d),
  }));
  const tableNames: Array<{ name: string; part: string }> = [];

  for (const sheet of sheets) {
    const tree = pkg.trees.get(sheet.path);
    if (tree === undefined || tree.local !== "worksheet") continue;
    const texts = cellTexts(tree, strings);
    for (const f of descendants(tree, "f"))
      formulas.push({ part: sheet.path, where: "a cell formula", text: textOf(f) });
    for (const f of [
      ...descendants(tree, "formula1"),
      ...descendants(tree, "formula2"),
      ...descendants(tree, "formula"),
    ]) {
      formulas.push({ part: sheet.path, where: `<${f.local}>`, text: textOf(f) });
    }
    const merges = descendants(tree, "mergeCell").map((m) => attribute(m, "ref") ?? "");
    const sheetFilter = child(tree, "autoFilter");
    const tables = relationshipsOf(pkg, sheet.path)
      .filter((r) => r.type === "table")
      .flatMap((r) => {
        const table = pkg.trees.get(r.path);
        return table === undefined ? [] : [{ path: r.path, table }];
      });
    const refs: Array<{ path: string; name: string; ref: GridRange }> = [];
    for (const { path: tablePath, table } of tables) {
      const name = attribute(table, "displayName") ?? attribute(table, "name") ?? "";
      tableNames.push({ name, part: tablePath });
      const ref = parseRangeAddress(attribute(table, "ref") ?? "A1");
      refs.push({ path: tablePath, name, ref });
      const columnsElement = child(table, "tableColumns");
      const columns = columnsElement === undefined ? [] : elements(columnsElement, "tableColumn");
      if (columns.length !== ref.right - ref.left + 1) {
        say(tablePath, `table ${name} has ${columns.length} columns over ${ref.right - ref.left + 1}`);
      }
      if (attribute(table, "headerRowCount") !== "0") {
        columns.forEach((column, i) => {
          const address = `${columnLetters(ref.left + i)}${ref.top + 1}`;
          const expected = decodeXlsxEscapes(attribute(column, "name") ?? "");
          const actual = texts.get(address);
          if (actual !== expected) {
            say(
              tablePath,
              `table ${name}'s header ${address} holds ${JSON.stringify(actual ?? null)}, its column is ${JSON.stringify(expected)}`,
            );
          }
        });
      }
      for (const merge of merges) {
        if (overlaps(parseRangeAddress(merge), ref))
          say(sheet.path, `merged cells ${merge} overlap table ${name}`);
      }
      const filterRef = sheetFilter === undefined ? undefined : attribute(sheetFilter, "ref");
      if (filterRef !== undefined && overlaps(parseRangeAddress(filterRef), ref)) {
        say(sheet.path, `the sheet's autoFilter ${filterRef} overlaps table ${name}`);
      }
    }
    refs.forEach((a, i) =>
      refs.slice(i + 1).forEach((b) => {
        if (overlaps(a.ref, b.ref)) say(sheet.path, `tables ${a.name} and ${b.name} overlap`);
      }),
    );
  }

  const seen = new Map<string, string>();
  for (const { name, part } of tableNames) {
    const key = name.toLowerCase();
    if (seen.has(key)) say(part, `table name ${name} is also ${seen.get(key) ?? ""}`);
    seen.set(key, part);
  }
  for (const d of definedNames) {
    const name = attribute(d, "name") ?? "";
    if (seen.has(name.toLowerCase())) say(workbookPath, `defined name ${name} is also a table's name`);
  }

  for (const { part, where, text } of formulas) {
    for (const ref of sheetReferences(text)) {
      const names = ref.quoted ? [ref.name] : ref.name.split(":");
      for (const name of names) {
        if (!sheetNames.has(name.toLowerCase())) {
          say(part, `${where} refers to sheet ${JSON.stringify(name)}, which the workbook has not: ${text}`);
        } else if (!ref.quoted && quoteSheetName(name) !== name) {
          say(part, `${where} names sheet ${name} unquoted: ${text}`);
        }
      }
    }
  }
  return problems;
}

function openPackage(given: PackageToValidate, problems: string[]): OpenPackage | null {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(given.bytes);
  } catch (e) {
    problems.push(`${given.label}: not a zip (${String(e)})`);
    return null;
  }
  const trees = new Map<string, XmlElement>();
  for (const [name, data] of Object.entries(files)) {
    if (!/\.(xml|rels|vml)$/i.test(name)) continue;
    try {
      trees.set(name, parseXml(decoder.decode(data)));
    } catch (e) {
      problems.push(
        `${given.label} ${name}: not well-formed XML (${e instanceof Error ? e.message : String(e)})`,
      );
    }
  }
  return { label: given.label, files, trees };
}

const BATCH = 400;

/**
 * Every problem with these packages: XML not well-formed, a part the schema rejects (xmllint's
 * message, with the part named), a rule of Excel's broken. Empty when Excel would open them all
 * without repairs.
 */
export async function packageProblems(packages: readonly PackageToValidate[]): Promise<string[]> {
  const problems: string[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), "ooxml-validate-"));
  try {
    const bySchema = new Map<string, string[]>();
    const names = new Map<string, string>();
    let n = 0;
    for (const given of packages) {
      const pkg = openPackage(given, problems);
      if (pkg === null) continue;
      problems.push(...excelRuleProblems(pkg));
      for (const [part, tree] of pkg.trees) {
        const schema = SCHEMA_OF_ROOT[tree.uri];
        if (schema === undefined) continue;
        const [view] = schemaView(tree, false);
        if (view === undefined) continue;
        const file = path.join(dir, `${n++}.xml`);
        names.set(file, `${given.label} ${part}`);
        await writeFile(file, serialise(view));
        bySchema.set(schema, [...(bySchema.get(schema) ?? []), file]);
      }
    }
    for (const [schema, files] of bySchema) {
      for (let i = 0; i < files.length; i += BATCH) {
        const batch = files.slice(i, i + BATCH);
        let stderr: string;
        try {
          ({ stderr } = await run("xmllint", ["--noout", "--schema", path.join(XSD_DIR, schema), ...batch], {
            maxBuffer: 64 * 1024 * 1024,
          }));
        } catch (e) {
          const failed = e as { stderr?: string; code?: unknown };
          if (typeof failed.stderr !== "string" || failed.code === "ENOENT") throw e;
          stderr = failed.stderr;
        }
        for (const line of stderr.split("\n")) {
          const m = /^(.*?\.xml):(\d+): (.*)$/.exec(line);
          if (m === null) continue;
          problems.push(`${names.get(m[1] ?? "") ?? m[1] ?? ""}: ${m[3] ?? ""}`);
        }
        if (/failed to compile|WXS schema .* failed/.test(stderr)) throw new Error(`xmllint: ${stderr}`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return problems;
}
