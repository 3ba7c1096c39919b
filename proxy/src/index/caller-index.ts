import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { AfasClient } from '../afas/client.js';
import { afasDateOf, nextAmsterdamNight } from '../afas/dates.js';
import type { Condition, Filter } from '../afas/filter.js';
import { deadlineIn } from '../deadline.js';
import { AppError } from '../errors.js';
import { contactKeys, isBlocked, type ContactKeys } from '../services/contact-fields.js';
import { cellText, fillHyperlink, internalValues, type Row } from '../services/record-view.js';
import { attributesFor, attributesOfType } from '../settings/attributes.js';
import { storedNumberKey } from '../phone/caller-id.js';
import { labelOf } from '../settings/display-name.js';
import { stableJson } from '../settings/stable-json.js';
import type { EffectiveSettings, PluginAttribute } from '../settings/types.js';
import type { FieldQuality, IndexState, IndexStatus, QualityItem, QualityReport } from '../../../contract/admin-api.js';
import { MAX_ITEMS } from './data-quality.js';
import { emailKey, valueHasher, type ValueHasher } from './index-keys.js';
import { memoryIndexStore, type IndexChange, type IndexMeta, type IndexStore } from './index-store.js';
import { IndexTable, type IndexedContact } from './index-table.js';

export type { IndexState, IndexStatus };

export interface CallerIndex {
  status(): IndexStatus;
  /** Contacts holding any of these keys (index-keys.ts); `unusable` while the index cannot answer: live search then does. */
  find(keys: readonly string[]): Promise<IndexedContact[] | 'unusable'>;
  /** The data-quality report of the last full build. */
  quality(): Promise<QualityReport | undefined>;
  /** Everything the index keeps (see IndexTable.held): for the privacy test. */
  held(): Promise<(string | number)[]>;
  /** Stops building and refreshing (a build in progress ends at its next page); a fleet's builder gives its lease up. */
  stop(): Promise<void>;
}

export interface CallerIndexOptions {
  eff: EffectiveSettings;
  /** The AFAS client of the current settings (index calls go in the background slot class, one at a time). */
  afas: () => AfasClient | undefined;
  /** The service's signing key: values are kept as its HMAC only. */
  secret: Buffer;
  /** One AFAS request's timeout; an index call may take twice that. */
  timeoutMs: number;
  logger: Logger;
  now?: () => number;
  /** Rows per AFAS request; default 1000 (AFAS's maximum take). */
  pageSize?: number;
  /** Where the index lives; default this process's memory. */
  store?: IndexStore;
}

const PAGE_SIZE = 1000;
/** A refresh asks for rows changed since the previous one began, less this: AFAS's clock may run behind ours. */
const OVERLAP_MS = 5 * 60_000;
/** Rows indexed between two yields to the event loop: parsing numbers must not hold up a ring. */
const ROWS_PER_SLICE = 200;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;
/** How long a rebuild may run before the index it replaces counts as stale (a 250,000-contact build takes minutes). */
const REBUILD_GRACE_MS = 15 * 60_000;
/** How often an instance that does not build checks whether the builder is still there. */
const FOLLOWER_CHECK_MS = 10_000;

/** What an index depends on: settings that leave these alone keep it (a new CacheSeconds does not rebuild it). */
export function indexSignature(eff: EffectiveSettings): string {
  const s = eff.settings;
  const contactAttrs = attributesFor(eff.attributes, 'Contact').filter((a) => a.fieldType.length > 0);
  return createHash('sha256')
    .update(
      stableJson({
        restRoot: s.afas.restRoot.toLowerCase(),
        authorization: s.afas.authorization,
        connector: s.contactConnector,
        region: s.defaultPhoneNumberRegion,
        refresh: s.indexRefreshSeconds,
        attributes: contactAttrs.map((a) => [a.systemName, a.fieldType, a.hyperlink]),
      }),
    )
    .digest('hex');
}

interface Fields extends ContactKeys {
  modified: PluginAttribute | undefined;
  phones: PluginAttribute[];
  emails: PluginAttribute[];
  contactAttrs: PluginAttribute[];
  linked: PluginAttribute[];
}

function fieldsOf(eff: EffectiveSettings): Fields {
  const contactAttrs = attributesFor(eff.attributes, 'Contact');
  return {
    ...contactKeys(contactAttrs),
    modified: attributesOfType(contactAttrs, 'Modified')[0],
    phones: attributesOfType(contactAttrs, 'PhoneNumber'),
    emails: attributesOfType(contactAttrs, 'Email'),
    contactAttrs,
    linked: contactAttrs.filter((a) => a.hyperlink),
  };
}

/** A contact's InSite page: the first Contact attribute whose hyperlink the row fills in. */
function contactLink(f: Fields, insite: string, region: string): (row: Row) => string | undefined {
  const ctx = { insite, defaultRegion: region };
  return (row) => {
    for (const a of f.linked) {
      const href = a.hyperlink ? fillHyperlink(a.hyperlink, row, ctx) : undefined;
      if (href) return href;
    }
    return undefined;
  };
}

/** Counts and lists of one full build, for the data-quality report. */
function qualityCollector(f: Fields, linkOf: (row: Row) => string | undefined) {
  const all = [...f.phones.map((a) => ({ a, kind: 'phone' as const })), ...f.emails.map((a) => ({ a, kind: 'email' as const }))];
  const perField: FieldQuality[] = all.map(({ a, kind }) => ({
    field: a.systemName,
    label: labelOf(a).label,
    kind,
    values: 0,
    parsed: 0,
    unparseable: 0,
  }));
  /** Per value hash: how many contacts hold it, and the field it was first seen in (shared values are listed by it). */
  const holders = new Map<number, number>();
  const firstField = new Map<number, number>();
  const items: QualityItem[] = [];
  let contacts = 0;
  let withoutAny = 0;
  let truncated = false;
  const list = (item: QualityItem): void => {
    if (items.length < MAX_ITEMS) items.push(item);
    else truncated = true;
  };
  return {
    contact(row: Row, id: string, values: { field: number; hash: number | undefined; parsed: boolean }[]): void {
      contacts++;
      if (values.length === 0) {
        withoutAny++;
        list({ contactId: id, field: '', problem: 'no-phone-or-email', link: linkOf(row) });
        return;
      }
      for (const v of values) {
        const q = perField[v.field];
        if (!q) continue;
        q.values++;
        if (v.parsed) q.parsed++;
        else {
          q.unparseable++;
          list({ contactId: id, field: q.field, problem: 'unparseable', link: linkOf(row) });
        }
        if (v.hash !== undefined) {
          holders.set(v.hash, (holders.get(v.hash) ?? 0) + 1);
          if (!firstField.has(v.hash)) firstField.set(v.hash, v.field);
        }
      }
    },
    /** `linkFor`: the InSite page of a contact known by its id only (shared values are found in the table). */
    report(table: IndexTable, builtAt: number, linkFor: (id: string) => string | undefined): QualityReport {
      let shared = 0;
      for (const [hash, count] of holders) {
        if (count < 2) continue;
        shared++;
        const field = perField[firstField.get(hash) ?? -1]?.field ?? '';
        for (const c of table.find([hash])) list({ contactId: c.id, field, problem: 'shared', link: linkFor(c.id) });
      }
      const phones = perField.filter((q) => q.kind === 'phone');
      return {
        builtAt: new Date(builtAt).toISOString(),
        contacts,
        phoneValues: phones.reduce((n, q) => n + q.values, 0),
        parsed: phones.reduce((n, q) => n + q.parsed, 0),
        unparseable: phones.reduce((n, q) => n + q.unparseable, 0),
        shared,
        contactsWithoutPhoneOrEmail: withoutAny,
        fields: perField,
        items,
        truncated,
      };
    },
  };
}

type Collector = ReturnType<typeof qualityCollector>;

const errorOf = (e: unknown, at: number): NonNullable<IndexStatus['lastError']> => ({
  code: e instanceof AppError ? e.code : 'internal_error',
  message: e instanceof AppError ? e.message : 'The index could not be read from AFAS',
  at: new Date(at).toISOString(),
});

/**
 * Starts the caller index of one set of settings: a full build by keyset paging (ordered by the Id attribute, `Id >
 * last`), then every IndexRefreshSeconds the rows changed since (FieldType Modified) or, without one, a full rebuild,
 * and a full rebuild every night (03:00 Amsterdam) so that deleted contacts vanish. One AFAS call at a time, in the
 * background slot class below ring lookups; a failed call is tried again later and never drops the index that exists.
 * With a shared store only the instance that holds its lease builds; every instance answers from it.
 */
export function startCallerIndex(o: CallerIndexOptions): CallerIndex {
  const now = o.now ?? Date.now;
  const s = o.eff.settings;
  const f = fieldsOf(o.eff);
  const hash: ValueHasher = valueHasher(o.secret);
  const refreshMs = s.indexRefreshSeconds * 1000;
  const pageSize = o.pageSize ?? PAGE_SIZE;
  const log = o.logger.child({ component: 'caller-index' });
  const stopping = new AbortController();
  const linkOf = contactLink(f, s.insite, s.defaultPhoneNumberRegion);
  const store = o.store ?? memoryIndexStore();
  let report: QualityReport | undefined;

  const meta = (): IndexMeta => store.meta();
  /**
   * Fresh: refreshed within 2 × IndexRefreshSeconds. While a full rebuild runs over an index that exists (every
   * night; without Modified, every time), no refresh runs; the index it replaces still answers for up to
   * REBUILD_GRACE_MS more, rather than sending every ring to live search for the minutes a large build takes.
   */
  const fresh = (m: IndexMeta): boolean => {
    if (m.refreshedAt === undefined) return false;
    const grace = m.progress !== undefined && m.builtAt !== undefined ? REBUILD_GRACE_MS : 0;
    return now() - m.refreshedAt <= 2 * refreshMs + grace;
  };
  const update = (changes: Partial<IndexMeta>): Promise<void> => store.setMeta({ ...meta(), ...changes });

  function valuesOf(row: Row): { field: number; hash: number | undefined; parsed: boolean }[] {
    const values: { field: number; hash: number | undefined; parsed: boolean }[] = [];
    f.phones.forEach((a, i) => {
      const stored = cellText(row, a.systemName);
      if (stored === '') return;
      const key = storedNumberKey(stored, s.defaultPhoneNumberRegion);
      values.push({ field: i, hash: key === undefined ? undefined : hash(key), parsed: key?.startsWith('e:') ?? false });
    });
    f.emails.forEach((a, i) => {
      const key = emailKey(cellText(row, a.systemName));
      if (key !== undefined) values.push({ field: f.phones.length + i, hash: hash(key), parsed: true });
    });
    return values;
  }

  /** What a row means for the index: the contact with its value hashes, or out (blocked, or nothing to find it by). */
  function changeOf(row: Row, quality?: Collector): IndexChange | undefined {
    const id = cellText(row, f.id.systemName);
    if (id === '') return undefined;
    if (isBlocked(row, f.blocked)) return { remove: id };
    const values = valuesOf(row);
    quality?.contact(row, id, values);
    const hashes = values.flatMap((v) => (v.hash === undefined ? [] : [v.hash]));
    return hashes.length === 0 ? { remove: id } : { put: { id, caseKeys: internalValues(f.contactAttrs, 'CaseKey', row) }, hashes };
  }

  /** Reads every row the filter selects, in Id order, page after page (`Id > last`), handing each page to `use`. */
  async function readAll(conditions: Condition[], use: (rows: Row[]) => Promise<void>): Promise<void> {
    let last: string | undefined;
    for (;;) {
      stopping.signal.throwIfAborted();
      const afas = o.afas();
      if (!afas) throw new AppError('not_configured', 'The service has no AFAS settings');
      const after: Condition[] = last === undefined ? [] : [{ field: f.id.systemName, op: 4, value: last }];
      const group = [...conditions, ...after];
      const filter: Filter = group.length > 0 ? [group] : [];
      const rows = await afas.getRows(
        { connector: s.contactConnector, filter, orderBy: [f.id.systemName], take: pageSize },
        { priority: 'background', deadline: deadlineIn(2 * o.timeoutMs) },
      );
      await use(rows);
      const lastRow = rows.at(-1);
      if (rows.length < pageSize || !lastRow) return;
      last = cellText(lastRow, f.id.systemName);
    }
  }

  /** The changes of a page, computed in slices so that parsing numbers never holds up a ring for long. */
  async function changesOf(rows: Row[], quality?: Collector): Promise<IndexChange[]> {
    const changes: IndexChange[] = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_SLICE) {
      for (const row of rows.slice(i, i + ROWS_PER_SLICE)) {
        const change = changeOf(row, quality);
        if (change) changes.push(change);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return changes;
  }

  async function build(): Promise<void> {
    const started = now();
    const table = new IndexTable();
    const quality = qualityCollector(f, linkOf);
    const progress = { contactsRead: 0, pages: 0 };
    log.info({ contacts: meta().contacts }, meta().builtAt === undefined ? 'caller index: building' : 'caller index: full rebuild');
    try {
      await update({ progress });
      await readAll([], async (rows) => {
        table.apply(await changesOf(rows, quality));
        progress.contactsRead += rows.length;
        progress.pages += 1;
        await update({ progress });
      });
    } finally {
      await update({ progress: undefined }).catch(() => undefined);
    }
    await store.replace(table);
    report = quality.report(table, started, (id) => linkOf({ [f.id.systemName]: id }));
    await store.setQuality(report);
    // Fresh from the end of the build (rows read early may have changed since: the next refresh, from `started`, reads them).
    await update({
      builtAt: started,
      refreshedAt: now(),
      syncedFrom: started,
      nextRebuildAt: nextAmsterdamNight(now()),
      contacts: table.contacts,
      values: table.values,
      lastError: undefined,
    });
    log.info({ contacts: table.contacts, values: table.values, seconds: Math.round((now() - started) / 100) / 10 }, 'caller index ready');
  }

  async function refresh(modified: PluginAttribute): Promise<void> {
    const started = now();
    const since = afasDateOf(meta().syncedFrom - OVERLAP_MS);
    let changed = 0;
    let counts = { contacts: meta().contacts, values: meta().values };
    await readAll([{ field: modified.systemName, op: 2, value: since }], async (rows) => {
      counts = await store.change(await changesOf(rows));
      changed += rows.length;
    });
    await update({ refreshedAt: started, syncedFrom: started, ...counts, lastError: undefined });
    if (changed > 0) log.debug({ changed }, 'caller index refreshed');
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (!stopping.signal.aborted) {
      let waitMs = refreshMs;
      try {
        if (await store.lead()) {
          const m = meta();
          if (m.builtAt === undefined || !f.modified || now() >= m.nextRebuildAt) await build();
          else await refresh(f.modified);
        } else {
          // Another instance builds: look again soon, in case it stops.
          waitMs = Math.min(refreshMs, FOLLOWER_CHECK_MS);
        }
        failures = 0;
      } catch (e) {
        if (stopping.signal.aborted) return;
        failures++;
        const lastError = errorOf(e, now());
        await update({ lastError }).catch(() => undefined);
        waitMs = Math.min(refreshMs, FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS);
        log.warn(
          { code: lastError.code, retryInSeconds: Math.round(waitMs / 1000) },
          'caller index: AFAS call failed; the index that exists stays in use',
        );
      }
      await sleep(waitMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  }
  void run();

  return {
    status() {
      const m = meta();
      const built = m.builtAt !== undefined;
      const state: IndexState = built ? (fresh(m) ? 'ready' : 'stale') : m.progress ? 'building' : m.lastError ? 'failed' : 'building';
      return {
        state,
        contacts: m.contacts,
        values: m.values,
        builtAt: m.builtAt === undefined ? null : new Date(m.builtAt).toISOString(),
        refreshedAt: m.refreshedAt === undefined ? null : new Date(m.refreshedAt).toISOString(),
        refresh: f.modified ? 'incremental' : 'full-rebuilds',
        refreshSeconds: s.indexRefreshSeconds,
        ...(m.progress ? { progress: { ...m.progress } } : {}),
        ...(m.lastError ? { lastError: m.lastError } : {}),
      };
    },
    async find(keys) {
      const m = meta();
      if (m.builtAt === undefined || !fresh(m)) return 'unusable';
      // A shared store that cannot be read (Redis away) leaves the caller to live search, never to an error.
      return store.find(keys.map(hash)).catch(() => 'unusable' as const);
    },
    quality: async () => report ?? (await store.quality()),
    held: () => store.held(),
    stop() {
      stopping.abort();
      return store.close();
    },
  };
}

/** The status of an index that is off (CallerIndex = Off, or no settings yet). */
export const indexOff = (): IndexStatus => ({
  state: 'off',
  contacts: 0,
  values: 0,
  builtAt: null,
  refreshedAt: null,
  refresh: 'incremental',
  refreshSeconds: 60,
});
