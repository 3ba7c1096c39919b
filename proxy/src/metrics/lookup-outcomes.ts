import type { LookupOutcomes, OutcomeCounts } from '../../../contract/admin-api.js';
import { lookupStatuses } from '../contract.js';
import type { LookupObserver } from '../routes/lookup-observer.js';
import { uccLabelOf } from './service-metrics.js';

const HOUR_MS = 3_600_000;
/** How far back the admin page looks. */
export const OUTCOME_HOURS = 24;

export type { LookupOutcomes, OutcomeCounts };

const zero = (): OutcomeCounts => ({ matched: 0, ambiguous: 0, none: 0, anonymous: 0 });

/**
 * Counts how lookups ended (matched, ambiguous, none, anonymous) per UCC in hourly buckets for the admin page: the
 * share of callers that go unrecognised is what the data-quality report helps to lower. UCC values are those that
 * published settings (others count as `(other)`), so a client cannot grow the table.
 */
export function lookupOutcomes(hasPublished: (ucc: string) => boolean, now: () => number = Date.now) {
  const started = now();
  /** hour number → ucc label → counts. */
  const hours = new Map<number, Map<string, OutcomeCounts>>();
  const label = uccLabelOf(hasPublished);

  const observer: LookupObserver = {
    lookup(query, _keyId, outcome) {
      if (typeof outcome === 'string') return;
      const hour = Math.floor(now() / HOUR_MS);
      let bucket = hours.get(hour);
      if (!bucket) {
        bucket = new Map();
        hours.set(hour, bucket);
        for (const h of hours.keys()) if (h <= hour - OUTCOME_HOURS) hours.delete(h);
      }
      const key = label(query.ucc);
      const counts = bucket.get(key) ?? zero();
      counts[outcome.status] += 1;
      bucket.set(key, counts);
    },
  };

  function read(): LookupOutcomes {
    const at = now();
    const first = Math.floor(at / HOUR_MS) - OUTCOME_HOURS + 1;
    const totals = new Map<string, OutcomeCounts>();
    for (const [hour, bucket] of hours) {
      if (hour < first) continue;
      for (const [ucc, counts] of bucket) {
        const total = totals.get(ucc) ?? zero();
        for (const status of lookupStatuses) total[status] += counts[status];
        totals.set(ucc, total);
      }
    }
    return {
      since: new Date(Math.max(started, first * HOUR_MS)).toISOString(),
      hours: OUTCOME_HOURS,
      uccs: [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([ucc, counts]) => ({ ucc, ...counts })),
    };
  }
  return { observer, read };
}
