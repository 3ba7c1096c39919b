import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, compact, profitError } from './support.js';

// Demo rows have fixed ContactIds: 1001 Jan (PER), 1002 Sanne (PER), 1003 Groen (ORG), 1004 Eva Groen (PRS),
// 1005 Groen Storingsdienst (AFD), 1006 Bakkerij Van Dijk (ORG), 1007 Karin (PRS, blocked), 1008 Noordzee (ORG),
// 1009 Mohamed (PRS), 1010 Zorggroep De Linde (ORG), 1011 Lotte (PRS), 1012 Luuk (PRS). The demo records added later
// (1013–1017: Bakkerij Van Damme, Kinderopvang Zonnestraal and their people) stay out of these filters.
const demoOnly = (fields: string, values: string, operators: string): string =>
  compact(`ContactId,${fields}`, `1012,${values}`, `3,${operators}`);

describe('emulator: filters', () => {
  let c: Client;
  const ids = async (filter: string): Promise<number[]> => (await c.contacts(filter)).map((r) => r.ContactId as number);
  const status500 = async (query: string): Promise<string> => {
    const a = await c.get(`/ProfitRestServices/connectors/Profit_Contacts?${query}`);
    assert.equal(a.status, 500, a.text);
    return profitError(a.text).externalMessage;
  };

  before(async () => {
    c = await Client.start();
  });
  after(() => c.close());

  it('1 = equal: text without regard to case or trailing spaces, ints, booleans', async () => {
    assert.deepEqual(await ids(compact('MailWork', 'e.groen@GROEN-installatie.example', '1')), [1004]);
    assert.deepEqual(await ids(demoOnly('Name', 'jan de vries ', '1')), [1001]);
    assert.deepEqual(await ids(compact('ContactId', '1006', '1')), [1006]);
    assert.deepEqual(await ids(demoOnly('Blocked', 'true', '1')), [1007]);
    assert.ok(!(await ids(compact('Blocked', 'false', '1'))).includes(1007));
  });

  it('2-5 compare ints and dates; date equality misses the stored sub-seconds', async () => {
    assert.deepEqual(await ids(compact('ContactId,ContactId', '1001,1003', '2,3')), [1001, 1002, 1003]);
    assert.deepEqual(await ids(compact('ContactId,ContactId', '1001,1003', '4,5')), [1002]);
    assert.deepEqual(await ids(demoOnly('CreateDate', '2016-03-14T10:22:41', '1')), []);
    assert.deepEqual(await ids(demoOnly('CreateDate,CreateDate', '2016-03-14T10:22:41,2016-03-14T10:22:42', '2,5')), [1001]);
    assert.deepEqual(await ids(demoOnly('ModifiedDate', '2025-10-01', '4')), [1002, 1011]);
  });

  it('refuses a date filter value with a trailing Z, as AFAS does', async () => {
    await status500(compact('CreateDate', '2016-03-14T10:22:41Z', '2'));
  });

  it('refuses values that do not convert to the column type', async () => {
    await status500(compact('ContactId', 'abc', '1'));
    await status500(compact('Blocked', 'yes', '1'));
    await status500(compact('CreateDate', '14-03-2016', '2'));
  });

  it('6 contains: plain values are wrapped, wildcards in the value work', async () => {
    assert.deepEqual(await ids(demoOnly('Name', 'groen & zn', '6')), [1003, 1004, 1005]);
    assert.deepEqual(await ids(demoOnly('MobPrivate', '%6%1%2%3%4%5%6%7%8%', '6')), [1001]);
    assert.deepEqual(await ids(demoOnly('Name', '[bg]%', '6')), [1003, 1004, 1005, 1006, 1007]);
  });

  it("treats '_' as a one-character wildcard in LIKE operators but not in '='", async () => {
    assert.deepEqual(await ids(compact('MailWork', 'l.van_leeuwen@zorggroepdelinde.example', '6')), [1011, 1012]);
    assert.deepEqual(await ids(compact('MailWork', 'l.van_leeuwen@zorggroepdelinde.example', '1')), [1011]);
  });

  it('7 not equal leaves out NULLs, like SQL', async () => {
    assert.deepEqual(await ids(demoOnly('Department', 'Inkoop', '7')), [1005]);
    assert.deepEqual(await ids(compact('ContactId,Type', '1005,ORG', '3,7')), [1001, 1002, 1004, 1005]);
  });

  it('8 is empty and 9 is not empty ignore the value', async () => {
    assert.deepEqual(await ids(demoOnly('FullName', '', '8')), [1003, 1005, 1006, 1008, 1010]);
    assert.deepEqual(await ids(demoOnly('FullName', '[is leeg]', '8')), [1003, 1005, 1006, 1008, 1010]);
    assert.deepEqual(await ids(demoOnly('MailWork', 'anything', '9')), [1003, 1004, 1005, 1006, 1008, 1009, 1010, 1011, 1012]);
  });

  it('10 starts with, 12 does not start with', async () => {
    assert.deepEqual(await ids(demoOnly('Name', 'bakkerij', '10')), [1006, 1007]);
    assert.deepEqual(await ids(demoOnly('Type', 'P', '12')), [1003, 1005, 1006, 1008, 1010]);
  });

  it('11 does not contain', async () => {
    assert.deepEqual(await ids(demoOnly('Name', 'groen', '11')), [1001, 1002, 1006, 1007, 1008, 1009, 1010, 1011, 1012]);
  });

  it('13 ends with, 14 does not end with (NULLs never match either)', async () => {
    assert.deepEqual(await ids(compact('MailWork', '@groen-installatie.example', '13')), [1003, 1004, 1005]);
    assert.deepEqual(await ids(demoOnly('MailWork', '@groen-installatie.example', '14')), [1006, 1008, 1009, 1010, 1011, 1012]);
  });

  it('refuses operator 15 (quick filter) and unknown operators', async () => {
    for (const op of ['15', '0', '16', 'x', '']) await status500(compact('Name', 'a', op));
  });

  it('combines with , as AND and ; as OR', async () => {
    assert.deepEqual(await ids(compact('ContactId;ContactId', '1001;1003', '1;1')), [1001, 1003]);
    assert.deepEqual(await ids(compact('ContactId,Type', '1003,ORG', '1,1')), [1003]);
    assert.deepEqual(await ids(compact('ContactId,Type', '1003,PER', '1,1')), []);
    assert.deepEqual(
      await ids(compact('Blocked,TelWork;Blocked,MobWork', 'false,%1%0%2%3%4%5%6%7%8%;false,%1%0%2%3%4%5%6%7%8%', '1,6;1,6')),
      [1006],
    );
  });

  it('decodes before splitting: an encoded comma or semicolon still splits', async () => {
    const q = 'filterfieldids=ContactId%2CType%3BContactId&filtervalues=1003%2CORG%3B1001&operatortypes=1%2C1%3B1';
    assert.deepEqual(await ids(q), [1001, 1003]);
    // One field but two values once the %2C is decoded: the shapes differ.
    await status500('filterfieldids=Name&filtervalues=Groen%2C+Zn&operatortypes=6');
  });

  it("reads '+' in the query string as a space, like ASP.NET", async () => {
    assert.deepEqual(await ids('filterfieldids=FullName&filtervalues=Eva+Groen&operatortypes=1'), [1004]);
  });

  it('refuses parameters of different shapes, with a profitLogReference', async () => {
    await status500(compact('ContactId,Type', '1003', '1,1'));
    await status500(compact('ContactId;ContactId', '1001', '1;1'));
    await status500(compact('ContactId;ContactId', '1001;1002', '1'));
    await status500('filterfieldids=ContactId&filtervalues=1001');
    await status500('filtervalues=1001&operatortypes=1');
  });

  it("names an unknown field: Connector field 'X' not found (ids are case-sensitive)", async () => {
    assert.equal(await status500(compact('Telefoon', '1', '1')), "Connector field 'Telefoon' not found");
    assert.equal(await status500(compact('telwork', '1', '1')), "Connector field 'telwork' not found");
    assert.equal(await status500('orderbyfieldids=-Nope'), "Connector field 'Nope' not found");
  });

  describe('filterjson', () => {
    const json = (filters: { field: string; op: string; value?: string }[][]): string =>
      `filterjson=${encodeURIComponent(
        JSON.stringify({
          Filters: {
            Filter: filters.map((fields, i) => ({
              '@FilterId': `Filter ${i + 1}`,
              Field: fields.map((f) => ({ '@FieldId': f.field, '@OperatorType': f.op, '#text': f.value })),
            })),
          },
        }),
      )}`;

    it('ORs Filters and ANDs the Fields inside one', async () => {
      const q = json([
        [{ field: 'MailWork', op: '1', value: 'L.VAN_LEEUWEN@zorggroepdelinde.example' }],
        [{ field: 'MailPrivate', op: '1', value: 'jan.devries@thuismail.example' }],
      ]);
      assert.deepEqual(await ids(q), [1001, 1011]);
      const and = json([
        [
          { field: 'Type', op: '1', value: 'PRS' },
          { field: 'Name', op: '1', value: 'Groen & Zn. Installatietechniek B.V.' },
        ],
      ]);
      assert.deepEqual(await ids(and), [1004]);
    });

    it('keeps commas and semicolons inside values', async () => {
      const value = '<ERR-42>", wil teruggebeld worden & vraagt naar garantie; urgent';
      const rows = (await c.rows('ProfitSubjectsAuthorized', `${json([[{ field: 'Memo', op: '6', value }]])}&orderbyfieldids=SbId`)).rows;
      assert.equal(rows.length, 1);
      const a = await c.get(`/ProfitRestServices/connectors/ProfitSubjectsAuthorized?${compact('Memo', value, '6')}`);
      assert.equal(a.status, 500, 'the compact form splits the value and no longer fits the shape');
      assert.deepEqual(await ids(json([[{ field: 'Name', op: '1', value: 'a,b;c' }]])), []);
    });

    it('accepts a single Filter object and 8/9 without #text', async () => {
      const q = `filterjson=${encodeURIComponent(
        JSON.stringify({
          Filters: {
            Filter: {
              '@FilterId': 'Filter 1',
              Field: [
                { '@FieldId': 'ContactId', '@OperatorType': '3', '#text': '1012' },
                { '@FieldId': 'FullName', '@OperatorType': '8' },
              ],
            },
          },
        }),
      )}`;
      assert.deepEqual(await ids(q), [1003, 1005, 1006, 1008, 1010]);
    });

    it('refuses invalid or double-encoded JSON', async () => {
      const once = json([[{ field: 'ContactId', op: '1', value: '1001' }]]).slice('filterjson='.length);
      assert.match(await status500(`filterjson=${encodeURIComponent(decodeURIComponent(once).slice(0, -1))}`), /invalid json filter/i);
      assert.match(await status500(`filterjson=${encodeURIComponent(once)}`), /invalid json filter/i);
      assert.match(await status500(`filterjson=${encodeURIComponent('{"Filters":{}}')}`), /invalid json filter/i);
    });

    it('names an unknown field', async () => {
      assert.equal(await status500(json([[{ field: 'Mail', op: '1', value: 'x' }]])), "Connector field 'Mail' not found");
    });
  });
});
