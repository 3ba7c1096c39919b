import { AFAS_ID_RULE, isAfasId } from '../afas/ids.js';
import { labelLanguages } from '../contract.js';
import { readDisplayName } from './display-name.js';
import { fieldTypesOf, splitFieldTypes, type PublishedFieldType } from './field-types.js';
import { didYouMean, quoteName } from './name-hints.js';
import { field, isObject, ok, problem, readText, readYesNo, type JsonObject, type Read } from './read-value.js';
import { attributeCategories, type AttributeCategory, type PluginAttribute } from './types.js';

const MAX_TEXT = 200;
const MAX_HYPERLINK = 2000;

/** The result of reading one Plugin Attributes item. */
export type AttributeItem =
  /** `warnings` name FieldTypes that mean nothing in the item's category, and label languages this service does not read. */
  | { kind: 'attribute'; attribute: PluginAttribute; warnings: string[] }
  /** Another scope (no warning), or a category this service does not use (Lead, a typo, ...: a warning). */
  | { kind: 'ignored'; warning?: string }
  | { kind: 'invalid'; problems: string[] };

export const isCrmServiceScope = (scope: string | undefined): boolean =>
  scope === undefined || scope === '' || scope.toLowerCase() === 'crmservice';

function readCategory(value: string): AttributeCategory | undefined {
  return attributeCategories.find((c) => c.toLowerCase() === value.toLowerCase());
}

function readSystemName(value: unknown): Read<string> {
  const text = readText(value);
  if (!text.ok) return text;
  if (text.value === undefined || text.value === '') return problem('required');
  if (text.value.length > MAX_TEXT || !isAfasId(text.value)) {
    return problem(`expected a GetConnector field id (${AFAS_ID_RULE})`);
  }
  return ok(text.value);
}

function readOrder(value: unknown): Read<number> {
  if (value === null || value === undefined || value === '') return ok(0);
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN;
  return Number.isFinite(n) && Math.abs(n) <= 1_000_000 ? ok(n) : problem('expected a number');
}

/** An array of strings, a `;#`-joined string, or SharePoint's verbose `{ results: [...] }`. */
function readFieldType(value: unknown): Read<PublishedFieldType[]> {
  if (value === null || value === undefined) return ok([]);
  if (typeof value === 'string') return ok(splitFieldTypes([value]));
  const list = isObject(value) ? field(value, 'results') : value;
  if (Array.isArray(list) && list.every((v): v is string => typeof v === 'string')) return ok(splitFieldTypes(list));
  return problem('expected a list of FieldType names or one string joined with ";#"');
}

/**
 * A Hyperlink template (`[Insite]verkooprelatie-prs?BcCo=[OrgNumber]`), or SharePoint's hyperlink column
 * `{ Url, Description }`. It may start with a placeholder; an explicit scheme must be http(s) so a template can
 * never become `javascript:`.
 */
function readHyperlink(value: unknown): Read<string | null> {
  const text = readText(isObject(value) ? field(value, 'url') : value);
  if (!text.ok) return problem('expected a URL template');
  if (text.value === undefined || text.value === '') return ok(null);
  if (text.value.length > MAX_HYPERLINK) return problem(`at most ${MAX_HYPERLINK} characters`);
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text.value)?.[1];
  if (scheme !== undefined && !/^https?$/i.test(scheme)) return problem('expected an https: URL or a template starting with [Insite]');
  return ok(text.value);
}

/** Reads one item of `pluginAttributes`; `path` (e.g. `pluginAttributes[3]`) prefixes every problem. */
export function readAttributeItem(item: unknown, path: string): AttributeItem {
  if (!isObject(item)) return { kind: 'invalid', problems: [`${path}: expected an object`] };
  const scope = readText(field(item, 'scope'));
  if (scope.ok && !isCrmServiceScope(scope.value)) return { kind: 'ignored' };

  const categoryText = readText(field(item, 'category'));
  if (!categoryText.ok) return { kind: 'invalid', problems: [`${path}.category: ${categoryText.problem}`] };
  if (categoryText.value === undefined || categoryText.value === '') return { kind: 'invalid', problems: [`${path}.category: required`] };
  const category = readCategory(categoryText.value);
  if (category === undefined) return { kind: 'ignored', warning: unknownCategoryWarning(path, categoryText.value) };

  return readColumns(item, path, category);
}

function readColumns(item: JsonObject, path: string, category: AttributeCategory): AttributeItem {
  const problems: string[] = [];
  function take<T>(column: string, r: Read<T>, fallback: T): T {
    if (r.ok) return r.value;
    problems.push(`${path}.${column}: ${r.problem}`);
    return fallback;
  }

  const systemName = take('systemName', readSystemName(field(item, 'systemName')), '');
  const label = take('displayName', readText(field(item, 'displayName', 'title')), undefined);
  if (label !== undefined && label.length > MAX_TEXT) problems.push(`${path}.displayName: at most ${MAX_TEXT} characters`);
  const attribute: PluginAttribute = {
    displayName: label === undefined || label === '' ? systemName : label,
    systemName,
    showOnExtensionWindow: take('showOnExtensionWindow', readYesNo(field(item, 'showOnExtensionWindow'), true), true),
    order: take('order', readOrder(field(item, 'order')), 0),
    fieldType: take('fieldType', readFieldType(field(item, 'fieldType')), []),
    hyperlink: take('hyperlink', readHyperlink(field(item, 'hyperlink')), null),
    category,
  };
  return problems.length > 0
    ? { kind: 'invalid', problems }
    : {
        kind: 'attribute',
        attribute,
        warnings: [...unknownFieldTypeWarnings(path, attribute), ...unknownLanguageWarnings(path, attribute)],
      };
}

function unknownCategoryWarning(path: string, category: string): string {
  return `${path}.category: ${quoteName(category)} is not a category of this service (${attributeCategories.join(', ')}); the item is ignored${didYouMean(category, attributeCategories)}`;
}

function unknownLanguageWarnings(path: string, a: PluginAttribute): string[] {
  return readDisplayName(a.displayName).ignored.map(
    (language) => `${path}.displayName: language ${quoteName(language)} is not one of ${labelLanguages.join(', ')}; its label is left out`,
  );
}

function unknownFieldTypeWarnings(path: string, a: PluginAttribute): string[] {
  const known: readonly PublishedFieldType[] = fieldTypesOf(a.category);
  return a.fieldType
    .filter((t) => !known.includes(t))
    .map((t) => `${path}.fieldType: ${quoteName(t)} is not a FieldType of category ${a.category} and is ignored${didYouMean(t, known)}`);
}
