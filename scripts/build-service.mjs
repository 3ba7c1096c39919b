#!/usr/bin/env node
// Compiles the service to JavaScript: `tsc -p tsconfig.build.json` (proxy/src and the contract it imports, type-checked)
// into dist/service/, keeping the source layout (the entry is dist/service/proxy/src/main.js). Run by `npm run build`
// and on install (`prepare`), so a fresh `npm ci` has it.
//   --if-stale   build only when dist/service is missing or older than its sources (`npm run serve`, the tests that
//                start the service as a process), so nobody runs stale code; otherwise do nothing, quickly.
// The output is written to a temporary folder and swapped in whole: a failed build leaves no half-built service and no
// file of a deleted source. The build fails if anything outside proxy/ and contract/ (the emulator, tests) got in.
// Uses only Node's built-ins and the project's own TypeScript.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const outDir = path.join(dist, 'service');
const stamp = path.join(outDir, '.build-stamp');
/** Everything the compiled output depends on: a newer file or folder here (an edit, an added, renamed or deleted file) means rebuild. */
const sources = ['proxy/src', 'contract', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build-service.mjs'].map((p) =>
  path.join(root, p),
);
const allowedTop = new Set(['proxy', 'contract']);

/** Newest modification time of a file, or of a folder and everything in it (folders count: deleting a file changes its folder). */
export function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p, { recursive: true })) {
    // An editor's temporary file may vanish between the listing and the stat.
    newest = Math.max(newest, statSync(path.join(p, String(entry)), { throwIfNoEntry: false })?.mtimeMs ?? 0);
  }
  return newest;
}

/** Why the compiled service must be (re)built, or undefined when it is up to date. */
export function staleReason() {
  if (!existsSync(path.join(outDir, 'proxy/src/main.js')) || !existsSync(stamp)) return 'dist/service is missing';
  const built = statSync(stamp).mtimeMs;
  const changed = sources.find((p) => newestMtime(p) > built);
  return changed ? `${path.relative(root, changed)} changed since dist/service was built` : undefined;
}

export function buildService() {
  const started = new Date();
  let tsc;
  try {
    tsc = createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('TypeScript is not installed: run `npm ci` (with the dev dependencies) to build the service.');
  }
  mkdirSync(dist, { recursive: true });
  const tmp = path.join(dist, `.service-build-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', tmp], {
      cwd: root,
      stdio: 'inherit',
    });
    if (r.status !== 0)
      throw new Error(`tsc -p tsconfig.build.json failed (exit ${r.status ?? r.signal}): dist/service was left as it was.`);
    const strays = readdirSync(tmp).filter((name) => !allowedTop.has(name));
    if (strays.length > 0) {
      throw new Error(`the compiled service pulled in ${strays.join(', ')}: proxy/src may only import proxy/src, contract and packages.`);
    }
    if (!existsSync(path.join(tmp, 'proxy/src/main.js'))) throw new Error('tsc wrote no proxy/src/main.js');
    // Stamped with the time the build started: a source saved while tsc ran is newer, so the next check rebuilds.
    const tmpStamp = path.join(tmp, '.build-stamp');
    writeFileSync(tmpStamp, `built ${started.toISOString()} by ${process.version}\n`);
    utimesSync(tmpStamp, started, started);
    const old = path.join(dist, `.service-old-${process.pid}`);
    if (existsSync(outDir)) renameSync(outDir, old);
    try {
      renameSync(tmp, outDir);
    } catch (e) {
      // Another build (a second test process) swapped its output in at the same moment: it is as new as this one.
      if (!existsSync(stamp)) throw e;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
  try {
    if (process.argv.includes('--if-stale')) {
      const reason = staleReason();
      if (reason) {
        console.log(`Building the service (${reason})...`);
        buildService();
      }
    } else {
      buildService();
    }
  } catch (e) {
    console.error(`build-service: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
