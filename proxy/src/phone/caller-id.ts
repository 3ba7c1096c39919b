import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js';
import { AppError } from '../errors.js';
import type { PhoneNumberFormat } from '../settings/types.js';

/** Caller ids that mean "number withheld" in the telephony systems agents use (compared lower-case, letters only). */
const withheldWords = new Set([
  'anonymous',
  'anoniem',
  'restricted',
  'private',
  'privé',
  'prive',
  'unknown',
  'onbekend',
  'unavailable',
  'withheld',
  'blocked',
  'geheim',
  'nietbeschikbaar',
  'notavailable',
  'outofarea',
]);

const MAX_PHONE_INPUT = 64;
/** Below this many significant digits a number is an internal extension: never searched with a wildcard. */
export const MIN_WILDCARD_DIGITS = 6;

export type CallerNumber =
  | { kind: 'anonymous'; input: string }
  | {
      kind: 'number';
      input: string;
      /** E.164 when the number could be parsed, otherwise the digits as dialled. */
      normalized: string;
      e164?: string;
      /** National significant number (no country code, no trunk prefix), or the digits without leading zeros. */
      significant: string;
      /** The parsed number's country, used to read stored national notations when the region setting is ZZ. */
      country?: CountryCode;
      parsed?: PhoneNumber;
    };

const regionOrUndefined = (region: string): CountryCode | undefined => (region === 'ZZ' ? undefined : (region as CountryCode));

/** Strips the `tel:`/`sip:` wrapping and the Dutch/British `(0)` trunk hint so the rest parses as a plain number. */
function unwrap(raw: string): string {
  let s = raw.trim();
  const uri = /^(tel|sip|sips):/i.exec(s);
  if (uri) s = s.slice(uri[0].length).replace(/[@;].*$/, ''); // URI parameters and the SIP domain
  s = s.replace(/\(0\)/g, '');
  return s.trim();
}

const digitsOf = (s: string): string => s.replace(/\D/g, '');

function parse(text: string, region: CountryCode | undefined): PhoneNumber | undefined {
  // 00 is the international prefix in most of Europe; without a region libphonenumber cannot know that.
  const withPlus = region === undefined && /^00[1-9]/.test(text) ? `+${text.slice(2)}` : text;
  const n = parsePhoneNumberFromString(withPlus, region);
  return n && n.isPossible() ? n : undefined;
}

/**
 * Reads a caller id as the telephony system presented it. Withheld and non-dialable ids become `anonymous`;
 * text that cannot be a phone number at all is a 400.
 */
export function readCallerNumber(raw: string, defaultRegion: string): CallerNumber {
  if (raw.length > MAX_PHONE_INPUT) {
    throw new AppError('invalid_request', `phone: at most ${MAX_PHONE_INPUT} characters`);
  }
  const input = raw.trim();
  const letters = input
    .toLowerCase()
    .replace(/^(tel|sips?):/, '')
    .replace(/@.*$/, '')
    .replace(/[^\p{L}]/gu, '');
  if (letters !== '' && withheldWords.has(letters)) return { kind: 'anonymous', input };
  const text = unwrap(input);
  if (!/^[+\d\s().\-/]*$/.test(text)) {
    throw new AppError(
      'invalid_request',
      'phone: only digits, spaces, "+", "-", ".", "/", "(" and ")" are allowed, optionally as a tel: or sip: URI',
    );
  }
  const digits = digitsOf(text);
  if (digits.length === 0) return { kind: 'anonymous', input };

  const parsed = parse(text, regionOrUndefined(defaultRegion));
  if (parsed) {
    return {
      kind: 'number',
      input,
      normalized: parsed.number,
      e164: parsed.number,
      significant: parsed.nationalNumber,
      country: parsed.country,
      parsed,
    };
  }
  return { kind: 'number', input, normalized: text.startsWith('+') ? `+${digits}` : digits, significant: digits.replace(/^0+/, '') };
}

/** The notation a number is stored in under an equality PhoneNumberFormat; undefined when it cannot be formatted. */
export function formatForEquals(
  caller: Extract<CallerNumber, { kind: 'number' }>,
  format: Exclude<PhoneNumberFormat, 'WildCard'>,
): string | undefined {
  const n = caller.parsed;
  if (!n) return undefined;
  switch (format) {
    case 'E164':
      return n.number;
    case 'International':
      return n.formatInternational();
    case 'National':
      return n.formatNational();
    case 'Rfc3966':
      return n.format('RFC3966');
  }
}

/** LIKE pattern over the significant digits: `%6%1%2%3%4%5%6%7%8%` matches any notation of them. */
export function wildcardPattern(significant: string): string {
  return `%${[...significant].join('%')}%`;
}

export type PhoneComparison = 'exact' | 'digits' | 'none';

/**
 * Decides whether a stored AFAS phone value is the caller's number. `exact` when the stored text is the notation
 * that was searched or dialled; `digits` when only the digits agree.
 */
export function compareStoredNumber(
  stored: string,
  caller: Extract<CallerNumber, { kind: 'number' }>,
  defaultRegion: string,
  searchedNotation?: string,
): PhoneComparison {
  const value = stored.trim();
  if (value === '') return 'none';
  if (
    value === caller.input ||
    value === caller.normalized ||
    (searchedNotation !== undefined && value.toLowerCase() === searchedNotation.toLowerCase())
  ) {
    return 'exact';
  }
  const text = unwrap(value);
  const region = regionOrUndefined(defaultRegion) ?? caller.country;
  const parsedStored = /^[+\d\s().\-/]*$/.test(text) ? parse(text, region) : undefined;
  if (parsedStored && caller.e164) return parsedStored.number === caller.e164 ? 'digits' : 'none';
  const storedSignificant = parsedStored ? parsedStored.nationalNumber : digitsOf(text).replace(/^0+/, '');
  if (storedSignificant.length < 3) return 'none';
  if (storedSignificant === caller.significant) return 'digits';
  // One side carries a country code the other lacks (e.g. stored 0031612345678 with an unparseable caller id).
  const callerDigits = caller.significant;
  if (caller.country === undefined && storedSignificant.endsWith(callerDigits) && storedSignificant.length - callerDigits.length <= 3) {
    return 'digits';
  }
  return 'none';
}

/**
 * The caller index's key of a stored phone value (before hashing): `e:<E.164>` when it parses with the default
 * region, else `s:<its digits without leading zeros>`. Chosen so that every stored value compareStoredNumber accepts
 * for a caller with a country has one of callerIndexKeys(caller) as its key; values no caller can match give none.
 */
export function storedNumberKey(stored: string, defaultRegion: string): string | undefined {
  const text = unwrap(stored.trim());
  const dialable = /^[+\d\s().\-/]*$/.test(text);
  const parsed = dialable ? parse(text, regionOrUndefined(defaultRegion)) : undefined;
  if (parsed) return `e:${parsed.number}`;
  const significant = digitsOf(text).replace(/^0+/, '');
  return significant.length >= 3 ? `s:${significant}` : undefined;
}

/**
 * The caller index's keys for a caller: its E.164 and its national significant digits. Undefined for a caller the
 * index cannot answer for as live search would (no country: compareStoredNumber then also accepts stored values that
 * merely end in its digits), which live search keeps answering.
 */
export function callerIndexKeys(caller: Extract<CallerNumber, { kind: 'number' }>): string[] | undefined {
  if (caller.e164 === undefined || caller.country === undefined) return undefined;
  return [`e:${caller.e164}`, `s:${caller.significant}`];
}

/** `tel:` href for a stored number, or undefined when it is not dialable. */
export function telHref(stored: string, defaultRegion: string): string | undefined {
  const text = unwrap(stored);
  if (!/^[+\d\s().\-/]*$/.test(text) || digitsOf(text).length < 3) return undefined;
  const n = parse(text, regionOrUndefined(defaultRegion));
  return n ? `tel:${n.number}` : `tel:${text.startsWith('+') ? '+' : ''}${digitsOf(text)}`;
}
