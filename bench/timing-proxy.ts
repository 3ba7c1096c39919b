/**
 * A pass-through HTTP proxy in front of the emulator that records, per request, the time from its arrival
 * (headers read) to the end of its answer. What the service waits on "AFAS" for is exactly that interval,
 * plus only its own half of the loopback hop.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Interval } from './stats.js';

export interface TimedRequest extends Interval {
  /** Path without the query string (the query carries the caller's number). */
  path: string;
}

export interface TimingProxy {
  url: string;
  /** Answered requests, in order of completion. */
  readonly records: TimedRequest[];
  clear(): void;
  close(): Promise<void>;
}

const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name)));
}

export async function startTimingProxy(target: string): Promise<TimingProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const records: TimedRequest[] = [];

  const server = http.createServer((req, res) => {
    const start = performance.now();
    const url = req.url ?? '/';
    res.once('finish', () => records.push({ path: url.split('?')[0] ?? url, start, end: performance.now() }));
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: url,
        headers: { ...endToEnd(req.headers), host: upstream.host },
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        answer.pipe(res);
      },
    );
    forward.once('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    records,
    clear: () => {
      records.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

/** The AFAS connector base URL to publish to a service so that it reaches the emulator through the proxy. */
export const afasUrl = (proxy: TimingProxy): string => `${proxy.url}/ProfitRestServices/connectors`;
