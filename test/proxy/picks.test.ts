import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoScenarios } from '../../emulator/src/index.js';
import { lookupResponse } from '../../proxy/src/contract.js';
import { fetchJson, startStack, type Stack } from './support/stack.js';

const phoneOf = (id: string) => demoScenarios.find((s) => s.id === id)!.phone!;
const q = (phone: string) => `/api/v1/lookup?phone=${encodeURIComponent(phone)}`;

const pick = (stack: Stack, method: 'PUT' | 'DELETE', body: unknown, query = '') =>
  fetchJson(`${stack.service.url}/api/v1/picks${query}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: method === 'PUT' ? JSON.stringify(body) : undefined,
  });

describe('remembered picks', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ settings: [{ name: 'DefaultPhoneNumberRegion', value: 'NL' }] });
  });
  after(() => stack.close());
  const lookup = async (phone: string) => lookupResponse.parse((await stack.get(q(phone))).body);

  it('puts the contact agents chose for a shared number first, saying when it was remembered', async () => {
    const shared = await lookup(phoneOf('sharedNumber'));
    assert.equal(shared.status, 'ambiguous');
    const second = shared.contacts[1];
    assert.equal((await pick(stack, 'PUT', { phone: phoneOf('sharedNumber'), contactId: second.id })).status, 204);
    for (const notation of [phoneOf('sharedNumber'), '020-1234567', 'tel:+31201234567']) {
      const again = await lookup(notation);
      assert.equal(again.status, 'ambiguous', 'the list stays, for "Not this caller?"');
      assert.equal(again.contacts[0]?.id, second.id, notation);
      assert.match(again.contacts[0]?.match.remembered ?? '', /^\d{4}-\d\d-\d\dT/);
      assert.equal(again.contacts.length, shared.contacts.length);
    }
    assert.equal((await pick(stack, 'DELETE', undefined, `?phone=${encodeURIComponent('(020) 123 45 67')}`)).status, 204);
    const forgotten = await lookup(phoneOf('sharedNumber'));
    assert.equal(forgotten.contacts[0]?.id, shared.contacts[0]?.id);
    assert.equal(forgotten.contacts[0]?.match.remembered, undefined);
  });

  it('answers matched with the remembered contact for a number AFAS does not know', async () => {
    const jan = (await lookup(phoneOf('known'))).contacts[0];
    assert.equal((await lookup(phoneOf('unknown'))).status, 'none');
    assert.equal((await pick(stack, 'PUT', { phone: phoneOf('unknown'), contactId: jan.id })).status, 204);
    const known = await lookup(phoneOf('unknown'));
    assert.equal(known.status, 'matched');
    assert.equal(known.contacts[0]?.name, 'Jan de Vries');
    assert.ok(known.contacts[0]?.match.remembered);
    assert.ok((known.contacts[0]?.cases.length ?? 0) > 0, 'with its cases');
  });

  it('remembers by e-mail address too, whatever its case', async () => {
    const email = demoScenarios.find((s) => s.id === 'email')!.email!;
    const jan = (await lookup(phoneOf('known'))).contacts[0];
    assert.equal((await pick(stack, 'PUT', { email: email.toUpperCase(), contactId: jan.id })).status, 204);
    const r = lookupResponse.parse((await stack.get(`/api/v1/lookup?email=${encodeURIComponent(email)}`)).body);
    assert.equal(r.contacts[0]?.name, 'Jan de Vries');
    assert.equal(r.status, 'ambiguous', 'Lotte, whom AFAS finds, stays in the list');
  });

  it('ignores and forgets a remembered contact that is blocked', async () => {
    const sanne = (await lookup(phoneOf('manyCases'))).contacts[0];
    const number = '+31207654300';
    assert.equal((await pick(stack, 'PUT', { phone: number, contactId: sanne.id })).status, 204);
    assert.equal((await lookup(number)).status, 'matched');
    stack.emulator.blockContact(Number(sanne.id));
    const after = await lookup(number);
    assert.equal(after.status, 'none');
    stack.emulator.resetRequests();
    await lookup(number);
    assert.equal(stack.emulator.requests.length, 0, 'forgotten: no AFAS call for it any more');
  });

  it('refuses what cannot be remembered with a 400 naming it', async () => {
    for (const body of [
      { phone: '+31612345678' },
      { phone: '+31612345678', email: 'a@b.nl', contactId: '1' },
      { phone: 'anonymous', contactId: '1001' },
      { phone: '+31612345678', contactId: '1 OR 1=1' },
      { phone: '+31612345678', contactId: '1001', extra: 1 },
    ]) {
      const r = await pick(stack, 'PUT', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.error.code, 'invalid_request');
    }
    assert.equal((await pick(stack, 'DELETE', undefined)).status, 400);
  });
});
