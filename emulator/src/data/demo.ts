/**
 * The fixed demo records. They are added first, with fixed ids and dates, so they are the same whatever
 * the seed or contact count. scenarios.ts points at them; README.md lists them.
 */
import { Random } from '../random.js';
import { randomOfficeTime } from '../dates.js';
import { caseStatuses, type CaseStat } from '../schema.js';
import type { DatasetBuilder, OrgPer } from './builder.js';
import { memos, subjectsByType } from './names.js';

/** Stored notations of the demo numbers (what AFAS holds) and the forms a phone system would present. */
export const demoPhones = {
  known: { stored: '06-12345678', e164: '+31612345678' },
  manyCases: { stored: '+31 (0)6 2345 6789', e164: '+31623456789' },
  sharedOrg: { stored: '020-1234567', e164: '+31201234567' },
  sharedPerson: { stored: '(020) 123 45 67', e164: '+31201234567' },
  organisationOnly: { stored: '+31 10 234 5678', e164: '+31102345678' },
  /** A former employee, blocked, still carrying the organisation's number. */
  organisationOnlyBlocked: { stored: '010-2345678', e164: '+31102345678' },
  slow: { stored: '06 34 56 78 90', e164: '+31634567890' },
  unknown: { stored: '', e164: '+31207654321' },
  emailOrg: { stored: '+31 73 456 78 90', e164: '+31734567890' },
  /** A Belgian bakery's general number (Gent, 09), also on two of its people, each typed another way. */
  sharedRememberedOrg: { stored: '+32 9 265 43 10', e164: '+3292654310' },
  sharedRememberedPerson: { stored: '+32 (0)9 265 43 10', e164: '+3292654310' },
  sharedRememberedColleague: { stored: '0032 9 265 43 10', e164: '+3292654310' },
  /** Kinderopvang Zonnestraal's number in AFAS, and its location manager's mobile. */
  foundBySearchOrg: { stored: '033-4561290', e164: '+31334561290' },
  foundBySearchPerson: { stored: '06-41827365', e164: '+31641827365' },
  /**
   * The number she rings from: a new location's 085 number, in no contact. 085 is no area code the generator uses,
   * and the noise never writes a demo number's digits, so no generated contact has it either.
   */
  foundBySearchCaller: { stored: '', e164: '+31853031462' },
} as const;

export const demoEmails = {
  /** Stored with mixed case and an underscore; callers present it in lower case. */
  stored: 'L.van_Leeuwen@ZorggroepDeLinde.example',
  caller: 'l.van_leeuwen@zorggroepdelinde.example',
  /** A colleague whose address differs only where the `_` is: a LIKE without escaping finds both. */
  lookalike: 'l.van.leeuwen@zorggroepdelinde.example',
} as const;

export const demoNames = {
  known: 'Jan de Vries',
  manyCases: 'Sanne Jansen',
  sharedOrg: 'Groen & Zn. Installatietechniek B.V.',
  sharedPerson: 'Eva Groen',
  organisationOnly: 'Bakkerij Van Dijk',
  slow: 'Mohamed El Amrani',
  email: 'Lotte van Leeuwen',
  sharedRememberedOrg: 'Bakkerij Van Damme',
  /** The one the demo remembers for the bakery's number (scripts/demo.ts, through the service's picks API). */
  sharedRemembered: 'Pieter De Smet',
  sharedRememberedColleague: 'Els Van Damme',
  foundBySearchOrg: 'Kinderopvang Zonnestraal',
  foundBySearch: 'Naima Bouzid',
} as const;

export const manyCasesCount = 36;

export function addDemoRecords(b: DatasetBuilder): void {
  addKnown(b);
  addManyCases(b);
  addShared(b);
  addOrganisationOnly(b);
  addSlow(b);
  addEmail(b);
  // Added last, so the records above keep their ContactIds (1001–1012); these are 1013–1017.
  addSharedRemembered(b);
  addFoundBySearch(b);
}

function addKnown(b: DatasetBuilder): void {
  const jan = b.orgPer('PER', demoNames.known);
  b.contact({
    Type: 'PER', Name: jan.name, FullName: jan.name, PerNumber: jan.bcCo, Gender: 'M',
    AddressLine1: 'Dorpsstraat 12', AddressLine3: '3481 AB Harmelen', AddressLine4: 'Nederland',
    MobPrivate: demoPhones.known.stored, MailPrivate: 'jan.devries@thuismail.example',
    Note: 'Klant sinds 2016.', CreateDate: '2016-03-14T10:22:41.503', ModifiedDate: '2025-09-30T14:05:12.118',
  });
  const items: [number, string, string, CaseStat, string?][] = [
    [3, '2025-11-03T09:14:03.217', 'Storing cv-ketel', 'In behandeling', 'Monteur komt donderdag tussen 8:00 en 12:00.'],
    [2, '2025-10-28T16:41:55.902', 'Vraag over factuur 2025-0412', 'Nieuw'],
    [5, '2025-10-02T11:03:19.040', 'Terugbelverzoek over planning', 'Wacht op klant', 'Voicemail ingesproken.'],
    [6, '2025-03-18T08:30:00.000', 'Onderhoudscontract verlengd', 'Afgehandeld'],
    [1, '2024-06-07T13:12:48.771', 'Klacht over levertijd', 'Gesloten', 'Excuses aangeboden, bon van 25 euro.'],
  ];
  for (const [SbTy, DaSe, Ds, Stat, Memo] of items) b.case(jan, { SbTy, DaSe, Ds, Stat, Memo });
}

function addManyCases(b: DatasetBuilder): void {
  const sanne = b.orgPer('PER', demoNames.manyCases);
  b.contact({
    Type: 'PER', Name: sanne.name, FullName: sanne.name, PerNumber: sanne.bcCo, Gender: 'V',
    AddressLine1: 'Lindelaan 7', AddressLine3: '3521 CD Utrecht', AddressLine4: 'Nederland',
    MobPrivate: demoPhones.manyCases.stored, MailPrivate: 'SanneJansen@webpost.example',
    CreateDate: '2014-01-20T09:00:12.004', ModifiedDate: '2025-10-15T10:10:10.010',
  });
  // A fixed private seed: these items must not change with the emulator's seed option.
  const rng = new Random(20_140_120);
  for (let i = 0; i < manyCasesCount; i++) {
    const SbTy = rng.int(1, 6);
    const Stat: CaseStat = i < 4 ? caseStatuses[i % 3] : rng.pick(caseStatuses);
    b.case(sanne, {
      SbTy,
      DaSe: randomOfficeTime(rng, '2018-01-01', '2025-11-10'),
      Ds: rng.pick(subjectsByType[SbTy] ?? ['Dossieritem']),
      Stat,
      Memo: rng.chance(0.6) ? rng.pick(memos) : undefined,
      FeV1: rng.chance(0.3) ? rng.int(1, 5) : undefined,
    });
  }
}

function addShared(b: DatasetBuilder): void {
  const org = b.orgPer('ORG', demoNames.sharedOrg);
  const eva = b.orgPer('PER', demoNames.sharedPerson);
  const address = { AddressLine1: 'Industrieweg 40', AddressLine3: '1043 BZ Amsterdam', AddressLine4: 'Nederland' };
  b.contact({
    Type: 'ORG', Name: org.name, OrgNumber: org.bcCo, ...address,
    TelWork: demoPhones.sharedOrg.stored, MailWork: 'info@groen-installatie.example',
    CreateDate: '2012-05-02T12:00:00.000', ModifiedDate: '2025-01-08T09:45:31.667',
  });
  b.contact({
    Type: 'PRS', Name: org.name, FullName: eva.name, OrgNumber: org.bcCo, PerNumber: eva.bcCo, ...address,
    TelWork: demoPhones.sharedPerson.stored, MailWork: 'E.Groen@groen-installatie.example',
    Function: 'Directeur', FunctionCard: 'Directeur', Gender: 'V',
    CreateDate: '2012-05-02T12:05:00.000', ModifiedDate: '2024-11-11T11:11:11.111',
  });
  b.contact({
    Type: 'AFD', Name: org.name, OrgNumber: org.bcCo, Department: 'Storingsdienst', ...address,
    TelWork: '020-1234599', MailWork: 'storing@groen-installatie.example',
    CreateDate: '2013-02-11T08:00:00.000', ModifiedDate: '2023-04-04T15:20:00.250',
  });
  b.case(org, {
    SbTy: 3, DaSe: '2025-10-30T07:58:12.345', Ds: 'Storing warmtepomp <model X> & thermostaat', Stat: 'In behandeling',
    Memo: 'Klant meldt: "display toont <ERR-42>", wil teruggebeld worden & vraagt naar garantie; urgent.',
  });
  b.case(org, { SbTy: 4, DaSe: '2025-08-19T14:20:00.000', Ds: 'Offerte uitbreiding', Stat: 'Wacht op klant' });
  b.case(org, { SbTy: 6, DaSe: '2023-09-01T09:00:00.000', Ds: 'Jaarlijks onderhoud', Stat: 'Afgehandeld' });
}

function addOrganisationOnly(b: DatasetBuilder): void {
  const org = b.orgPer('ORG', demoNames.organisationOnly);
  const karin = b.orgPer('PER', 'Karin van Dijk');
  const address = { AddressLine1: 'Havenkade 3', AddressLine3: '3011 AA Rotterdam', AddressLine4: 'Nederland' };
  b.contact({
    Type: 'ORG', Name: org.name, OrgNumber: org.bcCo, ...address,
    TelWork: demoPhones.organisationOnly.stored, MailWork: 'bestellingen@bakkerijvandijk.example',
    CreateDate: '2010-10-10T10:10:10.100', ModifiedDate: '2025-06-06T06:06:06.600',
  });
  b.contact({
    Type: 'PRS', Name: org.name, FullName: karin.name, OrgNumber: org.bcCo, PerNumber: karin.bcCo, ...address,
    Blocked: true, TelWork: demoPhones.organisationOnlyBlocked.stored, Function: 'Boekhouder', Gender: 'V',
    Note: 'Uit dienst per 1 maart 2024.',
    CreateDate: '2015-04-01T09:00:00.000', ModifiedDate: '2024-03-01T17:00:00.000',
  });
  b.case(org, { SbTy: 2, DaSe: '2025-09-12T10:00:00.000', Ds: 'Vraag over levering feestdagen', Stat: 'Nieuw' });
  b.case(org, { SbTy: 1, DaSe: '2022-12-21T15:30:00.000', Ds: 'Klacht over factuur', Stat: 'Gesloten' });
}

function addSlow(b: DatasetBuilder): void {
  const org = b.orgPer('ORG', 'Noordzee Logistiek B.V.');
  const mo = b.orgPer('PER', demoNames.slow);
  const address = { AddressLine1: 'Zuiderweg 88', AddressLine3: '9744 AP Groningen', AddressLine4: 'Nederland' };
  b.contact({
    Type: 'ORG', Name: org.name, OrgNumber: org.bcCo, ...address,
    TelWork: '+31 (0)50 345 6789', MailWork: 'planning@noordzeelogistiek.example',
    CreateDate: '2018-02-02T08:15:00.000', ModifiedDate: '2025-02-02T08:15:00.000',
  });
  b.contact({
    Type: 'PRS', Name: org.name, FullName: mo.name, OrgNumber: org.bcCo, PerNumber: mo.bcCo, ...address,
    MobWork: demoPhones.slow.stored, MailWork: 'm.elamrani@noordzeelogistiek.example',
    Function: 'Planner', FunctionCard: 'Senior planner', Gender: 'M',
    CreateDate: '2019-07-15T13:00:00.000', ModifiedDate: '2025-07-15T13:00:00.000',
  });
  b.case(org, { SbTy: 5, DaSe: '2025-11-05T09:30:00.000', Ds: 'Terugbelverzoek over planning', Stat: 'Nieuw' });
}

function addEmail(b: DatasetBuilder): void {
  const org: OrgPer = b.orgPer('ORG', 'Zorggroep De Linde');
  const lotte = b.orgPer('PER', demoNames.email);
  const luuk = b.orgPer('PER', 'Luuk van Leeuwen');
  const address = { AddressLine1: 'Eikenlaan 1', AddressLine3: '5211 AB \'s-Hertogenbosch', AddressLine4: 'Nederland' };
  b.contact({
    Type: 'ORG', Name: org.name, OrgNumber: org.bcCo, ...address,
    TelWork: demoPhones.emailOrg.stored, MailWork: 'info@zorggroepdelinde.example',
    CreateDate: '2017-01-09T09:00:00.000', ModifiedDate: '2025-05-05T12:00:00.000',
  });
  b.contact({
    Type: 'PRS', Name: org.name, FullName: lotte.name, OrgNumber: org.bcCo, PerNumber: lotte.bcCo, ...address,
    MailWork: demoEmails.stored, Function: 'Teamleider', Gender: 'V',
    CreateDate: '2020-09-01T09:00:00.000', ModifiedDate: '2025-10-01T09:00:00.000',
  });
  b.contact({
    Type: 'PRS', Name: org.name, FullName: luuk.name, OrgNumber: org.bcCo, PerNumber: luuk.bcCo, ...address,
    MailWork: demoEmails.lookalike, Function: 'Adviseur', Gender: 'M',
    CreateDate: '2021-02-01T09:00:00.000', ModifiedDate: '2025-02-01T09:00:00.000',
  });
  b.case(org, { SbTy: 2, DaSe: '2025-10-20T10:45:00.000', Ds: 'Vraag over contract', Stat: 'In behandeling' });
  b.case(lotte, { SbTy: 5, DaSe: '2025-11-04T16:00:00.000', Ds: 'Terugbelverzoek administratie', Stat: 'Nieuw' });
}

/**
 * A second shared number, in Belgium: the bakery's general number is also on its manager and on the owner. The demo
 * remembers the manager for it at start, so ringing it shows him at once (scenario `sharedRemembered`).
 */
function addSharedRemembered(b: DatasetBuilder): void {
  const org = b.orgPer('ORG', demoNames.sharedRememberedOrg);
  const pieter = b.orgPer('PER', demoNames.sharedRemembered);
  const els = b.orgPer('PER', demoNames.sharedRememberedColleague);
  const address = { AddressLine1: 'Sint-Pietersnieuwstraat 51', AddressLine3: '9000 Gent', AddressLine4: 'België' };
  b.contact({
    Type: 'ORG', Name: org.name, OrgNumber: org.bcCo, ...address,
    TelWork: demoPhones.sharedRememberedOrg.stored, MailWork: 'info@bakkerijvandamme.example',
    CreateDate: '2019-04-02T10:00:00.000', ModifiedDate: '2025-09-18T08:12:40.300',
  });
  b.contact({
    Type: 'PRS', Name: org.name, FullName: pieter.name, OrgNumber: org.bcCo, PerNumber: pieter.bcCo, ...address,
    TelWork: demoPhones.sharedRememberedPerson.stored, MailWork: 'pieter@bakkerijvandamme.example',
    Function: 'Winkelverantwoordelijke', Gender: 'M', Note: 'Belt meestal namens de bakkerij; spreekt Frans en Nederlands.',
    CreateDate: '2019-04-02T10:05:00.000', ModifiedDate: '2025-03-03T09:30:00.000',
  });
  b.contact({
    Type: 'PRS', Name: org.name, FullName: els.name, OrgNumber: org.bcCo, PerNumber: els.bcCo, ...address,
    TelWork: demoPhones.sharedRememberedColleague.stored, MailWork: 'els@bakkerijvandamme.example',
    Function: 'Zaakvoerder', FunctionCard: 'Zaakvoerder', Gender: 'V',
    CreateDate: '2019-04-02T10:04:00.000', ModifiedDate: '2024-12-12T12:00:00.000',
  });
  b.case(org, { SbTy: 3, DaSe: '2025-11-06T06:45:00.000', Ds: 'Storing koelcel', Stat: 'Nieuw', Memo: 'Koelcel haalt 7 °C niet meer.' });
  b.case(org, { SbTy: 6, DaSe: '2025-02-20T13:00:00.000', Ds: 'Onderhoud rijskast', Stat: 'Afgehandeld' });
  b.case(pieter, { SbTy: 2, DaSe: '2025-10-14T09:20:00.000', Ds: 'Vraag over factuur 2025-0877', Stat: 'In behandeling' });
}

/**
 * A caller AFAS knows, ringing from a number it does not: the desk tells the agent what she says ("Kinderopvang
 * Zonnestraal"), and a search for Zonnestraal finds her (scenario `foundBySearch`).
 */
function addFoundBySearch(b: DatasetBuilder): void {
  const org = b.orgPer('ORG', demoNames.foundBySearchOrg);
  const naima = b.orgPer('PER', demoNames.foundBySearch);
  const address = { AddressLine1: 'Lichtenberglaan 120', AddressLine3: '3821 KB Amersfoort', AddressLine4: 'Nederland' };
  b.contact({
    Type: 'ORG', Name: org.name, OrgNumber: org.bcCo, ...address,
    TelWork: demoPhones.foundBySearchOrg.stored, MailWork: 'info@kinderopvangzonnestraal.example',
    CreateDate: '2016-08-15T09:00:00.000', ModifiedDate: '2025-08-01T10:00:00.000',
  });
  b.contact({
    Type: 'PRS', Name: org.name, FullName: naima.name, OrgNumber: org.bcCo, PerNumber: naima.bcCo, ...address,
    MobWork: demoPhones.foundBySearchPerson.stored, MailWork: 'n.bouzid@kinderopvangzonnestraal.example',
    Function: 'Locatiemanager', Gender: 'V',
    CreateDate: '2021-01-11T09:00:00.000', ModifiedDate: '2025-10-09T15:45:00.000',
  });
  b.case(org, { SbTy: 3, DaSe: '2025-11-03T07:50:00.000', Ds: 'Storing vloerverwarming babygroep', Stat: 'In behandeling' });
  b.case(naima, { SbTy: 4, DaSe: '2025-09-22T11:10:00.000', Ds: 'Offerte airco slaapkamers', Stat: 'Wacht op klant' });
}
