/**
 * Section 11 of the large-tenant section: `GET /api/v1/search?q=` of each kind (name, number, e-mail, postcode)
 * against the live-search instance and the 250,000-contact emulator with its cost model, and what each search asks
 * of AFAS: requests, LIKE queries, rows the emulated database read and the emulated query time, per search.
 */
import { defaultContactCount } from '../emulator/src/data/generate.js';
import { orgKinds, orgWords } from '../emulator/src/data/names.js';
import type { RunningEmulator } from '../emulator/src/index.js';
import type { Row } from '../emulator/src/schema.js';
import { searchResponse, type SearchKind } from '../proxy/src/contract.js';
import { readSearchText } from '../proxy/src/services/text-search.js';
import { get } from './client.js';
import { errorText, goal, ms, table, thousands } from './report.js';
import { countBy, coveredTime, percentile, round } from './stats.js';
import type { TimingProxy } from './timing-proxy.js';
import { CONTACTS_CONNECTOR, connectorOf } from './uncached.js';

/** Rounds over the same searches (a search is never cached). */
const ROUNDS = 2;
/** What a name search is given: the three the issue names, and a word no contact holds (the search that reads every row). */
const NAME_VARIANTS = ['surname word', 'full name', 'organisation word', 'name no contact has'] as const;
type Variant = (typeof NAME_VARIANTS)[number] | 'ContactId' | 'e-mail address' | 'postcode + house number';
/** Measured searches per round, per variant. */
const PER_VARIANT: Readonly<Record<Variant, number>> = {
  'surname word': 2,
  'full name': 2,
  'organisation word': 2,
  'name no contact has': 1,
  ContactId: 4,
  'e-mail address': 4,
  'postcode + house number': 4,
};
const KINDS = ['name', 'number', 'email', 'postcode'] as const satisfies readonly SearchKind[];
/** Words no generated name holds (checked against the data set); the first that none holds is used. */
const NOBODY = ['Kwakernaak', 'Zwanenburgh', 'Oudegeest'];

export interface SearchCase {
  kind: SearchKind;
  variant: Variant;
  q: string;
  /** The ContactId the search names, when it names one contact. */
  target?: string;
  /** Name searches: unblocked contacts whose FullName or Name holds the word sent to AFAS (case and accents folded). */
  holders?: number;
}

export interface SearchPlan {
  /** One unmeasured search per kind first: the first searches of a process run cold code. */
  warmup: SearchCase[];
  /** The measured searches of one round, the kinds interleaved. */
  measured: SearchCase[];
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const text = (row: Row, field: string): string => {
  const value = row[field];
  return typeof value === 'string' ? value : '';
};

/**
 * `n` values of `pick`, each from the first unblocked contact it accepts in one of `n` equal slots of the generated
 * part of the set (beyond the default 2,400); `shift` moves the start within a slot, so the kinds pick other contacts.
 */
function spread<T>(contacts: readonly Row[], n: number, shift: number, what: string, pick: (row: Row) => T | undefined): T[] {
  const out: T[] = [];
  const step = Math.floor((contacts.length - defaultContactCount) / n);
  for (let i = 0; i < n; i++) {
    const from = defaultContactCount + i * step;
    for (let k = 0; k < step; k++) {
      const row = contacts[from + ((shift + k) % step)];
      if (!row || row.Blocked === true) continue;
      const value = pick(row);
      if (value !== undefined) {
        out.push(value);
        break;
      }
    }
  }
  if (out.length < n) throw new Error(`search inputs: only ${out.length} of ${n} ${what} found in the data set`);
  return out;
}

const MAIL = /^[^\s@,;:]+@[^\s@,;:]+\.[a-z]+$/i;
const POSTCODE_LINE = /^(\d{4} [A-Z]{2}) \S/;
const STREET_AND_NUMBER = /^\D+ (\d{1,5})$/;

/**
 * The searches, from the emulator's own data set (same seed and size, so the same rows): the most common surnames,
 * full names and organisation words of generated contacts, a word no contact holds, and the ContactId, a clean
 * e-mail address and the Dutch postcode with house number of unblocked generated contacts.
 */
export function pickSearches(contacts: readonly Row[]): SearchPlan {
  const id = (row: Row): string => String(row.ContactId);
  // One more of each kind than measured, for its warm-up (for names: a full name).
  const want = (variant: Variant): number =>
    PER_VARIANT[variant] + (['surname word', 'organisation word', 'name no contact has'].includes(variant) ? 0 : 1);

  const surnameCount = new Map<string, number>();
  for (const row of contacts) {
    const surname = text(row, 'FullName').split(' ').at(-1);
    if (surname && row.Type !== 'ORG') surnameCount.set(surname, (surnameCount.get(surname) ?? 0) + 1);
  }
  const surnames = [...surnameCount.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, want('surname word'))
    .map(([word]) => word);

  const orgVocabulary = new Set<string>([...orgWords, ...orgKinds]);
  const seenOrgWords = new Set<string>();
  const orgWordsPicked = spread(contacts, want('organisation word'), 0, 'organisation words', (row) => {
    if (row.Type !== 'ORG') return undefined;
    const word = text(row, 'Name')
      .split(' ')
      .find((w) => orgVocabulary.has(w) && !seenOrgWords.has(w));
    if (word) seenOrgWords.add(word);
    return word;
  });

  const fullNames = spread(contacts, want('full name'), 101, 'full names', (row) =>
    row.Type !== 'ORG' && text(row, 'FullName') !== '' ? { q: text(row, 'FullName'), target: id(row) } : undefined,
  );
  const numbers = spread(contacts, want('ContactId'), 211, 'contacts', (row) => ({ q: id(row), target: id(row) }));
  const mails = spread(contacts, want('e-mail address'), 307, 'clean e-mail addresses', (row) => {
    const mail = [text(row, 'MailWork'), text(row, 'MailPrivate')].find((m) => MAIL.test(m));
    return mail ? { q: mail, target: id(row) } : undefined;
  });
  const postcodes = spread(contacts, want('postcode + house number'), 401, 'Dutch addresses', (row) => {
    const postcode = POSTCODE_LINE.exec(text(row, 'AddressLine3'))?.[1];
    const house = STREET_AND_NUMBER.exec(text(row, 'AddressLine1'))?.[1];
    return text(row, 'AddressLine4') === 'Nederland' && postcode && house ? { q: `${postcode} ${house}`, target: id(row) } : undefined;
  });

  // Unblocked contacts whose name fields hold every word a name search sends (folded, as the service compares).
  const nameFields = contacts
    .filter((row) => row.Blocked !== true)
    .map((row) => `${fold(text(row, 'FullName'))}\n${fold(text(row, 'Name'))}`);
  const holdersOf = (q: string): number => {
    const { words } = readSearchText(q);
    return nameFields.reduce((n, both) => (words.every((w) => both.includes(w)) ? n + 1 : n), 0);
  };
  const nobody = NOBODY.find((word) => holdersOf(word) === 0);
  if (nobody === undefined) throw new Error(`search inputs: every one of ${NOBODY.join(', ')} occurs in a name`);

  const name = (variant: Variant, q: string, target?: string): SearchCase => ({
    kind: 'name',
    variant,
    q,
    ...(target === undefined ? {} : { target }),
    holders: holdersOf(q),
  });
  const other =
    (kind: SearchKind, variant: Variant) =>
    (c: { q: string; target: string }): SearchCase => ({ kind, variant, ...c });
  const byKind: Record<(typeof KINDS)[number], SearchCase[]> = {
    name: [
      ...surnames.map((q) => name('surname word', q)),
      ...fullNames.map((c) => name('full name', c.q, c.target)),
      ...orgWordsPicked.map((q) => name('organisation word', q)),
      name('name no contact has', nobody),
    ],
    number: numbers.map(other('number', 'ContactId')),
    email: mails.map(other('email', 'e-mail address')),
    postcode: postcodes.map(other('postcode', 'postcode + house number')),
  };
  // The warm-up: the last of each kind's list (for names an extra full name), never measured.
  const warmup = KINDS.map((kind) => {
    const list = byKind[kind];
    const at = kind === 'name' ? list.findLastIndex((c) => c.variant === 'full name') : list.length - 1;
    return list.splice(at, 1)[0];
  });
  // Names one of each variant, then the next; and the kinds interleaved, so drift hits every kind alike.
  const names = interleave(NAME_VARIANTS.map((variant) => byKind.name.filter((c) => c.variant === variant)));
  return { warmup, measured: interleave([names, byKind.number, byKind.email, byKind.postcode]) };
}

/** The first of each list, then the second of each, and so on. */
function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const longest = Math.max(...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

// ------------------------------------------------------------------------------------------------- run

interface SearchSample {
  c: SearchCase;
  httpStatus: number;
  /** How the service read `q` (undefined when the answer was not a search answer). */
  kind?: SearchKind;
  results: number;
  /** Whether the contact the search names is among the results (undefined when it names none). */
  found?: boolean;
  wallMs: number;
  afasMs: number;
  ownMs: number;
  afasRequests: number;
  likes: number;
  rowsRead: number;
  contactsRowsRead: number;
  costMs: number;
  contactsCostMs: number;
  /** Requests in the emulator's log that did not pass this instance's timing proxy (another client). */
  otherRequests: number;
}

/**
 * One sequential search. AFAS requests and their time are those at the instance's timing proxy; LIKE queries, rows
 * read and emulated cost are the emulator's request log, emptied before it (nothing else asks the emulator meanwhile).
 */
async function searchOnce(serviceUrl: string, c: SearchCase, emulator: RunningEmulator, proxy: TimingProxy): Promise<SearchSample> {
  proxy.clear();
  emulator.resetRequests();
  const started = performance.now();
  const res = await get(`${serviceUrl}/api/v1/search?q=${encodeURIComponent(c.q)}`);
  const wallMs = res.endedAt - started;
  const records = [...proxy.records];
  const requests = [...emulator.requests];
  const afasMs = coveredTime(records);
  let body: ReturnType<typeof searchResponse.parse> | undefined;
  if (res.status === 200) {
    try {
      body = searchResponse.parse(JSON.parse(res.text));
    } catch {
      body = undefined;
    }
  }
  const ofContacts = requests.filter((r) => connectorOf(r.path).toLowerCase() === CONTACTS_CONNECTOR.toLowerCase());
  const sum = (of: typeof requests, pick: (r: (typeof requests)[number]) => number): number => of.reduce((t, r) => t + pick(r), 0);
  return {
    c,
    httpStatus: res.status,
    ...(body ? { kind: body.query.kind } : {}),
    results: body?.contacts.length ?? 0,
    ...(c.target === undefined ? {} : { found: body?.contacts.some((contact) => contact.id === c.target) ?? false }),
    wallMs,
    afasMs,
    ownMs: wallMs - afasMs,
    afasRequests: records.length,
    likes: emulator.likeQueries,
    rowsRead: sum(requests, (r) => r.rowsScanned),
    contactsRowsRead: sum(ofContacts, (r) => r.rowsScanned),
    costMs: sum(requests, (r) => r.costMs),
    contactsCostMs: sum(ofContacts, (r) => r.costMs),
    otherRequests: Math.max(0, requests.length - records.length),
  };
}

function summarise(of: readonly SearchSample[]) {
  const mean = (pick: (s: SearchSample) => number): number => of.reduce((t, s) => t + pick(s), 0) / of.length;
  const p = (pick: (s: SearchSample) => number, q: number): number => percentile(of.map(pick), q);
  const targeted = of.filter((s) => s.found !== undefined);
  return {
    searches: of.length,
    answers: countBy(of.map((s) => (s.httpStatus === 200 ? `${s.kind ?? 'unreadable'}` : `HTTP ${s.httpStatus}`))),
    naming: targeted.length,
    found: targeted.filter((s) => s.found).length,
    resultsPerSearch: mean((s) => s.results),
    wallP50: p((s) => s.wallMs, 50),
    wallP90: p((s) => s.wallMs, 90),
    afasRequestsPerSearch: mean((s) => s.afasRequests),
    likesPerSearch: mean((s) => s.likes),
    rowsReadPerSearch: mean((s) => s.rowsRead),
    contactsRowsReadPerSearch: mean((s) => s.contactsRowsRead),
    emulatedCostMsPerSearch: mean((s) => s.costMs),
    contactsCostMsPerSearch: mean((s) => s.contactsCostMs),
    afasP50: p((s) => s.afasMs, 50),
    ownP50: p((s) => s.ownMs, 50),
    ownP90: p((s) => s.ownMs, 90),
  };
}
type Summary = ReturnType<typeof summarise>;

const rounded = (s: Summary): Record<string, unknown> =>
  Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]));

const row = (label: string, s: Summary): string[] => [
  label,
  String(s.searches),
  s.naming === 0 ? '-' : `${s.found}/${s.naming}`,
  s.resultsPerSearch.toFixed(1),
  ms(s.wallP50),
  ms(s.wallP90),
  s.afasRequestsPerSearch.toFixed(2),
  s.likesPerSearch.toFixed(2),
  thousands(Math.round(s.rowsReadPerSearch)),
  thousands(Math.round(s.contactsRowsReadPerSearch)),
  ms(s.emulatedCostMsPerSearch),
  ms(s.ownP50),
  ms(s.ownP90),
];

export interface SearchSectionOptions {
  /** The live-search instance (search never uses the caller index). */
  serviceUrl: string;
  proxy: TimingProxy;
  emulator: RunningEmulator;
  plan: SearchPlan;
  contacts: number;
}

/** Runs and prints section 11; never throws (a failure is printed and becomes a FAIL goal). */
export async function searchSection(o: SearchSectionOptions): Promise<Record<string, unknown>> {
  try {
    return await measureSearches(o);
  } catch (error) {
    console.log(`  the search measurement failed: ${errorText(error)}`);
    goal('search on the large tenant ran', `failed (${errorText(error).split('\n')[0] ?? ''})`, false);
    return { failed: errorText(error) };
  }
}

async function measureSearches(o: SearchSectionOptions): Promise<Record<string, unknown>> {
  const { plan } = o;
  for (const c of plan.warmup) await searchOnce(o.serviceUrl, c, o.emulator, o.proxy);
  const samples: SearchSample[] = [];
  for (let r = 0; r < ROUNDS; r++) for (const c of plan.measured) samples.push(await searchOnce(o.serviceUrl, c, o.emulator, o.proxy));

  const byKind = KINDS.map((kind) => ({ kind, of: samples.filter((s) => s.c.kind === kind) }));
  const kinds = byKind.map(({ kind, of }) => ({ kind, summary: summarise(of) }));
  const variants = NAME_VARIANTS.map((variant) => ({ variant, summary: summarise(samples.filter((s) => s.c.variant === variant)) }));

  console.log(
    `\n11. Search on ${thousands(o.contacts)} contacts: GET /api/v1/search?q= to the live-search instance (search never uses the caller index), ${plan.measured.length} searches a round, sequential, ${ROUNDS} rounds, after ${plan.warmup.length} unmeasured (one per kind)`,
  );
  const quote = (c: SearchCase): string => `"${c.q}"${c.holders === undefined ? '' : ` (${thousands(c.holders)})`}`;
  const inputsOf = (variant: Variant): string =>
    plan.measured
      .filter((c) => c.variant === variant)
      .map(quote)
      .join(', ');
  console.log(
    `  name: surname words ${inputsOf('surname word')}; full names ${inputsOf('full name')}; organisation words ${inputsOf('organisation word')}; no contact ${inputsOf('name no contact has')}`,
  );
  console.log('  (in brackets: unblocked contacts whose FullName or Name holds every word of the input)');
  console.log(
    `  number: ${inputsOf('ContactId')}; email: ${inputsOf('e-mail address')}; postcode: ${inputsOf('postcode + house number')} (contacts of the generated set, spread over it)`,
  );
  console.log(
    '  per search: AFAS requests, LIKE queries, rows the emulated database read and emulated query cost (the contacts request and the cases request),',
  );
  console.log(
    "  results (contacts answered, at most 10); found = the contact the input names is among them; own time = wall − AFAS time at the instance's timing proxy",
  );
  table([
    [
      '',
      'searches',
      'found',
      'results',
      'wall p50',
      'wall p90',
      'AFAS req',
      'LIKE',
      'rows read',
      'of which contacts',
      'emulated ms',
      'own p50',
      'own p90',
    ],
    ...kinds.flatMap(({ kind, summary }) => [
      row(kind === 'name' ? 'name (all)' : kind, summary),
      ...(kind === 'name' ? variants.map(({ variant, summary: s }) => row(`  ${variant}`, s)) : []),
    ]),
  ]);
  console.log(
    "  name: contains (operator 6, LIKE '%word%') on FullName and Name, every word of the input in the same field, in ContactId order, 50 rows:",
  );
  console.log('  no index serves a leading %, so AFAS reads until 50 rows match (a few thousand for a common word, all of them for a rare');
  console.log('  one, at the LIKE rate). number (ContactId, OrgNumber, PerNumber) and email (MailWork, MailPrivate): equality, no LIKE;');
  console.log('  only ContactId is indexed, so the OR still reads every row, at the plain scan rate. postcode: starts-with (operator 10,');
  console.log("  LIKE '1234 AB%', with and without the space) on AddressLine3, every row at the LIKE rate. Contains stays on the name");
  console.log('  fields because only a name is searched by a word that may sit anywhere in it: a number or an address is matched whole');
  console.log(
    '  and a postcode by its start. The rest of the rows read is the cases request (equality on BcCd: a plain scan of the cases).',
  );
  const fullNames = samples.filter((s) => s.c.variant === 'full name');
  const missed = fullNames.filter((s) => s.found === false).length;
  if (missed > 0) {
    console.log(
      `  full name: ${missed} of ${fullNames.length} searches did not list the contact they name among the 10 answered: the generated data`,
    );
    console.log('  repeats names, so more contacts share that whole name (in brackets above) than a search returns.');
  }

  const mismatched = samples.filter((s) => s.httpStatus === 200 && s.kind !== s.c.kind);
  const failed = samples.filter((s) => s.httpStatus !== 200);
  const other = samples.reduce((t, s) => t + s.otherRequests, 0);
  if (failed.length > 0)
    console.log(
      `  not answered: ${Object.entries(countBy(failed.map((s) => `${s.c.kind} HTTP ${s.httpStatus}`)))
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')}`,
    );
  if (mismatched.length > 0)
    console.log(`  read as another kind than meant: ${mismatched.map((s) => `"${s.c.q}" as ${s.kind ?? '?'}`).join(', ')}`);
  if (other > 0)
    console.log(`  note: ${other} emulator request(s) did not come through the instance's timing proxy; their rows and cost are counted`);

  const exact = samples.filter((s) => s.c.kind === 'number' || s.c.kind === 'email');
  const exactLikes = exact.reduce((t, s) => t + s.likes, 0);
  const exactAnswered = exact.every((s) => s.httpStatus === 200 && s.kind === s.c.kind);
  const perSearch = (kind: SearchKind): string => kinds.find((k) => k.kind === kind)?.summary.likesPerSearch.toFixed(2) ?? '-';
  goal(
    'number and e-mail searches use no LIKE',
    `${exactLikes} LIKE in ${exact.length} number and e-mail searches (per search: name ${perSearch('name')}, postcode ${perSearch('postcode')})${exactAnswered ? '' : '; not every one was answered as its kind'}`,
    exact.length > 0 && exactLikes === 0 && exactAnswered,
  );

  return {
    instance: 'live',
    contacts: o.contacts,
    rounds: ROUNDS,
    warmup: plan.warmup.length,
    inputs: Object.fromEntries(KINDS.map((kind) => [kind, plan.measured.filter((c) => c.kind === kind).map(({ kind: _kind, ...c }) => c)])),
    kinds: Object.fromEntries(
      kinds.map(({ kind, summary }) => [
        kind,
        {
          ...rounded(summary),
          ...(kind === 'name' ? { variants: Object.fromEntries(variants.map(({ variant, summary: s }) => [variant, rounded(s)])) } : {}),
        },
      ]),
    ),
    fullNameMissed: missed,
    readAsOtherKind: mismatched.length,
    otherEmulatorRequests: other,
    numberAndEmailLikes: exactLikes,
  };
}
