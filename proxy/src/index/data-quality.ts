/** Why a record shows up in the admin's data-quality report. */
export type QualityProblem = 'unparseable' | 'shared' | 'no-phone-or-email';

export interface QualityItem {
  contactId: string;
  /** The AFAS field id (empty for a problem of the whole contact). */
  field: string;
  problem: QualityProblem;
  /** The contact's InSite page, to open and fix it. */
  link?: string;
}

export interface FieldQuality {
  field: string;
  label: string;
  kind: 'phone' | 'email';
  values: number;
  parsed: number;
  unparseable: number;
}

/** The data-quality report of the last full build: counts and the records behind them. */
export interface QualityReport {
  builtAt: string;
  contacts: number;
  phoneValues: number;
  parsed: number;
  unparseable: number;
  /** Values held by more than one contact (a switchboard number, a shared mailbox, or a duplicate record). */
  shared: number;
  contactsWithoutPhoneOrEmail: number;
  fields: FieldQuality[];
  items: QualityItem[];
  /** Items beyond MAX_ITEMS were counted but not listed. */
  truncated: boolean;
}

/** Listed records: enough to work through; the counts stay exact. */
export const MAX_ITEMS = 10_000;

const CSV_HEADER = 'contactId,field,problem,link';
function csvCell(text: string): string {
  // A cell a spreadsheet would run as a formula gets a leading apostrophe (AFAS ids are free text).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The report's records as CSV (RFC 4180), for a spreadsheet. */
export function qualityCsv(report: QualityReport): string {
  const lines = report.items.map((i) => [i.contactId, i.field, i.problem, i.link ?? ''].map(csvCell).join(','));
  return `${[CSV_HEADER, ...lines].join('\r\n')}\r\n`;
}
