import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { amsterdamWallClock } from '../../emulator/src/dates.js';
import { ContactChangeError, startEmulator } from '../../emulator/src/index.js';
import { Client, compact, type WireRow } from './support.js';

/** Amsterdam wall-clock time to the second, as a ModifiedDate filter value (`YYYY-MM-DDTHH:mm:ss`, no `Z`). */
const amsterdamNow = (): string => amsterdamWallClock(new Date()).slice(0, 19);

const phones = ['TelWork', 'MobWork', 'TelPrivate', 'MobPrivate'];
/** A phone value the compact filter syntax can carry (generated data also holds `a, b` and the like). */
const plainNumber = (v: unknown): v is string => typeof v === 'string' && /^[\d +()-]+$/.test(v);
const contains = (text: string): string =>
  compact(phones.join(';'), phones.map(() => `%${text}%`).join(';'), phones.map(() => '6').join(';'));

describe('emulator: contacts changed while it runs', () => {
  let c: Client;
  const byId = async (id: number): Promise<WireRow | undefined> => (await c.contacts(compact('ContactId', String(id), '1')))[0];
  const ids = async (filter: string): Promise<number[]> => (await c.contacts(filter)).map((r) => r.ContactId as number);
  const changedSince = (since: string): Promise<number[]> => ids(compact('ModifiedDate', since, '2'));
  const patch = (id: number | string, body: unknown): Promise<Response> =>
    fetch(`${c.emu.url}/_emulator/contacts/${id}`, { method: 'PATCH', body: typeof body === 'string' ? body : JSON.stringify(body) });
  const remove = (id: number | string): Promise<Response> => fetch(`${c.emu.url}/_emulator/contacts/${id}`, { method: 'DELETE' });

  before(async () => {
    c = await Client.start({ contacts: 20_000 });
  });
  after(() => c.close());

  it('has generated ModifiedDates in the past, so a fresh since finds nothing', async () => {
    assert.deepEqual(await changedSince(amsterdamNow()), []);
    const newest = (await c.rows('Profit_Contacts', 'take=1&orderbyfieldids=-ModifiedDate')).rows[0];
    assert.ok((newest.ModifiedDate as string) < `${amsterdamNow()}Z`);
  });

  it('shows an update to LIKE searches, id equality and ModifiedDate >=', async () => {
    const since = amsterdamNow();
    assert.deepEqual(await ids(contains('0612 000 111')), []);
    c.emu.updateContact(5000, { MobWork: '0612 000 111', Note: 'Nieuw mobiel nummer' });
    assert.equal((await patch(5001, { TelWork: '0612 000 222', Function: null })).status, 204);

    assert.deepEqual(await ids(contains('0612 000 111')), [5000]);
    assert.deepEqual(await ids(contains('0612 000 222')), [5001]);
    const row = await byId(5000);
    assert.equal(row?.MobWork, '0612 000 111');
    assert.equal(row?.Note, 'Nieuw mobiel nummer');
    assert.match(row?.ModifiedDate as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.ok((row?.ModifiedDate as string) >= `${since}Z`);
    assert.equal((await byId(5001))?.Function, null);
    assert.deepEqual(await changedSince(since), [5000, 5001]);
    // The keyset refresh a caller index runs: changed rows after a ContactId, in id order.
    const filter = compact('ContactId,ModifiedDate', '5000,' + since, '4,2');
    assert.deepEqual(await ids(filter), [5001]);
  });

  it('shows a block to the caller search and to id equality', async () => {
    const candidates = await c.rows(
      'Profit_Contacts',
      `${compact('ContactId,Blocked', '6000,false', '4,1')}&orderbyfieldids=ContactId&take=200`,
    );
    const target = candidates.rows.find((r) => plainNumber(r.MobPrivate)) as WireRow;
    const mobile = target.MobPrivate as string;
    const callerSearch = compact('Blocked,MobPrivate', `false,${mobile}`, '1,1');
    assert.ok((await ids(callerSearch)).includes(target.ContactId as number));
    const since = amsterdamNow();
    c.emu.blockContact(target.ContactId as number);
    assert.ok(!(await ids(callerSearch)).includes(target.ContactId as number));
    assert.equal((await byId(target.ContactId as number))?.Blocked, true);
    // `since` has whole seconds, so the previous test's changes may fall in it too.
    assert.ok((await changedSince(since)).includes(target.ContactId as number));
  });

  it('deletes a contact for good: gone from every query, InSite and further changes', async () => {
    const victim = (await byId(7000)) as WireRow;
    const phone = phones.map((f) => victim[f]).find(plainNumber);
    c.emu.deleteContact(7000);
    assert.equal(await byId(7000), undefined);
    const page = (await c.rows('Profit_Contacts', `${compact('ContactId', '6998', '4')}&orderbyfieldids=ContactId&take=3`)).rows;
    assert.deepEqual(
      page.map((r) => r.ContactId),
      [6999, 7001, 7002],
    );
    if (phone)
      assert.ok(
        !(await c.contacts(compact('TelWork;MobWork;TelPrivate;MobPrivate', `${phone};${phone};${phone};${phone}`, '1;1;1;1'))).some(
          (r) => r.ContactId === 7000,
        ),
      );
    assert.equal((await c.rows('Profit_Contacts', 'skip=-1&take=-1')).rows.length, 19_999);
    assert.equal((await c.get('/insite/contact?CdId=7000')).status, 404);
    assert.throws(
      () => c.emu.deleteContact(7000),
      (e: unknown) => e instanceof ContactChangeError && e.status === 404,
    );
    assert.throws(
      () => c.emu.updateContact(7000, { Note: 'x' }),
      (e: unknown) => e instanceof ContactChangeError && e.status === 404,
    );
    assert.equal((await remove(7000)).status, 404);
    assert.equal((await remove(7001)).status, 204);
    assert.equal(await byId(7001), undefined);
  });

  it('shows changes on the InSite page too', async () => {
    c.emu.updateContact(8000, { Note: 'Gewijzigd in Profit' });
    assert.match((await c.get('/insite/contact?CdId=8000')).text, /Gewijzigd in Profit/);
  });

  it('refuses unknown fields, read-only fields and wrong types with 400, unknown contacts with 404', async () => {
    const before = await byId(9000);
    for (const body of [
      { Telefoon: '1' },
      { ContactId: 1 },
      { ModifiedDate: '2026-01-01T00:00:00' },
      { Blocked: 'yes' },
      { Blocked: null },
      { MobWork: 612345678 },
      { CreateDate: 'gisteren' },
      { Gender: 'MV' },
    ]) {
      const res = await patch(9000, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(((await res.json()) as { error: string }).error, /\S/);
    }
    assert.equal((await patch(9000, 'not json')).status, 400);
    assert.equal((await patch(9000, '[1]')).status, 400);
    assert.deepEqual(await byId(9000), before, 'a refused change changes nothing');
    assert.equal((await patch(99_999_999, { Note: 'x' })).status, 404);
    assert.equal((await patch('abc', { Note: 'x' })).status, 404);
    assert.equal((await fetch(`${c.emu.url}/_emulator/contacts/9000`)).status, 405);
    assert.throws(
      () => c.emu.updateContact(9000, { Nope: 1 }),
      (e: unknown) => e instanceof ContactChangeError && e.status === 400,
    );
  });

  it('accepts dates and booleans in their column types', async () => {
    assert.equal((await patch(9001, { CreateDate: '2020-02-29T12:00:00', Blocked: true, Note: '' })).status, 204);
    const row = await byId(9001);
    assert.equal(row?.CreateDate, '2020-02-29T12:00:00Z');
    assert.equal(row?.Blocked, true);
    assert.equal(row?.Note, null);
  });
});

describe('emulator: contact changes use the field ids clients see', () => {
  it('takes renamed ids and refuses the original ones', async () => {
    const emu = await startEmulator({ quiet: true, fieldRename: { MobWork: 'Mobiel_werk', ContactId: 'Contactnummer' } });
    const c = new Client(emu);
    try {
      emu.updateContact(1500, { Mobiel_werk: '06 000 777 00' });
      const row = (await c.rows('Profit_Contacts', `${compact('Contactnummer', '1500', '1')}`)).rows[0];
      assert.equal(row.Mobiel_werk, '06 000 777 00');
      assert.throws(
        () => emu.updateContact(1500, { MobWork: '1' }),
        (e: unknown) => e instanceof ContactChangeError && e.status === 400,
      );
      assert.throws(
        () => emu.updateContact(1500, { Contactnummer: 2 }),
        (e: unknown) => e instanceof ContactChangeError && e.status === 400,
      );
    } finally {
      await c.close();
    }
  });
});
