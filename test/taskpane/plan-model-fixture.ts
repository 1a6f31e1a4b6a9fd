/** A small plan model for component tests, built by hand so each test states what it shows. */
import type { Action, PlanModel, Status } from "../../src/core/basics/plan-model";

export function action(partial: Partial<Action> & { ref: string; action: string }): Action {
  const lead = partial.lead ?? null;
  return {
    tableId: "Plan 2011-12!A4",
    sheet: "Plan 2011-12",
    row: 4,
    cell: `A${Number.parseInt(partial.ref, 10) + 4}`,
    lead,
    leads: lead === null ? [] : [lead],
    update: "",
    status: null as Status | null,
    statusText: null,
    statusFromFill: false,
    statusGuessed: false,
    due: null,
    // A due date given as yyyy-mm-dd is due that day, as the reader reads a date cell.
    dueDate:
      partial.due !== undefined && partial.due !== null && /^\d{4}-\d{2}-\d{2}$/.test(partial.due)
        ? partial.due
        : null,
    theme: null,
    extra: {},
    history: [],
    direction: null,
    ...partial,
  };
}

export function model(actions: Action[], codes: Array<[string, string]> = []): PlanModel {
  return {
    tables: [
      {
        id: "Plan 2011-12!A4",
        sheet: "Plan 2011-12",
        headerRow: 3,
        repeatedHeaderRows: [],
        blankRows: [],
        range: { top: 3, left: 0, bottom: 3 + actions.length, right: 5 },
        columns: [],
        statusSource: "text",
        listObjectName: null,
        title: null,
        period: null,
      },
    ],
    actions,
    leadRegister: codes.map(([code, name], i) => ({
      code,
      name,
      organisation: null,
      sheet: "1 ASB",
      cell: `B${5 + i}`,
    })),
    statusKey: [],
    themes: [],
    problems: [],
  };
}
