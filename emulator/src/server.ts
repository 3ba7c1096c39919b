/**
 * The HTTP layer: routes requests, records and counts AFAS calls, adds latency, emulated query cost and
 * faults, and makes sure close() ends promptly even with hung requests and keep-alive connections open.
 */
import http from 'node:http';
import type { ContactChanges } from './contact-changes.js';
import { emulatedCostMs } from './cost.js';
import type { FaultSwitch } from './faults.js';
import { requestsLike } from './query/filters.js';
import { parseQuery } from './query/params.js';
import { profitError, jsonReply, emptyReply, type Reply } from './reply.js';
import { controlReply } from './routes/control.js';
import { insiteReply, type InsiteIndex } from './routes/insite.js';
import { matchRoute, profitReply, type ProfitContext } from './routes/profit.js';
import type { CostModel, Fault, RecordedRequest } from './types.js';

export interface ServerDeps {
  profit: ProfitContext;
  insite: InsiteIndex;
  faults: FaultSwitch;
  contacts: ContactChanges;
  latencyMs: number;
  /** null = no emulated query cost. */
  cost: CostModel | null;
  quiet: boolean;
}

const maxControlBody = 16 * 1024;
const defaultSlowMs = 2500;
const defaultRetryAfter = 30;
const defaultOversizedBytes = 12 * 1024 * 1024;

/** A valid GetConnector answer of about `size` bytes: one row whose memo field fills it. */
function oversizedReply(size: number): Reply {
  return jsonReply(200, { skip: 0, take: 1, rows: [{ Memo: 'x'.repeat(Math.max(0, size - 40)) }] });
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = {
    'Content-Length': Buffer.byteLength(reply.body),
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': 'no-store',
    ...reply.headers,
  };
  if (reply.contentType) headers['Content-Type'] = reply.contentType;
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/** Half a JSON document: a 200 that no parser accepts. */
function truncate(reply: Reply): Reply {
  return reply.status === 200 ? { ...reply, body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) } : reply;
}

function faultReply(fault: Fault): Reply | null {
  switch (fault.mode) {
    case 'error500':
      return profitError(fault.message);
    case 'notAuthorized500':
      // What AFAS says for a connector outside the App Connector or a user without rights (status observed: 500).
      return profitError('GetConnector not supported for this app or the user is not authorized');
    case 'oversized':
      return oversizedReply(fault.sizeBytes ?? defaultOversizedBytes);
    case 'unavailable503':
      return jsonReply(503, {
        error: { code: '503', message: 'Service temporarily unavailable' },
        retry_after: fault.retryAfterSeconds ?? defaultRetryAfter,
      });
    case 'unauthorized401':
      return emptyReply(401);
    case 'forbidden403':
      return emptyReply(403);
    default:
      return null;
  }
}

export class EmulatorServer {
  readonly requests: RecordedRequest[] = [];
  likeQueries = 0;
  inFlight = 0;
  inFlightMax = 0;
  readonly http: http.Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | null = null;

  constructor(private readonly deps: ServerDeps) {
    this.http = http.createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        process.stderr.write(`afas-emulator: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        send(res, profitError());
      });
    });
  }

  resetRequests(): void {
    this.requests.length = 0;
    this.likeQueries = 0;
    this.inFlightMax = this.inFlight;
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const t of this.timers) clearTimeout(t);
      this.timers.clear();
      this.http.close(() => resolve());
      // Hung requests and idle keep-alive sockets would otherwise hold close() open.
      this.http.closeAllConnections();
    });
    return this.closing;
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q + 1);
    const lower = path.toLowerCase();
    const method = req.method ?? 'GET';
    if (lower === '/profitrestservices' || lower.startsWith('/profitrestservices/')) {
      return this.profit(req, res, path, query);
    }
    if (lower === '/_emulator' || lower.startsWith('/_emulator/')) {
      const body = await readBody(req);
      if (body === null) return send(res, jsonReply(413, { error: 'body too large' }));
      return send(
        res,
        controlReply(method, path, body, {
          faults: this.deps.faults,
          requestCount: () => this.requests.length,
          likeQueries: () => this.likeQueries,
          resetRequests: () => this.resetRequests(),
          contacts: this.deps.contacts,
        }),
      );
    }
    if (lower === '/insite') {
      return send(res, { status: 301, body: '', headers: { Location: `/insite/${q < 0 ? '' : `?${query}`}` } });
    }
    if (lower.startsWith('/insite/') && (method === 'GET' || method === 'HEAD')) {
      return send(res, insiteReply(this.deps.insite, query));
    }
    if (path === '/') {
      return send(
        res,
        jsonReply(200, {
          emulator: 'AFAS Profit REST API (fictional data)',
          connectors: '/ProfitRestServices/connectors/{id}',
          insite: '/insite/',
          control: '/_emulator/fault, /_emulator/requests, /_emulator/contacts/{ContactId}',
        }),
      );
    }
    send(res, emptyReply(404));
  }

  private async profit(req: http.IncomingMessage, res: http.ServerResponse, path: string, query: string): Promise<void> {
    const method = req.method ?? 'GET';
    const route = matchRoute(path);
    const record: RecordedRequest = {
      method,
      path,
      query,
      authorization: req.headers.authorization,
      at: Date.now(),
      like: route?.kind === 'connector' && requestsLike(parseQuery(query)),
      rowsScanned: 0,
      costMs: 0,
    };
    this.requests.push(record);
    if (record.like) this.likeQueries += 1;
    this.inFlight += 1;
    this.inFlightMax = Math.max(this.inFlightMax, this.inFlight);
    const started = Date.now();
    let label = '';
    res.once('close', () => {
      this.inFlight -= 1;
      if (!this.deps.quiet) {
        const status = res.writableFinished ? String(res.statusCode) : 'no answer';
        process.stdout.write(`afas-emulator ${method} ${path} ${status} ${Date.now() - started}ms${label}\n`);
      }
    });

    await this.wait(this.deps.latencyMs);
    const fault = this.deps.faults.take(route?.kind === 'connector' ? route.id : undefined);
    if (fault) label = ` [fault ${fault.mode}]`;
    if (fault?.mode === 'slow') await this.wait(fault.delayMs ?? defaultSlowMs);
    if (res.destroyed) return;
    if (fault?.mode === 'hang') return; // answered never; close() or the client ends it
    if (fault?.mode === 'reset') {
      req.socket.resetAndDestroy();
      return;
    }
    const injected = fault ? faultReply(fault) : null;
    if (injected) return send(res, injected);
    const { reply, stats } = profitReply({ method, path, query, authorization: req.headers.authorization }, this.deps.profit);
    if (stats) {
      record.rowsScanned = stats.rowsScanned;
      record.costMs = this.deps.cost ? emulatedCostMs(stats, this.deps.cost) : 0;
      label += ` [${stats.access}, ${stats.rowsScanned} rows${record.costMs > 0 ? `, cost ${Math.round(record.costMs)}ms` : ''}]`;
      await this.wait(record.costMs);
    }
    send(res, fault?.mode === 'badJson' ? truncate(reply) : reply);
  }

  private wait(ms: number): Promise<void> {
    if (ms <= 0 || this.closing) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }
}

/** The body as text, or null when it exceeds the limit. */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxControlBody) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxControlBody ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
