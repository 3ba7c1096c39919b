import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { demoScenarios } from '../../emulator/src/index.js';
import { casesPage, errorResponse, lookupResponse } from '../../proxy/src/contract.js';
import { deadlineIn } from '../../proxy/src/deadline.js';
import { AppError } from '../../proxy/src/errors.js';
import { CASES_WAIT_MS } from '../../proxy/src/services/cases-in-flight.js';
import { fakeAfas, lookupServiceOver, type Row } from './support/fake-afas.js';
import { indexReady } from './support/poll.js';
import { startStack, type Stack } from './support/stack.js';

const CASES = 'ProfitSubjectsAuthorized';
const CONTACTS = 'Profit_Contacts';
/** How late the emulator answers the first cases request in these tests. */
const CASES_DELAY_MS = 2000;
/** Room for the contacts request and a loaded 2-core machine, on top of CASES_WAIT_MS. */
const CONTACTS_SLACK_MS = 600;

const scenario = (id: string) => demoScenarios.find((s) => s.id === id)!;
const lookupPath = (query: { phone?: string; email?: string }, progressive?: boolean) => {
  const [key, value] = query.phone !== undefined ? ['phone', query.phone] : ['email', query.email ?? ''];
  return `/api/v1/lookup?${key}=${encodeURIComponent(value)}${progressive === undefined ? '' : `&progressive=${progressive}`}`;
};
const requestsTo = (stack: Stack, connector: string) => stack.emulator.requests.filter((r) => r.path.endsWith(`/${connector}`)).length;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('progressive cases (lookup?progressive=true) against the emulator', () => {
  let stack: Stack;
  before(async () => {
    // Long enough an AFAS timeout for a 2 s cases request to succeed.
    stack = await startStack({ env: { CRM_AFAS_TIMEOUT_MS: '5000' } });
  });
  afterEach(() => stack.emulator.clearFault());
  after(() => stack.close());

  const slowCases = () => {
    stack.emulator.setFault({ mode: 'slow', delayMs: CASES_DELAY_MS, connector: CASES, count: 1 });
    stack.emulator.resetRequests();
  };

  it('when the cases are 2 s late then the contact comes at CASES_WAIT_MS with casesPending, and its case page joins the read', async () => {
    slowCases();
    const { value: r, ms } = await timed(() => stack.get(lookupPath({ phone: scenario('known').phone }, true)));
    assert.equal(r.status, 200, r.text);
    assert.ok(ms >= CASES_WAIT_MS - 20 && ms < CASES_WAIT_MS + CONTACTS_SLACK_MS, `${Math.round(ms)} ms`);
    const body = lookupResponse.parse(r.body);
    assert.equal(body.status, 'matched');
    assert.equal(body.source, 'afas');
    const [c] = body.contacts;
    assert.equal(c.name, 'Jan de Vries');
    assert.equal(c.casesPending, true);
    assert.deepEqual(c.cases, []);
    assert.equal(c.moreCases, false);
    assert.equal(c.casesError, undefined);

    const page = await stack.get(`/api/v1/cases?ref=${encodeURIComponent(c.casesRef)}&skip=0&take=10`);
    assert.equal(page.status, 200, page.text);
    assert.equal(casesPage.parse(page.body).cases.length, 5, "Jan de Vries's cases, once they are in");
    assert.equal(requestsTo(stack, CASES), 1, 'the page joined the lookup’s cases request');
    assert.equal(requestsTo(stack, CONTACTS), 1, 'and read the contact from the lookup, not again');
  });

  it('a second lookup a moment later shows the cases from the kept answer, with no AFAS call', async () => {
    const again = lookupResponse.parse((await stack.get(lookupPath({ phone: scenario('known').phone }, true))).body);
    assert.equal(again.source, 'cache');
    assert.equal(again.contacts[0].casesPending, undefined);
    assert.equal(again.contacts[0].cases.length, 5);
    assert.equal(requestsTo(stack, CASES), 1);
    assert.equal(requestsTo(stack, CONTACTS), 1);
  });

  it('a lookup while the cases are still out joins the same AFAS requests, and is complete once they are in', async () => {
    slowCases();
    const phone = scenario('manyCases').phone;
    const first = await stack.get(lookupPath({ phone }, true));
    assert.equal(lookupResponse.parse(first.body).contacts[0].casesPending, true);
    const second = lookupResponse.parse((await stack.get(lookupPath({ phone }, true))).body);
    assert.equal(second.contacts[0].casesPending, true, 'at once: its contacts have been known for CASES_WAIT_MS');
    const plain = lookupResponse.parse((await stack.get(lookupPath({ phone }))).body);
    assert.equal(plain.contacts[0].casesPending, undefined, 'without progressive the lookup waits for the same cases');
    assert.ok(plain.contacts[0].cases.length > 0);
    assert.equal(requestsTo(stack, CASES), 1);
    assert.equal(requestsTo(stack, CONTACTS), 1);
  });

  it('an e-mail lookup answers progressively too', async () => {
    slowCases();
    const { value: r, ms } = await timed(() => stack.get(lookupPath({ email: scenario('email').email }, true)));
    assert.ok(ms < CASES_WAIT_MS + CONTACTS_SLACK_MS, `${Math.round(ms)} ms`);
    const body = lookupResponse.parse(r.body);
    assert.equal(body.query.type, 'email');
    assert.equal(body.contacts[0].casesPending, true);
  });

  it('without progressive=true the lookup waits for the cases, as before', async () => {
    slowCases();
    const { value: r, ms } = await timed(() => stack.get(lookupPath({ phone: scenario('organisationOnly').phone })));
    assert.ok(ms >= CASES_DELAY_MS - 50, `${Math.round(ms)} ms`);
    const c = lookupResponse.parse(r.body).contacts[0];
    assert.equal(c.casesPending, undefined);
    assert.ok(!('casesPending' in c));
    assert.ok(c.cases.length > 0);
    const explicit = await stack.get(lookupPath({ phone: scenario('organisationOnly').phone }, false));
    assert.equal(lookupResponse.parse(explicit.body).source, 'cache');
  });

  it('a fast AFAS answers complete even with progressive=true', async () => {
    const r = lookupResponse.parse((await stack.get(lookupPath({ phone: scenario('sharedNumber').phone }, true))).body);
    assert.equal(r.status, 'ambiguous');
    assert.equal(r.source, 'afas');
    assert.ok(r.contacts.every((c) => c.casesPending === undefined && c.casesError === undefined));
    assert.ok(r.contacts.some((c) => c.cases.length > 0));
  });

  it('answers 400 for a progressive value other than true or false', async () => {
    const r = await stack.get(`${lookupPath({ phone: scenario('known').phone })}&progressive=yes`);
    assert.equal(r.status, 400);
    assert.equal(errorResponse.parse(r.body).error.code, 'invalid_request');
  });
});

describe('progressive cases when the cases read then fails (emulator, 1 s AFAS timeout)', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ env: { CRM_AFAS_TIMEOUT_MS: '1000' } });
  });
  after(() => stack.close());

  it('the joined case page answers the read’s upstream_timeout, with no AFAS request of its own', async () => {
    stack.emulator.setFault({ mode: 'hang', connector: CASES });
    stack.emulator.resetRequests();
    const r = lookupResponse.parse((await stack.get(lookupPath({ phone: scenario('known').phone }, true))).body);
    assert.equal(r.contacts[0].casesPending, true);
    const page = await stack.get(`/api/v1/cases?ref=${encodeURIComponent(r.contacts[0].casesRef)}`);
    stack.emulator.clearFault();
    assert.equal(page.status, 504, page.text);
    assert.equal(errorResponse.parse(page.body).error.code, 'upstream_timeout');
    // A page of its own would have read the contact again first.
    assert.equal(requestsTo(stack, CONTACTS), 1);
    const later = lookupResponse.parse((await stack.get(lookupPath({ phone: scenario('known').phone }, true))).body);
    assert.equal(later.contacts[0].casesError?.code, 'upstream_timeout', 'the failed cases are kept briefly, as without progressive');
  });
});

describe('progressive cases through the caller index', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      env: { CRM_AFAS_TIMEOUT_MS: '5000' },
      settings: [
        { name: 'CallerIndex', value: 'On' },
        { name: 'DefaultPhoneNumberRegion', value: 'NL' },
      ],
    });
    await indexReady(stack);
  });
  after(() => stack.close());

  it('answers at CASES_WAIT_MS after the contacts fetched by id, and the page joins the cases read begun beside them', async () => {
    stack.emulator.setFault({ mode: 'slow', delayMs: CASES_DELAY_MS, connector: CASES, count: 1 });
    stack.emulator.resetRequests();
    const { value: r, ms } = await timed(() => stack.get(lookupPath({ phone: scenario('known').phone }, true)));
    const body = lookupResponse.parse(r.body);
    assert.equal(body.source, 'index');
    assert.ok(ms < CASES_WAIT_MS + CONTACTS_SLACK_MS, `${Math.round(ms)} ms`);
    assert.equal(body.contacts[0].casesPending, true);
    const page = await stack.get(`/api/v1/cases?ref=${encodeURIComponent(body.contacts[0].casesRef)}`);
    assert.equal(casesPage.parse(page.body).cases.length, 5);
    assert.equal(requestsTo(stack, CASES), 1);
  });
});

describe('progressive cases in the lookup service', () => {
  it("a joined case page fails with the read's own error, AFAS's reference included", async () => {
    const afas = fakeAfas((q) => {
      if (q.connector === CONTACTS)
        return [{ ContactId: 1001, FullName: 'Jan de Vries', MobPrivate: '06-12345678', Blocked: false, PerNumber: '100001' }];
      return new Promise((_resolve, reject) =>
        setTimeout(() => reject(new AppError('upstream_error', 'AFAS could not answer', { reference: 'PRF-1234' })), CASES_WAIT_MS + 200),
      );
    });
    const service = lookupServiceOver(afas);
    const answer = await service.lookup({ phone: '+31612345678' }, deadlineIn(3000), undefined, { progressive: true });
    assert.equal(answer.contacts[0].casesPending, true);
    // Two pages at once: the second joins the first page's wait, and neither leaves a rejection unhandled.
    const pages = [0, 10].map((skip) => service.cases(answer.contacts[0].casesRef, skip, 10, deadlineIn(3000)));
    for (const page of pages) {
      await assert.rejects(page, (e: unknown) => {
        assert.ok(e instanceof AppError);
        assert.equal(e.code, 'upstream_error');
        assert.equal(e.reference, 'PRF-1234');
        return true;
      });
    }
    assert.equal(afas.caseCalls().length, 1);
  });

  it('a page asked after the cases came in is served from what the lookup read', async () => {
    let casesIn: Promise<Row[]> | undefined;
    const afas = fakeAfas((q) => {
      if (q.connector === CONTACTS)
        return [{ ContactId: 1001, FullName: 'Jan de Vries', MobPrivate: '06-12345678', Blocked: false, PerNumber: '100001' }];
      casesIn = new Promise((resolve) =>
        setTimeout(
          () => resolve([{ SbId: 7, Ds: 'Storing', Stat: 'Nieuw', DaSe: '2026-01-05T10:00:00Z', BcCd: '100001' }]),
          CASES_WAIT_MS + 100,
        ),
      );
      return casesIn;
    });
    const service = lookupServiceOver(afas);
    const answer = await service.lookup({ phone: '+31612345678' }, deadlineIn(3000), undefined, { progressive: true });
    assert.equal(answer.contacts[0].casesPending, true);
    await casesIn;
    const page = await service.cases(answer.contacts[0].casesRef, 0, 10, deadlineIn(3000));
    assert.deepEqual(
      page.cases.map((c) => c.subject),
      ['Storing'],
    );
    assert.equal(afas.calls.length, 2, 'one contacts and one cases request in all');
  });
});
