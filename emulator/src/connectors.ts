/** The GetConnectors as the outside sees them: configured ids, renamed field ids, rows in storage order. */
import type { Dataset } from './data/builder.js';
import type { Random } from './random.js';
import { caseFields, caseIndexes, contactFields, contactIndexes, type DataType, type FieldDef, type IndexDef, type Row } from './schema.js';
import { Table } from './table.js';

export interface ConnectorField {
  /** The id clients see and filter on. */
  id: string;
  /** The id the stored rows use. */
  canonical: string;
  dataType: DataType;
  label: string;
  length: number;
  /** Metainfo's internal code, e.g. U004. */
  fieldId: string;
}

export interface Connector {
  id: string;
  description: string;
  fields: readonly ConnectorField[];
  byId: ReadonlyMap<string, ConnectorField>;
  /**
   * The rows, indexed on the int key; unordered results come in a fixed shuffle, never the id order, so a
   * client that forgets `orderbyfieldids` gets an order it cannot rely on.
   */
  table: Table;
}

export interface ConnectorIds {
  contacts?: string;
  cases?: string;
}

function connector(
  id: string,
  description: string,
  defs: readonly FieldDef[],
  indexes: IndexDef,
  rows: readonly Row[],
  rename: Readonly<Record<string, string>>,
  rng: Random,
): Connector {
  const fields = defs.map((d, i): ConnectorField => ({
    id: rename[d.id] ?? d.id,
    canonical: d.id,
    dataType: d.dataType,
    label: d.label,
    length: d.length,
    fieldId: `U${String(i + 1).padStart(3, '0')}`,
  }));
  const byId = new Map(fields.map((f) => [f.id, f]));
  if (byId.size !== fields.length) throw new Error(`fieldRename makes two fields of ${id} share an id`);
  return { id, description, fields, byId, table: new Table(indexes.key, rows, rng, indexes.lookups) };
}

export interface Connectors {
  contacts: Connector;
  cases: Connector;
}

export function buildConnectors(data: Dataset, ids: ConnectorIds, rename: Readonly<Record<string, string>>, rng: Random): Connectors {
  const known = new Set([...contactFields, ...caseFields].map((f) => f.id));
  for (const [from, to] of Object.entries(rename)) {
    if (!known.has(from)) throw new Error(`fieldRename: unknown field id '${from}'`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(to)) throw new Error(`fieldRename: '${to}' is not a usable field id`);
  }
  const contacts = ids.contacts ?? 'Profit_Contacts';
  const cases = ids.cases ?? 'ProfitSubjectsAuthorized';
  if (contacts.toLowerCase() === cases.toLowerCase()) throw new Error('The two connector ids must differ');
  return {
    contacts: connector(contacts, 'Contactpersonen (communicatie)', contactFields, contactIndexes, data.contacts, rename, rng),
    cases: connector(cases, 'Dossieritems (met autorisatie)', caseFields, caseIndexes, data.cases, rename, rng),
  };
}

/** Connector ids are matched like the rest of the URL: without regard to case. */
export function findConnector(connectors: readonly Connector[], id: string): Connector | undefined {
  const lower = id.toLowerCase();
  return connectors.find((c) => c.id.toLowerCase() === lower);
}
