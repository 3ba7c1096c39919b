import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthBackoff } from '../../proxy/src/afas/auth-backoff.js';
import { isAuthFailure, isOutage, isRetryable, maskAfasText, toAppError, type Failure } from '../../proxy/src/afas/failures.js';
import { PROBE_INTERVAL_MS, Pause } from '../../proxy/src/afas/pause.js';
import { failureFromResponse } from '../../proxy/src/afas/responses.js';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const s = (seconds: number): number => T0 + seconds * 1000;

void describe('Pause', () => {
  void it('a short retry_after pauses for exactly that long, with no probe', () => {
    const pause = new Pause(300);
    pause.begin(3, T0);
    assert.equal(pause.remainingMs(s(1)), 2000);
    assert.equal(pause.retryAfterSeconds(s(1)), 2);
    assert.equal(pause.probeDue(s(2.9)), false);
    assert.equal(pause.remainingMs(s(3)), 0);
    assert.equal(pause.status(s(3)), null);
  });

  void it('a long one is capped at maxPauseSeconds and lets one probe through every 30 s', () => {
    const pause = new Pause(300);
    pause.begin(3600, T0);
    assert.equal(pause.status(T0)?.until, new Date(s(300)).toISOString());
    assert.equal(pause.retryAfterSeconds(T0), 30, 'clients are told when the next probe may go');
    assert.equal(pause.probeDue(s(29)), false);
    assert.equal(pause.probeDue(s(30)), true);
    pause.claimProbe(s(30));
    assert.equal(pause.probeDue(s(31)), false, 'one probe at a time');
    assert.equal(pause.probeDue(s(30) + PROBE_INTERVAL_MS), true);
  });

  void it('an answer to a call sent during the pause ends it; one sent before it began does not', () => {
    const pause = new Pause(300);
    pause.begin(3600, s(10));
    pause.answered(s(9));
    assert.ok(pause.remainingMs(s(11)) > 0);
    pause.answered(s(40));
    assert.equal(pause.remainingMs(s(41)), 0);
  });

  void it('another retry_after during a pause extends it from then, at most maxPauseSeconds ahead', () => {
    const pause = new Pause(300);
    pause.begin(3600, T0);
    pause.begin(3600, s(30));
    assert.equal(pause.remainingMs(s(30)), 300_000);
    pause.begin(1, s(40));
    assert.equal(pause.remainingMs(s(40)), 290_000, 'a shorter one does not shorten it');
  });
});

void describe('AuthBackoff', () => {
  const refusal: Failure = { kind: 'status', status: 401 };

  void it('blocks for 2 s, doubling per later refusal up to 60 s; refusals in flight together count once', () => {
    const auth = new AuthBackoff();
    let now = T0;
    const intervals: number[] = [];
    for (let i = 0; i < 8; i++) {
      intervals.push(auth.rejected('token\nA', refusal, now));
      assert.equal(auth.rejected('token\nA', refusal, now + 1), 0);
      assert.equal(auth.blocking('token\nA', now + 1, true), refusal);
      now += intervals[i];
      assert.equal(auth.blocking('token\nA', now, true), undefined, 'the back-off is over: this call asks AFAS');
      assert.equal(auth.blocking('token\nA', now + 1, true), refusal, 'the others keep failing fast meanwhile');
    }
    assert.deepEqual(intervals, [2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  void it('lets another call ask when the one that asked never got an answer', () => {
    const auth = new AuthBackoff();
    auth.rejected('token\nA', refusal, T0);
    assert.equal(auth.blocking('token\nA', s(2), false), undefined, 'a look before queueing claims nothing');
    assert.equal(auth.blocking('token\nA', s(2), true), undefined);
    assert.equal(auth.blocking('token\nA', s(11), true), refusal);
    assert.equal(auth.blocking('token\nA', s(12), true), undefined);
  });

  void it('is per token and endpoint, and a success clears it', () => {
    const auth = new AuthBackoff();
    auth.rejected('token\nA', refusal, T0);
    assert.equal(auth.blocking('token\nB', T0, true), undefined);
    assert.equal(auth.blocking('other\nA', T0, true), undefined);
    assert.equal(auth.isRejected('token'), true);
    assert.equal(auth.isRejected('other'), false);
    auth.accepted('token\nA');
    assert.equal(auth.isRejected('token'), false);
    assert.equal(auth.rejected('token\nA', refusal, T0 + 1), 2000);
  });
});

void describe('AFAS failures', () => {
  const none = new Headers();

  void it('recognises a "not authorized" 500 in English and Dutch, case-insensitively', () => {
    for (const message of [
      'GetConnector not supported for this app or the user is not authorized',
      'De gebruiker is NIET GEAUTORISEERD voor deze connector',
      'U heeft geen rechten op deze GetConnector',
    ]) {
      const failure = failureFromResponse(500, none, JSON.stringify({ externalMessage: message, profitLogReference: 'ABC' }));
      assert.equal(isAuthFailure(failure), true, message);
      assert.equal(isOutage(failure), false);
      assert.equal(toAppError(failure, 'GetConnector "X"').code, 'upstream_auth');
    }
    const plain = failureFromResponse(500, none, JSON.stringify({ externalMessage: 'An unexpected error has occurred.' }));
    assert.equal(isAuthFailure(plain), false);
    assert.equal(isOutage(plain), true);
  });

  void it('classifies what is retried, what opens the breaker and what is an auth refusal', () => {
    const cases: [Failure, { retry: boolean; outage: boolean; auth: boolean; code: string }][] = [
      [
        { kind: 'network', code: 'ECONNRESET' },
        { retry: true, outage: true, auth: false, code: 'upstream_error' },
      ],
      [{ kind: 'timeout' }, { retry: false, outage: true, auth: false, code: 'upstream_timeout' }],
      [
        { kind: 'status', status: 503 },
        { retry: true, outage: true, auth: false, code: 'upstream_unavailable' },
      ],
      [
        { kind: 'status', status: 503, retryAfterSeconds: 5 },
        { retry: false, outage: false, auth: false, code: 'upstream_unavailable' },
      ],
      [
        { kind: 'status', status: 502 },
        { retry: true, outage: true, auth: false, code: 'upstream_unavailable' },
      ],
      [
        { kind: 'status', status: 504 },
        { retry: true, outage: true, auth: false, code: 'upstream_timeout' },
      ],
      [
        { kind: 'status', status: 404 },
        { retry: false, outage: false, auth: false, code: 'upstream_error' },
      ],
      [
        { kind: 'status', status: 401 },
        { retry: false, outage: false, auth: true, code: 'upstream_auth' },
      ],
      [
        { kind: 'status', status: 403 },
        { retry: false, outage: false, auth: true, code: 'upstream_auth' },
      ],
      [
        { kind: 'too-large', maxBytes: 10 * 1024 * 1024 },
        { retry: false, outage: false, auth: false, code: 'upstream_error' },
      ],
      [{ kind: 'redirect' }, { retry: false, outage: false, auth: false, code: 'upstream_error' }],
    ];
    for (const [failure, expected] of cases) {
      const actual = {
        retry: isRetryable(failure),
        outage: isOutage(failure),
        auth: isAuthFailure(failure),
        code: toAppError(failure, 'x').code,
      };
      assert.deepEqual(actual, expected, JSON.stringify(failure));
    }
  });

  void it('never puts AFAS text in the error; the reference is kept', () => {
    const failure = failureFromResponse(
      500,
      none,
      JSON.stringify({ externalMessage: 'Waarde 0612345678 ongeldig', profitLogReference: 'REF123' }),
    );
    const error = toAppError(failure, 'GetConnector "Profit_Contacts"');
    assert.equal(
      error.message,
      'AFAS reported an error (HTTP 500) for GetConnector "Profit_Contacts"; the Profit log has the details under the reference.',
    );
    assert.equal(error.reference, 'REF123');
  });

  void it('masks phone numbers, other digit runs and e-mail addresses in AFAS text for the debug log', () => {
    assert.equal(maskAfasText('Waarde 0612345678 ongeldig'), 'Waarde *** ongeldig');
    assert.equal(maskAfasText('Waarde +31 (0)6-1234 5678 ongeldig'), 'Waarde +31 (0)6-*** *** ongeldig');
    assert.equal(maskAfasText('Adres jan.jansen@example.nl bestaat al'), 'Adres j***@e***.nl bestaat al');
    assert.equal(maskAfasText("Connector field 'Nope' not found"), "Connector field 'Nope' not found");
  });
});
