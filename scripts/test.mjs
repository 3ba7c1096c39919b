#!/usr/bin/env node
// `npm test`: installs what the tests need (Debian's Chromium), then type-checks, lints, checks the formatting
// (Prettier), builds the widget (with its size budget) and runs every test runner. Every stage runs even when an earlier one failed; the
// command fails if any did. Each runner prints `name: N passed, N failed`; the last line sums them up.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
const totals = { passed: 0, failed: 0 };

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(r.stdout ?? '');
  return { ok: r.status === 0, out: r.stdout ?? '' };
}

function countFrom(out, label) {
  const m = [...out.matchAll(new RegExp(`^${label}: (\\d+) passed, (\\d+) failed$`, 'gm'))].at(-1);
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
}

function ensureChromium() {
  const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (existsSync(chrome)) return true;
  console.log(`${chrome} is missing: installing Debian's chromium (about a minute)`);
  const apt = (...args) =>
    spawnSync(process.getuid?.() === 0 ? 'apt-get' : 'sudo', [...(process.getuid?.() === 0 ? [] : ['apt-get']), ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  const update = apt('update', '-qq');
  const install = apt('install', '-y', '-qq', 'chromium');
  return update.status === 0 && install.status === 0 && existsSync(chrome);
}

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((f) => typeof f === 'string' && f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

function check(name, cmd, args) {
  console.log(`\n=== ${name}`);
  const ok = run(cmd, args).ok;
  console.log(`${name}: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
  totals[ok ? 'passed' : 'failed'] += 1;
  return ok;
}

function nodeRunner(label, files, extraEnv = {}) {
  console.log(`\n=== ${label} (${files.length} files)`);
  if (files.length === 0) {
    console.log(`${label}: 0 passed, 1 failed (no test files found)`);
    totals.failed += 1;
    return;
  }
  const r = run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/count-reporter.mjs',
      '--test-reporter-destination=stdout',
      ...files,
    ],
    { COUNT_LABEL: label, ...extraEnv },
  );
  const c = countFrom(r.out, label) ?? { passed: 0, failed: 1 };
  if (!r.ok && c.failed === 0) c.failed = 1;
  totals.passed += c.passed;
  totals.failed += c.failed;
}

const chromeOk = ensureChromium();
check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('lint', 'npx', ['eslint', '.']);
check('format', 'npx', ['prettier', '--check', '.']);
check('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
nodeRunner('service', [...testFiles('test/emulator'), ...testFiles('test/proxy')]);

console.log('\n=== widget');
if (!chromeOk) {
  console.log('widget: 0 passed, 1 failed (no Chromium)');
  totals.failed += 1;
} else {
  const r = run('npx', ['web-test-runner']);
  const c = countFrom(r.out, 'widget') ?? { passed: 0, failed: 1 };
  if (!r.ok && c.failed === 0) c.failed = 1;
  totals.passed += c.passed;
  totals.failed += c.failed;
}
nodeRunner('e2e', testFiles('test/e2e'));

console.log(`\ntotal: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
