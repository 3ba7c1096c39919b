import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/** Longer bearers are refused at once: no key is this long, and hashing megabytes per request is an attack surface. */
export const MAX_BEARER_LENGTH = 256;

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** The bearer credential of a request, `undefined` without one, `null` when it is longer than MAX_BEARER_LENGTH. */
export function bearerOf(req: Request): string | undefined | null {
  const h = req.get('authorization');
  if (h === undefined) return undefined;
  if (h.length > MAX_BEARER_LENGTH + 16) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m?.[1]) return undefined;
  return m[1].length > MAX_BEARER_LENGTH ? null : m[1];
}

/** The entry whose secret equals the presented one, compared in constant time over every entry. */
export function findBySecret<T>(presented: string, entries: readonly T[], secretOf: (e: T) => string): T | undefined {
  const p = digest(presented);
  let found: T | undefined;
  for (const e of entries) if (timingSafeEqual(p, digest(secretOf(e))) && found === undefined) found = e;
  return found;
}
