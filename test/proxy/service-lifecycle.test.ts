import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../proxy/src/app.js';
import { loadConfig } from '../../proxy/src/config.js';
import { createLogger } from '../../proxy/src/logger.js';
import type { LookupService } from '../../proxy/src/services/lookup-service.js';
import { startEmulator, demoScenarios, DEMO_TOKEN_DATA, type RunningEmulator } from '../../emulator/src/index.js';
import { refusedStart, startChildService } from './support/child-service.js';
import { adminAuth, settingsBody, startStack, SETTINGS_KEY, type Stack } from './support/stack.js';

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const known = demoScenarios.find((s) => s.id === 'known')!.phone!;
const q = (phone: string) => `/api/v1/lookup?phone=${encodeURIComponent(phone)}`;
const childEnv = { CRM_SETTINGS_KEY: SETTINGS_KEY, CRM_AFAS_HOSTS: '127.0.0.1', CRM_ALLOW_HTTP_UPSTREAM: 'true' };

describe('npm run serve: start-up rules', () => {
  it('refuses to start without CRM_API_KEYS, saying how to set it or opt out', async () => {
    const { code, output } = await refusedStart(childEnv);
    assert.equal(code, 1);
    assert.match(output, /CRM_API_KEYS/);
    assert.match(output, /CRM_API_KEYS=none/);
  });

  it('refuses a CRM_REDIS_URL that is not a Redis URL, without echoing it', async () => {
    const { code, output } = await refusedStart({
      ...childEnv,
      CRM_API_KEYS: 'none',
      CRM_REDIS_URL: 'http://user:s3cret-pass@127.0.0.1:6379',
    });
    assert.equal(code, 1);
    assert.match(output, /CRM_REDIS_URL: must look like redis:\/\//);
    assert.doesNotMatch(output, /s3cret-pass/);
  });

  it('exits with a clear error, naming CRM_REDIS_URL but not its password, when Redis does not answer at start', async () => {
    const closedPort = await freePort();
    const { code, output } = await refusedStart({
      ...childEnv,
      CRM_API_KEYS: 'none',
      CRM_REDIS_URL: `redis://user:s3cret-pass@127.0.0.1:${closedPort}/2`,
    });
    assert.equal(code, 1);
    assert.match(output, new RegExp(`CRM_REDIS_URL: Redis at redis://127\\.0\\.0\\.1:${closedPort}/2 did not answer`));
    assert.doesNotMatch(output, /s3cret-pass/);
  });

  it('starts with CRM_API_KEYS=none and warns that this is for a closed network', async () => {
    const child = await startChildService({ ...childEnv, CRM_API_KEYS: 'none' });
    try {
      await new Promise((r) => setTimeout(r, 100));
      assert.match(child.output(), /"level":40[^\n]*closed network/);
    } finally {
      await child.stop();
    }
  });
});

describe('one process per data folder without Redis', () => {
  it('refuses a second process on the same CRM_DATA_DIR, pointing to CRM_REDIS_URL, and takes over after a crash', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-afas-lock-'));
    const env = { ...childEnv, CRM_API_KEYS: 'none', CRM_DATA_DIR: dataDir };
    const first = await startChildService(env);
    try {
      const second = await refusedStart(env);
      assert.equal(second.code, 1, second.output);
      assert.match(second.output, /CRM_DATA_DIR/);
      assert.match(second.output, /CRM_REDIS_URL/);
      // A process that dies without cleaning up leaves a lock that is no longer held.
      first.process.kill('SIGKILL');
      await first.exited;
      const third = await startChildService(env);
      await third.stop();
    } finally {
      await first.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('graceful shutdown of npm run serve', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ quiet: true, contacts: 200, latencyMs: 1000 });
  });
  after(() => emulator.close());

  it('answers the 8 lookups in flight at SIGTERM, refuses new connections, then exits 0', async () => {
    const child = await startChildService({ ...childEnv, CRM_API_KEYS: 'none', CRM_AFAS_TIMEOUT_MS: '5000' });
    try {
      const published = await fetch(`${child.url}/api/v1/settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...adminAuth },
        body: JSON.stringify(settingsBody(emulator)),
      });
      assert.equal(published.status, 200);
      // Eight different callers, each a search of about a second (1 s AFAS latency per request).
      const lookups = Array.from({ length: 8 }, (_, i) => fetch(`${child.url}${q(`+3161888${String(1000 + i)}`)}`).then((r) => r.status));
      await new Promise((r) => setTimeout(r, 300));
      child.process.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 100));
      const late = await fetch(`${child.url}/healthz`).then(
        (r) => r.status,
        (e: unknown) => (e as { cause?: { code?: string } }).cause?.code ?? 'error',
      );
      const statuses = await Promise.all(lookups);
      const code = await child.exited;
      console.log(
        `SIGTERM with 8 lookups in flight: ${statuses.filter((s) => s === 200).length}/8 answered 200; a new connection got ${late}; exit code ${code}`,
      );
      assert.deepEqual(statuses, Array(8).fill(200));
      assert.equal(late, 'ECONNREFUSED');
      assert.equal(code, 0);
      assert.match(child.output(), /shutting down/);
    } finally {
      await child.stop();
    }
  });
});

describe('readiness and status', () => {
  let stack: Stack;
  const UCC_KEY = 'helpdesk-publish-key-0123456789';
  before(async () => {
    stack = await startStack({ env: { CRM_SETTINGS_KEYS: `helpdesk=${UCC_KEY}` } });
  });
  after(() => stack.close());

  it('readyz never calls AFAS: ready while AFAS hangs', async () => {
    stack.emulator.setFault({ mode: 'hang' });
    try {
      stack.emulator.resetRequests();
      const r = await stack.get('/readyz');
      assert.equal(r.status, 200);
      assert.equal(r.body.status, 'ready');
      assert.equal(stack.emulator.requests.length, 0);
    } finally {
      stack.emulator.clearFault();
    }
  });

  it('shows AFAS reachability and version, pause and breaker state, primary and UCCs to the admin only', async () => {
    assert.equal((await stack.get('/api/v1/status')).status, 401);
    assert.equal((await stack.get('/api/v1/status', { authorization: `Bearer ${UCC_KEY}` })).status, 403);
    const r = await stack.get('/api/v1/status', adminAuth);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.ready, true);
    assert.equal(r.body.primaryUcc, 'helpdesk');
    assert.deepEqual(r.body.uccs, ['helpdesk']);
    assert.equal(r.body.afas.reachable, true);
    assert.equal(r.body.afas.version, '22.22.5');
    assert.ok('breaker' in r.body.afas && 'pause' in r.body.afas, r.text);
    assert.ok(!r.text.includes(DEMO_TOKEN_DATA) && !r.text.includes('AfasToken'));
  });

  it('says when AFAS cannot be reached, with the contract code', async () => {
    stack.emulator.setFault({ mode: 'unauthorized401' });
    try {
      const r = await stack.get('/api/v1/status', adminAuth);
      assert.equal(r.status, 200);
      assert.equal(r.body.afas.reachable, false);
      assert.equal(r.body.afas.error.code, 'upstream_auth');
    } finally {
      stack.emulator.clearFault();
    }
  });

  it('answers readyz 503 shutting_down while draining (readiness is this process, not AFAS)', async () => {
    let draining = false;
    const config = loadConfig({ PORT: '0', CRM_SETTINGS_KEY: SETTINGS_KEY });
    const app = createApp({
      config,
      store: stack.service.store,
      lookup: {} as LookupService,
      afas: stack.service.afas,
      logger: createLogger('silent'),
      draining: () => draining,
    });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${config.basePath}/readyz`;
      assert.equal((await fetch(url)).status, 200);
      draining = true;
      const r = await fetch(url);
      assert.equal(r.status, 503);
      assert.equal(((await r.json()) as { status: string }).status, 'shutting_down');
    } finally {
      server.close();
    }
  });

  it('accepts no new connection once shutdown begins, while a lookup in flight still gets its answer', async () => {
    const other = await startStack();
    try {
      other.emulator.setFault({ mode: 'slow', delayMs: 600 });
      const inFlight = other.get(q(known));
      await new Promise((r) => setTimeout(r, 150));
      const closing = other.service.close();
      const status = await fetch(`${other.service.url}/api/v1/status`, { headers: adminAuth }).then(
        () => 'answered',
        () => 'refused',
      );
      assert.equal(status, 'refused', 'no new connection is accepted while draining');
      assert.equal((await inFlight).status, 200);
      await closing;
    } finally {
      await other.close();
    }
  });
});
