import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildDataset } from '../../emulator/src/data/generate.js';
import { likeToRegExp } from '../../emulator/src/query/like.js';
import type { ConnectorQuery } from '../../proxy/src/afas/query.js';
import { lookupResponse } from '../../proxy/src/contract.js';
import { deadlineIn } from '../../proxy/src/deadline.js';
import { AppError } from '../../proxy/src/errors.js';
import { readCallerNumber, wildcardPattern } from '../../proxy/src/phone/caller-id.js';
import { canonicalNotations } from '../../proxy/src/phone/notations.js';
import { testClock } from './support/clock.js';
import { testSettings as settings } from './support/effective-settings.js';
import { fakeAfas as fakeClient, lookupServiceOver, type FakeAfas, type Row } from './support/fake-afas.js';
import { startStack, type Stack } from './support/stack.js';

/** An AFAS client that answers contacts requests from `contacts(q)` and case requests with nothing. */
const fakeAfas = (contacts: (q: ConnectorQuery) => Row[]): FakeAfas =>
  fakeClient((q) => (q.connector === 'Profit_Contacts' ? contacts(q) : []));

const contactRow = (id: number, tel: string): Row => ({
  ContactId: id,
  FullName: `Contact ${id}`,
  Name: `Contact ${id}`,
  TelWork: tel,
  Blocked: false,
  PerNumber: String(100000 + id),
});
/** Rows a loose LIKE on 612345678 would return but that are other numbers. */
const decoys = (q: ConnectorQuery, from = 0): Row[] =>
  Array.from({ length: q.take }, (_, i) => contactRow(2000 + (q.skip ?? 0) + i + from, `+31 6 1234 5679 ext ${i}`));
const isLike = (q: ConnectorQuery) => q.filter?.some((g) => g.some((c) => c.op === 6)) ?? false;
const equalityValues = (q: ConnectorQuery) =>
  new Set(q.filter?.flatMap((g) => g.filter((c) => c.op === 1 && c.field !== 'Blocked').map((c) => c.value)));

const clock = testClock();
const service = (afas: FakeAfas, eff = settings()) => lookupServiceOver(afas, { settings: eff, now: clock.now });

const caller = { phone: '+31612345678' };
/** Past lru-cache's 1 ms "no reuse" entry, which only stands for sharing a call in flight. */
const tick = () => clock.advance(5);

describe('a WildCard search whose first page is full', () => {
  it('when the first page is not full then one request answers and the answer is cached', async () => {
    const afas = fakeAfas(() => [contactRow(1001, '06-12345678')]);
    const lookups = service(afas);
    assert.equal((await lookups.lookup(caller, deadlineIn(3000))).status, 'matched');
    assert.equal(afas.contactCalls().length, 1);
    assert.equal((await lookups.lookup(caller, deadlineIn(3000))).source, 'cache');
  });

  it('when the caller is on a later page then the search reads on and finds them, and the answer is cached', async () => {
    const afas = fakeAfas((q) => {
      if (!isLike(q)) return [];
      if ((q.skip ?? 0) === 0) return decoys(q);
      return [contactRow(9001, '06 12 34 56 78')];
    });
    const lookups = service(afas);
    const first = await lookups.lookup(caller, deadlineIn(3000));
    assert.equal(first.status, 'matched');
    assert.equal(first.contacts[0].id, '9001');
    const pages = afas.contactCalls().filter(isLike);
    assert.deepEqual(
      pages.map((q) => q.skip ?? 0),
      [0, pages[0].take],
    );
    assert.ok(
      pages.every((q) => q.orderBy.length > 0),
      'paged in a stable order',
    );
    assert.equal((await lookups.lookup(caller, deadlineIn(3000))).source, 'cache', 'read to its end: cached');
  });

  it('asks for the canonical notations with equality alongside, and finds a caller stored in one of them', async () => {
    const afas = fakeAfas((q) => (isLike(q) ? decoys(q) : equalityValues(q).has('06-12345678') ? [contactRow(9002, '06-12345678')] : []));
    const lookups = service(afas);
    const answer = await lookups.lookup(caller, deadlineIn(3000));
    assert.equal(answer.status, 'matched');
    assert.equal(answer.contacts[0].id, '9002');
    const equality = afas.contactCalls().find((q) => !isLike(q));
    assert.ok(equality, 'an equality query');
    const values = equalityValues(equality);
    const parsed = readCallerNumber(caller.phone, 'NL');
    assert.equal(parsed.kind, 'number');
    // Every canonical spelling (phone.test.ts pins the list itself) is asked for.
    for (const notation of canonicalNotations(parsed)) {
      assert.ok(values.has(notation), notation);
    }
  });

  it('when every page is full and nothing matches then the answer is none, AFAS is asked a bounded number of times, and none is not cached', async () => {
    const afas = fakeAfas((q) => (isLike(q) ? decoys(q) : []));
    const lookups = service(afas);
    const answer = await lookups.lookup(caller, deadlineIn(3000));
    assert.equal(answer.status, 'none');
    const asked = afas.contactCalls().length;
    assert.ok(asked >= 2 && asked <= 6, `${asked} requests`);
    tick();
    const again = await lookups.lookup(caller, deadlineIn(3000));
    assert.equal(again.source, 'afas', 'a none that could not be confirmed is never served from cache');
    assert.equal(afas.contactCalls().length, asked * 2);
  });

  it('when reading on fails then the answer is none without caching, and it never stands in for AFAS later', async () => {
    let down = false;
    const afas = fakeAfas((q) => {
      if (down || (q.skip ?? 0) > 0) throw new AppError('upstream_error', 'AFAS 500');
      return isLike(q) ? decoys(q) : [];
    });
    const lookups = service(afas, settings({ cacheSeconds: 1 }));
    assert.equal((await lookups.lookup(caller, deadlineIn(3000))).status, 'none');
    tick();
    down = true;
    await assert.rejects(lookups.lookup(caller, deadlineIn(3000)), (e: unknown) => e instanceof AppError && e.code === 'upstream_error');
  });

  it('when enough callers match on the first page then it does not read on', async () => {
    const afas = fakeAfas((q) => Array.from({ length: q.take }, (_, i) => contactRow(3000 + i, i < 5 ? '06-12345678' : '06-99999999')));
    const lookups = service(afas);
    const answer = await lookups.lookup(caller, deadlineIn(3000));
    assert.equal(answer.status, 'ambiguous');
    assert.equal(answer.contacts.length, 5);
    assert.equal(afas.contactCalls().length, 1);
  });

  it('when an extension search fills its page then it reads on too', async () => {
    const afas = fakeAfas((q) =>
      (q.skip ?? 0) === 0 ? Array.from({ length: q.take }, (_, i) => contactRow(4000 + i, ' 1234x')) : [contactRow(4999, '1234')],
    );
    const answer = await service(afas).lookup({ phone: '1234' }, deadlineIn(3000));
    assert.equal(answer.status, 'matched');
    assert.equal(answer.contacts[0].id, '4999');
  });
});

/**
 * A tenant of 10,000 contacts where a short caller id's LIKE matches more rows before the caller than one page
 * holds: found by a search over the emulator's seeded data (region ZZ, so a six-digit caller id is not parsed and
 * is compared on its last digits).
 */
const TENANT_SIZE = 10_000;
const CALLER = '312953';
const CALLER_ID = 9525;

describe('a large tenant (emulator, 10,000 contacts)', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ emulator: { contacts: TENANT_SIZE } });
  });
  after(() => stack.close());

  it('has the setup this test needs: the caller comes after more LIKE matches than the first page reads', () => {
    const data = buildDataset(undefined, TENANT_SIZE);
    const like = likeToRegExp(wildcardPattern(CALLER));
    const phones = ['TelWork', 'MobWork', 'TelPrivate', 'MobPrivate'];
    const inIdOrder = [...data.contacts].sort((a, b) => Number(a.ContactId) - Number(b.ContactId));
    const matching = inIdOrder.filter((r) => r.Blocked !== true && phones.some((f) => typeof r[f] === 'string' && like.test(r[f])));
    const before = matching.findIndex((r) => r.ContactId === CALLER_ID);
    assert.ok(before >= 30, `${before} LIKE matches before the caller; the first page reads 30 (MaxContacts 5)`);
  });

  it('when the first LIKE page is full then the caller further down is still found', async () => {
    stack.emulator.resetRequests();
    const r = await stack.get(`/api/v1/lookup?phone=${CALLER}`);
    assert.equal(r.status, 200, r.text);
    const body = lookupResponse.parse(r.body);
    assert.equal(body.status, 'matched', JSON.stringify(body.contacts.map((c) => c.id)));
    assert.equal(body.contacts[0].id, String(CALLER_ID));
    const contactRequests = stack.emulator.requests.filter((q) => q.path.includes('Profit_Contacts'));
    assert.ok(contactRequests.length >= 2, 'read past the first page');
    assert.ok(
      contactRequests.some((q) => /(^|&)skip=[1-9]/.test(q.query)),
      'with skip',
    );
  });
});
