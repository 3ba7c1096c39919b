import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const KEY_BYTES = 32;

const keyFile = (dataDir: string): string => path.join(path.resolve(dataDir, 'secrets'), 'signing.key');

/** The key in `<dataDir>/secrets/signing.key`; undefined when there is none. */
export async function readSigningKey(dataDir: string): Promise<Buffer | undefined> {
  const file = keyFile(dataDir);
  try {
    const existing = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    if (existing.length === KEY_BYTES) return existing;
    throw new Error(
      `${file} does not hold a ${KEY_BYTES}-byte Base64 key; delete it to have a new one made (open case lists then need a new lookup)`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return undefined;
  }
}

/**
 * The service's own secret for signing what it hands out (casesRefs), kept in `<dataDir>/secrets/signing.key`
 * (0600) so a restart does not invalidate refs an agent's panel still holds. Created on first start.
 */
export async function loadSigningKey(dataDir: string): Promise<Buffer> {
  const file = keyFile(dataDir);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const existing = await readSigningKey(dataDir);
  if (existing) return existing;
  const key = randomBytes(KEY_BYTES);
  // `wx`: two processes starting at once must not overwrite each other's key; the loser reads the winner's.
  try {
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadSigningKey(dataDir);
  }
  await chmod(file, 0o600);
  return key;
}
