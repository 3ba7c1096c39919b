/**
 * The admin API's answers as the page reads them (`GET {base}/api/v1/index`, `/outcomes`, `/data-quality`). The service
 * declares the same shapes in proxy/src (IndexStatus, LookupOutcomes, QualityReport); test/widget/admin.test.ts types
 * its fixtures against both, so the two cannot drift apart unnoticed.
 */
export const indexStates = ['off', 'building', 'ready', 'stale', 'failed'] as const;
export type IndexState = (typeof indexStates)[number];

export interface IndexStatus {
  state: IndexState;
  contacts: number;
  values: number;
  builtAt: string | null;
  refreshedAt: string | null;
  refresh: 'incremental' | 'full-rebuilds';
  refreshSeconds: number;
  progress?: { contactsRead: number; pages: number };
  lastError?: { code: string; message: string; at: string };
}

export const outcomeKinds = ['matched', 'ambiguous', 'none', 'anonymous'] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];
export type OutcomeCounts = Record<OutcomeKind, number>;

export interface LookupOutcomes {
  since: string;
  hours: number;
  uccs: ({ ucc: string } & OutcomeCounts)[];
}

export const qualityProblems = ['unparseable', 'shared', 'no-phone-or-email'] as const;
export type QualityProblem = (typeof qualityProblems)[number];

export interface QualityItem {
  contactId: string;
  /** The AFAS field id; empty for a problem of the whole contact. */
  field: string;
  problem: QualityProblem;
  link?: string;
}

export interface FieldQuality {
  field: string;
  label: string;
  kind: 'phone' | 'email';
  values: number;
  parsed: number;
  unparseable: number;
}

export interface QualityReport {
  builtAt: string;
  contacts: number;
  phoneValues: number;
  parsed: number;
  unparseable: number;
  shared: number;
  contactsWithoutPhoneOrEmail: number;
  fields: FieldQuality[];
  items: QualityItem[];
  truncated: boolean;
}

/** `GET data-quality` answers 404 until the index has finished its first build: the service says why. */
export type QualityAnswer = { kind: 'report'; report: QualityReport } | { kind: 'missing'; message: string };
