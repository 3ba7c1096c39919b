import type { AfasClient, CallOptions } from '../afas/client.js';
import { splitToFit } from '../afas/query.js';
import { AppError } from '../errors.js';
import { attributesOfType } from '../settings/attributes.js';
import type { PluginAttribute, PluginSettings } from '../settings/types.js';
import { caseMapper, compareCases, type CaseRow } from './case-view.js';
import type { ViewContext } from './record-view.js';

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
  const [contactKey] = attributesOfType(caseAttrs, 'ContactKey');
  if (!contactKey)
    throw new AppError('not_configured', 'No Case attribute has FieldType ContactKey, so cases cannot be linked to contacts');
  const [date] = attributesOfType(caseAttrs, 'Date');
  const [id] = attributesOfType(caseAttrs, 'Id');
  const orderBy = [date ? `-${date.systemName}` : undefined, id ? `-${id.systemName}` : undefined].filter(
    (f): f is string => f !== undefined,
  );
  if (orderBy.length === 0) orderBy.push(contactKey.systemName);
  const queries = splitToFit(unique, (chunk) => ({
    connector: settings.caseConnector,
    filter: chunk.map((value) => [{ field: contactKey.systemName, op: 1, value }]),
    orderBy,
    take,
  }));
  if (!queries) throw new AppError('invalid_request', 'A case key is too long to search for in AFAS');
  const pages = await Promise.all(queries.map((q) => afas.getRows(q, call)));
  const wanted = new Set(unique);
  const toCase = caseMapper(caseAttrs, settings.caseStatus, ctx);
  const cases = pages
    .flat()
    .map(toCase)
    .filter((c) => wanted.has(c.key));
  cases.sort(compareCases);
  return { cases, truncated: pages.some((p) => p.length >= take) };
}
