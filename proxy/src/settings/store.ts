import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { effectiveAttributes } from './attributes.js';
import { conflictingNames, type Comparable } from './conflicts.js';
import { describeSettings, type SettingsDescription } from './describe.js';
import { resolvePluginSettings, type ResolvedSettings } from './plugin-settings.js';
import { notPublished, primaryRefused } from './persistence.js';
import { invalidRequest, listProblems, parsePublishBody } from './publish-body.js';
import { seedProblems, seedTokenWithheld, withSeed, type SettingsSeed } from './seed.js';
import type { LoadedSettings, SettingsPersistence, StoredPublish } from './persistence.js';
import { stableJson } from './stable-json.js';
import type { EffectiveSettings, PluginAttribute } from './types.js';
import { readUccName, sameUcc, uccKey } from './ucc-name.js';
import type { UpstreamRules } from './upstream-url.js';
import { usabilityOf, type Usability } from './usability.js';

export interface PublishResult {
  ucc: string;
  /** Whether the publishing UCC is the primary one (the first to publish, or the one the admin chose). */
  primary: boolean;
  primaryUcc: string;
  /** Settings of this UCC that differ from the primary's and are therefore not used. */
  conflicts: { name: string; primaryUcc: string }[];
  /** Suspicious but workable input (unknown names, what will not be found or shown). Names only, never values. */
  warnings: string[];
}

export interface SettingsStore {
  /**
   * Parse and validate a publish body, persist it, and update the effective settings if it came from the primary.
   * A publication that cannot serve lookups (with the seed filled in) is refused: AppError('invalid_request').
   */
  publish(body: unknown): Promise<PublishResult>;
  /** Admin: makes a UCC that has published the primary, persisted. not_found if it never published; 409 if its settings cannot work. */
  makePrimary(ucc: unknown): Promise<{ primaryUcc: string }>;
  /** Admin: forgets a UCC's publication and deletes its file. not_found if unknown; 409 for the primary. */
  forget(ucc: unknown): Promise<void>;
  /** undefined = not configured (missing Token/ConnectorRestServiceBaseUrl/Insite). */
  effective(): EffectiveSettings | undefined;
  /** Names of the required settings still missing. */
  missing(): string[];
  /** For GET: the primary's settings as published (secrets as "[redacted]"), the effective attributes and all conflicts. */
  describe(): SettingsDescription;
  /** Whether a UCC of this name (compared case-insensitively) has published settings here. Cheap: a map lookup. */
  hasPublished(ucc: string): boolean;
  /** Reads the stored settings again (another instance changed them, or the store was unreachable for a while). */
  reload(): Promise<void>;
  onChange(listener: (e: EffectiveSettings | undefined) => void): () => void;
}

export interface SettingsStoreOptions {
  /** Files in CRM_DATA_DIR, or Redis for a fleet (store/). */
  persistence: SettingsPersistence;
  /** CRM_ALLOW_HTTP_UPSTREAM: http: for an AFAS REST host on `afasHosts` only. */
  allowHttpUpstream: boolean;
  /** CRM_AFAS_HOSTS, beside the AFAS Online REST hosts. */
  afasHosts?: readonly string[];
  /** CRM_INSITE_HOSTS, beside `<digits>.afasinsite.nl`. */
  insiteHosts?: readonly string[];
  seed?: SettingsSeed;
  logger?: Logger;
}

/** A UCC's last publish with what it resolves to (seed included) and whether that can serve lookups. */
interface UccState extends Comparable {
  record: StoredPublish;
  resolved: ResolvedSettings;
  attributes: PluginAttribute[];
  usability: Usability;
}

/** Enough to fix a list; a list of a thousand items with one typo each must not make a megabyte answer. */
const MAX_WARNINGS = 50;

function capped(warnings: readonly string[]): string[] {
  if (warnings.length <= MAX_WARNINGS) return [...warnings];
  return [...warnings.slice(0, MAX_WARNINGS - 1), `(and ${warnings.length - MAX_WARNINGS + 1} more warnings)`];
}

const blockersOf = (s: UccState): string[] => [...s.resolved.problems, ...s.usability.problems];

function readName(ucc: unknown): string {
  const name = readUccName(ucc);
  if (!name.ok) throw new AppError('invalid_request', `ucc: ${name.problem}`);
  return name.value;
}

/**
 * Opens the settings kept by `persistence`. The first UCC ever to publish becomes the primary and alone defines the
 * effective settings; only the admin changes that choice afterwards (makePrimary), and it and every UCC's last
 * publish survive a restart. Changes made by other instances (Redis) are applied as they are announced.
 * Rejects with AppError('not_configured') when the seed (environment) holds an invalid value, naming the variable.
 */
export async function openSettingsStore(o: SettingsStoreOptions): Promise<SettingsStore> {
  const rules: UpstreamRules = { allowHttpUpstream: o.allowHttpUpstream, afasHosts: o.afasHosts ?? [], insiteHosts: o.insiteHosts ?? [] };
  const seed = o.seed ?? {};
  const log = o.logger;
  const badSeed = seedProblems(seed, rules);
  if (badSeed.length > 0) throw new AppError('not_configured', `Invalid AFAS settings in the environment: ${badSeed.join('; ')}`);
  if (seedTokenWithheld([], seed))
    log?.warn('AFAS_TOKEN is never used: it is only sent to the host of AFAS_CONNECTOR_BASE_URL, which is not set');

  const persistence = o.persistence;
  let uccs = new Map<string, UccState>();
  let primaryName: string | undefined;

  function stateOf(record: StoredPublish): UccState {
    const resolved = resolvePluginSettings(withSeed(record.settings, seed), rules);
    const attributes = effectiveAttributes(record.attributes);
    const usability = usabilityOf({ resolved, attributes, tokenWithheld: seedTokenWithheld(record.settings, seed) });
    return { record, resolved, canonical: resolved.canonical, attributes, usability };
  }

  const seedOnly = stateOf({ ucc: '', firstPublishedAt: '', publishedAt: '', settings: [], attributes: [] });
  const primaryState = (): UccState => (primaryName === undefined ? undefined : uccs.get(uccKey(primaryName))) ?? seedOnly;
  const isPrimary = (ucc: string): boolean => primaryName !== undefined && sameUcc(ucc, primaryName);

  /** Takes over what the store holds; a UCC's state is recomputed only when its publish changed. */
  async function apply(loaded: LoadedSettings, warn: boolean): Promise<void> {
    const next = new Map<string, UccState>();
    for (const record of loaded.publishes) {
      const key = uccKey(record.ucc);
      const known = uccs.get(key);
      if (known && stableJson(known.record) === stableJson(record)) {
        next.set(key, known);
        continue;
      }
      const state = stateOf(record);
      next.set(key, state);
      const problems = blockersOf(state);
      if (warn && problems.length > 0) {
        log?.warn(
          { ucc: record.ucc, problems },
          'stored settings of a UCC cannot be used as they are (the rules or the environment changed); it must publish again',
        );
      }
    }
    uccs = next;
    let primary = loaded.primary;
    if (primary === undefined && loaded.publishes.length > 0) {
      // The primary was lost (e.g. a crash between the two writes of a first publish): the earliest publisher was first.
      const earliest = [...loaded.publishes].sort((a, b) => a.firstPublishedAt.localeCompare(b.firstPublishedAt))[0];
      primary = earliest?.ucc;
      if (primary !== undefined) {
        log?.warn({ primaryUcc: primary }, 'primary UCC not stored; the UCC that published first is primary again');
        await persistence.savePrimary(primary).catch(() => log?.error('could not store the primary UCC'));
      }
    }
    primaryName = primary === undefined ? undefined : (uccs.get(uccKey(primary))?.record.ucc ?? primary);
  }

  /** What this instance holds, in the store's terms (to put back into a store that lost it). */
  const held = (): LoadedSettings => ({ primary: primaryName, publishes: [...uccs.values()].map((s) => s.record) });

  // --- effective settings ---
  let version = 0;
  let fingerprint: string | undefined;
  let current: EffectiveSettings | undefined;
  const listeners = new Set<(e: EffectiveSettings | undefined) => void>();

  function refresh(): void {
    const p = primaryState();
    const settings = p.resolved.settings;
    const next = settings === undefined ? undefined : { primaryUcc: primaryName ?? '', settings, attributes: p.attributes };
    const print = next === undefined ? undefined : stableJson(next);
    if (print === fingerprint && version > 0) return;
    fingerprint = print;
    version += 1;
    // Equal on every instance that holds the same settings: what shared caches are keyed on.
    const revision = print === undefined ? '' : createHash('sha256').update(print).digest('base64url').slice(0, 16);
    current = next === undefined ? undefined : { ...next, version, revision };
    for (const listener of listeners) {
      try {
        listener(current);
      } catch {
        log?.error('a settings change listener failed');
      }
    }
  }

  await apply(await persistence.load(), true);
  refresh();

  function conflictsOf(state: UccState): string[] {
    if (primaryName === undefined || isPrimary(state.record.ucc)) return [];
    return conflictingNames(state, primaryState());
  }

  // --- changes, one at a time so that "first" is well defined within this instance (the store decides across a fleet) ---
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function persisting<T>(ucc: string, what: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      // Contract errors (store_unavailable, not_found, a 409) say what happened; anything else is ours.
      if (error instanceof AppError) throw error;
      log?.error({ ucc, code: (error as NodeJS.ErrnoException).code }, `could not store ${what}`);
      throw new AppError('internal_error', 'The settings could not be stored.', { cause: error });
    }
  }

  /** Reads the store again after a write that named a UCC this instance has not seen yet, or a remote change. */
  async function reloadNow(): Promise<void> {
    let loaded = await persistence.load();
    if (loaded.publishes.length === 0 && uccs.size > 0) {
      // Emptied behind our back (a Redis restarted without persistence): put back what every instance still holds.
      if (await persistence.importIfEmpty(held())) {
        log?.warn({ uccs: uccs.size, primaryUcc: primaryName }, 'the shared store had lost the settings; stored them again');
        return;
      }
      // Another instance put them back first: take what is there now.
      loaded = await persistence.load();
      if (loaded.publishes.length === 0) {
        // Nothing readable, yet not empty either: keep serving with what this instance holds.
        log?.error('the shared store holds settings this instance cannot read; keeping the ones it has');
        return;
      }
    }
    const before = fingerprint;
    await apply(loaded, false);
    refresh();
    if (fingerprint !== before) log?.info({ primaryUcc: primaryName, version }, 'settings changed by another instance applied');
  }

  const reload = (): Promise<void> => serially(reloadNow);
  persistence.onRemoteChange(() => {
    reload().catch((error: unknown) =>
      log?.warn({ code: error instanceof AppError ? error.code : undefined }, 'could not read the changed settings; will retry'),
    );
  });

  async function accept(body: unknown): Promise<PublishResult> {
    const published = parsePublishBody(body);
    const candidate = stateOf({
      ucc: published.ucc,
      firstPublishedAt: '',
      publishedAt: '',
      settings: published.settings,
      attributes: published.attributes,
    });
    const problems = blockersOf(candidate);
    if (problems.length > 0) throw invalidRequest(problems);
    const warnings = capped([...published.warnings, ...candidate.usability.warnings]);

    return serially(async () => {
      const key = uccKey(published.ucc);
      const now = new Date().toISOString();
      const record: StoredPublish = {
        ...candidate.record,
        firstPublishedAt: uccs.get(key)?.record.firstPublishedAt ?? now,
        publishedAt: now,
      };
      const elected = await persisting(record.ucc, 'published settings', () => persistence.savePublish(record));
      uccs.set(key, { ...candidate, record });
      primaryName = elected;
      if (!uccs.has(uccKey(elected))) await reloadNow().catch(() => log?.warn('could not read the primary UCC elected elsewhere'));
      refresh();

      const primary = isPrimary(published.ucc);
      const primaryUcc = primaryName ?? published.ucc;
      const names = conflictsOf(candidate);
      log?.info(
        { ucc: published.ucc, primary, settings: published.settings.length, attributes: published.attributes.length },
        'settings published',
      );
      if (warnings.length > 0) log?.warn({ ucc: published.ucc, warnings }, 'published settings have warnings');
      if (names.length > 0) {
        log?.warn(
          { ucc: published.ucc, primaryUcc, conflicts: names },
          'UCC published settings that differ from the primary UCC; they are stored but not used',
        );
      }
      if (primary) warnAboutOthers();
      return { ucc: published.ucc, primary, primaryUcc, conflicts: names.map((name) => ({ name, primaryUcc })), warnings };
    });
  }

  function known(name: string): UccState {
    const state = uccs.get(uccKey(name));
    if (!state) throw notPublished(name);
    return state;
  }

  function makePrimary(ucc: unknown): Promise<{ primaryUcc: string }> {
    const name = readName(ucc);
    return serially(async () => {
      const state = known(name);
      const chosen = state.record.ucc;
      if (isPrimary(chosen)) return { primaryUcc: chosen };
      const problems = blockersOf(state);
      if (problems.length > 0) {
        throw new AppError(
          'invalid_request',
          `The settings of UCC ${chosen} cannot be used: ${listProblems(problems)}. It must publish again first.`,
          { status: 409 },
        );
      }
      await persisting(chosen, 'the primary UCC', () => persistence.savePrimary(chosen));
      const previous = primaryName;
      primaryName = chosen;
      refresh();
      log?.warn({ primaryUcc: chosen, previousPrimaryUcc: previous }, 'the admin made another UCC primary');
      warnAboutOthers();
      return { primaryUcc: chosen };
    });
  }

  function forget(ucc: unknown): Promise<void> {
    const name = readName(ucc);
    return serially(async () => {
      const forgotten = known(name).record.ucc;
      if (isPrimary(forgotten)) throw primaryRefused(forgotten);
      await persisting(forgotten, 'the removal of a UCC', () => persistence.deletePublish(forgotten));
      uccs.delete(uccKey(forgotten));
      refresh();
      log?.info({ ucc: forgotten }, 'the admin removed the settings of a UCC');
    });
  }

  function warnAboutOthers(): void {
    for (const state of uccs.values()) {
      const names = conflictsOf(state);
      if (names.length > 0)
        log?.warn(
          { ucc: state.record.ucc, primaryUcc: primaryName, conflicts: names },
          'another UCC has settings that differ from the primary UCC',
        );
    }
  }

  return {
    publish: accept,
    makePrimary,
    forget,
    effective: () => current,
    missing: () => [...primaryState().resolved.missing],
    describe: () =>
      describeSettings({
        primaryUcc: primaryName ?? null,
        uccs: [...uccs.values()]
          .map((s) => s.record)
          .sort((a, b) => a.firstPublishedAt.localeCompare(b.firstPublishedAt))
          .map((r) => r.ucc),
        published: withSeed(primaryState().record.settings, seed),
        attributes: primaryState().attributes,
        conflicts: [...uccs.values()].flatMap((s) =>
          conflictsOf(s).map((name) => ({ ucc: s.record.ucc, name, primaryUcc: primaryName ?? '' })),
        ),
      }),
    hasPublished: (ucc) => uccs.has(uccKey(ucc)),
    reload,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
