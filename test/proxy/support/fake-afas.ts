import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { AfasClient, CallOptions } from '../../../proxy/src/afas/client.js';
import type { ConnectorQuery } from '../../../proxy/src/afas/query.js';
import { createLookupService, type LookupService } from '../../../proxy/src/services/lookup-service.js';
import type { EffectiveSettings } from '../../../proxy/src/settings/types.js';
import { testSettings } from './effective-settings.js';

export type Row = Record<string, unknown>;

export interface FakeAfas {
  /** What the lookup service is injected with: the AfasClient interface, answering from `answer`. */
  client: AfasClient;
  /** Every getRows call, in order. */
  calls: { q: ConnectorQuery; opts: CallOptions | undefined }[];
  contactCalls(): ConnectorQuery[];
  caseCalls(): ConnectorQuery[];
}

/**
 * An AFAS client that answers getRows from `answer` (a thrown error becomes a rejection), so the services can be
 * tested without HTTP. Contacts are `Profit_Contacts`, cases `ProfitSubjectsAuthorized` (the default connectors).
 */
export function fakeAfas(answer: (q: ConnectorQuery, opts: CallOptions | undefined) => Row[] | Promise<Row[]>): FakeAfas {
  const calls: FakeAfas['calls'] = [];
  const client = {
    getRows(q: ConnectorQuery, opts?: CallOptions): Promise<Row[]> {
      calls.push({ q, opts });
      try {
        return Promise.resolve(answer(q, opts));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    profitVersion: () => Promise.resolve('1'),
    status: () => {
      throw new Error('not part of the fake');
    },
    requestCount: 0,
  } satisfies AfasClient;
  const of = (connector: string) => () => calls.filter((c) => c.q.connector === connector).map((c) => c.q);
  return { client, calls, contactCalls: of('Profit_Contacts'), caseCalls: of('ProfitSubjectsAuthorized') };
}

/** The contacts answer with `contacts`, the cases with `cases` (default none). */
export const rowsOf =
  (contacts: Row[], cases: Row[] = []) =>
  (q: ConnectorQuery): Row[] =>
    q.connector === 'Profit_Contacts' ? contacts : cases;

/** The lookup service over a fake AFAS client, with the test's settings and clock. */
export function lookupServiceOver(afas: FakeAfas, o: { settings?: EffectiveSettings; now?: () => number } = {}): LookupService {
  const settings = o.settings ?? testSettings();
  return createLookupService({
    settings: () => settings,
    afas: () => afas.client,
    logger: pino({ level: 'silent' }),
    casesRefSecret: randomBytes(32),
    now: o.now,
  });
}
