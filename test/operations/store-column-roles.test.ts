import {
  columnReview,
  columnRolesPlan,
  roleClashes,
  type ColumnChoice,
} from "../../src/core/planning/column-review";
import { readStoredColumns } from "../../src/core/reading/column-mapping";
import { readPlan } from "../../src/core/reading/read-plan";
import { applyOperation, previewOperation } from "../../src/operations/run-operation";
import { storeColumnRolesOperation } from "../../src/operations/store-column-roles";
import { createPackageHost } from "../../src/xlsx/package-host";
import { packageProblems } from "../support/ooxml-validate";
import { rawWorkbook, rowXml } from "../support/raw-workbook";
import { sheet, workbook } from "../support/snapshot-builder";

/** A plan whose "Notes" column the reader is unsure is the update, with an extra "Key partners" column. */
function planBytes(
  sheetName = "2024-25",
  rows: ReadonlyArray<ReadonlyArray<string | null>> = PLAN_ROWS,
): Uint8Array {
  const body = rows.map((r, i) => rowXml(i + 1, r)).join("");
  return rawWorkbook({ sheets: [{ name: sheetName, body: `<sheetData>${body}</sheetData>` }] });
}

const PLAN_ROWS = [
  ["Ref", "Action", "Owner", "Notes", "Status", "Key partners"],
  [
    "1",
    "Run a joint patrol in the town centre at weekends",
    "Police",
    "Patrols started in May",
    "Green",
    "Council",
  ],
  [
    "2",
    "Publish a hate crime reporting guide in five languages",
    "Council",
    "Budget not agreed",
    "Red",
    "Police",
  ],
  [
    "3",
    "Train licensed premises staff to spot exploitation",
    "Licensing",
    "Two sessions held",
    "Amber",
    "Police",
  ],
];

/** Two tables on one sheet, each with a "Notes" column. */
const TWO_TABLES = [
  ["Ref", "Action", "Lead", "Notes", "Status"],
  ["1", "Run a joint patrol in the town centre at weekends", "Police", "Patrols started", "Green"],
  [null],
  ["2. Hate crime"],
  ["No", "What we will do", "Agency", "Notes", "RAG"],
  ["5", "Publish a hate crime reporting guide in five languages", "Council", "Budget not agreed", "Red"],
];

async function freshRead(bytes: Uint8Array) {
  const snapshot = await createPackageHost(bytes).readSnapshot();
  return { snapshot, model: readPlan(snapshot) };
}

async function store(bytes: Uint8Array, choices: (tableId: string) => ColumnChoice[]) {
  const host = createPackageHost(bytes);
  const { model } = await freshRead(bytes);
  const operation = storeColumnRolesOperation(choices(model.tables[0]?.id ?? ""));
  const preview = await previewOperation(host, operation);
  const outcome = await applyOperation(host, operation, { previewed: preview.state });
  return { preview, outcome, bytes: host.bytes() };
}

describe("the Columns view's reading of a table", () => {
  it("gives each column its role, how sure the reader is, and the doubt on its header cell", async () => {
    const { snapshot, model } = await freshRead(planBytes());
    const [table] = columnReview(snapshot, model);
    expect(table?.columns.map((c) => [c.header, c.role, c.certainty])).toEqual([
      ["Ref", "ref", "sure"],
      ["Action", "action", "sure"],
      ["Owner", "lead", "sure"],
      ["Notes", "update", "unsure"],
      ["Status", "status", "sure"],
      ["Key partners", null, "extra"],
    ]);
    const notes = table?.columns.find((c) => c.header === "Notes");
    expect(notes?.problem?.rule).toBe("column/uncertain");
    expect(notes?.problem?.message).toContain("confirm it in Columns");
    expect(notes?.cell).toBe("D1");
  });

  it("lets the current quarter's columns be set, and shows the earlier quarters' as the history", () => {
    const snapshot = workbook(
      sheet("Plan", [
        ["Ref", "Action", "Lead", "Q1 progress", "Q1 RAG", "Q2 progress", "Q2 RAG"],
        [
          "1",
          "Run a joint patrol in the town centre at weekends",
          "Police",
          "Planned",
          "Amber",
          "Started",
          "Green",
        ],
        [
          "2",
          "Publish a hate crime reporting guide in five languages",
          "Council",
          "Drafted",
          "Green",
          "Delayed",
          "Red",
        ],
      ]),
    );
    const [table] = columnReview(snapshot, readPlan(snapshot));
    expect(
      table?.columns.slice(3).map((c) => [c.header, c.role, c.certainty, c.fixedBecause === null]),
    ).toEqual([
      ["Q1 progress", null, "history", false],
      ["Q1 RAG", null, "history", false],
      ["Q2 progress", "update", "sure", true],
      ["Q2 RAG", "status", "sure", true],
    ]);
  });

  it("says when two columns of one table are given the same role", async () => {
    const { snapshot, model } = await freshRead(planBytes());
    const tables = columnReview(snapshot, model);
    const id = tables[0]?.id ?? "";
    expect(
      roleClashes(tables, [
        { tableId: id, column: 3, header: "Notes", role: "lead" },
        { tableId: id, column: 2, header: "Owner", role: "lead" },
      ]),
    ).toEqual([
      "On '2024-25', 'Owner' and 'Notes' are all set as the lead column: a table has one column of each role.",
    ]);
    expect(roleClashes(tables, [{ tableId: id, column: 3, header: "Notes", role: "ignore" }])).toEqual([]);
  });
});

describe("storing column roles", () => {
  it("writes a Columns table on a new Lists sheet, and a fresh read of the file keeps the role", async () => {
    const { preview, outcome, bytes } = await store(planBytes(), (id) => [
      { tableId: id, column: 3, header: "Notes", role: "ignore" },
    ]);
    expect(preview.plan?.title).toBe("Store these column roles");
    expect(preview.detail.changes).toEqual(["'Notes' (D) on '2024-25': the update column → an extra column"]);
    expect(outcome.report).not.toBeNull();

    const { snapshot, model } = await freshRead(bytes);
    expect(readStoredColumns(snapshot)).toEqual([
      { sheet: "2024-25", table: "", header: "Notes", role: "ignore" },
    ]);
    expect(model.actions.map((a) => a.update)).toEqual(["", "", ""]);
    const notes = columnReview(snapshot, model)[0]?.columns.find((c) => c.header === "Notes");
    expect([notes?.role, notes?.stored, notes?.certainty, notes?.problem]).toEqual([
      null,
      "ignore",
      "confirmed",
      null,
    ]);
    expect(snapshot.sheets.find((s) => s.name === "Lists")?.tables.map((t) => t.name)).toEqual(["Columns"]);
    expect(await packageProblems([{ label: "Columns stored", bytes }])).toEqual([]);
  });

  it("confirms a role the reader was unsure of, so it is no longer asked about", async () => {
    const { bytes } = await store(planBytes(), (id) => [
      { tableId: id, column: 3, header: "Notes", role: "update" },
    ]);
    const { snapshot, model } = await freshRead(bytes);
    expect(model.problems.filter((p) => p.rule === "column/uncertain" && p.cell === "D1")).toEqual([]);
    const notes = columnReview(snapshot, model)[0]?.columns.find((c) => c.header === "Notes");
    expect([notes?.role, notes?.certainty]).toEqual(["update", "confirmed"]);
  });

  it("rewrites the role of a column stored before rather than adding a second row for it", async () => {
    const first = await store(planBytes(), (id) => [
      { tableId: id, column: 3, header: "Notes", role: "ignore" },
    ]);
    const second = await store(first.bytes, (id) => [
      { tableId: id, column: 3, header: "Notes", role: "update" },
      { tableId: id, column: 5, header: "Key partners", role: "theme" },
    ]);
    expect(second.preview.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Set 'Notes' on '2024-25' to update in the Columns table/),
      ]),
    );
    const { snapshot, model } = await freshRead(second.bytes);
    expect(readStoredColumns(snapshot)).toEqual([
      { sheet: "2024-25", table: "", header: "Notes", role: "update" },
      { sheet: "2024-25", table: "", header: "Key partners", role: "theme" },
    ]);
    expect(model.actions.map((a) => [a.update, a.theme])).toEqual([
      ["Patrols started in May", "Council"],
      ["Budget not agreed", "Police"],
      ["Two sessions held", "Police"],
    ]);
    expect(await packageProblems([{ label: "Columns rewritten", bytes: second.bytes }])).toEqual([]);
  });

  it("has nothing to write when the role is already stored", async () => {
    const first = await store(planBytes(), (id) => [
      { tableId: id, column: 3, header: "Notes", role: "ignore" },
    ]);
    const again = await store(first.bytes, (id) => [
      { tableId: id, column: 3, header: "Notes", role: "ignore" },
    ]);
    expect(again.preview.plan?.ops).toEqual([]);
    expect(again.outcome.report).toBeNull();
  });

  it("names the table when another table on the sheet has a column of the same header", async () => {
    const { bytes } = await store(planBytes("Plan", TWO_TABLES), (id) => [
      { tableId: id, column: 3, header: "Notes", role: "ignore" },
    ]);
    const { snapshot, model } = await freshRead(bytes);
    expect(readStoredColumns(snapshot)).toEqual([
      { sheet: "Plan", table: "Plan!A1", header: "Notes", role: "ignore" },
    ]);
    expect(model.actions.map((a) => a.update)).toEqual(["", "Budget not agreed"]);
  });

  it("writes nothing to a protected Lists sheet, and says so", () => {
    const snapshot = workbook(
      sheet(
        "2024-25",
        PLAN_ROWS.map((r) => [...r]),
      ),
      sheet(
        "Lists",
        [
          ["Sheet", "Table", "Header", "Role"],
          ["2024-25", "", "Notes", "ignore"],
        ],
        {
          isProtected: true,
          tables: [
            {
              name: "Columns",
              range: { top: 0, left: 0, bottom: 1, right: 3 },
              columnNames: ["Sheet", "Table", "Header", "Role"],
            },
          ],
        },
      ),
    );
    const model = readPlan(snapshot);
    const result = columnRolesPlan(snapshot, model, [
      { tableId: model.tables[0]?.id ?? "", column: 3, header: "Notes", role: "update" },
    ]);
    expect(result.plan.ops).toEqual([]);
    expect(result.problems.map((p) => [p.rule, p.sheet])).toEqual([["write/protected-sheet", "Lists"]]);
  });

  it("writes nothing when the column chosen is no longer in the workbook", async () => {
    const host = createPackageHost(planBytes());
    const operation = storeColumnRolesOperation([
      { tableId: "2024-25!A1", column: 3, header: "Progress", role: "update" },
    ]);
    const preview = await previewOperation(host, operation);
    expect(preview.plan?.ops).toEqual([]);
    expect(preview.problems.map((p) => p.rule)).toEqual(["operation/changed-since-preview"]);
    expect(preview.problems[0]?.message).toContain(
      "column D headed 'Progress' of the table at 2024-25!A1 is no longer there",
    );
  });
});
