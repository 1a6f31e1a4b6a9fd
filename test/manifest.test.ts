/**
 * The manifest, checked offline (the online validator cannot run here): the schema's element order,
 * required elements, resource ids, https URLs, the ExcelApi 1.8 floor, the ribbon's buttons and the
 * functions behind them, and the production URL substitution that `npm run build` makes.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DOMParser, onWarningStopParsing, type Element } from "@xmldom/xmldom";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script shared with webpack.config.js
const { substituteManifestUrl, productionBaseUrl } = require("../scripts/manifest-url.cjs") as {
  substituteManifestUrl: (xml: string, url: string | undefined) => string;
  productionBaseUrl: (url: string) => string;
};

const ROOT = path.resolve(__dirname, "..");
const MANIFEST_PATH = path.join(ROOT, "manifest.xml");
const MANIFEST_XML = readFileSync(MANIFEST_PATH, "utf8");

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
};

/**
 * Child order per parent, from the task pane XSDs (learn.microsoft.com: "How to find the proper order
 * of manifest elements"). A child may be left out; those present must come in this order.
 */
const SCHEMA_ORDER: Record<string, readonly string[]> = {
  OfficeApp: [
    "Id",
    "AlternateId",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings",
    "Permissions",
    "Dictionary",
    "VersionOverrides",
    "ExtendedOverrides",
  ],
  Requirements: ["Sets", "Methods"],
  VersionOverrides: [
    "Description",
    "Requirements",
    "Hosts",
    "Resources",
    "WebApplicationInfo",
    "EquivalentAddins",
  ],
  "VersionOverrides/Hosts/Host": ["Runtimes", "AllFormFactors", "DesktopFormFactor"],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  Group: ["OverriddenByRibbonApi", "Label", "Icon", "Control"],
  Control: ["OverriddenByRibbonApi", "Label", "Supertip", "Icon", "Action", "Enabled", "Items"],
  Supertip: ["Title", "Description"],
  Action: ["TaskpaneId", "SourceLocation", "Title", "FunctionName"],
  Resources: ["Images", "Urls", "ShortStrings", "LongStrings"],
};

/** Elements the schema requires of a task pane add-in, plus those this add-in's brief requires. */
const REQUIRED_TOP_LEVEL = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "VersionOverrides",
];

function parseXml(xml: string): Element {
  const doc = new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, "text/xml");
  const root = doc.documentElement;
  if (!root) throw new Error("no document element");
  return root;
}

function children(element: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE) {
      const child = node as Element;
      if (name === undefined || child.localName === name) out.push(child);
    }
  }
  return out;
}

function descendants(element: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (const child of children(element)) {
    if (name === undefined || child.localName === name) out.push(child);
    out.push(...descendants(child, name));
  }
  return out;
}

function child(element: Element, ...names: string[]): Element {
  let at = element;
  for (const name of names) {
    const found = children(at, name);
    if (found.length !== 1)
      throw new Error(`expected one <${name}> in <${at.localName}>, found ${found.length}`);
    at = found[0]!;
  }
  return at;
}

function pathOf(element: Element): string {
  const parts: string[] = [];
  for (let at: Element | null = element; at; at = at.parentNode as Element | null) {
    if (at.nodeType !== at.ELEMENT_NODE) break;
    parts.unshift(at.localName ?? "");
  }
  return parts.join("/");
}

function xsiType(element: Element): string | null {
  return element.getAttributeNS(NS.xsi, "type");
}

/** Every child out of its schema order, as "parent: A before B". */
function orderViolations(root: Element): string[] {
  const violations: string[] = [];
  for (const element of [root, ...descendants(root)]) {
    const full = pathOf(element);
    const key = Object.keys(SCHEMA_ORDER).find((k) => full === k || full.endsWith(`/${k}`));
    if (key === undefined) continue;
    const order = SCHEMA_ORDER[key]!;
    let last = -1;
    let lastName = "";
    for (const c of children(element)) {
      const name = c.localName ?? "";
      const index = order.indexOf(name);
      if (index < 0) violations.push(`${full}: <${name}> is not a child the schema allows here`);
      else if (index < last) violations.push(`${full}: <${name}> must come before <${lastName}>`);
      else {
        last = index;
        lastName = name;
      }
    }
  }
  return violations;
}

const root = parseXml(MANIFEST_XML);
const versionOverrides = child(root, "VersionOverrides");
const resources = child(versionOverrides, "Resources");
const desktop = child(versionOverrides, "Hosts", "Host", "DesktopFormFactor");
const group = child(desktop, "ExtensionPoint", "OfficeTab", "Group");
const controls = children(group, "Control");

function resource(kind: "Images" | "Urls" | "ShortStrings" | "LongStrings", id: string): string | null {
  const found = children(child(resources, kind)).find((r) => r.getAttribute("id") === id);
  return found ? found.getAttribute("DefaultValue") : null;
}

function controlLabel(control: Element): string | null {
  return resource("ShortStrings", child(control, "Label").getAttribute("resid") ?? "");
}

/** Which resource list a resid must resolve in, from where it is used. */
function residKind(element: Element): "Images" | "Urls" | "ShortStrings" | "LongStrings" {
  const name = element.localName;
  const parent = (element.parentNode as Element).localName;
  if (name === "Image") return "Images";
  if (name === "SourceLocation" || name === "FunctionFile" || name === "LearnMoreUrl") return "Urls";
  if (name === "Description" && (parent === "Supertip" || parent === "GetStarted")) return "LongStrings";
  return "ShortStrings";
}

function urlsIn(xmlRoot: Element): string[] {
  const urls: string[] = [];
  for (const element of [xmlRoot, ...descendants(xmlRoot)]) {
    const value = element.getAttribute("DefaultValue");
    if (value !== null && /^[a-z]+:\/\//i.test(value)) urls.push(value);
    if (element.localName === "AppDomain") urls.push(element.textContent ?? "");
  }
  return urls;
}

function pngSize(file: string): { width: number; height: number } {
  const data = readFileSync(file);
  expect(data.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

function assetFor(url: string): string {
  return path.join(ROOT, new URL(url).pathname);
}

describe("manifest.xml", () => {
  it("is well-formed XML with a TaskPaneApp root in the add-in manifest namespaces", () => {
    expect(root.localName).toBe("OfficeApp");
    expect(root.namespaceURI).toBe(NS.app);
    expect(xsiType(root)).toBe("TaskPaneApp");
    expect(root.lookupNamespaceURI("bt")).toBe(NS.bt);
    expect(versionOverrides.namespaceURI).toBe(NS.ov);
    expect(xsiType(versionOverrides)).toBe("VersionOverridesV1_0");
  });

  it("has every required top-level element exactly once", () => {
    const missing = REQUIRED_TOP_LEVEL.filter((name) => children(root, name).length !== 1);
    expect(missing).toEqual([]);
  });

  it("keeps every element in the order the schema enforces", () => {
    expect(orderViolations(root)).toEqual([]);
  });

  it("reports an element out of schema order (the order check can fail)", () => {
    const swapped = MANIFEST_XML.replace(
      /(<Version>[^<]*<\/Version>)(\s*)(<ProviderName>[^<]*<\/ProviderName>)/,
      "$3$2$1",
    );
    expect(swapped).not.toBe(MANIFEST_XML);
    expect(orderViolations(parseXml(swapped))).toEqual([
      "OfficeApp: <Version> must come before <ProviderName>",
    ]);
    const misplaced = MANIFEST_XML.replace(/<FunctionFile [^>]*\/>/, "").replace(
      "</GetStarted>",
      '</GetStarted><Bogus resid="x"/>',
    );
    expect(orderViolations(parseXml(misplaced))).toContain(
      "OfficeApp/VersionOverrides/Hosts/Host/DesktopFormFactor: <Bogus> is not a child the schema allows here",
    );
  });

  it("identifies the add-in with a fixed GUID, a four-part version and the en-GB locale", () => {
    expect(child(root, "Id").textContent).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    );
    expect(child(root, "Version").textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(child(root, "DefaultLocale").textContent).toBe("en-GB");
    expect(child(root, "DisplayName").getAttribute("DefaultValue")).toBe("Action plan");
    expect((child(root, "ProviderName").textContent ?? "").trim()).not.toBe("");
    expect((child(root, "Description").getAttribute("DefaultValue") ?? "").trim()).not.toBe("");
  });

  it("runs in Excel workbooks with read-write access and ExcelApi 1.8 as the floor", () => {
    expect(children(child(root, "Hosts"), "Host").map((h) => h.getAttribute("Name"))).toEqual(["Workbook"]);
    expect(child(root, "Permissions").textContent).toBe("ReadWriteDocument");
    const sets = children(child(root, "Requirements", "Sets"), "Set");
    expect(sets.map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")])).toEqual([
      ["ExcelApi", "1.8"],
    ]);
    expect(child(root, "DefaultSettings", "SourceLocation").getAttribute("DefaultValue")).toBe(
      "https://localhost:3000/taskpane.html",
    );
  });

  it("gives every element id a value used once", () => {
    const ids = descendants(root)
      .map((e) => e.getAttribute("id"))
      .filter((id): id is string => id !== null);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // Resource ids are at most 32 characters (bt:ShortString ids in the schema).
    expect(ids.filter((id) => id.length > 32)).toEqual([]);
  });

  it("resolves every resid to a resource of the right kind, and uses every resource", () => {
    const users = descendants(versionOverrides).filter((e) => e.getAttribute("resid") !== null);
    const unresolved = users
      .filter((e) => resource(residKind(e), e.getAttribute("resid")!) === null)
      .map((e) => `${pathOf(e)} → ${e.getAttribute("resid")} (${residKind(e)})`);
    expect(unresolved).toEqual([]);
    const used = new Set(users.map((e) => e.getAttribute("resid")));
    const unused = descendants(resources)
      .map((r) => r.getAttribute("id"))
      .filter((id): id is string => id !== null && !used.has(id));
    expect(unused).toEqual([]);
  });

  it("keeps short strings within 125 characters and long strings within 250", () => {
    const tooLong = (kind: string, max: number) =>
      children(child(resources, kind))
        .map((s) => s.getAttribute("DefaultValue") ?? "")
        .filter((value) => value.length === 0 || value.length > max);
    expect(tooLong("ShortStrings", 125)).toEqual([]);
    expect(tooLong("LongStrings", 250)).toEqual([]);
  });

  it("uses only https URLs, all on the add-in's own host", () => {
    const urls = urlsIn(root);
    expect(urls.length).toBeGreaterThan(8);
    expect(urls.filter((u) => !u.startsWith("https://localhost:3000"))).toEqual([]);
  });

  it("points every icon at a PNG in assets/ of the size it is declared as", () => {
    const sized: Array<[string, number]> = [
      [child(root, "IconUrl").getAttribute("DefaultValue")!, 32],
      [child(root, "HighResolutionIconUrl").getAttribute("DefaultValue")!, 64],
      ...descendants(versionOverrides, "Image")
        .filter((image) => image.getAttribute("size") !== null)
        .map((image): [string, number] => [
          resource("Images", image.getAttribute("resid")!)!,
          Number(image.getAttribute("size")),
        ]),
    ];
    for (const [url, size] of sized) {
      expect(pngSize(assetFor(url))).toEqual({ width: size, height: size });
    }
    // Group and button icons need 16, 32 and 80 px.
    for (const icon of descendants(group, "Icon")) {
      expect(children(icon, "Image").map((i) => i.getAttribute("size"))).toEqual(["16", "32", "80"]);
    }
  });

  it("puts an Action plan group on the Home tab with Open pane, Check plan and Summary", () => {
    expect(xsiType(child(versionOverrides, "Hosts", "Host"))).toBe("Workbook");
    expect(xsiType(child(desktop, "ExtensionPoint"))).toBe("PrimaryCommandSurface");
    expect(child(desktop, "ExtensionPoint", "OfficeTab").getAttribute("id")).toBe("TabHome");
    expect(resource("ShortStrings", child(group, "Label").getAttribute("resid")!)).toBe("Action plan");
    expect(controls.map((c) => [xsiType(c), controlLabel(c), xsiType(child(c, "Action"))])).toEqual([
      ["Button", "Open pane", "ShowTaskpane"],
      ["Button", "Check plan", "ShowTaskpane"],
      ["Button", "Summary", "ExecuteFunction"],
    ]);
  });

  it("opens one shared pane, on its Check view for Check plan", () => {
    const [openPane, checkPlan] = controls.map((c) => child(c, "Action"));
    const paneUrl = (action: Element) =>
      resource("Urls", child(action, "SourceLocation").getAttribute("resid")!) ?? "";
    expect(paneUrl(openPane!)).toBe("https://localhost:3000/taskpane.html");
    expect(new URL(paneUrl(checkPlan!)).searchParams.get("view")).toBe("check");
    expect(child(checkPlan!, "TaskpaneId").textContent).toBe(child(openPane!, "TaskpaneId").textContent);
  });

  it("loads the function file and the pane from pages the build makes", () => {
    const functionFile = resource("Urls", child(desktop, "FunctionFile").getAttribute("resid")!)!;
    expect(functionFile).toBe("https://localhost:3000/commands.html");
    expect(existsSync(path.join(ROOT, "src/commands/commands.html"))).toBe(true);
    expect(existsSync(path.join(ROOT, "src/taskpane/taskpane.html"))).toBe(true);
  });

  it("names only functions that src/commands/commands.ts registers with Office.actions.associate", () => {
    const functionNames = controls
      .map((c) => child(c, "Action"))
      .filter((a) => xsiType(a) === "ExecuteFunction")
      .map((a) => child(a, "FunctionName").textContent);
    expect(functionNames).toEqual(["buildSummary"]);
    expect(registeredCommandNames()).toEqual(functionNames);
  });
});

/** Loads commands.ts under a minimal Office global and records what it registers once Office is ready. */
function registeredCommandNames(): string[] {
  const registered: string[] = [];
  let ready: (() => void) | null = null;
  const globals = globalThis as Record<string, unknown>;
  const saved = { Office: globals.Office, window: globals.window };
  globals.Office = {
    onReady: (callback: () => void) => {
      ready = callback;
      return Promise.resolve();
    },
    actions: {
      associate: (name: string, handler: unknown) => {
        expect(typeof handler).toBe("function");
        registered.push(name);
      },
    },
  };
  globals.window = { location: { search: "", href: "https://localhost:3000/commands.html" } };
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded afresh under the fake Office global
      require("../src/commands/commands");
    });
    expect(ready).not.toBeNull();
    ready!();
  } finally {
    globals.Office = saved.Office;
    globals.window = saved.window;
  }
  return registered;
}

describe("commands.html", () => {
  const html = readFileSync(path.join(ROOT, "src/commands/commands.html"), "utf8");

  it("loads office.js from Microsoft's CDN", () => {
    expect(html).toContain(
      '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>',
    );
  });

  it("allows scripts and connections only from its own site and that CDN", () => {
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
    const directives = new Map(
      csp.split(";").map((d) => {
        const [name, ...sources] = d.trim().split(/\s+/);
        return [name ?? "", sources] as const;
      }),
    );
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(directives.get("connect-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe("the production manifest", () => {
  const PRODUCTION = "https://plans.example.org/action-plan";

  it("points every URL at ADDIN_URL and the app domain at its origin", () => {
    const xml = substituteManifestUrl(MANIFEST_XML, PRODUCTION);
    expect(xml).not.toMatch(/localhost/i);
    const urls = urlsIn(parseXml(xml));
    expect(urls.length).toBe(urlsIn(root).length);
    expect(urls.filter((u) => !u.startsWith("https://plans.example.org"))).toEqual([]);
    expect(urls).toContain("https://plans.example.org/action-plan/taskpane.html?view=check");
    expect(urls).toContain("https://plans.example.org/action-plan/assets/icon-80.png");
    expect(descendants(parseXml(xml), "AppDomain").map((d) => d.textContent)).toEqual([
      "https://plans.example.org",
    ]);
  });

  it("leaves the manifest as it is for a dev build without ADDIN_URL", () => {
    expect(substituteManifestUrl(MANIFEST_XML, undefined)).toBe(MANIFEST_XML);
    expect(substituteManifestUrl(MANIFEST_XML, "")).toBe(MANIFEST_XML);
  });

  it("refuses an ADDIN_URL that is not https, names this machine or is not a URL", () => {
    expect(productionBaseUrl("https://plans.example.org/action-plan")).toBe(
      "https://plans.example.org/action-plan/",
    );
    expect(() => substituteManifestUrl(MANIFEST_XML, "http://plans.example.org/")).toThrow(/https/);
    expect(() => substituteManifestUrl(MANIFEST_XML, "https://localhost:8443/")).toThrow(/this machine/);
    expect(() => substituteManifestUrl(MANIFEST_XML, "plans.example.org")).toThrow(/not a URL/);
    expect(() => substituteManifestUrl(MANIFEST_XML, "https://plans.example.org/?x=1")).toThrow(/query/);
  });

  it("is what webpack's production build writes to dist/manifest.xml", () => {
    const xml = productionManifestFromWebpack(PRODUCTION);
    expect(xml).not.toMatch(/localhost/i);
    expect(xml).toBe(substituteManifestUrl(MANIFEST_XML, PRODUCTION));
    expect(orderViolations(parseXml(xml))).toEqual([]);
  });

  it("has no localhost URL in a built dist/manifest.xml when ADDIN_URL was set", () => {
    const built = path.join(ROOT, "dist/manifest.xml");
    const addinUrl = process.env.ADDIN_URL;
    // No build here: the substitution webpack uses is proved on the source manifest instead.
    const xml = existsSync(built)
      ? readFileSync(built, "utf8")
      : substituteManifestUrl(MANIFEST_XML, PRODUCTION);
    const urls = urlsIn(parseXml(xml));
    const local = urls.filter((u) => u.includes("localhost"));
    // A production build (or the substituted source) points every URL at ADDIN_URL's host; a dev build
    // keeps the dev manifest whole: never a mix.
    const origin = new URL(addinUrl ?? PRODUCTION).origin;
    const strays = urls.filter((u) => !u.startsWith(origin));
    const productionExpected = !existsSync(built) || addinUrl !== undefined;
    expect(
      productionExpected
        ? { local: local.length, strays }
        : { mixed: ![0, urls.length].includes(local.length) },
    ).toEqual(productionExpected ? { local: 0, strays: [] } : { mixed: false });
  });
});

/** Runs the manifest through the copy transform webpack.config.js configures for a production build. */
function productionManifestFromWebpack(addinUrl: string): string {
  const saved = process.env.ADDIN_URL;
  process.env.ADDIN_URL = addinUrl;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack's own CommonJS config
    const makeConfig = require("../webpack.config.js") as (
      env: Record<string, unknown>,
      argv: Record<string, unknown>,
    ) => {
      plugins: Array<{ patterns?: Array<{ to?: string; transform?: (c: Buffer) => string | Buffer }> }>;
    };
    const config = makeConfig({}, { mode: "production" });
    const pattern = config.plugins
      .flatMap((p) => p.patterns ?? [])
      .find((p) => p.to === "manifest.xml" && typeof p.transform === "function");
    if (!pattern?.transform) throw new Error("webpack.config.js copies no manifest.xml with a transform");
    return pattern.transform(Buffer.from(MANIFEST_XML)).toString();
  } finally {
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
  }
}
