import type { PanelErrorCode } from '../i18n/strings.js';

/** A failed call to the lookup service, with the code the panel picks its message by. */
export class ApiError extends Error {
  readonly code: PanelErrorCode;
  readonly reference: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: PanelErrorCode, message: string, reference?: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.reference = reference;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
