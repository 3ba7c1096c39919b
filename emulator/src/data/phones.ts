/**
 * Phone numbers as people type them into AFAS: one number, many notations.
 * Uniqueness is kept on the national significant number, so only deliberate sharing produces duplicates.
 */
import type { Random } from '../random.js';

/** Dutch area codes with their places; the subscriber part fills the national number up to 9 digits. */
export const areaCodes: readonly (readonly [string, string])[] = [
  ['20', 'Amsterdam'], ['10', 'Rotterdam'], ['70', 'Den Haag'], ['30', 'Utrecht'], ['40', 'Eindhoven'],
  ['50', 'Groningen'], ['13', 'Tilburg'], ['36', 'Almere'], ['76', 'Breda'], ['24', 'Nijmegen'],
  ['55', 'Apeldoorn'], ['23', 'Haarlem'], ['26', 'Arnhem'], ['38', 'Zwolle'], ['71', 'Leiden'],
  ['43', 'Maastricht'], ['53', 'Enschede'], ['33', 'Amersfoort'], ['73', "'s-Hertogenbosch"], ['58', 'Leeuwarden'],
  ['15', 'Delft'], ['72', 'Alkmaar'], ['570', 'Deventer'], ['35', 'Hilversum'], ['182', 'Gouda'],
  ['591', 'Emmen'], ['113', 'Goes'], ['348', 'Woerden'],
];

const groups = (s: string, sizes: number[]): string => {
  const out: string[] = [];
  let i = 0;
  for (const n of sizes) {
    out.push(s.slice(i, i + n));
    i += n;
  }
  return out.join(' ');
};

/** Notations of a Dutch mobile number; `rest` is the 8 digits after the 6. */
function mobileNotation(rng: Random, rest: string): string {
  const nsn = `6${rest}`;
  return rng.pick([
    () => `06-${rest}`,
    () => `+31 (0)6 ${groups(rest, [4, 4])}`,
    () => `0031${nsn}`,
    () => `06 ${groups(rest, [2, 2, 2, 2])}`,
    () => `+31${nsn}`,
    () => `06${rest}`,
    () => `+31 6 ${rest}`,
    () => `06-${groups(rest, [2, 2, 2, 2])}`,
  ])();
}

/** Notations of a Dutch landline number. */
function landlineNotation(rng: Random, area: string, subscriber: string): string {
  const spaced = area.length === 2 ? groups(subscriber, [3, 2, 2]) : groups(subscriber, [2, 2, 2]);
  return rng.pick([
    () => `0${area}-${subscriber}`,
    () => `+31${area}${subscriber}`,
    () => `(0${area}) ${spaced}`,
    () => `+31 (0)${area} ${groups(subscriber, [3, subscriber.length - 3])}`,
    () => `0031${area}${subscriber}`,
    () => `0${area} ${spaced}`,
  ])();
}

/** Numeric form of a national key, cheaper to hash than text when 250,000 contacts are generated. */
const numericKey = (country: number, nsn: string): number => country * 1e11 + Number(nsn);

export class PhoneFactory {
  private readonly used = new Set<number>();

  constructor(private readonly rng: Random) {}

  /** Marks a number (any notation) as taken, so generated data never repeats it by accident. */
  reserve(notation: string): void {
    const key = nationalKey(notation);
    // Generated numbers have at most 9 national digits; a longer one can never collide with them.
    if (key && key.length <= 3 + 11) this.used.add(numericKey(Number(key.slice(0, 2)), key.slice(3)));
  }

  mobile(): string {
    for (;;) {
      const rest = this.rng.digits(8);
      if (this.claim(31, `6${rest}`)) return mobileNotation(this.rng, rest);
    }
  }

  landline(area: string): string {
    for (;;) {
      const subscriber = `${this.rng.int(2, 9)}${this.rng.digits(8 - area.length)}`;
      if (this.claim(31, `${area}${subscriber}`)) return landlineNotation(this.rng, area, subscriber);
    }
  }

  belgian(): string {
    for (;;) {
      if (this.rng.chance(0.5)) {
        const rest = `${this.rng.int(70, 99)}${this.rng.digits(6)}`;
        if (this.claim(32, `4${rest}`)) {
          return this.rng.chance(0.7)
            ? `+32 4${rest.slice(0, 2)} ${groups(rest.slice(2), [2, 2, 2])}`
            : `00324${rest}`;
        }
      } else {
        const area = this.rng.pick(['2', '3', '9']);
        const subscriber = `${this.rng.int(2, 9)}${this.rng.digits(6)}`;
        if (this.claim(32, `${area}${subscriber}`)) return `+32 ${area} ${groups(subscriber, [3, 2, 2])}`;
      }
    }
  }

  private claim(country: number, nsn: string): boolean {
    const key = numericKey(country, nsn);
    if (this.used.has(key)) return false;
    this.used.add(key);
    return true;
  }
}

/** `31:612345678` for every notation of +31 6 12345678; null when the text holds no usable number. */
export function nationalKey(notation: string): string | null {
  let digits = notation.replace(/\(0\)/g, '').replace(/\D/g, '');
  const international = /^\s*\+/.test(notation);
  if (!international && digits.startsWith('00')) digits = digits.slice(2);
  else if (!international && digits.startsWith('0')) digits = `31${digits.slice(1)}`;
  if (digits.startsWith('31') || digits.startsWith('32')) {
    const nsn = digits.slice(2);
    return nsn.length >= 8 ? `${digits.slice(0, 2)}:${nsn}` : null;
  }
  return null;
}
