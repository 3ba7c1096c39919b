/**
 * Every user-visible string of the caller panel, in Dutch and English. Nothing else in the widget holds UI text.
 * The type of `en` is the shape of a dictionary, so a missing Dutch key fails the type check.
 */
import type { CaseStatus, ErrorCode } from '../../../contract/lookup-api.js';

export type Lang = 'nl' | 'en';

/** Failures the panel detects itself, next to the service's error codes. */
export type LocalErrorCode = 'network_error' | 'bad_response' | 'timeout';
export type PanelErrorCode = ErrorCode | LocalErrorCode;

const age = (seconds: number, unitS: string, unitMin: string, unitH: string): string =>
  seconds < 60
    ? `${seconds} ${unitS}`
    : seconds < 3600
      ? `${Math.floor(seconds / 60)} ${unitMin}`
      : `${Math.floor(seconds / 3600)} ${unitH}`;

const en = {
  /** Locale for Intl date formatting. */
  locale: 'en-GB',
  title: { idle: 'Caller', inbound: 'Caller', outbound: 'Called contact', email: 'E-mail contact' },
  refresh: 'Refresh',
  cachedAge: (seconds: number): string => `As of ${age(seconds, 's', 'min', 'h')} ago`,
  idleHeading: 'No active conversation',
  idleText: 'Caller details from AFAS appear here when a call or e-mail comes in.',
  loading: (query: string): string => `Looking up ${query} in AFAS…`,
  loadingLabel: 'Looking up the caller in AFAS',
  noneText: 'Not found in AFAS',
  noneHint: 'No person or organisation in AFAS has this number or address. Search InSite by name if the caller gives one.',
  anonymousHeading: 'Number withheld',
  anonymousText: 'The caller has hidden their number, so AFAS cannot be searched. Ask for a name or customer number.',
  errorHeading: 'Lookup failed',
  errors: {
    invalid_request: 'This number or address cannot be looked up.',
    unauthorized: 'The panel is not allowed to use the lookup service. Check the API key.',
    forbidden: "The lookup service refuses this panel's key. Ask your administrator.",
    not_found: 'The lookup service could not find this item.',
    rate_limited: 'Too many lookups at once. Try again in a moment.',
    upstream_auth: 'AFAS refused the connection. Ask your administrator to check the AFAS token.',
    upstream_error: 'AFAS answered with an error.',
    not_configured: 'The lookup service is not connected to AFAS yet. Ask your administrator.',
    upstream_unavailable: 'AFAS cannot be reached right now.',
    store_unavailable: 'The lookup service cannot reach its shared store right now. Try again in a moment.',
    upstream_timeout: 'AFAS took too long to answer.',
    internal_error: 'Something went wrong in the lookup service.',
    network_error: 'The lookup service cannot be reached. Check the connection.',
    bad_response: 'The lookup service sent an answer the panel does not understand.',
    timeout: 'The lookup service took too long to answer.',
  } satisfies Record<PanelErrorCode, string>,
  retryAfter: (seconds: number): string => `Try again in ${seconds} s.`,
  reference: 'AFAS reference',
  retry: 'Try again',
  ambiguousHeading: (n: number): string => `${n} contacts share this number`,
  ambiguousHeadingEmail: (n: number): string => `${n} contacts share this address`,
  ambiguousHint: 'Choose the caller (best match first):',
  pickerLabel: 'Possible contacts',
  backToList: (n: number): string => `All ${n} matches`,
  matchedOn: 'Found by',
  openInInsite: 'Open in InSite',
  newTab: '(opens in a new tab)',
  contactFields: 'Contact details',
  copy: (label: string): string => `Copy ${label}`,
  copied: (value: string): string => `Copied ${value}`,
  copyFailed: 'Copying is not allowed here',
  cases: 'Cases',
  noCases: 'No cases for this contact.',
  moreCases: 'Show more cases',
  loadingCases: 'Loading cases…',
  casesFailed: 'More cases could not be loaded.',
  /** The contact was found, but its cases were not (the lookup's cases request, or its Retry, failed). */
  casesUnavailable: 'Cases could not be loaded.',
  /** The service no longer accepts the contact's cases reference (hours old): only a new lookup gets a fresh one. */
  casesExpired: 'This case list has expired. Refresh to load it again.',
  noDate: 'no date',
  status: { New: 'New', Open: 'Open', Closed: 'Closed' } satisfies Record<CaseStatus, string>,
  statusPrefix: 'Status',
  announce: {
    matched: (name: string, organisation?: string): string => `Caller: ${name}${organisation ? `, ${organisation}` : ''}`,
    ambiguous: (n: number): string => `${n} possible contacts found`,
    none: 'Caller not found in AFAS',
    anonymous: 'Number withheld',
  },
};

export type Strings = typeof en;

const nl: Strings = {
  locale: 'nl-NL',
  title: { idle: 'Beller', inbound: 'Beller', outbound: 'Gebelde relatie', email: 'E-mailcontact' },
  refresh: 'Vernieuwen',
  cachedAge: (seconds) => `Stand van ${age(seconds, 's', 'min', 'uur')} geleden`,
  idleHeading: 'Geen actief gesprek',
  idleText: 'Gegevens uit AFAS verschijnen hier zodra er een gesprek of e-mail binnenkomt.',
  loading: (query) => `${query} opzoeken in AFAS…`,
  loadingLabel: 'Beller opzoeken in AFAS',
  noneText: 'Niet gevonden in AFAS',
  noneHint: 'Geen persoon of organisatie in AFAS heeft dit nummer of adres. Zoek in InSite op naam als de beller die noemt.',
  anonymousHeading: 'Nummer afgeschermd',
  anonymousText: 'De beller heeft het nummer afgeschermd, dus AFAS kan niet doorzocht worden. Vraag naar een naam of klantnummer.',
  errorHeading: 'Opzoeken mislukt',
  errors: {
    invalid_request: 'Dit nummer of adres kan niet worden opgezocht.',
    unauthorized: 'Het paneel mag de opzoekdienst niet gebruiken. Controleer de API-sleutel.',
    forbidden: 'De opzoekdienst weigert de sleutel van dit paneel. Vraag de beheerder.',
    not_found: 'De opzoekdienst kon dit niet vinden.',
    rate_limited: 'Te veel zoekopdrachten tegelijk. Probeer het zo opnieuw.',
    upstream_auth: 'AFAS weigerde de verbinding. Vraag de beheerder het AFAS-token te controleren.',
    upstream_error: 'AFAS gaf een foutmelding.',
    not_configured: 'De opzoekdienst is nog niet met AFAS verbonden. Vraag de beheerder.',
    upstream_unavailable: 'AFAS is nu niet bereikbaar.',
    store_unavailable: 'De opzoekdienst kan zijn gedeelde opslag nu niet bereiken. Probeer het zo opnieuw.',
    upstream_timeout: 'AFAS deed er te lang over om te antwoorden.',
    internal_error: 'Er ging iets mis in de opzoekdienst.',
    network_error: 'De opzoekdienst is niet bereikbaar. Controleer de verbinding.',
    bad_response: 'De opzoekdienst gaf een antwoord dat het paneel niet begrijpt.',
    timeout: 'De opzoekdienst deed er te lang over om te antwoorden.',
  },
  retryAfter: (seconds) => `Probeer het over ${seconds} s opnieuw.`,
  reference: 'AFAS-referentie',
  retry: 'Opnieuw proberen',
  ambiguousHeading: (n) => `${n} relaties hebben dit nummer`,
  ambiguousHeadingEmail: (n) => `${n} relaties hebben dit adres`,
  ambiguousHint: 'Kies de beller (beste match eerst):',
  pickerLabel: 'Mogelijke relaties',
  backToList: (n) => `Alle ${n} resultaten`,
  matchedOn: 'Gevonden op',
  openInInsite: 'Openen in InSite',
  newTab: '(opent in een nieuw tabblad)',
  contactFields: 'Contactgegevens',
  copy: (label) => `${label} kopiëren`,
  copied: (value) => `${value} gekopieerd`,
  copyFailed: 'Kopiëren is hier niet toegestaan',
  cases: 'Dossiers',
  noCases: 'Geen dossiers voor deze relatie.',
  moreCases: 'Meer dossiers tonen',
  loadingCases: 'Dossiers laden…',
  casesFailed: 'Meer dossiers konden niet worden geladen.',
  casesUnavailable: 'Dossiers konden niet worden geladen.',
  casesExpired: 'Deze dossierlijst is verlopen. Vernieuw om hem opnieuw te laden.',
  noDate: 'geen datum',
  status: { New: 'Nieuw', Open: 'Open', Closed: 'Gesloten' },
  statusPrefix: 'Status',
  announce: {
    matched: (name, organisation) => `Beller: ${name}${organisation ? `, ${organisation}` : ''}`,
    ambiguous: (n) => `${n} mogelijke relaties gevonden`,
    none: 'Beller niet gevonden in AFAS',
    anonymous: 'Nummer afgeschermd',
  },
};

const dictionaries: Record<Lang, Strings> = { nl, en };

export const stringsFor = (lang: Lang): Strings => dictionaries[lang];
