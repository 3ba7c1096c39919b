/**
 * The admin API's answers (admin settings key): `GET {base}/api/v1/index`, `/outcomes` and `/data-quality`. One
 * dependency-free module that the service (proxy/src/index, proxy/src/metrics) and the admin page
 * (widget/src/admin) both import, so the two cannot drift apart.
 */
import { lookupStatuses } from './lookup-api.js';

export const indexStates = ['off', 'building', 'ready', 'stale', 'failed'] as const;
export type IndexState = (typeof indexStates)[number];

/** `GET {base}/api/v1/index`. */
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

/** How a lookup ended, as the outcomes count it. */
export const outcomeKinds = lookupStatuses;
export type OutcomeKind = (typeof outcomeKinds)[number];
export type OutcomeCounts = Record<OutcomeKind, number>;

/** `GET {base}/api/v1/outcomes`: how this instance's lookups of the last day ended, per UCC. */
export interface LookupOutcomes {
  /** Start of the period counted: 24 hours ago, or when the instance started if that is later. */
  since: string;
  hours: number;
  uccs: ({ ucc: string } & OutcomeCounts)[];
}

export const qualityProblems = ['unparseable', 'shared', 'no-phone-or-email'] as const;
export type QualityProblem = (typeof qualityProblems)[number];

/** Why a record shows up in the report, and where to fix it. */
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

/** `GET {base}/api/v1/data-quality`: the report of the caller index's last full build. */
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

/** What a browser refused: showing the embeddable page in a frame (`frame-ancestors`), or an API answer (CORS). */
export const refusalKinds = ['framing', 'cors'] as const;
export type RefusalKind = (typeof refusalKinds)[number];

/** An origin that CRM_ALLOWED_ORIGINS does not list, seen by this instance in the last 24 hours. */
export interface RefusedOrigin {
  origin: string;
  count: number;
  /** ISO time of the latest refusal. */
  lastAt: string;
}

/** `refusedOrigins` of `GET {base}/api/v1/status`: per kind at most 20 origins, the latest first. */
export type RefusedOrigins = Record<RefusalKind, RefusedOrigin[]>;
