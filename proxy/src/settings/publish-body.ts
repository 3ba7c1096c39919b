import { AppError } from '../errors.js';
import { readAttributeItem } from './attribute-item.js';
import { didYouMean, quoteName } from './name-hints.js';
import { isKnownSetting, knownSettingNames, type SettingValue } from './plugin-settings.js';
import { field, isObject } from './read-value.js';
import { readSettingItem } from './setting-item.js';
import type { PluginAttribute } from './types.js';
import { readUccName } from './ucc-name.js';

/** A publish body after normalising SharePoint spellings, with other scopes and categories left out. */
export interface PublishBody {
  ucc: string;
  /** CrmService items only, names as written. */
  settings: SettingValue[];
  /** Contact, ContactSearch, Case and CaseSearch items only, in the order sent. */
  attributes: PluginAttribute[];
  /** Names this service does not know (settings, categories, FieldTypes): accepted and ignored, but likely typos. */
  warnings: string[];
}

const MAX_ITEMS = 1000;
const MAX_LISTED_PROBLEMS = 10;

/** `a; b; c (and 4 more)`: the first problems, enough to fix the list without an unbounded message. */
export function listProblems(problems: readonly string[]): string {
  const shown = problems.slice(0, MAX_LISTED_PROBLEMS).join('; ');
  const more = problems.length > MAX_LISTED_PROBLEMS ? ` (and ${problems.length - MAX_LISTED_PROBLEMS} more)` : '';
  return `${shown}${more}`;
}

/** AppError('invalid_request') listing the problems (`pluginAttributes[3].systemName: required; ...`). */
export function invalidRequest(problems: readonly string[]): AppError {
  return new AppError('invalid_request', listProblems(problems));
}

function readList(body: Record<string, unknown>, key: string, problems: string[]): unknown[] {
  const list = field(body, key);
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    problems.push(`${key}: expected an array`);
    return [];
  }
  if (list.length > MAX_ITEMS) {
    problems.push(`${key}: at most ${MAX_ITEMS} items`);
    return [];
  }
  return list;
}

/** The same setting twice with different values is ambiguous; the same value twice is harmless. */
function duplicateProblems(settings: readonly { setting: SettingValue; index: number }[]): string[] {
  const seen = new Map<string, { setting: SettingValue; index: number }>();
  const problems: string[] = [];
  for (const s of settings) {
    const key = s.setting.name.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, s);
    else if (first.setting.value !== s.setting.value) {
      problems.push(`pluginSettings[${s.index}].name: ${s.setting.name} is also set by pluginSettings[${first.index}] with another value`);
    }
  }
  return problems;
}

function unknownSettingWarning(path: string, name: string): string {
  return `${path}.name: ${quoteName(name)} is not a setting of this service and is ignored${didYouMean(name, knownSettingNames)}`;
}

/** The UCC a body publishes as, when it names a valid one (for checking a UCC key before anything else). */
export function publishingUcc(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const ucc = readUccName(field(body, 'ucc'));
  return ucc.ok ? ucc.value : undefined;
}

/**
 * Parses a publish body: `{ ucc, pluginSettings, pluginAttributes }`, keys in any case (`Ucc`, `PluginSettings`,
 * `Title` for `name`, ...). Throws AppError('invalid_request') naming every offending item.
 */
export function parsePublishBody(body: unknown): PublishBody {
  if (!isObject(body)) throw invalidRequest(['body: expected a JSON object with ucc, pluginSettings and pluginAttributes']);
  const problems: string[] = [];
  const warnings: string[] = [];

  const ucc = readUccName(field(body, 'ucc'));
  if (!ucc.ok) problems.push(`ucc: ${ucc.problem}`);

  const settings: { setting: SettingValue; index: number }[] = [];
  readList(body, 'pluginSettings', problems).forEach((item, index) => {
    const r = readSettingItem(item, `pluginSettings[${index}]`);
    if (r.kind === 'setting') {
      settings.push({ setting: r.setting, index });
      if (!isKnownSetting(r.setting.name)) warnings.push(unknownSettingWarning(`pluginSettings[${index}]`, r.setting.name));
    } else if (r.kind === 'invalid') problems.push(...r.problems);
  });
  problems.push(...duplicateProblems(settings));

  const attributes: PluginAttribute[] = [];
  readList(body, 'pluginAttributes', problems).forEach((item, index) => {
    const r = readAttributeItem(item, `pluginAttributes[${index}]`);
    if (r.kind === 'attribute') {
      attributes.push(r.attribute);
      warnings.push(...r.warnings);
    } else if (r.kind === 'invalid') problems.push(...r.problems);
    else if (r.warning !== undefined) warnings.push(r.warning);
  });

  if (problems.length > 0 || !ucc.ok) throw invalidRequest(problems);
  return { ucc: ucc.value, settings: settings.map((s) => s.setting), attributes, warnings };
}
