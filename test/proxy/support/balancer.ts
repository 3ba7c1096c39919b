import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback round-robin load balancer, like an operator's LB in front of the service instances. */
export interface Balancer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Origins like http://127.0.0.1:1234, in turn; a test may replace entries (a restarted instance). */
  backends: string[];
  /** Answers forwarded per backend origin. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** How long a backend that refused or dropped a connection is passed over (a passive health check). */
const downForMs = 2000;
/** Connection failures before any answer: the backend is gone, so the request can go to the next one. */
const connectFailures = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);
/** Per-connection headers, which a proxy does not pass on. */
const hopByHop = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade'];

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  for (const name of hopByHop) delete copy[name];
  return copy;
}

class ConnectFailure extends Error {}

/**
 * Sends one buffered request to `backend` and streams its answer back. Rejects with ConnectFailure if the connection
 * fails before the answer starts (nothing has been sent to the client then, so the request may be retried).
 */
function forward(backend: string, req: IncomingMessage, body: Buffer, res: ServerResponse, agent: http.Agent): Promise<void> {
  const target = new URL(req.url ?? '/', backend);
  const headers = withoutHopByHop(req.headers);
  headers.host = target.host;
  const forwardedFor = [req.headers['x-forwarded-for'] ?? [], req.socket.remoteAddress ?? []].flat();
  headers['x-forwarded-for'] = forwardedFor.join(', ');
  if (body.length > 0 || req.headers['content-length'] !== undefined) headers['content-length'] = String(body.length);

  return new Promise((resolve, reject) => {
    let answered = false;
    const upstream = http.request(
      { hostname: target.hostname, port: target.port, method: req.method, path: target.pathname + target.search, headers, agent },
      (answer) => {
        answered = true;
        res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
        answer.pipe(res);
        answer.once('error', () => res.destroy());
        res.once('close', () => {
          if (!res.writableFinished) answer.destroy();
        });
        resolve();
      },
    );
    upstream.once('error', (e: NodeJS.ErrnoException) => {
      if (answered) res.destroy(e);
      else reject(connectFailures.has(e.code ?? '') ? new ConnectFailure(`${backend}: ${e.code}`) : e);
    });
    upstream.end(body);
  });
}

/** Starts a round-robin HTTP load balancer on a free loopback port, in front of `backends` (origins). */
export async function startBalancer(backends: string[]): Promise<Balancer> {
  const agent = new http.Agent({ keepAlive: true });
  const downUntil = new Map<string, number>();
  let turn = 0;

  /** This request's backends to try: the next in turn first, then the rest in order; those marked down last. */
  const order = (): string[] => {
    const list = [...balancer.backends];
    if (list.length === 0) return [];
    const start = turn++ % list.length;
    const rotated = [...list.slice(start), ...list.slice(0, start)];
    const isDown = (b: string) => (downUntil.get(b) ?? 0) > Date.now();
    return [...rotated.filter((b) => !isDown(b)), ...rotated.filter(isDown)];
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const failures: string[] = [];
    for (const backend of order()) {
      try {
        await forward(backend, req, body, res, agent);
        balancer.hits.set(backend, (balancer.hits.get(backend) ?? 0) + 1);
        return;
      } catch (e) {
        if (!(e instanceof ConnectFailure)) throw e;
        downUntil.set(backend, Date.now() + downForMs);
        failures.push(e.message);
      }
    }
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'no backend answered', failures }));
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(e) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // Like the instances behind it, a balancer a failed test did not close must not keep the test process alive.
  server.unref();

  const balancer: Balancer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    backends: [...backends],
    hits: new Map(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
  return balancer;
}
