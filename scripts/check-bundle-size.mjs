#!/usr/bin/env node
// Measures the embeddable widget (every .js file in dist/widget: crm-caller-panel.js + embed.js) gzipped with
// zlib at its default level, prints the sizes and exits 1 when the total is past the budget.
// Usage: node scripts/check-bundle-size.mjs [dir] [budget-bytes]   (vite build runs it after writing the bundle)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const budgetBytes = 20 * 1024;
export const defaultDir = fileURLToPath(new URL('../dist/widget/', import.meta.url));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** @returns {{files: {name: string, raw: number, gzip: number}[], total: number}} */
export function measure(dir = defaultDir) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((name) => {
      const buf = readFileSync(path.join(dir, name));
      return { name, raw: buf.length, gzip: gzipSync(buf).length };
    });
  return { files, total: files.reduce((sum, f) => sum + f.gzip, 0) };
}

/** Prints the report; returns true when within budget. */
export function checkBundleSize(dir = defaultDir, budget = budgetBytes) {
  const { files, total } = measure(dir);
  for (const f of files) console.log(`  ${f.name.padEnd(22)} ${kb(f.raw).padStart(9)} raw  ${kb(f.gzip).padStart(8)} gzip`);
  const ok = files.length > 0 && total <= budget;
  console.log(
    `widget bundle: ${total} bytes gzipped (${kb(total)}) of ${budget} bytes (${kb(budget)}) budget: ${ok ? 'OK' : files.length ? 'OVER BUDGET' : 'NO FILES'}`,
  );
  return ok;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, budget] = process.argv.slice(2);
  process.exit(checkBundleSize(dir ?? defaultDir, budget ? Number(budget) : budgetBytes) ? 0 : 1);
}
