/** The benchmark's printed report: aligned tables, and goal lines collected for the summary at the end. */
import type { LoadSummary } from './load.js';

export interface Goal {
  name: string;
  value: string;
  pass: boolean;
}

/** Every goal printed so far, in order. */
export const goals: Goal[] = [];

export function goal(name: string, value: string, pass: boolean): void {
  goals.push({ name, value, pass });
  console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${name}: ${value}${pass ? '' : '   <<< FAIL'}`);
}

/** Rows of cells; the first column left-aligned, the others right-aligned. */
export function table(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const r of rows)
    console.log(`  ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   ')}`);
}

export const ms = (value: number): string => value.toFixed(2);

/** A count with thousands separators: 250,000. */
export const thousands = (n: number): string => n.toLocaleString('en-US');

/** What a caught error says, for a report line. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The columns of a load run, and its row: req/s, p50, p99, requests, non-2xx and errors. */
export const loadHeader = ['', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'] as const;
export const loadRow = (name: string, r: LoadSummary): string[] => [
  name,
  r.reqPerSec.toFixed(0),
  ms(r.p50),
  ms(r.p99),
  String(r.requests),
  String(r.non2xx),
  String(r.errors),
];
