/**
 * Lookup answers as the service sends them. Typed against the contract, so a contract change breaks the build
 * of the tests before it breaks the panel.
 */
import type { CaseDto, CasesPage, ContactDto, ErrorResponse, LookupResponse, SearchResponse } from '../../../contract/lookup-api.js';

export const serviceUrl = 'https://svc.test/CrmServiceAfasProfit';
export const insite = 'https://12345.afasinsite.nl';

export const caseOf = (n: number, status: CaseDto['status'] = 'Closed', date: string | null = '2026-03-01T09:30:00+01:00'): CaseDto => ({
  id: `D${1000 + n}`,
  subject: `Case number ${n}`,
  status,
  statusLabel: status === 'Closed' ? 'Afgehandeld' : status === 'New' ? 'Nieuw' : 'In behandeling',
  date,
  link: `${insite}/dossier?DosId=D${1000 + n}`,
  fields: [],
});

export const janDeVries: ContactDto = {
  id: 'P-1001',
  name: 'Jan de Vries',
  organisation: 'Bakkerij De Vries B.V.',
  match: { field: 'MobileWork', label: 'Mobiel werk', value: '06-123 456 78', exact: true },
  fields: [
    { label: 'Mobiel werk', value: '06-123 456 78', href: 'tel:+31612345678' },
    { label: 'Telefoon werk', value: '020 123 4567', href: 'tel:+31201234567' },
    { label: 'E-mail', value: 'jan@bakkerijdevries.nl', href: 'mailto:jan@bakkerijdevries.nl' },
    { label: 'Website', value: 'bakkerijdevries.nl', href: 'https://www.bakkerijdevries.nl/' },
    { label: 'Klantnummer', value: '10045' },
  ],
  link: `${insite}/verkooprelatie-prs?BcId=1001`,
  // In the service's order: New and Open before Closed, newest first.
  cases: [
    { ...caseOf(2, 'New', '2026-11-23T23:30:00Z'), subject: 'Nieuwe offerte' },
    { ...caseOf(1, 'Open', '2026-11-20T16:45:00+01:00'), subject: 'Levering te laat', fields: [{ label: 'Behandelaar', value: 'Sanne' }] },
    caseOf(3, 'Closed', '2026-06-30T22:30:00Z'),
  ],
  moreCases: true,
  // Signed and opaque, as the service makes it: base64url-ish with the characters a query string must encode.
  casesRef: 'v1.eyJjIjoiUC0xMDAxIn0+/=.sig&x=1',
};

export const matched: LookupResponse = {
  status: 'matched',
  query: { type: 'phone', input: '0612345678', normalized: '+31612345678' },
  contacts: [janDeVries],
  source: 'afas',
  ageSeconds: 0,
};

export const candidate = (id: string, name: string, organisation: string | undefined, label: string, exact: boolean): ContactDto => ({
  id,
  name,
  ...(organisation ? { organisation } : {}),
  match: { field: 'TelWork', label, value: '020-555 12 34', exact },
  fields: [{ label, value: '020-555 12 34', href: 'tel:+31205551234' }],
  link: `${insite}/verkooprelatie-prs?BcId=${id}`,
  cases: [],
  moreCases: false,
  casesRef: `ref-${id}`,
});

export const ambiguous: LookupResponse = {
  status: 'ambiguous',
  query: { type: 'phone', input: '+31 20 555 1234', normalized: '+31205551234' },
  contacts: [
    candidate('P-2001', 'Petra Jansen', 'Jansen Installatietechniek', 'Telefoon werk', true),
    candidate('P-2002', 'Kees Jansen', 'Jansen Installatietechniek', 'Telefoon werk', true),
    candidate('O-2003', 'Jansen Installatietechniek', undefined, 'Telefoon organisatie', false),
  ],
  source: 'afas',
  ageSeconds: 0,
};

export const none: LookupResponse = {
  status: 'none',
  query: { type: 'phone', input: '+31201234567', normalized: '+31201234567' },
  contacts: [],
  source: 'afas',
  ageSeconds: 0,
};

export const noneEmail: LookupResponse = {
  status: 'none',
  query: { type: 'email', input: 'nobody@example.com', normalized: 'nobody@example.com' },
  contacts: [],
  source: 'afas',
  ageSeconds: 0,
};

export const anonymous: LookupResponse = {
  status: 'anonymous',
  query: { type: 'phone', input: 'anonymous', normalized: '' },
  contacts: [],
  source: 'afas',
  ageSeconds: 0,
};

export const cached: LookupResponse = { ...matched, source: 'cache', ageSeconds: 40 };

/** The caller was found, but AFAS did not answer the cases request in time: the contact comes without cases. */
export const casesFailed: LookupResponse = {
  ...matched,
  contacts: [
    {
      ...janDeVries,
      cases: [],
      moreCases: false,
      casesError: { code: 'upstream_timeout', message: 'service says the cases took too long' },
    },
  ],
};

/** A first page of cases, as Retry gets it. */
export const casesPage1: CasesPage = { cases: janDeVries.cases, moreCases: true };

export const casesPage2: CasesPage = {
  cases: [caseOf(4), caseOf(5), { ...caseOf(3) }],
  moreCases: true,
};

export const casesPage3: CasesPage = { cases: [caseOf(6)], moreCases: false };

export const errorBody = (code: ErrorResponse['error']['code'], reference?: string): ErrorResponse => ({
  error: { code, message: `service says ${code}`, ...(reference ? { reference } : {}) },
});

/** Every payload increments window.__xss when it runs. */
export const xssPayloads = {
  img: '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  svg: '"><svg onload="window.__xss=(window.__xss||0)+1">',
  script: '<script>window.__xss=(window.__xss||0)+1</script>',
};

export const hostileHrefs = [
  'javascript:window.__xss=(window.__xss||0)+1',
  'JaVaScRiPt:window.__xss=(window.__xss||0)+1',
  ' javascript:window.__xss=(window.__xss||0)+1',
  '\x01javascript:window.__xss=(window.__xss||0)+1',
  'java\tscript:window.__xss=(window.__xss||0)+1',
  'data:text/html,<script>window.__xss=(window.__xss||0)+1</script>',
  'vbscript:msgbox(1)',
  'http://insecure.example/x',
  '//evil.example/x',
  '/relative/path',
  'https://',
];

export const hostile: LookupResponse = {
  status: 'matched',
  query: { type: 'phone', input: '0612345678', normalized: '+31612345678' },
  contacts: [
    {
      id: 'P-666',
      name: xssPayloads.img,
      organisation: xssPayloads.svg,
      match: { field: 'Mobile', label: xssPayloads.script, value: xssPayloads.img, exact: true },
      fields: [
        ...hostileHrefs.map((href, i) => ({ label: `bad ${i}`, value: `value ${i}`, href })),
        { label: xssPayloads.img, value: xssPayloads.svg },
        { label: 'good https', value: 'insite', href: `${insite}/x?a=1` },
        { label: 'good tel', value: '+31 6 1234 5678', href: 'tel:+31612345678' },
        { label: 'good mailto', value: 'a@b.nl', href: 'mailto:a@b.nl' },
      ],
      link: 'javascript:window.__xss=(window.__xss||0)+1',
      cases: [
        {
          ...caseOf(1, 'Open'),
          subject: xssPayloads.img,
          link: 'JaVaScRiPt:window.__xss=(window.__xss||0)+1',
          statusLabel: xssPayloads.svg,
        },
        {
          ...caseOf(2, 'Open'),
          subject: xssPayloads.script,
          link: 'data:text/html,<b>x</b>',
          fields: [{ label: xssPayloads.img, value: 'v', href: '//evil.example' }],
        },
      ],
      moreCases: false,
      casesRef: 'ref-P-666',
    },
  ],
  source: 'afas',
  ageSeconds: 0,
};

/** 1 Dec 2026 in Amsterdam: when the team remembered a pick in the fixtures below. */
export const rememberedAt = '2026-12-01T10:00:00+01:00';

/** A number several contacts share, whose pick the team remembered: the service sends that contact first, with `match.remembered`. */
const kees = candidate('P-2002', 'Kees Jansen', 'Jansen Installatietechniek', 'Telefoon werk', true);
export const rememberedAmbiguous: LookupResponse = {
  ...ambiguous,
  contacts: [{ ...kees, match: { ...kees.match, remembered: rememberedAt } }, ...ambiguous.contacts.filter((c) => c.id !== kees.id)],
};

/** One contact for the number, and the team remembered it (the agent chose it before). */
export const rememberedMatched: LookupResponse = {
  ...matched,
  contacts: [{ ...janDeVries, match: { ...janDeVries.match, remembered: rememberedAt } }],
};

/** A slow AFAS: the contact comes first, its cases follow through `GET cases?ref=` (a `progressive=true` lookup). */
export const pendingCases: LookupResponse = {
  ...matched,
  contacts: [{ ...janDeVries, cases: [], moreCases: false, casesPending: true }],
};

export const newContactLink = `${insite}/verkooprelatie-nieuw?tel=%2B31201234567`;
export const noneWithNewContact: LookupResponse = { ...none, newContactLink };
export const anonymousWithNewContact: LookupResponse = { ...anonymous, newContactLink };

/** A contact found by the search (its own cases, its own ref). */
const found = (id: string, name: string, organisation: string | undefined, matchedOn: string, value: string): ContactDto => ({
  ...candidate(id, name, organisation, matchedOn, false),
  match: { field: matchedOn === 'Naam' ? 'Name' : 'Organisation', label: matchedOn, value, exact: false },
  cases: [{ ...caseOf(40, 'Open', '2026-11-02T10:00:00+01:00'), subject: `Onderhoud ${name}` }],
  moreCases: false,
});

/** `GET search?q=Jansen`. */
export const searchJansen: SearchResponse = {
  query: { input: 'Jansen', kind: 'name' },
  contacts: [
    found('P-3001', 'Anna Jansen', 'Jansen & Zn.', 'Naam', 'Anna Jansen'),
    found('P-3002', 'Bert Jansen', undefined, 'Naam', 'Bert Jansen'),
    found('O-3003', 'Jansen & Zn.', undefined, 'Organisatie', 'Jansen & Zn.'),
  ],
};

export const searchNothing: SearchResponse = { query: { input: 'Zzyzx', kind: 'name' }, contacts: [] };

/** Labels in several languages (the attribute's DisplayName variants): `labels[lang] ?? label`. */
export const multilingual: LookupResponse = {
  ...matched,
  contacts: [
    {
      ...janDeVries,
      match: { ...janDeVries.match, labels: { en: 'Work mobile', fr: 'Mobile travail' } },
      fields: [
        { label: 'Mobiel werk', labels: { en: 'Work mobile', fr: 'Mobile travail' }, value: '06-123 456 78', href: 'tel:+31612345678' },
        { label: 'Klantnummer', labels: { nl: 'Debiteurnummer', fr: 'Numéro de client' }, value: '10045' },
      ],
      cases: [{ ...caseOf(1, 'Open'), fields: [{ label: 'Behandelaar', labels: { en: 'Handled by', fr: 'Traité par' }, value: 'Sanne' }] }],
      moreCases: false,
    },
  ],
};
