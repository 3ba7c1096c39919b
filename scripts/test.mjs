#!/usr/bin/env node
// `npm test`: installs what the tests need (Debian's Chromium, and Debian's redis-server, which the service tests run
// privately on free ports for a fleet sharing state on Redis), then type-checks, lints, checks the formatting
// (Prettier), builds the service (dist/service, what `npm run serve` runs) and the widget (with its size budget) and
// runs every test runner: the service tests on this Node and again on Node 24 LTS (the npm registry's `node` package,
// through `npx -y node@24`, kept in npm's npx cache), then the widget and end-to-end tests. Every stage runs even when an
// earlier one failed; the command fails if any did. Each runner prints `name: N passed, N failed`; the last line sums
// them up.
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

/** Installs a Debian package with apt-get (as root, otherwise through sudo); true if both apt-get steps succeeded. */
function aptInstall(pkg) {
  const apt = (...args) =>
    spawnSync(process.getuid?.() === 0 ? 'apt-get' : 'sudo', [...(process.getuid?.() === 0 ? [] : ['apt-get']), ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  const update = apt('update', '-qq');
  const install = apt('install', '-y', '-qq', pkg);
  return update.status === 0 && install.status === 0;
}

function ensureChromium() {
  const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (existsSync(chrome)) return true;
  console.log(`${chrome} is missing: installing Debian's chromium (about a minute)`);
  return aptInstall('chromium') && existsSync(chrome);
}

/**
 * redis-server for the service tests (test/proxy/support/redis-server.ts runs private ones; the system service the
 * package may start on 6379 is never used). Returns its path, or undefined if it could not be installed: then the tests
 * that start one fail with "could not run redis-server", so the service stages fail rather than skip.
 */
function ensureRedis() {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const find = () =>
    [process.env.REDIS_SERVER, ...onPath.map((dir) => path.join(dir, 'redis-server')), '/usr/bin/redis-server'].find(
      (p) => p && existsSync(p),
    );
  const found = find();
  if (found) return found;
  console.log("redis-server is missing: installing Debian's redis-server");
  const installed = aptInstall('redis-server') ? find() : undefined;
  if (!installed) console.log('redis-server could not be installed: the service tests that run Redis will fail');
  return installed;
}

/**
 * Node 24 LTS from the npm registry's `node` package (`npx -y node@24`: about 8 s the first time, then from npm's
 * cache). Returns its version and binary, or why it could not be had: that fails the stage, never skips it.
 * First without fetch retries: offline with Node 24 in the cache that answers at once (npm falls back to its cache)
 * instead of after minutes of retries; if that fails, once more with npm's usual retries (a flaky first download).
 */
function node24() {
  let error = '';
  for (const retries of [['--fetch-retries=0'], []]) {
    const r = spawnSync('npx', ['-y', ...retries, 'node@24', '-p', 'process.version + " " + process.execPath'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10 * 60_000,
    });
    const out = (r.stdout ?? '').trim();
    const space = out.indexOf(' ');
    const version = out.slice(0, space);
    const execPath = out.slice(space + 1);
    if (r.status === 0 && space > 0 && existsSync(execPath)) {
      return version.startsWith('v24.') ? { version, execPath } : { error: `\`npx -y node@24\` ran ${version}, not Node 24` };
    }
    const lines = (r.error?.message ?? r.stderr ?? '').trim().split('\n');
    const why = lines.filter((l) => /^npm error (code |FetchError)/.test(l)).join(' | ') || lines.at(-1) || out;
    error = `\`npx -y node@24\` failed (exit ${r.status ?? r.signal}): ${why || 'no output'}`;
  }
  return { error };
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

/** Runs `files` with node:test on `node` (default this Node), printing the version it runs on. */
function nodeRunner(label, files, { node = process.execPath, version = process.version, env = {} } = {}) {
  console.log(`\n=== ${label} (node ${version}, ${files.length} files)`);
  if (files.length === 0) {
    console.log(`${label}: 0 passed, 1 failed (no test files found)`);
    totals.failed += 1;
    return;
  }
  const r = run(
    node,
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
    { COUNT_LABEL: label, ...env },
  );
  const c = countFrom(r.out, label) ?? { passed: 0, failed: 1 };
  if (!r.ok && c.failed === 0) c.failed = 1;
  totals.passed += c.passed;
  totals.failed += c.failed;
}

const chromeOk = ensureChromium();
// Unset when missing: the helper then tries `redis-server` on PATH and its tests fail saying so.
const redisEnv = Object.fromEntries([['REDIS_SERVER', ensureRedis()]].filter(([, v]) => v));
check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('lint', 'npx', ['eslint', '.']);
check('format', 'npx', ['prettier', '--check', '.']);
check('build-service', process.execPath, ['scripts/build-service.mjs']);
check('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
const serviceFiles = [...testFiles('test/emulator'), ...testFiles('test/proxy')];
nodeRunner('service', serviceFiles, { env: redisEnv });

if (process.versions.node.split('.')[0] === '24') {
  console.log('\n=== service-node24: the service runner above ran on Node 24 already\nservice-node24: 0 passed, 0 failed');
} else {
  console.log('\nFetching Node 24 for the service tests (npx -y node@24)...');
  const n24 = node24();
  if (n24.error) {
    console.log(`=== service-node24: no Node 24: ${n24.error}\nservice-node24: 0 passed, 1 failed`);
    totals.failed += 1;
  } else {
    // Its folder first on PATH, so anything a test starts as `node` is Node 24 too (children use process.execPath).
    const PATH = `${path.dirname(n24.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
    nodeRunner('service-node24', serviceFiles, { node: n24.execPath, version: n24.version, env: { PATH, ...redisEnv } });
  }
}

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
