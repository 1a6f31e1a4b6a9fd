/**
 * Issue 7's security promises, checked on the source: cell text reaches the page only as text (no
 * HTML injection in the task pane or playground), and the add-in sends nothing anywhere (no network
 * calls anywhere in src/).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const SRC = path.resolve(__dirname, "../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|jsx|mjs|cjs|html)$/.test(entry) ? [full] : [];
  });
}

/** The source without its comments, so a comment that names an API does not count as a call. */
function code(file: string): string {
  return readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

function offences(files: readonly string[], patterns: readonly RegExp[]): string[] {
  return files.flatMap((file) => {
    const text = code(file);
    return patterns.flatMap((p) =>
      [...text.matchAll(new RegExp(p.source, "g"))].map((m) => `${path.relative(SRC, file)}: ${m[0]}`),
    );
  });
}

const HTML_SINKS = [
  /dangerouslySetInnerHTML/,
  /\.innerHTML\s*[+]?=/,
  /\.outerHTML\s*[+]?=/,
  /insertAdjacentHTML\s*\(/,
  /document\.write(ln)?\s*\(/,
  /createContextualFragment\s*\(/,
];

const NETWORK = [
  /\bfetch\s*\(/,
  /\bXMLHttpRequest\b/,
  /\bsendBeacon\b/,
  /\bWebSocket\b/,
  /\bEventSource\b/,
  /\bimportScripts\s*\(/,
];

describe("cell text is rendered only as text", () => {
  const files = ["taskpane", "playground", "commands"].flatMap((d) => {
    const dir = path.join(SRC, d);
    return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? sourceFiles(dir) : [];
  });

  it("finds the pages' sources to check", () => {
    expect(files.some((f) => f.endsWith(".tsx"))).toBe(true);
  });

  it("has no innerHTML, dangerouslySetInnerHTML or other HTML sink in the task pane, playground or commands", () => {
    expect(offences(files, HTML_SINKS)).toEqual([]);
  });

  it("would catch an HTML sink if one were added", () => {
    const sample = "el.innerHTML = cell.text; <div dangerouslySetInnerHTML={{ __html: t }} />";
    expect(HTML_SINKS.filter((p) => p.test(sample))).toHaveLength(2);
  });
});

describe("the add-in sends nothing anywhere", () => {
  const files = sourceFiles(SRC);

  it("calls no fetch, XMLHttpRequest, sendBeacon, WebSocket or EventSource in src/", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(offences(files, NETWORK)).toEqual([]);
  });

  it("would catch a network call if one were added", () => {
    const sample = 'await fetch("https://example.org", { body }); navigator.sendBeacon(url, data);';
    expect(NETWORK.filter((p) => p.test(sample))).toHaveLength(2);
  });
});
