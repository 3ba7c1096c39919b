import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator } from '../../emulator/src/index.js';
import { Client, authHeader, compact, profitError, type WireRow } from './support.js';

const contactColumns = [
  'Type',
  'ContactId',
  'Name',
  'FullName',
  'OrgNumber',
  'PerNumber',
  'Department',
  'Blocked',
  'AddressLine1',
  'AddressLine3',
  'AddressLine4',
  'TelWork',
  'MobWork',
  'MailWork',
  'TelPrivate',
  'MobPrivate',
  'MailPrivate',
  'Function',
  'FunctionCard',
  'Gender',
  'Note',
  'CreateDate',
  'ModifiedDate',
];

const isSorted = (values: number[], dir: 1 | -1): boolean => values.every((v, i) => i === 0 || (v - values[i - 1]) * dir >= 0);

describe('emulator: paging, ordering and rows', () => {
  let c: Client;
  before(async () => {
    c = await Client.start();
  });
  after(() => c.close());

  it('defaults to skip=0, take=100 and echoes them', async () => {
    const body = await c.rows('Profit_Contacts', 'orderbyfieldids=ContactId');
    assert.equal(body.skip, 0);
    assert.equal(body.take, 100);
    assert.equal(body.rows.length, 100);
    assert.equal(body.rows[0].ContactId, 1001);
  });

  it('pages with skip and take', async () => {
    const body = await c.rows('Profit_Contacts', 'skip=5&take=3&orderbyfieldids=ContactId');
    assert.deepEqual([body.skip, body.take], [5, 3]);
    assert.deepEqual(
      body.rows.map((r) => r.ContactId),
      [1006, 1007, 1008],
    );
  });

  it('returns everything for skip=-1&take=-1 (2,400 contacts by default)', async () => {
    const body = await c.rows('Profit_Contacts', 'skip=-1&take=-1');
    assert.deepEqual([body.skip, body.take], [-1, -1]);
    assert.equal(body.rows.length, 2400);
  });

  it('refuses take<=0, a mixed -1 and non-numbers with the unexpected-error body', async () => {
    for (const q of ['take=0', 'take=-5', 'skip=0&take=-1', 'skip=-1&take=10', 'skip=-2&take=10', 'take=ten', 'skip=1.5']) {
      const a = await c.get(`/ProfitRestServices/connectors/Profit_Contacts?${q}`);
      assert.equal(a.status, 500, q);
      const body = profitError(a.text);
      assert.equal(body.externalMessage, 'An unexpected error has occurred.');
      assert.equal(body.errorNumber, -2147180999);
    }
  });

  it('orders ascending and descending, on several fields', async () => {
    const asc = (await c.rows('Profit_Contacts', 'take=500&orderbyfieldids=ContactId')).rows.map((r) => r.ContactId as number);
    assert.ok(isSorted(asc, 1));
    const desc = (await c.rows('Profit_Contacts', 'take=500&orderbyfieldids=-ContactId')).rows.map((r) => r.ContactId as number);
    assert.ok(isSorted(desc, -1));
    assert.equal(desc[0], 1000 + 2400);
    const two = (await c.rows('Profit_Contacts', 'skip=-1&take=-1&orderbyfieldids=Type%2C-ContactId')).rows;
    const types = two.map((r) => r.Type as string);
    assert.deepEqual([...new Set(types)], ['AFD', 'ORG', 'PER', 'PRS']);
    for (const t of ['AFD', 'ORG', 'PER', 'PRS'])
      assert.ok(
        isSorted(
          two.filter((r) => r.Type === t).map((r) => r.ContactId as number),
          -1,
        ),
      );
  });

  it('sorts text without regard to case and NULL first', async () => {
    const rows = (await c.rows('Profit_Contacts', 'skip=-1&take=-1&orderbyfieldids=FullName')).rows;
    const firstNonNull = rows.findIndex((r) => r.FullName !== null);
    assert.ok(firstNonNull > 0);
    assert.ok(rows.slice(firstNonNull).every((r) => r.FullName !== null));
    const names = rows.slice(firstNonNull).map((r) => (r.FullName as string).toLowerCase());
    assert.ok(names.every((n, i) => i === 0 || names[i - 1].localeCompare(n, 'nl') <= 0));
  });

  it('without orderbyfieldids, rows do not come in id order (but the same rows do)', async () => {
    const unordered = (await c.rows('Profit_Contacts', 'skip=-1&take=-1')).rows.map((r) => r.ContactId as number);
    assert.ok(!isSorted(unordered, 1));
    assert.deepEqual(
      [...unordered].sort((a, b) => a - b),
      Array.from({ length: 2400 }, (_, i) => 1001 + i),
    );
    const firstPage = (await c.rows('Profit_Contacts', 'take=20')).rows.map((r) => r.ContactId);
    assert.notDeepEqual(
      firstPage,
      Array.from({ length: 20 }, (_, i) => 1001 + i),
    );
    const cases = (await c.rows('ProfitSubjectsAuthorized', 'take=50')).rows.map((r) => r.SbId as number);
    assert.ok(!isSorted(cases, 1));
  });

  it('has every column in every row, null for empty, typed values and AFAS dates', async () => {
    const rows: WireRow[] = (await c.rows('Profit_Contacts', 'skip=-1&take=-1')).rows;
    for (const r of rows) {
      assert.deepEqual(Object.keys(r), contactColumns);
      assert.equal(typeof r.ContactId, 'number');
      assert.equal(typeof r.Blocked, 'boolean');
      assert.match(r.CreateDate as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      for (const v of Object.values(r)) assert.notEqual(v, '');
    }
    const cases = (await c.rows('ProfitSubjectsAuthorized', 'take=5&orderbyfieldids=SbId')).rows;
    assert.equal(cases[0].SbId, 50001);
    assert.equal(typeof cases[0].BcId, 'number');
    assert.equal(typeof cases[0].BcCd, 'string');
    assert.equal(typeof cases[0].ToEr, 'boolean');
    assert.match(cases[0].DaSe as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("lists a caller's dossier items by BcCd, newest first", async () => {
    const jan = (await c.contacts(compact('ContactId', '1001', '1')))[0];
    const rows = (await c.rows('ProfitSubjectsAuthorized', `${compact('BcCd', jan.PerNumber as string, '1')}&orderbyfieldids=-DaSe`)).rows;
    assert.deepEqual(
      rows.map((r) => r.Stat),
      ['In behandeling', 'Nieuw', 'Wacht op klant', 'Afgehandeld', 'Gesloten'],
    );
    assert.equal(rows[0].DaSe, '2025-11-03T09:14:03Z');
  });

  it('serves configured connector ids and renamed field ids', async () => {
    const emu = await startEmulator({
      quiet: true,
      contacts: 300,
      connectors: { contacts: 'Caller_Contacts', cases: 'Caller_Cases' },
      fieldRename: { TelWork: 'Telefoon_werk', BcCd: 'Relatienummer' },
    });
    const other = new Client(emu);
    try {
      assert.equal((await other.get('/ProfitRestServices/connectors/Profit_Contacts')).status, 404);
      const rows = (await other.rows('Caller_Contacts', `${compact('Telefoon_werk', '020-1234567', '1')}&orderbyfieldids=ContactId`)).rows;
      assert.deepEqual(
        rows.map((r) => r.ContactId),
        [1003],
      );
      assert.ok('Telefoon_werk' in rows[0] && !('TelWork' in rows[0]));
      const a = await other.get(`/ProfitRestServices/connectors/Caller_Contacts?${compact('TelWork', '1', '1')}`);
      assert.equal(profitError(a.text).externalMessage, "Connector field 'TelWork' not found");
      const cases = (await other.rows('Caller_Cases', `${compact('Relatienummer', '100001', '1')}&orderbyfieldids=SbId`)).rows;
      assert.equal(cases.length, 5);
      const meta = await fetch(`${emu.url}/ProfitRestServices/metainfo/get/Caller_Contacts`, {
        headers: { Authorization: authHeader(emu.token) },
      });
      const fields = ((await meta.json()) as { fields: { id: string }[] }).fields.map((f) => f.id);
      assert.ok(fields.includes('Telefoon_werk') && !fields.includes('TelWork'));
      assert.equal((await other.rows('Caller_Contacts', 'skip=-1&take=-1')).rows.length, 300);
    } finally {
      await other.close();
    }
  });

  it('gives the same data for the same seed and different data for another', async () => {
    const a = await startEmulator({ quiet: true, seed: 7, contacts: 600 });
    const b = await startEmulator({ quiet: true, seed: 7, contacts: 600 });
    const d = await startEmulator({ quiet: true, seed: 8, contacts: 600 });
    try {
      const q = 'skip=400&take=20&orderbyfieldids=ContactId';
      const [ra, rb, rd] = await Promise.all([a, b, d].map((e) => new Client(e).rows('Profit_Contacts', q)));
      assert.deepEqual(ra, rb);
      assert.notDeepEqual(ra, rd);
    } finally {
      await Promise.all([a.close(), b.close(), d.close()]);
    }
  });
});
