import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startChildService, type ChildService } from './support/child-service.js';

// What `npm run serve` runs: dist/service/, compiled by scripts/build-service.mjs (startChildService builds it when
// it is missing or older than its sources).
const root = path.resolve(import.meta.dirname, '../..');
const serviceDir = path.join(root, 'dist/service');
const widgetBuilt = existsSync(path.join(root, 'dist/widget/index.html'));

describe(`the compiled service (node ${process.version})`, () => {
  let child: ChildService;
  before(async () => {
    child = await startChildService({ CRM_API_KEYS: 'none', CRM_SETTINGS_KEY: 'compiled-service-settings-key' });
  });
  after(() => child.stop());

  it('runs as plain JavaScript: no TypeScript loader in the process', async () => {
    // Just node and the compiled entry: no --import tsx (and the child's environment has no NODE_OPTIONS).
    const cmdline = readFileSync(`/proc/${child.process.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    assert.deepEqual(cmdline.slice(1), ['dist/service/proxy/src/main.js']);
    assert.equal((await fetch(`${child.url}/healthz`)).status, 200);
  });

  it(
    'serves the built panel and its embeddable page from dist/widget',
    { skip: widgetBuilt ? false : 'widget not built (npm run build)' },
    async () => {
      const bundle = await fetch(`${child.url}/widget/crm-caller-panel.js`);
      assert.equal(bundle.status, 200);
      assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
      const page = await fetch(`${child.url}/widget/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /crm-caller-panel/);
    },
  );

  it('holds only the service (proxy/ and the contract): no emulator, tests or TypeScript sources', () => {
    assert.deepEqual(
      readdirSync(serviceDir)
        .filter((f) => !f.startsWith('.'))
        .sort(),
      ['contract', 'proxy'],
    );
    const files = readdirSync(serviceDir, { recursive: true }).map(String);
    assert.ok(files.includes(path.join('proxy', 'src', 'main.js')));
    assert.deepEqual(
      files.filter((f) => /\.(ts|mts|cts)$/.test(f)),
      [],
    );
    for (const f of files.filter((name) => name.endsWith('.js'))) {
      const code = readFileSync(path.join(serviceDir, f), 'utf8');
      assert.ok(!/from ['"][^'"]*\/(emulator|test)\//.test(code), `${f} imports the emulator or a test`);
      assert.ok(!/from ['"]tsx/.test(code), `${f} imports tsx`);
    }
  });
});
