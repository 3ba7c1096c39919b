import { sameAttributes } from './attributes.js';
import type { SettingValue } from './plugin-settings.js';
import type { PluginAttribute } from './types.js';

/** What two UCCs are compared on: canonical setting values (see ResolvedSettings) and effective attributes. */
export interface Comparable {
  canonical: ReadonlyMap<string, SettingValue>;
  attributes: readonly PluginAttribute[];
}

/** The attribute list counts as one setting in conflict reports. */
export const ATTRIBUTES_CONFLICT = 'PluginAttributes';

/**
 * Names of the settings whose values differ between a UCC and the primary (a setting one of them lacks
 * differs too, unless the lack means the same default), plus `PluginAttributes` when the attributes differ.
 * Only names: the values (the token among them) never leave this function.
 */
export function conflictingNames(candidate: Comparable, primary: Comparable): string[] {
  const names: string[] = [];
  const keys = new Set([...primary.canonical.keys(), ...candidate.canonical.keys()]);
  for (const key of keys) {
    const mine = candidate.canonical.get(key);
    const theirs = primary.canonical.get(key);
    if (mine?.value !== theirs?.value) names.push((mine ?? theirs)?.name ?? key);
  }
  if (!sameAttributes(candidate.attributes, primary.attributes)) names.push(ATTRIBUTES_CONFLICT);
  return names;
}
