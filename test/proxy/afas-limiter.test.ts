import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Limiter, LimiterFullError } from '../../proxy/src/afas/limiter.js';

interface Gate {
  promise: Promise<void>;
  open: () => void;
}

function gate(): Gate {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const never = new AbortController().signal;

void describe('Limiter', () => {
  void it('runs at most `capacity` at once, first come first served', async () => {
    const limiter = new Limiter(2, 10);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      limiter.run('ring', never, async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    await Promise.resolve();
    assert.deepEqual(started, [0, 1]);
    assert.equal(limiter.queued, 2);
    gates[1].open();
    await runs[1];
    await Promise.resolve();
    assert.deepEqual(started, [0, 1, 2]);
    gates.forEach((g) => g.open());
    assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3]);
    assert.equal(limiter.inFlight, 0);
  });

  void it('an aborted waiter leaves the queue at once and never holds up the live waiter behind it', async () => {
    const limiter = new Limiter(1, 10);
    const busy = gate();
    const first = limiter.run('ring', never, () => busy.promise);
    const controller = new AbortController();
    const reason = new Error('deadline');
    const dead = limiter.run('ring', controller.signal, () => Promise.resolve('dead'));
    const live = limiter.run('ring', never, () => Promise.resolve('live'));
    controller.abort(reason);
    await assert.rejects(dead, (e) => e === reason);
    assert.equal(limiter.queued, 1);
    busy.open();
    await first;
    assert.equal(await live, 'live');
    assert.equal(limiter.inFlight, 0);
  });

  void it('rejects at once when the queue is full, and when the signal is already aborted', async () => {
    const limiter = new Limiter(1, 1);
    const busy = gate();
    const first = limiter.run('ring', never, () => busy.promise);
    const queued = limiter.run('ring', never, () => Promise.resolve());
    await assert.rejects(
      limiter.run('ring', never, () => Promise.resolve()),
      LimiterFullError,
    );
    const reason = new Error('gone');
    await assert.rejects(
      limiter.run('ring', AbortSignal.abort(reason), () => Promise.resolve()),
      (e) => e === reason,
    );
    busy.open();
    await Promise.all([first, queued]);
  });

  void it('serves ring before paging before background, first come first served within each', async () => {
    const limiter = new Limiter(1, 10);
    const busy = gate();
    const order: string[] = [];
    const task = (name: string) => () => {
      order.push(name);
      return Promise.resolve();
    };
    const first = limiter.run('background', never, () => busy.promise);
    const queued = [
      limiter.run('background', never, task('background 1')),
      limiter.run('paging', never, task('paging 1')),
      limiter.run('ring', never, task('ring 1')),
      limiter.run('paging', never, task('paging 2')),
      limiter.run('ring', never, task('ring 2')),
    ];
    assert.equal(limiter.queued, 5);
    busy.open();
    await Promise.all([first, ...queued]);
    assert.deepEqual(order, ['ring 1', 'ring 2', 'paging 1', 'paging 2', 'background 1']);
    assert.equal(limiter.inFlight, 0);
  });

  void it('a raised capacity admits waiters at once; a lowered one takes effect as calls finish', async () => {
    const limiter = new Limiter(1, 10);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      limiter.run('ring', never, async () => {
        started.push(i);
        await g.promise;
      }),
    );
    await Promise.resolve();
    assert.deepEqual(started, [0]);
    limiter.capacity = 3;
    await Promise.resolve();
    assert.deepEqual(started, [0, 1, 2]);
    assert.equal(limiter.inFlight, 3);

    limiter.capacity = 1;
    const later = limiter.run('ring', never, () => Promise.resolve('later'));
    gates[0].open();
    gates[1].open();
    await Promise.all([runs[0], runs[1]]);
    assert.equal(limiter.queued, 1, 'two finished, but one is still running at the lowered capacity of 1');
    gates[2].open();
    assert.equal(await later, 'later');
    assert.equal(limiter.inFlight, 0);
  });

  void it('frees the slot when the task throws', async () => {
    const limiter = new Limiter(1, 1);
    await assert.rejects(
      limiter.run('ring', never, () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await limiter.run('ring', never, () => Promise.resolve(1)), 1);
  });
});
