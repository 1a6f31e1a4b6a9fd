/**
 * Partner returns in tests: a plan made ready to send returns (its id recorded), its returns made as
 * files, and a return filled in as a lead would, by editing the saved package's worksheet XML the way
 * Excel saves a typed cell (a string, or a formula when the typed text begins with "=").
 */
import { readFile } from "node:fs/promises";
import { readPlan } from "../../src/core/reading/read-plan";
import { planReturns, type ReturnOptions, type ReturnsMade } from "../../src/core/planning/returns-make";
import type { WorkbookSnapshot } from "../../src/core/basics/snapshot";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { returnWorkbookBytes } from "../../src/xlsx/return-files";
import { nodeCodec } from "../../src/xlsx/node-files";
import { readWorkbookBuffer } from "./exceljs/xlsx-file";
import { snapshotFromWorkbook } from "./exceljs/xlsx-snapshot";
import { crc32, zipOfParts } from "../../src/xlsx/zip-parts";
import { zipParts } from "./package-parts";

export const FIXTURES = `${__dirname}/../../../shared/fixtures`;

export async function snapshotOfBytes(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  return snapshotFromWorkbook(await readWorkbookBuffer(bytes));
}

/** A plan ready to send returns: its bytes with the id recorded, the returns made, and each as a file. */
export interface SentReturns {
  readonly master: Uint8Array;
  readonly made: ReturnsMade;
  readonly files: ReadonlyMap<string, Uint8Array>;
}

export const RETURN_DEFAULTS: ReturnOptions = {
  newPlanId: "6f1d2c3b-0000-4000-8000-000000000001",
  planName: "Test plan",
  partnership: "Safer Testing Partnership",
  todayIso: "2026-11-30",
  leads: null,
};

export async function sendReturns(
  master: Uint8Array,
  options: Partial<ReturnOptions> = {},
): Promise<SentReturns> {
  const snapshot = await snapshotOfBytes(master);
  const made = planReturns(snapshot, readPlan(snapshot), { ...RETURN_DEFAULTS, ...options });
  const withId =
    made.planIdPlan === null
      ? master
      : (await applyWritePlanToBytes(master, made.planIdPlan, nodeCodec)).bytes;
  const files = new Map<string, Uint8Array>();
  for (const r of made.returns) files.set(r.lead, await returnWorkbookBytes(r, nodeCodec));
  return { master: withId, made, files };
}

export async function fixtureBytes(name: string): Promise<Uint8Array> {
  return readFile(`${FIXTURES}/${name}.xlsx`);
}

/** What a lead puts in one cell: text as typed (kept as a string), or a formula Excel made of it. */
export type Typed = string | { readonly formula: string };

function escapeText(text: string): string {
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      // Excel writes characters XML 1.0 cannot hold as _xHHHH_ (ECMA-376 Part 1, 22.9.2.19 ST_Xstring).
      .replace(
        /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g,
        (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`,
      )
  );
}

/** The cell as Excel saves what was typed: a shared string (appended to `strings`), or a formula. */
function cellXml(address: string, style: string, typed: Typed, strings: string[], base: number): string {
  if (typeof typed !== "string")
    return `<c r="${address}"${style}><f>${escapeText(typed.formula.replace(/^=/, ""))}</f></c>`;
  strings.push(`<si><t xml:space="preserve">${escapeText(typed)}</t></si>`);
  return `<c r="${address}"${style} t="s"><v>${base + strings.length - 1}</v></c>`;
}

/**
 * The workbook with cells of one worksheet part replaced ("xl/worksheets/sheet1.xml" is the Return
 * sheet of a return), each kept in its style; the cells must exist (a return's cells all do).
 */
export async function editCells(
  bytes: Uint8Array,
  part: string,
  cells: Readonly<Record<string, Typed>>,
): Promise<Uint8Array> {
  const entries = zipParts(bytes);
  const texts = new Map(entries.map((entry) => [entry.name, new TextDecoder().decode(entry.data)]));
  const sst = texts.get("xl/sharedStrings.xml");
  if (sst === undefined) throw new Error("The workbook has no shared strings part");
  const base = (sst.match(/<si>/g) ?? []).length;
  const strings: string[] = [];
  let xml = texts.get(part);
  if (xml === undefined) throw new Error(`No part ${part}`);
  for (const [address, typed] of Object.entries(cells)) {
    const pattern = new RegExp(`<c r="${address}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
    const found = pattern.exec(xml);
    if (!found) throw new Error(`No cell ${address} in ${part}`);
    const style = / s="\d+"/.exec(found[1] ?? "")?.[0] ?? "";
    xml = xml.replace(pattern, () => cellXml(address, style, typed, strings, base));
  }
  texts.set(part, xml);
  const total = base + strings.length;
  texts.set(
    "xl/sharedStrings.xml",
    sst
      .replace("</sst>", () => `${strings.join("")}</sst>`)
      .replace(/uniqueCount="\d+"/, `uniqueCount="${total}"`),
  );
  const encoder = new TextEncoder();
  const parts = entries.map((entry) => {
    const data = encoder.encode(texts.get(entry.name) ?? "");
    return { name: entry.name, data, crc32: crc32(data), dosTime: entry.dosTime, dosDate: entry.dosDate };
  });
  return zipOfParts(parts, nodeCodec.deflateRaw);
}

/** A lead's answers by the Return sheet's row number (as Excel shows it, from 11). */
export type Answers = Readonly<Record<number, { readonly status?: Typed; readonly update?: Typed }>>;

export async function fillReturn(bytes: Uint8Array, answers: Answers): Promise<Uint8Array> {
  const cells: Record<string, Typed> = {};
  for (const [row, answer] of Object.entries(answers)) {
    if (answer.status !== undefined) cells[`F${row}`] = answer.status;
    if (answer.update !== undefined) cells[`G${row}`] = answer.update;
  }
  return editCells(bytes, "xl/worksheets/sheet1.xml", cells);
}
