import { afasDateToIso } from '../afas/dates.js';
import { AFAS_ID_CHARACTERS } from '../afas/ids.js';
import type { FieldDto } from '../contract.js';
import { telHref } from '../phone/caller-id.js';
import { attributesOfType, hasFieldType } from '../settings/attributes.js';
import { labelOf } from '../settings/display-name.js';
import type { FieldType } from '../settings/field-types.js';
import type { PluginAttribute } from '../settings/types.js';

export type Row = Record<string, unknown>;

/** What hyperlinks and values need beyond the row itself. */
export interface ViewContext {
  insite: string;
  defaultRegion: string;
}

/** Text of a cell as an agent reads it; empty for null. */
export function cellText(row: Row, field: string): string {
  const v = row[field];
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

function insiteHost(insite: string): string | undefined {
  try {
    return new URL(insite).host;
  } catch {
    return undefined;
  }
}

const INSITE_PLACEHOLDER = /\[Insite\]\/?/gi;
const FIELD_PLACEHOLDER = new RegExp(`\\[([${AFAS_ID_CHARACTERS}]+)\\]`, 'g');

/**
 * Fills a Hyperlink template: `[Insite]` becomes the InSite root (one `/` at the join) and `[Field]` the
 * URI-encoded cell. A missing or empty placeholder value means no link (unless `emptyAllowed`), and the result must
 * be an `https:` URL on the InSite host: anything else is dropped rather than handed to an agent's browser.
 */
export function fillHyperlink(template: string, row: Row, ctx: ViewContext, emptyAllowed = false): string | undefined {
  let missing = false;
  const root = ctx.insite.replace(/\/+$/, '');
  const filled = template.replace(INSITE_PLACEHOLDER, `${root}/`).replace(FIELD_PLACEHOLDER, (_m, field: string) => {
    const text = cellText(row, field);
    if (text === '') missing = true;
    return encodeURIComponent(text);
  });
  if (missing && !emptyAllowed) return undefined;
  try {
    const url = new URL(filled);
    const host = insiteHost(ctx.insite);
    return url.protocol === 'https:' && host !== undefined && url.host === host ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An address and nothing else: a mailto: URL reads `?` as headers (`?bcc=`, `?subject=`, `&body=`), `#` as a fragment
 * and `%` as an escape, so a stored value with any of them gets no link.
 */
const PLAIN_ADDRESS = /^[\p{L}\p{M}\p{N}._+'-]{1,64}@[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)+$/u;

function hrefFor(a: PluginAttribute, row: Row, value: string, ctx: ViewContext): string | undefined {
  if (a.hyperlink) return fillHyperlink(a.hyperlink, row, ctx);
  if (hasFieldType(a, 'PhoneNumber')) return telHref(value, ctx.defaultRegion);
  if (hasFieldType(a, 'Email') && value.length <= 254 && PLAIN_ADDRESS.test(value)) return `mailto:${value}`;
  return undefined;
}

function displayValue(a: PluginAttribute, row: Row): string {
  const raw = row[a.systemName];
  if (hasFieldType(a, 'Date')) return afasDateToIso(raw) ?? cellText(row, a.systemName);
  return cellText(row, a.systemName);
}

/**
 * The shown attributes of one record, in order. Attributes with the same display name and consecutive order
 * numbers share one line. Hidden attributes never get here, so their values never leave the service.
 */
export function viewFields(attrs: readonly PluginAttribute[], row: Row, ctx: ViewContext): FieldDto[] {
  const fields: FieldDto[] = [];
  let previous: PluginAttribute | undefined;
  for (const a of attrs) {
    if (!a.showOnExtensionWindow) continue;
    const value = displayValue(a, row);
    const joinsPrevious = previous !== undefined && previous.displayName === a.displayName && a.order === previous.order + 1;
    previous = a;
    if (value === '') continue;
    const href = hrefFor(a, row, value, ctx);
    const { label, labels } = labelOf(a);
    const last = fields.at(-1);
    if (joinsPrevious && last && last.label === label) {
      last.value = `${last.value} ${value}`;
      if (!last.href && href) last.href = href;
      continue;
    }
    fields.push({ label, ...(labels && { labels }), value, ...(href && { href }) });
  }
  return fields;
}

/** First non-empty shown value among attributes of a FieldType, with its hyperlink. */
export function firstOfType(
  attrs: readonly PluginAttribute[],
  type: FieldType,
  row: Row,
  ctx: ViewContext,
): { value: string; href?: string } | undefined {
  for (const a of attributesOfType(attrs, type)) {
    if (!a.showOnExtensionWindow) continue;
    const value = cellText(row, a.systemName);
    if (value !== '') return { value, href: a.hyperlink ? fillHyperlink(a.hyperlink, row, ctx) : undefined };
  }
  return undefined;
}

/** Values of an attribute type used internally (ids, keys); these may be hidden and are never returned as-is. */
export function internalValues(attrs: readonly PluginAttribute[], type: FieldType, row: Row): string[] {
  return attributesOfType(attrs, type)
    .map((a) => cellText(row, a.systemName))
    .filter((v) => v !== '');
}

export const isTrue = (v: unknown): boolean => v === true || (typeof v === 'string' && /^(true|1|ja|yes)$/i.test(v.trim())) || v === 1;
