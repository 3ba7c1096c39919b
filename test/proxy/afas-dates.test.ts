import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afasDateToIso } from '../../proxy/src/afas/dates.js';

describe('AFAS dates (Amsterdam wall-clock time with a misleading Z)', () => {
  const cases: [string, string][] = [
    ['2026-11-20T09:12:00Z', '2026-11-20T09:12:00+01:00'],
    ['2026-07-01T12:00:00Z', '2026-07-01T12:00:00+02:00'],
    ['2025-11-03T09:14:03.217Z', '2025-11-03T09:14:03+01:00'],
    ['2026-03-29T01:59:59Z', '2026-03-29T01:59:59+01:00'],
    ['2026-03-29T03:00:00Z', '2026-03-29T03:00:00+02:00'],
    ['2026-10-25T03:30:00Z', '2026-10-25T03:30:00+01:00'],
    ['2026-11-20', '2026-11-20T00:00:00+01:00'],
  ];
  for (const [afas, iso] of cases) {
    it(`reads ${afas} as ${iso}`, () => assert.equal(afasDateToIso(afas), iso));
  }
  it('gives undefined for anything that is not such a date', () => {
    for (const v of [null, 12, 'gisteren', '2026-13-45T99:00:00Z x']) assert.equal(afasDateToIso(v), undefined);
  });
});
