import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { deadlineIn } from '../deadline.js';
import { admitToAfasOf } from '../http/rate-limit.js';
import type { LookupResponse } from '../contract.js';
import type { LookupService } from '../services/lookup-service.js';

const lookupQuery = z
  .object({
    phone: z.string().max(64, 'at most 64 characters').optional(),
    email: z.string().max(254, 'at most 254 characters').optional(),
    direction: z.enum(['inbound', 'outbound'], { message: 'expected inbound or outbound' }).optional(),
    ucc: z.string().max(100, 'at most 100 characters').regex(/^[\w .@-]*$/, 'letters, digits, space, ".", "@", "_" and "-" only').optional(),
  })
  .strict()
  .refine((q) => (q.phone === undefined) !== (q.email === undefined), { message: 'give exactly one of phone or email', path: ['phone'] });

const casesQuery = z
  .object({
    ref: z.string().optional(),
    skip: z.coerce.number().int().min(0).max(10_000).default(0),
    take: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();

/**
 * Serialises a lookup answer. The contacts of a cached answer are the same array every time, so their JSON (the
 * bulk of the body) is built once per cache entry instead of on every request.
 */
const contactsJson = new WeakMap<object, string>();
export function lookupBody(result: LookupResponse): string {
  let contacts = contactsJson.get(result.contacts);
  if (contacts === undefined) {
    contacts = JSON.stringify(result.contacts);
    contactsJson.set(result.contacts, contacts);
  }
  const { status, query, source, ageSeconds } = result;
  return `{"status":${JSON.stringify(status)},"query":${JSON.stringify(query)},"contacts":${contacts},"source":${JSON.stringify(source)},"ageSeconds":${ageSeconds}}`;
}

/** Query values must be plain strings: `?phone=a&phone=b` or `?phone[x]=1` is refused, not coerced. */
function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const r = schema.safeParse(query);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    const message = issue?.code === 'unrecognized_keys' ? `unknown parameter ${issue.keys.join(', ')}` : issue?.code === 'invalid_type' ? 'expected a single text value' : issue?.message;
    throw new AppError('invalid_request', `${where}${message ?? 'invalid query'}`);
  }
  return r.data;
}

/**
 * `guards` (CORS, API key, rate limit) run before each lookup route. The rate limit's `admitToAfas` check goes to
 * the service, which asks it only when an answer needs AFAS.
 */
export function lookupRoutes(service: LookupService, lookupDeadlineMs: number, logger: Logger, guards: RequestHandler[]): Router {
  const router = Router();

  router.get('/lookup', ...guards, async (req, res) => {
    const q = parseQuery(lookupQuery, req.query);
    const result = await service.lookup(q.phone !== undefined ? { phone: q.phone } : { email: q.email ?? '' }, deadlineIn(lookupDeadlineMs), admitToAfasOf(res));
    logger.info({ ucc: q.ucc, direction: q.direction, type: result.query.type, status: result.status, count: result.contacts.length, source: result.source }, 'lookup');
    res.set('Cache-Control', 'no-store').type('json').send(lookupBody(result));
  });

  router.get('/cases', ...guards, async (req, res) => {
    const q = parseQuery(casesQuery, req.query);
    if (q.ref === undefined) throw new AppError('invalid_request', 'ref: required, the casesRef of a contact in a lookup answer');
    const page = await service.cases(q.ref, q.skip, q.take, deadlineIn(lookupDeadlineMs), admitToAfasOf(res));
    res.set('Cache-Control', 'no-store').json(page);
  });

  return router;
}
