import { isSupportedCountry } from 'libphonenumber-js';
import type { AfasConnection } from '../afas/connection.js';
import { AFAS_ID_RULE, isAfasId } from '../afas/ids.js';
import { authorizationHeader } from '../afas/token.js';
import type { CaseStatus } from '../contract.js';
import { readCaseStatus, defaultCaseStatus } from './case-status.js';
import { ok, problem, readInteger, type Read } from './read-value.js';
import { stableJson } from './stable-json.js';
import { phoneNumberFormats, type PhoneNumberFormat, type PluginSettings } from './types.js';
import { normaliseAfasRestRoot, normaliseInsiteUrl, type UpstreamRules } from './upstream-url.js';

/** One Plugin Settings item of scope CrmService, as published (name as written, value trimmed). */
export interface SettingValue {
  name: string;
  value: string;
}

/** The setting name (as documented) behind every PluginSettings property (`afas` is made of the first two). */
export const settingNames = {
  token: 'Token',
  connectorBaseUrl: 'ConnectorRestServiceBaseUrl',
  insite: 'Insite',
  defaultPhoneNumberRegion: 'DefaultPhoneNumberRegion',
  phoneNumberFormat: 'PhoneNumberFormat',
  contactConnector: 'ContactConnector',
  caseConnector: 'CaseConnector',
  maxContacts: 'MaxContacts',
  maxCases: 'MaxCases',
  caseStatus: 'CaseStatus',
  cacheSeconds: 'CacheSeconds',
  callerIndex: 'CallerIndex',
  indexRefreshSeconds: 'IndexRefreshSeconds',
  pickDays: 'PickDays',
  insiteNewContactUrl: 'InsiteNewContactUrl',
} as const satisfies Record<Exclude<keyof PluginSettings, 'afas'> | 'token' | 'connectorBaseUrl', string>;

export const knownSettingNames: readonly string[] = Object.values(settingNames);
const knownNames = new Set<string>(knownSettingNames.map((n) => n.toLowerCase()));
export const isKnownSetting = (name: string): boolean => knownNames.has(name.toLowerCase());

export interface ResolvedSettings {
  /** Undefined while a required setting is missing. */
  settings: PluginSettings | undefined;
  /** Required setting names without a (valid) value. */
  missing: string[];
  /** `Name: what is wrong` for every value that could not be used. Never contains a value. */
  problems: string[];
  /**
   * The value each setting has after normalisation and defaults, keyed by lower-cased name, to compare UCCs:
   * the same URL with or without `/connectors`, or the same token as XML or Base64, compare equal. Holds the
   * token: never log or return it.
   */
  canonical: Map<string, SettingValue>;
}

/** The token in any of the shapes admins hand out, as the Authorization header AFAS expects (see afas/token.ts). */
function readToken(raw: string): Read<string> {
  try {
    return ok(authorizationHeader(raw));
  } catch {
    return problem(
      'expected the AFAS token XML <token><version>1</version><data>…</data></token>, only its hex data, or the Base64 of that XML',
    );
  }
}

/** The one AFAS connection the settings make: the client trusts it as is. */
export function afasConnection(restRoot: string, authorization: string): AfasConnection {
  return { restRoot, authorization, host: new URL(restRoot).host };
}

function readRegion(raw: string): Read<string> {
  const region = raw.toUpperCase();
  if (region === 'ZZ' || (/^[A-Z]{2}$/.test(region) && isSupportedCountry(region))) return ok(region);
  return problem('expected an ISO 3166 alpha-2 country code such as NL or BE, or ZZ for none');
}

const formatKey = (s: string): string => s.replace(/[^A-Za-z0-9]/g, '').toLowerCase();

function readPhoneNumberFormat(raw: string): Read<PhoneNumberFormat> {
  const found = phoneNumberFormats.find((f) => formatKey(f) === formatKey(raw));
  return found ? ok(found) : problem(`expected one of ${phoneNumberFormats.join(', ')}`);
}

const MAX_CONNECTOR_ID = 100;

function readConnectorId(raw: string): Read<string> {
  return raw.length <= MAX_CONNECTOR_ID && isAfasId(raw) ? ok(raw) : problem(`expected a GetConnector id (${AFAS_ID_RULE})`);
}

const integer = (min: number, max: number) => (raw: string) => readInteger(raw, min, max);

const NEW_CONTACT_PLACEHOLDERS = new Set(['insite', 'phone', 'email']);

/** A hyperlink template for "New relation in InSite": `[Insite]`, `[Phone]` and `[Email]` only, landing on the InSite host. */
function readNewContactUrl(raw: string, insite: string): Read<string> {
  const template = raw
    .trim()
    .replace(/\[insite\]/gi, '[Insite]')
    .replace(/\[phone\]/gi, '[Phone]')
    .replace(/\[email\]/gi, '[Email]');
  const unknown = [...template.matchAll(/\[([^\]]*)\]/g)]
    .map((m) => m[1] ?? '')
    .find((p) => !NEW_CONTACT_PLACEHOLDERS.has(p.toLowerCase()));
  if (unknown !== undefined) return problem(`only the placeholders [Insite], [Phone] and [Email] are allowed, not [${unknown}]`);
  const sample = template.replace(/\[Insite\]\/?/g, insite).replace(/\[(Phone|Email)\]/g, 'x');
  try {
    const url = new URL(sample);
    if (url.protocol === 'https:' && url.host === new URL(insite).host) return ok(template);
  } catch {
    // not a URL: the problem below
  }
  return problem('expected an https: link on the Insite host, e.g. [Insite]relatie-nieuw?tel=[Phone]');
}

function readOnOff(raw: string): Read<boolean> {
  const v = raw.trim().toLowerCase();
  if (v === 'on' || v === 'true' || v === '1') return ok(true);
  if (v === 'off' || v === 'false' || v === '0') return ok(false);
  return problem('expected On or Off');
}

/**
 * Turns the published CrmService items (plus any seed, see seed.ts) into typed settings with defaults applied.
 * Names are compared case-insensitively; an empty value counts as not given; unknown names are only compared.
 */
export function resolvePluginSettings(values: readonly SettingValue[], rules: UpstreamRules): ResolvedSettings {
  const given = new Map<string, SettingValue>();
  for (const v of values) if (v.value !== '') given.set(v.name.toLowerCase(), v);

  const missing: string[] = [];
  const problems: string[] = [];
  const canonical = new Map<string, SettingValue>();

  function take<T>(
    name: string,
    read: (raw: string) => Read<T>,
    fallback: T | undefined,
    canon: (v: T) => string = stableJson,
  ): T | undefined {
    const raw = given.get(name.toLowerCase())?.value;
    let value = fallback;
    if (raw !== undefined) {
      const r = read(raw);
      if (r.ok) value = r.value;
      else problems.push(`${name}: ${r.problem}`);
    }
    if (value === undefined) missing.push(name);
    else canonical.set(name.toLowerCase(), { name, value: canon(value) });
    return value;
  }

  /** A setting without a default: absent is fine, a bad value is a problem. */
  function optional<T>(name: string, read: (raw: string) => Read<T>): T | undefined {
    const raw = given.get(name.toLowerCase())?.value;
    if (raw === undefined) return undefined;
    const r = read(raw);
    if (!r.ok) {
      problems.push(`${name}: ${r.problem}`);
      return undefined;
    }
    canonical.set(name.toLowerCase(), { name, value: stableJson(r.value) });
    return r.value;
  }

  const n = settingNames;
  const authorization = take(n.token, readToken, undefined, (header) => header);
  const restRoot = take(n.connectorBaseUrl, (raw) => normaliseAfasRestRoot(raw, rules), undefined);
  const insite = take(n.insite, (raw) => normaliseInsiteUrl(raw, rules), undefined);
  const defaultPhoneNumberRegion = take(n.defaultPhoneNumberRegion, readRegion, 'ZZ');
  const phoneNumberFormat = take<PhoneNumberFormat>(n.phoneNumberFormat, readPhoneNumberFormat, 'WildCard');
  const contactConnector = take(n.contactConnector, readConnectorId, 'Profit_Contacts');
  const caseConnector = take(n.caseConnector, readConnectorId, 'ProfitSubjectsAuthorized');
  const maxContacts = take(n.maxContacts, integer(1, 50), 5);
  const maxCases = take(n.maxCases, integer(1, 100), 5);
  const caseStatus = take<Record<string, CaseStatus>>(n.caseStatus, readCaseStatus, readDefaultCaseStatus());
  const cacheSeconds = take(n.cacheSeconds, integer(0, 3600), 60);
  const callerIndex = take(n.callerIndex, readOnOff, true);
  const indexRefreshSeconds = take(n.indexRefreshSeconds, integer(1, 3600), 60);
  const pickDays = take(n.pickDays, integer(1, 3650), 90);
  const insiteNewContactUrl = insite === undefined ? undefined : optional(n.insiteNewContactUrl, (raw) => readNewContactUrl(raw, insite));

  for (const [key, v] of given) if (!knownNames.has(key)) canonical.set(key, { name: v.name, value: v.value });

  const settings =
    authorization !== undefined &&
    restRoot !== undefined &&
    insite !== undefined &&
    defaultPhoneNumberRegion !== undefined &&
    phoneNumberFormat !== undefined &&
    contactConnector !== undefined &&
    caseConnector !== undefined &&
    maxContacts !== undefined &&
    maxCases !== undefined &&
    caseStatus !== undefined &&
    cacheSeconds !== undefined &&
    callerIndex !== undefined &&
    indexRefreshSeconds !== undefined &&
    pickDays !== undefined
      ? {
          afas: afasConnection(restRoot, authorization),
          insite,
          defaultPhoneNumberRegion,
          phoneNumberFormat,
          contactConnector,
          caseConnector,
          maxContacts,
          maxCases,
          caseStatus,
          cacheSeconds,
          callerIndex,
          indexRefreshSeconds,
          pickDays,
          ...(insiteNewContactUrl === undefined ? {} : { insiteNewContactUrl }),
        }
      : undefined;
  return { settings, missing, problems, canonical };
}

function readDefaultCaseStatus(): Record<string, CaseStatus> {
  const r = readCaseStatus(defaultCaseStatus);
  if (!r.ok) throw new Error(`default CaseStatus is invalid: ${r.problem}`);
  return r.value;
}
