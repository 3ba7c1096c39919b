import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { CASES_REF_VALIDITY_MS, casesRefEnvironment, createCasesRefs } from '../../proxy/src/services/cases-ref.js';

const secret = randomBytes(32);
const here = casesRefEnvironment('https://12345.rest.afas.online/ProfitRestServices', 'Profit_Contacts');
const refChars = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'];

describe('casesRef', () => {
  it('when a ref was issued here then it reads back as the contact id, odd characters included', () => {
    const refs = createCasesRefs({ secret });
    for (const id of ['1001', 'P-1001', 'ÄÖ ü/?&#=']) {
      const ref = refs.issue(id, here);
      assert.match(ref, /^[A-Za-z0-9_.-]+$/, 'safe in a query string as it is');
      assert.equal(refs.read(ref, here), id);
    }
  });

  it('when any one character of a ref is changed then it reads as nothing', () => {
    const refs = createCasesRefs({ secret });
    const ref = refs.issue('1001', here);
    for (let i = 0; i < ref.length; i++) {
      for (const c of refChars) {
        if (c === ref[i]) continue;
        const altered = `${ref.slice(0, i)}${c}${ref.slice(i + 1)}`;
        assert.equal(refs.read(altered, here), undefined, `position ${i} → ${c}`);
      }
    }
  });

  it('when a ref has expired then it reads as nothing, and not a moment before', () => {
    let now = Date.UTC(2026, 0, 5, 8, 0, 0);
    const refs = createCasesRefs({ secret, now: () => now });
    const ref = refs.issue('1001', here);
    now += CASES_REF_VALIDITY_MS - 1000;
    assert.equal(refs.read(ref, here), '1001', 'valid for a whole shift');
    assert.ok(CASES_REF_VALIDITY_MS >= 60 * 60_000, 'at least an hour');
    now += 1000;
    assert.equal(refs.read(ref, here), undefined);
  });

  it('when a ref comes from another AFAS environment, connector or secret then it reads as nothing', () => {
    const refs = createCasesRefs({ secret });
    const ref = refs.issue('1001', here);
    assert.equal(refs.read(ref, casesRefEnvironment('https://99999.rest.afas.online/ProfitRestServices', 'Profit_Contacts')), undefined);
    assert.equal(refs.read(ref, casesRefEnvironment('https://12345.rest.afas.online/ProfitRestServices', 'Other_Contacts')), undefined);
    assert.equal(createCasesRefs({ secret: randomBytes(32) }).read(ref, here), undefined);
    assert.equal(
      casesRefEnvironment('https://12345.REST.afas.online/ProfitRestServices', 'profit_contacts'),
      here,
      'AFAS host and connector ids are not case-sensitive',
    );
  });

  it('binds a ref to the environment exactly as before the settings kept the REST root without /connectors, so refs shown before an upgrade still page', () => {
    const boundBefore = createHash('sha256')
      .update('https://12345.rest.afas.online/profitrestservices/connectors\nprofit_contacts')
      .digest('base64url');
    assert.equal(here, boundBefore);
  });

  it('when a ref is guessed or malformed then it reads as nothing', () => {
    const refs = createCasesRefs({ secret });
    const [id, expiry] = refs.issue('1001', here).split('.');
    for (const guess of [
      '',
      '1001',
      'MTAwMQ',
      `${id}.${expiry}`,
      `${id}.${expiry}.`,
      `${id}.${expiry}.${'A'.repeat(43)}`,
      `${id}..${'A'.repeat(43)}`,
      'a.b.c.d',
      '.'.repeat(600),
      `${'A'.repeat(600)}.x.y`,
    ]) {
      assert.equal(refs.read(guess, here), undefined, JSON.stringify(guess));
    }
  });

  it('refuses a secret too short to sign with', () => {
    assert.throws(() => createCasesRefs({ secret: Buffer.alloc(8) }), RangeError);
  });
});
