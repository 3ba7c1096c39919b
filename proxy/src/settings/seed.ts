import type { SettingValue } from './plugin-settings.js';
import { resolvePluginSettings, settingNames } from './plugin-settings.js';
import type { UpstreamRules } from './upstream-url.js';

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

/** The environment variable that can seed a setting (`Token` -> `AFAS_TOKEN`), if any. */
export function seedVariableOf(name: string): string | undefined {
  return seeded.find((s) => s.name.toLowerCase() === name.toLowerCase())?.env;
}

/** The seed as setting items (blank values left out). */
export function seedValues(seed: SettingsSeed): SettingValue[] {
  return seeded.flatMap(({ name, pick }) => {
    const value = pick(seed)?.trim() ?? '';
    return value === '' ? [] : [{ name, value }];
  });
}

const valueOf = (values: readonly SettingValue[], name: string): string | undefined =>
  values.find((v) => v.value !== '' && v.name.toLowerCase() === name.toLowerCase())?.value;

function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url.trim()).origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether the AFAS_TOKEN may fill in for these published values: only when the AFAS URL they lead to (their own,
 * or AFAS_CONNECTOR_BASE_URL when they name none) has the origin of AFAS_CONNECTOR_BASE_URL. Otherwise a
 * publication could send the operator's token to any host it names. Without AFAS_CONNECTOR_BASE_URL: never.
 */
function seedTokenApplies(values: readonly SettingValue[], seed: SettingsSeed): boolean {
  const seedOrigin = originOf(seed.connectorBaseUrl);
  if (seedOrigin === undefined) return false;
  const published = valueOf(values, settingNames.connectorBaseUrl);
  return published === undefined || originOf(published) === seedOrigin;
}

/** True when the values carry no Token and AFAS_TOKEN is set but may not be used for them (see seedTokenApplies). */
export function seedTokenWithheld(values: readonly SettingValue[], seed: SettingsSeed): boolean {
  return (
    seedValues(seed).some((s) => s.name === settingNames.token) &&
    valueOf(values, settingNames.token) === undefined &&
    !seedTokenApplies(values, seed)
  );
}

/** Published values plus the seed for every seeded setting the UCC did not publish (a published value wins). */
export function withSeed(values: readonly SettingValue[], seed: SettingsSeed): SettingValue[] {
  const published = new Set(values.filter((v) => v.value !== '').map((v) => v.name.toLowerCase()));
  const fill = seedValues(seed).filter(
    (s) => !published.has(s.name.toLowerCase()) && (s.name !== settingNames.token || seedTokenApplies(values, seed)),
  );
  return [...values, ...fill];
}

/** Problems of the seed, each naming the environment variable (never its value); empty when the seed is usable. */
export function seedProblems(seed: SettingsSeed, rules: UpstreamRules): string[] {
  const { problems } = resolvePluginSettings(seedValues(seed), rules);
  return problems.map((p) => {
    const entry = seeded.find(({ name }) => p.startsWith(`${name}:`));
    return entry ? `${entry.env}${p.slice(entry.name.length)}` : p;
  });
}
