import type { SettingValue } from './plugin-settings.js';
import { field, isObject, readText } from './read-value.js';

const MAX_NAME = 100;
const MAX_VALUE = 10_000;

const hasControlCharacter = (text: string): boolean => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

export type SettingItem = { kind: 'setting'; setting: SettingValue } | { kind: 'ignored' } | { kind: 'invalid'; problems: string[] };

/**
 * Reads one item of `pluginSettings` (`name`/`Title`, `value`, `scope`). Only scope `CrmService` (any case) is
 * ours: every other scope, and a missing one, belongs to another consumer of the UCC's list and is ignored.
 * Problems never quote the value (it may be the token).
 */
export function readSettingItem(item: unknown, path: string): SettingItem {
  if (!isObject(item)) return { kind: 'invalid', problems: [`${path}: expected an object`] };
  const scope = readText(field(item, 'scope'));
  if (!scope.ok || scope.value?.toLowerCase() !== 'crmservice') return { kind: 'ignored' };

  const problems: string[] = [];
  const name = readText(field(item, 'name', 'title'));
  if (!name.ok) problems.push(`${path}.name: ${name.problem}`);
  else if (name.value === undefined || name.value === '') problems.push(`${path}.name: required`);
  else if (name.value.length > MAX_NAME || hasControlCharacter(name.value))
    problems.push(`${path}.name: at most ${MAX_NAME} printable characters`);

  const value = readText(field(item, 'value'));
  if (!value.ok) problems.push(`${path}.value: ${value.problem}`);
  else if ((value.value?.length ?? 0) > MAX_VALUE) problems.push(`${path}.value: at most ${MAX_VALUE} characters`);

  if (problems.length > 0 || !name.ok || !value.ok || name.value === undefined) return { kind: 'invalid', problems };
  return { kind: 'setting', setting: { name: name.value, value: value.value ?? '' } };
}
