import type { AfasConnection } from '../afas/connection.js';
import type { CaseStatus } from '../contract.js';
import type { PublishedFieldType } from './field-types.js';

export const attributeCategories = ['Contact', 'ContactSearch', 'Case', 'CaseSearch'] as const;
export type AttributeCategory = (typeof attributeCategories)[number];

export const phoneNumberFormats = ['WildCard', 'E164', 'International', 'National', 'Rfc3966'] as const;
export type PhoneNumberFormat = (typeof phoneNumberFormats)[number];

/** One item of a UCC's PluginAttributes list, after normalising SharePoint spellings. */
export interface PluginAttribute {
  displayName: string;
  /** The GetConnector field id. */
  systemName: string;
  showOnExtensionWindow: boolean;
  order: number;
  /** Known FieldTypes (settings/field-types.ts) in their canonical spelling; unknown values are kept as written. */
  fieldType: PublishedFieldType[];
  hyperlink: string | null;
  category: AttributeCategory;
}

/** The typed, validated plugin settings (scope CrmService) with defaults applied. */
export interface PluginSettings {
  /**
   * Token and ConnectorRestServiceBaseUrl, validated and normalised once: the AFAS client uses it as is. Holds the
   * token (as its Authorization header): never log or return it.
   */
  afas: AfasConnection;
  /** The InSite root, ending in exactly one `/`. */
  insite: string;
  defaultPhoneNumberRegion: string;
  phoneNumberFormat: PhoneNumberFormat;
  contactConnector: string;
  caseConnector: string;
  maxContacts: number;
  maxCases: number;
  /** Raw connector status value -> New/Open/Closed. Keys compared case-insensitively. */
  caseStatus: Record<string, CaseStatus>;
  cacheSeconds: number;
  /** CallerIndex: keep a normalised index of the contacts' phone numbers and addresses (index/). */
  callerIndex: boolean;
  /** IndexRefreshSeconds: how often the index asks AFAS for changed contacts. */
  indexRefreshSeconds: number;
  /** PickDays: how long a contact agents chose for a number is remembered. */
  pickDays: number;
  /** InsiteNewContactUrl: a hyperlink template (`[Insite]`, `[Phone]`, `[Email]`) for "New relation in InSite". */
  insiteNewContactUrl?: string;
}

/** What lookups use: the primary UCC's settings and attributes (defaults when it published none). */
export interface EffectiveSettings {
  primaryUcc: string;
  settings: PluginSettings;
  attributes: PluginAttribute[];
  /** Changes whenever the effective settings change; used to invalidate caches. */
  version: number;
  /** A hash of the effective settings: the same on every instance that holds the same ones (keys shared caches). */
  revision: string;
}
