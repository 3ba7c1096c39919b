import type { QualityReport } from './data-quality.js';
import { IndexTable, type IndexChange, type IndexedContact } from './index-table.js';

/** The caller index's state, shared by every instance that uses the index (see caller-index.ts). */
export interface IndexMeta {
  builtAt?: number;
  refreshedAt?: number;
  /** When the last successful build or refresh began: the next refresh asks for rows changed since then. */
  syncedFrom: number;
  nextRebuildAt: number;
  contacts: number;
  values: number;
  /** While a build runs. */
  progress?: { contactsRead: number; pages: number };
  lastError?: { code: string; message: string; at: string };
}

export type { IndexChange };

/**
 * Where the caller index lives: this process's memory (one instance), or Redis, where one instance builds and
 * refreshes it for the whole fleet and every instance answers from it.
 */
export interface IndexStore {
  /** Whether this instance builds and refreshes the index now (always, in memory; the lease holder, on Redis). */
  lead(): Promise<boolean>;
  /** The state as last seen. */
  meta(): IndexMeta;
  setMeta(meta: IndexMeta): Promise<void>;
  /** Contacts holding any of these value hashes. */
  find(hashes: readonly number[]): Promise<IndexedContact[]>;
  /** A full build's table replaces the index. */
  replace(table: IndexTable): Promise<void>;
  /** A refresh's changes; resolves with the index's contacts and values afterwards. */
  change(changes: readonly IndexChange[]): Promise<{ contacts: number; values: number }>;
  quality(): Promise<QualityReport | undefined>;
  setQuality(report: QualityReport): Promise<void>;
  /** Everything the index keeps, for the privacy test (see IndexTable.held). */
  held(): Promise<(string | number)[]>;
  /** Stops using the store; on Redis the builder gives its lease up, so another instance takes over at once. */
  close(): Promise<void>;
}

/** The index in this process's memory. */
export function memoryIndexStore(): IndexStore {
  let table: IndexTable | undefined;
  let meta: IndexMeta = { syncedFrom: 0, nextRebuildAt: 0, contacts: 0, values: 0 };
  let report: QualityReport | undefined;
  return {
    lead: () => Promise.resolve(true),
    meta: () => meta,
    setMeta(next) {
      meta = next;
      return Promise.resolve();
    },
    find: (hashes) => Promise.resolve(table?.find(hashes) ?? []),
    replace(next) {
      table = next;
      return Promise.resolve();
    },
    change(changes) {
      const t = (table ??= new IndexTable());
      t.apply(changes);
      return Promise.resolve({ contacts: t.contacts, values: t.values });
    },
    quality: () => Promise.resolve(report),
    setQuality(next) {
      report = next;
      return Promise.resolve();
    },
    held: () => Promise.resolve(table?.held() ?? []),
    close: () => Promise.resolve(),
  };
}
