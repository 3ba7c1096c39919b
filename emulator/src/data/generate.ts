/** Builds the whole data set: the fixed demo records first, then seeded, generated Dutch CRM data. */
import { randomLaterTime, randomOfficeTime } from '../dates.js';
import { Random } from '../random.js';
import type { CaseStat } from '../schema.js';
import { DatasetBuilder, type ContactInput, type Dataset, type OrgPer } from './builder.js';
import { addDemoRecords, demoPhones } from './demo.js';
import {
  departments, femaleFirstNames, functions, legalForms, maleFirstNames, memos, notes, orgKinds, orgWords,
  privateMailDomains, streets, subjectsByType, surnames,
} from './names.js';
import { DataQualityNoise } from './noise.js';
import { PhoneFactory, areaCodes, nationalKey } from './phones.js';

const today = '2025-11-14';
const phoneFields = ['TelWork', 'MobWork', 'TelPrivate', 'MobPrivate'] as const;
const mailFields = ['MailWork', 'MailPrivate'] as const;

interface Person {
  first: string;
  prefix: string;
  surname: string;
  fullName: string;
  gender: 'M' | 'V';
}

interface Place {
  area: string;
  city: string;
  belgian: boolean;
}

const belgianCities = ['Antwerpen', 'Gent', 'Brussel', 'Leuven', 'Mechelen'] as const;

export const defaultSeed = 31_415;
export const defaultContactCount = 2400;

/**
 * The first this-many contacts (ContactId up to 3400) and what hangs off them are the default data set, at every
 * size. Only after them do the large-set rules apply: fewer cases, data-quality noise, more distinct e-mail.
 */
const classicContacts = defaultContactCount;
/** Beyond the classic part, the share of owners that get their dossier items. */
const caseShareBeyondClassic = 0.25;

/** Memoised: the name vocabulary is small and these run hundreds of thousands of times for a large data set. */
function memo(fn: (s: string) => string): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined) {
      v = fn(s);
      seen.set(s, v);
    }
    return v;
  };
}
const ascii = memo((s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
const capitalise = memo((s) => s.replace(/^./, (c) => c.toUpperCase()));
const slug = memo((s) => ascii(s).toLowerCase().replace(/[^a-z0-9]+/g, ''));

const orgNameShapes = [[0, 5], [1, 2], [2, 1], [3, 1]] as const;
const mailShapes = [[0, 5], [1, 4], [2, 2], [3, 2], [4, 1], [5, 1]] as const;
const staffSizes = [[1, 4], [2, 3], [3, 2], [4, 1]] as const;
const staffTelWork = [['switchboard', 35], ['own', 35], ['none', 30]] as const;
const orgCaseCounts = [[0, 3], [1, 2], [2, 2], [3, 1], [5, 1], [8, 0.5]] as const;
const personCaseCounts = [[0, 4], [1, 3], [2, 2], [3, 1], [6, 0.3]] as const;
const recentStats: readonly (readonly [CaseStat, number])[] = [
  ['Nieuw', 3], ['In behandeling', 3], ['Wacht op klant', 2], ['Afgehandeld', 2], ['Gesloten', 1],
];
const olderStats: readonly (readonly [CaseStat, number])[] = [
  ['Nieuw', 0.3], ['In behandeling', 0.5], ['Wacht op klant', 0.4], ['Afgehandeld', 5], ['Gesloten', 3],
];

class Generator {
  private readonly phones: PhoneFactory;
  private readonly mails = new Set<string>();
  private readonly domains = new Set<string>();
  private readonly noise: DataQualityNoise;

  constructor(
    private readonly b: DatasetBuilder,
    private readonly rng: Random,
    /** Its own stream, so the large-set rules never shift the classic part's draws. */
    private readonly extraRng: Random,
    private readonly limit: number,
  ) {
    this.phones = new PhoneFactory(rng);
    for (const row of b.contacts) {
      for (const f of phoneFields) if (typeof row[f] === 'string') this.phones.reserve(row[f]);
      for (const f of mailFields) if (typeof row[f] === 'string') this.mails.add(row[f].toLowerCase());
    }
    this.phones.reserve(demoPhones.unknown.e164);
    const demoDigits = Object.values(demoPhones).flatMap((p) => nationalKey(p.e164)?.slice(3) ?? []);
    this.noise = new DataQualityNoise(extraRng, demoDigits);
  }

  run(): void {
    while (this.room() > 0) {
      if (this.rng.chance(0.62)) this.organisation();
      else this.privatePerson();
    }
  }

  private room(): number {
    return this.limit - this.b.contactCount;
  }

  /** Whether the next contact belongs to the default data set. */
  private classic(): boolean {
    return this.b.contactCount < classicContacts;
  }

  private contact(input: ContactInput, classic: boolean): void {
    this.b.contact(classic ? input : this.noise.apply(input));
  }

  private person(): Person {
    const gender = this.rng.chance(0.5) ? 'V' : 'M';
    const first = this.rng.pick(gender === 'V' ? femaleFirstNames : maleFirstNames);
    const [prefix, surname] = this.rng.pick(surnames);
    return { first, prefix, surname, gender, fullName: [first, prefix, surname].filter(Boolean).join(' ') };
  }

  private place(): Place {
    if (this.rng.chance(0.04)) return { area: '', city: this.rng.pick(belgianCities), belgian: true };
    const [area, city] = this.rng.pick(areaCodes);
    return { area, city, belgian: false };
  }

  private landline(p: Place): string {
    return p.belgian ? this.phones.belgian() : this.phones.landline(p.area);
  }

  private mobile(p: Place): string {
    return p.belgian && this.rng.chance(0.7) ? this.phones.belgian() : this.phones.mobile();
  }

  private address(p: Place): { AddressLine1: string; AddressLine3: string; AddressLine4: string } {
    const street = `${this.rng.pick(streets)} ${this.rng.int(1, 250)}${this.rng.chance(0.1) ? this.rng.pick(['a', 'b', '-1', ' bis']) : ''}`;
    const postcode = p.belgian
      ? String(this.rng.int(1000, 9999))
      : `${this.rng.int(1000, 9999)} ${String.fromCharCode(65 + this.rng.int(0, 25))}${String.fromCharCode(65 + this.rng.int(0, 25))}`;
    return { AddressLine1: street, AddressLine3: `${postcode} ${p.city}`, AddressLine4: p.belgian ? 'België' : 'Nederland' };
  }

  /** A unique address built from a person's name; underscores and mixed case on purpose. */
  private mail(p: Person, domain: string, classic: boolean): string | undefined {
    const sur = ascii(`${p.prefix}${p.surname}`).replace(/[^A-Za-z]/g, '');
    const first = ascii(p.first);
    const local = this.mailLocal(this.rng.weighted(mailShapes), p, first, sur);
    for (const suffix of ['', '2', '3', '4', '5']) {
      const candidate = `${local}${suffix}@${domain}`;
      if (this.claimMail(candidate)) return candidate;
    }
    // A large data set repeats names far more often than five suffixes can tell apart.
    for (let i = 0; !classic && i < 20; i++) {
      const candidate = `${local}${this.extraRng.int(6, 9999)}@${domain}`;
      if (this.claimMail(candidate)) return candidate;
    }
    return undefined;
  }

  private mailLocal(shape: number, p: Person, first: string, sur: string): string {
    switch (shape) {
      case 0:
        return `${first}.${sur}`.toLowerCase();
      case 1:
        return `${first[0]}.${sur}`.toLowerCase();
      case 2:
        return `${first}${capitalise(sur)}`;
      case 3:
        return `${first[0]}_${sur}`.toLowerCase();
      case 4:
        return `${first}_${capitalise(sur)}`;
      default:
        return `${first[0]}.${capitalise(ascii(p.prefix)).replace(/ /g, '')}${capitalise(ascii(p.surname))}`;
    }
  }

  private claimMail(address: string): boolean {
    const key = address.toLowerCase();
    if (this.mails.has(key)) return false;
    this.mails.add(key);
    return true;
  }

  /** The organisation's e-mail domain; beyond the classic part one that no other organisation uses. */
  private domain(base: string, p: Place, classic: boolean): string {
    let name = slug(base);
    if (!classic && this.domains.has(name)) name = `${name}-${slug(p.city)}`;
    while (!classic && this.domains.has(name)) name = `${slug(base)}${this.extraRng.int(2, 999 + this.domains.size)}`;
    this.domains.add(name);
    return `${name}.example`;
  }

  private created(): { CreateDate: string; ModifiedDate: string } {
    const CreateDate = randomOfficeTime(this.rng, '2008-01-01', '2024-12-31');
    return { CreateDate, ModifiedDate: randomLaterTime(this.rng, CreateDate, today) };
  }

  private organisation(): void {
    const classic = this.classic();
    const p = this.place();
    const contact = this.person();
    const kind = this.rng.pick(orgKinds);
    const family = [capitalise(contact.prefix), contact.surname].filter(Boolean).join(' ');
    const word = this.rng.pick(orgWords);
    const shape = this.rng.weighted(orgNameShapes);
    const base = shape === 0 ? `${kind} ${family}` : shape === 1 ? `${word} ${kind}` : shape === 2 ? `${kind} ${p.city}` : `${family} & Zn.`;
    const legal = this.rng.pick(legalForms);
    const org = this.b.orgPer('ORG', legal ? `${base} ${legal}` : base);
    const domain = this.domain(base, p, classic);
    const address = this.address(p);
    const switchboard = this.rng.chance(0.95) ? this.landline(p) : undefined;
    const blockedOrg = this.rng.chance(0.02);
    this.contact({
      Type: 'ORG', Name: org.name, OrgNumber: org.bcCo, ...address, Blocked: blockedOrg,
      TelWork: switchboard, MailWork: this.rng.chance(0.8) ? `info@${domain}` : undefined,
      Note: this.rng.chance(0.1) ? this.rng.pick(notes) : undefined, ...this.created(),
    }, classic);
    if (this.room() > 0 && this.rng.chance(0.15)) {
      const dept = this.rng.pick(departments);
      this.contact({
        Type: 'AFD', Name: org.name, OrgNumber: org.bcCo, Department: dept, ...address, Blocked: blockedOrg,
        TelWork: this.rng.chance(0.4) ? switchboard : this.landline(p),
        MailWork: `${dept.toLowerCase()}@${domain}`, ...this.created(),
      }, this.classic());
    }
    const staff = this.rng.weighted(staffSizes);
    for (let i = 0; i < staff && this.room() > 0; i++) {
      const who = i === 0 ? contact : this.person();
      const person = this.b.orgPer('PER', who.fullName);
      const fn = this.rng.pick(functions);
      const inClassic = this.classic();
      this.contact({
        Type: 'PRS', Name: org.name, FullName: who.fullName, OrgNumber: org.bcCo, PerNumber: person.bcCo, ...address,
        Blocked: blockedOrg || this.rng.chance(0.04),
        TelWork: this.staffTelWork(switchboard, p),
        MobWork: this.rng.chance(0.6) ? this.mobile(p) : undefined,
        MailWork: this.rng.chance(0.85) ? this.mail(who, domain, inClassic) : undefined,
        MobPrivate: this.rng.chance(0.08) ? this.mobile(p) : undefined,
        MailPrivate: this.rng.chance(0.08) ? this.mail(who, this.rng.pick(privateMailDomains), inClassic) : undefined,
        Function: fn, FunctionCard: this.rng.chance(0.5) ? fn : undefined, Gender: who.gender,
        Note: this.rng.chance(0.05) ? this.rng.pick(notes) : undefined, ...this.created(),
      }, inClassic);
      if (this.rng.chance(0.08)) this.cases(person, this.rng.int(1, 2), inClassic);
    }
    this.cases(org, this.rng.weighted(orgCaseCounts), classic);
  }

  private staffTelWork(switchboard: string | undefined, p: Place): string | undefined {
    const choice = this.rng.weighted(staffTelWork);
    return choice === 'switchboard' ? switchboard : choice === 'own' ? this.landline(p) : undefined;
  }

  private privatePerson(): void {
    const p = this.place();
    const who = this.person();
    const address = this.address(p);
    const home = this.rng.chance(0.35) ? this.landline(p) : undefined;
    const household = home !== undefined && this.rng.chance(0.12) ? 2 : 1;
    for (let i = 0; i < household && this.room() > 0; i++) {
      const classic = this.classic();
      const member = i === 0 ? who : { ...this.person(), prefix: who.prefix, surname: who.surname };
      if (i > 0) member.fullName = [member.first, member.prefix, member.surname].filter(Boolean).join(' ');
      const person = this.b.orgPer('PER', member.fullName);
      this.contact({
        Type: 'PER', Name: member.fullName, FullName: member.fullName, PerNumber: person.bcCo, ...address,
        Blocked: this.rng.chance(0.03), TelPrivate: home,
        MobPrivate: this.rng.chance(0.8) ? this.mobile(p) : undefined,
        MailPrivate: this.rng.chance(0.7) ? this.mail(member, this.rng.pick(privateMailDomains), classic) : undefined,
        TelWork: this.rng.chance(0.05) ? this.landline(p) : undefined, Gender: member.gender,
        Note: this.rng.chance(0.05) ? this.rng.pick(notes) : undefined, ...this.created(),
      }, classic);
      this.cases(person, this.rng.weighted(personCaseCounts), classic);
    }
  }

  /** `classic`: whether the owner's contact belongs to the default data set. */
  private cases(owner: OrgPer, count: number, classic: boolean): void {
    if (!classic && !this.rng.chance(caseShareBeyondClassic)) return;
    for (let i = 0; i < count; i++) {
      const SbTy = this.rng.int(1, 6);
      const DaSe = randomOfficeTime(this.rng, '2017-01-01', today);
      const Stat = this.rng.weighted(DaSe >= '2025-06-01' ? recentStats : olderStats);
      this.b.case(owner, {
        SbTy, DaSe, Stat,
        Ds: this.rng.pick(subjectsByType[SbTy] ?? ['Dossieritem']),
        Memo: this.rng.chance(0.5) ? this.rng.pick(memos) : undefined,
        FeV1: this.rng.chance(0.2) ? this.rng.int(1, 9) : undefined,
        FeV2: this.rng.chance(0.1) ? this.rng.int(1, 9) : undefined,
        FeV3: this.rng.chance(0.05) ? this.rng.int(1, 9) : undefined,
        ToEr: this.rng.chance(0.03),
      });
    }
  }
}

const cache = new Map<string, Dataset>();
/** Larger data sets are built afresh each time, so a closed 250,000-contact emulator frees its memory. */
const largestCached = 20_000;

/** Same seed and count, same data set (shared and never mutated when small enough to be cached). */
export function buildDataset(seed = defaultSeed, contactCount = defaultContactCount): Dataset {
  const key = `${seed}:${contactCount}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const b = new DatasetBuilder();
  addDemoRecords(b);
  new Generator(b, new Random(seed), new Random(seed ^ 0x7ea1), contactCount).run();
  const ds = b.build();
  if (contactCount <= largestCached) cache.set(key, ds);
  return ds;
}
