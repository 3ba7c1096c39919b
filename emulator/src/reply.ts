/** An HTTP answer as plain data, so handlers stay free of sockets and faults can rewrite answers. */
import { randomBytes } from 'node:crypto';

export interface Reply {
  status: number;
  body: string;
  contentType?: string;
  headers?: Readonly<Record<string, string>>;
}

export const jsonReply = (status: number, value: unknown): Reply => ({
  status,
  body: JSON.stringify(value),
  contentType: 'application/json; charset=utf-8',
});

export const emptyReply = (status: number): Reply => ({ status, body: '' });

export const htmlReply = (status: number, html: string): Reply => ({
  status,
  body: html,
  contentType: 'text/html; charset=utf-8',
  headers: { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'X-Content-Type-Options': 'nosniff' },
});

/** AFAS's generic error number; AFAS uses it for most failures, so clients should not branch on it. */
export const genericErrorNumber = -2147180999;

/** The 32-hex reference an admin looks up in the Profit environment log. */
export function profitLogReference(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/** A 500 in AFAS's shape: `{externalMessage, errorNumber, profitLogReference}`. */
export function profitError(externalMessage = 'An unexpected error has occurred.'): Reply {
  return jsonReply(500, { externalMessage, errorNumber: genericErrorNumber, profitLogReference: profitLogReference() });
}

/** Thrown by request parsing and evaluation; carries the answer AFAS would give. */
export class AfasFailure extends Error {
  constructor(readonly reply: Reply) {
    super(`AFAS answer ${reply.status}`);
    this.name = 'AfasFailure';
  }
}

export const fail = (externalMessage?: string): AfasFailure => new AfasFailure(profitError(externalMessage));
