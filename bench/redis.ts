/**
 * A private redis-server for the fleet section: a free loopback port, a throw-away folder, nothing saved. It is
 * killed by stop(), and also when this process exits without calling it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** REDIS_SERVER picks another binary (as for npm test); by default Debian's (apt-get install redis-server). */
const binary = process.env.REDIS_SERVER || '/usr/bin/redis-server';
const READY_WITHIN_MS = 10_000;

export interface BenchRedis {
  /** redis://127.0.0.1:<port> */
  url: string;
  pid: number;
  /** e.g. "7.0.15" (from its start-up log), or "unknown" */
  version: string;
  stop(): Promise<void>;
}

/** The binary could not be run at all: the fleet section is skipped with this message. */
export class RedisMissing extends Error {}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function launch(port: number, dir: string): Promise<BenchRedis> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'no'];
  const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = once(proc, 'exit').catch(() => undefined);
  const killNow = (): void => {
    proc.kill('SIGKILL');
  };
  process.once('exit', killNow);

  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${binary} was not ready within ${READY_WITHIN_MS / 1000} s:\n${output}`)),
        READY_WITHIN_MS,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', onData);
      proc.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          error.code === 'ENOENT' || error.code === 'EACCES'
            ? new RedisMissing(`${binary} cannot be run (${error.code}): install Debian's redis-server, or set REDIS_SERVER`)
            : error,
        );
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${binary} exited (${code ?? signal}) before it was ready:\n${output}`));
      });
    });
  } catch (error) {
    killNow();
    process.off('exit', killNow);
    throw error;
  }
  // Its log is not needed any more; only the start-up lines were read.
  proc.stdout.removeAllListeners('data').resume();
  proc.stderr.removeAllListeners('data').resume();

  return {
    url: `redis://127.0.0.1:${port}`,
    pid: proc.pid ?? -1,
    version: /version=(\d+\.\d+\.\d+)/.exec(output)?.[1] ?? 'unknown',
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const killer = setTimeout(killNow, 5000);
        await exited;
        clearTimeout(killer);
      }
      process.off('exit', killNow);
    },
  };
}

/** Starts redis-server; rejects with RedisMissing when the binary is not there. */
export async function startRedis(): Promise<BenchRedis> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-afas-bench-redis-'));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  for (let attempt = 1; ; attempt++) {
    try {
      // Another process may take the port between freePort() and redis-server binding it: then try another one.
      const redis = await launch(await freePort(), dir);
      return {
        ...redis,
        async stop() {
          await redis.stop();
          process.off('exit', removeDir);
          removeDir();
        },
      };
    } catch (error) {
      if (error instanceof RedisMissing || !/Address already in use/.test(String(error)) || attempt === 3) {
        process.off('exit', removeDir);
        removeDir();
        throw error;
      }
    }
  }
}
