import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { effectiveAttributes } from './attributes.js';
import { conflictingNames, type Comparable } from './conflicts.js';
import { describeSettings, type SettingsDescription } from './describe.js';
import { resolvePluginSettings, type ResolvedSettings } from './plugin-settings.js';
import { invalidRequest, parsePublishBody } from './publish-body.js';
import { seedProblems, withSeed, type SettingsSeed } from './seed.js';
import { openSettingsFiles, type StoredPublish } from './settings-files.js';
import { stableJson } from './stable-json.js';
import type { EffectiveSettings, PluginAttribute } from './types.js';
import { sameUcc, uccKey } from './ucc-name.js';

export interface PublishResult {
  ucc: string;
  /** Whether the publishing UCC is the primary one (the first ever to publish to this instance). */
  primary: boolean;
  primaryUcc: string;
  /** Settings of this UCC that differ from the primary's and are therefore not used. */
  conflicts: { name: string; primaryUcc: string }[];
}

export interface SettingsStore {
  /** Parse and validate a publish body, persist it, and update the effective settings if it came from the primary. */
  publish(body: unknown): Promise<PublishResult>;
  /** undefined = not configured (missing Token/ConnectorRestServiceBaseUrl/Insite). */
  effective(): EffectiveSettings | undefined;
  /** Names of the required settings still missing. */
  missing(): string[];
  /** For GET: the primary's settings as published (secrets as "[redacted]"), the effective attributes and all conflicts. */
  describe(): SettingsDescription;
  onChange(listener: (e: EffectiveSettings | undefined) => void): () => void;
}

export interface SettingsStoreOptions {
  dataDir: string;
  allowHttpUpstream: boolean;
  seed?: SettingsSeed;
  logger?: Logger;
}

/** A UCC's last publish with what it resolves to (seed included). */
interface UccState extends Comparable {
  record: StoredPublish;
  resolved: ResolvedSettings;
  attributes: PluginAttribute[];
}

/**
 * Opens the settings of this instance from `<dataDir>/settings/`. The first UCC ever to publish becomes the
 * primary and alone defines the effective settings; that choice and every UCC's last publish survive a restart.
 * Rejects with AppError('not_configured') when the seed (environment) holds an invalid value, naming the variable.
 */
export async function openSettingsStore(o: SettingsStoreOptions): Promise<SettingsStore> {
  const rules = { allowHttp: o.allowHttpUpstream };
  const seed = o.seed ?? {};
  const log = o.logger;
  const badSeed = seedProblems(seed, rules);
  if (badSeed.length > 0) throw new AppError('not_configured', `Invalid AFAS settings in the environment: ${badSeed.join('; ')}`);

  const files = await openSettingsFiles(o.dataDir, log);
  const uccs = new Map<string, UccState>();
  let primaryName: string | undefined;

  function stateOf(record: StoredPublish): UccState {
    const resolved = resolvePluginSettings(withSeed(record.settings, seed), rules);
    return { record, resolved, canonical: resolved.canonical, attributes: effectiveAttributes(record.attributes) };
  }

  const seedOnly = stateOf({ ucc: '', firstPublishedAt: '', publishedAt: '', settings: [], attributes: [] });
  const primaryState = (): UccState => (primaryName === undefined ? undefined : uccs.get(uccKey(primaryName))) ?? seedOnly;

  // --- restore ---
  const loaded = await files.load();
  for (const record of loaded.publishes) {
    const state = stateOf(record);
    uccs.set(uccKey(record.ucc), state);
    if (state.resolved.problems.length > 0) {
      log?.warn({ ucc: record.ucc, problems: state.resolved.problems }, 'stored settings of a UCC are no longer valid; the invalid values are not used');
    }
  }
  primaryName = loaded.primary;
  if (primaryName === undefined && loaded.publishes.length > 0) {
    // primary.json lost (e.g. a crash between the two writes of a first publish): the earliest publisher was first.
    const earliest = [...loaded.publishes].sort((a, b) => a.firstPublishedAt.localeCompare(b.firstPublishedAt))[0];
    primaryName = earliest?.ucc;
    if (primaryName !== undefined) {
      log?.warn({ primaryUcc: primaryName }, 'primary UCC file missing; the UCC that published first is primary again');
      await files.savePrimary(primaryName).catch(() => log?.error('could not store the primary UCC'));
    }
  }
  if (primaryName !== undefined) primaryName = uccs.get(uccKey(primaryName))?.record.ucc ?? primaryName;

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
    current = next === undefined ? undefined : { ...next, version };
    for (const listener of listeners) {
      try {
        listener(current);
      } catch {
        log?.error('a settings change listener failed');
      }
    }
  }
  refresh();

  function conflictsOf(state: UccState): string[] {
    if (primaryName === undefined || sameUcc(state.record.ucc, primaryName)) return [];
    return conflictingNames(state, primaryState());
  }

  // --- publish, one at a time so that "first" is well defined ---
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function store(record: StoredPublish, becomesPrimary: boolean): Promise<void> {
    try {
      await files.savePublish(record);
      if (becomesPrimary) await files.savePrimary(record.ucc);
    } catch (error) {
      log?.error({ ucc: record.ucc, code: (error as NodeJS.ErrnoException).code }, 'could not store published settings');
      throw new AppError('internal_error', 'The settings could not be stored.', { cause: error });
    }
  }

  async function accept(body: unknown): Promise<PublishResult> {
    const published = parsePublishBody(body);
    const candidate = stateOf({ ucc: published.ucc, firstPublishedAt: '', publishedAt: '', settings: published.settings, attributes: published.attributes });
    if (candidate.resolved.problems.length > 0) throw invalidRequest(candidate.resolved.problems);

    return serially(async () => {
      const key = uccKey(published.ucc);
      const becomesPrimary = primaryName === undefined;
      const isPrimary = becomesPrimary || uccKey(primaryName ?? '') === key;
      const now = new Date().toISOString();
      const record: StoredPublish = { ...candidate.record, firstPublishedAt: uccs.get(key)?.record.firstPublishedAt ?? now, publishedAt: now };
      await store(record, becomesPrimary);

      uccs.set(key, { ...candidate, record });
      if (isPrimary) primaryName = published.ucc;
      refresh();

      const primaryUcc = primaryName ?? published.ucc;
      const names = conflictsOf(candidate);
      log?.info({ ucc: published.ucc, primary: isPrimary, settings: published.settings.length, attributes: published.attributes.length }, 'settings published');
      if (names.length > 0) {
        log?.warn({ ucc: published.ucc, primaryUcc, conflicts: names }, 'UCC published settings that differ from the primary UCC; they are stored but not used');
      }
      if (isPrimary) warnAboutOthers();
      return { ucc: published.ucc, primary: isPrimary, primaryUcc, conflicts: names.map((name) => ({ name, primaryUcc })) };
    });
  }

  function warnAboutOthers(): void {
    for (const state of uccs.values()) {
      const names = conflictsOf(state);
      if (names.length > 0) log?.warn({ ucc: state.record.ucc, primaryUcc: primaryName, conflicts: names }, 'another UCC has settings that differ from the primary UCC');
    }
  }

  return {
    publish: accept,
    effective: () => current,
    missing: () => [...primaryState().resolved.missing],
    describe: () =>
      describeSettings({
        primaryUcc: primaryName ?? null,
        uccs: [...uccs.values()].map((s) => s.record).sort((a, b) => a.firstPublishedAt.localeCompare(b.firstPublishedAt)).map((r) => r.ucc),
        published: withSeed(primaryState().record.settings, seed),
        attributes: primaryState().attributes,
        conflicts: [...uccs.values()].flatMap((s) => conflictsOf(s).map((name) => ({ ucc: s.record.ucc, name, primaryUcc: primaryName ?? '' }))),
      }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
