import assert from 'node:assert/strict';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
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
  setting,
  TOKEN_BASE64,
  TOKEN_XML,
  tokenForms,
  withTempDir,
} from './settings-helpers.test.js';

const open = (dataDir: string, more: Partial<SettingsStoreOptions> = {}): Promise<SettingsStore> => openSettingsStore({ dataDir, allowHttpUpstream: false, ...more });

const attribute = { displayName: 'Naam', systemName: 'FullName', showOnExtensionWindow: true, order: 1, fieldType: ['Name'], hyperlink: null, category: 'Contact' };

const fullBody = (ucc: string, extra: object[] = [], token = TOKEN_XML) => ({ ucc, pluginSettings: [...requiredSettings(token), ...extra], pluginAttributes: [] });

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
      assert.deepEqual(store.describe(), { primaryUcc: null, uccs: [], settings: {}, attributes: store.describe().attributes, conflicts: [] });
    }));

  it('when the first UCC publishes then it becomes primary and defines the effective settings', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      const seen: (EffectiveSettings | undefined)[] = [];
      store.onChange((e) => seen.push(e));
      const result = await store.publish(fullBody('helpdesk', [setting('MaxContacts', '7')]));
      assert.deepEqual(result, { ucc: 'helpdesk', primary: true, primaryUcc: 'helpdesk', conflicts: [] });
      const eff = configured(store);
      assert.equal(eff.primaryUcc, 'helpdesk');
      assert.equal(eff.settings.maxContacts, 7);
      assert.equal(eff.settings.connectorBaseUrl, REST);
      assert.ok(eff.attributes.some((a) => a.systemName === 'ContactId'), 'no published attributes -> defaults');
      assert.equal(seen.length, 1);
      assert.equal(seen[0], eff);
    }));

  it('when a UCC publishes only attributes first then it is primary but the store is not configured yet', () =>
    withTempDir(async (dir) => {
      const store = await open(dir);
      const result = await store.publish({ ucc: 'helpdesk', pluginAttributes: [attribute] });
      assert.equal(result.primary, true);
      assert.equal(store.effective(), undefined);
      assert.deepEqual(store.missing(), ['Token', 'ConnectorRestServiceBaseUrl', 'Insite']);
      assert.deepEqual(store.describe().attributes.filter((a) => a.category === 'Contact').map((a) => a.systemName), ['FullName']);
      await store.publish({ ucc: 'helpdesk', pluginSettings: requiredSettings(), pluginAttributes: [attribute] });
      assert.deepEqual(attributesOf(configured(store)), ['FullName']);
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
        pluginAttributes: [attribute],
      });
      assert.equal(result.primary, false);
      assert.equal(result.primaryUcc, 'helpdesk');
      assert.deepEqual(result.conflicts.map((c) => c.name).sort(), ['Custom', 'MaxCases', 'PluginAttributes', 'Token']);
      assert.ok(result.conflicts.every((c) => c.primaryUcc === 'helpdesk'));
      assert.equal(store.effective(), before, 'effective settings unchanged');
      const described = store.describe();
      assert.deepEqual(described.uccs, ['helpdesk', 'sales']);
      assert.deepEqual(described.conflicts.map((c) => `${c.ucc}:${c.name}`).sort(), ['sales:Custom', 'sales:MaxCases', 'sales:PluginAttributes', 'sales:Token']);
      const warning = lines.map((l) => JSON.parse(l) as { level: number; conflicts?: string[] }).find((l) => l.level === 40 && l.conflicts);
      assert.ok(warning, 'conflicts are logged as a warning');
      assert.deepEqual(warning.conflicts?.sort(), ['Custom', 'MaxCases', 'PluginAttributes', 'Token']);
      const log = lines.join('');
      for (const t of [...tokenForms, OTHER_TOKEN_XML, 'AB'.repeat(32)]) assert.ok(!log.includes(t), 'no token in the log');
      assert.ok(!log.includes('"20"') && !log.includes(REST), 'no setting values in the log');
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

      const attrs = [attribute, attribute, attribute, { ...attribute, systemName: undefined }];
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

  it('when a URL is http: then the publish is refused unless allowHttpUpstream is on', () =>
    withTempDir(async (dir) => {
      const body = { ucc: 'emu', pluginSettings: [setting('Token', HEX), setting('ConnectorRestServiceBaseUrl', 'http://127.0.0.1:9/ProfitRestServices'), setting('Insite', 'http://127.0.0.1:9')] };
      const e = await appError(async () => (await open(dir)).publish(body));
      assert.match(e.message, /ConnectorRestServiceBaseUrl: expected an https: URL; Insite: expected an https: URL/);
      const store = await open(path.join(dir, 'other'), { allowHttpUpstream: true });
      await store.publish(body);
      assert.equal(configured(store).settings.connectorBaseUrl, 'http://127.0.0.1:9/ProfitRestServices/connectors');
      assert.equal(configured(store).settings.insite, 'http://127.0.0.1:9/');
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
      await first.publish({ ucc: 'sales', pluginSettings: [setting('MaxCases', '3')] });

      const again = await open(dir);
      const eff = configured(again);
      assert.equal(eff.primaryUcc, 'helpdesk');
      assert.equal(eff.settings.maxCases, 12);
      assert.equal(eff.settings.token, HEX);
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

  it('when the primary published only attributes before a restart then it is still primary after it', () =>
    withTempDir(async (dir) => {
      await (await open(dir)).publish({ ucc: 'helpdesk', pluginAttributes: [attribute] });
      const restarted = await open(dir);
      assert.equal((await restarted.publish(fullBody('sales'))).primary, false);
      assert.equal(restarted.effective(), undefined);
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
    }));

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
  const seed = { token: TOKEN_XML, connectorBaseUrl: 'https://12345.rest.afas.online/ProfitRestServices', insite: 'https://12345.afasinsite.nl' };

  it('when no UCC has published then the seed configures the service with defaults', () =>
    withTempDir(async (dir) => {
      const store = await open(dir, { seed });
      const eff = configured(store);
      assert.equal(eff.primaryUcc, '');
      assert.equal(eff.settings.connectorBaseUrl, REST);
      assert.equal(eff.settings.insite, INSITE);
      assert.equal(eff.settings.maxContacts, 5);
      assert.deepEqual(store.describe().settings, { Token: '[redacted]', ConnectorRestServiceBaseUrl: seed.connectorBaseUrl, Insite: seed.insite });
    }));

  it('when the primary publishes without the required settings then the seed fills them; published values win', () =>
    withTempDir(async (dir) => {
      const store = await open(dir, { seed });
      await store.publish({ ucc: 'helpdesk', pluginSettings: [setting('Insite', 'https://portal.example.nl/'), setting('MaxCases', '8')] });
      const eff = configured(store);
      assert.equal(eff.primaryUcc, 'helpdesk');
      assert.equal(eff.settings.insite, 'https://portal.example.nl/');
      assert.equal(eff.settings.connectorBaseUrl, REST);
      assert.equal(eff.settings.token, TOKEN_XML);
      assert.equal(eff.settings.maxCases, 8);
      assert.equal((await store.publish({ ucc: 'sales', pluginSettings: [setting('MaxCases', '8'), setting('Insite', 'https://portal.example.nl')] })).conflicts.length, 0);
    }));

  it('when only part of the seed is given then the rest is still missing', () =>
    withTempDir(async (dir) => {
      const store = await open(dir, { seed: { token: TOKEN_XML } });
      assert.equal(store.effective(), undefined);
      assert.deepEqual(store.missing(), ['ConnectorRestServiceBaseUrl', 'Insite']);
    }));

  it('when the seed is invalid then opening fails naming the variable, never the token', () =>
    withTempDir(async (dir) => {
      const e = await appError(() => open(dir, { seed: { token: `${TOKEN_XML}!`, connectorBaseUrl: 'http://127.0.0.1/ProfitRestServices' } }));
      assert.match(e.message, /AFAS_TOKEN: /);
      assert.match(e.message, /AFAS_CONNECTOR_BASE_URL: expected an https: URL/);
      for (const t of tokenForms) assert.ok(!e.message.includes(t));
      await open(dir, { seed: { connectorBaseUrl: 'http://127.0.0.1/ProfitRestServices' }, allowHttpUpstream: true });
    }));
});

describe('settings store: the token stays secret', () => {
  it('when settings are described, logged or rejected then the token appears nowhere', () =>
    withTempDir(async (dir) => {
      const { logger, lines } = captureLogger();
      const store = await open(dir, { logger, seed: { token: OTHER_TOKEN_XML } });
      await store.publish(fullBody('helpdesk', [setting('ApiPassword', 'hunter2-secret')]));
      await store.publish(fullBody('sales', [], OTHER_TOKEN_XML));
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
      const everything = [described, ...errors, ...lines].join('\n');
      for (const t of [...tokenForms, OTHER_TOKEN_XML, 'AB'.repeat(32), 'hunter2-secret']) assert.ok(!everything.includes(t), 'secret leaked');
      assert.ok(lines.length > 0, 'the logger was used');
    }));
});

function attributesOf(eff: EffectiveSettings): string[] {
  return eff.attributes.filter((a) => a.category === 'Contact').map((a) => a.systemName);
}
