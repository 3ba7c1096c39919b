import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startBalancer, type Balancer } from './balancer.js';
import { startChildService, type ChildService } from './child-service.js';

/** N real service processes (the compiled service) behind a round-robin load balancer, as an operator runs a fleet. */
export interface Fleet {
  /** Instance i; replaced by restart(i). */
  instances: ChildService[];
  /** backends[i] is instance i's origin. */
  balancer: Balancer;
  /** (Re)starts instance i with the same env, data dir and port; stops it first (SIGTERM) if it still runs. */
  restart(i: number): Promise<void>;
  /** Sends `signal` (default SIGKILL: a crashed instance) to instance i and waits for it to exit. */
  kill(i: number, signal?: NodeJS.Signals): Promise<void>;
  close(): Promise<void>;
}

const running = (s: ChildService) => s.process.exitCode === null && s.process.signalCode === null;
const origin = (s: ChildService) => new URL(s.url).origin;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Lets the test process end while instances run (a test that failed before close()); the 'exit' hook then kills them.
 * Whoever waits for an instance to exit must hold() it again, or the process could end while waiting.
 */
function release(s: ChildService): ChildService {
  s.process.unref();
  for (const stream of [s.process.stdout, s.process.stderr]) (stream as Socket | null)?.unref();
  return s;
}
function hold(s: ChildService): ChildService {
  s.process.ref();
  return s;
}

/**
 * Starts `n` service processes, each with its own data dir and port (PORT 0 unless `env` sets one, which only suits
 * n = 1), plus `env` (e.g. CRM_REDIS_URL, CRM_SETTINGS_KEY, CRM_API_KEYS=none), and a balancer in front of them.
 */
export async function startFleet(n: number, env: Record<string, string>): Promise<Fleet> {
  const dataDirs = Array.from({ length: n }, () => mkdtempSync(path.join(os.tmpdir(), 'crm-afas-fleet-')));
  const instances: ChildService[] = [];
  const cleanUp = () => {
    for (const s of instances) if (running(s)) s.process.kill('SIGKILL');
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  };
  // A failing test must not leave service processes behind.
  process.once('exit', cleanUp);

  const started = await Promise.allSettled(dataDirs.map((dataDir) => startChildService({ PORT: '0', ...env }, { dataDir })));
  for (const r of started) if (r.status === 'fulfilled') instances.push(release(r.value));
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(instances.map((s) => hold(s).stop()));
    process.off('exit', cleanUp);
    cleanUp();
    throw failed.reason;
  }
  const balancer = await startBalancer(instances.map(origin));

  /** Starts instance i on `port`; retries a few times if the port is still (or already) taken. */
  const startOn = async (i: number, port: string): Promise<ChildService> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return release(await startChildService({ ...env, PORT: port }, { dataDir: dataDirs[i] }));
      } catch (e) {
        if (!(e instanceof Error && /EADDRINUSE/.test(e.message)) || attempt === 5) throw e;
        await sleep(200);
      }
    }
  };

  const instance = (i: number): ChildService => {
    const s = instances[i];
    if (!s) throw new Error(`the fleet has no instance ${i} (it has ${instances.length})`);
    return s;
  };

  const fleet: Fleet = {
    instances,
    balancer,
    async kill(i, signal = 'SIGKILL') {
      const s = hold(instance(i));
      if (running(s)) s.process.kill(signal);
      await s.exited;
    },
    async restart(i) {
      const old = instance(i);
      if (running(old)) await fleet.kill(i, 'SIGTERM');
      const s = await startOn(i, new URL(old.url).port);
      instances[i] = s;
      balancer.backends[i] = origin(s);
    },
    async close() {
      await balancer.close();
      await Promise.all(instances.map((s) => hold(s).stop()));
      process.off('exit', cleanUp);
      cleanUp();
    },
  };
  return fleet;
}

/** The fleet's address for clients: the balancer plus the service's base path (e.g. http://127.0.0.1:1234/CrmServiceAfasProfit). */
export function fleetUrl(fleet: Fleet): string {
  const first = fleet.instances[0];
  if (!first) throw new Error('the fleet has no instances');
  const basePath = new URL(first.url).pathname.replace(/\/$/, '');
  return `${fleet.balancer.url}${basePath}`;
}
