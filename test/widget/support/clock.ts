/**
 * Takes over `Date.now` and `setInterval` for one test, so a countdown (Retry-After) runs without waiting:
 * `tick(ms)` moves the clock on and runs the intervals that came due. Timeouts and promises run as usual.
 */
export interface Clock {
  tick: (ms: number) => void;
  restore: () => void;
}

export function controlClock(): Clock {
  const realNow = Date.now.bind(Date);
  const realSetInterval = window.setInterval;
  const realClearInterval = window.clearInterval;
  let offset = 0;
  let nextId = 1_000_000;
  const intervals = new Map<number, { fn: () => void; ms: number; due: number }>();
  Date.now = () => realNow() + offset;
  window.setInterval = ((fn: () => void, ms = 0) => {
    const id = nextId++;
    intervals.set(id, { fn, ms: Math.max(1, ms), due: Date.now() + ms });
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined && intervals.delete(id)) return;
    realClearInterval(id);
  }) as typeof window.clearInterval;
  return {
    tick(ms) {
      offset += ms;
      for (const [id, t] of [...intervals]) {
        while (intervals.has(id) && t.due <= Date.now()) {
          t.due += t.ms;
          t.fn();
        }
      }
    },
    restore() {
      Date.now = realNow;
      window.setInterval = realSetInterval;
      window.clearInterval = realClearInterval;
    },
  };
}
