/**
 * Chooses how a query reads the table, as SQL Server would with the indexes the emulator assumes (schema.ts):
 * an index seek for equality on an indexed int field, a range on the key (keyset paging), or a scan. The
 * choice decides both the real work done and the emulated cost.
 */
import type { Table } from '../table.js';
import type { Condition, Disjunction } from './filters.js';
import type { SortKey } from './ordering.js';

export interface Bound {
  key: number;
  inclusive: boolean;
}

export interface Seek {
  field: string;
  value: number;
}

export type Access = { kind: 'seek'; seeks: readonly Seek[] } | { kind: 'range'; low: Bound | null; high: Bound | null } | { kind: 'scan' };

/** The order rows come out in: storage order, key order either way, or sorted after reading. */
export type Order = 'storage' | 'keyAscending' | 'keyDescending' | 'sort';

export interface Plan {
  access: Access;
  order: Order;
}

const intOperand = (c: Condition): number | null => (typeof c.operand === 'number' ? c.operand : null);

/** The group's equality on an indexed int field, if it has one. */
function seekIn(table: Table, group: readonly Condition[]): Seek | null {
  for (const c of group) {
    const value = intOperand(c);
    if (c.operator === 1 && value !== null && table.isIndexed(c.field.canonical)) return { field: c.field.canonical, value };
  }
  return null;
}

/** Each OR group must seek, or the whole disjunction has to scan. */
function seeks(table: Table, d: Disjunction): Seek[] | null {
  const out: Seek[] = [];
  for (const group of d) {
    const s = seekIn(table, group);
    if (!s) return null;
    out.push(s);
  }
  return out;
}

interface Interval {
  low: Bound | null;
  high: Bound | null;
}

const tighterLow = (a: Bound | null, b: Bound): Bound => (!a || b.key > a.key || (b.key === a.key && !b.inclusive) ? b : a);
const tighterHigh = (a: Bound | null, b: Bound): Bound => (!a || b.key < a.key || (b.key === a.key && !b.inclusive) ? b : a);
/** null = unbounded, which is the loosest of all. */
const looserLow = (a: Bound | null, b: Bound | null): Bound | null =>
  !a || !b ? null : b.key < a.key || (b.key === a.key && b.inclusive) ? b : a;
const looserHigh = (a: Bound | null, b: Bound | null): Bound | null =>
  !a || !b ? null : b.key > a.key || (b.key === a.key && b.inclusive) ? b : a;

/** The key interval one AND group allows, or null when it puts no bound on the key. */
function groupRange(table: Table, group: readonly Condition[]): Interval | null {
  let low: Bound | null = null;
  let high: Bound | null = null;
  let bounded = false;
  for (const c of group) {
    const key = intOperand(c);
    if (c.field.canonical !== table.key || key === null || c.operator === 7) continue;
    bounded = true;
    if (c.operator === 1 || c.operator === 2) low = tighterLow(low, { key, inclusive: true });
    if (c.operator === 1 || c.operator === 3) high = tighterHigh(high, { key, inclusive: true });
    if (c.operator === 4) low = tighterLow(low, { key, inclusive: false });
    if (c.operator === 5) high = tighterHigh(high, { key, inclusive: false });
  }
  return bounded ? { low, high } : null;
}

/** The smallest key interval holding every OR group's interval, or null when a group leaves the key open. */
function range(table: Table, d: Disjunction): Interval | null {
  let hull: Interval | null = null;
  for (const group of d) {
    const r = groupRange(table, group);
    if (!r) return null;
    hull = hull ? { low: looserLow(hull.low, r.low), high: looserHigh(hull.high, r.high) } : r;
  }
  return hull;
}

function accessFor(table: Table, filters: readonly Disjunction[]): Access {
  for (const d of filters) {
    const s = seeks(table, d);
    if (s) return { kind: 'seek', seeks: s };
  }
  for (const d of filters) {
    const r = range(table, d);
    if (r) return { kind: 'range', ...r };
  }
  return { kind: 'scan' };
}

function orderFor(table: Table, ordering: readonly SortKey[]): Order {
  if (ordering.length === 0) return 'storage';
  // The key is unique, so any sort keys after it never decide anything.
  if (ordering[0].field.canonical === table.key) return ordering[0].direction === 1 ? 'keyAscending' : 'keyDescending';
  return 'sort';
}

export function planQuery(table: Table, filters: readonly Disjunction[], ordering: readonly SortKey[]): Plan {
  return { access: accessFor(table, filters), order: orderFor(table, ordering) };
}
