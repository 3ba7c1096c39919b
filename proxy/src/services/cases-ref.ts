import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How long a casesRef pages its contact's cases: a working shift, far longer than any cached answer lives. */
export const CASES_REF_VALIDITY_MS = 8 * 60 * 60_000;

const MIN_SECRET_BYTES = 32;
const MAX_REF_LENGTH = 512;
const ID_PART = /^[A-Za-z0-9_-]{1,400}$/;
const EXPIRY_PART = /^[0-9a-z]{1,11}$/;
const MAC_PART = /^[A-Za-z0-9_-]{43}$/;

/**
 * Issues and reads the opaque references that let an API client page the cases of a contact it was shown:
 * `<id>.<expiry>.<mac>`, the id Base64url-encoded, the expiry in epoch seconds (base 36), and an HMAC-SHA256 over
 * both and the AFAS environment, so a ref is worthless after its expiry or against another environment.
 */
export interface CasesRefs {
  issue(contactId: string, environment: string): string;
  /** The contact id, or undefined for a ref that is malformed, altered, expired or from another environment. */
  read(ref: string, environment: string): string | undefined;
}

export interface CasesRefOptions {
  secret: Buffer;
  validityMs?: number;
  now?: () => number;
}

/**
 * What a ref is bound to: the AFAS environment (its REST root) and the connector its contact ids come from. Hashed
 * as `<root>/connectors`, the form the setting was normalised to when refs were first issued, so refs an agent's
 * panel holds stay valid across this service's upgrades.
 */
export function casesRefEnvironment(restRoot: string, contactConnector: string): string {
  return createHash('sha256').update(`${restRoot.toLowerCase()}/connectors\n${contactConnector.toLowerCase()}`).digest('base64url');
}

export function createCasesRefs({ secret, validityMs = CASES_REF_VALIDITY_MS, now = Date.now }: CasesRefOptions): CasesRefs {
  if (secret.length < MIN_SECRET_BYTES) throw new RangeError(`casesRefSecret must be at least ${MIN_SECRET_BYTES} bytes`);
  // The MAC is compared as its Base64url text: decoding first would accept variants of the last character.
  const mac = (environment: string, idPart: string, expiryPart: string): Buffer =>
    Buffer.from(createHmac('sha256', secret).update(`cases-ref/1\n${environment}\n${idPart}\n${expiryPart}`).digest('base64url'));

  return {
    issue(contactId, environment) {
      const idPart = Buffer.from(contactId, 'utf8').toString('base64url');
      const expiryPart = Math.floor((now() + validityMs) / 1000).toString(36);
      return `${idPart}.${expiryPart}.${mac(environment, idPart, expiryPart).toString()}`;
    },

    read(ref, environment) {
      if (ref.length > MAX_REF_LENGTH) return undefined;
      const parts = ref.split('.');
      if (parts.length !== 3) return undefined;
      const [idPart = '', expiryPart = '', macPart = ''] = parts;
      if (!ID_PART.test(idPart) || !EXPIRY_PART.test(expiryPart) || !MAC_PART.test(macPart)) return undefined;
      if (!timingSafeEqual(Buffer.from(macPart), mac(environment, idPart, expiryPart))) return undefined;
      if (parseInt(expiryPart, 36) * 1000 <= now()) return undefined;
      return Buffer.from(idPart, 'base64url').toString('utf8');
    },
  };
}
