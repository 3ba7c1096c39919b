import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { exitOnFatalErrors } from '../../proxy/src/fatal-errors.js';
import { createLogger } from '../../proxy/src/logger.js';
import { LogCapture } from './support/stack.js';

/** A stand-in for `process`: the handlers are the code under test, the exit is recorded instead of done. */
function fakeProcess() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  return {
    emitter,
    exits,
    source: {
      on: (event: 'uncaughtException' | 'unhandledRejection', listener: (e: unknown) => void) => emitter.on(event, listener),
      exit: (code: number) => void exits.push(code),
    },
  };
}

describe('fatal errors', () => {
  for (const [event, msg] of [
    ['uncaughtException', 'uncaught exception'],
    ['unhandledRejection', 'unhandled promise rejection'],
  ] as const) {
    it(`when an ${event} reaches the process then it is logged as one JSON line with its stack, and the process exits 1`, () => {
      const log = new LogCapture();
      const proc = fakeProcess();
      exitOnFatalErrors(createLogger('info', log), proc.source);
      proc.emitter.emit(event, new TypeError('boom in a handler'));
      const lines = log.text.trim().split('\n');
      assert.equal(lines.length, 1);
      const line = JSON.parse(lines[0]) as { level: number; msg: string; err: { name: string; message: string; stack: string } };
      assert.deepEqual([line.level, line.msg, line.err.name, line.err.message], [60, msg, 'TypeError', 'boom in a handler']);
      assert.match(line.err.stack, /boom in a handler\n\s+at /);
      assert.deepEqual(proc.exits, [1]);
    });
  }

  it('when something that is not an Error is thrown then its text is logged', () => {
    const log = new LogCapture();
    const proc = fakeProcess();
    exitOnFatalErrors(createLogger('info', log), proc.source);
    proc.emitter.emit('unhandledRejection', 'plain text reason');
    assert.equal((JSON.parse(log.text) as { err: { message: string } }).err.message, 'plain text reason');
    assert.deepEqual(proc.exits, [1]);
  });
});
