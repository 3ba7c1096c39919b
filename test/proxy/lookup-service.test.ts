// The lookup service through its injection points: a fake AFAS client (support/fake-afas.ts) and a clock the
// tests move (support/clock.ts). No HTTP, no emulator, no sleeping.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectorQuery } from '../../proxy/src/afas/query.js';
import { deadlineIn, type Deadline } from '../../proxy/src/deadline.js';
import { AppError } from '../../proxy/src/errors.js';
import { STALE_LIMIT_MS } from '../../proxy/src/services/answer-cache.js';
import { testClock } from './support/clock.js';
import { testSettings } from './support/effective-settings.js';
import { fakeAfas, lookupServiceOver, rowsOf, type Row } from './support/fake-afas.js';

const caller = { phone: '+31612345678' };
const ask = (): Deadline => deadlineIn(3000);
const ids = (contacts: { id: string }[]) => contacts.map((c) => c.id);

/** A contact row of the default attributes (Profit_Contacts); cases link through PerNumber. */
const contact = (id: number, fields: Row = {}): Row => ({
  ContactId: id,
  FullName: `Contact ${id}`,
  PerNumber: String(100_000 + id),
  ...fields,
});

/** A case row of the default attributes (ProfitSubjectsAuthorized). */
const caseRow = (id: number, contactKey: string, status: string, date: string | null): Row => ({
  SbId: id,
  Ds: `Case ${id}`,
  Stat: status,
  DaSe: date,
  BcCd: contactKey,
});

/** Resolves when `open()` is called: holds a fake AFAS answer until the test lets it go. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe('contact ranking', () => {
  it('when several contacts match then the stored notation itself ranks before digits-only matches, then the field order', async () => {
    const afas = fakeAfas(
      rowsOf([
        contact(1, { MobWork: '0612345678' }), // digits only, second phone field
        contact(2, { TelWork: '06-12345678' }), // digits only, first phone field
        contact(3, { MobPrivate: '+31612345678' }), // the notation dialled, last phone field
      ]),
    );
    const answer = await lookupServiceOver(afas).lookup(caller, ask());
    assert.equal(answer.status, 'ambiguous');
    assert.deepEqual(ids(answer.contacts), ['3', '2', '1']);
    assert.deepEqual(
      answer.contacts.map((c) => [c.match.field, c.match.exact]),
      [
        ['MobPrivate', true],
        ['TelWork', false],
        ['MobWork', false],
      ],
    );
  });

  it('when one contact matches in several fields then it is shown once, matched by its best field', async () => {
    const afas = fakeAfas(
      rowsOf([
        contact(1, { TelWork: '06 12 34 56 78', MobPrivate: '+31612345678' }),
        contact(2, { TelWork: '06-12345678', MobWork: '0031 6 12345678' }),
      ]),
    );
    const answer = await lookupServiceOver(afas).lookup(caller, ask());
    assert.deepEqual(
      answer.contacts.map((c) => [c.id, c.match.field, c.match.value, c.match.exact]),
      [
        ['1', 'MobPrivate', '+31612345678', true],
        ['2', 'TelWork', '06-12345678', false],
      ],
    );
  });

  it('when contacts rank the same then they keep the order AFAS returned them in, blocked ones left out, at most MaxContacts', async () => {
    const afas = fakeAfas(rowsOf([5, 4, 3, 2, 1].map((id) => contact(id, { TelWork: '06-12345678', Blocked: id === 4 }))));
    const answer = await lookupServiceOver(afas, { settings: testSettings({ maxContacts: 3 }) }).lookup(caller, ask());
    assert.deepEqual(ids(answer.contacts), ['5', '3', '2']);
  });
});

describe('case ordering', () => {
  const key = '100001';
  const cases = [
    caseRow(1, key, 'In behandeling', '2026-01-10T09:00:00Z'),
    caseRow(2, key, 'Afgehandeld', '2026-02-20T09:00:00Z'),
    caseRow(3, key, 'Nieuw', '2026-02-25T09:00:00Z'),
    caseRow(4, key, 'Gesloten', '2025-12-01T09:00:00Z'),
    caseRow(5, key, 'Iets anders', '2026-02-01T09:00:00Z'),
    caseRow(6, key, 'Nieuw', null),
    caseRow(7, '999999', 'Nieuw', '2026-03-01T09:00:00Z'),
  ];
  const afas = () => fakeAfas(rowsOf([contact(1, { TelWork: '06-12345678' })], cases));

  it('when a caller has cases then New and Open come before Closed, newest first, at most MaxCases, saying there are more', async () => {
    const answer = await lookupServiceOver(afas()).lookup(caller, ask());
    const [c] = answer.contacts;
    assert.deepEqual(
      c.cases.map((k) => [k.id, k.status, k.statusLabel]),
      [
        ['3', 'New', 'Nieuw'],
        ['5', 'Open', 'Iets anders'],
        ['1', 'Open', 'In behandeling'],
        ['6', 'New', 'Nieuw'],
        ['2', 'Closed', 'Afgehandeld'],
      ],
      'a status CaseStatus does not list counts as Open; a case without a date comes last in its group; another contact key is not this caller',
    );
    assert.equal(c.moreCases, true);
    assert.equal(c.cases[0].date, '2026-02-25T09:00:00+01:00');
  });

  it('when MaxCases is larger than the cases then all are shown and none are said to be missing', async () => {
    const answer = await lookupServiceOver(afas(), { settings: testSettings({ maxCases: 6 }) }).lookup(caller, ask());
    assert.deepEqual(ids(answer.contacts[0].cases), ['3', '5', '1', '6', '2', '4']);
    assert.equal(answer.contacts[0].moreCases, false);
  });

  it('when the cases are paged then the pages follow the same order', async () => {
    const service = lookupServiceOver(afas());
    const { contacts } = await service.lookup(caller, ask());
    const first = await service.cases(contacts[0].casesRef, 0, 4, ask());
    const second = await service.cases(contacts[0].casesRef, 4, 4, ask());
    assert.deepEqual([...ids(first.cases), ...ids(second.cases)], ['3', '5', '1', '6', '2', '4']);
    assert.deepEqual([first.moreCases, second.moreCases], [true, false]);
  });
});

describe('stale answers while AFAS is down', () => {
  /**
   * Looks the caller up while AFAS knows them, moves the service's clock `ms` on, makes every AFAS request fail with
   * `failure` (if any) and looks the caller up again: `again` is that second answer.
   */
  async function askAgain(ms: number, failure?: Error, settings = testSettings()) {
    const afasIs: { down?: Error } = {};
    const afas = fakeAfas((q) => {
      if (afasIs.down !== undefined) throw afasIs.down;
      return rowsOf([contact(1, { TelWork: '06-12345678' })])(q);
    });
    const clock = testClock();
    const service = lookupServiceOver(afas, { settings, now: clock.now });
    assert.equal((await service.lookup(caller, ask())).source, 'afas');
    clock.advance(ms);
    afasIs.down = failure;
    return { again: service.lookup(caller, ask()), afas, clock, service };
  }
  const rejectsWith = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

  const outages: [string, Error][] = [
    ['a 5xx, reset or bad answer (upstream_error)', new AppError('upstream_error', 'AFAS 500')],
    ['maintenance or a pause (upstream_unavailable)', new AppError('upstream_unavailable', 'AFAS 503')],
    ['a slow AFAS (upstream_timeout)', new AppError('upstream_timeout', 'AFAS did not answer in time')],
    ["the lookup's own deadline running out", new DOMException('The operation was aborted due to timeout', 'TimeoutError')],
  ];
  for (const [what, failure] of outages) {
    it(`when AFAS fails with ${what} then the last known answer is served from the cache with its real age`, async () => {
      const answer = await (await askAgain(61_000, failure)).again;
      assert.deepEqual([answer.source, answer.ageSeconds], ['cache', 61]);
      assert.deepEqual(ids(answer.contacts), ['1']);
    });
  }

  it('when the last known answer is 10 minutes old then it still stands in; a moment older and the error comes through', async () => {
    const outage = new AppError('upstream_unavailable', 'AFAS 503');
    assert.equal((await (await askAgain(STALE_LIMIT_MS, outage)).again).ageSeconds, 600);
    await assert.rejects((await askAgain(STALE_LIMIT_MS + 1, outage)).again, rejectsWith('upstream_unavailable'));
  });

  it('when an old answer has stood in then it is kept no longer than 10 minutes from when AFAS gave it', async () => {
    const outage = new AppError('upstream_unavailable', 'AFAS 503');
    const { again, clock, service } = await askAgain(STALE_LIMIT_MS - 1000, outage);
    assert.equal((await again).source, 'cache');
    clock.advance(999);
    assert.equal((await service.lookup(caller, ask())).ageSeconds, 599);
    clock.advance(2);
    await assert.rejects(service.lookup(caller, ask()), rejectsWith('upstream_unavailable'));
  });

  it('when AFAS refuses the token then no old answer hides it', async () => {
    await assert.rejects(
      (await askAgain(61_000, new AppError('upstream_auth', 'AFAS rejected the token (HTTP 401)'))).again,
      rejectsWith('upstream_auth'),
    );
  });

  it('when CacheSeconds is 0 then nothing is kept to stand in', async () => {
    await assert.rejects(
      (await askAgain(1000, new AppError('upstream_error', 'AFAS 500'), testSettings({ cacheSeconds: 0 }))).again,
      rejectsWith('upstream_error'),
    );
  });

  it('when AFAS is up and the answer is younger than CacheSeconds then it comes from the cache with its age, without asking AFAS', async () => {
    const { again, afas, clock, service } = await askAgain(42_500);
    assert.deepEqual([(await again).source, (await again).ageSeconds], ['cache', 42]);
    assert.equal(afas.contactCalls().length, 1);
    clock.advance(17_501);
    assert.equal((await service.lookup(caller, ask())).source, 'afas', 'after CacheSeconds AFAS is asked again');
  });
});

describe('one in-flight sharing layer: the answer cache', () => {
  it('when identical lookups arrive together then AFAS is asked once for the contacts and once for the cases', async () => {
    const held = gate();
    const afas = fakeAfas(async (q: ConnectorQuery) => {
      await held.wait;
      return rowsOf([contact(1, { TelWork: '06-12345678' })], [caseRow(1, '100001', 'Nieuw', '2026-01-01T09:00:00Z')])(q);
    });
    const service = lookupServiceOver(afas);
    const answers = Promise.all(['+31612345678', '06-12345678', '0031612345678'].map((phone) => service.lookup({ phone }, ask())));
    held.open();
    const [a, b, c] = await answers;
    assert.deepEqual([afas.contactCalls().length, afas.caseCalls().length], [1, 1]);
    assert.equal(a.contacts, b.contacts, 'one shared answer');
    assert.equal(b.contacts, c.contacts);
    assert.deepEqual(
      [a.query.input, b.query.input, c.query.input],
      ['+31612345678', '06-12345678', '0031612345678'],
      'each echoes its own input',
    );
  });

  it('when a caller waiting for a shared lookup gives up then the others still get the answer', async () => {
    const held = gate();
    const afas = fakeAfas(async (q: ConnectorQuery) => {
      await held.wait;
      return rowsOf([contact(1, { TelWork: '06-12345678' })])(q);
    });
    const service = lookupServiceOver(afas);
    const first = service.lookup(caller, ask());
    const impatient = new AbortController();
    const second = service.lookup(caller, { signal: impatient.signal, at: Date.now() + 3000 });
    const reason = new Error('the agent hung up');
    impatient.abort(reason);
    await assert.rejects(second, (e) => e === reason);
    held.open();
    assert.deepEqual(ids((await first).contacts), ['1']);
    assert.equal(afas.contactCalls().length, 1);
  });

  it('when the case pages of one contact are asked together then its cases are read once', async () => {
    const afas = fakeAfas(rowsOf([contact(1, { TelWork: '06-12345678' })], [caseRow(1, '100001', 'Nieuw', '2026-01-01T09:00:00Z')]));
    const service = lookupServiceOver(afas);
    const { contacts } = await service.lookup(caller, ask());
    afas.calls.length = 0;
    const pages = await Promise.all([0, 1, 2].map((skip) => service.cases(contacts[0].casesRef, skip, 1, ask())));
    assert.deepEqual(
      pages.map((p) => p.cases.length),
      [1, 0, 0],
    );
    assert.deepEqual([afas.contactCalls().length, afas.caseCalls().length], [1, 1], 'the contact re-read and its cases, once');
  });
});
