/** Runs one GetConnector request: validate everything first (AFAS fails the whole call), then plan, read, page. */
import type { Connector } from '../connectors.js';
import { toAfasJson } from '../dates.js';
import type { Cell, Row } from '../schema.js';
import { parseFilters, rowMatcher, usesLike } from './filters.js';
import { parseOrdering, sortRows } from './ordering.js';
import { page, parsePaging } from './paging.js';
import type { QueryParams } from './params.js';
import { planQuery, type Access } from './plan.js';
import { readRows } from './read.js';

export interface ConnectorResult {
  skip: number;
  take: number;
  rows: Record<string, Cell>[];
}

/** What the query cost the emulated database; the cost model turns it into time. */
export interface QueryStats {
  access: Access['kind'];
  /** The filter has a LIKE (operators 6, 10–14). */
  like: boolean;
  rowsScanned: number;
  rowsReturned: number;
}

/** Throws AfasFailure for anything AFAS would refuse. */
export function runConnector(connector: Connector, params: QueryParams): { result: ConnectorResult; stats: QueryStats } {
  const paging = parsePaging(params);
  const filters = parseFilters(params, connector);
  const ordering = parseOrdering(params, connector);
  const plan = planQuery(connector.table, filters, ordering);
  const read = readRows(connector.table, plan, {
    matches: rowMatcher(filters),
    wanted: paging.all ? Infinity : paging.skip + paging.take,
    sort: (rows) => sortRows(rows, ordering),
  });
  const rows = page(read.rows, paging).map((row) => toWire(connector, row));
  return {
    result: { skip: paging.skip, take: paging.take, rows },
    stats: { access: plan.access.kind, like: usesLike(filters), rowsScanned: read.scanned, rowsReturned: rows.length },
  };
}

/** Every column, in connector order, under its outward id; dates in AFAS's wire form. */
function toWire(connector: Connector, row: Row): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const f of connector.fields) {
    const v = row[f.canonical];
    out[f.id] = f.dataType === 'date' && typeof v === 'string' ? toAfasJson(v) : v;
  }
  return out;
}
