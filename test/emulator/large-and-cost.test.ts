import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultCostModel, startEmulator } from '../../emulator/src/index.js';
import { Client, compact, type WireRow } from './support.js';

const phones = ['TelWork', 'MobWork', 'TelPrivate', 'MobPrivate'];
/** The fuzzy phone search of the live lookup: a LIKE with `%` between the digits, over the 4 phone fields. */
const fuzzyPhone = (digits: string): string =>
  compact(phones.join(';'), phones.map(() => `%${[...digits].join('%')}%`).join(';'), phones.map(() => '6').join(';'));
/** `ContactId = a OR ContactId = b OR …`, the index's refresh of known ids. */
const idsEqual = (ids: number[]): string => compact(ids.map(() => 'ContactId').join(';'), ids.join(';'), ids.map(() => '1').join(';'));
const keysetPage = (lastId: number, take: number): string =>
  `${compact('ContactId', String(lastId), '4')}&orderbyfieldids=ContactId&skip=0&take=${take}`;

/** Wall time of one call, in ms. */
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

describe('emulator at 250,000 contacts with the cost model on', () => {
  let c: Client;
  let startMs = 0;
  before(async () => {
    [c, startMs] = await timed(() => Client.start({ contacts: 250_000, cost: true }));
  });
  after(() => c.close());

  it('starts well within bounds and serves every contact', async (t) => {
    t.diagnostic(`250,000 contacts started in ${(startMs / 1000).toFixed(2)} s, RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
    assert.ok(startMs < 30_000, `started in ${Math.round(startMs)} ms`);
    const last = (await c.rows('Profit_Contacts', 'take=1&orderbyfieldids=-ContactId')).rows[0];
    assert.equal(last.ContactId, 1000 + 250_000);
  });

  it('reads a keyset page from the index: it looks at the rows it returns and no more', async () => {
    c.emu.resetRequests();
    const rows = (await c.rows('Profit_Contacts', keysetPage(125_000, 1000))).rows;
    assert.deepEqual(
      rows.map((r) => r.ContactId),
      Array.from({ length: 1000 }, (_, i) => 125_001 + i),
    );
    const [r] = c.emu.requests;
    assert.equal(r.rowsScanned, 1000);
    assert.equal(r.like, false);
    assert.equal(r.costMs, defaultCostModel.keyRangeMs + 1000 * defaultCostModel.keyRangePerRowMs);
    const descending = (await c.rows('Profit_Contacts', `${compact('ContactId', '2000', '5')}&orderbyfieldids=-ContactId&take=3`)).rows;
    assert.deepEqual(
      descending.map((x) => x.ContactId),
      [1999, 1998, 1997],
    );
    assert.equal(c.emu.requests[1].rowsScanned, 3);
  });

  it('finds ContactIds by equality through the index, without a scan', async () => {
    c.emu.resetRequests();
    const ids = [1001, 1004, 50_000, 99_999, 123_456, 180_000, 200_001, 222_222, 249_999, 251_000];
    const rows = (await c.rows('Profit_Contacts', `${idsEqual(ids)}&orderbyfieldids=ContactId&take=20`)).rows;
    assert.deepEqual(
      rows.map((r) => r.ContactId),
      ids,
    );
    assert.equal(c.emu.requests[0].rowsScanned, ids.length);
    assert.equal(c.emu.requests[0].costMs, defaultCostModel.idEqualityMs);
  });

  it('makes a LIKE over the phone fields cost about a second and id equality tens of ms', async () => {
    c.emu.resetRequests();
    const [like, likeMs] = await timed(() => c.rows('Profit_Contacts', `${fuzzyPhone('612345678')}&orderbyfieldids=ContactId&take=20`));
    const [, idMs] = await timed(() => c.rows('Profit_Contacts', `${idsEqual([1001, 2002, 3003])}&orderbyfieldids=ContactId`));
    assert.ok(like.rows.some((r) => r.ContactId === 1001));
    const [likeReq, idReq] = c.emu.requests;
    assert.equal(likeReq.rowsScanned, 250_000);
    assert.equal(likeReq.costMs, defaultCostModel.likeScanMsPer250kRows);
    assert.equal(idReq.costMs, defaultCostModel.idEqualityMs);
    assert.ok(likeMs >= 0.5 * defaultCostModel.likeScanMsPer250kRows, `LIKE took ${Math.round(likeMs)} ms`);
    assert.ok(likeMs > 10 * idMs, `LIKE ${Math.round(likeMs)} ms vs id equality ${Math.round(idMs)} ms`);
  });

  it('makes equality on a text field scan, cheaper than a LIKE', async () => {
    c.emu.resetRequests();
    await c.rows('Profit_Contacts', `${compact('MailWork', 'l.van_leeuwen@zorggroepdelinde.example', '1')}&orderbyfieldids=ContactId`);
    assert.equal(c.emu.requests[0].rowsScanned, 250_000);
    assert.equal(c.emu.requests[0].costMs, defaultCostModel.scanMsPer250kRows);
  });

  it('counts LIKE queries, over HTTP too, until resetRequests', async () => {
    c.emu.resetRequests();
    const emailLike = compact('MailWork', 'lotte%', '10');
    await c.rows('Profit_Contacts', `${emailLike}&orderbyfieldids=ContactId&take=1`);
    await c.rows('Profit_Contacts', `${idsEqual([1001])}`);
    const json = encodeURIComponent(
      JSON.stringify({ Filters: { Filter: { Field: { '@FieldId': 'Name', '@OperatorType': '13', '#text': 'B.V.' } } } }),
    );
    await c.rows('Profit_Contacts', `filterjson=${json}&orderbyfieldids=ContactId&take=1`);
    assert.equal(c.emu.likeQueries, 2);
    assert.deepEqual(
      c.emu.requests.map((r) => r.like),
      [true, false, true],
    );
    assert.deepEqual(await (await fetch(`${c.emu.url}/_emulator/requests`)).json(), { count: 3, likeQueries: 2 });
    assert.equal((await fetch(`${c.emu.url}/_emulator/requests`, { method: 'DELETE' })).status, 204);
    assert.equal(c.emu.likeQueries, 0);
  });
});

describe('emulator: keyset paging through 20,000 contacts', () => {
  let c: Client;
  before(async () => {
    c = await Client.start({ contacts: 20_000, cost: { keyRangeMs: 5 } });
  });
  after(() => c.close());

  it('returns every ContactId exactly once, in order, each page read from the index', async () => {
    c.emu.resetRequests();
    const seen: number[] = [];
    let last = 0;
    for (;;) {
      const rows = (await c.rows('Profit_Contacts', keysetPage(last, 1000))).rows;
      seen.push(...rows.map((r) => r.ContactId as number));
      if (rows.length < 1000) break;
      last = rows[rows.length - 1].ContactId as number;
    }
    assert.deepEqual(
      seen,
      Array.from({ length: 20_000 }, (_, i) => 1001 + i),
    );
    assert.equal(c.emu.requests.length, 21);
    for (const r of c.emu.requests) assert.ok(r.rowsScanned <= 1000, `a page looked at ${r.rowsScanned} rows`);
    assert.equal(c.emu.requests[0].costMs, 5 + 1000 * defaultCostModel.keyRangePerRowMs);
  });

  it('keeps the storage order for an unordered key range, as for any unordered query', async () => {
    const filter = compact('ContactId,ContactId', '5001,5400', '2,3');
    const unordered = (await c.rows('Profit_Contacts', `${filter}&skip=-1&take=-1`)).rows.map((r) => r.ContactId as number);
    assert.equal(unordered.length, 400);
    assert.notDeepEqual(
      unordered,
      [...unordered].sort((a, b) => a - b),
    );
    assert.deepEqual(
      [...unordered].sort((a, b) => a - b),
      Array.from({ length: 400 }, (_, i) => 5001 + i),
    );
  });

  it('ORs key ranges and keeps the rest of the filter', async () => {
    const filter = compact('ContactId,ContactId,Blocked;ContactId', '1000,1007,false;20990', '4,5,1;4');
    const ids = (await c.rows('Profit_Contacts', `${filter}&orderbyfieldids=ContactId&skip=-1&take=-1`)).rows.map((r) => r.ContactId);
    // 1001–1006 (none of them blocked), then 20991–21000.
    assert.deepEqual(ids, [1001, 1002, 1003, 1004, 1005, 1006, ...Array.from({ length: 10 }, (_, i) => 20_991 + i)]);
  });
});

describe('emulator: index seeks and key ranges give what a full scan gives', () => {
  it('for equality, ranges, not-equal and OR groups on ContactId, alone and mixed with other fields', async () => {
    const c = await Client.start({ contacts: 3000 });
    try {
      const all = (await c.rows('Profit_Contacts', 'skip=-1&take=-1')).rows;
      const cases: [string, string, string, (r: WireRow) => boolean][] = [
        ['ContactId', '2500', '1', (r) => r.ContactId === 2500],
        ['ContactId;ContactId', '1500;9999', '1;1', (r) => r.ContactId === 1500],
        ['ContactId,ContactId', '1500,1501', '1,1', () => false],
        ['ContactId,ContactId', '1500,1600', '2,5', (r) => (r.ContactId as number) >= 1500 && (r.ContactId as number) < 1600],
        ['ContactId,ContactId', '1600,1500', '3,4', (r) => (r.ContactId as number) <= 1600 && (r.ContactId as number) > 1500],
        ['ContactId;ContactId', '1010;3990', '5;4', (r) => (r.ContactId as number) < 1010 || (r.ContactId as number) > 3990],
        ['ContactId;Type', '1200;AFD', '3;1', (r) => (r.ContactId as number) <= 1200 || r.Type === 'AFD'],
        ['ContactId,Type', '1003,ORG', '7,1', (r) => r.ContactId !== 1003 && r.Type === 'ORG'],
        [
          'ContactId,Blocked;ContactId',
          '3000,true;1007',
          '2,1;1',
          (r) => ((r.ContactId as number) >= 3000 && r.Blocked === true) || r.ContactId === 1007,
        ],
      ];
      for (const [fields, values, operators, expected] of cases) {
        const want = all.filter(expected).map((r) => r.ContactId as number);
        for (const order of ['ContactId', '-ContactId', 'Name', '']) {
          const q = `${compact(fields, values, operators)}&skip=-1&take=-1${order ? `&orderbyfieldids=${order}` : ''}`;
          const got = (await c.rows('Profit_Contacts', q)).rows.map((r) => r.ContactId as number);
          assert.deepEqual(
            [...got].sort((a, b) => a - b),
            [...want].sort((a, b) => a - b),
            `${fields} ${values} ${operators} by ${order}`,
          );
          if (order === '') assert.deepEqual(got, want, 'unordered: storage order, as a scan returns it');
          if (order === 'ContactId')
            assert.deepEqual(
              got,
              [...want].sort((a, b) => a - b),
            );
        }
      }
    } finally {
      await c.close();
    }
  });
});

describe('emulator: large data sets are deterministic and extend the default one', () => {
  const size = 30_000; // above the data-set cache, so each emulator generates its own
  const page = (cl: Client, q: string): Promise<WireRow[]> => cl.rows('Profit_Contacts', q).then((b) => b.rows);

  it('gives the same rows for the same seed, other rows for another, and the same demo rows for all', async () => {
    const [a, b, other] = await Promise.all([
      Client.start({ contacts: size, seed: 11 }),
      Client.start({ contacts: size, seed: 11 }),
      Client.start({ contacts: size, seed: 12 }),
    ]);
    try {
      for (const q of [
        'take=50&orderbyfieldids=ContactId',
        'take=50&orderbyfieldids=-ContactId',
        'skip=14000&take=50&orderbyfieldids=ContactId',
      ]) {
        assert.deepEqual(await page(a, q), await page(b, q), q);
      }
      assert.notDeepEqual(await page(a, 'take=50&orderbyfieldids=-ContactId'), await page(other, 'take=50&orderbyfieldids=-ContactId'));
      assert.deepEqual(await page(a, 'take=12&orderbyfieldids=ContactId'), await page(other, 'take=12&orderbyfieldids=ContactId'));
    } finally {
      await Promise.all([a.close(), b.close(), other.close()]);
    }
  });

  it('starts with the default data set, then adds the data-quality problems of a large CRM', async () => {
    const [small, large] = await Promise.all([Client.start(), Client.start({ contacts: size })]);
    try {
      for (const skip of [0, 1000, 2000]) {
        const q = `skip=${skip}&take=1000&orderbyfieldids=ContactId`;
        const [x, y] = [await page(small, q), await page(large, q)];
        assert.deepEqual(y.slice(0, x.length), x, `rows from ${skip}`);
      }
      const rows = await page(large, `${compact('ContactId', '3400', '4')}&skip=-1&take=-1`);
      const values = rows.flatMap((r) => phones.map((f) => r[f])).filter((v): v is string => typeof v === 'string');
      assert.ok(
        values.some((v) => / (toestel|tst\.|ext\.) \d+$/.test(v)),
        'an extension typed into the field',
      );
      assert.ok(
        values.some((v) => !/\d/.test(v)),
        'a placeholder instead of a number',
      );
      assert.ok(
        values.some((v) => /^[\d +()-]*O[\d +()-]*$/.test(v)),
        'a letter O typed for a zero',
      );
      assert.ok(
        rows.some((r) => phones.every((f) => r[f] === null) && r.MailWork === null && r.MailPrivate === null),
        'no phone, no e-mail',
      );
      const noisy = values.filter((v) => !/^[+()\d -]+$/.test(v)).length;
      assert.ok(noisy > 0.01 * values.length && noisy < 0.1 * values.length, `${noisy} of ${values.length} values with text`);
    } finally {
      await Promise.all([small.close(), large.close()]);
    }
  });
});

describe('emulator: cost model off by default', () => {
  it('adds no time and says so, but still counts scanned rows', async () => {
    const emu = await startEmulator({ quiet: true });
    const c = new Client(emu);
    try {
      assert.equal(emu.costModel, null);
      await c.rows('Profit_Contacts', `${fuzzyPhone('612345678')}&orderbyfieldids=ContactId`);
      assert.equal(emu.requests[0].costMs, 0);
      assert.equal(emu.requests[0].rowsScanned, 2400);
    } finally {
      await c.close();
    }
  });

  it('refuses a cost model with a negative or unknown number', async () => {
    await assert.rejects(startEmulator({ quiet: true, cost: { idEqualityMs: -1 } }));
    await assert.rejects(startEmulator({ quiet: true, cost: { likeMs: 5 } as never }));
  });
});
