import { AppError } from '../errors.js';

const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;
const LONE_SURROGATE = /\p{Cs}/u;
/** `%`, `_` and `[` are LIKE wildcards to AFAS; `_` is common in addresses (and re-checked), the others are not. */
const WILDCARD = /[%[]/;
const EMAIL = /^[^\s@,;]{1,64}@[^\s@,;]{1,189}$/;

const invalid = (message: string): AppError => new AppError('invalid_request', `email: ${message}`);

/** The address to search for, trimmed; a 400 saying what is wrong before anything reaches AFAS. */
export function readEmailInput(raw: string): string {
  // Checked before trimming: trim() would quietly drop a byte-order mark but keep a zero-width space.
  if (CONTROL_OR_FORMAT.test(raw))
    throw invalid('control or invisible formatting characters (such as NUL or a zero-width space) are not allowed');
  if (LONE_SURROGATE.test(raw)) throw invalid('the address contains invalid text');
  const email = raw.trim();
  if (WILDCARD.test(email)) throw invalid('"%" and "[" are not allowed');
  if (!EMAIL.test(email)) throw invalid('expected one address like name@example.nl (no spaces, commas or semicolons)');
  return email;
}
