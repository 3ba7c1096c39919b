import { afasDateToIso } from '../afas/dates.js';
import type { CaseDto } from '../contract.js';
import { attributesOfType, hasFieldType } from '../settings/attributes.js';
import type { CaseFieldType } from '../settings/field-types.js';
import type { PluginAttribute, PluginSettings } from '../settings/types.js';
import { cellText, fillHyperlink, isTrue, viewFields, type Row, type ViewContext } from './record-view.js';

/** The case row fields that become top-level DTO properties rather than entries of `fields`. */
const promoted: readonly CaseFieldType[] = ['Id', 'ContactKey', 'Subject', 'Status', 'Completed', 'Date'];

export interface CaseRow {
  /** The ContactKey value linking it to contacts. */
  key: string;
  closed: boolean;
  sortTime: number;
  /** Built on first use: a lookup reads up to a hundred rows but shows only a few per contact. */
  dto: () => CaseDto;
}

/** The case attributes by the role they play, looked up once per read instead of once per row. */
interface CaseFields {
  id?: PluginAttribute;
  subject?: PluginAttribute;
  status?: PluginAttribute;
  completed?: PluginAttribute;
  date?: PluginAttribute;
  key?: PluginAttribute;
  /** Shown as entries of `fields`. */
  extra: PluginAttribute[];
}

function caseFieldsOf(attrs: readonly PluginAttribute[]): CaseFields {
  const first = (type: CaseFieldType): PluginAttribute | undefined => attributesOfType(attrs, type)[0];
  return {
    id: first('Id'),
    subject: first('Subject'),
    status: first('Status'),
    completed: first('Completed'),
    date: first('Date'),
    key: first('ContactKey'),
    extra: attrs.filter((a) => !promoted.some((t) => hasFieldType(a, t))),
  };
}

/** Reads case rows as the API shows them; the case attributes are resolved once, for every row the mapper reads. */
export function caseMapper(
  attrs: readonly PluginAttribute[],
  caseStatus: PluginSettings['caseStatus'],
  ctx: ViewContext,
): (row: Row) => CaseRow {
  const { id, subject, status, completed, date, key, extra } = caseFieldsOf(attrs);
  return (row) => {
    const raw = status ? cellText(row, status.systemName) : '';
    const mapped = caseStatus[raw.toLowerCase()] ?? 'Open';
    const closed = (completed !== undefined && isTrue(row[completed.systemName])) || mapped === 'Closed';
    const iso = date ? afasDateToIso(row[date.systemName]) : undefined;
    let dto: CaseDto | undefined;
    const build = (): CaseDto => {
      const link = subject?.hyperlink ? fillHyperlink(subject.hyperlink, row, ctx) : undefined;
      const state = closed ? 'Closed' : mapped;
      const d: CaseDto = {
        id: id ? cellText(row, id.systemName) : '',
        subject: subject?.showOnExtensionWindow ? cellText(row, subject.systemName) : '',
        status: state,
        statusLabel: status?.showOnExtensionWindow && raw !== '' ? raw : state,
        date: iso ?? null,
        fields: viewFields(extra, row, ctx),
      };
      if (link) d.link = link;
      return d;
    };
    return { key: key ? cellText(row, key.systemName) : '', closed, sortTime: iso ? Date.parse(iso) : 0, dto: () => (dto ??= build()) };
  };
}

/** The one case order, for lookups and case pages alike: New and Open before Closed; newest first within each group. */
export function compareCases(a: CaseRow, b: CaseRow): number {
  const ac = a.closed ? 1 : 0;
  const bc = b.closed ? 1 : 0;
  return ac - bc || b.sortTime - a.sortTime;
}
