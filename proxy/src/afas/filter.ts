import { AppError } from '../errors.js';
import { AFAS_ID_RULE, isAfasId } from './ids.js';

/** AFAS operator codes 1–14 (15, the quick filter, is deliberately not offered: slow and its own syntax). */
export type Operator = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14;

export interface Condition {
  field: string;
  op: Operator;
  /** Sent verbatim: `%` and `_` act as LIKE wildcards for the text operators. Operators 8/9 still need a value (use ''). */
  value: string;
}

/** OR of AND groups: `[[a, b], [c]]` means `(a AND b) OR c`. */
export type Filter = Condition[][];

const LONE_SURROGATE = /\p{Cs}/u;

/** Field and connector ids come from admin settings; anything unexpected is a configuration error. */
export function assertId(id: string, what: 'field' | 'connector'): void {
  if (!isAfasId(id)) {
    const shown = JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id);
    throw new AppError('not_configured', `The AFAS ${what} id ${shown} is not valid: only ${AFAS_ID_RULE} are allowed.`);
  }
}

/** encodeURIComponent, but a value it cannot encode (an unpaired surrogate) is the caller's error, not a crash. */
export function encodeValue(value: string): string {
  if (LONE_SURROGATE.test(value)) {
    throw new AppError('invalid_request', 'The search value contains invalid text.');
  }
  return encodeURIComponent(value);
}

function assertValid(filter: Filter): void {
  for (const group of filter) {
    if (group.length === 0) {
      throw new AppError('internal_error', 'An AFAS filter group has no conditions.');
    }
    for (const condition of group) {
      assertId(condition.field, 'field');
      if (!Number.isInteger(condition.op) || condition.op < 1 || condition.op > 14) {
        throw new AppError('internal_error', `AFAS operator type ${String(condition.op)} is not supported.`);
      }
      if (typeof condition.value !== 'string') {
        throw new AppError('internal_error', 'An AFAS filter value must be a string.');
      }
      encodeValue(condition.value);
    }
  }
}

// The compact syntax has no escape: AFAS decodes the query string and then splits on ',' and ';'.
function needsJson(filter: Filter): boolean {
  return filter.some((group) => group.some((c) => /[,;]/.test(c.field) || /[,;]/.test(c.value)));
}

function compactParams(filter: Filter): string[] {
  // Each piece is encoded on its own and the separators stay raw, so the shape survives whether the
  // server splits before or after decoding.
  const join = (pick: (c: Condition) => string): string =>
    filter.map((group) => group.map((c) => encodeValue(pick(c))).join(',')).join(';');
  return [`filterfieldids=${join((c) => c.field)}`, `filtervalues=${join((c) => c.value)}`, `operatortypes=${join((c) => String(c.op))}`];
}

function jsonParam(filter: Filter): string {
  const body = {
    Filters: {
      Filter: filter.map((group, i) => ({
        '@FilterId': `Filter ${i + 1}`,
        Field: group.map((c) => ({ '@FieldId': c.field, '@OperatorType': String(c.op), '#text': c.value })),
      })),
    },
  };
  // Exactly one encoding pass: double-encoded filterjson makes AFAS answer 500 "invalid json filter".
  return `filterjson=${encodeURIComponent(JSON.stringify(body))}`;
}

/**
 * The encoded `name=value` query parameters for a filter: the compact three-parameter form, or `filterjson`
 * when a value contains ',' or ';'. An empty filter gives no parameters.
 */
export function filterParams(filter: Filter): string[] {
  if (filter.length === 0) return [];
  assertValid(filter);
  return needsJson(filter) ? [jsonParam(filter)] : compactParams(filter);
}
