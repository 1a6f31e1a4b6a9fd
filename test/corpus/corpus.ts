/**
 * A corpus of action-plan workbooks laid out the many ways partnerships keep them (header words and
 * orders, one- and two-row headers, quarterly columns, status words, letters, colours, tints, theme
 * colours and cell-style fills, keys, several tables per sheet, titles and notes around the tables),
 * each with the actions a reader must find in it. Built as snapshots and as ExcelJS workbooks, so the
 * file reader is exercised too.
 */
import ExcelJS from "exceljs";
import type {
  CellSnapshot,
  GridRange,
  SheetSnapshot,
  WorkbookSnapshot,
} from "../../src/core/basics/snapshot";
import type { Status, StatusRecord } from "../../src/core/basics/plan-model";
import { tintColour } from "../support/exceljs/xlsx-snapshot";
import { OFFICE_THEME_COLOURS } from "../../src/xlsx/part-theme";
// ExcelJS's default theme part (the one it writes when a workbook has none of its own).
import excelJsTheme from "exceljs/lib/xlsx/xml/theme1";

export type Role = "ref" | "action" | "lead" | "update" | "status" | "due" | "theme";

/** A cell as the corpus writes it: text, a date, or a fill (hex, or an Office theme colour and tint). */
export interface CorpusCell {
  readonly text?: string;
  readonly date?: string;
  readonly fill?: string;
  readonly theme?: { readonly index: number; readonly tint: number };
}

export interface CorpusSheet {
  readonly name: string;
  readonly rows: Array<Array<CorpusCell | null>>;
  readonly merges: GridRange[];
}

export interface ExpectedAction {
  readonly sheet: string;
  readonly ref: string | null;
  readonly action: string;
  readonly lead: string | null;
  readonly leads: readonly string[];
  readonly update: string;
  readonly status: Status | null;
  readonly due: string | null;
  readonly theme: string | null;
  readonly history: readonly StatusRecord[];
}

export interface CorpusCase {
  readonly name: string;
  readonly sheets: readonly CorpusSheet[];
  readonly expected: readonly ExpectedAction[];
}

interface BaseAction {
  readonly ref: string;
  readonly action: string;
  readonly lead: string;
  readonly leads: readonly string[];
  readonly update: string;
  readonly status: Status;
  readonly due: { readonly date?: string; readonly text?: string };
  readonly theme: string;
  /** The previous quarter's reading, for quarterly layouts; null when the action has none. */
  readonly before: { readonly status: Status; readonly update: string } | null;
}

export const BASE_ACTIONS: readonly BaseAction[] = [
  {
    ref: "1.1",
    action: "Run a joint patrol in the town centre on Friday and Saturday nights through the summer",
    lead: "Police",
    leads: ["Police"],
    update: "Patrols running since April; forty hours a month so far",
    status: "Green",
    due: { date: "2025-03-31" },
    theme: "Anti-social behaviour",
    before: { status: "Amber", update: "Rota agreed, first patrols in May" },
  },
  {
    ref: "1.2",
    action: "Set up a referral route from A&E to the alcohol service for repeat attenders",
    lead: "A&E",
    leads: ["A&E"],
    update: "Pathway drafted; waiting for the trust's sign-off",
    status: "Amber",
    due: { text: "Q3 2024/25" },
    theme: "Alcohol",
    before: null,
  },
  {
    ref: "2.1",
    action: "Publish a hate crime reporting guide in five community languages, online and in print",
    lead: "Council\nPOLICE",
    leads: ["Council", "Police"],
    update: "Translation budget not agreed; looking for other funding",
    status: "Red",
    due: { text: "March 2025" },
    theme: "Hate crime",
    before: { status: "Amber", update: "Quotes requested from three translators" },
  },
  {
    ref: "2.2",
    action: "Train every housing officer to spot cuckooing and refer the tenant to the exploitation panel",
    lead: "Housing",
    leads: ["Housing"],
    update: "All 32 officers trained in two sessions",
    status: "Complete",
    due: { date: "2024-09-30" },
    theme: "Exploitation",
    before: { status: "Green", update: "First session held" },
  },
  {
    ref: "3.1",
    action: "Review the CCTV coverage map with the parish councils and agree where new cameras go",
    lead: "Council",
    leads: ["Council"],
    update: "",
    status: "Not started",
    due: { text: "Ongoing" },
    theme: "Anti-social behaviour",
    before: null,
  },
];

/** How a layout writes each status. */
export type StatusWriter = (status: Status) => CorpusCell;

export const words: StatusWriter = (s) => ({ text: s });
export const letters: StatusWriter = (s) =>
  ({
    Red: { text: "R" },
    Amber: { text: "A" },
    Green: { text: "G" },
    Complete: { text: "C" },
    "Not started": { text: "NS" },
  })[s];
const phrases: StatusWriter = (s) =>
  ({
    Red: { text: "Off track" },
    Amber: { text: "At risk" },
    Green: { text: "On track" },
    Complete: { text: "Achieved" },
    "Not started": { text: "Not due yet" },
  })[s];
const lowerWords: StatusWriter = (s) => ({ text: `${s.toLowerCase()} ` });
const fills =
  (palette: Record<Status, string>): StatusWriter =>
  (s) => ({ fill: palette[s] });
export const standardFills = fills({
  Red: "#FF0000",
  Amber: "#FFC000",
  Green: "#00B050",
  Complete: "#0070C0",
  "Not started": "#BFBFBF",
});
const cellStyleFills = fills({
  Red: "#FFC7CE",
  Amber: "#FFEB9C",
  Green: "#C6EFCE",
  Complete: "#BDD7EE",
  "Not started": "#D9D9D9",
});
const tintFills = fills({
  Red: "#FF7C80",
  Amber: "#FFD966",
  Green: "#A9D08E",
  Complete: "#9BC2E6",
  "Not started": "#A6A6A6",
});
const themeFills: StatusWriter = (s) =>
  ({
    Red: { fill: "#C00000" },
    Amber: { theme: { index: 5, tint: 0.4 } },
    Green: { theme: { index: 9, tint: 0.4 } },
    Complete: { theme: { index: 4, tint: 0.6 } },
    "Not started": { theme: { index: 6, tint: 0.4 } },
  })[s];
/** Statuses typed as the workbook's own letters, which its key defines. */
const keyedLetters: StatusWriter = (s) =>
  ({
    Red: { text: "X" },
    Amber: { text: "S" },
    Green: { text: "P" },
    Complete: { text: "D" },
    "Not started": { text: "F" },
  })[s];
const KEYED_LETTERS_KEY =
  "Status key: X = off track, S = some slippage, P = progressing, on track, D = done, F = not yet started";

export const HEADER_SETS: ReadonlyArray<Partial<Record<Role, string>>> = [
  {
    ref: "Ref",
    action: "Action",
    lead: "Lead",
    update: "Update",
    status: "Status",
    due: "Due",
    theme: "Theme",
  },
  {
    ref: "No.",
    action: "Action required",
    lead: "Lead officer / agency",
    update: "Progress update",
    status: "RAG",
    due: "Target date",
    theme: "Priority",
  },
  {
    ref: "Action ID",
    action: "What we will do",
    lead: "Who",
    update: "How are we doing?",
    status: "R/A/G",
    due: "By when?",
  },
  { ref: "#", action: "Task", lead: "Owner", update: "Commentary", status: "BRAG", due: "Deadline" },
  {
    ref: "Reference",
    action: "Key actions",
    lead: "Responsible",
    update: "Progress to date",
    status: "RAG status",
    due: "Timescale",
    theme: "Strategic priority",
  },
  {
    ref: "Item",
    action: "Activity",
    lead: "Lead Agency",
    update: "Comments",
    status: "Status (RAG)",
    due: "Completion date",
  },
  {
    ref: "Ref no",
    action: "Recommendation",
    lead: "Action Owner",
    update: "Latest position",
    status: "Rating",
    due: "Timeframe",
  },
  {
    ref: "Ref\n(no.)",
    action: "Actions to be\ntaken",
    lead: "Lead\u00a0Partner",
    update: "Progress\nmade",
    status: "RAG\nrating",
    due: "Target\ncompletion date",
  },
  {
    ref: "Action No",
    action: "Intervention",
    lead: "Responsible officer",
    update: "Narrative",
    status: "Traffic light",
    due: "Date due",
  },
];

export interface LayoutOptions {
  readonly name: string;
  readonly headers: Partial<Record<Role, string>>;
  readonly order: ReadonlyArray<string>;
  readonly status: StatusWriter;
  readonly above?: string[][];
  readonly below?: Array<Array<CorpusCell | null>>;
  /** Extra columns by header, with a value per action. */
  readonly extras?: Readonly<Record<string, (a: BaseAction, i: number) => string>>;
  /** Split the actions over two tables on the sheet, with a title between. */
  readonly twoTables?: boolean;
  /** Two sheets, the actions split over them. */
  readonly twoSheets?: boolean;
  /** Quarterly groups: "two-row" (period merged over Progress | RAG) or "one-row" ("Q1 update | Q1 RAG"). */
  readonly quarters?: "two-row" | "one-row";
  /** Notes in a cell to the right of the table, past a blank column. */
  readonly notesBeside?: boolean;
  /** A lead written in the register's other case ("POLICE") on the first action. */
  readonly shoutedLead?: boolean;
}

function dueCell(a: BaseAction): CorpusCell {
  return a.due.date ? { date: a.due.date } : { text: a.due.text ?? "" };
}

function expectedOf(sheet: string, a: BaseAction, o: LayoutOptions, lead: string): ExpectedAction {
  const has = (r: Role): boolean =>
    o.order.includes(r) || (o.quarters !== undefined && (r === "update" || r === "status"));
  return {
    sheet,
    ref: has("ref") ? a.ref : null,
    action: a.action,
    lead: has("lead") ? lead : null,
    leads: has("lead") ? a.leads : [],
    update: has("update") ? a.update : "",
    status: has("status") ? a.status : null,
    due: has("due") ? (a.due.date ?? a.due.text ?? null) : null,
    theme: has("theme") ? a.theme : null,
    history:
      o.quarters && a.before
        ? [
            {
              period: o.quarters === "two-row" ? "Q1 2024/25" : "Q1",
              status: a.before.status,
              update: a.before.update,
            },
          ]
        : [],
  };
}

function tableRows(
  o: LayoutOptions,
  actions: readonly BaseAction[],
  firstIndex: number,
): { rows: Array<Array<CorpusCell | null>>; merges: GridRange[]; headerRows: number } {
  const cellFor = (a: BaseAction, i: number, key: string): CorpusCell | null => {
    switch (key) {
      case "ref":
        return { text: a.ref };
      case "action":
        return { text: a.action };
      case "lead":
        return { text: o.shoutedLead && i === 0 ? a.lead.toUpperCase() : a.lead };
      case "update":
        return a.update === "" ? null : { text: a.update };
      case "status":
        return o.status(a.status);
      case "due":
        return dueCell(a);
      case "theme":
        return { text: a.theme };
      default: {
        const extra = o.extras?.[key];
        return extra ? { text: extra(a, i) } : null;
      }
    }
  };
  const plain = o.order.filter((k) => !(o.quarters && (k === "update" || k === "status")));
  const header = plain.map((k) => ({ text: o.headers[k as Role] ?? k }));
  const merges: GridRange[] = [];
  if (!o.quarters) {
    return {
      rows: [header, ...actions.map((a, i) => plain.map((k) => cellFor(a, firstIndex + i, k)))],
      merges,
      headerRows: 1,
    };
  }
  const q = (a: BaseAction, which: 1 | 2): Array<CorpusCell | null> => {
    if (which === 1) return a.before ? [{ text: a.before.update }, o.status(a.before.status)] : [null, null];
    return [a.update === "" ? null : { text: a.update }, o.status(a.status)];
  };
  const body = actions.map((a, i) => [
    ...plain.map((k) => cellFor(a, firstIndex + i, k)),
    ...q(a, 1),
    ...q(a, 2),
  ]);
  if (o.quarters === "one-row") {
    return {
      rows: [
        [...header, { text: "Q1 update" }, { text: "Q1 RAG" }, { text: "Q2 update" }, { text: "Q2 RAG" }],
        ...body,
      ],
      merges,
      headerRows: 1,
    };
  }
  const w = plain.length;
  const group: Array<CorpusCell | null> = [
    ...plain.map((k) => ({ text: o.headers[k as Role] ?? k })),
    { text: "Q1 2024/25" },
    null,
    { text: "Q2 2024/25" },
    null,
  ];
  const sub: Array<CorpusCell | null> = [
    ...plain.map(() => null),
    { text: "Progress" },
    { text: "RAG" },
    { text: "Progress" },
    { text: "RAG" },
  ];
  merges.push({ top: 0, left: w, bottom: 0, right: w + 1 }, { top: 0, left: w + 2, bottom: 0, right: w + 3 });
  for (let c = 0; c < w; c++) merges.push({ top: 0, left: c, bottom: 1, right: c });
  return { rows: [group, sub, ...body], merges, headerRows: 2 };
}

function shift(m: GridRange, rows: number): GridRange {
  return { top: m.top + rows, left: m.left, bottom: m.bottom + rows, right: m.right };
}

/** The case a layout gives: its sheets and the actions a reader must find. */
export function layout(o: LayoutOptions): CorpusCase {
  const sheets: CorpusSheet[] = [];
  const expected: ExpectedAction[] = [];
  const groups: Array<{ sheet: string; actions: BaseAction[]; first: number }> = o.twoSheets
    ? [
        { sheet: "Priority 1", actions: BASE_ACTIONS.slice(0, 3), first: 0 },
        { sheet: "Priority 2", actions: BASE_ACTIONS.slice(3), first: 3 },
      ]
    : [{ sheet: "Action plan", actions: [...BASE_ACTIONS], first: 0 }];
  for (const g of groups) {
    const rows: Array<Array<CorpusCell | null>> = (o.above ?? []).map((r) =>
      r.map((t) => (t === "" ? null : { text: t })),
    );
    const merges: GridRange[] = [];
    const parts = o.twoTables ? [g.actions.slice(0, 2), g.actions.slice(2)] : [g.actions];
    let index = g.first;
    parts.forEach((part, p) => {
      if (p > 0) rows.push([], [{ text: `${p + 1}. The second part of the plan` }]);
      const table = tableRows(o, part, index);
      const top = rows.length;
      rows.push(...table.rows);
      merges.push(...table.merges.map((m) => shift(m, top)));
      part.forEach((a, i) => {
        const lead = o.shoutedLead && index + i === 0 ? a.lead.toUpperCase() : a.lead;
        expected.push(expectedOf(g.sheet, a, o, lead));
      });
      index += part.length;
    });
    if (o.notesBeside) {
      const row = rows[(o.above?.length ?? 0) + 1];
      if (row) {
        while (row.length < o.order.length + 5) row.push(null);
        row[o.order.length + 5] = { text: "Notes: this plan is reviewed by the board every quarter." };
      }
    }
    rows.push(...(o.below ?? []));
    sheets.push({ name: g.sheet, rows, merges });
  }
  return { name: o.name, sheets, expected };
}

const ALL: readonly Role[] = ["ref", "action", "lead", "update", "status", "due", "theme"];
const NO_THEME: readonly Role[] = ["ref", "action", "lead", "update", "status", "due"];
const TITLE = [["Safer Borough Partnership"], ["Community Safety Action Plan 2024/25"], [""]];
const INTRO = [
  ["Anti-social behaviour and exploitation: delivery plan"],
  [
    "This plan sets out what each partner will do in the year to tackle the priorities the strategic assessment found. Leads update it each quarter before the board.",
  ],
  [""],
];
const COLOUR_KEY: Array<Array<CorpusCell | null>> = [
  [],
  [{ text: "Key:" }],
  [{ fill: "#FF0000" }, { text: "Off track" }],
  [{ fill: "#FFC000" }, { text: "Some slippage" }],
  [{ fill: "#00B050" }, { text: "On track" }],
  [{ fill: "#0070C0" }, { text: "Complete" }],
];

/** The corpus: at least 25 distinct layouts. */
export function corpusCases(): CorpusCase[] {
  const h = HEADER_SETS;
  const partners = { "Key partners": () => "Police, Council, Fire and Rescue" };
  const measure = { "Success measure": () => "Fewer repeat calls" };
  const outcome = { "Outcome / Measure": () => "A 10% fall in reports by March" };
  const notes = { Notes: () => "See board minutes" };
  const objective = {
    Objective: (_a: BaseAction, i: number) => (i < 3 ? "Safer streets" : "Protect the vulnerable"),
  };
  const cases: LayoutOptions[] = [
    { name: "plain-words", headers: h[0] ?? {}, order: ALL, status: words },
    { name: "plain-letters-title", headers: h[0] ?? {}, order: ALL, status: letters, above: TITLE },
    {
      name: "council-words-order",
      headers: h[1] ?? {},
      order: ["theme", "ref", "action", "lead", "due", "status", "update"],
      status: words,
    },
    { name: "plain-english-phrases", headers: h[2] ?? {}, order: NO_THEME, status: phrases, above: INTRO },
    {
      name: "owner-brag-fills",
      headers: h[3] ?? {},
      order: NO_THEME,
      status: standardFills,
      below: COLOUR_KEY,
    },
    { name: "reference-cell-styles", headers: h[4] ?? {}, order: ALL, status: cellStyleFills },
    { name: "item-agency-tints", headers: h[5] ?? {}, order: NO_THEME, status: tintFills, above: TITLE },
    { name: "recommendation-theme-colours", headers: h[6] ?? {}, order: NO_THEME, status: themeFills },
    { name: "wrapped-headers", headers: h[7] ?? {}, order: NO_THEME, status: words },
    { name: "traffic-light-lower-case", headers: h[8] ?? {}, order: NO_THEME, status: lowerWords },
    {
      name: "key-partners-beside-lead",
      headers: h[0] ?? {},
      order: ["ref", "action", "lead", "Key partners", "update", "status"],
      status: words,
      extras: partners,
    },
    {
      name: "success-measure-before-action",
      headers: h[1] ?? {},
      order: ["ref", "Success measure", "action", "lead", "update", "status", "due"],
      status: letters,
      extras: measure,
    },
    {
      name: "outcome-measure-column",
      headers: h[3] ?? {},
      order: ["ref", "action", "Outcome / Measure", "lead", "update", "status"],
      status: phrases,
      extras: outcome,
    },
    {
      name: "objective-parent-column",
      headers: h[0] ?? {},
      order: ["Objective", "ref", "action", "lead", "update", "status"],
      status: words,
      extras: objective,
    },
    {
      name: "progress-and-notes",
      headers: h[1] ?? {},
      order: ["ref", "action", "lead", "update", "Notes", "status"],
      status: words,
      extras: notes,
    },
    {
      name: "two-tables-one-sheet",
      headers: h[0] ?? {},
      order: ALL,
      status: words,
      twoTables: true,
      above: TITLE,
    },
    { name: "two-sheets", headers: h[4] ?? {}, order: NO_THEME, status: letters, twoSheets: true },
    {
      name: "quarters-two-row-header",
      headers: h[0] ?? {},
      order: ["ref", "action", "lead", "due", "update", "status"],
      status: words,
      quarters: "two-row",
    },
    {
      name: "quarters-one-row",
      headers: h[0] ?? {},
      order: ["ref", "action", "lead", "update", "status"],
      status: letters,
      quarters: "one-row",
    },
    {
      name: "quarters-fills",
      headers: h[3] ?? {},
      order: ["ref", "action", "lead", "update", "status"],
      status: standardFills,
      quarters: "two-row",
      above: TITLE,
    },
    {
      name: "keyed-letters",
      headers: h[0] ?? {},
      order: NO_THEME,
      status: keyedLetters,
      below: [[], [{ text: KEYED_LETTERS_KEY }]],
    },
    { name: "notes-beside", headers: h[5] ?? {}, order: NO_THEME, status: words, notesBeside: true },
    {
      name: "no-ref-column",
      headers: h[0] ?? {},
      order: ["action", "lead", "update", "status", "due"],
      status: words,
    },
    {
      name: "no-status-column",
      headers: h[2] ?? {},
      order: ["ref", "action", "lead", "update", "due"],
      status: words,
    },
    {
      name: "shouted-lead",
      headers: h[6] ?? {},
      order: NO_THEME,
      status: words,
      shoutedLead: true,
      above: INTRO,
    },
    {
      name: "status-first",
      headers: h[4] ?? {},
      order: ["status", "ref", "action", "lead", "update", "due"],
      status: letters,
    },
    {
      name: "tints-two-sheets-key",
      headers: h[1] ?? {},
      order: NO_THEME,
      status: tintFills,
      twoSheets: true,
      below: COLOUR_KEY,
    },
    {
      name: "cell-styles-two-tables",
      headers: h[8] ?? {},
      order: NO_THEME,
      status: cellStyleFills,
      twoTables: true,
    },
  ];
  return cases.map(layout);
}

/** "2025-03-31" as Excel's serial number. */
function serial(iso: string): number {
  return Math.round(
    (Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) -
      Date.UTC(1899, 11, 30)) /
      86_400_000,
  );
}

const THEME_BASE: Readonly<Record<number, string>> = {
  4: "4472C4",
  5: "ED7D31",
  6: "A5A5A5",
  7: "FFC000",
  9: "70AD47",
};

function snapshotCell(c: CorpusCell | null): CellSnapshot | null {
  if (c === null) return null;
  const fill =
    c.fill ?? (c.theme ? `#${tintColour(THEME_BASE[c.theme.index] ?? "FFFFFF", c.theme.tint)}` : null);
  if (c.date) {
    const [y, m, d] = c.date.split("-");
    return { value: serial(c.date), text: `${d}/${m}/${y}`, numberFormat: "dd/mm/yyyy", fill, formula: null };
  }
  const text = c.text ?? "";
  return { value: text === "" ? null : text, text, numberFormat: "General", fill, formula: null };
}

/** The case as a workbook snapshot, as the Excel host would give it. */
export function corpusSnapshot(c: CorpusCase): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = c.sheets.map((s) => ({
    name: s.name,
    visibility: "visible",
    isProtected: false,
    cells: s.rows.map((r) => r.map(snapshotCell)),
    merges: s.merges,
    hiddenRows: [],
    hiddenColumns: [],
    tables: [],
  }));
  return { sheets, names: [] };
}

/** The case as an ExcelJS workbook (theme colours written as theme + tint, for the file reader to resolve). */
/**
 * ExcelJS's own theme part with the colour scheme of Excel 2013 and later (OFFICE_THEME_COLOURS), which
 * the cases' theme fills are written for: without it a file carries ExcelJS's 2007 scheme, whose
 * accent2 is red where 2013's is orange, and the product's reader rightly resolves against the file's.
 */
const OFFICE_2013_THEME: string = (() => {
  // Each scheme slot that is an RGB colour, with its theme index in styles.xml (lt1 and dk1, indices
  // 0 and 1, are system colours and the same in both schemes).
  const slots: ReadonlyArray<readonly [string, number]> = [
    ["dk2", 3],
    ["lt2", 2],
    ["accent1", 4],
    ["accent2", 5],
    ["accent3", 6],
    ["accent4", 7],
    ["accent5", 8],
    ["accent6", 9],
    ["hlink", 10],
    ["folHlink", 11],
  ];
  let xml = excelJsTheme;
  for (const [slot, index] of slots) {
    const before = xml;
    xml = xml.replace(
      new RegExp(`(<a:${slot}>\\s*<a:srgbClr val=")[0-9A-F]{6}(")`),
      `$1${OFFICE_THEME_COLOURS[index]}$2`,
    );
    if (xml === before) throw new Error(`ExcelJS's theme has no ${slot} colour to set`);
  }
  return xml;
})();

export function corpusWorkbook(c: CorpusCase): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  // "Themes are not an exposed feature" of ExcelJS (lib/doc/workbook.js), but its writer takes them.
  (wb as unknown as { _themes: { theme1: string } })._themes = { theme1: OFFICE_2013_THEME };
  for (const s of c.sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) =>
      row.forEach((cell, col) => {
        if (cell === null) return;
        const target = ws.getCell(r + 1, col + 1);
        if (cell.date) {
          const [y, m, d] = cell.date.split("-").map(Number);
          target.value = new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1));
          target.numFmt = "dd/mm/yyyy";
        } else if (cell.text !== undefined) {
          target.value = cell.text;
        }
        if (cell.fill) {
          target.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${cell.fill.slice(1)}` } };
        } else if (cell.theme) {
          target.fill = {
            type: "pattern",
            pattern: "solid",
            fgColor: { theme: cell.theme.index, tint: cell.theme.tint } as Partial<ExcelJS.Color>,
          };
        }
      }),
    );
    for (const m of s.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  return wb;
}
