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

/** The GetConnector query string (without '?'), validated; its length is for the caller to judge. */
function encodeQuery(q: ConnectorQuery): string {
  const skip = q.skip ?? 0;
  assertPaging(skip, q.take);
  return [...filterParams(q.filter ?? []), `skip=${skip}`, `take=${q.take}`, orderByParam(q.orderBy)].join('&');
}

const fits = (query: string): boolean => query.length + 1 <= MAX_QUERY_LENGTH;

/** The GetConnector query string (without '?'). Validates the query and refuses one AFAS would reject as too long. */
export function buildQueryString(q: ConnectorQuery): string {
  const query = encodeQuery(q);
  if (!fits(query)) throw new QueryTooLongError(query.length + 1);
  return query;
}

// Query-size planning: for queries that grow with what they ask for (search fields, spellings, case keys), how much
// fits in one request. Invalid queries still throw as buildQueryString does; only the length is a question here.

/** Whether AFAS accepts the query in one request. */
export function fitsInOneRequest(q: ConnectorQuery): boolean {
  return fits(encodeQuery(q));
}

/** The largest n, from 0 to `max`, for which `queryOf(n)` fits in one request; the query must grow with n. */
export function mostThatFit(max: number, queryOf: (n: number) => ConnectorQuery): number {
  let n = 0;
  while (n < max && fitsInOneRequest(queryOf(n + 1))) n++;
  return n;
}

/**
 * `items` spread over as few queries as fit in one request each (usually one), halving a chunk until it fits.
 * Undefined when a single item does not fit on its own.
 */
export function splitToFit<T>(items: readonly T[], queryOf: (chunk: readonly T[]) => ConnectorQuery): ConnectorQuery[] | undefined {
  const queries: ConnectorQuery[] = [];
  let rest = items;
  while (rest.length > 0) {
    let n = rest.length;
    let q = queryOf(rest.slice(0, n));
    while (!fitsInOneRequest(q)) {
      if (n === 1) return undefined;
      n = Math.ceil(n / 2);
      q = queryOf(rest.slice(0, n));
    }
    queries.push(q);
    rest = rest.slice(n);
  }
  return queries;
}
