/** One timed uncached lookup, split into AFAS time (seen at the timing proxy) and the service's own time. */
import type { RunningEmulator } from '../emulator/src/index.js';
import { lookup, type Answer } from './client.js';
import { coveredTime, sequentialDepth } from './stats.js';
import type { TimedRequest, TimingProxy } from './timing-proxy.js';

export const CONTACTS_CONNECTOR = 'Profit_Contacts';
export const CASES_CONNECTOR = 'ProfitSubjectsAuthorized';

export const connectorOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export interface Sample {
  phone: string;
  answer: Answer;
  wallMs: number;
  afasMs: number;
  ownMs: number;
  /** Own time before the first AFAS request arrived, and after the last AFAS answer ended. */
  beforeMs: number;
  afterMs: number;
  afasRequests: number;
  contacts: number;
  cases: number;
  depth: number;
}

/**
 * Own time of one lookup = its wall time at this client − the time during which at least one of its AFAS
 * requests was open at the timing proxy (arrival → answer end). Both clocks are performance.now() of this
 * process, so the subtraction is exact; parallel AFAS requests are not subtracted twice.
 */
export async function measureUncached(serviceUrl: string, phone: string, emulator: RunningEmulator, proxy: TimingProxy): Promise<Sample> {
  proxy.clear();
  emulator.resetRequests();
  const started = performance.now();
  const { endedAt, text: _text, ...answer } = await lookup(serviceUrl, phone);
  const wallMs = endedAt - started;
  const records: TimedRequest[] = [...proxy.records];
  const afasMs = coveredTime(records);
  return {
    phone,
    answer,
    wallMs,
    afasMs,
    ownMs: wallMs - afasMs,
    beforeMs: records.length > 0 ? Math.min(...records.map((r) => r.start)) - started : Number.NaN,
    afterMs: records.length > 0 ? started + wallMs - Math.max(...records.map((r) => r.end)) : Number.NaN,
    afasRequests: emulator.requests.length,
    contacts: records.filter((r) => connectorOf(r.path) === CONTACTS_CONNECTOR).length,
    cases: records.filter((r) => connectorOf(r.path) === CASES_CONNECTOR).length,
    depth: sequentialDepth(records),
  };
}
