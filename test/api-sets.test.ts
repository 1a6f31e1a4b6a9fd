/**
 * Every Excel API member the add-in uses, with the ExcelApi requirement set @types/office-js gives it.
 * The manifest's floor is ExcelApi 1.8: a member from a later set must sit behind a guard —
 * `if (excelApiSupported("x.y"))` (or Office.context.requirements.isSetSupported("ExcelApi", "x.y")),
 * the true branch of a ternary or `&&` on one, or after `if (!guard) return/throw` — with x.y at least
 * the member's set. Members are found with the TypeScript compiler over src/excel and src/commands:
 * calls and property accesses on Excel's proxy objects, object-literal properties typed by Excel
 * (load/set options, RunOptions) and property paths named in load("a, b/c") strings. Fields of data
 * Excel returned (interfaces such as Excel.CellProperties) are plain values and are not counted.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const FLOOR = "1.8";
const SCANNED_FOLDERS = ["src/excel", "src/commands"];

interface ApiSet {
  /** "ExcelApi" for the sets every host has up to its version; anything else is never at the floor. */
  readonly name: string;
  /** "1.9", or "BETA" for preview-only members. */
  readonly version: string;
}

interface MemberUse {
  /** "Excel.Range.getCellProperties" */
  readonly member: string;
  /** null when the declaration names no set (ExcelApi 1.1 members such as Excel.run). */
  readonly set: ApiSet | null;
  readonly file: string;
  readonly line: number;
  /** The highest ExcelApi version a guard around this use establishes, or null. */
  readonly guardedTo: string | null;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether the use needs a host above the floor that its guard does not establish. */
function isViolation(use: MemberUse): boolean {
  if (use.set === null) return false;
  if (use.set.name !== "ExcelApi" || !/^\d+(\.\d+)*$/.test(use.set.version)) return true;
  if (compareVersions(use.set.version, FLOOR) <= 0) return false;
  return use.guardedTo === null || compareVersions(use.guardedTo, use.set.version) < 0;
}

function describeUse(use: MemberUse): string {
  const set = use.set ? `${use.set.name} ${use.set.version}` : "no set named";
  const guard = use.guardedTo ? `, guarded to ${use.guardedTo}` : "";
  return `${use.member} (${set}${guard}) at ${use.file}:${use.line}`;
}

function sourceFilesUnder(folder: string): string[] {
  const absolute = path.join(ROOT, folder);
  let entries: string[];
  try {
    entries = readdirSync(absolute, { recursive: true, encoding: "utf8" });
  } catch {
    return [];
  }
  return entries
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => path.join(absolute, f))
    .sort();
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = path.join(ROOT, "tsconfig.json");
  const { config } = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  return { ...parsed.options, noEmit: true, typeRoots: [path.join(ROOT, "node_modules/@types")] };
}

/** A program over `files`, with `virtual` files served from memory (the self-test's samples). */
function createProgram(files: readonly string[], virtual: ReadonlyMap<string, string>): ts.Program {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(path.resolve(fileName));
    if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
    return getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => virtual.has(path.resolve(fileName)) || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => virtual.get(path.resolve(fileName)) ?? readFile(fileName);
  return ts.createProgram({ rootNames: [...files, ...virtual.keys()], options, host });
}

/** The outermost namespace a declaration sits in ("Excel" for Excel.Interfaces.RangeLoadOptions). */
function outerNamespace(node: ts.Node): string | null {
  let name: string | null = null;
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isModuleDeclaration(at) && ts.isIdentifier(at.name)) name = at.name.text;
  }
  return name;
}

function isOfficeJsExcelDeclaration(decl: ts.Declaration): boolean {
  const file = decl.getSourceFile().fileName.split(path.sep).join("/");
  return file.includes("/@types/office-js/") && outerNamespace(decl) === "Excel";
}

function qualifiedName(decl: ts.Declaration): string {
  const parts: string[] = [];
  for (let at: ts.Node | undefined = decl; at && !ts.isSourceFile(at); at = at.parent) {
    const name = (at as ts.NamedDeclaration).name;
    if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) parts.unshift(name.text);
  }
  return parts.join(".");
}

const API_SET = /\[Api set: ([A-Za-z]+) ([\d.]+|BETA)/;

/** The [Api set: …] in the declaration's JSDoc, read from the comment text Microsoft ships. */
function apiSetOf(decl: ts.Declaration): ApiSet | null {
  const source = decl.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(source.text, decl.getFullStart()) ?? [];
  for (const range of ranges) {
    const match = API_SET.exec(source.text.slice(range.pos, range.end));
    if (match) return { name: match[1]!, version: match[2]! };
  }
  return null;
}

function highestSet(decls: readonly ts.Declaration[]): ApiSet | null {
  let best: ApiSet | null = null;
  for (const decl of decls) {
    const set = apiSetOf(decl);
    if (set === null) continue;
    if (best === null || rank(set) > rank(best)) best = set;
  }
  return best;
}

/** Orders sets so that anything not at the floor's kind ranks above every ExcelApi version. */
function rank(set: ApiSet): number {
  if (set.name !== "ExcelApi" || set.version === "BETA") return Number.MAX_SAFE_INTEGER;
  const [major = 0, minor = 0] = set.version.split(".").map(Number);
  return major * 1000 + minor;
}

/** The ExcelApi version a condition establishes when true, or null. */
function versionEstablishedBy(condition: ts.Expression): string | null {
  const expr = skipParens(condition);
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    const left = versionEstablishedBy(expr.left);
    const right = versionEstablishedBy(expr.right);
    if (left === null) return right;
    if (right === null) return left;
    return compareVersions(left, right) >= 0 ? left : right;
  }
  if (!ts.isCallExpression(expr)) return null;
  const callee = ts.isPropertyAccessExpression(expr.expression)
    ? expr.expression.name.text
    : ts.isIdentifier(expr.expression)
      ? expr.expression.text
      : null;
  const literals = expr.arguments.map((a) => (ts.isStringLiteralLike(a) ? a.text : null));
  if (callee === "excelApiSupported" && literals.length >= 1) return literals[0] ?? null;
  if (callee === "isSetSupported" && literals[0] === "ExcelApi") return literals[1] ?? null;
  return null;
}

function skipParens(expr: ts.Expression): ts.Expression {
  let at = expr;
  while (ts.isParenthesizedExpression(at)) at = at.expression;
  return at;
}

/** `if (!guard) return;` (or throw): the statements after it run only when the guard holds. */
function versionAfterEarlyExit(statement: ts.Statement): string | null {
  if (!ts.isIfStatement(statement) || statement.elseStatement) return null;
  const condition = skipParens(statement.expression);
  if (!ts.isPrefixUnaryExpression(condition) || condition.operator !== ts.SyntaxKind.ExclamationToken)
    return null;
  const exits = (s: ts.Statement): boolean =>
    ts.isReturnStatement(s) ||
    ts.isThrowStatement(s) ||
    (ts.isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]!));
  return exits(statement.thenStatement) ? versionEstablishedBy(condition.operand) : null;
}

function maxVersion(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareVersions(a, b) >= 0 ? a : b;
}

/** The highest version any guard around `node` establishes. */
function guardVersion(node: ts.Node): string | null {
  let version: string | null = null;
  for (let child = node, at = node.parent; at; child = at, at = at.parent) {
    if (ts.isIfStatement(at) && child === at.thenStatement) {
      version = maxVersion(version, versionEstablishedBy(at.expression));
    } else if (ts.isConditionalExpression(at) && child === at.whenTrue) {
      version = maxVersion(version, versionEstablishedBy(at.condition));
    } else if (
      ts.isBinaryExpression(at) &&
      at.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      child === at.right
    ) {
      version = maxVersion(version, versionEstablishedBy(at.left));
    } else if (ts.isBlock(at) || ts.isSourceFile(at)) {
      for (const statement of at.statements) {
        if (statement === child) break;
        version = maxVersion(version, versionAfterEarlyExit(statement));
      }
    }
  }
  return version;
}

/** The element type of an array type, else the type itself (load paths step through "items"). */
function elementTypeOf(checker: ts.TypeChecker, type: ts.Type): ts.Type {
  const nonNull = checker.getNonNullableType(type);
  return checker.isArrayType(nonNull)
    ? (checker.getTypeArguments(nonNull as ts.TypeReference)[0] ?? nonNull)
    : nonNull;
}

/** Every Excel member used in the program's files from `files`. */
function memberUses(program: ts.Program, files: readonly string[]): MemberUse[] {
  const checker = program.getTypeChecker();
  const uses: MemberUse[] = [];
  const wanted = new Set(files.map((f) => path.resolve(f)));

  const record = (node: ts.Node, decls: readonly ts.Declaration[] | undefined) => {
    const excel = (decls ?? []).filter(isOfficeJsExcelDeclaration);
    if (excel.length === 0) return;
    const source = node.getSourceFile();
    uses.push({
      member: qualifiedName(excel[0]!),
      set: highestSet(excel),
      file: path.relative(ROOT, source.fileName).split(path.sep).join("/"),
      line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      guardedTo: guardVersion(node),
    });
  };

  const declarationsAt = (node: ts.Node): ts.Declaration[] | undefined => {
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol?.declarations;
  };

  const recordLoadPaths = (call: ts.CallExpression, owner: ts.Expression) => {
    const names: Array<{ text: string; node: ts.Node }> = [];
    for (const arg of call.arguments) {
      if (ts.isStringLiteralLike(arg)) names.push({ text: arg.text, node: arg });
      if (ts.isArrayLiteralExpression(arg)) {
        for (const e of arg.elements) if (ts.isStringLiteralLike(e)) names.push({ text: e.text, node: e });
      }
    }
    for (const { text, node } of names) {
      for (const loadPath of text
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean)) {
        let type = elementTypeOf(checker, checker.getTypeAtLocation(owner));
        for (const part of loadPath.split("/")) {
          const property = type.getProperty(part);
          if (!property) break;
          record(node, property.declarations);
          type = elementTypeOf(checker, checker.getTypeOfSymbolAtLocation(property, node));
        }
      }
    }
  };

  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node)) {
      const parent = node.parent;
      const callee = ts.isCallExpression(parent) && parent.expression === node ? parent : null;
      // For an overloaded call the resolved overload's own set counts (Excel.run's options form).
      const signature = callee ? checker.getResolvedSignature(callee)?.declaration : undefined;
      const decls = signature && !ts.isJSDocSignature(signature) ? [signature] : declarationsAt(node.name);
      // Reading a field of returned data (CellProperties, RowProperties…: interfaces, not proxies)
      // asks nothing of Excel; the call that fetched it is what needs the set.
      record(
        node.name,
        decls?.filter((d) => !ts.isInterfaceDeclaration(d.parent)),
      );
      if (callee && node.name.text === "load") recordLoadPaths(callee, node.expression);
    } else if (
      (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
      ts.isObjectLiteralExpression(node.parent)
    ) {
      const contextual = checker.getContextualType(node.parent);
      const name =
        node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : null;
      const property = contextual && name ? checker.getPropertyOfType(contextual, name) : undefined;
      if (property) record(node.name, property.declarations);
    }
    ts.forEachChild(node, visit);
  };

  for (const source of program.getSourceFiles()) {
    if (wanted.has(path.resolve(source.fileName))) visit(source);
  }
  return uses;
}

function usageTable(uses: readonly MemberUse[]): string {
  const byMember = new Map<string, { set: string; count: number; first: string }>();
  for (const use of uses) {
    const entry = byMember.get(use.member);
    if (entry) entry.count += 1;
    else {
      byMember.set(use.member, {
        set: use.set ? `${use.set.name} ${use.set.version}` : "(none named)",
        count: 1,
        first: `${use.file}:${use.line}`,
      });
    }
  }
  const rows = [...byMember.entries()].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(6, ...rows.map(([m]) => m.length));
  return [
    `${"member".padEnd(width)}  ${"set".padEnd(14)}  uses  first use`,
    ...rows.map(
      ([m, e]) => `${m.padEnd(width)}  ${e.set.padEnd(14)}  ${String(e.count).padStart(4)}  ${e.first}`,
    ),
  ].join("\n");
}

const SAMPLE_DIR = path.join(ROOT, "test", "api-set-samples");
const sample = (name: string) => path.join(SAMPLE_DIR, name);

/** Self-test sources: Range.getCellProperties is ExcelApi 1.9, RunOptions.mergeUndoGroup 1.20. */
const SAMPLES = new Map<string, string>([
  [
    sample("unguarded.ts"),
    `export async function fills(context: Excel.RequestContext) {
       const range = context.workbook.getSelectedRange();
       const props = range.getCellProperties({ format: { fill: { color: true } } });
       await context.sync();
       return props.value;
     }`,
  ],
  [
    sample("guarded.ts"),
    `declare function excelApiSupported(version: string): boolean;
     export async function fills(context: Excel.RequestContext) {
       const range = context.workbook.getSelectedRange();
       if (excelApiSupported("1.9")) {
         const props = range.getCellProperties({ format: { fill: { color: true } } });
         await context.sync();
         return props.value;
       }
       const viaTernary = excelApiSupported("1.10") ? range.getCellProperties({ address: true }) : null;
       const viaAnd = Office.context.requirements.isSetSupported("ExcelApi", "1.9") && range.getCellProperties({});
       return [viaTernary, viaAnd];
     }
     export async function grouped() {
       if (!excelApiSupported("1.20")) return null;
       return Excel.run({ mergeUndoGroup: true }, async (context) => context.sync());
     }`,
  ],
  [
    sample("under-guarded.ts"),
    `declare function excelApiSupported(version: string): boolean;
     export async function grouped() {
       if (excelApiSupported("1.9")) return Excel.run({ mergeUndoGroup: true }, async (context) => context.sync());
       return null;
     }`,
  ],
  [
    sample("result-data.ts"),
    `export function hiddenRows(rows: Excel.RowProperties[]): number[] {
       return rows.filter((r) => r.rowHidden).map((r) => r.rowIndex ?? -1);
     }`,
  ],
  [
    sample("load-string.ts"),
    `export async function read(context: Excel.RequestContext) {
       const sheets = context.workbook.worksheets;
       sheets.load("items/name, items/visibility");
       await context.sync();
       return sheets.items.map((s) => s.name);
     }`,
  ],
]);

describe("Excel API requirement sets", () => {
  const files = SCANNED_FOLDERS.flatMap(sourceFilesUnder);
  const program = createProgram(files, SAMPLES);
  const usesIn = (file: string) => memberUses(program, [file]);

  it("finds the Excel shell and the ribbon commands to scan", () => {
    expect(files.some((f) => f.includes(`${path.sep}excel${path.sep}`))).toBe(true);
    expect(files.some((f) => f.endsWith("commands.ts"))).toBe(true);
  });

  it("uses no Excel member above ExcelApi 1.8 without a guard for its set", () => {
    const uses = memberUses(program, files);
    console.log(`Excel API members used in ${SCANNED_FOLDERS.join(" and ")}:\n${usageTable(uses)}`);
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.filter(isViolation).map(describeUse)).toEqual([]);
  });

  it("flags a 1.9 member used without a guard (the check can fail)", () => {
    const violations = usesIn(sample("unguarded.ts")).filter(isViolation);
    expect(violations.map((u) => `${u.member} ${u.set?.version}:${u.line}`)).toEqual([
      "Excel.Range.getCellProperties 1.9:3",
      "Excel.CellPropertiesLoadOptions.format 1.9:3",
    ]);
  });

  it("passes the same member behind excelApiSupported, isSetSupported, a ternary, && or an early return", () => {
    const uses = usesIn(sample("guarded.ts"));
    expect(uses.filter((u) => u.member === "Excel.Range.getCellProperties")).toHaveLength(3);
    expect(uses.some((u) => u.member === "Excel.RunOptions.mergeUndoGroup" && u.guardedTo === "1.20")).toBe(
      true,
    );
    expect(uses.filter(isViolation).map(describeUse)).toEqual([]);
  });

  it("flags a member whose guard names a lower set than it needs", () => {
    const violations = usesIn(sample("under-guarded.ts")).filter(isViolation);
    expect(violations.map((u) => `${u.member} ${u.set?.version} guarded to ${u.guardedTo}`)).toEqual([
      "Excel.RunOptions.mergeUndoGroup 1.20 guarded to 1.9",
    ]);
  });

  it("does not count fields read from data Excel returned", () => {
    expect(usesIn(sample("result-data.ts"))).toEqual([]);
  });

  it("reads the members named in load() strings", () => {
    const members = new Set(usesIn(sample("load-string.ts")).map((u) => u.member));
    expect(members).toContain("Excel.Worksheet.visibility");
    expect(members).toContain("Excel.WorksheetCollection.items");
  });

  it("reads each member's set from the JSDoc in @types/office-js", () => {
    const source = readFileSync(require.resolve("@types/office-js/index.d.ts"), "utf8");
    expect(source).toMatch(/\[Api set: ExcelApi 1\.9\]/);
    const uses = usesIn(sample("load-string.ts"));
    const visibility = uses.find((u) => u.member === "Excel.Worksheet.visibility");
    expect(visibility?.set).toEqual({ name: "ExcelApi", version: "1.1" });
  });
});
