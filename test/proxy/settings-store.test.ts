import assert from 'node:assert/strict';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { authorizationHeader } from '../../proxy/src/afas/token.js';
import { openFileSettings } from '../../proxy/src/settings/persistence.js';
import { openSettingsStore, type SettingsStore, type SettingsStoreOptions } from '../../proxy/src/settings/store.js';
import type { EffectiveSettings } from '../../proxy/src/settings/types.js';
import {
  appError,
  captureLogger,
  HEX,
  INSITE,
  OTHER_TOKEN_XML,
  requiredSettings,
  REST,
  REST_ROOT,
  setting,
  TOKEN_BASE64,
  TOKEN_XML,
  tokenForms,
  withTempDir,
  attributeItem,
} from './support/settings-fixtures.js';

const open = async (dataDir: string, more: Partial<SettingsStoreOptions> = {}): Promise<SettingsStore> =>
  openSettingsStore({ persistence: await openFileSettings(dataDir, more.logger), allowHttpUpstream: false, ...more });

const contactItem = (systemName: string, order: number, fieldType: string[]) => attributeItem('Contact', systemName, order, fieldType);
/** A workable Contact list of its own (no Email, no CaseKey: accepted with warnings). */
const contactAttributes = [
  contactItem('ContactId', 1, ['Id']),
  contactItem('FullName', 2, ['Name']),
  contactItem('TelWork', 3, ['PhoneNumber']),
];

const fullBody = (ucc: string, extra: object[] = [], token = TOKEN_XML) => ({
  ucc,
  pluginSettings: [...requiredSettings(token), ...extra],
  pluginAttributes: [],
});

function configured(store: SettingsStore): EffectiveSettings {
  const eff = store.effective();
  assert.ok(eff, `expected effective settings, missing: ${store.missing().join(', ')}`);
  return eff;
}

describe('settings store: primary UCC', () => {
  it('when nothing was published then the store is not configured and names the missing settings', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      assert.equal(store.effective(), undefined);
      assert.deepEqual(store.missing(), ['Token', 'ConnectorRestServiceBaseUrl', 'Insite']);
      assert.deepEqual(store.describe(), {
        primaryUcc: null,
        uccs: [],
        settings: {},
        attributes: store.describe().attributes,
        conflicts: [],
      });
    }));

  it('when the first UCC publishes then it becomes primary and defines the effective settings', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      const seen: (EffectiveSettings | undefined)[] = [];
      store.onChange((e) => seen.push(e));
      const result = await store.publish(fullBody('helpdesk', [setting('MaxContacts', '7')]));
      assert.deepEqual(result, { ucc: 'helpdesk', primary: true, primaryUcc: 'helpdesk', conflicts: [], warnings: [] });
      const eff = configured(store);
      assert.equal(eff.primaryUcc, 'helpdesk');
      assert.equal(eff.settings.maxContacts, 7);
      assert.equal(eff.settings.afas.restRoot, REST_ROOT);
      assert.ok(
        eff.attributes.some((a) => a.systemName === 'ContactId'),
        'no published attributes -> defaults',
      );
      assert.equal(seen.length, 1);
      assert.equal(seen[0], eff);
    }));

  it('when a UCC publishes only attributes and nothing seeds the settings then it is refused and nobody becomes primary', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      const e = await appError(() => store.publish({ ucc: 'helpdesk', pluginAttributes: contactAttributes }));
      assert.equal(e.status, 400);
      assert.match(
        e.message,
        /^Token: required \(publish it, or set AFAS_TOKEN on the service\); ConnectorRestServiceBaseUrl: required .*AFAS_CONNECTOR_BASE_URL.*; Insite: required .*AFAS_INSITE_URL/,
      );
      assert.equal(store.describe().primaryUcc, null);
      assert.deepEqual(await readdir(path.join(dir, 'settings')), []);
      await store.publish({ ucc: 'helpdesk', pluginSettings: requiredSettings(), pluginAttributes: contactAttributes });
      assert.deepEqual(attributesOf(configured(store)), ['ContactId', 'FullName', 'TelWork']);
    }));

  it('when the primary publishes again then its new values are used and the version changes; identical values change nothing', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      let changes = 0;
      const stop = store.onChange(() => changes++);
      await store.publish(fullBody('helpdesk'));
      const v1 = configured(store).version;
      await store.publish(fullBody('helpdesk', [setting('PhoneNumberFormat', 'national')]));
      const eff = configured(store);
      assert.equal(eff.settings.phoneNumberFormat, 'National');
      assert.ok(eff.version > v1);
      assert.equal(changes, 2);
      await store.publish(fullBody('helpdesk', [setting('PhoneNumberFormat', 'National')]));
      assert.equal(configured(store).version, eff.version);
      assert.equal(changes, 2);
      stop();
      await store.publish(fullBody('helpdesk'));
      assert.equal(changes, 2, 'an unsubscribed listener is not called');
    }));

  it('when another UCC publishes different values then they are stored, reported as conflicts and not used', () =>
    withTempDir(async (dir) => {
      const { logger, lines } = captureLogger();
      const store = await open(dir, { logger });
      await store.publish(fullBody('helpdesk'));
      const before = configured(store);
      const result = await store.publish({
        ucc: 'sales',
        pluginSettings: [...requiredSettings(OTHER_TOKEN_XML), setting('MaxCases', '20'), setting('Custom', 'x')],
        pluginAttributes: contactAttributes,
      });
      assert.ok(
        result.warnings.some((w) => w.includes('"Custom"')),
        'an unknown setting is a warning, not a conflict only',
      );
      assert.equal(result.primary, false);
      assert.equal(result.primaryUcc, 'helpdesk');
      assert.deepEqual(result.conflicts.map((c) => c.name).sort(), ['Custom', 'MaxCases', 'PluginAttributes', 'Token']);
      assert.ok(result.conflicts.every((c) => c.primaryUcc === 'helpdesk'));
      assert.equal(store.effective(), before, 'effective settings unchanged');
      const described = store.describe();
      assert.deepEqual(described.uccs, ['helpdesk', 'sales']);
      assert.deepEqual(described.conflicts.map((c) => `${c.ucc}:${c.name}`).sort(), [
        'sales:Custom',
        'sales:MaxCases',
        'sales:PluginAttributes',
        'sales:Token',
      ]);
      const warning = lines.map((l) => JSON.parse(l) as { level: number; conflicts?: string[] }).find((l) => l.level === 40 && l.conflicts);
      assert.ok(warning, 'conflicts are logged as a warning');
      assert.deepEqual(warning.conflicts?.sort(), ['Custom', 'MaxCases', 'PluginAttributes', 'Token']);
      const log = lines.join('');
      for (const t of [...tokenForms, OTHER_TOKEN_XML, 'AB'.repeat(32)]) assert.ok(!log.includes(t), 'no token in the log');
      assert.ok(!log.includes('"20"') && !log.includes(REST_ROOT), 'no setting values in the log');
    }));

  it('when another UCC publishes the same values (token or URLs in another notation) then there are no conflicts', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      await store.publish(fullBody('helpdesk', [setting('MaxContacts', '5')]));
      const result = await store.publish({
        Ucc: 'sales',
        PluginSettings: [
          { Title: 'token', Value: TOKEN_BASE64, Scope: 'CrmService' },
          { Title: 'ConnectorRestServiceBaseUrl', Value: 'https://12345.rest.afas.online/ProfitRestServices/', Scope: 'CrmService' },
          { Title: 'Insite', Value: 'https://12345.afasinsite.nl', Scope: 'CrmService' },
        ],
        PluginAttributes: [],
      });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(store.describe().conflicts, []);
    }));

  it('when the primary changes its values then the other UCCs are compared with the new values', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      await store.publish(fullBody('helpdesk'));
      await store.publish(fullBody('sales'));
      assert.deepEqual(store.describe().conflicts, []);
      await store.publish(fullBody('helpdesk', [setting('CacheSeconds', '10')]));
      assert.deepEqual(store.describe().conflicts, [{ ucc: 'sales', name: 'CacheSeconds', primaryUcc: 'helpdesk' }]);
    }));

  it('when two UCCs publish at the same moment then exactly the first call becomes primary', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      const [a, b] = await Promise.all([store.publish(fullBody('first')), store.publish(fullBody('second'))]);
      assert.equal(a.primary, true);
      assert.equal(b.primary, false);
      assert.equal(configured(store).primaryUcc, 'first');
    }));

  it('when the UCC name differs only in case then it is the same UCC', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      await store.publish(fullBody('Helpdesk'));
      const result = await store.publish(fullBody('HELPDESK', [setting('MaxCases', '9')]));
      assert.equal(result.primary, true);
      assert.equal(configured(store).settings.maxCases, 9);
      assert.deepEqual(store.describe().uccs, ['HELPDESK']);
    }));
});

describe('settings store: invalid publishes', () => {
  it('when a publish is invalid then it is a 400 naming the item and nothing changes', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      await store.publish(fullBody('helpdesk'));
      const before = configured(store);
      const filesBefore = await readdir(path.join(dir, 'settings'));

      const attrs = [...contactAttributes, { ...contactAttributes[0], systemName: undefined }];
      const e1 = await appError(() => store.publish({ ucc: 'helpdesk', pluginSettings: requiredSettings(), pluginAttributes: attrs }));
      assert.equal(e1.status, 400);
      assert.match(e1.message, /pluginAttributes\[3\]\.systemName: required/);

      const e2 = await appError(() => store.publish(fullBody('helpdesk', [setting('PhoneNumberFormat', 'Fancy')])));
      assert.equal(e2.code, 'invalid_request');
      assert.match(e2.message, /^PhoneNumberFormat: expected one of WildCard, E164, International, National, Rfc3966$/);

      const e3 = await appError(() => store.publish(fullBody('sales', [setting('MaxContacts', '500')])));
      assert.match(e3.message, /MaxContacts: expected a whole number from 1 to 50/);

      assert.equal(store.effective(), before);
      assert.deepEqual(await readdir(path.join(dir, 'settings')), filesBefore);
      assert.deepEqual(store.describe().uccs, ['helpdesk']);
    }));

  it('when the very first publish is invalid then no UCC becomes primary', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      await appError(() => store.publish(fullBody('bad', [setting('CacheSeconds', '-1')])));
      assert.equal(store.describe().primaryUcc, null);
      assert.equal((await store.publish(fullBody('good'))).primary, true);
    }));

  it('when the AFAS URL is http: then it needs allowHttpUpstream and a host on afasHosts; InSite must be https: always', () =>
    withTempDir(async (dir) => {
      const body = (insite: string) => ({
        ucc: 'emu',
        pluginSettings: [
          setting('Token', HEX),
          setting('ConnectorRestServiceBaseUrl', 'http://127.0.0.1:9/ProfitRestServices'),
          setting('Insite', insite),
        ],
      });
      const e1 = await appError(async () => (await open(dir)).publish(body(INSITE)));
      assert.match(e1.message, /^ConnectorRestServiceBaseUrl: expected an AFAS Online REST URL .*CRM_AFAS_HOSTS$/);
      const e2 = await appError(async () => (await open(dir, { afasHosts: ['127.0.0.1'] })).publish(body(INSITE)));
      assert.match(
        e2.message,
        /^ConnectorRestServiceBaseUrl: expected an https: URL \(http: only for a host on CRM_AFAS_HOSTS with CRM_ALLOW_HTTP_UPSTREAM=true\)$/,
      );
      const open3 = { afasHosts: ['127.0.0.1'], insiteHosts: ['127.0.0.1'], allowHttpUpstream: true };
      const e3 = await appError(async () => (await open(dir, open3)).publish(body('http://127.0.0.1:9')));
      assert.match(e3.message, /^Insite: expected an https: URL/);
      const store = await open(path.join(dir, 'other'), open3);
      await store.publish(body(INSITE));
      assert.equal(configured(store).settings.afas.restRoot, 'http://127.0.0.1:9/ProfitRestServices');
      assert.equal(configured(store).settings.insite, INSITE);
    }));

  for (const ucc of ['../../escape', '..', 'a/../../b', '..\\x', '/tmp/x', '.settings']) {
    it(`when the ucc is ${ucc} then it is refused and no file is written outside the data dir`, () =>
      withTempDir(async (dir) => {
        const dataDir = path.join(dir, 'data');
        const store = await open(dataDir);
        const e = await appError(() => store.publish(fullBody(ucc)));
        assert.match(e.message, /^ucc: /);
        assert.deepEqual((await readdir(dir)).sort(), ['data']);
        assert.deepEqual(await readdir(path.join(dataDir, 'settings')), []);
      }));
  }
});

describe('settings store: persistence', () => {
  it('when the store is re-opened then the primary and its settings are back without a publish', () =>
    withTempDir(async (dir) => {
      const first = await open(dir);
      await first.publish(fullBody('helpdesk', [setting('MaxCases', '12'), setting('Custom', 'kept')], HEX));
      await first.publish(fullBody('sales', [setting('MaxCases', '3')]));

      const again = await open(dir);
      const eff = configured(again);
      assert.equal(eff.primaryUcc, 'helpdesk');
      assert.equal(eff.settings.maxCases, 12);
      assert.equal(eff.settings.afas.authorization, authorizationHeader(HEX));
      assert.deepEqual(again.describe().uccs, ['helpdesk', 'sales']);
      assert.equal(again.describe().settings['Custom'], 'kept');
      assert.ok(again.describe().conflicts.some((c) => c.ucc === 'sales' && c.name === 'MaxCases'));
    }));

  it('when after a restart the other UCC publishes first then the primary stays the same', () =>
    withTempDir(async (dir) => {
      await (await open(dir)).publish(fullBody('helpdesk'));
      const restarted = await open(dir);
      const result = await restarted.publish(fullBody('sales', [setting('MaxContacts', '9')]));
      assert.equal(result.primary, false);
      assert.equal(result.primaryUcc, 'helpdesk');
      assert.deepEqual(result.conflicts, [{ name: 'MaxContacts', primaryUcc: 'helpdesk' }]);
      assert.equal(configured(restarted).settings.maxContacts, 5);

      const restartedTwice = await open(dir);
      assert.equal(configured(restartedTwice).primaryUcc, 'helpdesk');
    }));

  it("when the primary's stored settings no longer pass the rules after a restart then it is still primary, not configured, and says why", () =>
    withTempDir(async (dir) => {
      const onPremises = {
        ucc: 'helpdesk',
        pluginSettings: [
          setting('Token', HEX),
          setting('ConnectorRestServiceBaseUrl', 'https://profit.example.nl/ProfitRestServices'),
          setting('Insite', INSITE),
        ],
      };
      await (await open(dir, { afasHosts: ['profit.example.nl'] })).publish(onPremises);
      const { logger, lines } = captureLogger();
      const restarted = await open(dir, { logger });
      assert.equal(restarted.effective(), undefined);
      assert.equal(restarted.describe().primaryUcc, 'helpdesk');
      assert.equal((await restarted.publish(fullBody('sales'))).primary, false);
      assert.equal(restarted.effective(), undefined, 'another UCC does not take over');
      assert.ok(
        lines.some((l) => l.includes('ConnectorRestServiceBaseUrl: expected an AFAS Online REST URL')),
        'the log names the setting',
      );
      assert.ok(!lines.join('').includes(HEX));
    }));

  it('when files are written then they are 0600 in a 0700 folder and no temp files remain', { skip: process.platform === 'win32' }, () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      await store.publish(fullBody('helpdesk'));
      await store.publish(fullBody('helpdesk'));
      const settingsDir = path.join(dir, 'settings');
      assert.equal((await stat(settingsDir)).mode & 0o777, 0o700);
      const files = (await readdir(settingsDir)).sort();
      assert.deepEqual(files, ['primary.json', 'ucc-helpdesk.json']);
      for (const f of files) assert.equal((await stat(path.join(settingsDir, f))).mode & 0o777, 0o600, f);
    }),
  );

  it('when primary.json is lost then the UCC that published first is primary again', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      await store.publish(fullBody('helpdesk'));
      await new Promise((r) => setTimeout(r, 5));
      await store.publish(fullBody('sales'));
      await rm(path.join(dir, 'settings', 'primary.json'));
      assert.equal(configured(await open(dir)).primaryUcc, 'helpdesk');
      assert.ok((await readdir(path.join(dir, 'settings'))).includes('primary.json'), 'and it is written again');
    }));

  it('when a stored file is corrupt then it is skipped with an error log that quotes nothing', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      await store.publish(fullBody('helpdesk'));
      await store.publish(fullBody('sales'));
      const file = path.join(dir, 'settings', 'ucc-sales.json');
      await writeFile(file, (await readFile(file, 'utf8')).slice(0, 120));
      await writeFile(path.join(dir, 'settings', 'ucc-helpdesk.json.123.abc.tmp'), TOKEN_XML);
      const { logger, lines } = captureLogger();
      const again = await open(dir, { logger });
      assert.deepEqual(again.describe().uccs, ['helpdesk']);
      assert.ok(lines.some((l) => l.includes('ucc-sales.json')));
      for (const t of tokenForms) assert.ok(!lines.join('').includes(t));
      assert.ok(!(await readdir(path.join(dir, 'settings'))).some((f) => f.endsWith('.tmp')), 'stale temp files are removed');
    }));
});

describe('settings store: seed from the environment', () => {
  const seed = {
    token: TOKEN_XML,
    connectorBaseUrl: 'https://12345.rest.afas.online/ProfitRestServices',
    insite: 'https://12345.afasinsite.nl',
  };

  it('when no UCC has published then the seed configures the service with defaults', () =>
    withTempDir(async (dir) => {
      const store = await open(dir, { seed });
      const eff = configured(store);
      assert.equal(eff.primaryUcc, '');
      assert.equal(eff.settings.afas.restRoot, REST_ROOT);
      assert.equal(eff.settings.insite, INSITE);
      assert.equal(eff.settings.maxContacts, 5);
      assert.deepEqual(store.describe().settings, {
        Token: '[redacted]',
        ConnectorRestServiceBaseUrl: seed.connectorBaseUrl,
        Insite: seed.insite,
      });
    }));

  it('when the primary publishes without the required settings then the seed fills them; published values win', () =>
    withTempDir(async (dir) => {
      const store = await open(dir, { seed, insiteHosts: ['portal.example.nl'] });
      await store.publish({ ucc: 'helpdesk', pluginSettings: [setting('Insite', 'https://portal.example.nl/'), setting('MaxCases', '8')] });
      const eff = configured(store);
      assert.equal(eff.primaryUcc, 'helpdesk');
      assert.equal(eff.settings.insite, 'https://portal.example.nl/');
      assert.equal(eff.settings.afas.restRoot, REST_ROOT);
      assert.equal(eff.settings.afas.authorization, authorizationHeader(TOKEN_XML));
      assert.equal(eff.settings.maxCases, 8);
      assert.equal(
        (await store.publish({ ucc: 'sales', pluginSettings: [setting('MaxCases', '8'), setting('Insite', 'https://portal.example.nl')] }))
          .conflicts.length,
        0,
      );
    }));

  it('when only part of the seed is given then the rest is still missing; AFAS_TOKEN alone fills in for no host', () =>
    withTempDir(async (dir) => {
      const partial = await open(dir, { seed: { token: TOKEN_XML, connectorBaseUrl: seed.connectorBaseUrl } });
      assert.deepEqual(partial.missing(), ['Insite']);
      const { logger, lines } = captureLogger();
      const tokenOnly = await open(dir, { seed: { token: TOKEN_XML }, logger });
      assert.equal(tokenOnly.effective(), undefined);
      assert.deepEqual(tokenOnly.missing(), ['Token', 'ConnectorRestServiceBaseUrl', 'Insite']);
      assert.ok(
        lines.some((l) => l.includes('AFAS_TOKEN is never used')),
        'the operator is told',
      );
      const e = await appError(() =>
        tokenOnly.publish({ ucc: 'helpdesk', pluginSettings: [setting('ConnectorRestServiceBaseUrl', REST), setting('Insite', INSITE)] }),
      );
      assert.match(e.message, /^Token: required, because the token from AFAS_TOKEN is only sent to the host of AFAS_CONNECTOR_BASE_URL/);
    }));

  it('when the seed is invalid then opening fails naming the variable, never the token', () =>
    withTempDir(async (dir) => {
      const e = await appError(() =>
        open(dir, {
          seed: { token: `${TOKEN_XML}!`, connectorBaseUrl: 'http://127.0.0.1/ProfitRestServices', insite: 'https://phish.example/' },
        }),
      );
      assert.match(e.message, /AFAS_TOKEN: /);
      assert.match(e.message, /AFAS_CONNECTOR_BASE_URL: expected an AFAS Online REST URL .*CRM_AFAS_HOSTS/);
      assert.match(e.message, /AFAS_INSITE_URL: expected an AFAS InSite URL .*CRM_INSITE_HOSTS/);
      for (const t of tokenForms) assert.ok(!e.message.includes(t));
      const e2 = await appError(() =>
        open(dir, { seed: { connectorBaseUrl: 'http://127.0.0.1/ProfitRestServices' }, afasHosts: ['127.0.0.1'] }),
      );
      assert.match(e2.message, /AFAS_CONNECTOR_BASE_URL: expected an https: URL/);
      await open(dir, {
        seed: { connectorBaseUrl: 'http://127.0.0.1/ProfitRestServices' },
        afasHosts: ['127.0.0.1'],
        allowHttpUpstream: true,
      });
    }));
});

describe('settings store: the token from the environment goes only to its own AFAS host', () => {
  const seed = {
    token: TOKEN_XML,
    connectorBaseUrl: 'https://12345.rest.afas.online/ProfitRestServices',
    insite: 'https://12345.afasinsite.nl',
  };
  const hosts = { afasHosts: ['profit.example.nl'], allowHttpUpstream: true };

  it('when a publication names the same AFAS host (any path or notation) then AFAS_TOKEN fills in', () =>
    withTempDir(async (dir) => {
      const store = await open(dir, { seed });
      await store.publish({
        ucc: 'helpdesk',
        pluginSettings: [setting('ConnectorRestServiceBaseUrl', 'https://12345.REST.afas.online:443/ProfitRestServices/connectors/')],
      });
      assert.equal(configured(store).settings.afas.authorization, authorizationHeader(TOKEN_XML));
    }));

  for (const [what, url] of [
    ['another allowed host', 'https://profit.example.nl/ProfitRestServices'],
    ['another AFAS Online environment', 'https://67890.rest.afas.online/ProfitRestServices'],
    ['the same host over http', 'http://12345.rest.afas.online/ProfitRestServices'],
    ['the same host on another port', 'https://12345.rest.afas.online:8443/ProfitRestServices'],
  ] as const) {
    it(`when a publication names ${what} without a Token then it is refused naming Token, and the effective settings stay`, () =>
      withTempDir(async (dir) => {
        const store = await open(dir, { seed, ...hosts, afasHosts: ['profit.example.nl', '12345.rest.afas.online'] });
        await store.publish({ ucc: 'helpdesk', pluginSettings: [setting('MaxCases', '7')] });
        const before = configured(store);
        const e = await appError(() => store.publish({ ucc: 'helpdesk', pluginSettings: [setting('ConnectorRestServiceBaseUrl', url)] }));
        assert.equal(e.status, 400);
        assert.match(e.message, /^Token: required, because the token from AFAS_TOKEN is only sent to the host of AFAS_CONNECTOR_BASE_URL/);
        assert.equal(store.effective(), before);
        for (const t of tokenForms) assert.ok(!e.message.includes(t));
      }));
  }

  it('when a publication names another host with its own Token then that token is used', () =>
    withTempDir(async (dir) => {
      const store = await open(dir, { seed, ...hosts });
      await store.publish({
        ucc: 'helpdesk',
        pluginSettings: [
          setting('Token', OTHER_TOKEN_XML),
          setting('ConnectorRestServiceBaseUrl', 'https://profit.example.nl/ProfitRestServices'),
        ],
      });
      assert.equal(configured(store).settings.afas.authorization, authorizationHeader(OTHER_TOKEN_XML));
      assert.equal(configured(store).settings.afas.restRoot, 'https://profit.example.nl/ProfitRestServices');
    }));

  it('when a stored publication without a Token names another host then a restart does not give it the token', () =>
    withTempDir(async (dir) => {
      const stored = {
        format: 1,
        ucc: 'helpdesk',
        firstPublishedAt: '2026-01-01T00:00:00.000Z',
        publishedAt: '2026-01-01T00:00:00.000Z',
        settings: [{ name: 'ConnectorRestServiceBaseUrl', value: 'https://profit.example.nl/ProfitRestServices' }],
        attributes: [],
      };
      await open(dir);
      await writeFile(path.join(dir, 'settings', 'ucc-helpdesk.json'), JSON.stringify(stored));
      const store = await open(dir, { seed, ...hosts });
      assert.equal(store.describe().primaryUcc, 'helpdesk');
      assert.equal(store.effective(), undefined);
      assert.deepEqual(store.missing(), ['Token']);
    }));
});

describe('settings store: admin operations', () => {
  it('when the admin makes another UCC primary then its settings become effective, listeners hear it, and it survives a re-open', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      await store.publish(fullBody('helpdesk', [setting('MaxCases', '3')]));
      await store.publish(fullBody('Sales', [setting('MaxCases', '9')]));
      const seen: (EffectiveSettings | undefined)[] = [];
      store.onChange((e) => seen.push(e));
      assert.deepEqual(await store.makePrimary('SALES'), { primaryUcc: 'Sales' });
      assert.equal(configured(store).primaryUcc, 'Sales');
      assert.equal(configured(store).settings.maxCases, 9);
      assert.equal(seen.length, 1);
      assert.deepEqual(store.describe().conflicts, [{ ucc: 'helpdesk', name: 'MaxCases', primaryUcc: 'Sales' }]);
      const helpdesk = await store.publish(fullBody('helpdesk', [setting('MaxCases', '4')]));
      assert.equal(helpdesk.primary, false, 'the first publisher does not take it back');
      assert.equal(configured(await open(dir)).primaryUcc, 'Sales');
      assert.deepEqual(await store.makePrimary('Sales'), { primaryUcc: 'Sales' }, 'the primary again: nothing changes');
      assert.equal(seen.length, 1);
    }));

  it('when the admin names a UCC that never published then it is not_found; a bad name is invalid_request', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      await store.publish(fullBody('helpdesk'));
      assert.equal((await appError(() => store.makePrimary('sales'))).code, 'not_found');
      assert.equal((await appError(() => store.forget('sales'))).code, 'not_found');
      for (const bad of [undefined, '', '../x', 42]) {
        const e = await appError(() => store.makePrimary(bad));
        assert.equal(e.status, 400);
        assert.match(e.message, /^ucc: /);
      }
      assert.equal(configured(store).primaryUcc, 'helpdesk');
    }));

  it("when the chosen UCC's stored settings cannot work any more then it is a 409 naming why, and the primary stays", () =>
    withTempDir(async (dir) => {
      const onPremises = {
        ucc: 'sales',
        pluginSettings: [
          setting('Token', HEX),
          setting('ConnectorRestServiceBaseUrl', 'https://profit.example.nl/ProfitRestServices'),
          setting('Insite', INSITE),
        ],
      };
      const first = await open(dir, { afasHosts: ['profit.example.nl'] });
      await first.publish(fullBody('helpdesk'));
      await first.publish(onPremises);
      const store = await open(dir);
      const e = await appError(() => store.makePrimary('sales'));
      assert.equal(e.status, 409);
      assert.equal(e.code, 'invalid_request');
      assert.match(e.message, /ConnectorRestServiceBaseUrl: expected an AFAS Online REST URL/);
      assert.ok(!e.message.includes(HEX));
      assert.equal(configured(store).primaryUcc, 'helpdesk');
    }));

  it('when the admin forgets a UCC then its file and conflicts are gone; the primary cannot be forgotten (409)', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      await store.publish(fullBody('helpdesk'));
      await store.publish(fullBody('sales', [setting('MaxCases', '9')]));
      const before = configured(store);
      const e = await appError(() => store.forget('HELPDESK'));
      assert.equal(e.status, 409);
      assert.match(e.message, /primary/);
      await store.forget('Sales');
      assert.deepEqual(store.describe().uccs, ['helpdesk']);
      assert.deepEqual(store.describe().conflicts, []);
      assert.equal(store.effective(), before);
      assert.deepEqual((await readdir(path.join(dir, 'settings'))).sort(), ['primary.json', 'ucc-helpdesk.json']);
      assert.deepEqual((await open(dir)).describe().uccs, ['helpdesk']);
      assert.equal((await store.publish(fullBody('sales'))).primary, false, 'a forgotten UCC comes back as a new, non-primary publisher');
    }));
});

describe('settings store: publications that cannot work', () => {
  it('when the primary publishes settings that cannot work then it is a 400 and the effective settings stay', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      await store.publish(fullBody('helpdesk'));
      const before = configured(store);
      const phones = Array.from({ length: 32 }, (_, i) => contactItem(`Telefoonnummer_${i}`, i + 3, ['PhoneNumber']));
      for (const [body, expected] of [
        [{ ucc: 'helpdesk' }, /^Token: required/],
        [
          { ...fullBody('helpdesk'), pluginAttributes: [contactItem('ContactId', 1, ['Id']), contactItem('FullName', 2, ['Name'])] },
          /no Contact attribute has FieldType PhoneNumber or Email/,
        ],
        [
          { ...fullBody('helpdesk'), pluginAttributes: [contactItem('FullName', 2, ['Name']), contactItem('Tel', 3, ['PhoneNumber'])] },
          /no Contact attribute has FieldType Id/,
        ],
        [
          { ...fullBody('helpdesk'), pluginAttributes: [contactItem('ContactId', 1, ['Id']), ...phones, contactItem('Naam', 2, ['Name'])] },
          /32 Contact attributes have FieldType PhoneNumber, but one AFAS query can search at most \d+ of them/,
        ],
      ] as const) {
        const e = await appError(() => store.publish(body));
        assert.equal(e.status, 400);
        assert.match(e.message, expected);
      }
      assert.equal(store.effective(), before);
    }));

  it('when a publication has unknown names then it is accepted with warnings that hold names, never values', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      const result = await store.publish({
        ...fullBody('helpdesk', [setting('MaxContact', '7'), setting('ApiPassword', 'hunter2-secret')]),
        pluginAttributes: [
          ...contactAttributes,
          { ...contactItem('MailWork', 4, ['Emial']), category: 'Contcat' },
          contactItem('MailPrivate', 5, ['Email', 'Emial']),
        ],
      });
      assert.deepEqual(result.warnings, [
        'pluginSettings[3].name: "MaxContact" is not a setting of this service and is ignored (did you mean MaxContacts?)',
        'pluginSettings[4].name: "ApiPassword" is not a setting of this service and is ignored',
        'pluginAttributes[3].category: "Contcat" is not a category of this service (Contact, ContactSearch, Case, CaseSearch); the item is ignored (did you mean Contact?)',
        'pluginAttributes[4].fieldType: "Emial" is not a FieldType of category Contact and is ignored (did you mean Email?)',
        'pluginAttributes: no Contact attribute has FieldType CaseKey: no cases are shown',
      ]);
      assert.equal(configured(store).settings.maxContacts, 5);
    }));

  it('when a list has a thousand typos then the warnings are capped', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      const result = await store.publish(
        fullBody(
          'helpdesk',
          Array.from({ length: 990 }, (_, i) => setting(`Unknown${i}`, 'x')),
        ),
      );
      assert.equal(result.warnings.length, 50);
      assert.equal(result.warnings.at(-1), '(and 941 more warnings)');
    }));
});

describe('settings store: the token stays secret', () => {
  it('when settings are described, logged or rejected then the token appears nowhere', () =>
    withTempDir(async (dir) => {
      const { logger, lines } = captureLogger();
      const store = await open(dir, { logger, seed: { token: OTHER_TOKEN_XML } });
      const answers = [
        await store.publish(fullBody('helpdesk', [setting('ApiPassword', 'hunter2-secret')])),
        await store.publish(fullBody('sales', [], OTHER_TOKEN_XML)),
      ];
      const errors: string[] = [];
      for (const bad of [
        fullBody('helpdesk', [setting('Insite', TOKEN_XML)]),
        { ucc: TOKEN_XML, pluginSettings: requiredSettings() },
        { ucc: 'helpdesk', pluginSettings: [setting('Token', `${TOKEN_XML}x`)] },
        { ucc: 'helpdesk', pluginSettings: [setting('Token', TOKEN_XML), setting('TOKEN', HEX)] },
      ]) {
        errors.push((await appError(() => store.publish(bad))).message);
      }
      const described = JSON.stringify(store.describe());
      assert.match(described, /"Token":"\[redacted\]"/);
      assert.match(described, /"ApiPassword":"\[redacted\]"/);
      const everything = [described, ...errors, ...lines, JSON.stringify(answers)].join('\n');
      for (const t of [...tokenForms, OTHER_TOKEN_XML, 'AB'.repeat(32), 'hunter2-secret'])
        assert.ok(!everything.includes(t), 'secret leaked');
      assert.ok(lines.length > 0, 'the logger was used');
    }));
});

function attributesOf(eff: EffectiveSettings): string[] {
  return eff.attributes.filter((a) => a.category === 'Contact').map((a) => a.systemName);
}
