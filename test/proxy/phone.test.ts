import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareStoredNumber, formatForEquals, readCallerNumber, wildcardPattern } from '../../proxy/src/phone/caller-id.js';
import { canonicalNotations } from '../../proxy/src/phone/notations.js';

function number(input: string, region = 'NL') {
  const c = readCallerNumber(input, region);
  assert.equal(c.kind, 'number', `${input} should be a number`);
  if (c.kind !== 'number') throw new Error('unreachable');
  return c;
}

const storedNotations = [
  '06-12345678',
  '+31 (0)6 1234 5678',
  '0031612345678',
  '06 12 34 56 78',
  '+31612345678',
  '06-123 456 78',
  '(06) 12345678',
  '+31 6 12345678',
  'tel:+31-6-12345678',
];
const callerNotations = [
  '+31612345678',
  '0612345678',
  '06-12345678',
  '0031612345678',
  '+31 (0)6 1234 5678',
  'tel:+31612345678',
  'sip:+31612345678@pbx.example.nl;user=phone',
];

describe('caller numbers', () => {
  for (const region of ['NL', 'ZZ']) {
    for (const caller of callerNotations) {
      it(`when a call comes from ${caller} (region ${region}) then every stored notation of it matches`, () => {
        const c = number(caller, region);
        for (const stored of storedNotations) {
          assert.notEqual(compareStoredNumber(stored, c, region), 'none', `${stored} should match ${caller}`);
        }
      });
    }
  }

  it('when the digits differ by one, or one is added, then nothing matches', () => {
    const c = number('+31612345678', 'ZZ');
    for (const stored of ['06-12345679', '06-123456789', '+32612345678', '612345', '', '   ']) {
      assert.equal(compareStoredNumber(stored, c, 'ZZ'), 'none', stored);
    }
  });

  it('when the stored text is the notation dialled then the match is exact, otherwise a digits match', () => {
    const c = number('06-12345678');
    assert.equal(compareStoredNumber('06-12345678', c, 'NL'), 'exact');
    assert.equal(compareStoredNumber('+31612345678', c, 'NL'), 'exact');
    assert.equal(compareStoredNumber('06 12 34 56 78', c, 'NL'), 'digits');
  });

  it('reads withheld and non-dialable caller ids as anonymous', () => {
    for (const id of [
      'anonymous',
      'Anonymous',
      '',
      '   ',
      '+',
      'Restricted',
      'unknown',
      'PRIVATE',
      'Onbekend',
      'anoniem',
      'sip:anonymous@anonymous.invalid',
      'tel:',
      '()-',
    ]) {
      assert.equal(readCallerNumber(id, 'NL').kind, 'anonymous', JSON.stringify(id));
    }
  });

  it('refuses text that cannot be a phone number with a 400 saying why', () => {
    for (const id of ['06,12345678', '06;1234', '0612%345678', 'drop table', '<script>', 'x'.repeat(65)]) {
      assert.throws(
        () => readCallerNumber(id, 'NL'),
        (e: unknown) => (e as { code?: string }).code === 'invalid_request',
        id,
      );
    }
  });

  it('formats the number the way an equality PhoneNumberFormat stores it', () => {
    const c = number('06-12345678');
    assert.equal(formatForEquals(c, 'E164'), '+31612345678');
    assert.equal(formatForEquals(c, 'International'), '+31 6 12345678');
    assert.equal(formatForEquals(c, 'National'), '06 12345678');
    assert.match(formatForEquals(c, 'Rfc3966') ?? '', /^tel:\+31-?6-?12345678$/);
  });

  it('builds a wildcard over the significant digits only', () => {
    assert.equal(wildcardPattern(number('+31 (0)20 123 4567').significant), '%2%0%1%2%3%4%5%6%7%');
  });

  it('understands Belgian numbers with the Belgian region and with an explicit country code', () => {
    const c = number('0470 12 34 56', 'BE');
    assert.equal(c.normalized, '+32470123456');
    assert.notEqual(compareStoredNumber('+32 470 12 34 56', c, 'BE'), 'none');
    assert.notEqual(compareStoredNumber('0032470123456', c, 'BE'), 'none');
  });

  it('lists the canonical notations of a number, most common first, each one a notation of the same number', () => {
    const mobile = canonicalNotations(number('06-12345678'));
    assert.deepEqual(mobile, [
      '+31612345678',
      '0612345678',
      '06-12345678',
      '06 12345678',
      '+31 6 12345678',
      '0031612345678',
      '+31 (0)6 12345678',
    ]);
    const landline = canonicalNotations(number('+31 20 123 4567'));
    assert.deepEqual(landline.slice(0, 4), ['+31201234567', '0201234567', '020-1234567', '020 123 4567']);
    assert.ok(landline.includes('+31 (0)20 123 4567'));
    for (const [notations, caller] of [
      [mobile, '+31612345678'],
      [landline, '+31201234567'],
    ] as const) {
      for (const n of notations) assert.notEqual(compareStoredNumber(n, number(caller), 'NL'), 'none', n);
    }
  });

  it('has no canonical notations for a number libphonenumber cannot read', () => {
    assert.deepEqual(canonicalNotations(number('313087', 'ZZ')), []);
  });
});
