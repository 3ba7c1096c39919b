import type { CallerNumber } from './caller-id.js';

/**
 * The spellings people most often type a number in, most common first: E.164, international, national with and
 * without separators. Searched with equality (AFAS answers that from its index) when a loose search cannot be read
 * to its end. Empty for a number libphonenumber could not read: it has no canonical spelling.
 */
export function canonicalNotations(caller: Extract<CallerNumber, { kind: 'number' }>): string[] {
  const n = caller.parsed;
  if (!n) return [];
  const national = n.formatNational(); // e.g. "020 123 4567", "06 12345678"
  const [first = '', ...rest] = national.split(' ');
  const international = n.formatInternational(); // "+31 20 123 4567"
  const notations = [
    n.number,
    national.replace(/\D/g, ''),
    rest.length > 0 ? `${first}-${rest.join('')}` : national,
    national,
    international,
    `00${n.number.slice(1)}`,
    first.startsWith('0') ? international.replace(' ', ' (0)') : international,
  ];
  return [...new Set(notations)];
}
