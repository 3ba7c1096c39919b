/** Allocates ids and turns typed inputs into full connector rows (every column present, null when empty). */
import { caseFields, contactFields, type Cell, type CaseStat, type FieldDef, type Row } from '../schema.js';

export type ContactType = 'ORG' | 'PRS' | 'PER' | 'AFD';

/** An organisation or person ("organisatie/persoon"); contacts and dossier items hang off these. */
export interface OrgPer {
  kind: 'ORG' | 'PER';
  /** Internal id (BcId). */
  bcId: number;
  /** Organisation/person number (BcCo), what Profit_Contacts shows as OrgNumber/PerNumber. */
  bcCo: string;
  name: string;
}

export interface ContactInput {
  Type: ContactType;
  Name: string;
  FullName?: string;
  OrgNumber?: string;
  PerNumber?: string;
  Department?: string;
  Blocked?: boolean;
  AddressLine1?: string;
  AddressLine3?: string;
  AddressLine4?: string;
  TelWork?: string;
  MobWork?: string;
  MailWork?: string;
  TelPrivate?: string;
  MobPrivate?: string;
  MailPrivate?: string;
  Function?: string;
  FunctionCard?: string;
  Gender?: 'M' | 'V' | 'O';
  Note?: string;
  CreateDate: string;
  ModifiedDate: string;
}

export interface CaseInput {
  SbTy: number;
  DaSe: string;
  Ds: string;
  Memo?: string;
  Stat: CaseStat;
  FeV1?: number;
  FeV2?: number;
  FeV3?: number;
  ToEr?: boolean;
}

export interface Dataset {
  orgPers: readonly OrgPer[];
  /** Profit_Contacts rows in ContactId order, canonical field ids. */
  contacts: readonly Row[];
  /** ProfitSubjectsAuthorized rows in SbId order, canonical field ids. */
  cases: readonly Row[];
}

function fullRow(fields: readonly FieldDef[], values: Record<string, Cell | undefined>): Row {
  const row: Record<string, Cell> = {};
  for (const f of fields) {
    const v = values[f.id];
    row[f.id] = v === undefined || v === '' ? null : v;
  }
  return row;
}

export class DatasetBuilder {
  private nextContactId = 1001;
  private nextBcId = 30001;
  private nextBcCo = 100001;
  private nextSbId = 50001;
  private nextDoId = 7001;
  readonly orgPers: OrgPer[] = [];
  readonly contacts: Row[] = [];
  readonly cases: Row[] = [];

  orgPer(kind: 'ORG' | 'PER', name: string): OrgPer {
    const op: OrgPer = { kind, bcId: this.nextBcId++, bcCo: String(this.nextBcCo++), name };
    this.orgPers.push(op);
    return op;
  }

  contact(input: ContactInput): Row {
    const row = fullRow(contactFields, { ...input, Blocked: input.Blocked ?? false, ContactId: this.nextContactId++ });
    this.contacts.push(row);
    return row;
  }

  case(owner: OrgPer, input: CaseInput): Row {
    const row = fullRow(caseFields, {
      ...input,
      ToEr: input.ToEr ?? false,
      SbId: this.nextSbId++,
      DoId: this.nextDoId++,
      BcId: owner.bcId,
      BcCd: owner.bcCo,
    });
    this.cases.push(row);
    return row;
  }

  get contactCount(): number {
    return this.contacts.length;
  }

  build(): Dataset {
    return { orgPers: this.orgPers, contacts: this.contacts, cases: this.cases };
  }
}
