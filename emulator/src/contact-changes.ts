/**
 * Contacts changed "in Profit" while the emulator runs (updateContact, blockContact, deleteContact and their
 * HTTP routes): every change sets ModifiedDate to now, as Profit does, so incremental sync can find it.
 */
import type { Connector, ConnectorField } from './connectors.js';
import { amsterdamWallClock, parseFilterDate } from './dates.js';
import type { Cell } from './schema.js';
import type { Entry } from './table.js';

/** Thrown for a change AFAS would refuse; `status` is what the HTTP control route answers. */
export class ContactChangeError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'ContactChangeError';
  }
}

const modifiedDate = 'ModifiedDate';

function invalid(field: ConnectorField, what: string): ContactChangeError {
  return new ContactChangeError(400, `${field.id}: ${what}`);
}

/** The value as stored, or an error when it does not fit the column (empty text is stored as NULL). */
function storedValue(field: ConnectorField, value: unknown): Cell {
  switch (field.dataType) {
    case 'string':
      if (value === null || value === '') return null;
      if (typeof value !== 'string') throw invalid(field, 'expected text or null');
      if (field.length > 0 && value.length > field.length) throw invalid(field, `longer than ${field.length} characters`);
      return value;
    case 'int':
      if (value === null) return null;
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid(field, 'expected an integer or null');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(field, 'expected true or false');
      return value;
    case 'date': {
      if (value === null) return null;
      const stored = typeof value === 'string' ? parseFilterDate(value) : null;
      if (stored === null) throw invalid(field, 'expected a date as YYYY-MM-DDTHH:mm:ss or null');
      return stored;
    }
  }
}

export class ContactChanges {
  constructor(
    private readonly contacts: Connector,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `fields` by the ids clients see; the key and ModifiedDate cannot be set. */
  update(contactId: number, fields: Readonly<Record<string, unknown>>): void {
    const entry = this.entry(contactId);
    const changes: Record<string, Cell> = {};
    for (const [id, value] of Object.entries(fields)) {
      const field = this.contacts.byId.get(id);
      if (!field) throw new ContactChangeError(400, `Unknown field '${id}'`);
      if (field.canonical === this.contacts.table.key || field.canonical === modifiedDate) throw invalid(field, 'read-only');
      changes[field.canonical] = storedValue(field, value);
    }
    this.write(entry, changes);
  }

  block(contactId: number): void {
    this.write(this.entry(contactId), { Blocked: true });
  }

  delete(contactId: number): void {
    this.contacts.table.remove(this.entry(contactId));
  }

  private entry(contactId: number): Entry {
    const entry = Number.isSafeInteger(contactId) ? this.contacts.table.get(contactId) : undefined;
    if (!entry) throw new ContactChangeError(404, `No contact ${String(contactId)}`);
    return entry;
  }

  private write(entry: Entry, changes: Readonly<Record<string, Cell>>): void {
    this.contacts.table.replace(entry, { ...entry.row, ...changes, [modifiedDate]: amsterdamWallClock(this.now()) });
  }
}
