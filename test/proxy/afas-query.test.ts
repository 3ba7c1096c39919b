import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../proxy/src/errors.js';
import type { Condition, Filter, Operator } from '../../proxy/src/afas/filter.js';
import { buildQueryString, MAX_QUERY_LENGTH, QueryTooLongError, type ConnectorQuery } from '../../proxy/src/afas/query.js';
import { authorizationHeader } from '../../proxy/src/afas/token.js';

const HEX = '0123456789ABCDEF'.repeat(4);
const XML = `<token><version>1</version><data>${HEX}</data></token>`;
const B64 = Buffer.from(XML, 'utf8').toString('base64');
const EXPECTED = `AfasToken ${B64}`;

function rejects(fn: () => unknown, code: string, secret?: string): AppError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError, `expected AppError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (secret !== undefined && secret.length > 0) {
      assert.ok(!error.message.includes(secret), 'message contains the input');
      assert.ok(!JSON.stringify(error).includes(secret), 'JSON contains the input');
    }
    return error;
  }
  assert.fail('expected an AppError');
}

void describe('authorizationHeader', () => {
  void it('encodes the full XML', () => {
    assert.equal(authorizationHeader(XML), EXPECTED);
  });

  void it('wraps bare hex data in the XML', () => {
    assert.equal(authorizationHeader(HEX), EXPECTED);
    assert.equal(
      authorizationHeader(HEX.toLowerCase()),
      `AfasToken ${Buffer.from(XML.replace(HEX, HEX.toLowerCase())).toString('base64')}`,
    );
  });

  void it('uses Base64 of the XML as is', () => {
    assert.equal(authorizationHeader(B64), EXPECTED);
  });

  void it('trims whitespace and tolerates pasted line breaks', () => {
    assert.equal(authorizationHeader(`  \n${XML}\t `), EXPECTED);
    assert.equal(authorizationHeader(`\n${HEX}\n`), EXPECTED);
    assert.equal(authorizationHeader(`${B64.slice(0, 40)}\n${B64.slice(40)}\n`), EXPECTED);
    assert.equal(authorizationHeader(`<token>\n  <version>1</version>\n  <data>${HEX}</data>\n</token>`), EXPECTED);
  });

  void it('rejects garbage with not_configured, never echoing the input', () => {
    const garbage = [
      '',
      '   ',
      'hello world',
      HEX.slice(0, 20),
      `${HEX}XYZ`,
      `<token><version>1</version><data>not-hex-${HEX}</data></token>`,
      `<token><data>${HEX}</data></token>`,
      `<token><version>1</version><data>${HEX}</data></token><extra/>`,
      Buffer.from(`hello ${HEX}`).toString('base64'),
      Buffer.from(`<token><version>1</version><data>short</data></token>`).toString('base64'),
      `AfasToken ${B64}`,
    ];
    for (const token of garbage) {
      const error = rejects(() => authorizationHeader(token), 'not_configured', token.trim());
      assert.match(error.message, /^The AFAS token setting is not a valid token/);
    }
  });
});

/** Decodes a query string the way AFAS does: split on '&', decode each value, then split filters on ';' and ','. */
function decodeLikeAfas(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    assert.ok(eq > 0, `parameter without '=': ${part}`);
    const name = part.slice(0, eq);
    assert.ok(!params.has(name), `duplicate parameter ${name}`);
    params.set(name, decodeURIComponent(part.slice(eq + 1)));
  }
  return params;
}

interface JsonFilter {
  Filters: { Filter: { '@FilterId': string; Field: { '@FieldId': string; '@OperatorType': string; '#text': string }[] }[] };
}

/** The filter AFAS would see, from either syntax. */
function filterSeenByAfas(params: Map<string, string>): Filter {
  const json = params.get('filterjson');
  if (json !== undefined) {
    const parsed = JSON.parse(json) as JsonFilter;
    return parsed.Filters.Filter.map((group, i) => {
      assert.equal(group['@FilterId'], `Filter ${i + 1}`);
      return group.Field.map((f) => ({ field: f['@FieldId'], op: Number(f['@OperatorType']) as Operator, value: f['#text'] }));
    });
  }
  const split = (name: string): string[][] => (params.get(name) ?? '').split(';').map((g) => g.split(','));
  const fields = split('filterfieldids');
  const values = split('filtervalues');
  const ops = split('operatortypes');
  assert.deepEqual(
    values.map((g) => g.length),
    fields.map((g) => g.length),
    'filtervalues shape differs',
  );
  assert.deepEqual(
    ops.map((g) => g.length),
    fields.map((g) => g.length),
    'operatortypes shape differs',
  );
  return fields.map((group, i) => group.map((field, j) => ({ field, op: Number(ops[i][j]) as Operator, value: values[i][j] })));
}

function contactFilter(value: string): Filter {
  return [
    [
      { field: 'Blocked', op: 1, value: 'false' },
      { field: 'TelWork', op: 6, value },
    ],
    [
      { field: 'Blocked', op: 1, value: 'false' },
      { field: 'MobWork', op: 6, value },
    ],
    [{ field: 'MailWork', op: 1, value }],
  ];
}

function query(filter: Filter, extra: Partial<ConnectorQuery> = {}): ConnectorQuery {
  return { connector: 'Profit_Contacts', filter, orderBy: ['ContactId'], take: 20, ...extra };
}

/** Deterministic pseudo-random generator, so a failing case can be reproduced. */
function* hostileValues(count: number): Generator<string> {
  const alphabet = [
    ',',
    ';',
    '%',
    '&',
    '#',
    '=',
    '?',
    '+',
    ' ',
    '\u0000',
    '\n',
    '"',
    "'",
    '\\',
    '/',
    '[',
    ']',
    '{',
    '}',
    '<',
    '>',
    'a',
    'Z',
    '0',
    '9',
    '_',
    '.',
    '-',
    '~',
    'é',
    'ß',
    '€',
    '中',
    '😀',
    '\u200b',
    '\u202e',
    '%2C',
    '%3B',
    '%26',
    '%25',
    '&take=1000',
    ';Blocked',
  ];
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  for (let i = 0; i < count; i++) {
    const length = 1 + (next() % 12);
    let value = '';
    for (let j = 0; j < length; j++) value += alphabet[next() % alphabet.length];
    yield value;
  }
}

void describe('buildQueryString', () => {
  void it('builds the compact form with skip, take and orderbyfieldids', () => {
    const q = buildQueryString(query(contactFilter('%0612345678%')));
    assert.equal(
      q,
      'filterfieldids=Blocked,TelWork;Blocked,MobWork;MailWork' +
        '&filtervalues=false,%250612345678%25;false,%250612345678%25;%250612345678%25' +
        '&operatortypes=1,6;1,6;1&skip=0&take=20&orderbyfieldids=ContactId',
    );
  });

  void it('sends descending sort fields, skip and no filter parameters without a filter', () => {
    assert.equal(
      buildQueryString({ connector: 'ProfitSubjectsAuthorized', orderBy: ['-DaSe', 'SbId'], skip: 40, take: 10 }),
      'skip=40&take=10&orderbyfieldids=-DaSe,SbId',
    );
    assert.equal(buildQueryString({ connector: 'X', filter: [], orderBy: ['A'], take: 1 }), 'skip=0&take=1&orderbyfieldids=A');
  });

  void it('encodes with encodeURIComponent: + is %2B and space is %20', () => {
    const params = buildQueryString(query([[{ field: 'TelWork', op: 1, value: '+31 6 1234' }]]));
    assert.match(params, /filtervalues=%2B31%206%201234&/);
  });

  void it('switches to filterjson, encoded once, when a value contains , or ;', () => {
    const filter: Filter = [[{ field: 'MailWork', op: 1, value: 'a,b@example.nl' }], [{ field: 'MailPrivate', op: 1, value: 'x;y' }]];
    const q = buildQueryString(query(filter));
    assert.ok(!q.includes('filterfieldids'));
    const params = decodeLikeAfas(q);
    assert.deepEqual(JSON.parse(params.get('filterjson')!), {
      Filters: {
        Filter: [
          { '@FilterId': 'Filter 1', Field: [{ '@FieldId': 'MailWork', '@OperatorType': '1', '#text': 'a,b@example.nl' }] },
          { '@FilterId': 'Filter 2', Field: [{ '@FieldId': 'MailPrivate', '@OperatorType': '1', '#text': 'x;y' }] },
        ],
      },
    });
    // Encoded exactly once: decoding once gives JSON, not another percent-encoded string.
    assert.ok(params.get('filterjson')!.startsWith('{"Filters"'));
  });

  void it('keeps the filter shape for hostile values (decode, then split, as AFAS does)', () => {
    const fixed = [
      ',;%&#=?\u0000',
      '%2C%3B',
      'a&filterfieldids=Blocked',
      '=?#',
      'x'.repeat(500),
      'é中😀\u202e',
      '',
      ' ',
      '%%',
      '&',
      ';',
      ',',
    ];
    let json = 0;
    for (const value of [...fixed, ...hostileValues(500)]) {
      const filter = contactFilter(value);
      const params = decodeLikeAfas(buildQueryString(query(filter)));
      if (params.has('filterjson')) json++;
      assert.deepEqual(filterSeenByAfas(params), filter, `shape changed for ${JSON.stringify(value)}`);
      assert.equal(params.get('skip'), '0');
      assert.equal(params.get('take'), '20');
      assert.equal(params.get('orderbyfieldids'), 'ContactId');
      const names = [...params.keys()].sort();
      assert.ok(
        JSON.stringify(names) === JSON.stringify(['filterfieldids', 'filtervalues', 'operatortypes', 'orderbyfieldids', 'skip', 'take']) ||
          JSON.stringify(names) === JSON.stringify(['filterjson', 'orderbyfieldids', 'skip', 'take']),
        `unexpected parameters ${names.join(',')}`,
      );
    }
    assert.ok(json > 0, 'some hostile values should need filterjson');
  });

  void it('rejects field ids that are not plain identifiers as a configuration error naming the field', () => {
    for (const field of ['Tel Work', 'TelWork,Blocked', 'Tel;Work', 'a&b', '', 'Veld-1', 'é']) {
      const error = rejects(() => buildQueryString(query([[{ field, op: 1, value: 'x' }]])), 'not_configured');
      assert.ok(error.message.includes(JSON.stringify(field)), error.message);
    }
    rejects(() => buildQueryString(query([], { orderBy: ['-Bad Field'] })), 'not_configured');
    rejects(() => buildQueryString(query([], { orderBy: ['--Double'] })), 'not_configured');
    assert.ok(buildQueryString(query([[{ field: 'U001_x.y', op: 1, value: 'x' }]])).includes('U001_x.y'));
  });

  void it('rejects invalid paging, empty sort, empty groups and unknown operators', () => {
    rejects(() => buildQueryString(query([], { take: 0 })), 'internal_error');
    rejects(() => buildQueryString(query([], { take: 1001 })), 'internal_error');
    rejects(() => buildQueryString(query([], { take: 1.5 })), 'internal_error');
    rejects(() => buildQueryString(query([], { skip: -1 })), 'internal_error');
    rejects(() => buildQueryString(query([], { orderBy: [] })), 'internal_error');
    rejects(() => buildQueryString(query([[]])), 'internal_error');
    const bad = { field: 'A', op: 15, value: 'x' } as unknown as Condition;
    rejects(() => buildQueryString(query([[bad]])), 'internal_error');
    assert.equal(buildQueryString(query([], { take: 1000 })), 'skip=0&take=1000&orderbyfieldids=ContactId');
  });

  void it('rejects values with unpaired surrogates as invalid_request instead of crashing', () => {
    rejects(() => buildQueryString(query([[{ field: 'A', op: 1, value: 'x\uD800' }]])), 'invalid_request');
    rejects(() => buildQueryString(query([[{ field: 'A', op: 1, value: 'x,\uDC00' }]])), 'invalid_request');
  });

  void it(`refuses query strings longer than MAX_QUERY_LENGTH (${MAX_QUERY_LENGTH}, counting the '?')`, () => {
    const base = buildQueryString(query([[{ field: 'A', op: 1, value: '' }]])).length;
    const fitting = 'x'.repeat(MAX_QUERY_LENGTH - 1 - base);
    assert.equal(buildQueryString(query([[{ field: 'A', op: 1, value: fitting }]])).length + 1, MAX_QUERY_LENGTH);

    const tooLong = `${fitting}x`;
    const error = rejects(() => buildQueryString(query([[{ field: 'A', op: 1, value: tooLong }]])), 'invalid_request', tooLong);
    assert.ok(error instanceof QueryTooLongError);
    assert.equal(error.length, MAX_QUERY_LENGTH + 1);

    // Percent-encoding counts: 700 '€' are 6,300 encoded characters.
    assert.throws(() => buildQueryString(query(contactFilter('€'.repeat(700)))), QueryTooLongError);
  });
});
