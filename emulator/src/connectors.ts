/** The GetConnectors as the outside sees them: configured ids, renamed field ids, rows in storage order. */
import type { Dataset } from './data/builder.js';
import type { Random } from './random.js';
import { caseFields, contactFields, type DataType, type FieldDef, type Row } from './schema.js';

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
   * Rows in "database order": a fixed shuffle, never the id order, so a client that forgets
   * `orderbyfieldids` gets an order it cannot rely on.
   */
  rows: readonly Row[];
}

export interface ConnectorIds {
  contacts?: string;
  cases?: string;
}

function connector(
  id: string,
  description: string,
  defs: readonly FieldDef[],
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
  return { id, description, fields, byId, rows: rng.shuffle(rows) };
}

export function buildConnectors(data: Dataset, ids: ConnectorIds, rename: Readonly<Record<string, string>>, rng: Random): Connector[] {
  const known = new Set([...contactFields, ...caseFields].map((f) => f.id));
  for (const [from, to] of Object.entries(rename)) {
    if (!known.has(from)) throw new Error(`fieldRename: unknown field id '${from}'`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(to)) throw new Error(`fieldRename: '${to}' is not a usable field id`);
  }
  const contacts = ids.contacts ?? 'Profit_Contacts';
  const cases = ids.cases ?? 'ProfitSubjectsAuthorized';
  if (contacts.toLowerCase() === cases.toLowerCase()) throw new Error('The two connector ids must differ');
  return [
    connector(contacts ?? 'Profit_Contacts', 'Contactpersonen (communicatie)', contactFields, data.contacts, rename, rng),
    connector(cases, 'Dossieritems (met autorisatie)', caseFields, data.cases, rename, rng),
  ];
}

/** Connector ids are matched like the rest of the URL: without regard to case. */
export function findConnector(connectors: readonly Connector[], id: string): Connector | undefined {
  const lower = id.toLowerCase();
  return connectors.find((c) => c.id.toLowerCase() === lower);
}
