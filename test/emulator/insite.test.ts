import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from './support.js';

describe('emulator: InSite pages', () => {
  let c: Client;
  before(async () => {
    c = await Client.start({ contacts: 300 });
  });
  after(() => c.close());

  const page = async (path: string): Promise<{ status: number; text: string }> => {
    const a = await c.get(path, null);
    if (a.status === 200) assert.match(a.headers.get('content-type') ?? '', /^text\/html/);
    return a;
  };

  it('shows a contact for any page path with CdId or ContactId, no token needed', async () => {
    for (const path of ['/insite/contactpersoon-prs?CdId=1001', '/insite/a/b/c?ContactId=1001', '/insite/x?cdid=1001']) {
      const a = await page(path);
      assert.equal(a.status, 200, path);
      assert.ok(a.text.includes('AFAS InSite (emulated) — Jan de Vries'), path);
      assert.ok(a.text.includes('06-12345678'));
      assert.ok(a.text.includes('Storing cv-ketel'), 'lists the dossier items');
    }
  });

  it('shows an organisation or person by BcCo or BcId', async () => {
    const byCo = await page('/insite/verkooprelatie-prs?BcCo=100003');
    assert.equal(byCo.status, 200);
    assert.ok(byCo.text.includes('AFAS InSite (emulated) — Groen &amp; Zn. Installatietechniek B.V.'));
    assert.ok(byCo.text.includes('Eva Groen'));
    const byId = await page('/insite/verkooprelatie-prs?BcId=30001');
    assert.ok(byId.text.includes('AFAS InSite (emulated) — Jan de Vries'));
  });

  it('shows a dossier item by SbId and escapes its HTML', async () => {
    const jan = await page('/insite/dossieritem-prs?SbId=50001');
    assert.ok(jan.text.includes('Dossieritem 50001: Storing cv-ketel'));
    const sbId = 50001 + 5 + 36; // after Jan's 5 and Sanne's 36 items comes the Groen warmtepomp item
    const a = await page(`/insite/dossieritem-prs?SbId=${sbId}`);
    assert.equal(a.status, 200);
    assert.ok(a.text.includes('Storing warmtepomp &lt;model X&gt; &amp; thermostaat'));
    assert.ok(a.text.includes('&quot;display toont &lt;ERR-42&gt;&quot;'));
    assert.ok(!a.text.includes('<ERR-42>') && !a.text.includes('<model X>'));
  });

  it('escapes what comes from the query string too', async () => {
    const a = await page('/insite/x?CdId=%3Cscript%3Ealert(1)%3C/script%3E');
    assert.equal(a.status, 404);
    assert.ok(!a.text.includes('<script>'));
    assert.ok(a.text.includes('&lt;script&gt;'));
  });

  it('answers 404 for an unknown record and an index page without parameters', async () => {
    assert.equal((await page('/insite/x?SbId=1')).status, 404);
    assert.equal((await page('/insite/x?BcCo=nope')).status, 404);
    const index = await page('/insite/');
    assert.equal(index.status, 200);
    assert.ok(index.text.includes('CdId'));
  });

  it('sends a restrictive Content-Security-Policy', async () => {
    const a = await c.get('/insite/x?CdId=1001', null);
    assert.match(a.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  });
});
