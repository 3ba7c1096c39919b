/** Small statistics over milliseconds and request time intervals, for the benchmark report. */

export interface Interval {
  start: number;
  end: number;
}

/** Nearest-rank percentile (p in 0..100) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** Time covered by at least one interval: overlapping (parallel) requests are not counted twice. */
export function coveredTime(intervals: readonly Interval[]): number {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let total = 0;
  let from = Number.NEGATIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const { start, end } of sorted) {
    if (start > to) {
      if (to > from) total += to - from;
      from = start;
      to = end;
    } else {
      to = Math.max(to, end);
    }
  }
  if (to > from) total += to - from;
  return total;
}

/**
 * The longest chain of requests where each starts only after the previous one ended: the number of
 * sequential round trips. Parallel requests share one step. (Greedy by end time finds the longest chain.)
 */
export function sequentialDepth(intervals: readonly Interval[]): number {
  const byEnd = [...intervals].sort((a, b) => a.end - b.end);
  let depth = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const { start, end } of byEnd) {
    if (start >= lastEnd) {
      depth += 1;
      lastEnd = end;
    }
  }
  return depth;
}

/** How often each value occurs, e.g. { "1": 180, "2": 20 } (integer keys come out in ascending order). */
export function countBy(values: readonly (string | number)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
