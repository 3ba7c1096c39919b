/** The benchmark's printed report: aligned tables, and goal lines collected for the summary at the end. */

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
