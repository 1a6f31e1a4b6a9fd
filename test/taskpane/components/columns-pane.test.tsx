/**
 * @jest-environment jsdom
 */
import type { ColumnChoice, ReviewedTable } from "../../../src/core/planning/column-review";
import type { WorkbookHost } from "../../../src/core/basics/workbook-host";
import type { WorkbookSnapshot } from "../../../src/core/basics/snapshot";
import type { WritePlan } from "../../../src/core/basics/write-plan";
import { App } from "../../../src/taskpane/App";
import { ColumnsPane, type ColumnsPreviewData } from "../../../src/taskpane/components/ColumnsPane";
import { createMemoryLeadCodeStore } from "../../../src/taskpane/lead-code-store";
import { sheet, workbook } from "../../support/snapshot-builder";
import { byLabel, byText, changeValue, cleanup, click, render, settle } from "../render";

afterEach(cleanup);

const notesProblem = {
  sheet: "2024-25",
  cell: "D1",
  rule: "column/uncertain" as const,
  severity: "warning" as const,
  message: "2024-25!D1: 'Notes' was read as the update column; confirm it in Columns.",
};

const TABLE: ReviewedTable = {
  id: "2024-25!A1",
  sheet: "2024-25",
  where: "A1:E3",
  listObjectName: null,
  title: null,
  missingRole: null,
  columns: [
    {
      column: 0,
      cell: "A1",
      header: "Ref",
      role: "ref",
      stored: null,
      certainty: "sure",
      problem: null,
      period: null,
      fixedBecause: null,
    },
    {
      column: 2,
      cell: "C1",
      header: "Owner",
      role: "lead",
      stored: "lead",
      certainty: "confirmed",
      problem: null,
      period: null,
      fixedBecause: null,
    },
    {
      column: 3,
      cell: "D1",
      header: "Notes",
      role: "update",
      stored: null,
      certainty: "unsure",
      problem: notesProblem,
      period: null,
      fixedBecause: null,
    },
    {
      column: 4,
      cell: "E1",
      header: "Key partners",
      role: null,
      stored: null,
      certainty: "extra",
      problem: null,
      period: null,
      fixedBecause: null,
    },
    {
      column: 5,
      cell: "F1",
      header: "",
      role: null,
      stored: null,
      certainty: "extra",
      problem: null,
      period: null,
      fixedBecause: "It has no header: type one in the workbook to set its role.",
    },
  ],
};

const PREVIEW: ColumnsPreviewData = {
  title: "Store these column roles",
  lines: ["Add 1 row to the Columns table on 'Lists'"],
  preview: { headline: "1 change on 'Lists'.", sections: [] },
  undoNote: "Keep a version first.",
  problems: [],
  canApply: true,
  readingChanges: ["'Notes' (D) on '2024-25': the update column → an extra column"],
};

function columnRow(container: HTMLElement, cell: string): HTMLElement | null {
  return container.querySelector<HTMLElement>(`li[data-column="2024-25!${cell}"]`);
}

/** The pane over TABLE for a test that only looks: previews and applies come to nothing. */
function renderPaneOverTable() {
  return render(
    <ColumnsPane
      tables={[TABLE]}
      busy={false}
      onPreview={() => Promise.resolve(null)}
      onApply={() => Promise.resolve(null)}
    />,
  );
}

describe("ColumnsPane", () => {
  it("shows each column's header, the role it is read as and how sure the reader is, in words", () => {
    const { container } = renderPaneOverTable();
    expect(columnRow(container, "A1")?.textContent).toContain("SureRead as Ref (the action's number).");
    expect(columnRow(container, "C1")?.textContent).toContain(
      "ConfirmedRead as Lead. Stored in the Columns table",
    );
    expect(columnRow(container, "D1")?.textContent).toContain("UnsureRead as Update (progress).");
    expect(columnRow(container, "D1")?.textContent).toContain(
      "'Notes' was read as the update column; confirm it in Columns.",
    );
    expect(columnRow(container, "E1")?.textContent).toContain("No roleRead as Extra column.");
    expect(columnRow(container, "F1")?.querySelector("select")).toBeNull();
    expect(columnRow(container, "F1")?.textContent).toContain("It has no header");
    expect(container.textContent).toContain("1 column to confirm.");
    const notes = byLabel(container, "D: Notes") as HTMLSelectElement | null;
    expect(notes?.value).toBe("");
    expect(Array.from(notes?.options ?? []).map((o) => o.text)).toEqual([
      "As read: Update (progress)",
      "Ref (the action's number)",
      "Action",
      "Lead",
      "Update (progress)",
      "Status (RAG)",
      "Due date",
      "Theme",
      "Extra column (no role)",
    ]);
    expect((byLabel(container, "C: Owner") as HTMLSelectElement | null)?.value).toBe("lead");
  });

  it("previews the roles chosen with how the plan will be read, then stores them", async () => {
    const previewed: ColumnChoice[][] = [];
    const applied: ColumnChoice[][] = [];
    const { container } = render(
      <ColumnsPane
        tables={[TABLE]}
        busy={false}
        onPreview={(choices) => {
          previewed.push([...choices]);
          return Promise.resolve(PREVIEW);
        }}
        onApply={(choices) => {
          applied.push([...choices]);
          return Promise.resolve({ written: true, lines: PREVIEW.lines, skipped: [], problems: [] });
        }}
      />,
    );
    const store = byText(container, "button", "Store these column roles…") as HTMLButtonElement;
    expect(store.disabled).toBe(true);
    changeValue(byLabel(container, "D: Notes"), "ignore");
    expect(store.disabled).toBe(false);
    click(store);
    await settle();
    const choice = { tableId: "2024-25!A1", column: 3, header: "Notes", role: "ignore" };
    expect(previewed).toEqual([[choice]]);
    expect(container.textContent).toContain("How the plan will be read");
    expect(container.textContent).toContain("'Notes' (D) on '2024-25': the update column → an extra column");
    click(byText(container, "button", "Store column roles"));
    await settle();
    expect(applied).toEqual([[choice]]);
    expect(container.textContent).toContain("Column roles stored in the Columns table on the Lists sheet");
  });

  it("stores the same role as read, to confirm it, but not a stored role chosen again", () => {
    const previewed: ColumnChoice[][] = [];
    const { container } = render(
      <ColumnsPane
        tables={[TABLE]}
        busy={false}
        onPreview={(choices) => {
          previewed.push([...choices]);
          return Promise.resolve(null);
        }}
        onApply={() => Promise.resolve(null)}
      />,
    );
    changeValue(byLabel(container, "C: Owner"), "lead");
    changeValue(byLabel(container, "D: Notes"), "update");
    click(byText(container, "button", "Store these column roles…"));
    expect(previewed).toEqual([[{ tableId: "2024-25!A1", column: 3, header: "Notes", role: "update" }]]);
  });

  it("will not store two columns of one table with the same role, and says why", () => {
    const { container } = renderPaneOverTable();
    changeValue(byLabel(container, "E: Key partners"), "lead");
    expect((byText(container, "button", "Store these column roles…") as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(container.textContent).toContain(
      "On '2024-25', 'Owner' and 'Key partners' are all set as the lead column: a table has one column of each role.",
    );
  });
});

describe("the Columns tab in the pane", () => {
  const plan: WorkbookSnapshot = workbook(
    sheet("2024-25", [
      ["Ref", "Action", "Owner", "Notes", "Status"],
      ["1", "Run a joint patrol in the town centre at weekends", "Police", "Patrols started in May", "Green"],
      ["2", "Publish a hate crime reporting guide in five languages", "Council", "Budget not agreed", "Red"],
    ]),
  );

  function recordingHost() {
    const written: WritePlan[] = [];
    const host: WorkbookHost = {
      readSnapshot: () => Promise.resolve(plan),
      applyWritePlan: (p) => {
        written.push(p);
        return Promise.resolve({ skipped: [] });
      },
      selectCell: () => Promise.resolve(),
    };
    return { host, written };
  }

  it("is reached from Check's group of column problems, and writes the role chosen to the Columns table", async () => {
    const { host, written } = recordingHost();
    const { container } = render(
      <App
        host={host}
        todayIso="2025-01-15"
        leadCodeStore={createMemoryLeadCodeStore()}
        initialTab="check"
      />,
    );
    await settle();
    // A group of five problems or fewer is open by itself.
    click(byText(container, "button", "Confirm the columns in Columns"));
    await settle();
    expect(container.querySelector('[role="tab"][aria-selected="true"]')?.textContent).toBe("Columns");
    changeValue(byLabel(container, "D: Notes"), "ignore");
    click(byText(container, "button", "Store these column roles…"));
    await settle();
    expect(container.textContent).toContain("'Notes' (D) on '2024-25': the update column → an extra column");
    click(byText(container, "button", "Store column roles"));
    await settle();
    expect(written).toHaveLength(1);
    const cells = written[0]?.ops.flatMap((op) => (op.kind === "writeCells" ? op.cells.flat() : []));
    expect(cells?.map((c) => (c.kind === "text" ? c.text : ""))).toEqual(
      expect.arrayContaining(["Sheet", "Table", "Header", "Role", "2024-25", "Notes", "ignore"]),
    );
    expect(written[0]?.ops.some((op) => op.kind === "addTable" && op.name === "Columns")).toBe(true);
  });
});
