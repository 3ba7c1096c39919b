import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorCode } from '../contract.js';
import { AppError } from '../errors.js';

/** Turns anything thrown into the contract's `{error:{code,message,reference?}}`; unknown errors say nothing inside. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const e = toAppError(err);
    if (e.code === 'internal_error') logger.error({ err: describe(err), path: req.path }, 'unexpected error');
    else if (e.status >= 500) logger.warn({ code: e.code, reference: e.reference, path: req.path }, e.message);
    if (e.retryAfterSeconds !== undefined) res.set('Retry-After', String(Math.max(1, Math.ceil(e.retryAfterSeconds))));
    if (res.headersSent) return;
    res.status(e.status).json({ error: { code: e.code, message: e.message, ...(e.reference ? { reference: e.reference } : {}) } });
  };
}

function describe(err: unknown): { name?: string; message?: string; stack?: string } {
  return err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { message: String(err) };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof Error && err.name === 'TimeoutError') return new AppError('upstream_timeout', 'AFAS did not answer in time');
  const status = typeof err === 'object' && err !== null && 'status' in err ? Number(err.status) : NaN;
  const type = typeof err === 'object' && err !== null && 'type' in err ? String(err.type) : '';
  // body-parser errors: malformed JSON, too large, wrong charset.
  if (type === 'entity.too.large') {
    const limit = typeof err === 'object' && err !== null && 'limit' in err ? Number(err.limit) : NaN;
    const what = Number.isFinite(limit) ? ` (at most ${Math.floor(limit / 1024)} KB)` : '';
    return new AppError('invalid_request', `The request body is too large${what}`, { status: 413 });
  }
  if (status >= 400 && status < 500)
    return new AppError(
      'invalid_request',
      type === 'entity.parse.failed' ? 'The request body is not valid JSON' : 'The request is not valid',
    );
  return new AppError('internal_error', 'Something went wrong in the service; the details are in its log');
}

/** The error code the error middleware will answer `err` with. */
export const errorCodeOf = (err: unknown): ErrorCode => toAppError(err).code;

export const notFound: RequestHandler = (_req, _res, next) => next(new AppError('not_found', 'No such endpoint'));
