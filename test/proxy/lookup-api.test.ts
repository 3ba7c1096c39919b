import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoScenarios } from '../../emulator/src/index.js';
import { lookupResponse, casesPage, errorResponse } from '../../proxy/src/contract.js';
import { testClock } from './support/clock.js';
import { INSITE, startStack, type Stack } from './support/stack.js';

const phoneOf = (id: string) => demoScenarios.find((s) => s.id === id)?.phone ?? '';
const scenario = (id: string) => demoScenarios.find((s) => s.id === id)!;
const lookup = (stack: Stack, q: string, headers?: Record<string, string>) => stack.get(`/api/v1/lookup?${q}`, headers);
const phoneQuery = (phone: string) => `phone=${encodeURIComponent(phone)}&direction=inbound&ucc=helpdesk`;
const contactRequests = (stack: Stack) => stack.emulator.requests.filter((r) => r.path.includes('Profit_Contacts')).length;

describe('lookup API against the AFAS emulator', () => {
  let stack: Stack;
  const clock = testClock();
  before(async () => {
    stack = await startStack({ settings: [{ name: 'DefaultPhoneNumberRegion', value: 'NL' }], now: clock.now });
  });
  after(() => stack.close());

  it('when a known caller rings then one contact comes back with its cases, open first and newest first', async () => {
    const r = await lookup(stack, phoneQuery(phoneOf('known')));
    assert.equal(r.status, 200, r.text);
    const body = lookupResponse.parse(r.body);
    assert.equal(body.status, 'matched');
    assert.equal(body.query.normalized, '+31612345678');
    const [c] = body.contacts;
    assert.equal(c?.name, scenario('known').expect.name);
    assert.equal(c?.match.field, 'MobPrivate');
    assert.equal(c?.match.value, '06-12345678');
    assert.equal(c?.match.exact, false);
    const statuses = c.cases.map((k) => k.status);
    const firstClosed = statuses.indexOf('Closed');
    assert.ok(firstClosed === -1 || statuses.slice(firstClosed).every((s) => s === 'Closed'), `open before closed: ${statuses.join()}`);
    for (const group of [c.cases.filter((k) => k.status !== 'Closed'), c.cases.filter((k) => k.status === 'Closed')]) {
      const times = group.map((k) => Date.parse(k.date ?? ''));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
        'newest first',
      );
    }
    assert.match(c.cases[0].date ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/, 'Amsterdam offset, not Z');
    assert.equal(c.cases.find((k) => k.subject === 'Storing cv-ketel')?.date, '2025-11-03T09:14:03+01:00');
    assert.equal(c.cases.find((k) => k.subject === 'Storing cv-ketel')?.statusLabel, 'In behandeling');
  });

  it('when the same caller rings again then the answer comes from the cache with its age', async () => {
    stack.emulator.resetRequests();
    clock.advance(3_400);
    const r = await lookup(stack, phoneQuery(phoneOf('known')));
    const body = lookupResponse.parse(r.body);
    assert.equal(body.source, 'cache');
    assert.equal(body.ageSeconds, 3);
    assert.equal(stack.emulator.requests.length, 0);
  });

  for (const notation of [
    '+31612345678',
    '0612345678',
    '06-12345678',
    '0031612345678',
    '06 12 34 56 78',
    '+31 (0)6 1234 5678',
    'tel:+31612345678',
  ]) {
    it(`when the caller id is presented as ${notation} then the same contact is found`, async () => {
      const body = lookupResponse.parse((await lookup(stack, phoneQuery(notation))).body);
      assert.equal(body.status, 'matched');
      assert.equal(body.contacts[0]?.name, 'Jan de Vries');
    });
  }

  it('when a number is shared by an organisation and a person then both come back ranked, each saying what matched', async () => {
    const body = lookupResponse.parse((await lookup(stack, phoneQuery('020-1234567'))).body);
    assert.equal(body.status, 'ambiguous');
    assert.equal(body.contacts.length, 2);
    assert.equal(body.contacts[0]?.match.exact, true, 'the stored notation itself ranks first');
    assert.equal(body.contacts[0]?.match.value, '020-1234567');
    assert.equal(body.contacts[1]?.match.exact, false);
    assert.equal(body.contacts[1]?.match.value, '(020) 123 45 67');
    assert.ok(body.contacts.every((c) => c.match.label.length > 0));
  });

  it('when only the organisation has the number then a blocked former employee with it is left out', async () => {
    const body = lookupResponse.parse((await lookup(stack, phoneQuery(phoneOf('organisationOnly')))).body);
    assert.equal(body.status, 'matched');
    assert.equal(body.contacts[0]?.name, scenario('organisationOnly').expect.name);
    assert.ok(!body.contacts.some((c) => c.name === 'Karin van Dijk'));
  });

  it('when nobody has the number then the status is none', async () => {
    const body = lookupResponse.parse((await lookup(stack, phoneQuery(phoneOf('unknown')))).body);
    assert.equal(body.status, 'none');
    assert.deepEqual(body.contacts, []);
  });

  for (const id of ['anonymous', '', '+', 'Restricted', 'unknown', 'sip:anonymous@anonymous.invalid']) {
    it(`when the caller id is ${JSON.stringify(id)} then the status is anonymous and AFAS is not asked`, async () => {
      stack.emulator.resetRequests();
      const body = lookupResponse.parse((await lookup(stack, `phone=${encodeURIComponent(id)}`)).body);
      assert.equal(body.status, 'anonymous');
      assert.equal(stack.emulator.requests.length, 0);
    });
  }

  it('when an e-mail conversation starts then the address is matched exactly, without case, and not its look-alike', async () => {
    const body = lookupResponse.parse((await lookup(stack, `email=${encodeURIComponent(scenario('email').email!.toUpperCase())}`)).body);
    assert.equal(body.status, 'matched', JSON.stringify(body.contacts.map((c) => c.name)));
    assert.equal(body.contacts[0]?.name, scenario('email').expect.name);
    assert.equal(body.query.type, 'email');
  });

  it('when an internal extension rings then it is not searched with a wildcard', async () => {
    stack.emulator.resetRequests();
    const body = lookupResponse.parse((await lookup(stack, 'phone=1234')).body);
    assert.equal(body.status, 'none');
    const q = decodeURIComponent(stack.emulator.requests[0]?.query ?? '');
    assert.ok(!q.includes('%1%2'), q);
    assert.match(q, /operatortypes=1/);
  });

  it('sends take and orderbyfieldids on every AFAS request and makes at most 2 requests per lookup', async () => {
    stack.emulator.resetRequests();
    await lookup(stack, phoneQuery(phoneOf('manyCases')));
    assert.ok(stack.emulator.requests.length <= 2, `${stack.emulator.requests.length} requests`);
    for (const r of stack.emulator.requests) {
      assert.match(r.query, /(^|&)take=\d+/);
      assert.match(r.query, /(^|&)orderbyfieldids=/);
      assert.match(r.authorization ?? '', /^AfasToken [A-Za-z0-9+/=]+$/);
    }
  });

  it('pages through the cases of a contact with many cases in the same order', async () => {
    const body = lookupResponse.parse((await lookup(stack, phoneQuery(phoneOf('manyCases')))).body);
    const c = body.contacts[0];
    assert.equal(c.cases.length, 5);
    assert.equal(c.moreCases, true);
    const seen: string[] = [];
    let skip = 0;
    for (;;) {
      const page = casesPage.parse((await stack.get(`/api/v1/cases?ref=${encodeURIComponent(c.casesRef)}&skip=${skip}&take=10`)).body);
      seen.push(...page.cases.map((k) => `${k.status === 'Closed' ? 1 : 0}|${k.date}|${k.id}`));
      skip += 10;
      if (!page.moreCases) break;
    }
    assert.equal(seen.length, 36);
    assert.equal(new Set(seen).size, 36);
    const first = c.cases.map((k) => `${k.status === 'Closed' ? 1 : 0}|${k.date}|${k.id}`);
    assert.deepEqual(seen.slice(0, 5), first, 'the lookup shows the first page of the same order');
  });

  it('pages cases only through a casesRef: the old path by contact id is gone', async () => {
    stack.emulator.resetRequests();
    for (const path of ['/api/v1/contacts/1001/cases', '/api/v1/contacts/99999999/cases?skip=0&take=10']) {
      const r = await stack.get(path);
      assert.equal(r.status, 404, path);
      assert.equal(errorResponse.parse(r.body).error.code, 'not_found');
    }
    assert.equal(stack.emulator.requests.length, 0);
  });

  it('when a casesRef is guessed, altered or malformed then the answer is one and the same 404, without asking AFAS', async () => {
    const body = lookupResponse.parse((await lookup(stack, phoneQuery(phoneOf('known')))).body);
    const ref = body.contacts[0].casesRef;
    const flip = (i: number) => `${ref.slice(0, i)}${ref[i] === 'A' ? 'B' : 'A'}${ref.slice(i + 1)}`;
    stack.emulator.resetRequests();
    const messages = new Set<string>();
    for (const bad of [
      '1001',
      'MTAwMQ',
      flip(0),
      flip(ref.length - 1),
      flip(ref.indexOf('.') + 1),
      `${ref}x`,
      ref.split('.').slice(0, 2).join('.'),
      'a.b.c',
      '%00',
      'x'.repeat(2000),
    ]) {
      const r = await stack.get(`/api/v1/cases?ref=${encodeURIComponent(bad)}`);
      assert.equal(r.status, 404, bad);
      const { error } = errorResponse.parse(r.body);
      assert.equal(error.code, 'not_found');
      messages.add(error.message);
    }
    assert.equal(messages.size, 1, [...messages].join(' | '));
    assert.equal(stack.emulator.requests.length, 0);
    const missing = await stack.get('/api/v1/cases?skip=0');
    assert.equal(missing.status, 400);
    assert.match(errorResponse.parse(missing.body).error.message, /ref/);
  });

  it('when two inputs search different notations then they do not share a cache entry: 5-6-7-8 and 5678 are both searched', async () => {
    stack.emulator.resetRequests();
    assert.equal(lookupResponse.parse((await lookup(stack, 'phone=5-6-7-8')).body).source, 'afas');
    const second = lookupResponse.parse((await lookup(stack, 'phone=5678')).body);
    assert.equal(second.source, 'afas', 'not the cached answer of 5-6-7-8');
    assert.equal(second.query.input, '5678');
    const searched = stack.emulator.requests.map((r) => new URLSearchParams(r.query).get('filtervalues') ?? '');
    assert.equal(searched.length, 2);
    assert.ok(searched[0].split(/[;,]/).includes('5-6-7-8'), searched[0]);
    assert.ok(searched[1].split(/[;,]/).includes('5678'), searched[1]);
    stack.emulator.resetRequests();
    assert.equal(lookupResponse.parse((await lookup(stack, 'phone=5-6-7-8')).body).source, 'cache');
    assert.equal(stack.emulator.requests.length, 0);
  });

  it('when the same number is dialled in another notation then the searched digits are the same and the cached answer is shared', async () => {
    await lookup(stack, phoneQuery('+31 6 2345 6789'));
    stack.emulator.resetRequests();
    const body = lookupResponse.parse((await lookup(stack, phoneQuery('06-23456789'))).body);
    assert.equal(body.source, 'cache');
    assert.equal(body.query.input, '06-23456789');
    assert.equal(body.query.normalized, '+31623456789');
    assert.equal(stack.emulator.requests.length, 0);
  });

  it('builds InSite links as https URLs on the InSite host, and tel:/mailto: links for numbers and addresses', async () => {
    const body = lookupResponse.parse((await lookup(stack, phoneQuery(phoneOf('known')))).body);
    const c = body.contacts[0];
    const hrefs = [c.link, ...c.fields.map((f) => f.href), ...c.cases.map((k) => k.link)].filter((h): h is string => h !== undefined);
    assert.ok(hrefs.length > 3);
    for (const h of hrefs) {
      const u = new URL(h);
      if (u.protocol === 'https:') assert.equal(u.host, new URL(INSITE).host);
      else assert.ok(['tel:', 'mailto:'].includes(u.protocol), h);
    }
    assert.ok(c.link?.startsWith(INSITE));
    assert.ok(c.fields.some((f) => f.href === 'tel:+31612345678'));
  });

  it('never sends values of attributes that are not shown', async () => {
    const r = await lookup(stack, phoneQuery(phoneOf('known')));
    // Note and Gender are not in the default list; PerNumber is read (CaseKey) but hidden.
    assert.ok(!r.text.includes('Klant sinds 2016'), 'Note');
    assert.ok(!r.text.includes('"PerNumber"'));
    assert.ok(!r.text.includes('Monteur komt'), 'case Memo');
  });

  it('when 100 identical lookups arrive together then AFAS gets exactly one contacts request', async () => {
    await stack.restart(); // empty cache
    stack.emulator.resetRequests();
    const results = await Promise.all(Array.from({ length: 100 }, () => lookup(stack, phoneQuery(phoneOf('slow')))));
    assert.ok(results.every((r) => r.status === 200));
    assert.equal(contactRequests(stack), 1);
  });
});

describe('bad input', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  const cases: [string, RegExp][] = [
    ['', /exactly one of phone or email/],
    ['phone=1&email=a%40b.nl', /exactly one/],
    ['phone=06%2C12345678', /phone/],
    ['phone=06%3B12345678', /phone/],
    ['phone=0612%25345678', /phone/],
    ['phone=a&phone=b', /phone/],
    [`phone=${'1'.repeat(65)}`, /64/],
    ['email=a%2Cb%40x.nl', /email/],
    ['email=a%3Bb%40x.nl', /email/],
    ['email=not-an-address', /email/],
    ['email=a%00b%40x.nl', /email: control or invisible/],
    ['email=a%40x.nl%00', /email: control or invisible/],
    ['email=a%E2%80%8Bb%40x.nl', /email: control or invisible/],
    ['email=%EF%BB%BFa%40x.nl', /email: control or invisible/],
    ['email=a%0D%0Abcc%3Ab%40x.nl', /email: control or invisible/],
    ['email=a%25%40x.nl', /email: "%" and "\[" are not allowed/],
    ['email=%25%40x.nl', /email: "%"/],
    ['email=a%5Bb-c%5D%40x.nl', /email: "%" and "\["/],
    ['phone=0612345678&direction=sideways', /direction/],
    ['phone=0612345678&take=1000', /unknown parameter/],
    ['phone[x]=1', /unknown parameter|phone/],
  ];
  for (const [q, message] of cases) {
    it(`when the query is ${JSON.stringify(q)} then a 400 says what is wrong and AFAS is not asked`, async () => {
      stack.emulator.resetRequests();
      const r = await lookup(stack, q);
      assert.equal(r.status, 400, r.text);
      const body = errorResponse.parse(r.body);
      assert.equal(body.error.code, 'invalid_request');
      assert.match(body.error.message, message);
      assert.equal(stack.emulator.requests.length, 0);
    });
  }

  for (const address of ["x'_&=#?@evil.example", 'a+b@x.nl', 'a"b@x.nl', "o'brien@x.nl", 'a]b@x.nl']) {
    it(`keeps the shape of the AFAS filter for the address ${address}`, async () => {
      stack.emulator.resetRequests();
      const r = await lookup(stack, `email=${encodeURIComponent(address)}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(stack.emulator.requests.length, 2 - 1, 'no match means no cases request');
      // Read the query the way AFAS does: decode every parameter, then split on ";" (OR) and "," (AND). An address
      // never holds "," or ";" (the service refuses those), so the compact form always carries it.
      const params = new Map(
        stack.emulator.requests[0].query.split('&').map((kv) => kv.split('=').map(decodeURIComponent) as [string, string]),
      );
      assert.equal(params.get('filterjson'), undefined);
      const split = (name: string) =>
        params
          .get(name)!
          .split(';')
          .map((g) => g.split(','));
      const fields = split('filterfieldids');
      const values = split('filtervalues');
      assert.deepEqual(
        values.map((g) => g.length),
        fields.map((g) => g.length),
        'fields and values split into the same shape',
      );
      const conditions = fields.map((g, i) => g.map((field, j) => ({ field, value: values[i][j] })));
      // Each OR group: not blocked, and one e-mail field equal to the whole address.
      assert.deepEqual(
        conditions.map((g) => g.map((c) => c.field)),
        [
          ['Blocked', 'MailWork'],
          ['Blocked', 'MailPrivate'],
        ],
      );
      assert.deepEqual(
        conditions.map((g) => g.map((c) => c.value)),
        [
          ['false', address],
          ['false', address],
        ],
      );
    });
  }

  it('answers an unknown path with a JSON 404', async () => {
    const r = await stack.get('/api/v1/nope');
    assert.equal(r.status, 404);
    assert.equal(errorResponse.parse(r.body).error.code, 'not_found');
  });
});
