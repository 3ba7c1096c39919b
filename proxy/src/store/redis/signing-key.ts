import { randomBytes } from 'node:crypto';
import { PREFIX, type RedisLink } from './connection.js';

const KEY = `${PREFIX}secrets:signing-key`;
const KEY_BYTES = 32;

async function propose(link: RedisLink, key: Buffer): Promise<Buffer> {
  await link.commands.set(KEY, key.toString('base64'), 'NX');
  const stored = Buffer.from((await link.commands.get(KEY)) ?? '', 'base64');
  if (stored.length !== KEY_BYTES)
    throw new Error(`Redis key ${KEY} does not hold a ${KEY_BYTES}-byte Base64 key; delete it to have a new one made`);
  return stored;
}

/**
 * The fleet's signing secret, kept in Redis: the first instance stores its folder's key (casesRefs it handed out
 * stay valid) or a new one, and every instance uses the one stored. After a reconnect the instance offers its key
 * again, so a Redis that restarted without persistence gets the same key back rather than a new one.
 */
export async function sharedSigningKey(link: RedisLink, folderKey: Buffer | undefined): Promise<Buffer> {
  const key = await propose(link, folderKey ?? randomBytes(KEY_BYTES));
  link.onReconnect(() => void link.commands.set(KEY, key.toString('base64'), 'NX').catch(() => undefined));
  return key;
}
