import type { AnswerSource, ErrorCode, LookupQueryEcho, LookupStatus, QueryType } from '../contract.js';
import { inputOf, type LookupInput } from '../input/caller-input.js';
import type { LookupObserver } from '../routes/lookup-observer.js';
import type { AuditSink } from './audit-sink.js';

/** One line of the audit trail (see README, "Monitoring"). */
export interface AuditLine {
  time: string;
  /** Marks the line where it shares stdout with the log. */
  log: 'audit';
  /** The API key id; absent without API keys. */
  keyId?: string;
  /** The lookup's `ucc` parameter as sent (case pages have none). */
  ucc?: string;
  /** `search`: a search by text (`GET search`); `pick`: a pick remembered (`contactIds` holds it) or forgotten. */
  type: QueryType | 'cases' | 'search' | 'pick';
  /**
   * HMAC-SHA256 (hex) of the normalised number or address searched, or of the contact id whose cases were paged.
   * Absent when there was nothing to search (a withheld number) or the input could not be read (not configured).
   */
  valueHash?: string;
  status: LookupStatus | 'ok' | 'forgotten' | ErrorCode;
  /** `none`: neither AFAS nor the cache answered (an error, a withheld number). */
  source: AnswerSource | 'none';
  /** The contacts handed out: those of the answer, or the one whose cases were paged. */
  contactIds: string[];
}

export interface AuditTrailOptions {
  sink: AuditSink;
  /** The keyed hash of a value (secrets/value-hash.ts). */
  hash: (value: string) => string;
  /** What a lookup of an input searches for (the lookup service's queryOf): for lookups that failed. */
  queryOf: (input: LookupInput) => LookupQueryEcho | undefined;
  /** The contact a casesRef names (the lookup service's contactOf): for case pages that failed. */
  contactOf: (casesRef: string) => string | undefined;
}

/** `new Date().toISOString()` cost more than the rest of a line: the lines of one millisecond share the text. */
function isoClock(): () => string {
  let ms = -1;
  let text = '';
  return () => {
    const now = Date.now();
    if (now !== ms) {
      ms = now;
      text = new Date(now).toISOString();
    }
    return text;
  };
}

const json = JSON.stringify;

/**
 * The line as `JSON.stringify(line)` would write it (a template: that call cost twice the rest of the line). `time`,
 * `type`, the hash, `status` and `source` come from fixed sets or are hex: only the other strings need escaping.
 */
export function auditLineText(l: AuditLine): string {
  let text = `{"time":"${l.time}","log":"audit"`;
  if (l.keyId !== undefined) text += `,"keyId":${json(l.keyId)}`;
  if (l.ucc !== undefined) text += `,"ucc":${json(l.ucc)}`;
  text += `,"type":"${l.type}"`;
  if (l.valueHash !== undefined) text += `,"valueHash":"${l.valueHash}"`;
  return `${text},"status":"${l.status}","source":"${l.source}","contactIds":${json(l.contactIds)}}\n`;
}

/**
 * The audit trail (GDPR accountability): one JSON line per lookup and per case page, saying which API key looked for
 * what (a keyed hash, never the number or address itself) and which contacts it was given. Failed ones too.
 */
export function createAuditTrail(o: AuditTrailOptions): LookupObserver {
  const write = (line: AuditLine): void => o.sink.write(auditLineText(line));
  const time = isoClock();
  return {
    lookup(query, keyId, outcome) {
      const answered = typeof outcome !== 'string';
      const echo = answered ? outcome.query : o.queryOf(inputOf(query));
      const status = answered ? outcome.status : outcome;
      write({
        time: time(),
        log: 'audit',
        keyId,
        ucc: query.ucc,
        type: echo?.type ?? (query.phone !== undefined ? 'phone' : 'email'),
        valueHash: echo?.normalized ? o.hash(echo.normalized) : undefined,
        status,
        source: answered && status !== 'anonymous' ? outcome.source : 'none',
        contactIds: answered ? outcome.contacts.map((c) => c.id) : [],
      });
    },

    search(text, ucc, keyId, outcome) {
      const answered = typeof outcome !== 'string';
      write({
        time: time(),
        log: 'audit',
        keyId,
        ucc,
        type: 'search',
        // The text as searched, folded so that "Jan" and "jan" give one hash.
        valueHash: o.hash(`search:${text.trim().replace(/\s+/g, ' ').toLowerCase()}`),
        status: answered ? 'ok' : outcome,
        source: answered ? 'afas' : 'none',
        contactIds: answered ? outcome.contacts.map((c) => c.id) : [],
      });
    },

    pick(input, keyId, contactId, outcome) {
      const echo = o.queryOf(input);
      write({
        time: time(),
        log: 'audit',
        keyId,
        type: 'pick',
        valueHash: echo?.normalized ? o.hash(echo.normalized) : undefined,
        status: outcome === 'ok' ? (contactId === undefined ? 'forgotten' : 'ok') : outcome,
        source: 'none',
        contactIds: contactId === undefined ? [] : [contactId],
      });
    },

    casesPage(casesRef, keyId, outcome) {
      const answered = typeof outcome !== 'string';
      const contactId = answered ? outcome.contactId : o.contactOf(casesRef);
      write({
        time: time(),
        log: 'audit',
        keyId,
        type: 'cases',
        valueHash: contactId === undefined ? undefined : o.hash(contactId),
        status: answered ? 'ok' : outcome,
        source: answered ? outcome.source : 'none',
        contactIds: answered ? [outcome.contactId] : [],
      });
    },
  };
}
