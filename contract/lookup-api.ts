/**
 * The lookup API contract between the service and every agent UI (the caller panel included): its lists, types
 * and codes, in one dependency-free module that both tiers import. The service builds its zod schemas from these
 * lists (proxy/src/contract.ts); the panel checks answers against the same lists (widget/src/api/guards.ts).
 */

export const lookupStatuses = ['matched', 'ambiguous', 'none', 'anonymous'] as const;
export const caseStatuses = ['New', 'Open', 'Closed'] as const;
export const queryTypes = ['phone', 'email'] as const;
/** `afas`: live search; `index`: found through the caller index (still fetched from AFAS); `cache`: a kept answer. */
export const answerSources = ['afas', 'index', 'cache'] as const;

/** Every error code an API client can receive, with the HTTP status it usually comes with. */
export const errorStatus = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  rate_limited: 429,
  upstream_auth: 502,
  upstream_error: 502,
  not_configured: 503,
  upstream_unavailable: 503,
  /** The shared store (Redis) is unreachable: a settings change was refused and nothing changed. */
  store_unavailable: 503,
  upstream_timeout: 504,
  internal_error: 500,
} as const;

export type LookupStatus = (typeof lookupStatuses)[number];
export type CaseStatus = (typeof caseStatuses)[number];
export type QueryType = (typeof queryTypes)[number];
export type AnswerSource = (typeof answerSources)[number];
export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(errorStatus, code);

/** The languages an attribute's label may come in besides its default (see README "Plugin attributes"). */
export const labelLanguages = ['nl', 'en', 'fr'] as const;
export type LabelLanguage = (typeof labelLanguages)[number];
/**
 * A label's variants by language, as the attribute's DisplayName gives them (`Mobiel privé | en: Private mobile |
 * fr: Mobile privé`): only the languages it names. Present only when it names at least one; `label` is the default.
 */
export type LabelsDto = Partial<Record<LabelLanguage, string>>;

export interface FieldDto {
  /** The default label: the DisplayName without its language variants. */
  label: string;
  /** The label in other languages, when the DisplayName gives any: show `labels[lang] ?? label`. */
  labels?: LabelsDto;
  value: string;
  /** An `https:` link on the InSite host, or a `tel:`/`mailto:` link built by the service. */
  href?: string;
}

/** Which stored value matched the caller, and how. */
export interface MatchDto {
  field: string;
  label: string;
  /** As FieldDto's `labels`. */
  labels?: LabelsDto;
  value: string;
  /** The stored notation itself matched (not only its digits). */
  exact: boolean;
  /** ISO time an agent chose this contact for this number or address (`PUT picks`): it is shown first. */
  remembered?: string;
}

export interface CaseDto {
  id: string;
  subject: string;
  status: CaseStatus;
  statusLabel: string;
  /** ISO 8601 with the Amsterdam offset, or null. */
  date: string | null;
  link?: string;
  fields: FieldDto[];
}

/** Why a matched contact's cases are missing (the contact itself was found). */
export interface CasesErrorDto {
  code: ErrorCode;
  message: string;
}

export interface ContactDto {
  id: string;
  name: string;
  organisation?: string;
  match: MatchDto;
  fields: FieldDto[];
  link?: string;
  /** In the service's order: New and Open before Closed, newest first. */
  cases: CaseDto[];
  moreCases: boolean;
  /** Opaque, signed reference for `GET {base}/api/v1/cases?ref=`: pages this contact's cases. */
  casesRef: string;
  /** Set when the cases could not be loaded: `cases` is then empty; page them again with `casesRef`. */
  casesError?: CasesErrorDto;
  /**
   * Only in answers to `lookup?…&progressive=true`: the cases were still being read when the answer was sent.
   * `cases` is then empty and `moreCases` false; `GET cases?ref=<casesRef>` answers with them once they are in.
   */
  casesPending?: true;
}

export interface LookupQueryEcho {
  type: QueryType;
  input: string;
  normalized: string;
}

export interface LookupResponse {
  status: LookupStatus;
  query: LookupQueryEcho;
  contacts: ContactDto[];
  source: AnswerSource;
  ageSeconds: number;
  /** "New relation in InSite" for this caller: the InsiteNewContactUrl setting filled in; absent without it. */
  newContactLink?: string;
}

/** What a search text was read as: it decides which fields are searched, and how. */
export const searchKinds = ['name', 'number', 'email', 'postcode'] as const;
export type SearchKind = (typeof searchKinds)[number];

/** `GET {base}/api/v1/search?q=`: contacts found by name, organisation, number, e-mail or postcode, best first. */
export interface SearchResponse {
  query: { input: string; kind: SearchKind };
  contacts: ContactDto[];
}

/** The fields of a lookup answer, in the order they are sent. */
export const lookupResponseFields = [
  'status',
  'query',
  'contacts',
  'source',
  'ageSeconds',
  'newContactLink',
] as const satisfies readonly (keyof LookupResponse)[];

export interface CasesPage {
  cases: CaseDto[];
  moreCases: boolean;
}

export interface ErrorResponse {
  error: {
    code: ErrorCode;
    message: string;
    /** AFAS's profitLogReference, for the Profit environment log. */
    reference?: string;
  };
}
