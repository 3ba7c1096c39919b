/**
 * A connector's rows as a small database table: a clustered index on the int key (rows kept in key order, so a
 * keyset page or an id lookup never sorts or scans the table), optional lookup indexes on other int fields,
 * and a fixed "storage order" that unordered queries return, as a database returns rows in no promised order.
 */
import type { Random } from './random.js';
import type { Cell, Row } from './schema.js';

/** One stored row. The entry stays put while its row is replaced, so every index sees a change at once. */
export interface Entry {
  row: Row;
  /** Position in storage order; unordered results are returned by rank. */
  readonly rank: number;
  live: boolean;
}

const keyOf = (row: Row, key: string): number => {
  const v = row[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`Row without an int ${key}`);
  return v;
};

export class Table {
  /** Live entries in ascending key order. */
  private readonly byKey: Entry[];
  /** Every entry in storage order; deleted ones stay as tombstones (live = false) so ranks keep their meaning. */
  private readonly storage: Entry[];
  private readonly lookups = new Map<string, Map<number, Entry[]>>();

  /**
   * `rows` in any order (usually ascending key); `rng` shuffles them into the storage order.
   * `lookupFields`: other int fields with a (non-unique) index.
   */
  constructor(
    readonly key: string,
    rows: readonly Row[],
    rng: Random,
    readonly lookupFields: readonly string[] = [],
  ) {
    const order = rng.shuffle(rows.map((_, i) => i));
    const rankOf = new Int32Array(rows.length);
    order.forEach((i, rank) => (rankOf[i] = rank));
    const entries = rows.map((row, i): Entry => ({ row, rank: rankOf[i], live: true }));
    this.storage = order.map((i) => entries[i]);
    const sorted = entries.every((e, i) => i === 0 || keyOf(entries[i - 1].row, key) < keyOf(e.row, key));
    this.byKey = sorted ? entries : entries.sort((a, b) => keyOf(a.row, key) - keyOf(b.row, key));
    for (const field of lookupFields) {
      const index = new Map<number, Entry[]>();
      for (const e of entries) this.addToLookup(index, e.row[field], e);
      this.lookups.set(field, index);
    }
  }

  get size(): number {
    return this.byKey.length;
  }

  /** Live entries by ascending key. Read-only: changes go through replace/remove. */
  keyOrder(): readonly Entry[] {
    return this.byKey;
  }

  /** Every entry in storage order, tombstones included (skip those with live = false). */
  storageOrder(): readonly Entry[] {
    return this.storage;
  }

  /** Whether equality on this field is an index seek. */
  isIndexed(field: string): boolean {
    return field === this.key || this.lookups.has(field);
  }

  /** Entries whose indexed `field` equals `value`. */
  seek(field: string, value: number): readonly Entry[] {
    if (field === this.key) {
      const e = this.get(value);
      return e ? [e] : [];
    }
    return this.lookups.get(field)?.get(value) ?? [];
  }

  get(key: number): Entry | undefined {
    const i = this.lowerBound(key);
    const e = this.byKey[i] as Entry | undefined;
    return e && keyOf(e.row, this.key) === key ? e : undefined;
  }

  /** Index in keyOrder() of the first entry whose key is >= `key` (or > `key` when `exclusive`). */
  lowerBound(key: number, exclusive = false): number {
    let lo = 0;
    let hi = this.byKey.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = keyOf(this.byKey[mid].row, this.key);
      if (k < key || (exclusive && k === key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Puts a new version of a row in place; its key must not change. */
  replace(entry: Entry, row: Row): void {
    if (!entry.live) throw new Error('replace: row was deleted');
    if (keyOf(row, this.key) !== keyOf(entry.row, this.key)) throw new Error(`replace: ${this.key} cannot change`);
    for (const [field, index] of this.lookups) {
      if (row[field] === entry.row[field]) continue;
      this.removeFromLookup(index, entry.row[field], entry);
      this.addToLookup(index, row[field], entry);
    }
    entry.row = row;
  }

  remove(entry: Entry): void {
    if (!entry.live) return;
    const i = this.lowerBound(keyOf(entry.row, this.key));
    this.byKey.splice(i, 1);
    for (const [field, index] of this.lookups) this.removeFromLookup(index, entry.row[field], entry);
    entry.live = false;
  }

  private addToLookup(index: Map<number, Entry[]>, value: Cell, e: Entry): void {
    if (typeof value !== 'number') return;
    const bucket = index.get(value);
    if (bucket) bucket.push(e);
    else index.set(value, [e]);
  }

  private removeFromLookup(index: Map<number, Entry[]>, value: Cell, e: Entry): void {
    if (typeof value !== 'number') return;
    const bucket = index.get(value)?.filter((x) => x !== e);
    if (bucket && bucket.length > 0) index.set(value, bucket);
    else index.delete(value);
  }
}
