import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/** Suffix of the temporary files {@link writeFileAtomic} leaves behind only when the process dies mid-write. */
export const TEMP_SUFFIX = '.tmp';

/**
 * Writes `data` to `file` so that readers (and a restart after a crash) see either the old or the new content:
 * a new temp file beside it (mode 0600, it may hold the token) is written, flushed and renamed over `file`.
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomUUID()}${TEMP_SUFFIX}`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
