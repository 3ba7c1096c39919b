// Shared fixtures of the settings tests: tokens, URLs, setting items, a temp data dir and a capturing logger.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { AppError } from '../../../proxy/src/errors.js';
import { createLogger } from '../../../proxy/src/logger.js';

export const HEX = 'C0FFEE00112233445566778899AABBCCDDEEFF0123456789ABCDEF0011223344';
export const TOKEN_XML = `<token><version>1</version><data>${HEX}</data></token>`;
export const TOKEN_BASE64 = Buffer.from(TOKEN_XML, 'utf8').toString('base64');
export const OTHER_TOKEN_XML = `<token><version>1</version><data>${'AB'.repeat(32)}</data></token>`;

/** The REST root the settings make of REST (with or without `/connectors`). */
export const REST_ROOT = 'https://12345.rest.afas.online/ProfitRestServices';
export const REST = `${REST_ROOT}/connectors`;
export const INSITE = 'https://12345.afasinsite.nl/';

export const setting = (name: string, value: string, scope = 'CrmService') => ({ name, value, scope });

export const requiredSettings = (token = TOKEN_XML) => [
  setting('Token', token),
  setting('ConnectorRestServiceBaseUrl', REST),
  setting('Insite', INSITE),
];

/** A fresh data dir per test; removed afterwards. */
export async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'crm-settings-test-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A real pino logger (with the app's redaction) writing into `lines`. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger('trace', stream), lines };
}

/** Runs `fn`, expecting an AppError; returns it. */
export async function appError(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

/** Every form in which the test token could leak. */
export const tokenForms = [HEX, TOKEN_BASE64, TOKEN_XML];

/** One Plugin Attributes item as published, shown on the extension window, without a hyperlink. */
export const attributeItem = <C extends string>(category: C, systemName: string, order: number, fieldType: string[] = []) => ({
  displayName: systemName,
  systemName,
  showOnExtensionWindow: true,
  order,
  fieldType,
  hyperlink: null,
  category,
});
