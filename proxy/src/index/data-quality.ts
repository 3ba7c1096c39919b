import type { QualityReport } from '../../../contract/admin-api.js';

export type { FieldQuality, QualityItem, QualityProblem, QualityReport } from '../../../contract/admin-api.js';

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
