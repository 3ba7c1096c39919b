/** Allocates ids and turns typed inputs into full connector rows (every column present, null when empty). */
import type { Cell, CaseStat, Row } from '../schema.js';

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

/** Empty text is stored as NULL, as AFAS does. */
const cell = <T extends Cell>(v: T | undefined): T | null => (v === undefined || v === '' ? null : v);

/**
 * Rows are object literals with every column in schema order (not built key by key): V8 then keeps all
 * columns in the object itself: the heap of a 250,000-contact data set went from 550 to 195 MB, with far less GC.
 */
function contactRow(id: number, c: ContactInput): Row {
  return {
    Type: c.Type, ContactId: id, Name: cell(c.Name), FullName: cell(c.FullName), OrgNumber: cell(c.OrgNumber),
    PerNumber: cell(c.PerNumber), Department: cell(c.Department), Blocked: c.Blocked ?? false,
    AddressLine1: cell(c.AddressLine1), AddressLine3: cell(c.AddressLine3), AddressLine4: cell(c.AddressLine4),
    TelWork: cell(c.TelWork), MobWork: cell(c.MobWork), MailWork: cell(c.MailWork), TelPrivate: cell(c.TelPrivate),
    MobPrivate: cell(c.MobPrivate), MailPrivate: cell(c.MailPrivate), Function: cell(c.Function),
    FunctionCard: cell(c.FunctionCard), Gender: cell(c.Gender), Note: cell(c.Note), CreateDate: c.CreateDate,
    ModifiedDate: c.ModifiedDate,
  };
}

function caseRow(ids: { SbId: number; DoId: number }, owner: OrgPer, c: CaseInput): Row {
  return {
    SbTy: c.SbTy, SbId: ids.SbId, DaSe: c.DaSe, Ds: cell(c.Ds), Memo: cell(c.Memo), Stat: c.Stat, DoId: ids.DoId,
    FeV1: c.FeV1 ?? null, FeV2: c.FeV2 ?? null, FeV3: c.FeV3 ?? null, BcId: owner.bcId, BcCd: owner.bcCo,
    ToEr: c.ToEr ?? false,
  };
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
    const row = contactRow(this.nextContactId++, input);
    this.contacts.push(row);
    return row;
  }

  case(owner: OrgPer, input: CaseInput): Row {
    const row = caseRow({ SbId: this.nextSbId++, DoId: this.nextDoId++ }, owner, input);
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
