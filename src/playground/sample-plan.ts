/**
 * The playground's sample action plan, built in code from the layouts of the partnership's own
 * documents (../shared/seeds): a theme sheet with a legend of lead codes and a two-code lead, a sheet
 * whose statuses are only fill colours with a colour key below, and a year's sheet with typed statuses
 * (R, AMBER, "Red ", TBC), a repeated header, blank rows, due dates, and problems for Check to find.
 * It is a write plan applied to a blank package by the package writer, as a partner return is made.
 */
import type { GridRange } from "../core/basics/snapshot";
import type { CellStyle, CellWrite, WriteOp } from "../core/basics/write-plan";
import { type BlankSheet, newWorkbookBytes } from "../xlsx/blank-package";
import { type ZipCodec, streamCodec } from "../xlsx/zip-parts";

const HEADER_FILL = "#D9D9D9";
const FILLS = { blue: "#0070C0", green: "#00B050", amber: "#FFC000", red: "#FF0000" } as const;

/** A row's values from its first column: a string is text (refs "3.10" stay text), a Date a date. */
type Row = ReadonlyArray<string | number | Date | null>;

/** The ops that lay out one sheet, its rows 1-based as the seeds number them. */
class SheetOps {
  readonly ops: WriteOp[] = [];
  constructor(readonly sheet: string) {}

  private style(rowNumber: number, left: number, right: number, style: CellStyle): void {
    const range: GridRange = { top: rowNumber - 1, left, bottom: rowNumber - 1, right };
    this.ops.push({ kind: "styleRange", sheet: this.sheet, range, style });
  }

  /** Each value but null written, wrapped and aligned to the top as a plan's long text is. */
  row(rowNumber: number, values: Row, style: CellStyle = {}): void {
    values.forEach((value, column) => {
      if (value === null) return;
      this.cell(rowNumber, column, cellWrite(value));
      this.style(rowNumber, column, column, { wrap: true, vertical: "top", ...style });
    });
  }

  header(rowNumber: number, values: Row): void {
    this.row(rowNumber, values, { fill: HEADER_FILL, bold: true });
  }

  title(rowNumber: number, text: string): void {
    this.row(rowNumber, [text], { bold: true, fontSize: 14 });
  }

  cell(rowNumber: number, column: number, write: CellWrite): void {
    this.ops.push({ kind: "writeCells", sheet: this.sheet, row: rowNumber - 1, column, cells: [[write]] });
  }

  fill(rowNumber: number, column: number, fill: string): void {
    this.style(rowNumber, column, column, { fill });
  }

  widths(widths: readonly number[]): void {
    this.ops.push({
      kind: "setColumnWidths",
      sheet: this.sheet,
      widths: widths.map((width, column) => ({ column, width })),
    });
  }
}

function cellWrite(value: string | number | Date): CellWrite {
  if (value instanceof Date) return { kind: "date", iso: value.toISOString().slice(0, 10) };
  return typeof value === "number" ? { kind: "number", value } : { kind: "text", text: value };
}

function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** A row's first two columns, merged: seed 000's ACTION header over number and text. */
function mergedPair(rowNumber: number): GridRange {
  return { top: rowNumber - 1, left: 0, bottom: rowNumber - 1, right: 1 };
}

/** Seed 003's layout: one theme per sheet, a legend of ACTION POINT LEADS above the table, codes in LEAD. */
function themeSheet(): SheetOps {
  const ws = new SheetOps("1 ASB");
  ws.widths([8, 12, 60, 40]);
  ws.title(1, "1. ANTI SOCIAL BEHAVIOUR ACTION PLAN");
  ws.row(3, ["THEMATIC LEAD:", null, "Ch Insp Neighbourhoods (Mick Williams)"]);
  ws.row(4, ["ACTION POINT LEADS:"]);
  ws.row(5, [null, "MW", "Mick Williams"]);
  ws.row(6, [null, "CS", "Community Safety Manager"]);
  ws.row(7, [null, "TA", "Ted Allen"]);
  ws.row(8, [null, "YOS", "Youth Offending Service (Julie Dinsdale)"]);
  ws.header(10, ["No", "LEAD", "ACTION", "UPDATE"]);
  ws.row(11, [
    1,
    "MW",
    "Ensure an intelligence led approach is maintained to tackle ASB:\na) Use data analysis to direct operational activity, especially within the top five wards.\nb) Register each of the top five wards as a POP to be managed via the JAGs",
    "Top five wards registered as POPs in April.",
  ]);
  ws.row(12, [
    2,
    "CS",
    "Ensure a robust system is in place to identify, monitor and support repeat callers of ASB\na) Develop a multi-agency Risk Assessment Register",
    "",
  ]);
  ws.row(13, [
    3,
    "TA & CS",
    "Work with alcohol support services to improve the early identification of those misusing alcohol and causing ASB.",
    "Referral pathway agreed with the DAAT.",
  ]);
  ws.row(14, [
    4,
    "YOS",
    "Work with the Youth Offending Service to reduce first-time entrants involved in ASB.",
    "",
  ]);
  return ws;
}

/** Seed 000's layout: ACTION merged over number and text, statuses kept only as fill colours, a key below. */
function fillStatusSheet(): SheetOps {
  const ws = new SheetOps(FILL_STATUS_SHEET);
  ws.widths([7, 55, 24, 40, 10]);
  ws.title(1, "STRATEGIC ASSESSMENT ACTION PLAN");
  ws.row(2, [
    "The following actions were recommended in the Partnership Strategic Assessment and form the basis of the action plan for 2009.",
  ]);
  const header: Row = ["ACTION", "", "AGENCY", "UPDATE", "Status"];
  ws.header(4, header);
  const rows: ReadonlyArray<[Row, string]> = [
    [
      [
        1,
        "A public facing summary document to be produced, available across the Borough.",
        "SBC Comm Safety",
        "COMPLETE",
      ],
      FILLS.blue,
    ],
    [
      [
        2,
        "A focus on reassurance work to reduce the fear of crime in Thornaby and Central Stockton.",
        "All Partners",
        "Meeting arranged for 11th June",
      ],
      FILLS.green,
    ],
    [
      [
        3,
        "Encourage NOMS to refer into Harbour for both victims and perpetrators of domestic violence.",
        "NOMS",
        "Probation to identify a contact",
      ],
      FILLS.amber,
    ],
    [
      [
        4,
        "SSP to continue talks with Cleveland Police about data recording, particularly the DV flag.",
        "Scanning & Challenge Group",
        "Not yet discussed at S&CG",
      ],
      FILLS.red,
    ],
  ];
  let r = 5;
  for (const [values, fill] of rows) {
    ws.row(r, values);
    ws.fill(r, 4, fill);
    r += 1;
  }
  r += 1;
  ws.header(r, header);
  r += 1;
  ws.row(r, [
    5,
    "Work between Police, Community Safety and DAT analysts on drug dealing and use.",
    "Police, DAT, SBC Comm Safety",
    "Analysts to meet in August",
  ]);
  ws.fill(r, 4, FILLS.amber);
  r += 2;
  ws.row(r, ["Key:"], { bold: true });
  const key: ReadonlyArray<[string, string]> = [
    [FILLS.blue, "Complete"],
    [FILLS.green, "On track"],
    [FILLS.amber, "Some slippage"],
    [FILLS.red, "Significant problems / not started"],
  ];
  for (const [fill, words] of key) {
    r += 1;
    ws.fill(r, 0, fill);
    ws.cell(r, 1, { kind: "text", text: words });
  }
  return ws;
}

/** Seed 004's layout: Ref / Action / Lead / Update / Status / Target date, statuses typed every which way. */
function yearSheet(): SheetOps {
  const ws = new SheetOps("Plan 2011-12");
  ws.widths([7, 50, 14, 40, 10, 12]);
  ws.title(1, "COMMUNITY SAFETY ACTION PLAN 2011-12");
  ws.row(2, ["Updated quarterly by each lead. Red and Amber actions need an update."]);
  const header: Row = ["Ref", "Action", "Lead", "Update", "Status", "Target date"];
  ws.header(4, header);
  ws.row(5, [
    "1",
    "Maintain the tactical Violent Crime meeting and review hot spots monthly.",
    "TA",
    "Meets monthly; hot spot maps shared with JAGs.",
    "G",
    utcDate("2012-03-31"),
  ]);
  ws.row(6, [
    "2",
    "Develop a multi-agency Risk Assessment Register for repeat callers.",
    "CS",
    "",
    "R",
    utcDate("2011-09-30"),
  ]);
  ws.row(7, [
    "3",
    "Maintain and develop all licensed premises initiatives, including Think B4U Drink.",
    "TA & CS",
    "Two new premises joined in Q2.",
    "AMBER",
    utcDate("2012-06-30"),
  ]);
  ws.row(8, [
    "3.1",
    "Raise awareness of domestic violence issues within health services.",
    "CS",
    "Training delivered to 40 staff.",
    "Complete",
    utcDate("2011-12-31"),
  ]);
  // Refs 3.1 and 3.10 are different labels; typed as text so Excel keeps the trailing zero.
  ws.row(9, [
    "3.10",
    "Extend Integrated Offender Management to include violent offenders.",
    "MW",
    "",
    "TBC",
    utcDate("2012-09-30"),
  ]);
  ws.header(11, header);
  ws.row(12, [
    "4",
    "Secure outcome data from the Courts to support analysis of re-offending.",
    "Police",
    "Court data is still proving very difficult to obtain.",
    "Red ",
    utcDate("2011-11-30"),
  ]);
  ws.row(13, [
    "5",
    "Research why victims of ASB do not report to the Council.",
    "RD",
    "",
    "A",
    utcDate("2012-01-31"),
  ]);
  ws.row(15, [
    "6",
    "Publish a public summary of the plan in Stockton News.",
    "SBC",
    "Published in the winter edition.",
    "Green",
    utcDate("2012-02-28"),
  ]);
  return ws;
}

/** The rows whose ACTION header is merged over number and text on the 2009 sheet. */
const FILL_STATUS_SHEET = "Action Plan 2009";
const FILL_STATUS_HEADER_ROWS = [4, 10];

/**
 * The sample plan as .xlsx bytes, deflated with `codec` (the browser's streams by default).
 *   const bytes = await sampleWorkbookBytes();
 */
export async function sampleWorkbookBytes(codec: ZipCodec = streamCodec): Promise<Uint8Array> {
  const sheets = [themeSheet(), fillStatusSheet(), yearSheet()];
  const blank: BlankSheet[] = sheets.map(({ sheet }) =>
    sheet === FILL_STATUS_SHEET
      ? { name: sheet, merges: FILL_STATUS_HEADER_ROWS.map(mergedPair) }
      : { name: sheet },
  );
  const plan = { title: "Sample action plan", ops: sheets.flatMap((s) => s.ops) };
  return (await newWorkbookBytes(blank, plan, codec)).bytes;
}
