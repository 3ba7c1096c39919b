#!/usr/bin/env node
// Measures the embeddable widget in dist/widget, gzipped with zlib at its default level, and exits 1 when what a host
// page loads before the panel shows anything is past the budget: crm-caller-panel.js plus the largest language module
// (the panel loads exactly one to show its texts). The embeddable page loads its own small script (embed.js) too; that
// total is printed as well. The other modules load only when used (the picker and search, error messages) and are
// listed apart, with the sum of all.
// Usage: node scripts/check-bundle-size.mjs [dir] [budget-bytes]   (vite build runs it after writing the bundle)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const budgetBytes = 20 * 1024;
export const defaultDir = fileURLToPath(new URL('../dist/widget/', import.meta.url));
export const bundleFile = 'crm-caller-panel.js';
export const embedFile = 'embed.js';
/** The language modules: `nl-<hash>.js`, `en-<hash>.js`, `fr-<hash>.js`. */
const isLanguage = (name) => /^(nl|en|fr)-[\w-]+\.js$/.test(name);

/** The files `name` imports with static `import … from "./x.js"` / `import "./x.js"`, followed transitively. */
function staticImports(dir, name, seen = new Set()) {
  const code = readFileSync(path.join(dir, name), 'utf8');
  for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([\w.-]+\.js)["']/g)) {
    if (!seen.has(m[1])) {
      seen.add(m[1]);
      staticImports(dir, m[1], seen);
    }
  }
  return seen;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** @returns {{files: {name: string, raw: number, gzip: number, kind: string}[], initial: number, embedPage: number, total: number}} */
export function measure(dir = defaultDir) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((name) => {
      const buf = readFileSync(path.join(dir, name));
      const kind = name === bundleFile ? 'bundle' : name === embedFile ? 'embed page' : isLanguage(name) ? 'language' : 'when used';
      return { name, raw: buf.length, gzip: gzipSync(buf).length, kind };
    });
  // A module the bundle imports statically (a chunk the bundler split off) loads with it, so it counts as the bundle.
  for (const name of staticImports(dir, bundleFile)) {
    const f = files.find((x) => x.name === name);
    if (f) f.kind = 'bundle';
  }
  const sum = (list) => list.reduce((n, f) => n + f.gzip, 0);
  const largestLanguage = Math.max(0, ...files.filter((f) => f.kind === 'language').map((f) => f.gzip));
  const initial = sum(files.filter((f) => f.kind === 'bundle')) + largestLanguage;
  return { files, initial, embedPage: initial + sum(files.filter((f) => f.kind === 'embed page')), total: sum(files) };
}

/** Prints the report; returns true when what loads first is within budget. */
export function checkBundleSize(dir = defaultDir, budget = budgetBytes) {
  const { files, initial, embedPage, total } = measure(dir);
  for (const f of files) console.log(`  ${f.name.padEnd(26)} ${kb(f.raw).padStart(9)} raw  ${kb(f.gzip).padStart(8)} gzip  ${f.kind}`);
  const entries = [bundleFile, embedFile].every((e) => files.some((f) => f.name === e));
  const ok = entries && initial <= budget;
  console.log(
    `widget bundle: ${initial} bytes gzipped (${kb(initial)}: ${bundleFile} + largest language) of ${budget} bytes (${kb(budget)}) budget: ${ok ? 'OK' : entries ? 'OVER BUDGET' : 'FILES MISSING'}; embeddable page ${embedPage} bytes with ${embedFile}; all modules ${total} bytes`,
  );
  return ok;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, budget] = process.argv.slice(2);
  process.exit(checkBundleSize(dir ?? defaultDir, budget ? Number(budget) : budgetBytes) ? 0 : 1);
}
