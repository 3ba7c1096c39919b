import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

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
