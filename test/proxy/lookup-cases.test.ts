import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { demoScenarios } from '../../emulator/src/index.js';
import { casesPage, errorResponse, lookupResponse } from '../../proxy/src/contract.js';
import { deadlineIn } from '../../proxy/src/deadline.js';
import { casesRefEnvironment, createCasesRefs } from '../../proxy/src/services/cases-ref.js';
import { testClock } from './support/clock.js';
import { fakeAfas, lookupServiceOver, rowsOf, type FakeAfas } from './support/fake-afas.js';
import { startStack, type Stack } from './support/stack.js';

const phoneOf = (id: string) => demoScenarios.find((s) => s.id === id)?.phone ?? '';
const lookupPath = (phone: string) => `/api/v1/lookup?phone=${encodeURIComponent(phone)}`;
/** The stack's CRM_AFAS_TIMEOUT_MS is 1500: a lookup answers within twice that. */
const LOOKUP_DEADLINE_MS = 3000;

describe('the cases of an identified caller (emulator)', () => {
  let stack: Stack;
  const clock = testClock();
  before(async () => {
    stack = await startStack({ settings: [{ name: 'DefaultPhoneNumberRegion', value: 'NL' }], now: clock.now });
  });
  afterEach(() => stack.emulator.clearFault());
  after(() => stack.close());

  it('when the cases request hangs then the contact still comes back in time, with casesError upstream_timeout', async () => {
    stack.emulator.setFault({ mode: 'hang', connector: 'ProfitSubjectsAuthorized' });
    const started = performance.now();
    const r = await stack.get(lookupPath(phoneOf('known')));
    const ms = performance.now() - started;
    assert.equal(r.status, 200, r.text);
    assert.ok(ms < LOOKUP_DEADLINE_MS, `${Math.round(ms)} ms`);
    const body = lookupResponse.parse(r.body);
    assert.equal(body.status, 'matched');
    const [c] = body.contacts;
    assert.equal(c.name, 'Jan de Vries');
    assert.deepEqual(c.cases, []);
    assert.equal(c.moreCases, false);
    assert.equal(c.casesError?.code, 'upstream_timeout');
    assert.equal(c.casesError?.message, 'AFAS did not return the cases in time.');
    assert.ok(c.casesRef.length > 0);
  });

  it('when AFAS answers again then the casesRef pages the cases at once, and a ring a few seconds later shows them', async () => {
    const failed = lookupResponse.parse((await stack.get(lookupPath(phoneOf('known')))).body);
    assert.equal(failed.contacts[0].casesError?.code, 'upstream_timeout', 'the same answer within a few seconds');
    const page = await stack.get(`/api/v1/cases?ref=${encodeURIComponent(failed.contacts[0].casesRef)}&take=10`);
    assert.equal(page.status, 200, page.text);
    assert.equal(casesPage.parse(page.body).cases.length, 5);
    clock.advance(5100);
    const later = lookupResponse.parse((await stack.get(lookupPath(phoneOf('known')))).body);
    assert.equal(later.source, 'afas', 'an answer without its cases is not kept for CacheSeconds');
    assert.equal(later.contacts[0].casesError, undefined);
    assert.equal(later.contacts[0].cases.length, 5);
  });

  it('when the cases request fails with a 500 then casesError is upstream_error and AFAS text stays out of the answer', async () => {
    stack.emulator.setFault({ mode: 'error500', connector: 'ProfitSubjectsAuthorized', message: 'Fout bij zoeken naar 623456789' });
    const r = await stack.get(lookupPath(phoneOf('manyCases')));
    assert.equal(r.status, 200, r.text);
    const c = lookupResponse.parse(r.body).contacts[0];
    assert.equal(c.name, 'Sanne Jansen');
    assert.deepEqual(c.cases, []);
    assert.equal(c.casesError?.code, 'upstream_error');
    assert.ok(!r.text.includes('Fout bij'), r.text);
  });

  it('when the contacts request itself fails then the lookup still fails: there is no caller to show', async () => {
    stack.emulator.setFault({ mode: 'error500', connector: 'Profit_Contacts' });
    const r = await stack.get(lookupPath('+31 20 765 4322'));
    assert.equal(r.status, 502, r.text);
  });

  it('a ref signed with this service key pages the contact only against this AFAS environment and only until it expires', async () => {
    const secret = Buffer.from(readFileSync(path.join(stack.dataDir, 'secrets', 'signing.key'), 'utf8').trim(), 'base64');
    const here = casesRefEnvironment(`${stack.emulator.url}/ProfitRestServices`, 'Profit_Contacts');
    const elsewhere = casesRefEnvironment('https://99999.rest.afas.online/ProfitRestServices', 'Profit_Contacts');
    const casesOf = (ref: string) => stack.get(`/api/v1/cases?ref=${encodeURIComponent(ref)}`);
    const valid = await casesOf(createCasesRefs({ secret, now: clock.now }).issue('1001', here));
    assert.equal(valid.status, 200, valid.text);
    assert.equal(casesPage.parse(valid.body).cases.length, 5, "Jan de Vries's cases");
    for (const ref of [
      createCasesRefs({ secret, now: clock.now }).issue('1001', elsewhere),
      createCasesRefs({ secret, now: () => clock.now() - 9 * 3600_000 }).issue('1001', here),
      createCasesRefs({ secret: randomBytes(32), now: clock.now }).issue('1001', here),
    ]) {
      const r = await casesOf(ref);
      assert.equal(r.status, 404, r.text);
      assert.equal(errorResponse.parse(r.body).error.code, 'not_found');
    }
  });
});

/** Contacts answer at once; case requests never answer until their deadline aborts them. */
function hangingCases(): FakeAfas {
  return fakeAfas((q, opts) => {
    if (q.connector === 'Profit_Contacts')
      return [{ ContactId: 1001, FullName: 'Jan de Vries', MobPrivate: '06-12345678', Blocked: false, PerNumber: '100001' }];
    // Like a real client: the deadline ends the wait. The timer keeps the event loop alive (AbortSignal.timeout does not).
    return new Promise((_resolve, reject) => {
      const keepAlive = setTimeout(() => undefined, 10_000);
      opts?.deadline?.signal.addEventListener('abort', () => {
        clearTimeout(keepAlive);
        reject(opts.deadline?.signal.reason as Error);
      });
    });
  });
}

describe('deadlines and priorities of the AFAS steps', () => {
  it('gives the cases step a deadline that ends early enough to answer with the contact before the lookup deadline', async () => {
    const afas = hangingCases();
    const service = lookupServiceOver(afas);
    const deadline = deadlineIn(1000);
    const answer = await service.lookup({ phone: '+31612345678' }, deadline);
    // The rule: the lookup answers (with the contact) rather than failing at its deadline. The clock check allows for
    // timers firing late on a loaded 2-core machine; the 250 ms margin itself is checked exactly below.
    assert.ok(Date.now() < deadline.at + 200, `answered ${Date.now() - deadline.at} ms after the deadline`);
    assert.equal(answer.contacts[0].casesError?.code, 'upstream_timeout');
    const cases = afas.calls.find((c) => c.q.connector === 'ProfitSubjectsAuthorized');
    assert.ok(cases?.opts?.deadline, 'the cases request carries a deadline');
    assert.ok(cases.opts.deadline.at <= deadline.at - 250, `${deadline.at - cases.opts.deadline.at} ms before the lookup deadline`);
    assert.deepEqual(
      afas.calls.map((c) => c.opts?.priority),
      ['ring', 'ring'],
    );
  });

  it('pages cases with paging priority, behind ringing phones', async () => {
    const afas = fakeAfas(rowsOf([{ ContactId: 1001, FullName: 'Jan', MobPrivate: '06-12345678', Blocked: false, PerNumber: '100001' }]));
    const service = lookupServiceOver(afas);
    const { contacts } = await service.lookup({ phone: '+31612345678' }, deadlineIn(3000));
    afas.calls.length = 0;
    let admitted = 0;
    const admit = () => {
      admitted++;
      return Promise.resolve(() => undefined);
    };
    await service.cases(contacts[0].casesRef, 0, 10, deadlineIn(3000), admit);
    assert.deepEqual(
      afas.calls.map((c) => c.opts?.priority),
      ['paging', 'paging'],
    );
    // The second page comes from the cases cache: no AFAS call, and the rate limit is not asked.
    await service.cases(contacts[0].casesRef, 0, 10, deadlineIn(3000), admit);
    assert.equal(afas.calls.length, 2);
    assert.equal(admitted, 1);
  });
});
