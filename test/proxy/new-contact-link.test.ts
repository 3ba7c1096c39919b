import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { lookupResponse } from '../../proxy/src/contract.js';
import { settingsBody, startStack, type Stack } from './support/stack.js';

const TEMPLATE = '[Insite]relatie-nieuw?tel=[Phone]&mail=[Email]';

describe('"New relation in InSite" (InsiteNewContactUrl)', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ settings: [{ name: 'InsiteNewContactUrl', value: TEMPLATE }] });
  });
  after(() => stack.close());

  it('fills the template with the caller number or address in every answer, a withheld one included', async () => {
    const phone = lookupResponse.parse((await stack.get('/api/v1/lookup?phone=%2B31207654321')).body);
    assert.equal(phone.newContactLink, 'https://12345.afasinsite.nl/relatie-nieuw?tel=%2B31207654321&mail=');
    const email = lookupResponse.parse((await stack.get('/api/v1/lookup?email=Nobody%40Example.nl')).body);
    assert.equal(email.newContactLink, 'https://12345.afasinsite.nl/relatie-nieuw?tel=&mail=nobody%40example.nl');
    const withheld = lookupResponse.parse((await stack.get('/api/v1/lookup?phone=anonymous')).body);
    assert.equal(withheld.newContactLink, 'https://12345.afasinsite.nl/relatie-nieuw?tel=&mail=');
  });

  it('is absent without the setting', async () => {
    const plain = await startStack();
    try {
      const r = lookupResponse.parse((await plain.get('/api/v1/lookup?phone=%2B31207654321')).body);
      assert.equal(r.newContactLink, undefined);
      assert.ok(!('newContactLink' in r));
    } finally {
      await plain.close();
    }
  });

  it('refuses a template that leaves InSite or uses other placeholders, naming the setting', async () => {
    for (const bad of ['https://evil.example/new?tel=[Phone]', '[Insite]new?id=[ContactId]', 'javascript:alert(1)']) {
      const r = await stack.publish(settingsBody(stack.emulator, 'helpdesk', [{ name: 'InsiteNewContactUrl', value: bad }]));
      assert.equal(r.status, 400, bad);
      assert.match(r.text, /InsiteNewContactUrl/);
    }
  });
});
