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
  /** FieldType vocabulary (Id, PhoneNumber, Email, Name, Organisation, Blocked, CaseKey, ContactKey, Subject, Status, Completed, Date); unknown values are kept. */
  fieldType: string[];
  hyperlink: string | null;
  category: AttributeCategory;
}

/** The typed, validated plugin settings (scope CrmService) with defaults applied. */
export interface PluginSettings {
  /** The token as given (XML, hex data or Base64); the AFAS client normalises it. Never logged or returned. */
  token: string;
  /** Normalised to end in `/connectors` without a trailing slash... see settings/plugin-settings.ts. */
  connectorBaseUrl: string;
  /** The InSite root, ending in exactly one `/`. */
  insite: string;
  defaultPhoneNumberRegion: string;
  phoneNumberFormat: PhoneNumberFormat;
  contactConnector: string;
  caseConnector: string;
  maxContacts: number;
  maxCases: number;
  /** Raw connector status value -> New/Open/Closed. Keys compared case-insensitively. */
  caseStatus: Record<string, 'New' | 'Open' | 'Closed'>;
  cacheSeconds: number;
}

/** What lookups use: the primary UCC's settings and attributes (defaults when it published none). */
export interface EffectiveSettings {
  primaryUcc: string;
  settings: PluginSettings;
  attributes: PluginAttribute[];
  /** Changes whenever the effective settings change; used to invalidate caches. */
  version: number;
}
