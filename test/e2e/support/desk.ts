import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';

export interface Desk {
  /** `http://localhost:<port>`: another origin than the service's `127.0.0.1`, as in production. */
  origin: string;
  close: () => void;
}

/** An agent desktop on a second origin: answers every request with the page `html` builds from the request's URL. */
export async function startDesk(html: (url: URL) => string): Promise<Desk> {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(html(new URL(req.url ?? '/', 'http://localhost')));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { origin: `http://localhost:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** A message the desk heard from the service's page (crm:ready, crm:lookup-completed, ...). */
export interface HeardMessage {
  type: string;
  status?: string;
  count?: number;
  name?: string;
  href?: string;
  kind?: string;
}

// The functions handed to the page below define no named functions of their own: tsx would wrap those in __name(),
// which the page does not have.

/**
 * Records every message posted to `page`'s window from `origin` (the service's) into `window.heard`, from the next
 * document on: call it before page.goto, so a message sent while the page loads (crm:ready) is heard too.
 */
export async function recordMessages(page: Page, origin: string): Promise<void> {
  await page.evaluateOnNewDocument((from) => {
    const heard: unknown[] = [];
    (window as unknown as { heard: unknown[] }).heard = heard;
    window.addEventListener('message', (e) => {
      if (e.origin === from) heard.push(e.data);
    });
  }, origin);
}

/** The first message of `type` that recordMessages recorded on `page`, once there; fails with what was heard instead. */
export async function heardMessage(page: Page, type: string, timeout = 15_000): Promise<HeardMessage> {
  try {
    const handle = await page.waitForFunction(
      (t) => (window as unknown as { heard?: HeardMessage[] }).heard?.find((m) => m.type === t),
      { timeout },
      type,
    );
    return (await handle.jsonValue()) as HeardMessage;
  } catch (e) {
    const heard = await page.evaluate(() => (window as unknown as { heard?: unknown[] }).heard).catch(() => undefined);
    assert.fail(`the desk never heard ${type}: ${JSON.stringify(heard)} (${e instanceof Error ? e.message : String(e)})`);
  }
}
