/**
 * Layouts drawn from published UK community safety, crime reduction, council and police-and-crime action
 * plans and their progress reports (board papers, scrutiny reports, delivery plan updates), each built
 * by hand with the actions a reader must find. Where the corpus in corpus.ts varies one plan many ways,
 * these keep the habits of whole plans: section rows naming the priority above each group of actions,
 * refs like "1.2a", dates typed as text ("Mar-25", "Sep '19"), status words ("Slippage", "Not yet
 * started", "Behind schedule"), a free-text "Current status" column beside a R/A/G one, notes and keys
 * under the table, and blank rows between groups.
 */
import type { GridRange } from "../../src/core/basics/snapshot";
import type { Status, StatusRecord } from "../../src/core/basics/plan-model";
import type { CorpusCase, CorpusCell, ExpectedAction } from "./corpus";

/** A cell as written in a row: text, null for blank, or a full corpus cell (a date, a fill). */
type Written = string | null | CorpusCell;

function cellOf(w: Written): CorpusCell | null {
  if (w === null || w === "") return null;
  return typeof w === "string" ? { text: w } : w;
}

interface Act {
  readonly ref?: string | null;
  readonly action: string;
  readonly lead?: string | null;
  readonly leads?: readonly string[];
  readonly update?: string;
  readonly status?: Status | null;
  readonly due?: string | null;
  readonly theme?: string | null;
  readonly history?: readonly StatusRecord[];
  /** The row as laid out on the sheet. */
  readonly row: Written[];
}

/** A case with the header cells where the reader must ask (a column/* problem) rather than choose. */
export interface RealCase extends CorpusCase {
  readonly asks: readonly string[];
}

/** A case from rows in which Act values stand for action rows. */
function real(
  name: string,
  sheet: string,
  rows: Array<Written[] | Act>,
  merges: GridRange[] = [],
  asks: readonly string[] = [],
): RealCase {
  const expected: ExpectedAction[] = [];
  const out: Array<Array<CorpusCell | null>> = [];
  for (const r of rows) {
    if (Array.isArray(r)) {
      out.push(r.map(cellOf));
      continue;
    }
    out.push(r.row.map(cellOf));
    expected.push({
      sheet,
      ref: r.ref ?? null,
      action: r.action,
      lead: r.lead ?? null,
      leads: r.leads ?? (r.lead ? [r.lead] : []),
      update: r.update ?? "",
      status: r.status ?? null,
      due: r.due ?? null,
      theme: r.theme ?? null,
      history: r.history ?? [],
    });
  }
  return { name, sheets: [{ name: sheet, rows: out, merges }], expected, asks };
}

const d = (iso: string): CorpusCell => ({ date: iso });

/** Thames Valley OPCC's strategic delivery plan: Actions, Timescale, Sponsor, Lead officer, a free-text
 * "Current Status of Action", "Links to other actions", then R/A/G; a RAG key above. */
function opccDeliveryPlan(): RealCase {
  const a = (
    ref: string,
    action: string,
    due: string,
    lead: string,
    update: string,
    rag: string,
    status: Status,
  ): Act => ({
    ref,
    action,
    lead,
    update,
    status,
    due,
    row: [ref, action, due, "PCC", lead, update, "", rag],
  });
  return real(
    "opcc-current-status-of-action",
    "Section 1",
    [
      ["Strategic Delivery Plan 2024/25 (as at 18.01.2025)"],
      [
        "RAG Risk Status: Green - action on track or completed; Amber - not on track or at risk; Red - significantly delayed or at severe risk of failure",
      ],
      [],
      [
        "Ref",
        "Actions",
        "Timescale",
        "Sponsor (SMG)",
        "Lead officer",
        "Current Status of Action",
        "Links to other actions",
        "R/A/G",
      ],
      a(
        "1.1",
        "Monitor the force's effectiveness in prioritising violent crime and domestic burglary",
        "Ongoing",
        "Chief Executive",
        "Burglary continues to fall; violent crime discussed at each performance meeting",
        "G",
        "Green",
      ),
      a(
        "1.2",
        "Seek evidence that support for rural and business communities is preventing crime",
        "Mar-25",
        "Policy Officer",
        "Rural crime survey delayed until the new year",
        "A",
        "Amber",
      ),
      a(
        "1.3",
        "Commission a review of out of court disposals for young people",
        "Q3 2024/25",
        "Head of Commissioning",
        "Provider withdrew; the review must be re-tendered",
        "R",
        "Red",
      ),
      a(
        "1.4",
        "Publish the annual victims' services report",
        "31/03/2025",
        "Victims Lead",
        "Published in December",
        "G",
        "Green",
      ),
    ],
    [],
    // A status header over prose: read as the update, and asked about, since its words say status.
    ["F4"],
  );
}

/** A CSP action plan grouped under merged priority rows, refs like "1.2a", words for statuses. */
function prioritySections(): RealCase {
  const th1 = "Priority 1: Reducing violence";
  const th2 = "Priority 2: Tackling anti-social behaviour";
  const a = (
    ref: string,
    action: string,
    lead: string,
    due: Written,
    dueText: string,
    status: string,
    st: Status,
    update: string,
    theme: string,
  ): Act => ({
    ref,
    action,
    lead,
    update,
    status: st,
    due: dueText,
    theme,
    row: [ref, action, lead, due, status, update],
  });
  return real(
    "csp-priority-section-rows",
    "Action Plan",
    [
      ["Community Safety Partnership Action Plan 2024-25"],
      [],
      ["Ref", "Action", "Lead", "Target date", "Status", "Progress update"],
      [th1],
      a(
        "1.1",
        "Deliver bystander training in every secondary school",
        "Police",
        d("2025-03-31"),
        "2025-03-31",
        "On target",
        "Green",
        "Twelve of fifteen schools trained",
        th1,
      ),
      a(
        "1.2a",
        "Map violence hotspots in the night-time economy",
        "Council",
        "Q2 2024/25",
        "Q2 2024/25",
        "Slippage",
        "Amber",
        "Data sharing agreement still unsigned",
        th1,
      ),
      a(
        "1.2b",
        "Agree a joint tasking process for hotspots",
        "Police",
        "Sep-24",
        "Sep-24",
        "Completed",
        "Complete",
        "Tasking meets fortnightly",
        th1,
      ),
      [],
      [th2],
      a(
        "2.1",
        "Run diversionary youth sessions in the summer holidays",
        "Youth Service",
        "Aug-24",
        "Aug-24",
        "Not yet started",
        "Not started",
        "",
        th2,
      ),
      a(
        "2.2",
        "Review the public spaces protection order for the town centre",
        "Council",
        "Ongoing",
        "Ongoing",
        "Behind schedule",
        "Amber",
        "Consultation extended by a month",
        th2,
      ),
      [],
      ["Note: progress is reported to the partnership board each quarter."],
    ],
    [
      { top: 3, left: 0, bottom: 3, right: 5 },
      { top: 8, left: 0, bottom: 8, right: 5 },
    ],
  );
}

/** The long council layout: Strategic objective, Outcome, Action, Measure, Lead officer, Partner agencies,
 * Resources, Target date, Progress / comments, RAG rating (fills). */
function councilLongLayout(): RealCase {
  const fill: Record<Status, string> = {
    Red: "#FF0000",
    Amber: "#FFC000",
    Green: "#92D050",
    Complete: "#00B0F0",
    "Not started": "#FFFFFF",
  };
  const a = (
    ref: string,
    objective: string,
    action: string,
    lead: string,
    due: string,
    update: string,
    st: Status,
  ): Act => ({
    ref,
    action,
    lead,
    update,
    status: st,
    due,
    row: [
      ref,
      objective,
      "Residents feel safer",
      action,
      "Fewer repeat calls",
      lead,
      "Police, Fire, Housing",
      "Within existing budgets",
      due,
      update,
      { fill: fill[st] },
    ],
  });
  return real("council-objective-outcome-measure", "Delivery", [
    [
      "No.",
      "Strategic objective",
      "Outcome",
      "Action",
      "Measure",
      "Lead officer",
      "Partner agencies",
      "Resources",
      "Target date",
      "Progress / comments",
      "RAG rating",
    ],
    a(
      "1",
      "Safer neighbourhoods",
      "Recruit and train twenty new community speedwatch volunteers",
      "Neighbourhood Manager",
      "Mar-25",
      "Eleven volunteers recruited",
      "Green",
    ),
    a(
      "2",
      "Safer neighbourhoods",
      "Install three redeployable cameras at fly-tipping hotspots",
      "Environmental Health",
      "Dec-24",
      "Cameras bought, installation delayed by permissions",
      "Amber",
    ),
    a(
      "3",
      "Protecting the vulnerable",
      "Launch a scam awareness campaign with trading standards",
      "Trading Standards",
      "Jun-24",
      "Campaign ran in June",
      "Complete",
    ),
    a(
      "4",
      "Protecting the vulnerable",
      "Refresh the MARAC operating protocol",
      "DA Coordinator",
      "Jan-25",
      "Chair vacancy has stopped the review",
      "Red",
    ),
    [],
    [{ fill: "#FF0000" }, "Red - off track"],
    [{ fill: "#FFC000" }, "Amber - some slippage"],
    [{ fill: "#92D050" }, "Green - on track"],
    [{ fill: "#00B0F0" }, "Blue - complete"],
  ]);
}

/** A police-and-crime panel delivery update: Project, Objective, Forecast End Date, Owner, Update, Status. */
function pccProjects(): RealCase {
  const a = (
    project: string,
    objective: string,
    due: string,
    owner: string,
    update: string,
    status: string,
    st: Status,
  ): Act => ({
    action: project,
    lead: owner,
    update,
    status: st,
    due,
    row: [project, objective, due, owner, update, status],
  });
  return real("pcc-projects-forecast-end-date", "Current projects", [
    ["Police and Crime Plan Delivery Progress", "", "", "", "", ""],
    ["Project", "Objective", "Forecast End Date", "Owner", "Update", "Status"],
    a(
      "Estate change programme phase 2",
      "To deliver the approved estate strategy",
      "Apr '25",
      "Estates",
      "Two sites sold; third on the market",
      "On track",
      "Green",
    ),
    a(
      "Police complaints reform",
      "To implement the provisions relating to the commissioner's role in complaints",
      "Sep '24",
      "Complaints Manager",
      "Reviews now handled in house",
      "Complete",
      "Complete",
    ),
    a(
      "Correspondence and casework system",
      "To implement a contact management application for the office",
      "Dec '24",
      "Business Support",
      "Supplier slipped delivery by two months",
      "Delayed",
      "Amber",
    ),
  ]);
}

/** A plan whose columns read as questions: What, Who, When, Resources, How will we know, Progress, RAG. */
function questionHeaders(): RealCase {
  const a = (action: string, who: string, when: string, update: string, rag: string, st: Status): Act => ({
    action,
    lead: who,
    leads: who.split("\n"),
    update,
    status: st,
    due: when,
    row: [action, who, when, "Officer time", "Fewer reports", update, rag],
  });
  return real("question-headers", "Plan", [
    ["What are we going to do?", "Who?", "When?", "Resources", "How will we know?", "Progress", "RAG"],
    a(
      "Hold a week of action on the Eastfield estate",
      "Police\nHousing",
      "Oct-24",
      "Held in October; 14 arrests",
      "Green",
      "Green",
    ),
    a(
      "Extend street lighting on the canal path",
      "Highways",
      "Mar-25",
      "Funding bid submitted",
      "Amber",
      "Amber",
    ),
    a(
      "Set up a residents' safety forum",
      "Community Safety Team",
      "Ongoing",
      "",
      "Not started",
      "Not started",
    ),
  ]);
}

/** A corporate-plan style key action plan: statuses "Achieved", "On target", "Behind schedule", "Slippage";
 * refs like "KA1.3"; the lead as "Lead Directorate"; the update under "Q2 Commentary". */
function keyActionPlan(): RealCase {
  const a = (
    ref: string,
    action: string,
    lead: string,
    due: string,
    update: string,
    status: string,
    st: Status,
  ): Act => ({
    ref,
    action,
    lead,
    update,
    status: st,
    due,
    row: [ref, action, lead, due, status, update],
  });
  return real("key-action-plan-commentary", "Key Action Plan", [
    ["Key Action Plan 2024/25 - Quarter 2 progress"],
    ["Ref", "Key Action", "Lead Directorate", "Target Date", "Progress Status", "Q2 Commentary"],
    a(
      "KA1.1",
      "Adopt a new anti-social behaviour policy",
      "Communities",
      "Dec-24",
      "Adopted by Cabinet in September",
      "Achieved",
      "Complete",
    ),
    a(
      "KA1.2",
      "Procure a new CCTV monitoring contract",
      "Communities",
      "Mar-25",
      "Tender out; closes in November",
      "On target",
      "Green",
    ),
    a(
      "KA1.3",
      "Deliver the safer streets fund programme",
      "Place",
      "Mar-25",
      "Two of five schemes started",
      "Behind schedule",
      "Amber",
    ),
    a(
      "KA1.4",
      "Complete the domestic abuse accommodation review",
      "Housing",
      "Sep-24",
      "Draft report now due in October",
      "Slippage",
      "Amber",
    ),
  ]);
}

/** No ref column, the action first, and each priority named in a row of its own above its actions
 * (not merged), after a blank row. */
function actionFirstSections(): RealCase {
  const a = (
    action: string,
    lead: string,
    update: string,
    status: string,
    st: Status,
    due: string,
    theme: string,
  ): Act => ({
    action,
    lead,
    update,
    status: st,
    due,
    theme,
    row: [action, lead, "Police, Council", update, status, due],
  });
  const t1 = "Theme 1 - Serious violence";
  const t2 = "Theme 2 - Drugs and alcohol";
  return real("action-first-theme-rows", "Delivery plan", [
    ["Action", "Lead agency", "Key partners", "Progress", "RAG status", "Deadline"],
    [t1],
    a(
      "Produce the serious violence strategic needs assessment",
      "Council",
      "Draft circulated to partners",
      "Green",
      "Green",
      "Jan-25",
      t1,
    ),
    a(
      "Fund two youth workers in the emergency department",
      "NHS Trust",
      "Both posts filled",
      "Complete",
      "Complete",
      "Jul-24",
      t1,
    ),
    [],
    [t2],
    a(
      "Re-commission the drug and alcohol treatment service",
      "Public Health",
      "Procurement paused for the national review",
      "Red",
      "Red",
      "Apr-25",
      t2,
    ),
    a(
      "Run licensing visits to every late-night venue",
      "Licensing",
      "Forty of sixty venues visited",
      "Amber",
      "Amber",
      "Dec-24",
      t2,
    ),
  ]);
}

/** Wrapped and multi-part headers, refs like "2.1.1e", a "N/A" update, BRAG words including Blue. */
function wrappedBrag(): RealCase {
  const a = (
    ref: string,
    action: string,
    lead: string,
    due: Written,
    dueText: string,
    update: string,
    brag: string,
    st: Status,
  ): Act => ({
    ref,
    action,
    lead,
    update,
    status: st,
    due: dueText,
    row: [ref, action, lead, due, update, brag],
  });
  return real("wrapped-headers-brag-words", "VAWG", [
    ["Violence Against Women and Girls Action Plan"],
    [
      "Action\nRef.",
      "Action /\nActivity",
      "Lead\nOfficer",
      "Target\nDate",
      "Progress /\nComments",
      "BRAG\nRating",
    ],
    a(
      "2.1.1a",
      "Commission specialist support for older victims",
      "VAWG Coordinator",
      d("2025-03-31"),
      "2025-03-31",
      "Specification written",
      "Amber",
      "Amber",
    ),
    a(
      "2.1.1b",
      "Train GP practices in the IRIS model",
      "ICB",
      d("2024-12-31"),
      "2024-12-31",
      "N/A",
      "Green",
      "Green",
    ),
    a(
      "2.1.1e",
      "Launch the workplace charter",
      "Council",
      d("2024-06-30"),
      "2024-06-30",
      "Launched at the summit",
      "Blue",
      "Complete",
    ),
  ]);
}

/** A plan that keeps quarterly updates side by side but one status column, and a RAG key in words. */
function quarterlyUpdatesOneStatus(): RealCase {
  const a = (
    ref: string,
    action: string,
    lead: string,
    q1: string,
    q2: string,
    rag: string,
    st: Status,
    due: string,
  ): Act => ({
    ref,
    action,
    lead,
    update: q2 === "" ? q1 : q2,
    // The earlier quarter's update is the action's history when a later one has been written.
    history: q2 === "" ? [] : [{ period: "Q1", status: null, update: q1 }],
    status: st,
    due,
    row: [ref, action, lead, due, rag, q1, q2],
  });
  return real("quarterly-updates-one-status", "Plan", [
    ["Ref", "Action", "Responsible Officer", "Timescale", "Current RAG", "Q1 Update", "Q2 Update"],
    a(
      "1",
      "Hold two county lines awareness events for parents",
      "Police",
      "Workshop dates set",
      "First event held in July",
      "G",
      "Green",
      "Mar-25",
    ),
    a(
      "2",
      "Review taxi licensing safeguarding training",
      "Licensing",
      "Training materials drafted",
      "",
      "A",
      "Amber",
      "Dec-24",
    ),
    a(
      "3",
      "Agree an information sharing protocol with schools",
      "Education",
      "Legal review requested",
      "Legal review still outstanding",
      "R",
      "Red",
      "Sep-24",
    ),
    [],
    ["RAG key: G - on track; A - at risk of slippage; R - off track"],
  ]);
}

/**
 * An action laid out Ref | Action | Lead | one update per period | Status: the latest period with words
 * is its update, the earlier ones with words its history.
 */
function periodUpdatesAct(
  ref: string,
  action: string,
  lead: string,
  periods: readonly string[],
  updates: readonly string[],
  status: Status,
): Act {
  const written = updates.map((update, i) => ({ period: periods[i] ?? "", status: null, update }));
  const last = written.map((w) => w.update !== "").lastIndexOf(true);
  return {
    ref,
    action,
    lead,
    update: written[last]?.update ?? "",
    history: written.slice(0, Math.max(0, last)).filter((w) => w.update !== ""),
    status,
    row: [ref, action, lead, ...updates, status],
  };
}

/**
 * A youth justice plan's header in two rows: a group row that is a header row itself ("Action" merged
 * over Ref | Description, "Progress" over Q1 | Q2 | Q3, "Lead" and "Status" merged down both rows),
 * the names under it. The latest quarter with words is the update; earlier ones are the history.
 */
function mergedQuarterGroups(): RealCase {
  const a = (ref: string, action: string, lead: string, quarters: string[], status: Status): Act =>
    periodUpdatesAct(ref, action, lead, ["Q1", "Q2", "Q3"], quarters, status);
  return real(
    "youth-justice-progress-over-quarters",
    "Plan 2024-25",
    [
      ["Youth Justice Plan 2024-25"],
      [],
      ["Action", null, "Lead", "Progress", null, null, "Status"],
      ["Ref", "Description", null, "Q1", "Q2", "Q3", null],
      a("YJ1", "Out-of-court disposal panel", "YOS", ["Panel set up", "Running", "Reviewed"], "Green"),
      a(
        "YJ2",
        "Education, training and employment for children in the service",
        "Education",
        ["Data gathered", "Slipping", ""],
        "Amber",
      ),
      a("YJ3", "Reduce first-time entrants", "Police", ["Started", "", ""], "Red"),
    ],
    [
      { top: 2, left: 0, bottom: 2, right: 1 },
      { top: 2, left: 2, bottom: 3, right: 2 },
      { top: 2, left: 3, bottom: 2, right: 5 },
      { top: 2, left: 6, bottom: 3, right: 6 },
    ],
  );
}

/**
 * A reducing reoffending plan's quarterly return: a group row above the names with "ACTION" merged over
 * No | Action and each quarter merged over its Progress | RAG pair.
 */
function quartersOverProgressAndRag(): RealCase {
  const a = (
    ref: string,
    action: string,
    lead: string,
    q1: [string, string, Status],
    q2: [string, string, Status | null],
  ): Act => ({
    ref,
    action,
    lead,
    update: q2[0] === "" ? q1[0] : q2[0],
    status: q2[2] ?? q1[2],
    history: q2[0] === "" ? [] : [{ period: "Q1 2024-25", status: q1[2], update: q1[0] }],
    row: [ref, action, lead, q1[0], q1[1], q2[0], q2[1]],
  });
  return real(
    "reoffending-quarters-over-progress-and-rag",
    "Reoffending",
    [
      ["ACTION", null, null, "Q1 2024-25", null, "Q2 2024-25", null],
      ["No", "Action", "Lead", "Progress", "RAG", "Progress", "RAG"],
      a(
        "1",
        "Run a housing surgery in the probation office every week",
        "Probation",
        ["Surgery agreed with the council", "A", "Amber"],
        ["Surgery running weekly since July", "G", "Green"],
      ),
      a(
        "2",
        "Offer every prison leaver an appointment with a substance misuse worker",
        "Health",
        ["Referral form agreed", "G", "Green"],
        ["", "", null],
      ),
      a(
        "3",
        "Set up an integrated offender management cohort for acquisitive crime",
        "Police",
        ["Cohort criteria drafted", "A", "Amber"],
        ["Cohort not yet agreed by the board", "R", "Red"],
      ),
    ],
    [
      { top: 0, left: 0, bottom: 0, right: 1 },
      { top: 0, left: 3, bottom: 0, right: 4 },
      { top: 0, left: 5, bottom: 0, right: 6 },
    ],
  );
}

/** A group row above the names with only "Update" merged over the months it covers. */
function updateOverMonths(): RealCase {
  const a = (ref: string, action: string, lead: string, months: string[], status: Status): Act =>
    periodUpdatesAct(ref, action, lead, ["Apr–Jun", "Jul–Sep", "Oct–Dec"], months, status);
  return real(
    "update-merged-over-months",
    "Serious violence",
    [
      ["Serious Violence Duty: delivery plan"],
      [],
      [null, null, null, "Update", null, null, null],
      ["Ref", "Action", "Lead", "Apr–Jun", "Jul–Sep", "Oct–Dec", "Status"],
      a(
        "SV1",
        "Map knife crime hot spots with the violence reduction unit",
        "Police",
        ["Data shared", "Map published", ""],
        "Green",
      ),
      a(
        "SV2",
        "Train school staff in the trusted adult programme",
        "Education",
        ["Trainer booked", "", ""],
        "Amber",
      ),
    ],
    [{ top: 2, left: 3, bottom: 2, right: 5 }],
  );
}

/** Columns in an unusual order with partner and resource columns between, and dates typed as dates. */
function shuffledWithResources(): RealCase {
  const a = (
    due: Written,
    dueText: string,
    status: string,
    st: Status,
    lead: string,
    ref: string,
    action: string,
    update: string,
  ): Act => ({
    ref,
    action,
    lead,
    update,
    status: st,
    due: dueText,
    row: [due, status, "Officer time", lead, "Probation, DWP", ref, action, update],
  });
  return real("shuffled-with-resources", "Reducing reoffending", [
    ["Reducing Reoffending Delivery Plan"],
    ["Please update the progress column before each board meeting."],
    [],
    ["Completion date", "RAG", "Resources", "Lead", "Partners", "Ref No", "Activities", "Progress to date"],
    a(
      d("2025-03-31"),
      "2025-03-31",
      "Green",
      "Green",
      "Probation",
      "RR1",
      "Expand the integrated offender management cohort to include domestic abuse perpetrators",
      "Cohort widened in May",
    ),
    a(
      d("2024-11-30"),
      "2024-11-30",
      "Red",
      "Red",
      "DWP",
      "RR2",
      "Place a work coach in the probation office one day a week",
      "No work coach available this year",
    ),
    a(
      d("2025-01-31"),
      "2025-01-31",
      "Amber",
      "Amber",
      "Housing",
      "RR3",
      "Agree a pathway into housing for prison leavers",
      "Pathway agreed, not yet in use",
    ),
  ]);
}

/** A year-end review: "Action Lead", "Date to be completed by", "What needs to happen", and outcome words
 * ("Partially achieved", "Overdue", "Lagging", "Not met") in the status column. */
function yearEndReview(): RealCase {
  const a = (
    ref: string,
    action: string,
    lead: string,
    due: string,
    status: string,
    st: Status,
    update: string,
  ): Act => ({
    ref,
    action,
    lead,
    update,
    status: st,
    due,
    row: [ref, action, lead, due, status, update],
  });
  return real(
    "year-end-outcome-words",
    "Year end",
    [
      ["Safer Communities Partnership - year-end review of the 2023/24 plan"],
      [],
      [
        "Ref.",
        "What needs to happen",
        "Action Lead",
        "Date to be completed by",
        "Outcome at year end",
        "Comments / Update",
      ],
      a(
        "A1",
        "Refresh the information sharing agreement between all responsible authorities",
        "Council",
        "Jun-23",
        "Partially achieved",
        "Amber",
        "Signed by four of five partners",
      ),
      a(
        "A2",
        "Hold a summit on retail crime with town centre businesses",
        "Police",
        "Sep-23",
        "Overdue",
        "Red",
        "Venue fell through twice",
      ),
      a(
        "A3",
        "Train door staff in spotting vulnerability",
        "Licensing",
        "Dec-23",
        "Lagging",
        "Amber",
        "Half the venues booked",
      ),
      a(
        "A4",
        "Cut repeat missing episodes among looked-after children by a fifth",
        "Children's Services",
        "Mar-24",
        "Not met",
        "Red",
        "Repeat episodes rose slightly",
      ),
      a(
        "A5",
        "Open a safe space in the night-time economy on Saturdays",
        "Street Pastors",
        "Nov-23",
        "Achieved",
        "Complete",
        "Open since November",
      ),
    ],
    [],
    // "Outcome at year end" is read as the status by its contents alone; its words name no role.
    ["E3"],
  );
}

/** A "Priority" column grading each action High / Medium / Low (importance, not theme), with the
 * themes in worded objective rows above their actions and several leads in one cell. */
function priorityLevels(): RealCase {
  const o1 = "Objective 1 - Protect vulnerable people";
  const o2 = "Objective 2 - Reduce reoffending";
  const a = (
    ref: string,
    action: string,
    level: string,
    lead: string,
    leads: string[],
    due: string,
    update: string,
    rag: string,
    st: Status,
    theme: string,
  ): Act => ({
    ref,
    action,
    lead,
    leads,
    update,
    status: st,
    due,
    theme,
    row: [ref, action, level, lead, due, update, rag],
  });
  return real("priority-levels-objective-rows", "Plan", [
    ["Ref", "Action", "Priority", "Lead officer(s)", "Target date", "Progress update", "RAG"],
    [o1],
    a(
      "1.1",
      "Set up a multi-agency panel for adults at risk of exploitation",
      "High",
      "Police, Council",
      ["Police", "Council"],
      "Jun-24",
      "Panel met three times",
      "G",
      "Green",
      o1,
    ),
    a(
      "1.2",
      "Publish a directory of support services for victims",
      "Low",
      "Council",
      ["Council"],
      "Mar-25",
      "",
      "NS",
      "Not started",
      o1,
    ),
    [o2],
    a(
      "2.1",
      "Offer every prison leaver a housing appointment before release",
      "High",
      "Probation",
      ["Probation"],
      "Dec-24",
      "Appointments offered to two thirds",
      "A",
      "Amber",
      o2,
    ),
    a(
      "2.2",
      "Review the cohort of the integrated offender management scheme",
      "Medium",
      "Police",
      ["Police"],
      "Sep-24",
      "Cohort reviewed in September",
      "C",
      "Complete",
      o2,
    ),
  ]);
}

/** A numbered plan: each priority a row of its own with a whole number and a title ("1" | "Reducing
 * violence"), its actions numbered under it ("1.1", "1.2"); the priority is the actions' theme. */
function numberedParents(): RealCase {
  const a = (
    ref: string,
    action: string,
    lead: string,
    rag: string,
    st: Status,
    due: string,
    update: string,
    theme: string,
  ): Act => ({
    ref,
    action,
    lead,
    update,
    status: st,
    due,
    theme,
    row: [ref, action, lead, rag, due, update],
  });
  return real("numbered-parent-rows", "Plan", [
    ["Ref", "Action", "Lead", "RAG", "Due", "Update"],
    ["1", "Reducing violence"],
    a(
      "1.1",
      "Deliver bystander training to sports clubs",
      "Police",
      "G",
      "Green",
      "Mar-25",
      "Six clubs so far",
      "Reducing violence",
    ),
    a(
      "1.2",
      "Fund a violence reduction worker in the custody suite",
      "Police",
      "A",
      "Amber",
      "Sep-24",
      "Recruitment under way",
      "Reducing violence",
    ),
    ["2", "Tackling anti-social behaviour"],
    a(
      "2.1",
      "Review the public spaces protection order",
      "Council",
      "R",
      "Red",
      "Jun-24",
      "Legal advice awaited",
      "Tackling anti-social behaviour",
    ),
  ]);
}

/** Words for an action taken off the plan: "Superseded" and "Withdrawn" are no delivery judgement, so
 * they are read as no status and reported on their cells. */
export function supersededCase(): { readonly c: CorpusCase; readonly unread: readonly string[] } {
  const a = (ref: string, action: string, status: string, st: Status | null): Act => ({
    ref,
    action,
    lead: "Council",
    status: st,
    due: "Mar-25",
    row: [ref, action, "Council", status, "Mar-25"],
  });
  const c = real("superseded-withdrawn", "Plan", [
    ["Ref", "Action", "Lead", "Status", "Target date"],
    a("1", "Produce a hate crime leaflet", "Superseded", null),
    a("2", "Hold a hate crime awareness week", "Complete", "Complete"),
    a("3", "Commission a third-party reporting centre", "Withdrawn", null),
    a("4", "Run a survey of victims' experience", "Slippage", "Amber"),
  ]);
  return { c, unread: ["D2", "D4"] };
}

/** Every layout here, for the corpus test. */
export function realLayoutCases(): RealCase[] {
  return [
    opccDeliveryPlan(),
    prioritySections(),
    councilLongLayout(),
    pccProjects(),
    questionHeaders(),
    keyActionPlan(),
    actionFirstSections(),
    wrappedBrag(),
    quarterlyUpdatesOneStatus(),
    shuffledWithResources(),
    yearEndReview(),
    priorityLevels(),
    numberedParents(),
    mergedQuarterGroups(),
    quartersOverProgressAndRag(),
    updateOverMonths(),
  ];
}
