import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_TOKEN_DATA } from '../../emulator/src/index.js';
import { authorizationHeader } from '../../proxy/src/afas/token.js';
import { loadConfig } from '../../proxy/src/config.js';
import { startService } from '../../proxy/src/start-service.js';
import { adminAuth, INSITE, SETTINGS_KEY, settingsBody, startStack, type Stack } from './support/stack.js';

const HELPDESK_KEY = 'helpdesk-publish-key-0123456789';
const SALES_KEY = 'sales-publish-key-0123456789abc';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const LOOKUP = '/api/v1/lookup?phone=%2B31612345678';

/** Any method under the base path, JSON in and out. */
async function send(stack: Stack, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.service.url}${p}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** A plain HTTP listener on loopback standing in for an attacker's host: it records every request's headers. */
async function startRecorder(): Promise<{ server: Server; url: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(503, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const attribute = (systemName: string, order: number, fieldType: string[], category = 'Contact') => ({
  displayName: systemName,
  systemName,
  showOnExtensionWindow: true,
  order,
  fieldType,
  category,
});

describe('settings endpoint without CRM_SETTINGS_KEY', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ publish: false, env: { CRM_SETTINGS_KEY: '' } });
  });
  after(() => stack.close());

  it('is closed to everyone, loopback included: 403 forbidden naming CRM_SETTINGS_KEY', async () => {
    const answers = [
      await stack.publish(settingsBody(stack.emulator), { authorization: '' }),
      await stack.publish(settingsBody(stack.emulator), bearer(SETTINGS_KEY)),
      await send(stack, 'POST', '/api/v1/settings', settingsBody(stack.emulator)),
      await stack.get('/api/v1/settings'),
      await send(stack, 'PUT', '/api/v1/settings/primary', { ucc: 'helpdesk' }, adminAuth),
      await send(stack, 'DELETE', '/api/v1/settings/uccs/helpdesk', undefined, adminAuth),
    ];
    for (const r of answers) {
      assert.equal(r.status, 403, r.text);
      assert.equal(r.body.error.code, 'forbidden');
      assert.match(r.body.error.message, /CRM_SETTINGS_KEY/);
    }
    assert.equal((await stack.get(LOOKUP)).status, 503, 'nothing was published');
  });
});

describe('settings keys: the admin key and per-UCC keys', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ publish: false, env: { CRM_SETTINGS_KEYS: `helpdesk=${HELPDESK_KEY},Sales=${SALES_KEY}` } });
  });
  after(() => stack.close());

  it('refuses a missing or wrong key with 401', async () => {
    for (const headers of [
      { authorization: '' },
      bearer('wrong-wrong-wrong-wrong'),
      { authorization: `Basic ${Buffer.from(`x:${SETTINGS_KEY}`).toString('base64')}` },
    ]) {
      const r = await stack.publish(settingsBody(stack.emulator), headers);
      assert.equal(r.status, 401, r.text);
      assert.equal(r.body.error.code, 'unauthorized');
    }
    assert.equal((await stack.get('/api/v1/settings', bearer('wrong-wrong-wrong-wrong'))).status, 401);
  });

  it('lets a UCC key publish as its own UCC only (names compared without case)', async () => {
    const other = await stack.publish(settingsBody(stack.emulator, 'sales'), bearer(HELPDESK_KEY));
    assert.equal(other.status, 403, other.text);
    assert.equal(other.body.error.code, 'forbidden');
    assert.match(other.body.error.message, /only publish the settings of UCC helpdesk/);
    const invalidAsOther = await stack.publish({ ucc: 'sales', pluginSettings: 'nonsense' }, bearer(HELPDESK_KEY));
    assert.equal(invalidAsOther.status, 403, 'the UCC is checked before the body');
    assert.equal((await stack.get('/api/v1/settings', adminAuth)).body.primaryUcc, null, 'nothing stored');

    const own = await stack.publish(settingsBody(stack.emulator, 'HelpDesk'), bearer(HELPDESK_KEY));
    assert.equal(own.status, 200, own.text);
    assert.equal(own.body.primary, true);
    const post = await send(
      stack,
      'POST',
      '/api/v1/settings',
      settingsBody(stack.emulator, 'sales', [{ name: 'MaxCases', value: '9' }]),
      bearer(SALES_KEY),
    );
    assert.equal(post.status, 200, post.text);
    assert.deepEqual(post.body.conflicts, [{ name: 'MaxCases', primaryUcc: 'HelpDesk' }]);
  });

  it('refuses a UCC key everything else with 403: reading the settings and the admin operations', async () => {
    for (const r of [
      await stack.get('/api/v1/settings', bearer(HELPDESK_KEY)),
      await send(stack, 'PUT', '/api/v1/settings/primary', { ucc: 'helpdesk' }, bearer(HELPDESK_KEY)),
      await send(stack, 'PUT', '/api/v1/settings/primary', { ucc: 'sales' }, bearer(SALES_KEY)),
      await send(stack, 'DELETE', '/api/v1/settings/uccs/helpdesk', undefined, bearer(SALES_KEY)),
      await send(stack, 'DELETE', '/api/v1/settings/uccs/sales', undefined, bearer(SALES_KEY)),
    ]) {
      assert.equal(r.status, 403, r.text);
      assert.equal(r.body.error.code, 'forbidden');
      assert.match(r.body.error.message, /admin key \(CRM_SETTINGS_KEY\)/);
    }
    const view = await stack.get('/api/v1/settings', adminAuth);
    assert.equal(view.status, 200);
    assert.equal(view.headers.get('cache-control'), 'no-store');
    assert.equal(view.body.primaryUcc, 'HelpDesk');
    assert.deepEqual(view.body.uccs, ['HelpDesk', 'sales']);
  });
});

describe('admin operations: choosing the primary and forgetting a UCC', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ settings: [{ name: 'MaxContacts', value: '3' }] });
    const sales = await stack.publish(settingsBody(stack.emulator, 'sales', [{ name: 'MaxContacts', value: '7' }]));
    assert.equal(sales.status, 200, sales.text);
  });
  after(() => stack.close());

  it('refuses a body without a usable ucc (400) and a UCC that never published (404)', async () => {
    for (const body of [{}, { ucc: '' }, { ucc: '../etc' }, ['sales']]) {
      const r = await send(stack, 'PUT', '/api/v1/settings/primary', body, adminAuth);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.error.code, 'invalid_request');
    }
    const unknown = await send(stack, 'PUT', '/api/v1/settings/primary', { ucc: 'nobody' }, adminAuth);
    assert.equal(unknown.status, 404, unknown.text);
    assert.equal(unknown.body.error.code, 'not_found');
    assert.equal((await stack.get('/api/v1/settings', adminAuth)).body.primaryUcc, 'helpdesk');
  });

  it('makes another UCC primary: its settings are used at once and after a restart', async () => {
    const r = await send(stack, 'PUT', '/api/v1/settings/primary', { ucc: 'SALES' }, adminAuth);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { primaryUcc: 'sales' });
    let view = await stack.get('/api/v1/settings', adminAuth);
    assert.equal(view.body.primaryUcc, 'sales');
    assert.equal(view.body.settings.MaxContacts, '7');
    assert.deepEqual(view.body.conflicts, [{ ucc: 'helpdesk', name: 'MaxContacts', primaryUcc: 'sales' }]);

    await stack.restart();
    const again = await stack.publish(settingsBody(stack.emulator, 'helpdesk', [{ name: 'MaxContacts', value: '3' }]));
    assert.equal(again.body.primary, false, 'the first publisher does not win it back after a restart');
    view = await stack.get('/api/v1/settings', adminAuth);
    assert.equal(view.body.primaryUcc, 'sales');
    assert.equal((await stack.get(LOOKUP)).status, 200);
  });

  it('refuses to forget the primary (409) and an unknown UCC (404), and forgets any other', async () => {
    const primary = await send(stack, 'DELETE', '/api/v1/settings/uccs/Sales', undefined, adminAuth);
    assert.equal(primary.status, 409, primary.text);
    assert.equal(primary.body.error.code, 'invalid_request');
    assert.match(primary.body.error.message, /primary/);
    const unknown = await send(stack, 'DELETE', '/api/v1/settings/uccs/nobody', undefined, adminAuth);
    assert.equal(unknown.status, 404, unknown.text);

    const forgotten = await send(stack, 'DELETE', '/api/v1/settings/uccs/helpdesk', undefined, adminAuth);
    assert.equal(forgotten.status, 204, forgotten.text);
    assert.equal(existsSync(path.join(stack.dataDir, 'settings', 'ucc-helpdesk.json')), false, 'its file is deleted');
    const view = await stack.get('/api/v1/settings', adminAuth);
    assert.deepEqual(view.body.uccs, ['sales']);
    assert.deepEqual(view.body.conflicts, []);
    assert.equal((await send(stack, 'DELETE', '/api/v1/settings/uccs/helpdesk', undefined, adminAuth)).status, 404);
    assert.equal((await stack.get(LOOKUP)).status, 200, 'lookups go on with the primary');
  });
});

describe('the token from the environment and a redirected AFAS URL', () => {
  let stack: Stack;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  before(async () => {
    recorder = await startRecorder();
    stack = await startStack({ publish: false });
    // The emulator's port is known only now: seed the service with it, as an operator would with the real AFAS.
    await stack.restart({
      AFAS_TOKEN: stack.emulator.token,
      AFAS_CONNECTOR_BASE_URL: stack.emulator.connectorBaseUrl,
      AFAS_INSITE_URL: INSITE,
    });
  });
  after(async () => {
    await stack.close();
    await new Promise((resolve) => recorder.server.close(resolve));
  });

  it('refuses a publication that points AFAS at another host without its own Token, naming Token', async () => {
    assert.equal((await stack.get(LOOKUP)).status, 200, 'the seed alone configures the service');
    const redirect = {
      ucc: 'helpdesk',
      pluginSettings: [{ name: 'ConnectorRestServiceBaseUrl', value: `${recorder.url}/ProfitRestServices`, scope: 'CrmService' }],
    };
    const r = await stack.publish(redirect);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error.code, 'invalid_request');
    assert.match(
      r.body.error.message,
      /^Token: required, because the token from AFAS_TOKEN is only sent to the host of AFAS_CONNECTOR_BASE_URL/,
    );
    const view = await stack.get('/api/v1/settings', adminAuth);
    assert.equal(view.body.primaryUcc, null, 'the publication did not become primary');
    assert.equal(view.body.settings.ConnectorRestServiceBaseUrl, stack.emulator.connectorBaseUrl);
  });

  it('sends no request with an Authorization header to that host, for lookups or readiness', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await stack.get(LOOKUP)).status, 200);
    await stack.get('/readyz');
    await stack.get('/healthz');
    assert.equal(recorder.seen.filter((h) => h.authorization !== undefined).length, 0);
    assert.equal(recorder.seen.length, 0);
  });

  it('accepts a publication on the seeded AFAS host without a Token: the seeded token fills in', async () => {
    const r = await stack.publish({ ucc: 'helpdesk', pluginSettings: [{ name: 'MaxCases', value: '8', scope: 'CrmService' }] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.primary, true);
    assert.equal((await stack.get(LOOKUP)).status, 200);
    assert.equal(recorder.seen.length, 0);
  });

  it("sends a publication's own Token to its own host, and never the token from the environment", async () => {
    const own = `<token><version>1</version><data>${'AB'.repeat(32)}</data></token>`;
    const r = await stack.publish({
      ucc: 'helpdesk',
      pluginSettings: [
        { name: 'Token', value: own, scope: 'CrmService' },
        { name: 'ConnectorRestServiceBaseUrl', value: `${recorder.url}/ProfitRestServices`, scope: 'CrmService' },
      ],
    });
    assert.equal(r.status, 200, r.text);
    await stack.get(LOOKUP);
    const sent = recorder.seen.map((h) => h.authorization);
    assert.ok(sent.length > 0, 'the service did call the host it was given');
    assert.ok(
      sent.every((a) => a === authorizationHeader(own)),
      "only the publication's own token",
    );
    assert.ok(!sent.includes(authorizationHeader(stack.emulator.token)));
  });

  it('never shows or logs the token', async () => {
    const view = await stack.get('/api/v1/settings', adminAuth);
    assert.equal(view.body.settings.Token, '[redacted]');
    for (const t of [DEMO_TOKEN_DATA, stack.emulator.token, Buffer.from(stack.emulator.token).toString('base64')]) {
      assert.ok(!view.text.includes(t));
      assert.ok(!stack.log.text.includes(t), 'token in the log');
    }
  });
});

describe('AFAS and InSite hosts with the default lists', () => {
  let stack: Stack;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  before(async () => {
    recorder = await startRecorder();
    stack = await startStack({ publish: false, env: { CRM_AFAS_HOSTS: '', CRM_ALLOW_HTTP_UPSTREAM: '' } });
  });
  after(async () => {
    await stack.close();
    await new Promise((resolve) => recorder.server.close(resolve));
  });

  it('refuses any AFAS host but AFAS Online outright, even with a Token, naming the setting and CRM_AFAS_HOSTS', async () => {
    for (const url of [
      `${recorder.url}/ProfitRestServices`,
      `${recorder.url.replace('http:', 'https:')}/ProfitRestServices`,
      'https://afas.attacker.example/ProfitRestServices',
      'https://12345.rest.afas.online.attacker.example/ProfitRestServices',
    ]) {
      const body = settingsBody(stack.emulator, 'helpdesk');
      body.pluginSettings[1] = { name: 'ConnectorRestServiceBaseUrl', value: url, scope: 'CrmService' };
      const r = await stack.publish(body);
      assert.equal(r.status, 400, `${url}: ${r.text}`);
      assert.match(r.body.error.message, /^ConnectorRestServiceBaseUrl: expected an AFAS Online REST URL .*CRM_AFAS_HOSTS$/);
    }
    assert.equal((await stack.get(LOOKUP)).status, 503);
    await stack.get('/readyz');
    assert.equal(recorder.seen.length, 0);
  });

  it('refuses the emulator over http without CRM_ALLOW_HTTP_UPSTREAM, and AFAS Online over http always', async () => {
    const r = await stack.publish(settingsBody(stack.emulator, 'helpdesk'));
    assert.equal(r.status, 400, r.text);
    assert.match(r.body.error.message, /^ConnectorRestServiceBaseUrl: /);
    const body = settingsBody(stack.emulator, 'helpdesk');
    body.pluginSettings[1] = {
      name: 'ConnectorRestServiceBaseUrl',
      value: 'http://12345.rest.afas.online/ProfitRestServices',
      scope: 'CrmService',
    };
    assert.match((await stack.publish(body)).body.error.message, /^ConnectorRestServiceBaseUrl: expected an https: URL/);
  });

  it('stops start-up when AFAS_CONNECTOR_BASE_URL or AFAS_INSITE_URL is not an allowed host, naming the variable', async () => {
    // Its own folder: the stack's is locked by the running service.
    const env = {
      PORT: '0',
      CRM_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'crm-afas-seed-')),
      CRM_SETTINGS_KEY: SETTINGS_KEY,
      LOG_LEVEL: 'silent',
    };
    await assert.rejects(
      startService(loadConfig({ ...env, AFAS_CONNECTOR_BASE_URL: `${recorder.url}/ProfitRestServices` })),
      /AFAS_CONNECTOR_BASE_URL: expected an AFAS Online REST URL/,
    );
    await assert.rejects(
      startService(loadConfig({ ...env, AFAS_INSITE_URL: 'https://phish.example/' })),
      /AFAS_INSITE_URL: expected an AFAS InSite URL/,
    );
  });
});

describe('settings that cannot work are refused; suspicious ones get warnings', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ settings: [{ name: 'MaxContacts', value: '4' }] });
  });
  after(() => stack.close());

  const withSetting = (s: Stack, name: string, value: string) => {
    const body = settingsBody(s.emulator, 'helpdesk', [{ name: 'MaxContacts', value: '4' }]);
    body.pluginSettings = [...body.pluginSettings.filter((x) => x.name !== name), { name, value, scope: 'CrmService' }];
    return body;
  };
  const withAttributes = (s: Stack, attributes: unknown[]) =>
    settingsBody(s.emulator, 'helpdesk', [{ name: 'MaxContacts', value: '4' }], attributes);
  const phones = Array.from({ length: 32 }, (_, i) => attribute(`Telefoon_${i}`, i + 3, ['PhoneNumber']));

  const refused: [string, (s: Stack) => unknown, RegExp][] = [
    [
      'an empty publication from the primary',
      () => ({ ucc: 'helpdesk' }),
      /^Token: required .*; ConnectorRestServiceBaseUrl: required .*; Insite: required/,
    ],
    [
      'no Token',
      (s) => ({
        ...withSetting(s, 'Token', ''),
        pluginSettings: withSetting(s, 'Token', '').pluginSettings.filter((x) => x.name !== 'Token'),
      }),
      /^Token: required \(publish it, or set AFAS_TOKEN on the service\)$/,
    ],
    [
      'no PhoneNumber or Email attribute',
      (s) => withAttributes(s, [attribute('ContactId', 1, ['Id']), attribute('FullName', 2, ['Name'])]),
      /no Contact attribute has FieldType PhoneNumber or Email/,
    ],
    [
      '32 PhoneNumber attributes',
      (s) => withAttributes(s, [attribute('ContactId', 1, ['Id']), attribute('FullName', 2, ['Name']), ...phones]),
      /32 Contact attributes have FieldType PhoneNumber, but one AFAS query can search at most \d+ of them/,
    ],
    ['Insite over http', (s) => withSetting(s, 'Insite', 'http://12345.afasinsite.nl/'), /^Insite: expected an https: URL/],
    [
      'Insite on another host',
      (s) => withSetting(s, 'Insite', 'https://12345.afasinsite.nl.phish.example/'),
      /^Insite: expected an AFAS InSite URL .*CRM_INSITE_HOSTS$/,
    ],
    [
      'an IP-literal AFAS host',
      (s) => withSetting(s, 'ConnectorRestServiceBaseUrl', 'https://10.1.2.3/ProfitRestServices'),
      /^ConnectorRestServiceBaseUrl: expected an AFAS Online REST URL .*CRM_AFAS_HOSTS$/,
    ],
    [
      'a non-AFAS host',
      (s) => withSetting(s, 'ConnectorRestServiceBaseUrl', 'https://profit.example.nl/ProfitRestServices'),
      /^ConnectorRestServiceBaseUrl: expected an AFAS Online REST URL/,
    ],
    [
      'an http AFAS URL on a host not on CRM_AFAS_HOSTS',
      (s) => withSetting(s, 'ConnectorRestServiceBaseUrl', s.emulator.connectorBaseUrl.replace('127.0.0.1', 'localhost')),
      /^ConnectorRestServiceBaseUrl: expected an AFAS Online REST URL .*CRM_AFAS_HOSTS$/,
    ],
    [
      'an AFAS URL with a user name',
      (s) => withSetting(s, 'ConnectorRestServiceBaseUrl', 'https://user@12345.rest.afas.online/ProfitRestServices'),
      /^ConnectorRestServiceBaseUrl: must not contain a user name/,
    ],
  ];
  for (const [what, body, expected] of refused) {
    it(`refuses ${what} with 400 naming it, and keeps the effective settings`, async () => {
      const before = await stack.get('/api/v1/settings', adminAuth);
      const r = await stack.publish(body(stack));
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.error.code, 'invalid_request');
      assert.match(r.body.error.message, expected);
      assert.ok(!r.text.includes(DEMO_TOKEN_DATA));
      const afterwards = await stack.get('/api/v1/settings', adminAuth);
      assert.deepEqual(afterwards.body, before.body);
      assert.equal(afterwards.body.settings.MaxContacts, '4');
      assert.equal((await stack.get(LOOKUP)).status, 200);
    });
  }

  it('refuses the same shapes from a UCC that is not primary', async () => {
    const r = await stack.publish({
      ...withAttributes(stack, [attribute('ContactId', 1, ['Id']), attribute('FullName', 2, ['Name'])]),
      ucc: 'sales',
    });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual((await stack.get('/api/v1/settings', adminAuth)).body.uccs, ['helpdesk']);
  });

  it('accepts a misspelt setting, an unknown category and an unknown FieldType with warnings naming them, never a value', async () => {
    const body = withAttributes(stack, [
      attribute('ContactId', 1, ['Id']),
      attribute('FullName', 2, ['Name']),
      attribute('MobWork', 3, ['PhoneNumber']),
      attribute('MailWork', 4, ['Emial']),
      attribute('MailPrivate', 5, ['Email'], 'Contcat'),
      attribute('OrgNumber', 6, ['CaseKey']),
    ]);
    body.pluginSettings.push({ name: 'MaxContact', value: '9', scope: 'CrmService' });
    const r = await stack.publish(body);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.body).sort(), ['conflicts', 'primary', 'primaryUcc', 'ucc', 'warnings']);
    assert.deepEqual(r.body.warnings, [
      `pluginSettings[${body.pluginSettings.length - 1}].name: "MaxContact" is not a setting of this service and is ignored (did you mean MaxContacts?)`,
      'pluginAttributes[3].fieldType: "Emial" is not a FieldType of category Contact and is ignored (did you mean Email?)',
      'pluginAttributes[4].category: "Contcat" is not a category of this service (Contact, ContactSearch, Case, CaseSearch); the item is ignored (did you mean Contact?)',
      'pluginAttributes: no Contact attribute has FieldType Email: e-mail lookups answer not_configured',
    ]);
    assert.ok(!r.text.includes(DEMO_TOKEN_DATA) && !r.text.includes('"9"'), 'no values in the answer');
    const view = await stack.get('/api/v1/settings', adminAuth);
    assert.equal(view.body.settings.MaxContacts, '4', 'the misspelt name changed nothing');
    assert.equal((await stack.get(LOOKUP)).status, 200);
    assert.match(stack.log.text, /published settings have warnings/);
  });
});
