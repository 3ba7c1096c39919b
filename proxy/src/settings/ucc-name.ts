import { ok, problem, type Read } from './read-value.js';

export const MAX_UCC_LENGTH = 100;

/**
 * Letters, digits, `_`, `-`, `@` and inner dots: enough for UCC names and SIP-style ids, and never a path
 * separator, a leading dot (`.`, `..`, hidden files) or a trailing dot (stripped by Windows).
 */
const SAFE_UCC = /^[A-Za-z0-9_@-](?:[A-Za-z0-9._@-]*[A-Za-z0-9_@-])?$/;

/** Validates the `ucc` of a publish body. Surrounding blanks are removed; the name is otherwise kept as sent. */
export function readUccName(value: unknown): Read<string> {
  if (value === undefined || value === null) return problem('required');
  if (typeof value !== 'string') return problem('expected a string');
  const name = value.trim();
  if (name === '') return problem('required');
  if (name.length > MAX_UCC_LENGTH) return problem(`at most ${MAX_UCC_LENGTH} characters`);
  if (!SAFE_UCC.test(name)) {
    return problem('only letters, digits, "_", "-", "@" and dots between them are allowed');
  }
  return ok(name);
}

/**
 * The identity of a UCC: names are compared case-insensitively, because the name is part of a file name and
 * `Helpdesk` and `helpdesk` are the same file on Windows and macOS.
 */
export const uccKey = (ucc: string): string => ucc.toLowerCase();

export const sameUcc = (a: string, b: string): boolean => uccKey(a) === uccKey(b);
