import { hostname } from 'node:os';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface DataDirLock {
  release(): Promise<void>;
}

interface Holder {
  pid: number;
  host: string;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function holderOf(file: string): Promise<Holder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Holder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? { pid: parsed.pid, host: parsed.host } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One service process per data folder. Two processes on one `CRM_DATA_DIR` would each keep their own idea of the
 * primary UCC and overwrite each other's files, so the second is refused at start. A lock left by a process that
 * died (SIGKILL, power loss) on this host is taken over; one held from another host (a shared network folder) is not.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, 'service.lock');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const me: Holder = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await holderOf(file);
    const stale = holder !== undefined && holder.host === me.host && !alive(holder.pid);
    if (holder !== undefined && !stale) {
      throw new Error(
        `Another service process (pid ${holder.pid} on ${holder.host}) already uses CRM_DATA_DIR=${dir}. ` +
          'Run one process per data folder: several instances must share their state through Redis (CRM_REDIS_URL), not a folder. ' +
          `If that process is gone (another host), delete ${file}.`,
      );
    }
    // Left by a process that died, or unreadable (a crash mid-write): take it over.
    await rm(file, { force: true });
  }
  throw new Error(`Could not lock CRM_DATA_DIR=${dir}: another process took the lock at the same moment`);
}
