import { readCallerNumber, type CallerNumber } from '../phone/caller-id.js';
import { readEmailInput } from './email.js';

/** What the agent's telephony or chat hands over: the caller id of a call, or the address of an e-mail. */
export type LookupInput = { phone: string } | { email: string };

/** A lookup's input, read: withheld, or a number or address to search for and to echo (`normalized`) in the answer. */
export type CallerInput =
  | { type: 'anonymous'; input: string }
  | { type: 'phone'; caller: Extract<CallerNumber, { kind: 'number' }>; normalized: string }
  | { type: 'email'; email: string; normalized: string };

/**
 * Reads a lookup's input. Withheld and non-dialable caller ids are `anonymous`; text that cannot be a phone number
 * or one e-mail address is an AppError('invalid_request') saying what is wrong, before anything reaches AFAS.
 */
export function readCallerInput(input: LookupInput, defaultRegion: string): CallerInput {
  if ('phone' in input) {
    const caller = readCallerNumber(input.phone, defaultRegion);
    return caller.kind === 'anonymous'
      ? { type: 'anonymous', input: caller.input }
      : { type: 'phone', caller, normalized: caller.normalized };
  }
  const email = readEmailInput(input.email);
  return { type: 'email', email, normalized: email.toLowerCase() };
}

/** The input of parsed query parameters (or a body) that hold exactly one of `phone` and `email`. */
export const inputOf = (q: { phone?: string; email?: string }): LookupInput =>
  q.phone !== undefined ? { phone: q.phone } : { email: q.email ?? '' };

/** The input as the answer echoes it (`query.input`). */
export const echoedInput = (input: LookupInput): string => ('phone' in input ? input.phone : input.email.trim());

/** Identifies an input as given, for remembering how it was read. */
export const inputKey = (input: LookupInput): string => ('phone' in input ? `p${input.phone}` : `e${input.email}`);
