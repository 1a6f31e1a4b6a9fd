/**
 * The playground's sample action plan, built in code from the layouts of the partnership's own
 * documents (../shared/seeds): a theme sheet with a legend of lead codes and a two-code lead, a sheet
 * whose statuses are only fill colours with a colour key below, and a year's sheet with typed statuses
 * (R, AMBER, "Red ", TBC), a repeated header, blank rows, due dates, and problems for Check to find.
 */
import ExcelJS from "exceljs";

const HEADER_FILL = "FFD9D9D9";
const FILLS = { blue: "FF0070C0", green: "FF00B050", amber: "FFFFC000", red: "FFFF0000" } as const;

type Row = ReadonlyArray<string | number | Date | null>;

function solid(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

function writeRow(ws: ExcelJS.Worksheet, rowNumber: number, values: Row, firstColumn = 1): ExcelJS.Row {
  const row = ws.getRow(rowNumber);
  values.forEach((value, i) => {
    if (value === null) return;
    const cell = row.getCell(firstColumn + i);
    cell.value = value;
    if (value instanceof Date) cell.numFmt = "dd/mm/yyyy";
    cell.alignment = { wrapText: true, vertical: "top" };
  });
  return row;
}

function writeHeader(ws: ExcelJS.Worksheet, rowNumber: number, values: Row): void {
  const row = writeRow(ws, rowNumber, values);
  values.forEach((_, i) => {
    const cell = row.getCell(i + 1);
    cell.fill = solid(HEADER_FILL);
    cell.font = { bold: true };
  });
}

function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** Seed 003's layout: one theme per sheet, a legend of ACTION POINT LEADS above the table, codes in LEAD. */
function addThemeSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("1 ASB");
  ws.columns = [{ width: 8 }, { width: 12 }, { width: 60 }, { width: 40 }];
  writeRow(ws, 1, ["1. ANTI SOCIAL BEHAVIOUR ACTION PLAN"]).font = { bold: true, size: 14 };
  writeRow(ws, 3, ["THEMATIC LEAD:", null, "Ch Insp Neighbourhoods (Mick Williams)"]);
  writeRow(ws, 4, ["ACTION POINT LEADS:"]);
  writeRow(ws, 5, [null, "MW", "Mick Williams"]);
  writeRow(ws, 6, [null, "CS", "Community Safety Manager"]);
  writeRow(ws, 7, [null, "TA", "Ted Allen"]);
  writeRow(ws, 8, [null, "YOS", "Youth Offending Service (Julie Dinsdale)"]);
  writeHeader(ws, 10, ["No", "LEAD", "ACTION", "UPDATE"]);
  writeRow(ws, 11, [
    1,
    "MW",
    "Ensure an intelligence led approach is maintained to tackle ASB:\na) Use data analysis to direct operational activity, especially within the top five wards.\nb) Register each of the top five wards as a POP to be managed via the JAGs",
    "Top five wards registered as POPs in April.",
  ]);
  writeRow(ws, 12, [
    2,
    "CS",
    "Ensure a robust system is in place to identify, monitor and support repeat callers of ASB\na) Develop a multi-agency Risk Assessment Register",
    "",
  ]);
  writeRow(ws, 13, [
    3,
    "TA & CS",
    "Work with alcohol support services to improve the early identification of those misusing alcohol and causing ASB.",
    "Referral pathway agreed with the DAAT.",
  ]);
  writeRow(ws, 14, [
    4,
    "YOS",
    "Work with the Youth Offending Service to reduce first-time entrants involved in ASB.",
    "",
  ]);
}

/** Seed 000's layout: ACTION merged over number and text, statuses kept only as fill colours, a key below. */
function addFillStatusSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("Action Plan 2009");
  ws.columns = [{ width: 7 }, { width: 55 }, { width: 24 }, { width: 40 }, { width: 10 }];
  writeRow(ws, 1, ["STRATEGIC ASSESSMENT ACTION PLAN"]).font = { bold: true, size: 14 };
  writeRow(ws, 2, [
    "The following actions were recommended in the Partnership Strategic Assessment and form the basis of the action plan for 2009.",
  ]);
  const header: Row = ["ACTION", "", "AGENCY", "UPDATE", "Status"];
  writeHeader(ws, 4, header);
  ws.mergeCells("A4:B4");
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
    writeRow(ws, r, values);
    ws.getCell(r, 5).fill = solid(fill);
    r += 1;
  }
  r += 1;
  writeHeader(ws, r, header);
  ws.mergeCells(r, 1, r, 2);
  r += 1;
  writeRow(ws, r, [
    5,
    "Work between Police, Community Safety and DAT analysts on drug dealing and use.",
    "Police, DAT, SBC Comm Safety",
    "Analysts to meet in August",
  ]);
  ws.getCell(r, 5).fill = solid(FILLS.amber);
  r += 2;
  writeRow(ws, r, ["Key:"]).font = { bold: true };
  const key: ReadonlyArray<[string, string]> = [
    [FILLS.blue, "Complete"],
    [FILLS.green, "On track"],
    [FILLS.amber, "Some slippage"],
    [FILLS.red, "Significant problems / not started"],
  ];
  for (const [fill, words] of key) {
    r += 1;
    ws.getCell(r, 1).fill = solid(fill);
    ws.getCell(r, 2).value = words;
  }
}

/** Seed 004's layout: Ref / Action / Lead / Update / Status / Target date, statuses typed every which way. */
function addYearSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("Plan 2011-12");
  ws.columns = [{ width: 7 }, { width: 50 }, { width: 14 }, { width: 40 }, { width: 10 }, { width: 12 }];
  writeRow(ws, 1, ["COMMUNITY SAFETY ACTION PLAN 2011-12"]).font = { bold: true, size: 14 };
  writeRow(ws, 2, ["Updated quarterly by each lead. Red and Amber actions need an update."]);
  const header: Row = ["Ref", "Action", "Lead", "Update", "Status", "Target date"];
  writeHeader(ws, 4, header);
  writeRow(ws, 5, [
    "1",
    "Maintain the tactical Violent Crime meeting and review hot spots monthly.",
    "TA",
    "Meets monthly; hot spot maps shared with JAGs.",
    "G",
    utcDate("2012-03-31"),
  ]);
  writeRow(ws, 6, [
    "2",
    "Develop a multi-agency Risk Assessment Register for repeat callers.",
    "CS",
    "",
    "R",
    utcDate("2011-09-30"),
  ]);
  writeRow(ws, 7, [
    "3",
    "Maintain and develop all licensed premises initiatives, including Think B4U Drink.",
    "TA & CS",
    "Two new premises joined in Q2.",
    "AMBER",
    utcDate("2012-06-30"),
  ]);
  writeRow(ws, 8, [
    "3.1",
    "Raise awareness of domestic violence issues within health services.",
    "CS",
    "Training delivered to 40 staff.",
    "Complete",
    utcDate("2011-12-31"),
  ]);
  // Refs 3.1 and 3.10 are different labels; typed as text so Excel keeps the trailing zero.
  writeRow(ws, 9, [
    "3.10",
    "Extend Integrated Offender Management to include violent offenders.",
    "MW",
    "",
    "TBC",
    utcDate("2012-09-30"),
  ]);
  writeHeader(ws, 11, header);
  writeRow(ws, 12, [
    "4",
    "Secure outcome data from the Courts to support analysis of re-offending.",
    "Police",
    "Court data is still proving very difficult to obtain.",
    "Red ",
    utcDate("2011-11-30"),
  ]);
  writeRow(ws, 13, [
    "5",
    "Research why victims of ASB do not report to the Council.",
    "RD",
    "",
    "A",
    utcDate("2012-01-31"),
  ]);
  writeRow(ws, 15, [
    "6",
    "Publish a public summary of the plan in Stockton News.",
    "SBC",
    "Published in the winter edition.",
    "Green",
    utcDate("2012-02-28"),
  ]);
}

/** A new workbook holding the sample plan. */
export function createSampleWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Action plan add-in playground";
  addThemeSheet(wb);
  addFillStatusSheet(wb);
  addYearSheet(wb);
  return wb;
}
