/** Sheets the add-in owns: the reader never reads action tables from them. */
export const LISTS_SHEET = "Lists";
export const SUMMARY_SHEET = "Summary";
/** Closed periods' statuses (core/reading/status-history.ts); not "History", a name Excel keeps for itself. */
export const STATUS_HISTORY_SHEET = "Status history";
export const RESERVED_SHEETS: readonly string[] = [LISTS_SHEET, SUMMARY_SHEET, STATUS_HISTORY_SHEET];

/** Named ranges the schema defines (point at the Lists sheet's table columns). */
export const LEAD_CODES_NAME = "LeadCodes";
export const STATUS_LIST_NAME = "StatusList";
export const THEME_LIST_NAME = "ThemeList";

/** ListObjects on the Lists sheet. */
export const LEADS_TABLE = "Leads";
export const STATUSES_TABLE = "Statuses";
export const THEMES_TABLE = "Themes";
