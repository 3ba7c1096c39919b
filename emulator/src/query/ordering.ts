/** `orderbyfieldids=A,-B`: a leading '-' sorts descending; ties keep the connector's own (shuffled) order. */
import type { Connector, ConnectorField } from '../connectors.js';
import type { Row } from '../schema.js';
import { fieldOf } from './filters.js';
import type { QueryParams } from './params.js';
import { compareForSort } from './values.js';

export interface SortKey {
  field: ConnectorField;
  direction: 1 | -1;
}

export function parseOrdering(params: QueryParams, connector: Connector): SortKey[] {
  const text = params.get('orderbyfieldids') ?? '';
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const id = part.trim();
    const descending = id.startsWith('-');
    return { field: fieldOf(connector, descending ? id.slice(1) : id), direction: descending ? -1 : 1 };
  });
}

export function sortRows(rows: Row[], keys: readonly SortKey[]): Row[] {
  if (keys.length === 0) return rows;
  return rows.sort((a, b) => {
    for (const { field, direction } of keys) {
      const c = compareForSort(field.dataType, a[field.canonical], b[field.canonical]);
      if (c !== 0) return c * direction;
    }
    return 0;
  });
}
