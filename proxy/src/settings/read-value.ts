/**
 * Lenient readers for the values a UCC publishes. SharePoint lists send the same column as a string, a number,
 * a boolean or null depending on the column type and on who wrote the JSON, so every reader accepts all the
 * spellings that have one obvious meaning and reports the rest as a problem (never echoing the input).
 */

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

export const ok = <T>(value: T): Read<T> => ({ ok: true, value });
export const problem = <T>(message: string): Read<T> => ({ ok: false, problem: message });

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of the first of `names` that `obj` has as an own key; keys compared case-insensitively. */
export function field(obj: JsonObject, ...names: string[]): unknown {
  const keys = Object.keys(obj);
  for (const name of names) {
    const wanted = name.toLowerCase();
    const key = keys.find((k) => k.toLowerCase() === wanted);
    if (key !== undefined && obj[key] !== undefined) return obj[key];
  }
  return undefined;
}

/** Text of a cell: strings trimmed, numbers and booleans as written; null/undefined -> undefined. */
export function readText(value: unknown): Read<string | undefined> {
  if (value === null || value === undefined) return ok(undefined);
  if (typeof value === 'string') return ok(value.trim());
  if (typeof value === 'number' && Number.isFinite(value)) return ok(String(value));
  if (typeof value === 'boolean') return ok(String(value));
  return problem('expected a string');
}

const yes = new Set(['true', 'yes', 'ja', 'y', 'j', '1']);
const no = new Set(['false', 'no', 'nee', 'n', '0']);

/** `true/false`, `Yes/No`, `Ja/Nee`, `1/0` in any case; missing -> `fallback`. */
export function readYesNo(value: unknown, fallback: boolean): Read<boolean> {
  if (value === null || value === undefined || value === '') return ok(fallback);
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'number' && (value === 0 || value === 1)) return ok(value === 1);
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (yes.has(v)) return ok(true);
    if (no.has(v)) return ok(false);
  }
  return problem('expected Yes or No (or true/false)');
}

/** A whole number written as a number or a numeric string (`"3"`, `"3.0"`), within [min, max]. */
export function readInteger(value: unknown, min: number, max: number): Read<number> {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?\d+(\.0*)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n)) return problem(`expected a whole number from ${min} to ${max}`);
  if (n < min || n > max) return problem(`expected a whole number from ${min} to ${max}`);
  return ok(n);
}
