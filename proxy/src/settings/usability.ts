import { MAX_QUERY_LENGTH } from '../afas/query.js';
import { searchFieldsThatFit, type SearchKind } from '../services/contact-fields.js';
import { attributesFor, attributesOfType } from './attributes.js';
import type { FieldType } from './field-types.js';
import { settingNames, type ResolvedSettings } from './plugin-settings.js';
import { seedVariableOf } from './seed.js';
import type { PluginAttribute } from './types.js';

/** Whether settings can serve lookups: never a setting value in either list (the token!). */
export interface Usability {
  /** Why lookups cannot work: a publication with any of these is refused. */
  problems: string[];
  /** Lookups work, but something will not be found or shown. */
  warnings: string[];
}

export interface UsabilityInput {
  /** The publication with the environment's seed filled in. */
  resolved: ResolvedSettings;
  /** The effective attributes (defaults for a base category without items). */
  attributes: readonly PluginAttribute[];
  /** AFAS_TOKEN is set but did not fill in, because the publication names another AFAS host. */
  tokenWithheld: boolean;
}

function missingSettings({ resolved, tokenWithheld }: UsabilityInput): string[] {
  const alreadyNamed = (name: string) => resolved.problems.some((p) => p.startsWith(`${name}:`));
  return resolved.missing
    .filter((name) => !alreadyNamed(name))
    .map((name) => {
      if (name === settingNames.token && tokenWithheld) {
        return `${name}: required, because the token from AFAS_TOKEN is only sent to the host of AFAS_CONNECTOR_BASE_URL and this ${settingNames.connectorBaseUrl} is not on it`;
      }
      const env = seedVariableOf(name);
      return `${name}: required${env === undefined ? '' : ` (publish it, or set ${env} on the service)`}`;
    });
}

const has = (attrs: readonly PluginAttribute[], type: FieldType): boolean => attributesOfType(attrs, type).length > 0;

function searchCapacity(kind: SearchKind, contact: readonly PluginAttribute[]): string[] {
  const fields = attributesOfType(contact, kind).length;
  const fit = searchFieldsThatFit(kind, contact);
  if (fit >= fields) return [];
  return [
    `pluginAttributes: ${fields} Contact attributes have FieldType ${kind}, but one AFAS query can search at most ${fit} of them ` +
      `(its query string may be at most ${MAX_QUERY_LENGTH} characters); give fewer attributes FieldType ${kind}`,
  ];
}

/** What lookups read, as services/lookup-service.ts picks it: contacts from Contact, cases through CaseSearch (or Case). */
function attributeUsability(attributes: readonly PluginAttribute[]): Usability {
  const problems: string[] = [];
  const warnings: string[] = [];
  const contact = attributesFor(attributes, 'Contact');
  const cases = attributesFor(attributes, 'CaseSearch');
  const caseCategory = attributes.some((a) => a.category === 'CaseSearch') ? 'CaseSearch' : 'Case';

  if (!has(contact, 'Id')) problems.push('pluginAttributes: no Contact attribute has FieldType Id (the key of a contact in AFAS)');
  if (!has(contact, 'Name')) problems.push('pluginAttributes: no Contact attribute has FieldType Name (what the agent sees as the caller)');
  const phone = has(contact, 'PhoneNumber');
  const email = has(contact, 'Email');
  if (!phone && !email)
    problems.push('pluginAttributes: no Contact attribute has FieldType PhoneNumber or Email, so no caller can be found');
  else if (!phone) warnings.push('pluginAttributes: no Contact attribute has FieldType PhoneNumber: phone lookups answer not_configured');
  else if (!email) warnings.push('pluginAttributes: no Contact attribute has FieldType Email: e-mail lookups answer not_configured');
  problems.push(...searchCapacity('PhoneNumber', contact), ...searchCapacity('Email', contact));

  if (!has(contact, 'CaseKey')) warnings.push('pluginAttributes: no Contact attribute has FieldType CaseKey: no cases are shown');
  else if (!has(cases, 'ContactKey')) {
    problems.push(
      `pluginAttributes: Contact attributes have FieldType CaseKey but no ${caseCategory} attribute has FieldType ContactKey, so cases cannot be linked to contacts`,
    );
  }
  return { problems, warnings };
}

/** Checks what a publication (with the seed) leads to beyond each value being valid: can a caller be found with it? */
export function usabilityOf(input: UsabilityInput): Usability {
  const attrs = attributeUsability(input.attributes);
  return { problems: [...missingSettings(input), ...attrs.problems], warnings: attrs.warnings };
}
