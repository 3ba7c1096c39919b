/**
 * Why an admin API call failed, as the page tells the admin: a refused key (`unauthorized` 401, `forbidden` 403)
 * sends them back to the key prompt; everything else is an error state with Retry.
 */
export type AdminErrorCode = 'unauthorized' | 'forbidden' | 'server_error' | 'network_error' | 'timeout' | 'bad_response';

export class AdminApiError extends Error {
  readonly code: AdminErrorCode;
  /** The HTTP status, when the service answered. */
  readonly status: number | undefined;

  constructor(code: AdminErrorCode, message: string, status?: number) {
    super(message);
    this.name = 'AdminApiError';
    this.code = code;
    this.status = status;
  }
}

/** The key no longer opens the admin API: only a new key helps. */
export const isKeyRefused = (e: unknown): e is AdminApiError =>
  e instanceof AdminApiError && (e.code === 'unauthorized' || e.code === 'forbidden');
