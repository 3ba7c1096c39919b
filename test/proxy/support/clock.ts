/** A clock the test moves by hand, for the lookup service's `now` (cache lifetimes, answer ages, casesRef expiry). */
export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

/** Starts at a real epoch: lru-cache reads a start time of 0 as "no expiry". */
export function testClock(start = Date.parse('2026-03-02T09:00:00Z')): TestClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}
