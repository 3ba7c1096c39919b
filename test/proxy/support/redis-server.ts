import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** `npm test` sets REDIS_SERVER to the binary it found or installed (scripts/test.mjs); otherwise the one on PATH. */
const binary = process.env.REDIS_SERVER || 'redis-server';
const readyWithinMs = 10_000;

/** A private redis-server for one test file: its own port and folder, no persistence, gone when the test process ends. */
export interface TestRedis {
  /** redis://127.0.0.1:<port> */
  url: string;
  port: number;
  /** The running server's pid (-1 while stopped). */
  readonly pid: number;
  /** e.g. "7.0.15", from its start-up log. */
  readonly version: string;
  /** SIGTERM and wait for the exit: everything it held is gone (nothing is saved). */
  stop(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>;
  /** stop() and remove its folder. */
  close(): Promise<void>;
}

class AddressInUse extends Error {}

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs redis-server on `port`; resolves with the process once it accepts connections. */
async function launch(port: number, dir: string): Promise<{ proc: ChildProcess; exited: Promise<void>; version: string }> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'no'];
  const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.once('error', () => resolve());
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      fail(new Error(`${binary} was not ready within ${readyWithinMs / 1000} s:\n${output}`));
    }, readyWithinMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('error', (e) =>
      fail(new Error(`could not run ${binary} (${e.message}): npm test installs Debian's redis-server, or set REDIS_SERVER`)),
    );
    proc.once('exit', (code, signal) => {
      const why = `${binary} exited (${code ?? signal}) before it was ready:\n${output}`;
      fail(/Address already in use/.test(output) ? new AddressInUse(why) : new Error(why));
    });
  });
  // A test that forgets close() must not keep its process alive; the 'exit' hook below kills the server then.
  proc.unref();
  (proc.stdout as net.Socket).unref();
  (proc.stderr as net.Socket).unref();
  return { proc, exited, version: /version=(\d+\.\d+\.\d+)/.exec(output)?.[1] ?? 'unknown' };
}

/** Starts a private redis-server on a free loopback port, for tests of the service's shared state on Redis (and the fleet benchmark). */
export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-afas-redis-'));
  let current: Awaited<ReturnType<typeof launch>> | undefined;
  let version = 'unknown';
  const killNow = () => {
    current?.proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killNow);

  /** Up to five tries: another process may take the port between freePort() and redis-server binding it. */
  const launchOn = async (pickPort: () => Promise<number>): Promise<number> => {
    for (let attempt = 1; ; attempt++) {
      const port = await pickPort();
      try {
        current = await launch(port, dir);
        version = current.version;
        return port;
      } catch (e) {
        if (!(e instanceof AddressInUse) || attempt === 5) throw e;
        await sleep(200);
      }
    }
  };

  let port: number;
  try {
    port = await launchOn(freePort);
  } catch (e) {
    process.off('exit', killNow);
    killNow();
    throw e;
  }

  const stop = async () => {
    const running = current;
    current = undefined;
    if (!running || running.proc.exitCode !== null || running.proc.signalCode !== null) return;
    running.proc.ref();
    running.proc.kill('SIGTERM');
    const killer = setTimeout(() => running.proc.kill('SIGKILL'), 5000);
    await running.exited;
    clearTimeout(killer);
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return current?.proc.pid ?? -1;
    },
    get version() {
      return version;
    },
    stop,
    async start() {
      await stop();
      await launchOn(() => Promise.resolve(port));
    },
    async close() {
      await stop();
      process.off('exit', killNow);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
