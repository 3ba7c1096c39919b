/** Closed-loop load with autocannon; every response time is kept, so runs can be merged with exact percentiles. */
import autocannon from 'autocannon';
import { percentile, round } from './stats.js';

export interface Load {
  seconds: number;
  /** Latency of every answer, ms (float, as autocannon measures it). */
  latencies: number[];
  non2xx: number;
  errors: number;
}

export interface LoadSummary {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export function load(url: string, connections: number, seconds: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url, connections, duration: seconds }, (error: unknown, r: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error('autocannon failed'));
      else resolve({ seconds: r.duration, latencies, non2xx: r.non2xx, errors: r.errors });
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

export function summarize(runs: readonly Load[]): LoadSummary {
  const latencies = runs.flatMap((r) => r.latencies);
  const seconds = runs.reduce((t, r) => t + r.seconds, 0);
  return {
    reqPerSec: round(latencies.length / seconds, 0),
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    requests: latencies.length,
    non2xx: runs.reduce((t, r) => t + r.non2xx, 0),
    errors: runs.reduce((t, r) => t + r.errors, 0),
  };
}
