/**
 * The two sides of a benchmark child process. The child prints one JSON line `{"url": ...}` once it
 * listens, and stops on SIGTERM/SIGINT or when its stdin closes, so it also ends when the parent dies.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** In the child: report the URL and wait for the parent to let go. */
export function announce(url: string, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    const forced = setTimeout(() => process.exit(0), 3000);
    forced.unref();
    close()
      .catch((error: unknown) => process.stderr.write(`bench child: ${String(error)}\n`))
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.once('end', stop);
  process.stdin.once('close', stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ url })}\n`);
}

export interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function urlOf(line: string): string {
  const parsed: unknown = JSON.parse(line);
  if (typeof parsed === 'object' && parsed !== null && 'url' in parsed && typeof parsed.url === 'string') return parsed.url;
  throw new Error(`unexpected first line from child: ${line}`);
}

/** In the parent: run a TypeScript file in its own Node process (with extra `env`) and wait for its URL. */
export async function startChild(
  script: string,
  nodeArgs: readonly string[] = [],
  env: Record<string, string> = {},
  startTimeoutMs = 20_000,
): Promise<Child> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    lines.close();
  };
  try {
    const first = await Promise.race([
      once(lines, 'line').then(([line]) => String(line)),
      exited.then(() => Promise.reject(new Error(`${script} exited before it reported its URL`))),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`${script} did not start within ${startTimeoutMs} ms`)), startTimeoutMs).unref(),
      ),
    ]);
    return { url: urlOf(first), pid: child.pid ?? -1, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
