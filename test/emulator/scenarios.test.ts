import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoScenarios, type DemoScenario } from '../../emulator/src/scenarios.js';
import { Client, compact, numberKey, type WireRow } from './support.js';

const phoneFields = ['TelWork', 'MobWork', 'TelPrivate', 'MobPrivate'] as const;
const mailFields = ['MailWork', 'MailPrivate'] as const;

const text = (v: WireRow[string]): string | null => (typeof v === 'string' ? v : null);
const hasNumber = (r: WireRow, key: string): boolean =>
  phoneFields.some((f) => text(r[f]) !== null && numberKey(text(r[f]) as string) === key);
const hasMail = (r: WireRow, mail: string): boolean => mailFields.some((f) => text(r[f])?.toLowerCase() === mail.toLowerCase());
const displayName = (r: WireRow): string => (text(r.FullName) ?? text(r.Name)) as string;
/** What the service's search by name reads: a word anywhere in the name or the organisation's name. */
const holdsWord = (r: WireRow, word: string): boolean =>
  [text(r.Name), text(r.FullName)].some((v) => v !== null && v.toLowerCase().includes(word.toLowerCase()));

/** Checks every scenario against the rows the emulator really serves. */
async function checkScenarios(c: Client): Promise<void> {
  const all = (await c.rows('Profit_Contacts', 'skip=-1&take=-1&orderbyfieldids=ContactId')).rows;
  const unblocked = all.filter((r) => r.Blocked === false);
  const matches = (s: DemoScenario): WireRow[] =>
    s.email !== undefined
      ? unblocked.filter((r) => hasMail(r, s.email as string))
      : unblocked.filter((r) => hasNumber(r, numberKey(s.phone as string)));
  for (const s of demoScenarios) {
    if (s.expect.status === 'anonymous') continue;
    const found = matches(s);
    if (s.expect.status === 'matched') {
      assert.equal(found.length, 1, `${s.id}: exactly one unblocked contact`);
      assert.equal(displayName(found[0]), s.expect.name, s.id);
    } else if (s.expect.status === 'ambiguous') {
      assert.ok(found.length >= 2, `${s.id}: two or more unblocked contacts`);
    } else if (s.expect.status === 'none') {
      assert.equal(all.filter((r) => hasNumber(r, numberKey(s.phone as string))).length, 0, `${s.id}: in no row at all`);
    }
    // The pick itself is the demo service's (scripts/demo.ts): here, only that the contact to remember is one of them.
    if (s.expect.remembered !== undefined) {
      assert.equal(s.expect.status, 'ambiguous', `${s.id}: a pick decides between contacts AFAS finds`);
      assert.equal(found.filter((r) => displayName(r) === s.expect.remembered).length, 1, `${s.id}: ${s.expect.remembered} has the number`);
    }
    if (s.search !== undefined) {
      const hits = unblocked.filter((r) => holdsWord(r, s.search?.text ?? ''));
      assert.ok(hits.length >= 1 && hits.length <= 10, `${s.id}: the search finds a handful, not ${hits.length}`);
      assert.equal(hits.filter((r) => displayName(r) === s.search?.name).length, 1, `${s.id}: the search finds ${s.search.name}`);
    }
  }
}

describe('emulator: demo scenarios', () => {
  let c: Client;
  before(async () => {
    c = await Client.start();
  });
  after(() => c.close());

  it('has the eleven documented scenarios with phone or e-mail, labelled in Dutch, English and French', () => {
    assert.deepEqual(
      demoScenarios.map((s) => s.id),
      [
        'known',
        'manyCases',
        'sharedNumber',
        'organisationOnly',
        'unknown',
        'withheld',
        'slow',
        'down',
        'email',
        'sharedRemembered',
        'foundBySearch',
      ],
    );
    for (const s of demoScenarios) {
      assert.ok((s.phone === undefined) !== (s.email === undefined), `${s.id}: phone or e-mail`);
      assert.deepEqual(Object.keys(s.labels).sort(), ['en', 'fr', 'nl'], s.id);
      for (const label of Object.values(s.labels)) assert.ok(label.length > 0 && label.length < 40, `${s.id}: ${label}`);
      assert.equal(s.label, `${s.labels.nl} / ${s.labels.en}`, `${s.id}: the old two-language label`);
    }
    for (const lang of ['nl', 'en', 'fr'] as const) {
      const labels = demoScenarios.map((s) => s.labels[lang]);
      assert.equal(new Set(labels).size, labels.length, `${lang}: every label differs`);
    }
    assert.equal(demoScenarios.find((s) => s.id === 'withheld')?.phone, 'anonymous');
    assert.equal(demoScenarios.find((s) => s.id === 'slow')?.fault?.mode, 'slow');
    assert.ok(['unavailable503', 'error500'].includes(demoScenarios.find((s) => s.id === 'down')?.fault?.mode ?? ''));
  });

  it('agrees with the served data', async () => {
    await checkScenarios(c);
  });

  it('agrees with the data for another seed and the minimum count too', async () => {
    const other = await Client.start({ seed: 99, contacts: 2000 });
    try {
      await checkScenarios(other);
    } finally {
      await other.close();
    }
  });

  it('known: stored as 06-12345678, with open and closed cases', async () => {
    const jan = await c.contacts(compact('MobPrivate', '06-12345678', '1'));
    assert.equal(jan.length, 1);
    const stats = (
      await c.rows('ProfitSubjectsAuthorized', `${compact('BcCd', jan[0].PerNumber as string, '1')}&orderbyfieldids=-DaSe`)
    ).rows.map((r) => r.Stat);
    assert.ok(stats.includes('Nieuw') && stats.includes('In behandeling') && stats.includes('Afgehandeld'));
  });

  it('manyCases: 30+ dossier items', async () => {
    const s = demoScenarios.find((x) => x.id === 'manyCases') as DemoScenario;
    const all = await c.contacts('');
    const person = all.find((r) => hasNumber(r, numberKey(s.phone as string))) as WireRow;
    const cases = (await c.rows('ProfitSubjectsAuthorized', `${compact('BcCd', person.PerNumber as string, '1')}&skip=-1&take=-1`)).rows;
    assert.ok(cases.length >= 30, String(cases.length));
  });

  it('sharedNumber: an organisation and a person at it', async () => {
    const s = demoScenarios.find((x) => x.id === 'sharedNumber') as DemoScenario;
    const found = (await c.contacts('')).filter((r) => r.Blocked === false && hasNumber(r, numberKey(s.phone as string)));
    assert.deepEqual(found.map((r) => r.Type).sort(), ['ORG', 'PRS']);
    assert.equal(found[0].OrgNumber, found[1].OrgNumber);
    assert.notEqual(text(found[0].TelWork), text(found[1].TelWork), 'stored in different notations');
  });

  it('organisationOnly: one organisation, plus a blocked former employee with the same number', async () => {
    const s = demoScenarios.find((x) => x.id === 'organisationOnly') as DemoScenario;
    const found = (await c.contacts('')).filter((r) => hasNumber(r, numberKey(s.phone as string)));
    assert.deepEqual(
      found.map((r) => [r.Type, r.Blocked]),
      [
        ['ORG', false],
        ['PRS', true],
      ],
    );
  });

  it('sharedRemembered: a second shared number, in Belgium: an organisation and two people at it, in three notations', async () => {
    const s = demoScenarios.find((x) => x.id === 'sharedRemembered') as DemoScenario;
    const shared = demoScenarios.find((x) => x.id === 'sharedNumber') as DemoScenario;
    assert.notEqual(numberKey(s.phone as string), numberKey(shared.phone as string));
    assert.match(s.phone as string, /^\+329\d{7}$/, 'a Gent number (09)');
    const found = (await c.contacts('')).filter((r) => r.Blocked === false && hasNumber(r, numberKey(s.phone as string)));
    assert.deepEqual(found.map((r) => r.Type).sort(), ['ORG', 'PRS', 'PRS']);
    assert.equal(new Set(found.map((r) => r.OrgNumber)).size, 1, 'all of one organisation');
    assert.ok(found.every((r) => r.AddressLine4 === 'België'));
    assert.equal(new Set(found.map((r) => text(r.TelWork))).size, 3, 'stored in three notations');
    assert.ok(
      found.every((r) => /^(\+32|0032)/.test(text(r.TelWork) ?? '')),
      'stored with the country code, as a Dutch AFAS holds Belgian numbers',
    );
    assert.ok(s.expect.remembered && s.expect.remembered !== found.find((r) => r.Type === 'ORG')?.Name, 'a person is remembered');
  });

  it('foundBySearch: the number is in no row; the caller is a contact with other numbers, found by the word she says', async () => {
    const s = demoScenarios.find((x) => x.id === 'foundBySearch') as DemoScenario;
    assert.ok(s.search);
    const all = await c.contacts('');
    assert.equal(all.filter((r) => hasNumber(r, numberKey(s.phone as string))).length, 0);
    const caller = all.filter((r) => displayName(r) === s.search?.name);
    assert.equal(caller.length, 1);
    assert.ok(
      phoneFields.some((f) => text(caller[0][f]) !== null),
      'she has another number in AFAS',
    );
    assert.equal(text(caller[0].Name), 'Kinderopvang Zonnestraal');
    for (const lang of ['nl', 'en', 'fr'] as const) {
      assert.ok(s.search.hint[lang].includes('Kinderopvang Zonnestraal'), `${lang}: the hint names the organisation`);
      assert.ok(s.search.hint[lang].includes(s.search.name), `${lang}: the hint names her`);
    }
  });

  it('email: stored in mixed case with an underscore; a LIKE without care finds a look-alike colleague', async () => {
    const s = demoScenarios.find((x) => x.id === 'email') as DemoScenario;
    const exact = await c.contacts(compact('MailWork', s.email as string, '1'));
    assert.equal(exact.length, 1);
    assert.notEqual(exact[0].MailWork, s.email);
    assert.equal(text(exact[0].MailWork)?.toLowerCase(), s.email);
    assert.equal((await c.contacts(compact('MailWork', s.email as string, '6'))).length, 2);
  });
});

describe('emulator: generated data', () => {
  let all: WireRow[];
  let cases: WireRow[];
  let c: Client;
  before(async () => {
    c = await Client.start();
    all = await c.contacts('');
    cases = (await c.rows('ProfitSubjectsAuthorized', 'skip=-1&take=-1')).rows;
  });
  after(() => c.close());

  it('has 2,400 contacts of all four types by default', () => {
    assert.equal(all.length, 2400);
    assert.deepEqual([...new Set(all.map((r) => r.Type))].sort(), ['AFD', 'ORG', 'PER', 'PRS']);
  });

  it('stores phone numbers in messy notations, Belgian ones included', () => {
    const numbers = all.flatMap((r) => phoneFields.map((f) => text(r[f]))).filter((v): v is string => v !== null);
    const notations: [string, RegExp][] = [
      ['06-12345678', /^06-\d{8}$/],
      ['+31 (0)6 1234 5678', /^\+31 \(0\)6 \d{4} \d{4}$/],
      ['0031612345678', /^00316\d{8}$/],
      ['06 12 34 56 78', /^06 \d\d \d\d \d\d \d\d$/],
      ['020-1234567', /^0\d\d-\d{7}$/],
      ['+31201234567', /^\+31[1-57-9]\d{8}$/],
      ['(020) 123 45 67', /^\(0\d\d\) \d{3} \d\d \d\d$/],
      ['+32 ...', /^\+32 /],
    ];
    for (const [name, re] of notations)
      assert.ok(
        numbers.some((n) => re.test(n)),
        name,
      );
  });

  it('has e-mail addresses with underscores and mixed case', () => {
    const mails = all.flatMap((r) => mailFields.map((f) => text(r[f]))).filter((v): v is string => v !== null);
    assert.ok(mails.some((m) => m.includes('_')));
    assert.ok(mails.some((m) => m !== m.toLowerCase()));
  });

  it('shares numbers between organisations and persons, and between blocked and unblocked contacts', () => {
    const byKey = new Map<string, WireRow[]>();
    for (const r of all) {
      for (const f of phoneFields) {
        const v = text(r[f]);
        if (v === null) continue;
        const key = numberKey(v);
        const list = byKey.get(key) ?? [];
        if (!list.includes(r)) list.push(r);
        byKey.set(key, list);
      }
    }
    const shared = [...byKey.values()].filter((l) => l.length > 1);
    assert.ok(shared.filter((l) => l.some((r) => r.Type === 'ORG') && l.some((r) => r.Type === 'PRS')).length > 20);
    assert.ok(shared.some((l) => l.some((r) => r.Blocked === true) && l.some((r) => r.Blocked === false)));
    assert.ok(all.filter((r) => r.Blocked === true).length > 20);
  });

  it('has dossier items in every status with varied dates, each linked to an organisation/person number', () => {
    assert.deepEqual([...new Set(cases.map((r) => r.Stat))].sort(), [
      'Afgehandeld',
      'Gesloten',
      'In behandeling',
      'Nieuw',
      'Wacht op klant',
    ]);
    const years = new Set(cases.map((r) => (r.DaSe as string).slice(0, 4)));
    assert.ok(years.size >= 6);
    const numbers = new Set(all.flatMap((r) => [text(r.OrgNumber), text(r.PerNumber)]).filter((v) => v !== null));
    assert.ok(cases.every((r) => numbers.has(r.BcCd as string)));
  });
});
