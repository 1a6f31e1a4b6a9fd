import { type CSSProperties, useEffect, useMemo, useRef } from "react";
import { Caption1, Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import type { SheetSnapshot, ValidationSnapshot, WorkbookSnapshot } from "../core/basics/snapshot";
import { cellAddress, columnLetters } from "../core/basics/cell-address";
import { conditionalLooksOf } from "../core/reading/conditional-looks";

export interface GridViewProps {
  readonly snapshot: WorkbookSnapshot;
  readonly activeSheet: string;
  readonly onActiveSheetChange: (sheet: string) => void;
  /** The cell the pane selected, e.g. "D12" on activeSheet, or null. */
  readonly selectedCell: string | null;
}

/** Enough of a sheet to try the add-in on; larger sheets are cut here, never in the workbook. */
const MAX_ROWS = 400;
const MAX_COLUMNS = 26;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: 0, height: "100%" },
  scroller: {
    overflow: "auto",
    flexGrow: 1,
    minHeight: 0,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, fontFamily: tokens.fontFamilyBase },
  head: {
    position: "sticky",
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightRegular,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "2px 4px",
    zIndex: 1,
  },
  rowHead: {
    position: "sticky",
    left: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightRegular,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "2px 4px",
    textAlign: "right",
  },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "2px 4px",
    verticalAlign: "top",
    whiteSpace: "pre-wrap",
    // Wrap between words only: a date or a status word is never split ("31/03/201 / 2").
    overflowWrap: "normal",
    wordBreak: "normal",
    minWidth: "3rem",
    maxWidth: "22rem",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  dropdown: {
    float: "right",
    marginLeft: tokens.spacingHorizontalXS,
    // The mark sits on the cell's own colours (a status fill) and inherits their contrast.
    color: "inherit",
    cursor: "default",
  },
  selected: { outline: `3px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-3px" },
});

/** Black or white text, whichever reads on the cell's own fill. */
function textOn(fill: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill);
  if (!m) return "#000000";
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => Number.parseInt(h ?? "0", 16));
  return (r ?? 0) * 0.299 + (g ?? 0) * 0.587 + (b ?? 0) * 0.114 > 140 ? "#000000" : "#FFFFFF";
}

/**
 * The list validation over a cell (0-based), or null: what puts a dropdown on it in Excel.
 *   listValidationAt([{ range: E2:E10, source: "=StatusList" }], 3, 4) → { …, source: "=StatusList" }
 */
export function listValidationAt(
  validations: readonly ValidationSnapshot[],
  row: number,
  column: number,
): ValidationSnapshot | null {
  return (
    validations.find(
      (v) => row >= v.range.top && row <= v.range.bottom && column >= v.range.left && column <= v.range.right,
    ) ?? null
  );
}

/** What a dropdown mark says: the list a cell's values come from ("=StatusList" → "StatusList"). */
export function dropdownLabel(source: string): string {
  return `Dropdown: choose from ${source.replace(/^=/, "")}`;
}

/** The widest a workbook's own column width makes a grid column, in characters. */
const WIDEST_WORKBOOK_COLUMN = 40;

/**
 * A column's narrowest width in characters: its longest word (+1), or the width the workbook gives
 * the column (capped), whichever is wider; never under 3.
 *   columnWidthShown(10, 45) → 40; columnWidthShown(10, null) → 11
 */
export function columnWidthShown(longestWord: number, workbookWidth: number | null | undefined): number {
  return Math.max(3, longestWord + 1, Math.min(workbookWidth ?? 0, WIDEST_WORKBOOK_COLUMN));
}

/** The longest run of characters a column's cells hold without a space, capped at a sensible width. */
const LONGEST_TOKEN_SHOWN = 24;

/**
 * Each column's narrowest width in characters: its longest word, so wrapping happens between words
 * and a date, a ref or a status is never broken in two.
 *   columnMinWidths([["Ref", "31/03/2012"]], 2) → [3, 10]
 */
export function columnMinWidths(
  cells: ReadonlyArray<ReadonlyArray<{ readonly text: string } | null>>,
  columns: number,
): number[] {
  const widths = Array.from({ length: columns }, () => 0);
  for (const row of cells) {
    for (let c = 0; c < columns; c++) {
      const text = row[c]?.text ?? "";
      if (text === "") continue;
      for (const token of text.split(/\s+/)) {
        if (token.length > (widths[c] ?? 0)) widths[c] = Math.min(token.length, LONGEST_TOKEN_SHOWN);
      }
    }
  }
  return widths;
}

function SheetGrid({ sheet, selectedCell }: { sheet: SheetSnapshot; selectedCell: string | null }) {
  const styles = useStyles();
  const selectedRef = useRef<HTMLTableCellElement | null>(null);
  const rows = Math.min(sheet.cells.length, MAX_ROWS);
  const columns = Math.min(Math.max(1, ...sheet.cells.slice(0, rows).map((r) => r.length)), MAX_COLUMNS);
  const letters = useMemo(() => Array.from({ length: columns }, (_, c) => columnLetters(c)), [columns]);
  const lookAt = useMemo(() => conditionalLooksOf(sheet), [sheet]);
  const validations = sheet.validations ?? [];
  const minWidths = useMemo(
    () => columnMinWidths(sheet.cells.slice(0, rows), columns),
    [sheet, rows, columns],
  );

  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [selectedCell, sheet]);

  return (
    <>
      <div
        className={styles.scroller}
        tabIndex={0}
        role="region"
        aria-label={`Sheet ${sheet.name}, read only`}
      >
        <table className={styles.table} data-sheet={sheet.name}>
          <thead>
            <tr>
              <th className={styles.head} scope="col">
                <span className="visually-hidden" style={{ position: "absolute", left: "-9999px" }}>
                  Row
                </span>
              </th>
              {letters.map((l, c) => (
                <th
                  key={l}
                  className={styles.head}
                  scope="col"
                  style={{ minWidth: `${columnWidthShown(minWidths[c] ?? 0, sheet.columnWidths?.[c])}ch` }}
                >
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => {
              const row = sheet.cells[r] ?? [];
              return (
                <tr key={r} hidden={sheet.hiddenRows.includes(r)}>
                  <th className={styles.rowHead} scope="row">
                    {r + 1}
                  </th>
                  {letters.map((_, c) => {
                    const cell = row[c] ?? null;
                    const address = cellAddress(r, c);
                    const isSelected = address === selectedCell;
                    // A conditional format's colours are drawn over the cell's own, as Excel draws them.
                    const look = lookAt(r, c);
                    const fill = look?.fill ?? cell?.fill ?? null;
                    const fontColor = look?.fontColor ?? (fill !== null ? textOn(fill) : null);
                    const list = listValidationAt(validations, r, c);
                    const style: CSSProperties = {};
                    if (fill !== null) style.backgroundColor = fill;
                    if (fontColor !== null) style.color = fontColor;
                    return (
                      <td
                        key={c}
                        ref={isSelected ? selectedRef : undefined}
                        data-cell={address}
                        aria-current={isSelected ? "true" : undefined}
                        className={isSelected ? `${styles.cell} ${styles.selected}` : styles.cell}
                        data-conditional={look !== null ? "true" : undefined}
                        style={fill !== null || fontColor !== null ? style : undefined}
                      >
                        {list !== null ? (
                          <span
                            className={styles.dropdown}
                            role="img"
                            aria-label={dropdownLabel(list.source)}
                            title={dropdownLabel(list.source)}
                            data-dropdown={list.source}
                          >
                            ▾
                          </span>
                        ) : null}
                        {cell?.text ?? ""}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {sheet.cells.length > MAX_ROWS || sheet.cells.some((r) => r.length > MAX_COLUMNS) ? (
        <Caption1>
          Showing the first {MAX_ROWS} rows and {MAX_COLUMNS} columns; the whole sheet is in the workbook.
        </Caption1>
      ) : null}
    </>
  );
}

/**
 * A read-only view of the workbook the pane works on: sheet tabs, cell text and fills, the colours
 * of the sheet's simple conditional formats (status words) and a ▾ mark on dropdown cells.
 */
export function GridView({ snapshot, activeSheet, onActiveSheetChange, selectedCell }: GridViewProps) {
  const styles = useStyles();
  const visible = snapshot.sheets.filter((s) => s.visibility === "visible");
  const sheet = visible.find((s) => s.name === activeSheet) ?? visible[0];
  return (
    <div className={styles.root}>
      <TabList
        selectedValue={sheet?.name}
        onTabSelect={(_, data) => onActiveSheetChange(String(data.value))}
        size="small"
        aria-label="Sheets"
      >
        {visible.map((s) => (
          <Tab key={s.name} value={s.name}>
            {s.name}
          </Tab>
        ))}
      </TabList>
      {sheet === undefined ? (
        <Caption1>This workbook has no visible sheets.</Caption1>
      ) : (
        <SheetGrid sheet={sheet} selectedCell={selectedCell} />
      )}
    </div>
  );
}
