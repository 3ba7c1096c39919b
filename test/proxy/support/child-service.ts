import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
/** What `npm run serve` runs: the compiled service (scripts/build-service.mjs), not the TypeScript sources. */
const entry = 'dist/service/proxy/src/main.js';

let built = false;
/** Builds dist/service when it is missing or older than its sources (once per test process; `npm test` builds it first). */
function ensureBuilt(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['scripts/build-service.mjs', '--if-stale'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`could not build the service:\n${r.stdout}${r.stderr}`);
  built = true;
}

/** `npm run serve` as a real child process (what production runs), for start-up, signal and memory tests. */
export interface ChildService {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resident memory of the process in MB, from /proc. */
  rssMb(): number;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface ChildServiceOptions {
  /** Runs on this data dir, which is kept when the process exits (a restart on the same folder); default a fresh one. */
  dataDir?: string;
}

/**
 * Runs the compiled service with `env` (plus a fresh data dir, unless `options.dataDir`); resolves once it listens,
 * rejects if it exits first.
 */
export async function startChildService(env: Record<string, string>, options: ChildServiceOptions = {}): Promise<ChildService> {
  ensureBuilt();
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'crm-afas-child-'));
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', CRM_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (!options.dataDir) void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));

  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const m = /"url":"([^"]+)"[^\n]*"msg":"listening"/.exec(text);
      if (m?.[1]) {
        child.stdout.off('data', onData);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    void exited.then((code) => reject(new Error(`the service exited (${code}) before listening:\n${text}`)));
  });

  return {
    url,
    process: child,
    output: () => text,
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
    },
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs the service expecting it to refuse to start; resolves with its exit code and output. */
export async function refusedStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  try {
    const s = await startChildService(env);
    await s.stop();
    return { code: 0, output: s.output() };
  } catch (e) {
    const output = e instanceof Error ? e.message : String(e);
    const code = /exited \((\d+|null)\)/.exec(output)?.[1];
    return { code: code === undefined || code === 'null' ? null : Number(code), output };
  }
}
