/** Builds the whole data set: the fixed demo records first, then seeded, generated Dutch CRM data. */
import { randomLaterTime, randomOfficeTime } from '../dates.js';
import { Random } from '../random.js';
import type { CaseStat } from '../schema.js';
import { DatasetBuilder, type Dataset, type OrgPer } from './builder.js';
import { addDemoRecords, demoPhones } from './demo.js';
import {
  departments, femaleFirstNames, functions, legalForms, maleFirstNames, memos, notes, orgKinds, orgWords,
  privateMailDomains, streets, subjectsByType, surnames,
} from './names.js';
import { PhoneFactory, areaCodes } from './phones.js';

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

const ascii = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const capitalise = (s: string): string => s.replace(/^./, (c) => c.toUpperCase());

class Generator {
  private readonly phones: PhoneFactory;
  private readonly mails = new Set<string>();

  constructor(
    private readonly b: DatasetBuilder,
    private readonly rng: Random,
    private readonly limit: number,
  ) {
    this.phones = new PhoneFactory(rng);
    for (const row of b.contacts) {
      for (const f of phoneFields) if (typeof row[f] === 'string') this.phones.reserve(row[f]);
      for (const f of mailFields) if (typeof row[f] === 'string') this.mails.add(row[f].toLowerCase());
    }
    this.phones.reserve(demoPhones.unknown.e164);
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
  private mail(p: Person, domain: string): string | undefined {
    const sur = ascii(`${p.prefix}${p.surname}`).replace(/[^A-Za-z]/g, '');
    const first = ascii(p.first);
    const local = this.rng.weighted<string>([
      [`${first}.${sur}`.toLowerCase(), 5],
      [`${first[0]}.${sur}`.toLowerCase(), 4],
      [`${first}${capitalise(sur)}`, 2],
      [`${first[0]}_${sur}`.toLowerCase(), 2],
      [`${first}_${capitalise(sur)}`, 1],
      [`${first[0]}.${capitalise(ascii(p.prefix)).replace(/ /g, '')}${capitalise(ascii(p.surname))}`, 1],
    ]);
    for (const suffix of ['', '2', '3', '4', '5']) {
      const candidate = `${local}${suffix}@${domain}`;
      if (!this.mails.has(candidate.toLowerCase())) {
        this.mails.add(candidate.toLowerCase());
        return candidate;
      }
    }
    return undefined;
  }

  private created(): { CreateDate: string; ModifiedDate: string } {
    const CreateDate = randomOfficeTime(this.rng, '2008-01-01', '2024-12-31');
    return { CreateDate, ModifiedDate: randomLaterTime(this.rng, CreateDate, today) };
  }

  private organisation(): void {
    const p = this.place();
    const contact = this.person();
    const kind = this.rng.pick(orgKinds);
    const family = [capitalise(contact.prefix), contact.surname].filter(Boolean).join(' ');
    const base = this.rng.weighted<string>([
      [`${kind} ${family}`, 5],
      [`${this.rng.pick(orgWords)} ${kind}`, 2],
      [`${kind} ${p.city}`, 1],
      [`${family} & Zn.`, 1],
    ]);
    const legal = this.rng.pick(legalForms);
    const org = this.b.orgPer('ORG', legal ? `${base} ${legal}` : base);
    const domain = `${ascii(base).toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`;
    const address = this.address(p);
    const switchboard = this.rng.chance(0.95) ? this.landline(p) : undefined;
    const blockedOrg = this.rng.chance(0.02);
    this.b.contact({
      Type: 'ORG', Name: org.name, OrgNumber: org.bcCo, ...address, Blocked: blockedOrg,
      TelWork: switchboard, MailWork: this.rng.chance(0.8) ? `info@${domain}` : undefined,
      Note: this.rng.chance(0.1) ? this.rng.pick(notes) : undefined, ...this.created(),
    });
    if (this.room() > 0 && this.rng.chance(0.15)) {
      const dept = this.rng.pick(departments);
      this.b.contact({
        Type: 'AFD', Name: org.name, OrgNumber: org.bcCo, Department: dept, ...address, Blocked: blockedOrg,
        TelWork: this.rng.chance(0.4) ? switchboard : this.landline(p),
        MailWork: `${dept.toLowerCase()}@${domain}`, ...this.created(),
      });
    }
    const staff = this.rng.weighted([[1, 4], [2, 3], [3, 2], [4, 1]]);
    for (let i = 0; i < staff && this.room() > 0; i++) {
      const who = i === 0 ? contact : this.person();
      const person = this.b.orgPer('PER', who.fullName);
      const fn = this.rng.pick(functions);
      this.b.contact({
        Type: 'PRS', Name: org.name, FullName: who.fullName, OrgNumber: org.bcCo, PerNumber: person.bcCo, ...address,
        Blocked: blockedOrg || this.rng.chance(0.04),
        TelWork: this.rng.weighted<() => string | undefined>([
          [() => switchboard, 35], [() => this.landline(p), 35], [() => undefined, 30],
        ])(),
        MobWork: this.rng.chance(0.6) ? this.mobile(p) : undefined,
        MailWork: this.rng.chance(0.85) ? this.mail(who, domain) : undefined,
        MobPrivate: this.rng.chance(0.08) ? this.mobile(p) : undefined,
        MailPrivate: this.rng.chance(0.08) ? this.mail(who, this.rng.pick(privateMailDomains)) : undefined,
        Function: fn, FunctionCard: this.rng.chance(0.5) ? fn : undefined, Gender: who.gender,
        Note: this.rng.chance(0.05) ? this.rng.pick(notes) : undefined, ...this.created(),
      });
      if (this.rng.chance(0.08)) this.cases(person, this.rng.int(1, 2));
    }
    this.cases(org, this.rng.weighted([[0, 3], [1, 2], [2, 2], [3, 1], [5, 1], [8, 0.5]]));
  }

  private privatePerson(): void {
    const p = this.place();
    const who = this.person();
    const address = this.address(p);
    const home = this.rng.chance(0.35) ? this.landline(p) : undefined;
    const household = home !== undefined && this.rng.chance(0.12) ? 2 : 1;
    for (let i = 0; i < household && this.room() > 0; i++) {
      const member = i === 0 ? who : { ...this.person(), prefix: who.prefix, surname: who.surname };
      if (i > 0) member.fullName = [member.first, member.prefix, member.surname].filter(Boolean).join(' ');
      const person = this.b.orgPer('PER', member.fullName);
      this.b.contact({
        Type: 'PER', Name: member.fullName, FullName: member.fullName, PerNumber: person.bcCo, ...address,
        Blocked: this.rng.chance(0.03), TelPrivate: home,
        MobPrivate: this.rng.chance(0.8) ? this.mobile(p) : undefined,
        MailPrivate: this.rng.chance(0.7) ? this.mail(member, this.rng.pick(privateMailDomains)) : undefined,
        TelWork: this.rng.chance(0.05) ? this.landline(p) : undefined, Gender: member.gender,
        Note: this.rng.chance(0.05) ? this.rng.pick(notes) : undefined, ...this.created(),
      });
      this.cases(person, this.rng.weighted([[0, 4], [1, 3], [2, 2], [3, 1], [6, 0.3]]));
    }
  }

  private cases(owner: OrgPer, count: number): void {
    for (let i = 0; i < count; i++) {
      const SbTy = this.rng.int(1, 6);
      const DaSe = randomOfficeTime(this.rng, '2017-01-01', today);
      const recent = DaSe >= '2025-06-01';
      const Stat = this.rng.weighted<CaseStat>(
        recent
          ? [['Nieuw', 3], ['In behandeling', 3], ['Wacht op klant', 2], ['Afgehandeld', 2], ['Gesloten', 1]]
          : [['Nieuw', 0.3], ['In behandeling', 0.5], ['Wacht op klant', 0.4], ['Afgehandeld', 5], ['Gesloten', 3]],
      );
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

export const defaultSeed = 31_415;
export const defaultContactCount = 2400;

const cache = new Map<string, Dataset>();

/** Same seed and count, same (shared, never mutated) data set. */
export function buildDataset(seed = defaultSeed, contactCount = defaultContactCount): Dataset {
  const key = `${seed}:${contactCount}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const b = new DatasetBuilder();
  addDemoRecords(b);
  new Generator(b, new Random(seed), contactCount).run();
  const ds = b.build();
  cache.set(key, ds);
  return ds;
}
