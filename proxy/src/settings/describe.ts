import type { SettingValue } from './plugin-settings.js';
import type { PluginAttribute } from './types.js';

export const REDACTED = '[redacted]';

/** Settings whose value is a secret: the AFAS token, and anything else named like a credential. */
export const isSecretSetting = (name: string): boolean => /token|password|secret|apikey|connectionstring/i.test(name);

/** What GET /settings shows. */
export interface SettingsDescription {
  primaryUcc: string | null;
  /** Every UCC that has published, first publisher first. */
  uccs: string[];
  /** The primary's settings as published (unknown names too), seed values filling in; secrets as "[redacted]". */
  settings: Record<string, string>;
  /** The effective attributes (the defaults for categories the primary did not publish). */
  attributes: PluginAttribute[];
  conflicts: { ucc: string; name: string; primaryUcc: string }[];
}

export interface DescribeInput {
  primaryUcc: string | null;
  uccs: string[];
  published: readonly SettingValue[];
  attributes: readonly PluginAttribute[];
  conflicts: { ucc: string; name: string; primaryUcc: string }[];
}

export function describeSettings(input: DescribeInput): SettingsDescription {
  return {
    primaryUcc: input.primaryUcc,
    uccs: [...input.uccs],
    settings: Object.fromEntries(input.published.map((s) => [s.name, isSecretSetting(s.name) ? REDACTED : s.value])),
    attributes: input.attributes.map((a) => ({ ...a, fieldType: [...a.fieldType] })),
    conflicts: input.conflicts.map((c) => ({ ...c })),
  };
}
