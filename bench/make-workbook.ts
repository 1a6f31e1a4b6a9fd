/**
 * A generated action-plan workbook laid out as partnerships keep them (../shared/docs/DOMAIN.md):
 * one sheet per theme for the year, each with a title, an intro line, the thematic lead, a legend of
 * lead codes, a header row repeated where the printout broke across pages, blank rows between
 * sections, statuses typed in their many spellings or kept only as a fill colour, and a colour key
 * under the table. Deterministic: the same count gives the same workbook.
 */
import ExcelJS from "exceljs";

export const BENCH_YEAR_SHEET_SUFFIX = "2012-13";

const THEMES = [
  "ASB",
  "Alcohol",
  "Drugs",
  "Violent crime",
  "Acquisitive crime",
  "Reoffending",
  "Domestic abuse",
  "Road safety",
];

const LEADS: ReadonlyArray<readonly [string, string]> = [
  ["MW", "Mick Williams"],
  ["CS", "Community Safety Manager"],
  ["YOS", "Youth Offending Service"],
  ["THL", "Tristar Homes LTD"],
  ["EC", "Emma Champley"],
  ["TA", "Ted Allen"],
];

/** Typed statuses as partnerships type them, and fill-only ones (value null). */
const STATUSES: ReadonlyArray<{ readonly value: string | null; readonly fill: string | null }> = [
  { value: "Red", fill: null },
  { value: "red", fill: null },
  { value: "AMBER", fill: null },
  { value: "A", fill: null },
  { value: "Green", fill: null },
  { value: "G", fill: null },
  { value: "Complete", fill: null },
  { value: "C", fill: null },
  { value: null, fill: "FFFF0000" },
  { value: null, fill: "FFFFC000" },
  { value: null, fill: "FF00B050" },
  { value: null, fill: "FF0070C0" },
];

/**
 * What an action asks for, as the seed plans word it: their action texts run from one to three
 * hundred characters (../shared/seeds), so the generated ones are 150 to 300 long.
 */
const ACTION_DETAILS = [
  "focus reassurance work on reducing the fear of crime for residents in the priority wards, especially those aged 16 to 24",
  "secure health data from A&E and the ambulance service to support the analysis of violent crime in the borough",
  "continue talks with the police on data recording, in particular the domestic abuse and licensed premises flags",
  "identify with the police and drug team analysts what further research can show about drug dealers who are also users",
  "promote the ASB team and hotline when responding to calls in the wards ranked lowest for incidents reported",
  "review the referral routes into the victims' service for both victims and perpetrators, and agree funding for the next year",
];

const HEADERS = ["Ref", "Action", "Lead", "Update", "Status", "Target date"];
const HEADER_FILL = "FFD9D9D9";
/** Rows between repeated header rows (a printed page) and between blank separator rows. */
const PAGE_ROWS = 45;
const SECTION_ROWS = 12;

/** A small linear congruential generator: repeatable "random" choices. */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

function solid(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

export interface GeneratedWorkbook {
  readonly sheets: readonly string[];
  readonly actions: number;
}

/** Builds the workbook in memory with `actionCount` actions spread over the theme sheets. */
export function makeActionPlanWorkbook(actionCount: number): {
  workbook: ExcelJS.Workbook;
  info: GeneratedWorkbook;
} {
  const random = sequence(actionCount);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const workbook = new ExcelJS.Workbook();
  const themeCount = Math.min(THEMES.length, Math.max(1, Math.ceil(actionCount / 10)));
  const sheets: string[] = [];
  let written = 0;
  for (let t = 0; t < themeCount; t += 1) {
    const theme = THEMES[t]!;
    const name = `${theme} ${BENCH_YEAR_SHEET_SUFFIX}`;
    sheets.push(name);
    const count =
      Math.floor(((t + 1) * actionCount) / themeCount) - Math.floor((t * actionCount) / themeCount);
    const ws = workbook.addWorksheet(name);
    ws.columns = [{ width: 8 }, { width: 60 }, { width: 12 }, { width: 50 }, { width: 10 }, { width: 14 }];
    ws.addRow([`${t + 1}. ${theme.toUpperCase()} ACTION PLAN ${BENCH_YEAR_SHEET_SUFFIX}`]).font = {
      bold: true,
    };
    ws.addRow([
      `Actions agreed by the partnership from the Strategic Assessment for ${theme.toLowerCase()}.`,
    ]);
    ws.addRow(["THEMATIC LEAD:", "", `Theme lead for ${theme}`]);
    ws.addRow(["ACTION POINT LEADS:"]);
    for (const [code, person] of LEADS) ws.addRow(["", code, person]);
    ws.addRow([]);
    const addHeader = () => {
      const row = ws.addRow(HEADERS);
      row.eachCell((cell) => {
        cell.fill = solid(HEADER_FILL);
        cell.font = { bold: true };
      });
    };
    addHeader();
    for (let i = 0; i < count; i += 1) {
      if (i > 0 && i % PAGE_ROWS === 0) addHeader();
      else if (i > 0 && i % SECTION_ROWS === 0) ws.addRow([]);
      const status = pick(STATUSES);
      const lead =
        random() < 0.1 ? `${pick(LEADS)[0]} & ${pick(LEADS)[0]}` : random() < 0.05 ? null : pick(LEADS)[0];
      const update =
        random() < 0.2
          ? null
          : `Quarter ${1 + (i % 4)}: progress reported at the ${theme} group; next step agreed with ${lead ?? "partners"}.`;
      const detail = pick(ACTION_DETAILS);
      const action =
        random() < 0.15
          ? `Deliver item ${i + 1} of the ${theme} plan:\na) agree the approach with partners and ${detail}\nb) report to the board`
          : `Deliver item ${i + 1} of the ${theme} plan with the named lead: ${detail}, and report progress to the ${theme.toLowerCase()} group each quarter.`;
      const due = new Date(Date.UTC(2012, 3 + (i % 12), 1 + (i % 27)));
      const row = ws.addRow([`${t + 1}.${i + 1}`, action, lead, update, status.value, due]);
      row.getCell(2).alignment = { wrapText: true };
      row.getCell(6).numFmt = "dd/mm/yyyy";
      if (status.fill) row.getCell(5).fill = solid(status.fill);
      written += 1;
    }
    ws.addRow([]);
    ws.addRow(["Key:"]);
    for (const [label, argb] of [
      ["Red", "FFFF0000"],
      ["Amber", "FFFFC000"],
      ["Green", "FF00B050"],
      ["Complete", "FF0070C0"],
    ] as const) {
      const row = ws.addRow(["", label]);
      row.getCell(1).fill = solid(argb);
    }
  }
  return { workbook, info: { sheets, actions: written } };
}

/** Writes the generated workbook to `file`. */
export async function writeActionPlanWorkbook(file: string, actionCount: number): Promise<GeneratedWorkbook> {
  const { workbook, info } = makeActionPlanWorkbook(actionCount);
  await workbook.xlsx.writeFile(file);
  return info;
}
