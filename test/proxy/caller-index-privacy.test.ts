import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import pino from 'pino';
import { startCallerIndex } from '../../proxy/src/index/caller-index.js';
import { IndexTable } from '../../proxy/src/index/index-table.js';
import { testSettings } from './support/effective-settings.js';
import { fakeAfas } from './support/fake-afas.js';

const rows = [
  {
    ContactId: 1001,
    FullName: 'Jan de Vries',
    MobPrivate: '06-12345678',
    MailWork: 'Jan@Example.nl',
    OrgNumber: null,
    PerNumber: '100001',
    Blocked: false,
  },
  { ContactId: 1002, FullName: 'Eva Groen', TelWork: '(020) 123 45 67', OrgNumber: '100002', PerNumber: '100003', Blocked: false },
  { ContactId: 1003, FullName: 'Karin van Dijk', TelWork: '010-2345678', Blocked: true },
  { ContactId: 1004, FullName: 'Piet Puk', TelWork: '020-1234567 toestel 12', Blocked: false },
];

describe('what the caller index keeps', () => {
  it('holds no name, number or address: only keyed hashes, contact ids and case keys', async () => {
    const afas = fakeAfas((q) => (q.filter?.length ? [] : rows));
    const index = startCallerIndex({
      eff: testSettings({ callerIndex: true }),
      afas: () => afas.client,
      secret: randomBytes(32),
      timeoutMs: 1000,
      logger: pino({ level: 'silent' }),
    });
    try {
      for (let i = 0; i < 50 && index.status().state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(index.status().state, 'ready');
      assert.equal(index.status().contacts, 3, 'the blocked contact is left out');
      const held = await index.held();
      assert.ok(held.length >= 6, 'hashes, ids and case keys');
      const text = held.join('|');
      for (const secret of ['Jan', 'Vries', '612345678', '31612345678', '201234567', 'jan@example.nl', 'example', '102345678']) {
        assert.ok(!text.includes(secret), `the index holds "${secret}"`);
      }
      const found = await index.find(['e:+31612345678']);
      assert.deepEqual(found, [{ id: '1001', caseKeys: ['100001'] }]);
    } finally {
      index.stop();
    }
  });

  it('keeps the table small: ids and case keys as numbers, values as 30-bit hashes', () => {
    const table = new IndexTable();
    table.put({ id: '1001', caseKeys: ['100001', 'ABC'] }, [7, 8, 8]);
    table.put({ id: 'X-1', caseKeys: [] }, [8]);
    assert.equal(table.values, 3);
    assert.deepEqual(
      table
        .find([8])
        .map((c) => c.id)
        .sort(),
      ['1001', 'X-1'],
    );
    table.remove('1001');
    assert.deepEqual(table.find([7, 8]), [{ id: 'X-1', caseKeys: [] }]);
    assert.equal(table.contacts, 1);
    assert.equal(table.values, 1);
  });
});
