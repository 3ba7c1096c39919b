import type { SettingValue } from './plugin-settings.js';
import { resolvePluginSettings, settingNames } from './plugin-settings.js';
import type { UrlRules } from './upstream-url.js';

/** Values from the environment (AFAS_TOKEN, AFAS_CONNECTOR_BASE_URL, AFAS_INSITE_URL) for the three required settings. */
export interface SettingsSeed {
  token?: string;
  connectorBaseUrl?: string;
  insite?: string;
}

const seeded = [
  { name: settingNames.token, env: 'AFAS_TOKEN', pick: (s: SettingsSeed) => s.token },
  { name: settingNames.connectorBaseUrl, env: 'AFAS_CONNECTOR_BASE_URL', pick: (s: SettingsSeed) => s.connectorBaseUrl },
  { name: settingNames.insite, env: 'AFAS_INSITE_URL', pick: (s: SettingsSeed) => s.insite },
] as const;

/** The seed as setting items (blank values left out). */
export function seedValues(seed: SettingsSeed): SettingValue[] {
  return seeded.flatMap(({ name, pick }) => {
    const value = pick(seed)?.trim() ?? '';
    return value === '' ? [] : [{ name, value }];
  });
}

/** Published values plus the seed for every seeded setting the UCC did not publish (a published value wins). */
export function withSeed(values: readonly SettingValue[], seed: SettingsSeed): SettingValue[] {
  const published = new Set(values.filter((v) => v.value !== '').map((v) => v.name.toLowerCase()));
  return [...values, ...seedValues(seed).filter((s) => !published.has(s.name.toLowerCase()))];
}

/** Problems of the seed, each naming the environment variable (never its value); empty when the seed is usable. */
export function seedProblems(seed: SettingsSeed, rules: UrlRules): string[] {
  const { problems } = resolvePluginSettings(seedValues(seed), rules);
  return problems.map((p) => {
    const entry = seeded.find(({ name }) => p.startsWith(`${name}:`));
    return entry ? `${entry.env}${p.slice(entry.name.length)}` : p;
  });
}
