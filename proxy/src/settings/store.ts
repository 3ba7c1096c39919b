import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { effectiveAttributes } from './attributes.js';
import { conflictingNames, type Comparable } from './conflicts.js';
import { describeSettings, type SettingsDescription } from './describe.js';
import { resolvePluginSettings, type ResolvedSettings } from './plugin-settings.js';
import { invalidRequest, listProblems, parsePublishBody } from './publish-body.js';
import { seedProblems, seedTokenWithheld, withSeed, type SettingsSeed } from './seed.js';
import { openSettingsFiles, type StoredPublish } from './settings-files.js';
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
  onChange(listener: (e: EffectiveSettings | undefined) => void): () => void;
}

export interface SettingsStoreOptions {
  dataDir: string;
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
 * Opens the settings of this instance from `<dataDir>/settings/`. The first UCC ever to publish becomes the
 * primary and alone defines the effective settings; only the admin changes that choice afterwards (makePrimary),
 * and it and every UCC's last publish survive a restart.
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

  const files = await openSettingsFiles(o.dataDir, log);
  const uccs = new Map<string, UccState>();
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

  // --- restore ---
  const loaded = await files.load();
  for (const record of loaded.publishes) {
    const state = stateOf(record);
    uccs.set(uccKey(record.ucc), state);
    const problems = blockersOf(state);
    if (problems.length > 0) {
      log?.warn(
        { ucc: record.ucc, problems },
        'stored settings of a UCC cannot be used as they are (the rules or the environment changed); it must publish again',
      );
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
    if (primaryName === undefined || isPrimary(state.record.ucc)) return [];
    return conflictingNames(state, primaryState());
  }

  // --- changes, one at a time so that "first" is well defined ---
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function persisting(ucc: string, what: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      log?.error({ ucc, code: (error as NodeJS.ErrnoException).code }, `could not store ${what}`);
      throw new AppError('internal_error', 'The settings could not be stored.', { cause: error });
    }
  }

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
      const becomesPrimary = primaryName === undefined;
      const now = new Date().toISOString();
      const record: StoredPublish = {
        ...candidate.record,
        firstPublishedAt: uccs.get(key)?.record.firstPublishedAt ?? now,
        publishedAt: now,
      };
      await persisting(record.ucc, 'published settings', async () => {
        await files.savePublish(record);
        if (becomesPrimary) await files.savePrimary(record.ucc);
      });

      uccs.set(key, { ...candidate, record });
      const primary = becomesPrimary || isPrimary(published.ucc);
      if (primary) primaryName = published.ucc;
      refresh();

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
    if (!state) throw new AppError('not_found', `UCC ${name} has not published settings to this service`);
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
      await persisting(chosen, 'the primary UCC', () => files.savePrimary(chosen));
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
      const state = known(name);
      const forgotten = state.record.ucc;
      if (isPrimary(forgotten)) {
        throw new AppError(
          'invalid_request',
          `UCC ${forgotten} is the primary UCC: make another UCC primary first (PUT settings/primary)`,
          { status: 409 },
        );
      }
      await persisting(forgotten, 'the removal of a UCC', () => files.deletePublish(forgotten));
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
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
