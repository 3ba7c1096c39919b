import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_TOKEN_DATA, startEmulator } from '../../emulator/src/index.js';
import { Client, authHeader, compact } from './support.js';

describe('emulator: token and routes', () => {
  let c: Client;
  before(async () => {
    c = await Client.start();
  });
  after(() => c.close());

  it('exposes the full XML token with the demo data value', () => {
    assert.equal(c.emu.token, `<token><version>1</version><data>${DEMO_TOKEN_DATA}</data></token>`);
    assert.match(DEMO_TOKEN_DATA, /^[0-9A-F]{64}$/);
    assert.equal(c.emu.connectorBaseUrl, `${c.emu.url}/ProfitRestServices/connectors`);
    assert.equal(c.emu.insiteUrl, `${c.emu.url}/insite/`);
  });

  it('accepts AfasToken + Base64 of the XML token', async () => {
    const a = await c.get('/ProfitRestServices/profitversion');
    assert.equal(a.status, 200);
    assert.match((JSON.parse(a.text) as { version: string }).version, /^\d+\.\d+\.\d+$/);
  });

  const refused: [string, string | null][] = [
    ['no header', null],
    ['the plain XML token', `AfasToken ${'<token><version>1</version><data>'}${DEMO_TOKEN_DATA}</data></token>`],
    ['the hex data alone, encoded', `AfasToken ${Buffer.from(DEMO_TOKEN_DATA).toString('base64')}`],
    ['another data value', authHeader(`<token><version>1</version><data>${'A'.repeat(64)}</data></token>`)],
    ['a Bearer scheme', `Bearer ${Buffer.from(`<token><version>1</version><data>${DEMO_TOKEN_DATA}</data></token>`).toString('base64')}`],
    [
      'two spaces after AfasToken',
      `AfasToken  ${Buffer.from(`<token><version>1</version><data>${DEMO_TOKEN_DATA}</data></token>`).toString('base64')}`,
    ],
    ['Base64 with junk', `${authHeader(`<token><version>1</version><data>${DEMO_TOKEN_DATA}</data></token>`)}!`],
  ];
  for (const [name, header] of refused) {
    it(`answers 401 with an empty body for ${name}`, async () => {
      for (const path of ['/ProfitRestServices/profitversion', '/ProfitRestServices/connectors/Profit_Contacts']) {
        const a = await c.get(path, header);
        assert.equal(a.status, 401, path);
        assert.equal(a.text, '');
      }
    });
  }

  it('accepts a custom token and refuses the demo one then', async () => {
    const data = 'ABCDEF0123456789'.repeat(4);
    const other = await startEmulator({ token: data, quiet: true });
    try {
      const ok = await fetch(`${other.url}/ProfitRestServices/profitversion`, { headers: { Authorization: authHeader(other.token) } });
      assert.equal(ok.status, 200);
      const demo = await fetch(`${other.url}/ProfitRestServices/profitversion`, { headers: { Authorization: authHeader(c.emu.token) } });
      assert.equal(demo.status, 401);
    } finally {
      await other.close();
    }
  });

  it('matches the path without regard to case', async () => {
    assert.equal((await c.get('/profitrestservices/ProfitVersion')).status, 200);
    assert.equal((await c.get('/PROFITRESTSERVICES/CONNECTORS/profit_contacts?take=1&orderbyfieldids=ContactId')).status, 200);
  });

  it('answers 404 for an unknown connector or path', async () => {
    const a = await c.get('/ProfitRestServices/connectors/Profit_Nope');
    assert.equal(a.status, 404);
    assert.ok(a.text === '' || !a.text.trimStart().startsWith('{'));
    assert.equal((await c.get('/ProfitRestServices/metainfo/get/Profit_Nope')).status, 404);
    assert.equal((await c.get('/ProfitRestServices/connectors/Profit_Contacts/TelWork/0612345678')).status, 404);
    assert.equal((await c.get('/ProfitRestServices/nothing')).status, 404);
  });

  it('lists the connectors in /metainfo', async () => {
    const body = JSON.parse((await c.get('/ProfitRestServices/metainfo')).text) as {
      getConnectors: { id: string }[];
      info: { tokenExpiry: string };
    };
    assert.deepEqual(
      body.getConnectors.map((g) => g.id),
      ['Profit_Contacts', 'ProfitSubjectsAuthorized'],
    );
    assert.equal(body.info.tokenExpiry, '0');
  });

  it('describes fields with id, dataType and Dutch label in /metainfo/get', async () => {
    const body = JSON.parse((await c.get('/ProfitRestServices/metainfo/get/Profit_Contacts')).text) as {
      name: string;
      fields: { id: string; fieldId: string; dataType: string; label: string }[];
    };
    assert.equal(body.name, 'Profit_Contacts');
    const byId = new Map(body.fields.map((f) => [f.id, f]));
    assert.equal(byId.get('ContactId')?.dataType, 'int');
    assert.equal(byId.get('Blocked')?.dataType, 'boolean');
    assert.equal(byId.get('CreateDate')?.dataType, 'date');
    assert.equal(byId.get('TelWork')?.dataType, 'string');
    assert.equal(byId.get('TelWork')?.label, 'Telefoonnr. werk');
    assert.equal(body.fields.length, 23);
    const cases = JSON.parse((await c.get('/ProfitRestServices/metainfo/get/ProfitSubjectsAuthorized')).text) as {
      fields: { id: string; dataType: string }[];
    };
    assert.deepEqual(
      cases.fields.map((f) => f.id),
      ['SbTy', 'SbId', 'DaSe', 'Ds', 'Memo', 'Stat', 'DoId', 'FeV1', 'FeV2', 'FeV3', 'BcId', 'BcCd', 'ToEr'],
    );
  });

  it('answers 404 when the query string, counted from the ?, exceeds 2049 characters', async () => {
    const base = 'skip=0&take=1&orderbyfieldids=ContactId&x=';
    const fits = base + 'a'.repeat(2048 - base.length);
    assert.equal(fits.length + 1, 2049);
    assert.equal((await c.get(`/ProfitRestServices/connectors/Profit_Contacts?${fits}`)).status, 200);
    assert.equal((await c.get(`/ProfitRestServices/connectors/Profit_Contacts?${fits}a`)).status, 404);
    const long = `${compact('TelWork', 'x'.repeat(2050), '6')}`;
    const a = await c.get(`/ProfitRestServices/connectors/Profit_Contacts?${long}`);
    assert.equal(a.status, 404);
    assert.ok(!a.text.startsWith('{'));
  });

  it('records every AFAS request with its raw query and Authorization', async () => {
    c.emu.resetRequests();
    await c.get(
      '/ProfitRestServices/connectors/Profit_Contacts?take=1&orderbyfieldids=ContactId&filterfieldids=Name&filtervalues=a%2Cb&operatortypes=6,6',
      null,
    );
    await c.get('/insite/');
    assert.equal(c.emu.requests.length, 1);
    const r = c.emu.requests[0];
    assert.equal(r.method, 'GET');
    assert.equal(r.path, '/ProfitRestServices/connectors/Profit_Contacts');
    assert.equal(r.query, 'take=1&orderbyfieldids=ContactId&filterfieldids=Name&filtervalues=a%2Cb&operatortypes=6,6');
    assert.equal(r.authorization, undefined);
    assert.ok(r.at > 0);
    assert.equal(r.like, true, 'asked for a LIKE, even though it was refused');
    const ctl = await fetch(`${c.emu.url}/_emulator/requests`);
    assert.deepEqual(await ctl.json(), { count: 1, likeQueries: 1 });
  });
});
