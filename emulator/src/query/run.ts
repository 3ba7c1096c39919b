/** Runs one GetConnector request: validate everything first (AFAS fails the whole call), then filter, sort, page. */
import type { Connector } from '../connectors.js';
import { toAfasJson } from '../dates.js';
import type { Cell, Row } from '../schema.js';
import { parseFilters, rowMatches } from './filters.js';
import { parseOrdering, sortRows } from './ordering.js';
import { page, parsePaging } from './paging.js';
import type { QueryParams } from './params.js';

export interface ConnectorResult {
  skip: number;
  take: number;
  rows: Record<string, Cell>[];
}

/** Throws AfasFailure for anything AFAS would refuse. */
export function runConnector(connector: Connector, params: QueryParams): ConnectorResult {
  const paging = parsePaging(params);
  const filters = parseFilters(params, connector);
  const ordering = parseOrdering(params, connector);
  const matching = connector.rows.filter((row) => rowMatches(row, filters));
  const rows = page(sortRows(matching, ordering), paging).map((row) => toWire(connector, row));
  return { skip: paging.skip, take: paging.take, rows };
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
