import { errorStatus, type ErrorCode } from '../../contract/lookup-api.js';

export interface AppErrorDetails {
  /** AFAS's profitLogReference, passed on so support can find the error in the Profit log. */
  reference?: string;
  /** Seconds the client should wait (sent as Retry-After). */
  retryAfterSeconds?: number;
  /** HTTP status when it differs from the code's usual one (413 for an `invalid_request` body that is too large). */
  status?: number;
  cause?: unknown;
}

/** The one error type that crosses layers; the error middleware turns it into the contract's JSON. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reference?: string;
  readonly retryAfterSeconds?: number;
  private readonly statusOverride?: number;

  constructor(code: ErrorCode, message: string, details: AppErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AppError';
    this.code = code;
    this.reference = details.reference;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.statusOverride = details.status;
  }

  get status(): number {
    return this.statusOverride ?? errorStatus[this.code];
  }
}
