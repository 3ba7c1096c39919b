import type { AfasClient, CallOptions } from '../afas/client.js';
import type { ConnectorQuery } from '../afas/query.js';
import type { CaseDto } from '../contract.js';
import { AppError } from '../errors.js';
import type { PluginAttribute, PluginSettings } from '../settings/types.js';
import { afasDateToIso } from './amsterdam-time.js';
import { fitsInOneRequest } from './query-fits.js';
import { cellText, fillHyperlink, hasType, isTrue, viewFields, type Row, type ViewContext } from './record-view.js';

/** The case row fields that become top-level DTO properties rather than entries of `fields`. */
const promoted = ['Id', 'ContactKey', 'Subject', 'Status', 'Completed', 'Date'];

export interface CaseRow {
  /** The ContactKey value linking it to contacts. */
  key: string;
  closed: boolean;
  sortTime: number;
  /** Built on first use: a lookup reads up to a hundred rows but shows only a few per contact. */
  dto: () => CaseDto;
}

function attr(attrs: readonly PluginAttribute[], type: string): PluginAttribute | undefined {
  return attrs.find((a) => hasType(a, type));
}

function toCase(row: Row, attrs: readonly PluginAttribute[], settings: PluginSettings, ctx: ViewContext): CaseRow {
  const id = attr(attrs, 'Id');
  const subject = attr(attrs, 'Subject');
  const status = attr(attrs, 'Status');
  const completed = attr(attrs, 'Completed');
  const date = attr(attrs, 'Date');
  const key = attr(attrs, 'ContactKey');
  const raw = status ? cellText(row, status.systemName) : '';
  const mapped = settings.caseStatus[raw.toLowerCase()] ?? 'Open';
  const closed = (completed !== undefined && isTrue(row[completed.systemName])) || mapped === 'Closed';
  const iso = date ? afasDateToIso(row[date.systemName]) : undefined;
  let dto: CaseDto | undefined;
  const build = (): CaseDto => {
    const link = subject?.hyperlink ? fillHyperlink(subject.hyperlink, row, ctx) : undefined;
    const extra = attrs.filter((a) => !promoted.some((t) => hasType(a, t)));
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
}

/** New and Open before Closed; newest first within each group. */
export function compareCases(a: CaseRow, b: CaseRow): number {
  const ac = a.closed ? 1 : 0;
  const bc = b.closed ? 1 : 0;
  return ac - bc || b.sortTime - a.sortTime;
}

/** Splits the keys into as few AFAS requests as the 2049-character query limit allows (usually one). */
function chunkKeys(keys: string[], make: (chunk: string[]) => ConnectorQuery): ConnectorQuery[] {
  const out: ConnectorQuery[] = [];
  let rest = keys;
  while (rest.length > 0) {
    let n = rest.length;
    while (n > 1 && !fitsInOneRequest(make(rest.slice(0, n)))) n = Math.ceil(n / 2);
    const q = make(rest.slice(0, n));
    if (!fitsInOneRequest(q)) throw new AppError('invalid_request', 'A case key is too long to search for in AFAS');
    out.push(q);
    rest = rest.slice(n);
  }
  return out;
}

/**
 * Reads the cases of the given contact keys, sorted. One AFAS request where the filter fits, several in parallel
 * otherwise. `take` bounds the rows read per request; `call` carries the deadline and the AFAS slot priority.
 */
export async function fetchCases(
  afas: AfasClient,
  settings: PluginSettings,
  caseAttrs: readonly PluginAttribute[],
  keys: readonly string[],
  take: number,
  ctx: ViewContext,
  call: CallOptions,
): Promise<{ cases: CaseRow[]; truncated: boolean }> {
  const unique = [...new Set(keys)].filter((k) => k !== '');
  if (unique.length === 0) return { cases: [], truncated: false };
  const contactKey = attr(caseAttrs, 'ContactKey');
  if (!contactKey) throw new AppError('not_configured', 'No Case attribute has FieldType ContactKey, so cases cannot be linked to contacts');
  const date = attr(caseAttrs, 'Date');
  const id = attr(caseAttrs, 'Id');
  const orderBy = [date ? `-${date.systemName}` : undefined, id ? `-${id.systemName}` : undefined].filter((f): f is string => f !== undefined);
  if (orderBy.length === 0) orderBy.push(contactKey.systemName);
  const queries = chunkKeys(unique, (chunk) => ({
    connector: settings.caseConnector,
    filter: chunk.map((value) => [{ field: contactKey.systemName, op: 1, value }]),
    orderBy,
    take,
  }));
  const pages = await Promise.all(queries.map((q) => afas.getRows(q, call)));
  const wanted = new Set(unique);
  const cases = pages
    .flat()
    .map((row) => toCase(row, caseAttrs, settings, ctx))
    .filter((c) => wanted.has(c.key));
  cases.sort(compareCases);
  return { cases, truncated: pages.some((p) => p.length >= take) };
}
