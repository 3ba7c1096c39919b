import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { apiKeyIdOf } from '../http/auth.js';
import { errorCodeOf } from '../http/error-handler.js';
import { admitToAfasOf } from '../http/rate-limit.js';
import { requestDeadlines } from '../http/request-deadline.js';
import { sendJson } from '../http/send-json.js';
import { inputOf } from '../input/caller-input.js';
import { lookupResponseFields, type CasesPage, type LookupResponse, type SearchResponse } from '../contract.js';
import type { CasesAnswer, LookupService } from '../services/lookup-service.js';
import type { LookupObserver } from './lookup-observer.js';

/** The caller's number or address, as a lookup and a pick take them. */
export const callerFields = {
  phone: z.string().max(64, 'at most 64 characters').optional(),
  email: z.string().max(254, 'at most 254 characters').optional(),
};
/** Exactly one of them (a refinement, with oneCallerIssue). */
export const hasOneCaller = (q: { phone?: string; email?: string }): boolean => (q.phone === undefined) !== (q.email === undefined);
export const oneCallerIssue = { message: 'give exactly one of phone or email', path: ['phone'] };

const lookupQuery = z
  .object({
    ...callerFields,
    direction: z.enum(['inbound', 'outbound'], { message: 'expected inbound or outbound' }).optional(),
    progressive: z.enum(['true', 'false'], { message: 'expected true or false' }).optional(),
    ucc: z
      .string()
      .max(100, 'at most 100 characters')
      .regex(/^[\w .@-]*$/, 'letters, digits, space, ".", "@", "_" and "-" only')
      .optional(),
  })
  .strict()
  .refine(hasOneCaller, oneCallerIssue);

const searchQuery = z
  .object({
    q: z.string().max(200, 'at most 200 characters').optional(),
    ucc: z
      .string()
      .max(100, 'at most 100 characters')
      .regex(/^[\w .@-]*$/, 'letters, digits, space, ".", "@", "_" and "-" only')
      .optional(),
  })
  .strict();

const casesQuery = z
  .object({
    ref: z.string().optional(),
    skip: z.coerce.number().int().min(0).max(10_000).default(0),
    take: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();

type LookupField = (typeof lookupResponseFields)[number];
/**
 * `"status":`, `"query":`, ... built once. Typed by every key of LookupResponse: a field the contract's list leaves
 * out (and the body would drop) does not compile.
 */
const fieldKeys: Record<keyof LookupResponse, string> = Object.fromEntries(
  lookupResponseFields.map((field) => [field, `${JSON.stringify(field)}:`]),
) as Record<LookupField, string>;
/** Fields whose value a cached answer shares between requests (the same array every time). */
const sharedFields: ReadonlySet<LookupField> = new Set<LookupField>(['contacts']);
const sharedJson = new WeakMap<object, string>();

function jsonOf(field: LookupField, value: unknown): string | undefined {
  if (!sharedFields.has(field) || typeof value !== 'object' || value === null) return JSON.stringify(value);
  let json = sharedJson.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    sharedJson.set(value, json);
  }
  return json;
}

/**
 * Serialises a lookup answer field by field, in the contract's order (`lookupResponseFields`): the same text as
 * `JSON.stringify` of those fields. The contacts of a cached answer are the same array every time, so their JSON
 * (the bulk of the body) is built once per cache entry instead of on every request.
 */
export function lookupBody(result: LookupResponse): string {
  let body = '';
  for (const field of lookupResponseFields) {
    const json = jsonOf(field, result[field]);
    // Like JSON.stringify, a field without a value is left out.
    if (json !== undefined) body += `${body === '' ? '{' : ','}${fieldKeys[field]}${json}`;
  }
  return body === '' ? '{}' : `${body}}`;
}

/** Reads a query (or body) with its schema; values must be plain strings: `?phone=a&phone=b` or `?phone[x]=1` is a 400, not coerced. */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const r = schema.safeParse(query);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    const message =
      issue?.code === 'unrecognized_keys'
        ? `unknown parameter ${issue.keys.join(', ')}`
        : issue?.code === 'invalid_type'
          ? 'expected a single text value'
          : issue?.message;
    throw new AppError('invalid_request', `${where}${message ?? 'invalid query'}`);
  }
  return r.data;
}

export interface LookupHandlers {
  /** `GET {base}/api/v1/lookup?phone=|email=` */
  lookup: RequestHandler;
  /** `GET {base}/api/v1/cases?ref=&skip=&take=` */
  cases: RequestHandler;
  /** `GET {base}/api/v1/search?q=` */
  search: RequestHandler;
}

const secondsSince = (started: number): number => (performance.now() - started) / 1000;

/**
 * The lookup API's two handlers; the app mounts them behind the guards (CORS, API key, rate limit). The rate
 * limit's `admitToAfas` check goes to the service, which asks it only when an answer needs AFAS. `observer` (metrics,
 * audit trail) is told how each lookup and case page ended.
 */
export function lookupHandlers(
  service: LookupService,
  lookupDeadlineMs: number,
  logger: Logger,
  observer?: LookupObserver,
): LookupHandlers {
  const deadline = requestDeadlines(lookupDeadlineMs);
  const observeLookup = observer?.lookup?.bind(observer);
  const observePage = observer?.casesPage?.bind(observer);
  return {
    async lookup(req, res) {
      const q = parseQuery(lookupQuery, req.query);
      const started = observeLookup ? performance.now() : 0;
      let result: LookupResponse;
      try {
        result = await service.lookup(inputOf(q), deadline(), admitToAfasOf(res), { progressive: q.progressive === 'true' });
      } catch (error) {
        observeLookup?.(q, apiKeyIdOf(res), errorCodeOf(error), secondsSince(started));
        throw error;
      }
      if (logger.isLevelEnabled('info')) {
        logger.info(
          {
            ucc: q.ucc,
            direction: q.direction,
            type: result.query.type,
            status: result.status,
            count: result.contacts.length,
            source: result.source,
          },
          'lookup',
        );
      }
      res.setHeader('Cache-Control', 'no-store');
      sendJson(req, res, lookupBody(result));
      observeLookup?.(q, apiKeyIdOf(res), result, secondsSince(started));
    },

    async search(req, res) {
      const q = parseQuery(searchQuery, req.query);
      if (q.q === undefined) throw new AppError('invalid_request', 'q: required, a name, organisation, number, e-mail address or postcode');
      let result: SearchResponse;
      try {
        result = await service.search(q.q, deadline(), admitToAfasOf(res));
      } catch (error) {
        observer?.search?.(q.q, q.ucc, apiKeyIdOf(res), errorCodeOf(error));
        throw error;
      }
      observer?.search?.(q.q, q.ucc, apiKeyIdOf(res), result);
      logger.info({ ucc: q.ucc, kind: result.query.kind, count: result.contacts.length }, 'search');
      res.setHeader('Cache-Control', 'no-store');
      sendJson(req, res, JSON.stringify(result satisfies SearchResponse));
    },

    async cases(req, res) {
      const q = parseQuery(casesQuery, req.query);
      if (q.ref === undefined) throw new AppError('invalid_request', 'ref: required, the casesRef of a contact in a lookup answer');
      let page: CasesAnswer;
      try {
        page = await service.cases(q.ref, q.skip, q.take, deadline(), admitToAfasOf(res));
      } catch (error) {
        observePage?.(q.ref, apiKeyIdOf(res), errorCodeOf(error));
        throw error;
      }
      res.setHeader('Cache-Control', 'no-store');
      sendJson(req, res, JSON.stringify({ cases: page.cases, moreCases: page.moreCases } satisfies CasesPage));
      observePage?.(q.ref, apiKeyIdOf(res), page);
    },
  };
}
