import { AppError } from '../errors.js';
import { assertId, filterParams, type Filter } from './filter.js';

/** AFAS answers 404 when the query string, counted from the '?', is longer than this. */
export const MAX_QUERY_LENGTH = 2049;
export const MAX_TAKE = 1000;

export interface ConnectorQuery {
  connector: string;
  filter?: Filter;
  /** Field ids; a leading '-' sorts descending. Required: without it AFAS pages in an unstable order. */
  orderBy: string[];
  /** Default 0. */
  skip?: number;
  /** 1..MAX_TAKE. */
  take: number;
}

/**
 * Thrown before sending when a query would exceed MAX_QUERY_LENGTH. It is an AppError('invalid_request')
 * (HTTP 400) unless caught: callers that build OR groups may catch it and retry with fewer variants.
 */
export class QueryTooLongError extends AppError {
  /** Length of the query string including the leading '?'. */
  readonly length: number;

  constructor(length: number) {
    super(
      'invalid_request',
      `The AFAS query would be ${length} characters long; AFAS accepts at most ${MAX_QUERY_LENGTH}. Use a shorter search value or fewer search fields.`,
    );
    this.name = 'QueryTooLongError';
    this.length = length;
  }
}

function assertPaging(skip: number, take: number): void {
  if (!Number.isSafeInteger(skip) || skip < 0) {
    throw new AppError('internal_error', 'AFAS skip must be a non-negative integer.');
  }
  if (!Number.isSafeInteger(take) || take < 1 || take > MAX_TAKE) {
    throw new AppError('internal_error', `AFAS take must be an integer from 1 to ${MAX_TAKE}.`);
  }
}

function orderByParam(orderBy: string[]): string {
  if (orderBy.length === 0) {
    throw new AppError('internal_error', 'An AFAS query needs at least one orderBy field.');
  }
  for (const entry of orderBy) assertId(entry.startsWith('-') ? entry.slice(1) : entry, 'field');
  return `orderbyfieldids=${orderBy.join(',')}`;
}

/** The GetConnector query string (without '?'). Validates the query and refuses one AFAS would reject as too long. */
export function buildQueryString(q: ConnectorQuery): string {
  const skip = q.skip ?? 0;
  assertPaging(skip, q.take);
  const query = [...filterParams(q.filter ?? []), `skip=${skip}`, `take=${q.take}`, orderByParam(q.orderBy)].join('&');
  if (query.length + 1 > MAX_QUERY_LENGTH) throw new QueryTooLongError(query.length + 1);
  return query;
}
