/** What the index keeps of a contact: its id and the values its cases are found by. Never a name, number or address. */
export interface IndexedContact {
  id: string;
  caseKeys: string[];
}

/** A contact as a refresh changes it: put with the hashes of its values, or removed (blocked, nothing to find it by). */
export type IndexChange = { put: IndexedContact; hashes: number[] } | { remove: string };

/** Plain decimal integers are kept as numbers (8 bytes in an array), anything else as text. */
const compact = (value: string): string | number => (/^[1-9]\d{0,14}$/.test(value) ? Number(value) : value);
const text = (value: string | number | null): string => (value === null ? '' : String(value));

/**
 * The caller index in this process: value hashes (see index-keys.ts) to contacts, laid out in flat arrays of small
 * numbers so that 250,000 contacts fit in a few tens of MB (the benchmark prints the bytes per value). A contact lives
 * in a slot; changing it frees its slot and takes a new one, and a full rebuild starts a fresh table.
 */
export class IndexTable {
  /** hash → slot, or -(1 + i) for the i-th list of slots when several contacts share the value. */
  private readonly byHash = new Map<number, number>();
  private readonly shared: number[][] = [];
  /** Per slot; null once the contact changed or vanished. */
  private readonly ids: (string | number | null)[] = [];
  private readonly caseKeyStart: number[] = [];
  private readonly caseKeyList: (string | number)[] = [];
  private readonly hashStart: number[] = [];
  private readonly hashList: number[] = [];
  private readonly slotOfId = new Map<string | number, number>();
  private valueCount = 0;

  get contacts(): number {
    return this.slotOfId.size;
  }

  /** Distinct (contact, value) pairs indexed. */
  get values(): number {
    return this.valueCount;
  }

  /** Applies a build's or a refresh's changes, in order. */
  apply(changes: readonly IndexChange[]): void {
    for (const c of changes) {
      if ('remove' in c) this.remove(c.remove);
      else this.put(c.put, c.hashes);
    }
  }

  /** Adds or replaces a contact with the hashes of its values (duplicates ignored). */
  put(contact: IndexedContact, hashes: readonly number[]): void {
    this.remove(contact.id);
    const slot = this.ids.length;
    const id = compact(contact.id);
    this.ids.push(id);
    this.slotOfId.set(id, slot);
    this.caseKeyStart.push(this.caseKeyList.length);
    for (const key of contact.caseKeys) this.caseKeyList.push(compact(key));
    this.hashStart.push(this.hashList.length);
    for (const hash of new Set(hashes)) {
      this.hashList.push(hash);
      this.link(hash, slot);
      this.valueCount++;
    }
  }

  /** Forgets a contact (changed: put() again; blocked or deleted: gone). */
  remove(contactId: string): void {
    const id = compact(contactId);
    const slot = this.slotOfId.get(id);
    if (slot === undefined) return;
    this.slotOfId.delete(id);
    this.ids[slot] = null;
    for (const hash of this.hashesOf(slot)) {
      this.unlink(hash, slot);
      this.valueCount--;
    }
  }

  /** Everything the table keeps (hashes, ids, case keys), for the privacy test: never a name, number or address. */
  held(): (string | number)[] {
    const live = this.ids.filter((id): id is string | number => id !== null);
    return [...this.byHash.keys(), ...live, ...this.caseKeyList, ...this.hashList, ...this.shared.flat()];
  }

  /** Every contact with the hashes of its values (to copy the table into a shared store). */
  *contactsWithHashes(): Generator<{ contact: IndexedContact; hashes: number[] }> {
    for (const slot of this.slotOfId.values()) yield { contact: this.contactAt(slot), hashes: this.hashesOf(slot) };
  }

  /** The contacts holding any of these hashes, each once. */
  find(hashes: readonly number[]): IndexedContact[] {
    const slots = new Set<number>();
    for (const hash of hashes) {
      const at = this.byHash.get(hash);
      if (at === undefined) continue;
      if (at >= 0) slots.add(at);
      else for (const slot of this.shared[-at - 1] ?? []) slots.add(slot);
    }
    return [...slots].map((slot) => this.contactAt(slot));
  }

  private contactAt(slot: number): IndexedContact {
    const end = slot + 1 < this.caseKeyStart.length ? (this.caseKeyStart[slot + 1] ?? 0) : this.caseKeyList.length;
    return { id: text(this.ids[slot] ?? null), caseKeys: this.caseKeyList.slice(this.caseKeyStart[slot], end).map(text) };
  }

  private hashesOf(slot: number): number[] {
    const end = slot + 1 < this.hashStart.length ? (this.hashStart[slot + 1] ?? 0) : this.hashList.length;
    return this.hashList.slice(this.hashStart[slot], end);
  }

  private link(hash: number, slot: number): void {
    const at = this.byHash.get(hash);
    if (at === undefined) this.byHash.set(hash, slot);
    else if (at >= 0) {
      this.shared.push([at, slot]);
      this.byHash.set(hash, -this.shared.length);
    } else this.shared[-at - 1]?.push(slot);
  }

  private unlink(hash: number, slot: number): void {
    const at = this.byHash.get(hash);
    if (at === undefined) return;
    if (at >= 0) {
      if (at === slot) this.byHash.delete(hash);
      return;
    }
    const list = this.shared[-at - 1];
    if (!list) return;
    const i = list.indexOf(slot);
    if (i >= 0) list.splice(i, 1);
    // A list left with one slot stays a list: lists are few (shared numbers), and their index must stay stable.
    if (list.length === 0) this.byHash.delete(hash);
  }
}
