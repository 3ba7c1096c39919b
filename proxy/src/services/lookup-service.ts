import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { AfasClient } from '../afas/client.js';
import type { AnswerSource, CasesPage, ContactDto, LookupQueryEcho, LookupResponse, SearchResponse } from '../contract.js';
import { shortened, type Deadline } from '../deadline.js';
import { AppError } from '../errors.js';
import { echoedInput, inputKey, readCallerInput, type LookupInput } from '../input/caller-input.js';
import { maskEmail, maskPhone } from '../logger.js';
import { raceSignal } from '../race-signal.js';
import { createValueHasher } from '../secrets/value-hash.js';
import { attributesFor } from '../settings/attributes.js';
import type { CallerIndex } from '../index/caller-index.js';
import type { EffectiveSettings, PluginAttribute } from '../settings/types.js';
import type { SharedAnswers } from '../store/shared-store.js';
import {
  createAnswerCache,
  createCaseListCache,
  type FleetCache,
  type Answer,
  type AnswerCache,
  type CacheObserver,
  type CaseListCache,
  type Clock,
  type Fresh,
  type Reuse,
} from './answer-cache.js';
import { fetchCases } from './case-search.js';
import { createCasesInFlight, type CaseOwner, type CasesInFlight, type CasesRead } from './cases-in-flight.js';
import { casesRefEnvironment, createCasesRefs } from './cases-ref.js';
import { loadContactCases } from './contact-cases.js';
import { readSearchText, searchByText } from './text-search.js';
import {
  fetchContactsById,
  planSearch,
  searchContacts,
  verifyFetched,
  type ContactSearch,
  type MatchedRow,
  type SearchPlan,
} from './contact-search.js';
import { toContactDto, type LookupCases } from './contact-view.js';
import { casesErrorOf, upstreamFailure } from './failures.js';
import { contactKeys, isBlocked } from './contact-fields.js';
import type { Picks, RememberedPick } from './picks.js';
import { cellText, fillHyperlink, internalValues, type ViewContext } from './record-view.js';

export type { LookupInput } from '../input/caller-input.js';

/** Asked right before an answer needs AFAS (not for cached answers); rejects when the client is over its allowance. */
export type Admit = () => Promise<GiveBack>;
/** Returns an admitted lookup to the rate limit: it turned out to need no AFAS call. */
export type GiveBack = () => void;

/** A page of cases with what the audit trail records of it: whose cases they are and where they came from. */
export interface CasesAnswer extends CasesPage {
  contactId: string;
  source: AnswerSource;
}

export interface LookupOptions {
  /**
   * Once the contacts are known, wait for their cases at most CASES_WAIT_MS more, then answer with the contacts and
   * `casesPending` (their case pages join the read still running). Without it the answer always holds the cases.
   */
  progressive?: boolean;
}

export interface LookupService {
  lookup(input: LookupInput, deadline: Deadline, admit?: Admit, options?: LookupOptions): Promise<LookupResponse>;
  /** A page of the cases of the contact a casesRef names; `not_found` for a ref that is not valid here. */
  cases(casesRef: string, skip: number, take: number, deadline: Deadline, admit?: Admit): Promise<CasesAnswer>;
  /**
   * What a lookup of `input` searches for, as its answer would echo it (`normalized` empty for a withheld number),
   * without searching; undefined when the input cannot be read here (not configured, not a number or address).
   * For the audit trail of lookups that failed.
   */
  queryOf(input: LookupInput): LookupQueryEcho | undefined;
  /** Remembers the contact agents chose for a number or address (`PUT picks`), for PickDays; 400 for a withheld number. */
  remember(input: LookupInput, contactId: string): Promise<void>;
  /** Forgets it (`DELETE picks`). */
  forgetPick(input: LookupInput): Promise<void>;
  /** Contacts found by name, organisation, number, e-mail or postcode (`GET search?q=`): at most 10, best first. */
  search(text: string, deadline: Deadline, admit?: Admit): Promise<SearchResponse>;
  /** The contact a casesRef names here; undefined for one that is not valid. For the audit trail of case pages that failed. */
  contactOf(casesRef: string): string | undefined;
}

export interface LookupDeps {
  settings: () => EffectiveSettings | undefined;
  afas: () => AfasClient | undefined;
  logger: Logger;
  /** Signs casesRefs: the same on every instance and across restarts, or refs already shown stop working. 32+ bytes. */
  casesRefSecret: Buffer;
  /** Epoch ms for casesRef expiry and for the ages and lifetimes of kept answers; default Date.now. Tests move it. */
  now?: Clock;
  /** The caller index of the current settings, when there is one (index/caller-index.ts). */
  index?: () => CallerIndex | undefined;
  /** Told how reads of the answer cache and of the case lists went (metrics). */
  cacheObservers?: { answers?: CacheObserver; cases?: CacheObserver };
  /** Contacts agents remembered for numbers and addresses (services/picks.ts). */
  picks?: Picks;
  /** The fleet's answers (Redis): an answer one instance fetched serves the others. */
  sharedAnswers?: SharedAnswers;
}

/** Rows read for the cases of all matched contacts in one lookup. */
const LOOKUP_CASE_TAKE = 100;
/** Kept back from the AFAS steps of a lookup, so the service still answers (with the contacts) before the route gives up. */
const ANSWER_MARGIN_MS = 250;
/** Read inputs remembered per settings version. */
const MAX_INPUTS = 5000;

/** Picks are remembered per normalised value and kind, so an address and a number never share one. */
const pickKey = (type: string, normalized: string): string => `${type}:${normalized}`;

const UNKNOWN_CASES_REF = 'Unknown or expired cases reference: look the caller up again';

/** Races the work against the deadline, and never starts it once the deadline has passed (nobody would watch it fail). */
function within<T>(deadline: Deadline, work: () => Promise<T>): Promise<T> {
  deadline.signal.throwIfAborted();
  return raceSignal(work(), deadline.signal);
}

function configured(deps: LookupDeps): { eff: EffectiveSettings; afas: AfasClient } {
  const eff = deps.settings();
  const afas = deps.afas();
  if (!eff || !afas)
    throw new AppError(
      'not_configured',
      'The service has no AFAS settings yet: a UCC must publish Token, ConnectorRestServiceBaseUrl and Insite',
    );
  return { eff, afas };
}

/** `newContactLink` for an answer: the InsiteNewContactUrl template with the caller's number or address, if set. */
function newContactLinkOf(eff: EffectiveSettings, type: 'phone' | 'email', normalized: string): { newContactLink?: string } {
  const template = eff.settings.insiteNewContactUrl;
  if (template === undefined) return {};
  const caller = type === 'phone' ? { Phone: normalized, Email: '' } : { Phone: '', Email: normalized };
  const link = fillHyperlink(template, caller, { insite: eff.settings.insite, defaultRegion: eff.settings.defaultPhoneNumberRegion }, true);
  return link === undefined ? {} : { newContactLink: link };
}

/**
 * An input as read for one settings version: withheld, or the search it leads to, the notation the answer echoes and
 * the key its pick is remembered under. Either way with the answer's `newContactLink` (`{}` without one).
 */
type ReadInput =
  | { kind: 'anonymous'; input: string; link: { newContactLink?: string } }
  | { kind: 'search'; plan: SearchPlan; normalized: string; pickKey: string; link: { newContactLink?: string } };

function readInput(input: LookupInput, eff: EffectiveSettings): ReadInput {
  const read = readCallerInput(input, eff.settings.defaultPhoneNumberRegion);
  if (read.type === 'anonymous') return { kind: 'anonymous', input: read.input, link: newContactLinkOf(eff, 'phone', '') };
  const plan = planSearch(read, eff.settings);
  return {
    kind: 'search',
    plan,
    normalized: read.normalized,
    pickKey: pickKey(plan.type, read.normalized),
    link: newContactLinkOf(eff, plan.type, read.normalized),
  };
}

/** Each matched contact with the keys its cases are read by. */
function caseOwners(contactAttrs: readonly PluginAttribute[], matches: readonly MatchedRow[]): CaseOwner[] {
  return matches.map((m) => ({
    id: internalValues(contactAttrs, 'Id', m.row)[0] ?? '',
    caseKeys: internalValues(contactAttrs, 'CaseKey', m.row),
  }));
}

function reuseOf(search: ContactSearch, found: LookupCases): Reuse {
  if (!search.complete && search.matches.length === 0) return 'never';
  return !search.complete || 'error' in found ? 'briefly' : 'full';
}

interface Job {
  eff: EffectiveSettings;
  afas: AfasClient;
  plan: SearchPlan;
  environment: string;
  deadline: Deadline;
  inFlight: CasesInFlight;
}

/** Everything kept for one settings version; a new version makes every earlier answer suspect. */
interface VersionState {
  version: number;
  /** What casesRefs are bound to. */
  environment: string;
  /** Callers ring again and again, and libphonenumber showed in profiles: each input is read once. */
  inputs: LRUCache<string, ReadInput>;
  answers: AnswerCache;
  caseLists: CaseListCache;
  inFlight: CasesInFlight;
}

/**
 * Answers "who is calling and what are their cases" from the effective settings: reads the input, searches the
 * contacts, reads their cases and maps both for the API, with the answers kept and shared (services/answer-cache.ts).
 */
export function createLookupService(deps: LookupDeps): LookupService {
  const now = deps.now ?? Date.now;
  const refs = createCasesRefs({ secret: deps.casesRefSecret, now });
  let state: VersionState | undefined;
  // Keys in the shared store name neither the number nor the address searched.
  const hashed = createValueHasher(deps.casesRefSecret);
  const fleetCache = (revision: string): FleetCache | undefined =>
    deps.sharedAnswers && { answers: deps.sharedAnswers, keyOf: (key) => `${revision}:${hashed(key)}` };

  function stateFor(eff: EffectiveSettings): VersionState {
    if (state?.version === eff.version) return state;
    const { cacheSeconds } = eff.settings;
    const caseLists = createCaseListCache(cacheSeconds, now, deps.cacheObservers?.cases);
    state = {
      version: eff.version,
      environment: casesRefEnvironment(eff.settings.afas.restRoot, eff.settings.contactConnector),
      inputs: new LRUCache<string, ReadInput>({ max: MAX_INPUTS }),
      answers: createAnswerCache(cacheSeconds, deps.logger, now, deps.cacheObservers?.answers, fleetCache(eff.revision)),
      caseLists,
      inFlight: createCasesInFlight((contactId, cases) => caseLists.keep(contactId, cases)),
    };
    return state;
  }

  function readOnce(st: VersionState, eff: EffectiveSettings, input: LookupInput): ReadInput {
    const key = inputKey(input);
    let read = st.inputs.get(key);
    if (!read) {
      read = readInput(input, eff);
      st.inputs.set(key, read);
    }
    return read;
  }

  /** An answer that needs AFAS (or joins a lookup in flight): the rate limit is asked first. */
  function fromAfas(job: Job, answers: AnswerCache, admit: Admit | undefined): Promise<Answer> {
    return answers.get(job.plan.key, () => resolve(job), job.deadline.signal, admit);
  }

  /**
   * The answer from AFAS, or, when the cases are CASES_WAIT_MS late once the contacts are known, the contacts with
   * `casesPending`. Either way the lookup goes on to its complete answer, which is what the answer cache keeps.
   */
  async function progressively(job: Job, answers: AnswerCache, admit: Admit | undefined): Promise<Answer> {
    const done = new AbortController();
    const early = job.inFlight
      .pendingAnswer(job.plan.key, AbortSignal.any([job.deadline.signal, done.signal]))
      .then((value): Answer => ({ value, source: value.viaIndex ? 'index' : 'afas', ageSeconds: 0 }));
    try {
      return await Promise.race([fromAfas(job, answers, admit), early]);
    } finally {
      done.abort();
    }
  }

  /** Through the caller index when it can answer, else by live search. */
  async function resolve(job: Job): Promise<{ fresh: Fresh; reuse: Reuse }> {
    return (await viaIndex(job)) ?? liveSearch(job);
  }

  async function liveSearch(job: Job): Promise<{ fresh: Fresh; reuse: Reuse }> {
    const { eff, afas, plan, deadline } = job;
    const contactAttrs = attributesFor(eff.attributes, 'Contact');
    // Both steps end a little before the lookup's deadline: a failure in either still leaves time to answer.
    const steps = shortened(deadline, ANSWER_MARGIN_MS);
    const search = await within(steps, () => searchContacts(afas, eff.settings, contactAttrs, plan, steps));
    if (!search.complete)
      deps.logger.info({ matches: search.matches.length }, 'contact search not read to its end: the answer is not kept for CacheSeconds');
    const owners = caseOwners(contactAttrs, search.matches);
    const read = casesRead(
      eff,
      afas,
      owners.flatMap((o) => o.caseKeys),
      steps,
    );
    track(job, search, owners, read, false);
    return answerOf(job, search, await settled(read), false);
  }

  /**
   * The caller index's answer: a miss is `none` without asking AFAS; a hit fetches the contacts by id and their cases
   * by key at the same time (one round trip, no LIKE), verified like a live search. Undefined when the index cannot
   * answer (off, building, stale, this kind of number) or is out of date for this caller: live search then does.
   */
  async function viaIndex(job: Job): Promise<{ fresh: Fresh; reuse: Reuse } | undefined> {
    const { eff, afas, plan, deadline } = job;
    const index = deps.index?.();
    const found = index && plan.indexKeys ? await index.find(plan.indexKeys) : 'unusable';
    if (found === 'unusable') return undefined;
    if (found.length === 0) return { fresh: { status: 'none', contacts: [], viaIndex: true }, reuse: 'full' };
    const contactAttrs = attributesFor(eff.attributes, 'Contact');
    const steps = shortened(deadline, ANSWER_MARGIN_MS);
    const ids = found.map((c) => c.id);
    // The cases by the index's keys, read while the contacts are fetched by id.
    const read = casesRead(
      eff,
      afas,
      found.flatMap((c) => c.caseKeys),
      steps,
    );
    const rows = await within(steps, () => fetchContactsById(afas, eff.settings, contactAttrs, ids, { deadline: steps, priority: 'ring' }));
    const search = verifyFetched(rows, ids, contactAttrs, plan, eff.settings.maxContacts);
    if (!search) {
      deps.logger.info({ candidates: ids.length }, 'caller index out of date for this caller: searching live');
      return undefined;
    }
    track(job, search, caseOwners(contactAttrs, search.matches), read, true);
    return answerOf(job, search, await settled(read), true);
  }

  /**
   * The contacts are known and their cases still being read: a progressive lookup may answer with the contacts
   * meanwhile, and their case pages join the read.
   */
  function track(job: Job, search: ContactSearch, owners: CaseOwner[], read: CasesRead, indexed: boolean): void {
    if (!owners.some((o) => o.caseKeys.length > 0)) return;
    job.inFlight.track(job.plan.key, owners, () => answerOf(job, search, { pending: true }, indexed).fresh, read);
  }

  function answerOf(
    { eff, environment }: Pick<Job, 'eff' | 'environment'>,
    search: ContactSearch,
    found: LookupCases,
    indexed: boolean,
  ): { fresh: Fresh; reuse: Reuse } {
    const s = eff.settings;
    const ctx: ViewContext = { insite: s.insite, defaultRegion: s.defaultPhoneNumberRegion };
    const contactAttrs = attributesFor(eff.attributes, 'Contact');
    const { matches } = search;
    const status = matches.length === 0 ? 'none' : matches.length === 1 ? 'matched' : 'ambiguous';
    const view = {
      shown: attributesFor(eff.attributes, status === 'ambiguous' ? 'ContactSearch' : 'Contact'),
      contactAttrs,
      ctx,
      maxCases: s.maxCases,
      casesRefOf: (id: string) => refs.issue(id, environment),
    };
    const contacts = matches.map((m) => toContactDto(m, found, view));
    return { fresh: indexed ? { status, contacts, viaIndex: true } : { status, contacts }, reuse: reuseOf(search, found) };
  }

  /** The key a pick for this number or address is remembered under; 400 for a withheld number. */
  function pickKeyOf(eff: EffectiveSettings, input: LookupInput): string {
    const read = readOnce(stateFor(eff), eff, input);
    if (read.kind === 'anonymous') throw new AppError('invalid_request', 'A withheld number cannot be remembered');
    return read.pickKey;
  }

  /** A write to the store (Redis) that fails is the store's unavailability, not a bug. */
  async function storing(write: () => Promise<void> | undefined): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('store_unavailable', 'The pick could not be stored: the shared store cannot be reached. Try again in a moment.', {
        cause: error,
      });
    }
  }

  /**
   * The answer with the contact agents remembered for this number first (`match.remembered`): moved to the front when
   * the answer holds it, else read from AFAS and put first (a `none` becomes `matched`). A remembered contact that is
   * gone or blocked is left out and forgotten.
   */
  async function withPick(
    response: LookupResponse,
    key: string,
    pick: RememberedPick | undefined,
    eff: EffectiveSettings,
    afas: AfasClient,
    environment: string,
    deadline: Deadline,
  ): Promise<LookupResponse> {
    if (!pick) return response;
    const remembered = (c: ContactDto): ContactDto => ({ ...c, match: { ...c.match, remembered: pick.at } });
    const held = response.contacts.find((c) => c.id === pick.contactId);
    if (held) return { ...response, contacts: [remembered(held), ...response.contacts.filter((c) => c !== held)] };
    const picked = await pickedContact(eff, afas, environment, pick.contactId, deadline).catch((e: unknown) => {
      // AFAS failing now must not cost the answer the lookup already has.
      deps.logger.warn({ code: upstreamFailure(e)?.code }, 'the remembered contact could not be read: answering without it');
      return null;
    });
    if (picked === undefined) {
      deps.logger.info('a remembered contact is gone or blocked: forgetting it');
      void deps.picks?.forget(key).catch(() => undefined);
    }
    if (!picked) return response;
    const contacts = [remembered(picked), ...response.contacts];
    return { ...response, status: contacts.length === 1 ? 'matched' : 'ambiguous', contacts };
  }

  /** A remembered contact the lookup did not find, read by id with its cases; undefined when gone or blocked. */
  async function pickedContact(
    eff: EffectiveSettings,
    afas: AfasClient,
    environment: string,
    contactId: string,
    deadline: Deadline,
  ): Promise<ContactDto | undefined> {
    const contactAttrs = attributesFor(eff.attributes, 'Contact');
    const { id, blocked } = contactKeys(contactAttrs);
    const steps = shortened(deadline, ANSWER_MARGIN_MS);
    const rows = await within(steps, () =>
      fetchContactsById(afas, eff.settings, contactAttrs, [contactId], { deadline: steps, priority: 'ring' }),
    );
    const row = rows.find((r) => cellText(r, id.systemName) === contactId);
    if (!row || isBlocked(row, blocked)) return undefined;
    const match: MatchedRow = { row, attribute: id, storedValue: '', exact: false };
    const found = await casesOfMatches(eff, afas, [match], steps);
    const { fresh } = answerOf({ eff, environment }, { matches: [match], complete: true }, found, false);
    const dto = fresh.contacts[0];
    return dto && { ...dto, match: { field: '', label: '', value: '', exact: false } };
  }

  /** The cases of the matched contacts (by their CaseKey values). */
  function casesOfMatches(
    eff: EffectiveSettings,
    afas: AfasClient,
    matches: readonly MatchedRow[],
    deadline: Deadline,
  ): Promise<LookupCases> {
    const contactAttrs = attributesFor(eff.attributes, 'Contact');
    return settled(
      casesRead(
        eff,
        afas,
        caseOwners(contactAttrs, matches).flatMap((o) => o.caseKeys),
        deadline,
      ),
    );
  }

  /** The cases of these contact keys in one request. Its failure is read through `settled` or a page that joins it. */
  function casesRead(eff: EffectiveSettings, afas: AfasClient, keys: string[], deadline: Deadline): CasesRead {
    const ctx: ViewContext = { insite: eff.settings.insite, defaultRegion: eff.settings.defaultPhoneNumberRegion };
    const read: CasesRead =
      keys.length === 0
        ? Promise.resolve({ cases: [], truncated: false })
        : Promise.resolve().then(() =>
            within(deadline, () =>
              fetchCases(afas, eff.settings, attributesFor(eff.attributes, 'CaseSearch'), keys, LOOKUP_CASE_TAKE, ctx, {
                deadline,
                priority: 'ring',
              }),
            ),
          );
    // Never an unhandled rejection while the contacts are still being read.
    read.catch(() => undefined);
    return read;
  }

  /** What the answer says of the cases: a failure costs the cases, never the identified caller. */
  async function settled(read: CasesRead): Promise<LookupCases> {
    try {
      return await read;
    } catch (e) {
      const error = casesErrorOf(e);
      deps.logger.warn({ code: error.code }, 'cases could not be read: answering with the contacts only');
      return { error };
    }
  }

  return {
    async lookup(input, deadline, admit, options) {
      const { eff, afas } = configured(deps);
      const st = stateFor(eff);
      const read = readOnce(st, eff, input);
      if (read.kind === 'anonymous') {
        return {
          status: 'anonymous',
          query: { type: 'phone', input: read.input, normalized: '' },
          contacts: [],
          source: 'afas',
          ageSeconds: 0,
          ...read.link,
        };
      }
      const { plan, normalized } = read;
      if (deps.logger.isLevelEnabled('debug')) {
        deps.logger.debug(
          plan.type === 'phone' ? { phone: maskPhone(normalized) } : { email: maskEmail(normalized) },
          `${plan.type === 'phone' ? 'phone' : 'e-mail'} lookup`,
        );
      }
      const key = read.pickKey;
      // Asked while the answer is read: on Redis the pick is a round trip of its own.
      const pick = deps.picks && !deps.picks.knownAbsent(key) ? deps.picks.get(key) : undefined;
      const job: Job = { eff, afas, plan, environment: st.environment, deadline, inFlight: st.inFlight };
      const answer =
        st.answers.fresh(plan.key) ??
        (await (options?.progressive ? progressively(job, st.answers, admit) : fromAfas(job, st.answers, admit)));
      const response: LookupResponse = {
        status: answer.value.status,
        // Inputs that share a search (and so an answer) may still be written differently.
        query: { type: plan.type, input: echoedInput(input), normalized },
        contacts: answer.value.contacts,
        source: answer.source,
        ageSeconds: answer.ageSeconds,
        ...read.link,
      };
      return pick ? withPick(response, key, await pick, eff, afas, st.environment, deadline) : response;
    },

    async remember(input, contactId) {
      const { eff } = configured(deps);
      await storing(() => deps.picks?.remember(pickKeyOf(eff, input), contactId, eff.settings.pickDays));
    },

    async forgetPick(input) {
      const { eff } = configured(deps);
      await storing(() => deps.picks?.forget(pickKeyOf(eff, input)));
    },

    async search(text, deadline, admit) {
      const { eff, afas } = configured(deps);
      const q = readSearchText(text);
      const st = stateFor(eff);
      const contactAttrs = attributesFor(eff.attributes, 'Contact');
      if (admit) await admit();
      const steps = shortened(deadline, ANSWER_MARGIN_MS);
      try {
        const matches = await within(steps, () => searchByText(afas, eff.settings, contactAttrs, q, steps));
        const found = await casesOfMatches(eff, afas, matches, steps);
        const { fresh } = answerOf({ eff, environment: st.environment }, { matches, complete: true }, found, false);
        return { query: { input: q.input, kind: q.kind }, contacts: fresh.contacts };
      } catch (e) {
        throw upstreamFailure(e) ?? e;
      }
    },

    async cases(casesRef, skip, take, deadline, admit) {
      const { eff, afas } = configured(deps);
      const st = stateFor(eff);
      const contactId = refs.read(casesRef, st.environment);
      if (contactId === undefined) throw new AppError('not_found', UNKNOWN_CASES_REF);
      const kept = st.caseLists.has(contactId);
      // A progressive answer went out without this contact's cases, and they are still being read: no AFAS call of its own.
      const joined = kept ? undefined : st.inFlight.join(contactId);
      if (admit && !kept && !joined) await admit();
      const load = async () => {
        const fromLookup = joined && (await joined);
        if (fromLookup) return fromLookup;
        // The lookup read only some of them (AFAS had more rows): this page reads its own, counted as usual.
        if (joined && admit) await admit();
        return loadContactCases(eff, afas, contactId, deadline);
      };
      const all = await st.caseLists.get(contactId, load, deadline.signal).catch((e: unknown) => {
        throw upstreamFailure(e) ?? e;
      });
      // A contact blocked or removed since the lookup: the same answer as for any ref that pages nothing.
      if (!all) throw new AppError('not_found', UNKNOWN_CASES_REF);
      return {
        cases: all.slice(skip, skip + take).map((c) => c.dto()),
        moreCases: all.length > skip + take,
        contactId,
        source: kept ? 'cache' : 'afas',
      };
    },

    queryOf(input) {
      const eff = deps.settings();
      if (!eff) return undefined;
      let read: ReadInput;
      try {
        read = readOnce(stateFor(eff), eff, input);
      } catch {
        return undefined;
      }
      return read.kind === 'anonymous'
        ? { type: 'phone', input: read.input, normalized: '' }
        : { type: read.plan.type, input: echoedInput(input), normalized: read.normalized };
    },

    contactOf(casesRef) {
      const eff = deps.settings();
      return eff ? refs.read(casesRef, stateFor(eff).environment) : undefined;
    },
  };
}
