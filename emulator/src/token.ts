/** The AFAS token: its XML form and the exact `Authorization: AfasToken <base64>` check. */

export const DEMO_TOKEN_DATA = '41B9B5F4DAA0E26ECEB77BC1C918105976A766605CC56B257A0F1F2A6C499AC8';

export function tokenXml(data: string): string {
  return `<token><version>1</version><data>${data}</data></token>`;
}

export function assertTokenData(data: string): void {
  if (!/^[0-9A-Fa-f]{64}$/.test(data)) throw new Error('Emulator token must be 64 hexadecimal characters');
}

const header = /^AfasToken ([A-Za-z0-9+/]+={0,2})$/;

/** True only for `AfasToken ` + canonical Base64 of the exact XML token with this data value. */
export function isAuthorized(authorization: string | undefined, data: string): boolean {
  const m = authorization === undefined ? null : header.exec(authorization);
  if (!m) return false;
  const b64 = m[1];
  const bytes = Buffer.from(b64, 'base64');
  // Buffer.from silently skips junk; re-encoding proves the text really was Base64.
  if (bytes.toString('base64') !== b64) return false;
  return bytes.toString('utf8') === tokenXml(data);
}
