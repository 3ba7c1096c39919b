import { createHmac } from 'node:crypto';

/**
 * A value's place in the index: the first 30 bits of HMAC-SHA256 with the service's signing key over the value's
 * normalised key (`e:+31612345678`, `s:612345678`, `m:jan@example.nl`). Keyed, so the index cannot be reversed by
 * hashing every phone number; 30 bits, so it is a small integer in memory (see index-table.ts). Two values may share
 * a hash (about one pair in a few thousand at 250,000 contacts): the contacts fetched for it are verified against
 * the caller like any other, so a shared hash costs a live search, never a wrong answer.
 */
export type ValueHasher = (key: string) => number;

export function valueHasher(secret: Buffer): ValueHasher {
  return (key) => createHmac('sha256', secret).update(key, 'utf8').digest().readUInt32BE(0) & 0x3fffffff;
}

/** The key of an e-mail address, stored or searched for: AFAS compares addresses without case, and so does the verification. */
export const emailKey = (stored: string): string | undefined => {
  const address = stored.trim().toLowerCase();
  return address === '' ? undefined : `m:${address}`;
};
