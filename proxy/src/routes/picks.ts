import type { RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { apiKeyIdOf } from '../http/auth.js';
import { errorCodeOf } from '../http/error-handler.js';
import { inputOf, type LookupInput } from '../input/caller-input.js';
import type { LookupService } from '../services/lookup-service.js';
import type { LookupObserver } from './lookup-observer.js';
import { callerFields, hasOneCaller, oneCallerIssue, parseQuery } from './lookup.js';

const pickBody = z
  .object({
    ...callerFields,
    contactId: z
      .string({ message: 'required, the id of the contact the agent chose (its `id` in a lookup or search answer)' })
      .min(1, 'required')
      .max(64, 'at most 64 characters')
      .regex(/^[\w.@-]+$/, 'letters, digits, ".", "@", "_" and "-" only'),
  })
  .strict()
  .refine(hasOneCaller, oneCallerIssue);

const pickQuery = z.object(callerFields).strict().refine(hasOneCaller, oneCallerIssue);

/** `PUT {base}/api/v1/picks` and `DELETE {base}/api/v1/picks?phone=|email=`, behind CORS and the API key. */
export function picksHandlers(service: LookupService, observer?: LookupObserver): { remember: RequestHandler; forget: RequestHandler } {
  /** Runs the change and tells the observer (audit trail) how it ended. */
  async function observed(input: LookupInput, keyId: string | undefined, contactId: string | undefined, change: () => Promise<void>) {
    try {
      await change();
    } catch (error) {
      observer?.pick?.(input, keyId, contactId, errorCodeOf(error));
      throw error;
    }
    observer?.pick?.(input, keyId, contactId, 'ok');
  }
  return {
    async remember(req, res) {
      if (req.body === undefined) throw new AppError('invalid_request', 'body: expected JSON like {"phone": "…", "contactId": "…"}');
      const b = parseQuery(pickBody, req.body);
      const input = inputOf(b);
      await observed(input, apiKeyIdOf(res), b.contactId, () => service.remember(input, b.contactId));
      res.setHeader('Cache-Control', 'no-store');
      res.status(204).end();
    },
    async forget(req, res) {
      const q = parseQuery(pickQuery, req.query);
      const input = inputOf(q);
      await observed(input, apiKeyIdOf(res), undefined, () => service.forgetPick(input));
      res.setHeader('Cache-Control', 'no-store');
      res.status(204).end();
    },
  };
}
