import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoScenarios } from '../../emulator/src/index.js';
import { lookupResponse, searchResponse } from '../../proxy/src/contract.js';
import { startStack, type Stack } from './support/stack.js';

const s = (text: string) => `/api/v1/search?q=${encodeURIComponent(text)}`;

describe('searching contacts by name, organisation, number, e-mail or postcode', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  const search = async (text: string) => {
    const r = await stack.get(s(text));
    assert.equal(r.status, 200, r.text);
    return searchResponse.parse(r.body);
  };

  it('finds a word anywhere in a name, the whole name first', async () => {
    const byWord = await search('Vries');
    assert.equal(byWord.query.kind, 'name');
    assert.ok(byWord.contacts.length > 1 && byWord.contacts.length <= 10);
    assert.ok(byWord.contacts.every((c) => /vries/i.test(c.name)));
    const whole = await search('jan de vries');
    assert.equal(whole.contacts[0]?.name, 'Jan de Vries');
    assert.equal(whole.contacts[0]?.match.exact, true);
    assert.ok(whole.contacts[0]?.casesRef);
    assert.ok((whole.contacts[0]?.cases.length ?? 0) > 0, 'with the first cases of the contact, as a lookup');
    assert.equal((await search('Vries Jan')).contacts[0]?.name, 'Jan de Vries', 'every word, in any order');
  });

  it('finds a full name whose longest word many contacts share (every word goes to AFAS)', async () => {
    // In the emulator's data, 132 contacts hold "bakker" (Bakkerij …); Emma Bakker (2306) is the 69th of them by id.
    const r = await search('Emma Bakker');
    assert.ok(
      r.contacts.some((c) => c.id === '2306' && c.name === 'Emma Bakker'),
      JSON.stringify(r.contacts.map((c) => [c.id, c.name])),
    );
  });

  it('finds a word in the middle of an organisation name', async () => {
    const r = await search('Installatietechniek');
    assert.ok(
      r.contacts.some((c) => c.name === 'Groen & Zn. Installatietechniek B.V.'),
      JSON.stringify(r.contacts.map((c) => c.name)),
    );
    assert.equal(r.contacts.find((c) => c.name.startsWith('Groen'))?.match.field, 'Name');
  });

  it('finds a contact number with equality, without LIKE', async () => {
    const known = lookupResponse.parse((await stack.get(`/api/v1/lookup?phone=${encodeURIComponent(demoScenarios[0].phone!)}`)).body);
    const id = known.contacts[0].id;
    stack.emulator.resetRequests();
    const r = await search(id);
    assert.equal(r.query.kind, 'number');
    assert.equal(r.contacts[0]?.id, id);
    assert.equal(r.contacts[0]?.match.field, 'ContactId');
    assert.equal(stack.emulator.likeQueries, 0);
  });

  it('finds an e-mail address whatever its case, and not the colleague a LIKE would also match', async () => {
    stack.emulator.resetRequests();
    const r = await search('L.VAN_LEEUWEN@zorggroepdelinde.example');
    assert.equal(r.query.kind, 'email');
    assert.deepEqual(
      r.contacts.map((c) => c.name),
      ['Lotte van Leeuwen'],
    );
    assert.equal(stack.emulator.likeQueries, 0);
  });

  it('finds a postcode with a house number', async () => {
    const r = await search('3481 AB 12');
    assert.equal(r.query.kind, 'postcode');
    assert.equal(r.contacts[0]?.name, 'Jan de Vries');
    assert.ok((await search('3481ab')).contacts.some((c) => c.name === 'Jan de Vries'));
  });

  it('never returns a blocked contact', async () => {
    const lotte = (await search('Lotte van Leeuwen')).contacts.find((c) => c.name === 'Lotte van Leeuwen');
    assert.ok(lotte);
    stack.emulator.blockContact(Number(lotte.id));
    assert.ok(!(await search('Lotte van Leeuwen')).contacts.some((c) => c.id === lotte.id));
  });

  it('answers 400 for too little to search, a missing q and a phone number', async () => {
    for (const bad of ['/api/v1/search?q=a', '/api/v1/search?q=%20-%20', '/api/v1/search', s('0612345678')]) {
      const r = await stack.get(bad);
      assert.equal(r.status, 400, bad);
      assert.equal(r.body.error.code, 'invalid_request');
    }
  });
});
