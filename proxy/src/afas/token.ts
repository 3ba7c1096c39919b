import { AppError } from '../errors.js';

// Group 1: version, group 2: hex data. Whitespace between tags is tolerated (pasted, pretty-printed XML).
const TOKEN_XML = /^<token>\s*<version>\s*(\d{1,3})\s*<\/version>\s*<data>\s*([0-9A-Fa-f]{32,256})\s*<\/data>\s*<\/token>$/;
const HEX = /^[0-9A-Fa-f]{32,256}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function invalidToken(): AppError {
  // Never include the input: even a malformed token is usually most of a real one.
  return new AppError(
    'not_configured',
    'The AFAS token setting is not a valid token: expected the XML <token><version>1</version><data>…</data></token>, only its hex data, or the Base64 of that XML.',
  );
}

function canonicalXml(version: string, data: string): string {
  return `<token><version>${Number(version)}</version><data>${data}</data></token>`;
}

function toBase64(xml: string): string {
  return Buffer.from(xml, 'utf8').toString('base64');
}

/**
 * The value of the `Authorization` header for an AFAS token given in any of the three shapes admins hand out:
 * the full XML, only the hex data (wrapped in the XML), or the Base64 of the XML (used as is).
 * Throws AppError('not_configured') for anything else; the message never contains the token.
 */
export function authorizationHeader(token: string): string {
  const trimmed = token.trim();

  if (trimmed.startsWith('<')) {
    const xml = TOKEN_XML.exec(trimmed);
    if (!xml) throw invalidToken();
    return `AfasToken ${toBase64(canonicalXml(xml[1], xml[2]))}`;
  }

  // Hex and Base64 tokens are often pasted with line breaks.
  const compact = trimmed.replace(/\s+/g, '');
  if (HEX.test(compact)) {
    return `AfasToken ${toBase64(canonicalXml('1', compact))}`;
  }
  if (BASE64.test(compact) && TOKEN_XML.test(Buffer.from(compact, 'base64').toString('utf8').trim())) {
    return `AfasToken ${compact}`;
  }
  throw invalidToken();
}
