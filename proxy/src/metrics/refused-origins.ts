import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { refusalKinds, type RefusalKind, type RefusedOrigin, type RefusedOrigins } from '../../../contract/admin-api.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Origins listed per kind (the least recently refused is forgotten first). */
const MAX_LISTED = 20;
/**
 * Warnings per kind per hour. Refusals come from CSP reports and Origin headers that anyone can send, so a flood of
 * made-up origins must not flood the log; the status lists them all the same.
 */
const MAX_WARNINGS_PER_HOUR = 20;

/** The directive label of `crm_embed_refused_total` for each kind. */
const refusalDirective: Record<RefusalKind, string> = { framing: 'frame-ancestors', cors: 'cors' };

const warning: Record<RefusalKind, string> = {
  framing:
    'the embeddable page was framed by an origin that CRM_ALLOWED_ORIGINS does not list, so the browser refused to show it; to allow that origin, add it to CRM_ALLOWED_ORIGINS (comma-separated) and restart the service',
  cors: 'a lookup API request from an origin that CRM_ALLOWED_ORIGINS does not list was refused by CORS (the browser hides the answer from the page); to allow that origin, add it to CRM_ALLOWED_ORIGINS (comma-separated) and restart the service',
};

interface Seen {
  count: number;
  lastAt: number;
  warnedAt: number;
}

export interface RefusedOriginsLog {
  /** One refusal of `origin` (undefined when the browser did not say which): counted, listed for 24 hours, warned about once an hour. */
  refused(kind: RefusalKind, origin: string | undefined): void;
  /** What `GET status` shows under `refusedOrigins`. */
  list(): RefusedOrigins;
}

/**
 * The origins browsers were refused for, because CRM_ALLOWED_ORIGINS does not list them: without this an operator
 * sees nothing when a host is not allowed (the browser tells only its own console). `counted` feeds the metric.
 */
export function createRefusedOrigins(
  logger: Logger,
  counted?: (directive: string) => void,
  now: () => number = Date.now,
): RefusedOriginsLog {
  const seen = Object.fromEntries(refusalKinds.map((k) => [k, new LRUCache<string, Seen>({ max: MAX_LISTED })])) as Record<
    RefusalKind,
    LRUCache<string, Seen>
  >;
  const warnings = Object.fromEntries(refusalKinds.map((k) => [k, { hourFrom: 0, count: 0 }])) as Record<
    RefusalKind,
    { hourFrom: number; count: number }
  >;

  function mayWarn(kind: RefusalKind, at: number): boolean {
    const w = warnings[kind];
    if (at - w.hourFrom >= HOUR_MS) Object.assign(w, { hourFrom: at, count: 0 });
    return w.count++ < MAX_WARNINGS_PER_HOUR;
  }

  return {
    refused(kind, origin) {
      const at = now();
      counted?.(refusalDirective[kind]);
      // An origin the report did not give is warned about (once an hour) but not listed.
      const key = origin ?? '';
      const entry = seen[kind].get(key);
      const fresh = entry === undefined || at - entry.lastAt > DAY_MS;
      const item: Seen = fresh ? { count: 1, lastAt: at, warnedAt: 0 } : { ...entry, count: entry.count + 1, lastAt: at };
      if (at - item.warnedAt >= HOUR_MS && mayWarn(kind, at)) {
        item.warnedAt = at;
        logger.warn({ origin: origin ?? '(not reported)', refused: kind }, warning[kind]);
      }
      seen[kind].set(key, item);
    },

    list() {
      const at = now();
      const listed = (kind: RefusalKind): RefusedOrigin[] =>
        [...seen[kind].entries()]
          .filter(([origin, s]) => origin !== '' && at - s.lastAt <= DAY_MS)
          .sort(([, a], [, b]) => b.lastAt - a.lastAt)
          .map(([origin, s]) => ({ origin, count: s.count, lastAt: new Date(s.lastAt).toISOString() }));
      return { framing: listed('framing'), cors: listed('cors') };
    },
  };
}

/**
 * The origin of an Origin header or a report's URL, as CRM_ALLOWED_ORIGINS would list it (`https://host[:port]`);
 * undefined for anything else (`null`, junk, another scheme), which no allow-list entry could fix anyway.
 */
export function originOf(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.length > 2048) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
