import { chmod, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { isAfasId } from '../afas/ids.js';
import { TEMP_SUFFIX, writeFileAtomic } from './atomic-file.js';
import { attributeCategories } from './types.js';
import { readUccName, uccKey } from './ucc-name.js';

/** One UCC's last accepted publish, as stored (CrmService settings and our attribute categories only). */
const storedPublish = z.object({
  format: z.literal(1),
  ucc: z.string(),
  firstPublishedAt: z.string(),
  publishedAt: z.string(),
  settings: z.array(z.object({ name: z.string().min(1), value: z.string() })),
  attributes: z.array(
    z.object({
      displayName: z.string(),
      systemName: z.string().refine(isAfasId),
      showOnExtensionWindow: z.boolean(),
      order: z.number(),
      fieldType: z.array(z.string()),
      hyperlink: z.string().nullable(),
      category: z.enum(attributeCategories),
    }),
  ),
});
export type StoredPublish = Omit<z.infer<typeof storedPublish>, 'format'>;

const storedPrimary = z.object({ format: z.literal(1), ucc: z.string(), since: z.string() });

/** A stored publish as JSON text, the same in a file and in Redis. */
export const publishText = (p: StoredPublish): string => JSON.stringify({ format: 1, ...p });

/** Reads a stored publish back; undefined when it is not one (never says why: the text holds the token). */
export function readPublishText(text: string): StoredPublish | undefined {
  try {
    const parsed = storedPublish.safeParse(JSON.parse(text));
    if (!parsed.success || !readUccName(parsed.data.ucc).ok) return undefined;
    const { format: _format, ...p } = parsed.data;
    return p;
  } catch {
    return undefined;
  }
}

export interface LoadedSettings {
  /** The primary UCC's name as stored in primary.json, if that file exists and is readable. */
  primary: string | undefined;
  publishes: StoredPublish[];
}

/**
 * The files under `<dataDir>/settings/`: `primary.json` names the primary UCC, `ucc-<name>.json` holds each
 * UCC's last publish (name lower-cased). Files are 0600 and the folder 0700: they hold the AFAS token.
 */
export interface SettingsFiles {
  readonly dir: string;
  load(): Promise<LoadedSettings>;
  savePublish(p: StoredPublish): Promise<void>;
  savePrimary(ucc: string): Promise<void>;
  /** Removes a UCC's file (no error when it is already gone). */
  deletePublish(ucc: string): Promise<void>;
}

const PRIMARY_FILE = 'primary.json';
const PUBLISH_FILE = /^ucc-(.+)\.json$/;

/** The file of a UCC; the name was validated by readUccName, and the result is checked to stay inside `dir`. */
function publishFile(dir: string, ucc: string): string {
  const name = readUccName(ucc);
  const file = path.join(dir, `ucc-${uccKey(ucc)}.json`);
  if (!name.ok || path.dirname(file) !== dir) throw new Error('refusing a UCC name that is not a plain file name');
  return file;
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

export async function openSettingsFiles(dataDir: string, logger?: Logger): Promise<SettingsFiles> {
  const dir = path.resolve(dataDir, 'settings');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);

  async function readPrimary(): Promise<string | undefined> {
    try {
      return storedPrimary.parse(await readJson(path.join(dir, PRIMARY_FILE))).ucc;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        logger?.error({ file: PRIMARY_FILE }, 'primary settings file is unreadable; ignoring it');
      return undefined;
    }
  }

  async function readPublish(entry: string): Promise<StoredPublish | undefined> {
    try {
      const { format: _format, ...p } = storedPublish.parse(await readJson(path.join(dir, entry)));
      if (!readUccName(p.ucc).ok || `ucc-${uccKey(p.ucc)}.json` !== entry) throw new Error('UCC name does not match the file name');
      return p;
    } catch {
      // Never log the error itself: a JSON syntax error quotes the file's content, which holds the token.
      logger?.error({ file: entry }, 'stored UCC settings file is unreadable; ignoring it');
      return undefined;
    }
  }

  return {
    dir,
    async load() {
      const entries = await readdir(dir);
      await Promise.all(entries.filter((e) => e.endsWith(TEMP_SUFFIX)).map((e) => rm(path.join(dir, e), { force: true })));
      const publishes = await Promise.all(entries.filter((e) => PUBLISH_FILE.test(e)).map(readPublish));
      return { primary: await readPrimary(), publishes: publishes.filter((p): p is StoredPublish => p !== undefined) };
    },
    async savePublish(p) {
      await writeFileAtomic(publishFile(dir, p.ucc), `${JSON.stringify({ format: 1, ...p }, null, 2)}\n`);
    },
    async savePrimary(ucc) {
      await writeFileAtomic(
        path.join(dir, PRIMARY_FILE),
        `${JSON.stringify({ format: 1, ucc, since: new Date().toISOString() }, null, 2)}\n`,
      );
    },
    async deletePublish(ucc) {
      await rm(publishFile(dir, ucc), { force: true });
    },
  };
}
