/** A write plan in words, for the preview the user reads before anything is written. */
import { columnLetters, rangeAddress } from "./cell-address";
import { countWords } from "./count-words";
import { LEAD_CODES_NAME, LISTS_SHEET, STATUS_LIST_NAME } from "./reserved-names";
import type { WriteOp, WritePlan } from "./write-plan";

const cellCount = (cells: ReadonlyArray<ReadonlyArray<unknown>>): number =>
  cells.reduce((n, row) => n + row.length, 0);

function blockAddress(row: number, column: number, cells: ReadonlyArray<ReadonlyArray<unknown>>): string {
  const width = Math.max(1, ...cells.map((r) => r.length));
  return rangeAddress({
    top: row,
    left: column,
    bottom: row + Math.max(1, cells.length) - 1,
    right: column + width - 1,
  });
}

function conditionalWords(op: Extract<WriteOp, { kind: "setConditionalFormats" }>): string {
  const where = `${rangeAddress(op.range)} on '${op.sheet}'`;
  if (op.rules.length === 0) return `Remove the conditional formats on ${where}`;
  const formulas = op.rules.map((r) => r.formula).join(" ");
  if (formulas.includes("TODAY()"))
    return `Highlight a past due date on ${where} when the action is not Complete`;
  if (formulas.includes("LEN(TRIM(")) {
    return `Highlight an empty update on ${where} when the status is Red, Amber or Complete`;
  }
  if (op.rules.length >= 5 && formulas.includes('="Red"')) {
    return `Colour the status cells ${where} by their word (Red, Amber, Green, Complete blue, Not started grey)`;
  }
  return `Set ${op.rules.length} conditional format${op.rules.length === 1 ? "" : "s"} on ${where}`;
}

function opWords(op: WriteOp): string | null {
  switch (op.kind) {
    case "addSheet":
      return op.after === null
        ? `Add a sheet '${op.sheet}'`
        : `Add a sheet '${op.sheet}' after '${op.after}'`;
    case "writeCells":
      if (op.note !== undefined) return op.note === "" ? null : op.note;
      return `Write ${cellCount(op.cells)} cell${cellCount(op.cells) === 1 ? "" : "s"} at ${blockAddress(op.row, op.column, op.cells)} on '${op.sheet}'`;
    case "clearRange":
      if (op.note !== undefined) return op.note === "" ? null : op.note;
      return `Clear ${rangeAddress(op.range)} on '${op.sheet}'`;
    case "moveRows": {
      if (op.note !== undefined) return op.note === "" ? null : op.note;
      const n = op.rows.length;
      return `Move ${n} row${n === 1 ? "" : "s"} up to ${rangeAddress({ ...op.range, bottom: op.range.top + n - 1 })} on '${op.sheet}' and clear the rest of ${rangeAddress(op.range)}`;
    }
    case "unmerge":
      if (op.note === "") return null;
      return `Unmerge ${rangeAddress(op.range)} on '${op.sheet}' (the text stays in the first cell)`;
    case "styleRange":
      if (op.note !== undefined) return op.note === "" ? null : op.note;
      return `Format ${rangeAddress(op.range)} on '${op.sheet}'`;
    case "addTable":
      return `Make ${rangeAddress(op.range)} on '${op.sheet}' an Excel table named ${op.name}`;
    case "appendTableRows":
      return `Add ${op.cells.length} row${op.cells.length === 1 ? "" : "s"} to the ${op.table} table on '${op.sheet}'`;
    case "setValidation": {
      const source = op.rule.source.replace(/^=/, "");
      const style =
        op.rule.errorStyle === "stop"
          ? "anything else is refused"
          : "other values are allowed after a warning";
      return `Give ${rangeAddress(op.range)} on '${op.sheet}' a dropdown from ${source} (${style})`;
    }
    case "setConditionalFormats":
      return conditionalWords(op);
    case "defineName":
      return `Name ${op.name} → ${op.formula.replace(/^=/, "")}`;
    case "setColumnWidths": {
      const hidden = op.widths.filter((w) => w.hidden === true).map((w) => columnLetters(w.column));
      const hiding =
        hidden.length === 0 ? "" : `, column${hidden.length === 1 ? "" : "s"} ${hidden.join(", ")} hidden`;
      return `Set ${op.widths.length} column width${op.widths.length === 1 ? "" : "s"} on '${op.sheet}'${hiding}`;
    }
    case "setPageLayout": {
      const titles = op.printTitleRows
        ? `, rows ${op.printTitleRows.first + 1}–${op.printTitleRows.last + 1} repeated on every page`
        : "";
      const paper = op.paperSize === undefined ? "" : ` on ${op.paperSize}`;
      const breaks =
        op.rowBreaks === undefined || op.rowBreaks.length === 0
          ? ""
          : `, new pages at row${op.rowBreaks.length === 1 ? "" : "s"} ${op.rowBreaks.map((r) => r + 1).join(", ")}`;
      const footer =
        op.footer?.center === null || op.footer === undefined ? "" : `, footer '${op.footer.center}'`;
      return `Print '${op.sheet}' ${op.orientation}${paper}, ${op.fitToPagesWide} page${op.fitToPagesWide === 1 ? "" : "s"} wide${titles}${breaks}${footer}`;
    }
    case "hideRows": {
      if (op.note !== undefined) return op.note === "" ? null : op.note;
      const rows = op.rows.map((r) => r + 1);
      const shown = rows.length > 8 ? `${rows.slice(0, 8).join(", ")}, …` : rows.join(", ");
      return `Hide row${rows.length === 1 ? "" : "s"} ${shown} on '${op.sheet}'`;
    }
    case "setRowHeights":
      return `Set ${op.heights.length} row height${op.heights.length === 1 ? "" : "s"} on '${op.sheet}' to fit their text`;
    case "addChart":
      return `Add the chart '${op.title}' on '${op.sheet}' (from ${rangeAddress(op.source)})`;
    case "activateSheet":
      return `Show '${op.sheet}'`;
    case "protectSheet": {
      const open = op.unlocked.map(rangeAddress).join(", ");
      return `Protect '${op.sheet}' so that only ${open === "" ? "no cells" : open} can be typed in`;
    }
    case "setSheetVisibility":
      return op.visibility === "visible"
        ? `Show the sheet '${op.sheet}'`
        : `Hide the sheet '${op.sheet}'${op.visibility === "veryHidden" ? " (listed nowhere in Excel)" : ""}`;
  }
}

const STATUS_NOTE = /^([A-Z]+\d+): (.*)$/;

/** The first cells of a group, then "…" (a preview line stays readable with hundreds of cells). */
function someCells(cells: readonly string[]): string {
  return cells.length > 8 ? `${cells.slice(0, 8).join(", ")}, …` : cells.join(", ");
}

/**
 * One plain-English line per op, or per group of alike ops, in plan order (UK English). Status words
 * that replace fill colours are one line per sheet; a typed variant written as its word is one line
 * per sheet and change, at its first cell (a 6,000-action plan has thousands, which no one reads one
 * by one).
 *
 * @example
 * describeWritePlan(plan)
 * // → ["Header A7 on 'Action Plan 2009': 'ACTION' → 'Ref'",
 * //    "Make A7:E24 on 'Action Plan 2009' an Excel table named Actions_Action_Plan_2009",
 * //    "On 'Action Plan 2009', 17 statuses that were only a fill colour are written as words (E8, E9, …)",
 * //    "On 'Data requirements', F6: 'red' → 'Red'",
 * //    "On 'Data requirements', 'G' → 'Green' in 3 cells (F7, F9, F12)", …]
 */
export function describeWritePlan(plan: WritePlan): string[] {
  const lines: string[] = [];
  // Each group: the line it fills in, and its cells in plan order.
  const fillStatuses = new Map<string, { index: number; cells: string[] }>();
  const typedStatuses = new Map<string, { index: number; sheet: string; change: string; cells: string[] }>();
  for (const op of plan.ops) {
    const statusNote = op.kind === "writeCells" && op.note !== undefined ? STATUS_NOTE.exec(op.note) : null;
    if (op.kind === "writeCells" && statusNote) {
      const [, cell = "", change = ""] = statusNote;
      const fill = change.startsWith("fill colour");
      // The key cannot collide across sheets: a sheet name cannot hold "\n".
      const key = fill ? op.sheet : `${op.sheet}\n${change}`;
      const group = fill ? fillStatuses.get(key) : typedStatuses.get(key);
      if (group) group.cells.push(cell);
      else if (fill) fillStatuses.set(key, { index: lines.push("") - 1, cells: [cell] });
      else typedStatuses.set(key, { index: lines.push("") - 1, sheet: op.sheet, change, cells: [cell] });
      continue;
    }
    const words = opWords(op);
    if (words !== null) lines.push(words);
  }
  for (const [sheet, group] of fillStatuses) {
    const n = group.cells.length;
    lines[group.index] =
      `On '${sheet}', ${n} status${n === 1 ? " that was" : "es that were"} only a fill colour ${n === 1 ? "is" : "are"} written as words and the fill cleared (${someCells(group.cells)})`;
  }
  for (const { index, sheet, change, cells } of typedStatuses.values()) {
    lines[index] =
      cells.length === 1
        ? `On '${sheet}', ${cells[0]}: ${change}`
        : `On '${sheet}', ${change} in ${cells.length} cells (${someCells(cells)})`;
  }
  return lines;
}

/** The sheet an op writes to, or null for a workbook-wide op (a defined name). */
function sheetOf(op: WriteOp): string | null {
  return op.kind === "defineName" ? null : op.sheet;
}

/** One sheet's changes in the preview: its name (null: the workbook as a whole) and its lines. */
export interface PreviewSection {
  readonly sheet: string | null;
  readonly lines: readonly string[];
}

/** A write plan as a person reads it first: one plain sentence, then the changes sheet by sheet. */
export interface PlanPreview {
  readonly headline: string;
  readonly sections: readonly PreviewSection[];
  /** What the operation does next, after these changes (a two-step operation's second step). */
  readonly after?: string;
}

/** Lines of one sheet with alike formatting lines folded into one ("Format 20 ranges on 'Summary'"). */
function foldedLines(sheet: string | null, ops: readonly WriteOp[]): string[] {
  const styles = ops.filter((op) => op.kind === "styleRange" && op.note === undefined);
  const rest = ops.filter((op) => !(op.kind === "styleRange" && op.note === undefined));
  const lines = describeWritePlan({ title: "", ops: rest });
  if (styles.length === 1) lines.push(...describeWritePlan({ title: "", ops: styles }));
  else if (styles.length > 1) {
    lines.push(`Format ${countWords(styles.length, "range")} on '${sheet ?? ""}' (fonts, fills, wrapping)`);
  }
  return lines;
}

function joinClauses(clauses: readonly string[]): string {
  if (clauses.length <= 1) return clauses[0] ?? "";
  return `${clauses.slice(0, -1).join(", ")} and ${clauses[clauses.length - 1]}`;
}

/**
 * The sentence that opens a preview: what the operation does, in the user's terms, counted from its
 * ops. Apply schema on a ragged plan reads "Turns 6 tables into Excel tables with status and lead
 * dropdowns and colours, adds a Lists sheet and writes 3 statuses that were only colours as words".
 */
export function planHeadline(plan: WritePlan): string {
  const ops = plan.ops;
  const clauses: string[] = [];
  const tables = ops.filter((op) => op.kind === "addTable" && op.sheet !== LISTS_SHEET).length;
  const validations = ops.filter((op) => op.kind === "setValidation");
  const sources = validations.map((op) => op.rule.source.replace(/^=/, ""));
  const dropdowns = [
    sources.includes(STATUS_LIST_NAME) ? "status" : null,
    sources.includes(LEAD_CODES_NAME) ? "lead" : null,
  ].filter((w): w is string => w !== null);
  const colours = ops.some((op) => op.kind === "setConditionalFormats" && op.rules.length > 0);
  if (tables > 0) {
    const extras = [
      dropdowns.length > 0
        ? `${joinClauses(dropdowns)} dropdowns`
        : validations.length > 0
          ? "dropdowns"
          : null,
      colours ? "colours" : null,
    ].filter((w): w is string => w !== null);
    clauses.push(
      `turns ${countWords(tables, "table")} into ${tables === 1 ? "an Excel table" : "Excel tables"}${extras.length > 0 ? ` with ${joinClauses(extras)}` : ""}`,
    );
  }
  const added = ops.filter((op) => op.kind === "addSheet").map((op) => `'${op.sheet}'`);
  if (added.length > 0)
    clauses.push(`adds ${added.length === 1 ? "the sheet" : "the sheets"} ${joinClauses(added)}`);
  let fills = 0;
  let typed = 0;
  for (const op of ops) {
    if (op.kind !== "writeCells" || op.note === undefined) continue;
    const change = STATUS_NOTE.exec(op.note)?.[2];
    if (change === undefined) continue;
    if (change.startsWith("fill colour")) fills += 1;
    else typed += 1;
  }
  if (fills > 0) {
    clauses.push(
      `writes ${countWords(fills, "status", "statuses")} that ${fills === 1 ? "was" : "were"} only colours as words`,
    );
  }
  if (typed > 0) clauses.push(`tidies ${countWords(typed, "typed status", "typed statuses")}`);
  const moves = ops.filter((op) => op.kind === "moveRows").length;
  if (moves > 0) clauses.push(`closes up blank and repeated header rows in ${countWords(moves, "table")}`);
  const appended = ops
    .filter((op) => op.kind === "appendTableRows")
    .reduce((n, op) => n + op.cells.length, 0);
  if (appended > 0) clauses.push(`adds ${countWords(appended, "row")} to existing tables`);
  if (ops.some((op) => op.kind === "addChart")) clauses.push("draws a chart");
  if (ops.some((op) => op.kind === "setPageLayout")) clauses.push("sets it up for printing");
  if (clauses.length === 0) {
    const written = new Set(ops.filter((op) => op.kind === "writeCells").map((op) => `'${op.sheet}'`));
    if (written.size > 0) clauses.push(`writes to ${joinClauses([...written])}`);
  }
  if (clauses.length === 0) return plan.title;
  // Clauses are joined by commas alone: a clause may hold its own "and" ("status and lead dropdowns").
  const sentence = clauses.join(", ");
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * The plan as a preview: the headline, then one section per sheet in the order the plan first
 * touches it (workbook-wide names last), each with its lines.
 *   previewOfPlan(schemaPlan) → { headline: "Turns 6 tables into …", sections: [{ sheet: "1 ASB", lines: [...] }, …] }
 */
export function previewOfPlan(plan: WritePlan): PlanPreview {
  const bySheet = new Map<string | null, WriteOp[]>();
  for (const op of plan.ops) {
    const sheet = sheetOf(op);
    const list = bySheet.get(sheet);
    if (list) list.push(op);
    else bySheet.set(sheet, [op]);
  }
  const sections: PreviewSection[] = [];
  for (const [sheet, ops] of bySheet) {
    if (sheet === null) continue;
    const lines = foldedLines(sheet, ops);
    if (lines.length > 0) sections.push({ sheet, lines });
  }
  const names = bySheet.get(null);
  if (names) sections.push({ sheet: null, lines: describeWritePlan({ title: "", ops: names }) });
  return { headline: planHeadline(plan), sections };
}
