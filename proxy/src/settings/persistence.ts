import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { openSettingsFiles, type LoadedSettings, type StoredPublish } from './settings-files.js';
import { sameUcc, uccKey } from './ucc-name.js';

export type { LoadedSettings, StoredPublish };

/**
 * Where the publications and the primary UCC are kept: files in `CRM_DATA_DIR` for one instance, Redis for a fleet.
 * Each write is one atomic step, so two instances writing at once can never elect two primaries.
 */
export interface SettingsPersistence {
  load(): Promise<LoadedSettings>;
  /**
   * Stores a UCC's last publish and, when no UCC is primary yet, makes it the primary in the same step. Returns the
   * primary UCC afterwards (another instance may have elected one a moment earlier).
   */
  savePublish(p: StoredPublish): Promise<string>;
  /** Makes a UCC that has published the primary; not_found when its publish is not stored. */
  savePrimary(ucc: string): Promise<void>;
  /** Removes a UCC's publish; a 409 for the primary. */
  deletePublish(ucc: string): Promise<void>;
  /**
   * Writes `settings` only when nothing is stored at all; true when it did. Moves an instance's folder into a new
   * Redis once, and puts back what a Redis that restarted without persistence lost.
   */
  importIfEmpty(settings: LoadedSettings): Promise<boolean>;
  /** Called after another instance changed the settings, or after a reconnect (changes may have been missed). */
  onRemoteChange(listener: () => void): void;
}

export const primaryRefused = (ucc: string): AppError =>
  new AppError('invalid_request', `UCC ${ucc} is the primary UCC: make another UCC primary first (PUT settings/primary)`, {
    status: 409,
  });

export const notPublished = (ucc: string): AppError => new AppError('not_found', `UCC ${ucc} has not published settings to this service`);

/** The embedded default: `<dataDir>/settings/`, written by this process only (the data-dir lock sees to that). */
export async function openFileSettings(dataDir: string, logger?: Logger): Promise<SettingsPersistence> {
  const files = await openSettingsFiles(dataDir, logger);
  let primary: string | undefined;
  const published = new Set<string>();
  const remember = (loaded: LoadedSettings): LoadedSettings => {
    primary = loaded.primary;
    published.clear();
    for (const p of loaded.publishes) published.add(uccKey(p.ucc));
    return loaded;
  };
  return {
    load: async () => remember(await files.load()),
    async savePublish(p) {
      await files.savePublish(p);
      published.add(uccKey(p.ucc));
      if (primary === undefined) {
        await files.savePrimary(p.ucc);
        primary = p.ucc;
      }
      return primary;
    },
    async savePrimary(ucc) {
      if (!published.has(uccKey(ucc))) throw notPublished(ucc);
      await files.savePrimary(ucc);
      primary = ucc;
    },
    async deletePublish(ucc) {
      if (primary !== undefined && sameUcc(primary, ucc)) throw primaryRefused(ucc);
      await files.deletePublish(ucc);
      published.delete(uccKey(ucc));
    },
    // The folder is the source of truth and is never emptied behind this process's back.
    importIfEmpty: () => Promise.resolve(false),
    onRemoteChange: () => undefined,
  };
}
