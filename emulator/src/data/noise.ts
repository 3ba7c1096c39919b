/**
 * The data-quality problems of a CRM that people have typed into for years, for the generated contacts beyond the
 * default data set: remarks and extensions in a phone field, partial numbers, typos, a placeholder instead of a
 * number, two numbers in one field, a mobile number recycled to an unrelated contact, malformed e-mail addresses.
 * It draws from its own Random, so the clean values around it stay the same with or without it.
 */
import type { Random } from '../random.js';
import type { ContactInput } from './builder.js';
import { nationalKey } from './phones.js';

type PhoneField = 'TelWork' | 'MobWork' | 'TelPrivate' | 'MobPrivate';
type MailField = 'MailWork' | 'MailPrivate';
const phoneFields: readonly PhoneField[] = ['TelWork', 'MobWork', 'TelPrivate', 'MobPrivate'];
const mailFields: readonly MailField[] = ['MailWork', 'MailPrivate'];

/** Share of phone values (per kind of problem) and of e-mail values that get spoiled; README.md lists the result. */
export const noiseRates = {
  /** Landlines only: `020-1234567 toestel 12`. */
  extension: 0.03,
  /** `020-1234567 / 06-12345678`: another number of the same contact added. */
  twoNumbers: 0.006,
  /** A digit or the area code missing. */
  partial: 0.008,
  /** A letter O for a zero, or one digit too many. */
  typo: 0.008,
  /** `onbekend`, `geheim`, `-`, … */
  placeholder: 0.004,
  /** Mobiles only: the number an earlier, unrelated contact has too. */
  recycled: 0.005,
  /** Per e-mail value. */
  mail: 0.015,
} as const;

const extensions = [' toestel ', ' tst. ', ' ext. ', ' toestel '] as const;
const placeholders = ['onbekend', 'geheim', 'n.v.t.', 'zie notitie', '-', '0', 'volgt', '...'] as const;
/** How many recent mobiles a recycled number is drawn from. */
const recycleWindow = 5000;

const isMobile = (value: string): boolean => {
  const key = nationalKey(value);
  return key !== null && (key.startsWith('31:6') || key.startsWith('32:4'));
};

export class DataQualityNoise {
  private readonly recentMobiles: string[] = [];
  private recentNext = 0;

  /** `forbidden`: national digits (e.g. the demo numbers') that no spoiled value may contain. */
  constructor(
    private readonly rng: Random,
    private readonly forbidden: readonly string[],
  ) {}

  /** The contact with some of its phone and e-mail values spoiled (a new object; the input is not changed). */
  apply(contact: ContactInput): ContactInput {
    const out = { ...contact };
    for (const field of phoneFields) {
      const value = contact[field];
      if (!value) continue;
      const other = phoneFields.map((f) => contact[f]).find((v) => v && v !== value);
      const mobile = isMobile(value);
      out[field] = this.phone(value, mobile, other);
      if (mobile) this.remember(value);
    }
    for (const field of mailFields) {
      const value = contact[field];
      if (value && this.rng.chance(noiseRates.mail)) out[field] = this.mail(value, contact[field === 'MailWork' ? 'MailPrivate' : 'MailWork']);
    }
    return out;
  }

  private phone(value: string, mobile: boolean, other: string | undefined): string {
    const r = noiseRates;
    let roll = this.rng.next();
    const below = (share: number): boolean => {
      roll -= share;
      return roll < 0;
    };
    let spoiled: string | undefined;
    if (!mobile && below(r.extension)) spoiled = `${value}${this.rng.pick(extensions)}${this.rng.int(1, 250)}`;
    else if (below(r.twoNumbers)) spoiled = other === undefined ? undefined : `${value}${this.rng.pick([' / ', ' of ', ', '])}${other}`;
    else if (below(r.partial)) spoiled = this.partial(value);
    else if (below(r.typo)) spoiled = this.typo(value);
    else if (below(r.placeholder)) spoiled = this.rng.pick(placeholders);
    else if (mobile && below(r.recycled) && this.recentMobiles.length > 0) spoiled = this.rng.pick(this.recentMobiles);
    return spoiled !== undefined && this.allowed(spoiled) ? spoiled : value;
  }

  /** One digit short, or only the subscriber part without area code. */
  private partial(value: string): string {
    if (this.rng.chance(0.5)) return value.replace(/\d(?=\D*$)/, '');
    const digits = value.replace(/\D/g, '');
    return digits.slice(-7);
  }

  private typo(value: string): string {
    if (value.includes('0') && this.rng.chance(0.5)) return value.replace('0', 'O');
    const at = this.rng.int(Math.max(0, value.length - 4), value.length);
    return `${value.slice(0, at)}${this.rng.int(0, 9)}${value.slice(at)}`;
  }

  private mail(value: string, other: string | undefined): string {
    switch (this.rng.int(0, 4)) {
      case 0:
        return value.replace('@', '@@');
      case 1:
        return value.replace('@', '.');
      case 2:
        return `mailto:${value}`;
      case 3:
        return other ? `${value}; ${other}` : ` ${value}`;
      default:
        return value.replace('.', ',');
    }
  }

  private remember(mobile: string): void {
    if (this.recentMobiles.length < recycleWindow) this.recentMobiles.push(mobile);
    else this.recentMobiles[this.recentNext] = mobile;
    this.recentNext = (this.recentNext + 1) % recycleWindow;
  }

  private allowed(spoiled: string): boolean {
    const digits = spoiled.replace(/\D/g, '');
    return this.forbidden.every((nsn) => !digits.includes(nsn));
  }
}
