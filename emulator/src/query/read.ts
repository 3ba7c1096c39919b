/**
 * Reads the rows a plan selects, in the plan's order, and counts the rows it had to look at. When rows already
 * come out in the requested order, reading stops as soon as the page is full, as a database does with TOP n.
 */
import type { Row } from '../schema.js';
import type { Entry, Table } from '../table.js';
import type { Plan, Seek } from './plan.js';

export interface ReadResult {
  /** Matching rows in final order, from the first row on (paging is applied afterwards). */
  rows: Row[];
  /** Rows looked at: index entries fetched or rows scanned. */
  scanned: number;
}

export interface ReadRequest {
  matches: (row: Row) => boolean;
  /** Rows needed up to the end of the page (skip + take; Infinity for everything). */
  wanted: number;
  /** Orders rows for plan.order 'sort'; stable, so ties keep the order they come in. */
  sort: (rows: Row[]) => Row[];
}

/** Matching entries found through an index or a range, put in the plan's order. */
function arrange(table: Table, entries: Entry[], plan: Plan, req: ReadRequest): Row[] {
  if (plan.order === 'keyAscending' || plan.order === 'keyDescending') {
    const dir = plan.order === 'keyAscending' ? 1 : -1;
    return entries.map((e) => e.row).sort((a, b) => dir * (Number(a[table.key]) - Number(b[table.key])));
  }
  const rows = entries.sort((a, b) => a.rank - b.rank).map((e) => e.row);
  return plan.order === 'sort' ? req.sort(rows) : rows;
}

function readSeek(table: Table, seeks: readonly Seek[], plan: Plan, req: ReadRequest): ReadResult {
  const found = new Set<Entry>();
  for (const s of seeks) for (const e of table.seek(s.field, s.value)) found.add(e);
  const matching = [...found].filter((e) => req.matches(e.row));
  return { rows: arrange(table, matching, plan, req), scanned: found.size };
}

/** Positions [from, to) in key order that the plan's key range covers (all of them for a scan). */
function span(table: Table, plan: Plan): [number, number] {
  const { access } = plan;
  if (access.kind !== 'range') return [0, table.size];
  const from = access.low ? table.lowerBound(access.low.key, !access.low.inclusive) : 0;
  const to = access.high ? table.lowerBound(access.high.key, access.high.inclusive) : table.size;
  return [from, Math.max(from, to)];
}

/** Walks the key order (forwards or backwards) and stops when the page is full. */
function readInKeyOrder(table: Table, plan: Plan, req: ReadRequest): ReadResult {
  const keyed = table.keyOrder();
  const [from, to] = span(table, plan);
  const rows: Row[] = [];
  let scanned = 0;
  const forwards = plan.order === 'keyAscending';
  for (let i = forwards ? from : to - 1; i >= from && i < to && rows.length < req.wanted; i += forwards ? 1 : -1) {
    scanned += 1;
    if (req.matches(keyed[i].row)) rows.push(keyed[i].row);
  }
  return { rows, scanned };
}

function readRange(table: Table, plan: Plan, req: ReadRequest): ReadResult {
  const [from, to] = span(table, plan);
  const found = table
    .keyOrder()
    .slice(from, to)
    .filter((e) => req.matches(e.row));
  return { rows: arrange(table, found, plan, req), scanned: to - from };
}

/** Storage order; it stops early only when no sort follows. */
function readScan(table: Table, plan: Plan, req: ReadRequest): ReadResult {
  const limit = plan.order === 'storage' ? req.wanted : Infinity;
  const rows: Row[] = [];
  let scanned = 0;
  for (const e of table.storageOrder()) {
    if (rows.length >= limit) break;
    if (!e.live) continue;
    scanned += 1;
    if (req.matches(e.row)) rows.push(e.row);
  }
  return { rows: plan.order === 'sort' ? req.sort(rows) : rows, scanned };
}

export function readRows(table: Table, plan: Plan, req: ReadRequest): ReadResult {
  if (plan.access.kind === 'seek') return readSeek(table, plan.access.seeks, plan, req);
  if (plan.order === 'keyAscending' || plan.order === 'keyDescending') return readInKeyOrder(table, plan, req);
  if (plan.access.kind === 'range') return readRange(table, plan, req);
  return readScan(table, plan, req);
}
