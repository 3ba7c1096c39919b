import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { demoScenarios, DEMO_TOKEN_DATA } from '../../emulator/src/index.js';
import { auditLineText, type AuditLine } from '../../proxy/src/audit/audit-trail.js';
import { loadConfig } from '../../proxy/src/config.js';
import { createLogger } from '../../proxy/src/logger.js';
import { startService } from '../../proxy/src/start-service.js';
import { startStack, type Stack } from './support/stack.js';

const API_KEY = 'test-desk-api-key-0123456789abcdef';
const apiAuth = { authorization: `Bearer ${API_KEY}` };
const known = demoScenarios.find((s) => s.id === 'known')!.phone!; // +31612345678, stored as 06-12345678
const unknown = demoScenarios.find((s) => s.id === 'unknown')!.phone!;
const manyCases = demoScenarios.find((s) => s.id === 'manyCases')!.phone!;
const email = demoScenarios.find((s) => s.id === 'email')!.email!;
const lookupPath = (query: Record<string, string>) => `/api/v1/lookup?${new URLSearchParams(query).toString()}`;
const casesPath = (ref: string, skip = 0) => `/api/v1/cases?ref=${encodeURIComponent(ref)}&skip=${skip}&take=5`;

function readLines(file: string): AuditLine[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  return text === ''
    ? []
    : text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as AuditLine);
}

/** Lines are written in the background: waits until the file holds `count` of them. */
async function linesOf(file: string, count: number): Promise<AuditLine[]> {
  for (let waited = 0; waited < 3000; waited += 20) {
    const lines = readLines(file);
    if (lines.length >= count) return lines;
    await sleep(20);
  }
  return readLines(file);
}

/** What an investigator computes to find a caller's lines: HMAC-SHA256 of the value with the service's signing key. */
function hashOf(stack: Stack, value: string): string {
  const key = Buffer.from(readFileSync(path.join(stack.dataDir, 'secrets', 'signing.key'), 'utf8').trim(), 'base64');
  return createHmac('sha256', key).update(value).digest('hex');
}

describe('audit trail', () => {
  let stack: Stack;
  let dir: string;
  let file: string;
  /** Lines seen so far: each test reads the ones its own requests added. */
  let seen = 0;
  const newLines = async (count: number): Promise<AuditLine[]> => {
    const lines = (await linesOf(file, seen + count)).slice(seen);
    seen += lines.length;
    assert.equal(lines.length, count, JSON.stringify(lines));
    return lines;
  };
  const get = (p: string) => stack.get(p, apiAuth);

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'crm-afas-audit-'));
    file = path.join(dir, 'not-yet', 'audit.log');
    stack = await startStack({ env: { CRM_API_KEYS: `desk:${API_KEY}`, CRM_AUDIT_LOG: file } });
  });
  after(async () => {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when lookups are made then each gets one line: time, key id, ucc, type, the keyed hash, status, source, contact ids', async () => {
    const started = Date.now();
    const first = await get(lookupPath({ phone: known, ucc: 'helpdesk' }));
    await get(lookupPath({ phone: known, ucc: 'helpdesk' }));
    await get(lookupPath({ phone: unknown }));
    await get(lookupPath({ email }));
    await get(lookupPath({ phone: 'anonymous' }));
    const lines = await newLines(5);

    assert.deepEqual(lines[0], {
      time: lines[0].time,
      log: 'audit',
      keyId: 'desk',
      ucc: 'helpdesk',
      type: 'phone',
      valueHash: hashOf(stack, '+31612345678'),
      status: 'matched',
      source: 'afas',
      contactIds: first.body.contacts.map((c: { id: string }) => c.id),
    });
    assert.ok(Date.parse(lines[0].time) >= started - 1000 && lines[0].time.endsWith('Z'));
    assert.equal(lines[1].source, 'cache');
    assert.equal(lines[1].valueHash, lines[0].valueHash);
    assert.deepEqual([lines[2].status, lines[2].contactIds, lines[2].ucc], ['none', [], undefined]);
    assert.equal(lines[2].valueHash, hashOf(stack, unknown));
    assert.deepEqual([lines[3].type, lines[3].status, lines[3].valueHash], ['email', 'matched', hashOf(stack, email)]);
    assert.deepEqual(lines[4], {
      time: lines[4].time,
      log: 'audit',
      keyId: 'desk',
      type: 'phone',
      status: 'anonymous',
      source: 'none',
      contactIds: [],
    });
  });

  it('when one caller is searched in other notations then the hash is the same; another caller gets another', async () => {
    await get(lookupPath({ phone: '0031 6 1234 5678' }));
    await get(lookupPath({ phone: 'tel:+31-6-12345678' }));
    // Without DefaultPhoneNumberRegion a national notation cannot be read as E.164: it is searched (and hashed) as its digits.
    await get(lookupPath({ phone: '06-12345678' }));
    await get(lookupPath({ phone: '06 1234 5678' }));
    await get(lookupPath({ email: email.toUpperCase() }));
    await get(lookupPath({ phone: manyCases }));
    const [international, uri, national, spaced, upper, other] = await newLines(6);
    assert.equal(international.valueHash, hashOf(stack, known));
    assert.equal(uri.valueHash, hashOf(stack, known));
    assert.equal(national.valueHash, hashOf(stack, '0612345678'));
    assert.equal(spaced.valueHash, national.valueHash);
    assert.equal(upper.valueHash, hashOf(stack, email));
    assert.notEqual(other.valueHash, international.valueHash);
    assert.match(other.valueHash ?? '', /^[0-9a-f]{64}$/);
  });

  it('when a lookup fails then its line has the error code, the hash and no contacts', async () => {
    stack.emulator.setFault({ mode: 'error500', count: 1 });
    assert.equal((await get(lookupPath({ phone: '+31201111111', ucc: 'sales' }))).status, 502);
    const [line] = await newLines(1);
    assert.deepEqual(line, {
      time: line.time,
      log: 'audit',
      keyId: 'desk',
      ucc: 'sales',
      type: 'phone',
      valueHash: hashOf(stack, '+31201111111'),
      status: 'upstream_error',
      source: 'none',
      contactIds: [],
    });
  });

  it('when case pages are read then each gets a line with the hash of the contact id; failed and unknown ones too', async () => {
    const answer = await get(lookupPath({ phone: manyCases }));
    const contact = answer.body.contacts[0];
    await newLines(1);
    assert.equal((await get(casesPath(contact.casesRef))).status, 200);
    assert.equal((await get(casesPath(contact.casesRef, 5))).status, 200);
    assert.equal((await get(casesPath('not-a-ref'))).status, 404);
    const [firstPage, secondPage, unknownRef] = await newLines(3);
    assert.deepEqual(firstPage, {
      time: firstPage.time,
      log: 'audit',
      keyId: 'desk',
      type: 'cases',
      valueHash: hashOf(stack, contact.id),
      status: 'ok',
      source: 'afas',
      contactIds: [contact.id],
    });
    assert.deepEqual([secondPage.source, secondPage.valueHash], ['cache', firstPage.valueHash]);
    assert.deepEqual(unknownRef, {
      time: unknownRef.time,
      log: 'audit',
      keyId: 'desk',
      type: 'cases',
      status: 'not_found',
      source: 'none',
      contactIds: [],
    });

    const jan = (await get(lookupPath({ phone: known }))).body.contacts[0];
    await newLines(1);
    // Jan's case list was never paged (so not kept): paging it now asks AFAS, which fails.
    stack.emulator.setFault({ mode: 'error500' });
    assert.equal((await get(casesPath(jan.casesRef))).status, 502);
    stack.emulator.clearFault();
    const [failed] = await newLines(1);
    assert.deepEqual([failed.status, failed.valueHash, failed.contactIds], ['upstream_error', hashOf(stack, jan.id), []]);
  });

  it('when contacts are searched by text and picks are remembered or forgotten then each gets a line, hashed', async () => {
    const found = await get('/api/v1/search?q=Jan%20de%20Vries&ucc=helpdesk');
    assert.equal(found.status, 200);
    const [search] = await newLines(1);
    assert.equal(search?.type, 'search');
    assert.equal(search?.keyId, 'desk');
    assert.equal(search?.status, 'ok');
    assert.equal(search?.valueHash, hashOf(stack, 'search:jan de vries'));
    assert.deepEqual(
      search?.contactIds,
      found.body.contacts.map((c: { id: string }) => c.id),
    );
    const contactId = found.body.contacts[0].id as string;
    for (const method of ['PUT', 'DELETE'] as const) {
      const r = await fetch(`${stack.service.url}/api/v1/picks${method === 'DELETE' ? `?phone=${encodeURIComponent(unknown)}` : ''}`, {
        method,
        headers: { ...apiAuth, 'content-type': 'application/json' },
        body: method === 'PUT' ? JSON.stringify({ phone: unknown, contactId }) : undefined,
      });
      assert.equal(r.status, 204);
    }
    const [remembered, forgotten] = await newLines(2);
    assert.equal(remembered?.type, 'pick');
    assert.equal(remembered?.status, 'ok');
    assert.deepEqual(remembered?.contactIds, [contactId]);
    assert.equal(remembered?.valueHash, hashOf(stack, unknown));
    assert.equal(forgotten?.status, 'forgotten');
    assert.equal(forgotten?.valueHash, remembered?.valueHash);
  });

  it('when lookups searched numbers and addresses then the file holds none of them, nor the API key or the token', () => {
    const text = readFileSync(file, 'utf8');
    for (const value of [known, known.slice(1), '0612345678', '06-12345678', unknown, manyCases, '31201111111', email, email.split('@')[0]])
      assert.ok(!text.includes(value), `the audit trail contains ${value}`);
    for (const value of [API_KEY, stack.emulator.token, DEMO_TOKEN_DATA, 'Jan de Vries'])
      assert.ok(!text.includes(value), `the audit trail contains ${value}`);
  });

  it('when the file is moved away and the service gets SIGHUP then it writes to a new file at the path, losing no line', async () => {
    const before = readLines(file).length;
    await get(lookupPath({ phone: known }));
    await newLines(1);
    const rotated = `${file}.1`;
    renameSync(file, rotated);
    await get(lookupPath({ phone: unknown })); // still goes to the moved file: the service has not been told yet
    const logged = stack.log.text.length;
    process.kill(process.pid, 'SIGHUP');
    for (let waited = 0; !stack.log.text.slice(logged).includes('audit trail file reopened') && waited < 3000; waited += 10)
      await sleep(10);
    await get(lookupPath({ email }));

    const fresh = await linesOf(file, 1);
    assert.deepEqual(
      fresh.map((l) => l.type),
      ['email'],
    );
    assert.equal(readLines(rotated).length, before + 2);
    assert.equal(readLines(rotated).at(-1)?.valueHash, hashOf(stack, unknown));
    seen = 1; // the new file at the same path
  });

  it('when logrotate truncates the file in place (copytruncate) then the next line starts at its beginning', async () => {
    truncateSync(file, 0);
    await get(lookupPath({ phone: manyCases }));
    const text = await (async () => {
      for (let waited = 0; waited < 3000; waited += 20) {
        const t = readFileSync(file, 'utf8');
        if (t.length > 0) return t;
        await sleep(20);
      }
      return '';
    })();
    assert.ok(text.startsWith('{"time":'), 'no hole of zero bytes before the line');
    assert.equal(text.trimEnd().split('\n').length, 1);
  });
});

describe('audit trail start and stop', () => {
  it('when the service stops then every line of the lookups it answered is in the file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-afas-audit-'));
    const file = path.join(dir, 'audit.log');
    const stack = await startStack({ env: { CRM_AUDIT_LOG: file } });
    try {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => stack.get(lookupPath({ phone: `+312012340${String(i).padStart(2, '0')}` }))),
      );
      assert.ok(answers.every((a) => a.status === 200));
    } finally {
      await stack.close();
    }
    const lines = readLines(file);
    assert.equal(lines.length, 50);
    assert.ok(
      lines.every((l) => l.keyId === undefined && l.status === 'none'),
      'no key id without API keys',
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the process exits at once (a fatal error) then the lines queued so far are still written', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-afas-audit-'));
    const file = path.join(dir, 'audit.log');
    const script = [
      `import { openAuditSink } from ${JSON.stringify(path.resolve('proxy/src/audit/audit-sink.ts'))};`,
      `import { createLogger } from ${JSON.stringify(path.resolve('proxy/src/logger.ts'))};`,
      `const sink = await openAuditSink(${JSON.stringify(file)}, createLogger('silent'));`,
      `for (let i = 0; i < 1000; i++) sink.write(JSON.stringify({ i }) + '\\n');`,
      'await new Promise((resolve) => setImmediate(resolve));',
      `for (let i = 1000; i < 2000; i++) sink.write(JSON.stringify({ i }) + '\\n');`,
      'process.exit(1);',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const numbers = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { i: number }).i);
    assert.deepEqual(
      numbers,
      Array.from({ length: 2000 }, (_, i) => i),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('when CRM_AUDIT_LOG cannot be opened then start-up fails naming it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-afas-audit-'));
    const config = loadConfig({ PORT: '0', CRM_DATA_DIR: dir, CRM_AUDIT_LOG: dir });
    await assert.rejects(startService(config, { logger: createLogger('silent') }), /CRM_AUDIT_LOG: cannot open .*EISDIR/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('audit line text', () => {
  it('when a line is written then it is the JSON of the line, optional fields left out, odd characters escaped', () => {
    const lines: AuditLine[] = [
      { time: '2026-01-01T00:00:00.000Z', log: 'audit', type: 'phone', status: 'anonymous', source: 'none', contactIds: [] },
      {
        time: '2026-01-01T00:00:00.000Z',
        log: 'audit',
        keyId: 'desk.1',
        ucc: 'help "desk" \\ é',
        type: 'cases',
        valueHash: 'ab'.repeat(32),
        status: 'ok',
        source: 'cache',
        contactIds: ['1001', 'a"b\\c\n'],
      },
    ];
    for (const line of lines) assert.equal(auditLineText(line), `${JSON.stringify(line)}\n`);
  });
});
