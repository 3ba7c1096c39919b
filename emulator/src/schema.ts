/** Column sets of the two emulated GetConnectors, with AFAS data types and Dutch labels. */

export type DataType = 'string' | 'int' | 'boolean' | 'date';

/** A stored value. Dates are Amsterdam wall-clock text `YYYY-MM-DDTHH:mm:ss.mmm` (AFAS keeps sub-seconds). */
export type Cell = string | number | boolean | null;
export type Row = Readonly<Record<string, Cell>>;

export interface FieldDef {
  id: string;
  dataType: DataType;
  label: string;
  length: number;
}

const f = (id: string, dataType: DataType, label: string, length = 0): FieldDef => ({ id, dataType, label, length });

export const contactFields: readonly FieldDef[] = [
  f('Type', 'string', 'Type contact', 3),
  f('ContactId', 'int', 'Contactnummer', 9),
  f('Name', 'string', 'Naam', 255),
  f('FullName', 'string', 'Volledige naam', 255),
  f('OrgNumber', 'string', 'Nummer organisatie', 15),
  f('PerNumber', 'string', 'Nummer persoon', 15),
  f('Department', 'string', 'Afdeling', 80),
  f('Blocked', 'boolean', 'Geblokkeerd'),
  f('AddressLine1', 'string', 'Adresregel 1', 255),
  f('AddressLine3', 'string', 'Adresregel 3', 255),
  f('AddressLine4', 'string', 'Adresregel 4', 255),
  f('TelWork', 'string', 'Telefoonnr. werk', 30),
  f('MobWork', 'string', 'Mobiel werk', 30),
  f('MailWork', 'string', 'E-mail werk', 255),
  f('TelPrivate', 'string', 'Telefoonnr. privé', 30),
  f('MobPrivate', 'string', 'Mobiel privé', 30),
  f('MailPrivate', 'string', 'E-mail privé', 255),
  f('Function', 'string', 'Functie', 80),
  f('FunctionCard', 'string', 'Functie visitekaart', 80),
  f('Gender', 'string', 'Geslacht', 1),
  f('Note', 'string', 'Opmerking', 0),
  f('CreateDate', 'date', 'Aanmaakdatum'),
  f('ModifiedDate', 'date', 'Datum gewijzigd'),
];

export const caseFields: readonly FieldDef[] = [
  f('SbTy', 'int', 'Type dossieritem', 9),
  f('SbId', 'int', 'Dossieritem', 9),
  f('DaSe', 'date', 'Datum indienen'),
  f('Ds', 'string', 'Onderwerp', 255),
  f('Memo', 'string', 'Toelichting', 0),
  f('Stat', 'string', 'Status', 50),
  f('DoId', 'int', 'Nummer', 9),
  f('FeV1', 'int', 'Kenmerk 1', 9),
  f('FeV2', 'int', 'Kenmerk 2', 9),
  f('FeV3', 'int', 'Kenmerk 3', 9),
  f('BcId', 'int', 'Organisatie/persoon (intern)', 9),
  f('BcCd', 'string', 'Organisatie/persoon', 15),
  f('ToEr', 'boolean', 'Werkgever'),
];

/**
 * Indexes as the emulator assumes AFAS's SQL Server has them: each connector's int key (unique, the rows are
 * kept in its order) and other int id fields. Every other column, text included, has none: filtering on it scans.
 */
export interface IndexDef {
  key: string;
  lookups: readonly string[];
}

export const contactIndexes: IndexDef = { key: 'ContactId', lookups: [] };
export const caseIndexes: IndexDef = { key: 'SbId', lookups: ['BcId'] };

/** Dossier item types (SbTy) used in the data. */
export const subjectTypes: Readonly<Record<number, string>> = {
  1: 'Klacht',
  2: 'Vraag',
  3: 'Storing',
  4: 'Offerteaanvraag',
  5: 'Terugbelverzoek',
  6: 'Onderhoud',
};

export const caseStatuses = ['Nieuw', 'In behandeling', 'Wacht op klant', 'Afgehandeld', 'Gesloten'] as const;
export type CaseStat = (typeof caseStatuses)[number];
